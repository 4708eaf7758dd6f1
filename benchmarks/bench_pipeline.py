"""Benchmarks of issue 6, printed as ratios measured in one run on this machine.

    .venv/bin/python benchmarks/bench_pipeline.py                 # everything (long: 200 copies)
    .venv/bin/python benchmarks/bench_pipeline.py --copies 10     # a quicker batch section
    .venv/bin/python benchmarks/bench_pipeline.py --only extract,process,scaling

Sections:

* ``extract``: ``report.extract()`` with all plugins on the example report (a freshly loaded
  report each time, plugins warm) against ``jieba.lcut`` on the same text (dictionary
  loaded). Target: ratio <= 0.5.
* ``process``: the whole process ``govreport extract REPORT`` against
  ``python -c "import jieba; jieba.initialize()"``. Target: ratio <= 0.5.
* ``batch``: ``govreport batch`` on COPIES copies of the corpus (in a temporary folder) with
  ``--jobs 1`` and ``--jobs 2``, in MB/s. Target: scaling >= 1.7x (on 2 free cores).
* ``scaling``: load + extract of the example report's body repeated 1, 2, 4 and 8 times:
  seconds per MB should stay flat (time linear in the input).

Medians of several runs; other load on the machine shows up as noise, so read the ratios
from a quiet machine.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "tests" / "data" / "district-jiangbei-2021.txt"
CORPUS_CANDIDATES = (ROOT.parent / "shared" / "corpus", ROOT / "tests" / "data")


def median_time(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def govreport_command() -> list[str]:
    script = Path(sys.executable).with_name("govreport")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "govreport.cli"]


def bench_extract(report_path: Path, repeat: int) -> None:
    import govreport

    text = report_path.read_text(encoding="utf-8")
    govreport.load(report_path).extract()  # plugins discovered, tables compiled

    def extract() -> None:
        govreport.parse(text).extract()

    def load_only() -> None:
        govreport.parse(text)

    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    report = govreport.parse(text)
    jieba.lcut(report.text)
    t_load = median_time(load_only, repeat)
    t_both = median_time(extract, repeat)
    t_extract = max(t_both - t_load, 1e-9)
    t_jieba = median_time(lambda: jieba.lcut(report.text), repeat)
    print(f"[extract] {report_path.name}: {len(text)} chars")
    print(f"  load {t_load * 1000:.1f} ms, extract (all plugins) {t_extract * 1000:.1f} ms, "
          f"jieba.lcut {t_jieba * 1000:.1f} ms")
    print(f"  ratio extract / jieba.lcut = {t_extract / t_jieba:.2f}   (target <= 0.5)")
    print(f"  ratio load+extract / jieba.lcut = {t_both / t_jieba:.2f}")


def bench_process(report_path: Path, repeat: int) -> None:
    command = govreport_command() + ["extract", str(report_path)]
    jieba_cmd = [sys.executable, "-c", "import jieba; jieba.setLogLevel(60); jieba.initialize()"]

    def run(cmd: list[str]) -> None:
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    run(command), run(jieba_cmd)  # warm the file system cache (and jieba's dictionary cache)
    t_gov = median_time(lambda: run(command), repeat)
    t_jieba = median_time(lambda: run(jieba_cmd), repeat)
    print(f"[process] govreport extract {report_path.name}: {t_gov * 1000:.0f} ms; "
          f"python -c 'import jieba; jieba.initialize()': {t_jieba * 1000:.0f} ms")
    print(f"  ratio = {t_gov / t_jieba:.2f}   (target <= 0.5)")


def bench_batch(corpus: Path, copies: int) -> None:
    files = sorted(p for p in corpus.iterdir() if p.suffix == ".txt")
    with tempfile.TemporaryDirectory(prefix="govreport-bench-") as tmp:
        root = Path(tmp) / "corpus"
        for k in range(copies):
            folder = root / f"copy{k:03d}"
            folder.mkdir(parents=True)
            for file in files:
                shutil.copy(file, folder / file.name)
        size = sum(f.stat().st_size for f in root.rglob("*.txt"))
        n = len(files) * copies
        print(f"[batch] {copies} copies of {corpus} = {n} files, {size / 1e6:.1f} MB")
        rates = {}
        for jobs in (1, 2):
            out = Path(tmp) / f"facts-{jobs}.csv"
            start = time.perf_counter()
            subprocess.run(govreport_command() + ["batch", str(root), "-o", str(out), "--jobs", str(jobs)],
                           check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            elapsed = time.perf_counter() - start
            rates[jobs] = size / 1e6 / elapsed
            print(f"  --jobs {jobs}: {elapsed:.1f} s, {rates[jobs]:.2f} MB/s, {n / elapsed:.1f} files/s")
        print(f"  scaling --jobs 2 / --jobs 1 = {rates[2] / rates[1]:.2f}x   (target >= 1.7x; "
              f"{os.cpu_count()} CPUs)")


def bench_scaling(report_path: Path) -> None:
    import govreport

    text = report_path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    head, body = "".join(lines[:10]), "".join(lines[10:])  # header once, the body k times
    print("[scaling] load + extract of the body repeated k times (s/MB should stay flat)")
    for k in (1, 2, 4, 8):
        big = head + body * k
        mb = len(big.encode()) / 1e6
        start = time.perf_counter()
        report = govreport.parse(big)
        loaded = time.perf_counter()
        report.extract()
        done = time.perf_counter()
        print(f"  x{k}: {mb:.2f} MB  load {(loaded - start) / mb:.2f} s/MB  "
              f"extract {(done - loaded) / mb:.2f} s/MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--report", type=Path, default=EXAMPLE)
    parser.add_argument("--corpus", type=Path,
                        default=next((p for p in CORPUS_CANDIDATES if p.is_dir()), CORPUS_CANDIDATES[-1]))
    parser.add_argument("--copies", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--only", default="extract,process,batch,scaling")
    args = parser.parse_args()
    sections = set(args.only.split(","))
    if "extract" in sections:
        bench_extract(args.report, args.repeat)
    if "process" in sections:
        bench_process(args.report, max(3, args.repeat // 2))
    if "scaling" in sections:
        bench_scaling(args.report)
    if "batch" in sections:
        bench_batch(args.corpus, args.copies)


if __name__ == "__main__":
    main()
