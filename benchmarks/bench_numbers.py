"""Benchmark of govreport.numbers, ratios measured in one run on this machine.

    .venv/bin/python benchmarks/bench_numbers.py            # measure and print
    .venv/bin/python benchmarks/bench_numbers.py --check    # and exit 1 on a missed target
    .venv/bin/python benchmarks/bench_numbers.py --smoke    # every path on tiny inputs (CI)

Sections and targets:

* ``report``: find_quantities on the example report vs ``cn2an.transform(text, "cn2an")`` vs
  ``jieba.lcut(text)`` (jieba initialised first, so that its dictionary load is not
  counted). Targets: >= 10x faster than cn2an's transform, faster than jieba.
* ``mentions``: parse_quantity on a few hundred varied mentions vs
  ``cn2an.cn2an(s, "smart")`` on the same list (mentions per second). Target: >= 2x
  cn2an's rate.
* ``large``: find_quantities on 1 MB of digits, of numerals and of a mix: each under a
  second; and the harness's linear-time rule (8x the input within 10x the time).

cn2an (the ``test`` extra) is the oracle here, not a dependency of govreport. The harness is
``benchmarks/harness.py``.
"""
from __future__ import annotations

import random
import sys
import warnings
from pathlib import Path
from typing import Callable

from harness import Bench, best_time

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from govreport.numbers import find_quantities, parse_quantity  # noqa: E402

SECTIONS = ("report", "mentions", "large")


def report_text() -> str:
    shared = ROOT.parent / "shared" / "corpus" / "district-jiangbei-2021.txt"
    path = shared if shared.exists() else ROOT / "tests" / "data" / "district-jiangbei-2021.txt"
    return path.read_text(encoding="utf-8")


def mentions() -> list[str]:
    """A few hundred varied mentions of the forms of issue 3."""
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


def bench_report(bench: Bench) -> None:
    import cn2an
    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    text = report_text()
    if bench.smoke:
        text = text[:2000]
    find_quantities(text)  # compile the grammar
    t_ours = best_time(lambda: find_quantities(text), bench.repeat(7), number=bench.repeat(5))
    t_cn2an = best_time(lambda: cn2an.transform(text, "cn2an"), bench.repeat(3))
    t_jieba = best_time(lambda: jieba.lcut(text), bench.repeat(3))
    print(f"[report] {len(text)} characters, {len(find_quantities(text))} quantities: "
          f"find_quantities {t_ours * 1000:.2f} ms, cn2an.transform {t_cn2an * 1000:.2f} ms, "
          f"jieba.lcut {t_jieba * 1000:.2f} ms")
    bench.target("cn2an.transform / find_quantities", t_cn2an / t_ours, ">=", 10, "x")
    bench.target("jieba.lcut / find_quantities", t_jieba / t_ours, ">", 1, "x")


def _cn2an_rate(items: list[str]) -> tuple[Callable[[], None], int]:
    import cn2an

    read = 0
    for s in items:
        try:
            cn2an.cn2an(s, "smart")
            read += 1
        except Exception:  # noqa: BLE001 - cn2an raises ValueError and others on forms it does not read
            pass

    def run() -> None:
        for s in items:
            try:
                cn2an.cn2an(s, "smart")
            except Exception:  # noqa: BLE001 - as above
                pass

    return run, read


def bench_mentions(bench: Bench) -> None:
    from govreport.numbers._numerals import _parse_short

    items = mentions()
    if bench.smoke:
        items = items[::20]
    for s in items:
        parse_quantity(s)
    run_cn2an, read = _cn2an_rate(items)

    def run_ours() -> None:
        for s in items:
            parse_quantity(s)

    def run_ours_cold() -> None:
        _parse_short.cache_clear()  # the bounded cache of short numerals, emptied before each pass
        for s in items:
            parse_quantity(s)

    r_ours = len(items) / best_time(run_ours, bench.repeat(5))
    r_cold = len(items) / best_time(run_ours_cold, bench.repeat(5))
    r_cn2an = len(items) / best_time(run_cn2an, bench.repeat(5))
    print(f"[mentions] {len(items)} (cn2an reads {read} of them): parse_quantity {r_ours:.0f}/s, "
          f"cold {r_cold:.0f}/s ({r_cold / r_cn2an:.1f}x cn2an; numeral cache emptied per pass), "
          f"cn2an.cn2an(smart) {r_cn2an:.0f}/s")
    bench.target("parse_quantity / cn2an.cn2an rate", r_ours / r_cn2an, ">=", 2, "x")


def bench_large(bench: Bench) -> None:
    size = 20_000 if bench.smoke else 1_000_000
    rnd = random.Random(6)
    alphabet = "0123456789一二三四五六七八九十百千万亿.,%"
    mixed = "".join(rnd.choice(alphabet) for _ in range(size))
    inputs = {"digits": "1" * size, "numerals": "一" * size, "mixed": mixed}
    print(f"[large] {size:,}-character inputs (digits and numerals)")
    for name, text in inputs.items():
        seconds = best_time(lambda text=text: find_quantities(text), bench.repeat(2))  # type: ignore[misc]
        bench.target(f"find_quantities, {size:,} {name} (s)", seconds, "<", 1.0, " s")
    base = mixed[: size // 8]
    bench.linear("find_quantities (mixed)", lambda k: (lambda: find_quantities(base * k)), repeat=2)


def main(argv: list[str] | None = None) -> int:
    warnings.filterwarnings("ignore", module="cn2an")  # it warns on every form it cannot read
    bench = Bench(__doc__ or "", SECTIONS, argv)
    if bench.wants("report"):
        bench_report(bench)
    if bench.wants("mentions"):
        bench_mentions(bench)
    if bench.wants("large"):
        bench_large(bench)
    return bench.finish()


if __name__ == "__main__":
    sys.exit(main())
