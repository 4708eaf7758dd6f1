"""Benchmark of govreport.numbers (issue 3), in one run:

1. find_quantities on the example report vs ``cn2an.transform(text, "cn2an")`` vs ``jieba.lcut(text)``
   (jieba initialised first, so that its dictionary load is not counted);
   targets: >= 10x faster than cn2an's transform, faster than jieba.
2. parse_quantity on a few hundred varied mentions vs ``cn2an.cn2an(s, "smart")`` on the same list
   (mentions per second); target: >= 2x cn2an's rate.
3. find_quantities on 1 MB of digits and numerals: under a second, and linear (half the input takes
   about half the time).

Run: ``.venv/bin/python benchmarks/bench_numbers.py``
"""
from __future__ import annotations

import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from govreport.numbers import find_quantities, parse_quantity  # noqa: E402


def report_text() -> str:
    shared = ROOT.parent / "shared" / "corpus" / "district-jiangbei-2021.txt"
    path = shared if shared.exists() else ROOT / "tests" / "data" / "district-jiangbei-2021.txt"
    return path.read_text(encoding="utf-8")


def best(fn, repeat: int = 5, number: int = 1) -> float:
    """Best time of ``repeat`` runs of ``number`` calls, per call, in seconds."""
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        for _ in range(number):
            fn()
        times.append((time.perf_counter() - t) / number)
    return min(times)


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


def main() -> int:
    import cn2an
    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    text = report_text()
    find_quantities(text)  # compile the grammar
    t_ours = best(lambda: find_quantities(text), repeat=7, number=5)
    t_cn2an = best(lambda: cn2an.transform(text, "cn2an"), repeat=3)
    t_jieba = best(lambda: jieba.lcut(text), repeat=3)
    print(f"example report: {len(text)} characters, {len(find_quantities(text))} quantities")
    print(f"  find_quantities          {t_ours * 1000:8.2f} ms")
    print(f"  cn2an.transform(cn2an)   {t_cn2an * 1000:8.2f} ms   ratio {t_cn2an / t_ours:6.1f}x  (target >= 10x)")
    print(f"  jieba.lcut               {t_jieba * 1000:8.2f} ms   ratio {t_jieba / t_ours:6.1f}x  (target > 1x)")

    items = mentions()
    ok_cn2an = 0
    for s in items:
        parse_quantity(s)
        try:
            cn2an.cn2an(s, "smart")
            ok_cn2an += 1
        except Exception:  # noqa: BLE001 - cn2an raises ValueError and others on forms it does not read
            pass

    def run_ours():
        for s in items:
            parse_quantity(s)

    def run_cn2an():
        for s in items:
            try:
                cn2an.cn2an(s, "smart")
            except Exception:  # noqa: BLE001
                pass

    from govreport.numbers._numerals import _parse_short

    def run_ours_cold():
        _parse_short.cache_clear()  # the bounded cache of short numerals, emptied before each pass
        for s in items:
            parse_quantity(s)

    r_ours = len(items) / best(run_ours, repeat=5)
    r_cold = len(items) / best(run_ours_cold, repeat=5)
    r_cn2an = len(items) / best(run_cn2an, repeat=5)
    print(f"mentions: {len(items)} (cn2an reads {ok_cn2an} of them)")
    print(f"  parse_quantity           {r_ours:10.0f} /s")
    print(f"  parse_quantity, cold     {r_cold:10.0f} /s   ratio {r_cold / r_cn2an:6.1f}x  (numeral cache emptied per pass)")
    print(f"  cn2an.cn2an(smart)       {r_cn2an:10.0f} /s   ratio {r_ours / r_cn2an:6.1f}x  (target >= 2x)")

    rnd = random.Random(6)
    alphabet = "0123456789一二三四五六七八九十百千万亿.,%"
    big = "".join(rnd.choice(alphabet) for _ in range(1_000_000))
    runs = ["1" * 1_000_000, "一" * 1_000_000, big]
    print("1 MB inputs (digits and numerals):")
    worst = 0.0
    for name, s in zip(("digits", "numerals", "mixed"), runs):
        t_full = best(lambda: find_quantities(s), repeat=2)
        t_half = best(lambda: find_quantities(s[: len(s) // 2]), repeat=2)
        worst = max(worst, t_full)
        print(f"  {name:9s} 1 MB {t_full:6.3f} s   0.5 MB {t_half:6.3f} s   ratio {t_full / t_half:4.2f} (linear ~2)")
    checks = [t_cn2an / t_ours >= 10, t_jieba / t_ours > 1, r_ours / r_cn2an >= 2, worst < 1.0]
    print("targets met" if all(checks) else f"TARGETS MISSED: {checks}")
    return 0 if all(checks) else 1


if __name__ == "__main__":
    raise SystemExit(main())
