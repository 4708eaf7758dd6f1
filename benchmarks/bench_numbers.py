"""Benchmark of govreport.numbers, ratios measured in one run on this machine.

    .venv/bin/python benchmarks/bench_numbers.py            # measure and print
    .venv/bin/python benchmarks/bench_numbers.py --check    # and exit 1 on a missed target
    .venv/bin/python benchmarks/bench_numbers.py --smoke    # every path on tiny inputs (CI)

Sections and targets (issue 14, and the linear-time rule of the harness):

* ``corpus``: find_quantities on every report of ``tests/data`` vs ``cn2an.transform(text,
  "cn2an")`` and ``jieba.lcut(text)`` on the same texts (jieba initialised first, so that its
  dictionary load is not counted). Targets: >= 10x faster than cn2an's transform, faster
  than jieba.
* ``mentions``: parse_quantity on a few hundred plain figures that cn2an also reads, and on
  the mentions of the spec files of ``tests/spec/numbers`` (every form govreport reads).
  Targets: >= 30,000 mentions/s warm on both; on the plain figures, cold (the caches of
  numerals read emptied before each pass) >= 2x the rate of ``cn2an.cn2an(s, "smart")`` on
  the same list. cn2an reads few of the spec forms: its rate there is printed, no target.
* ``linear``: find_quantities and parse_number at 1x and 8x their input (the corpus, runs
  of digits, of numerals, of mixed figures, of digitless magnitudes, magnitude runs refused):
  the harness's rule, 8x the input within 10x the time; and 1 MB of digits, numerals and a
  mix each read in under a second.
* ``f1``: the dev quantities F1 of ``../shared/eval/score.py quantities`` is 1.0 (skipped
  where the shared folder is not next to this clone).

cn2an and jieba (the ``test`` extra) are the baselines here, not dependencies of govreport.
The harness is ``benchmarks/harness.py``.
"""
from __future__ import annotations

import os
import random
import re
import subprocess
import sys
import warnings
from pathlib import Path
from typing import Callable

from harness import Bench, best_time

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from govreport.numbers import _numerals, find_quantities, parse_number, parse_quantity  # noqa: E402

SECTIONS = ("corpus", "mentions", "linear", "f1")


def corpus(smoke: bool) -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "data").glob("*.txt"))]
    return [texts[0][:2000]] if smoke else texts


def plain_mentions() -> list[str]:
    """Figures both libraries read: Arabic, Chinese and mixed numerals, a few hundred of them."""
    rnd = random.Random(3)
    cn = ["三百二十五", "两千零五", "十三", "一万零五百", "六千八百一十一万", "一千三百二十五亿", "二十万亿",
          "一万三", "三千五", "十万零一", "一百零五", "九千九百九十九", "四十二", "七亿八千万", "五万六千七百八十九"]
    out: list[str] = []
    for _ in range(60):
        n = rnd.randint(1, 99999)
        out.append(str(n))
        out.append(f"{n}.{rnd.randint(1, 99)}")
        out.append(f"{rnd.randint(1, 9999)}.{rnd.randint(1, 9)}万")
        out.append(f"{rnd.randint(1, 9999)}亿")
    out += cn * 6
    out += ["1.4万", "2万亿", "3.2亿", "负3.9", "-10.1万", "百分之六点五", "1325亿", "32.4万"] * 5
    return out


def spec_mentions() -> list[str]:
    """The mentions of the spec files: every form govreport reads, many that cn2an does not."""
    from govreport.testing import load_quantity_cases

    return [case.span for case in load_quantity_cases(ROOT / "tests" / "spec" / "numbers") if case.span]


def empty_caches() -> None:
    """The bounded caches of numerals read, emptied before a cold pass."""
    for name in ("_parse_short", "_read_inexact"):
        cache = getattr(_numerals, name, None)
        if cache is not None:
            cache.cache_clear()


def parse_all(items: list[str]) -> int:
    """parse_quantity of each item (parse_number for what it refuses); how many were read."""
    read = 0
    for s in items:
        try:
            parse_quantity(s)
            read += 1
        except ValueError:
            try:
                parse_number(s)
                read += 1
            except ValueError:
                pass
    return read


def cn2an_all(items: list[str]) -> int:
    import cn2an

    read = 0
    for s in items:
        try:
            cn2an.cn2an(s, "smart")
            read += 1
        except Exception:  # noqa: BLE001 - cn2an raises ValueError and others on forms it does not read
            pass
    return read


def bench_corpus(bench: Bench) -> None:
    import cn2an
    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    texts = corpus(bench.smoke)
    chars = sum(len(t) for t in texts)
    found = sum(len(find_quantities(t)) for t in texts)                 # compiles the grammar
    t_ours = best_time(lambda: [find_quantities(t) for t in texts], bench.repeat(5))
    t_cn2an = best_time(lambda: [cn2an.transform(t, "cn2an") for t in texts], bench.repeat(2))
    t_jieba = best_time(lambda: [jieba.lcut(t) for t in texts], bench.repeat(2))
    print(f"[corpus] {len(texts)} reports, {chars:,} characters, {found} quantities: find_quantities "
          f"{t_ours * 1000:.1f} ms, cn2an.transform {t_cn2an * 1000:.1f} ms, jieba.lcut {t_jieba * 1000:.1f} ms")
    bench.target("cn2an.transform / find_quantities", t_cn2an / t_ours, ">=", 10, "x")
    bench.target("jieba.lcut / find_quantities", t_jieba / t_ours, ">", 1, "x")


def bench_mentions(bench: Bench) -> None:
    plain, spec = plain_mentions(), spec_mentions()
    if bench.smoke:
        plain, spec = plain[::40], spec[::40]
    read_plain, read_spec = parse_all(plain), parse_all(spec)

    def cold(items: list[str]) -> Callable[[], int]:
        def run() -> int:
            empty_caches()
            return parse_all(items)
        return run

    r_warm = len(plain) / best_time(lambda: parse_all(plain), bench.repeat(5))
    r_cold = len(plain) / best_time(cold(plain), bench.repeat(5))
    r_spec = len(spec) / best_time(lambda: parse_all(spec), bench.repeat(5))
    r_cn2an = len(plain) / best_time(lambda: cn2an_all(plain), bench.repeat(5))
    r_cn2an_spec = len(spec) / best_time(lambda: cn2an_all(spec), bench.repeat(5))
    print(f"[mentions] {len(plain)} plain figures (parse_quantity reads {read_plain}, cn2an {cn2an_all(plain)}): "
          f"parse_quantity {r_warm:.0f}/s warm, {r_cold:.0f}/s cold, cn2an.cn2an(smart) {r_cn2an:.0f}/s; "
          f"{len(spec)} mentions of the spec files (parse_quantity reads {read_spec}, cn2an {cn2an_all(spec)}): "
          f"parse_quantity {r_spec:.0f}/s, cn2an {r_cn2an_spec:.0f}/s")
    bench.target("parse_quantity plain, warm", r_warm, ">=", 30_000, "/s")
    bench.target("parse_quantity spec forms, warm", r_spec, ">=", 30_000, "/s")
    bench.target("parse_quantity cold / cn2an.cn2an rate", r_cold / r_cn2an, ">=", 2, "x")


def refused(text: str) -> None:
    """parse_number of a run it must refuse (a magnitude beyond 10^1000): the refusal is linear too."""
    try:
        parse_number(text)
    except ValueError:
        return
    raise AssertionError("a magnitude run beyond the limit was read")


def bench_linear(bench: Bench) -> None:
    size = 2_000 if bench.smoke else 100_000
    rnd = random.Random(6)
    alphabet = "0123456789一二三四五六七八九十百千万亿.,%几半元角近上负百分之"
    mixed = "".join(rnd.choice(alphabet) for _ in range(size // 4))
    report = "".join(corpus(False))[:size]
    texts: dict[str, str] = {
        "corpus": report, "digits": "1" * size, "numerals": "一" * size, "mixed": mixed,
        "近万": "近万" * (size // 20), "1万1亿": "1万1亿" * (size // 20),
    }
    for name, text in texts.items():
        bench.linear(f"find_quantities {name}", lambda k, text=text: (lambda: find_quantities(text * k)))
    # parse_number reads one numeral: at 8x it is the same numeral eight times as long
    numerals: dict[str, tuple[Callable[[str], object], str, str]] = {
        "digits": (parse_number, "9", "9" * (size // 2) + "亿"),
        "二〇二一": (parse_number, "一", "二三四五六七八九〇一" * (size // 20)),
        "refused": (refused, "1", "亿" * (size // 2)),
    }
    for name, (fn, head, body) in numerals.items():
        bench.linear(f"parse_number {name}", lambda k, fn=fn, head=head, body=body: (lambda: fn(head + body * k)))
    big = 20_000 if bench.smoke else 1_000_000
    mixed = "".join(rnd.choice("0123456789一二三四五六七八九十百千万亿.,%") for _ in range(big))
    for name, text in {"digits": "1" * big, "numerals": "一" * big, "mixed": mixed}.items():
        seconds = best_time(lambda text=text: find_quantities(text), bench.repeat(2))  # type: ignore[misc]
        bench.target(f"find_quantities, {big:,} {name}", seconds, "<", 1.0, " s")


def f1_of_dev_quantities() -> float | None:
    score = ROOT.parent / "shared" / "eval" / "score.py"
    if not score.exists():
        return None
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    done = subprocess.run([sys.executable, str(score), "quantities"], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=600, check=True)
    m = re.search(r"quantities: .*?\bf1=([0-9.]+)", done.stdout)
    if m is None:
        raise RuntimeError(f"no F1 in the scorer's output: {done.stdout[-500:]}")
    return float(m.group(1))


def bench_f1(bench: Bench) -> None:
    f1 = None if bench.smoke else f1_of_dev_quantities()
    if f1 is None:
        print("[f1] skipped (" + ("smoke" if bench.smoke else "no ../shared/eval/score.py") + ")")
        return
    print(f"[f1] dev quantities F1 {f1}")
    bench.target("dev quantities F1", f1, ">=", 1.0)


def main(argv: list[str] | None = None) -> int:
    warnings.filterwarnings("ignore", module="cn2an")  # it warns on every form it cannot read
    bench = Bench(__doc__ or "", SECTIONS, argv)
    if bench.wants("corpus"):
        bench_corpus(bench)
    if bench.wants("mentions"):
        bench_mentions(bench)
    if bench.wants("linear"):
        bench_linear(bench)
    if bench.wants("f1"):
        bench_f1(bench)
    return bench.finish()


if __name__ == "__main__":
    sys.exit(main())
