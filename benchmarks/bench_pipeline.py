"""Benchmarks of the whole pipeline, as ratios measured in one run on this machine.

    .venv/bin/python benchmarks/bench_pipeline.py                  # measure (long: 200 copies)
    .venv/bin/python benchmarks/bench_pipeline.py --check          # and exit 1 on a missed target
    .venv/bin/python benchmarks/bench_pipeline.py --smoke          # every path on tiny inputs (CI)
    .venv/bin/python benchmarks/bench_pipeline.py --only extract,scaling --copies 10

Sections and targets:

* ``extract``: ``report.extract()`` with all plugins on the example report (a freshly
  parsed report each time, plugins warm) against ``jieba.lcut`` on the same text
  (dictionary loaded). Target: ratio <= 0.5.
* ``process``: the whole process ``govreport extract REPORT`` against
  ``python -c "import jieba; jieba.initialize()"``. Target: ratio <= 0.5.
* ``batch``: ``govreport batch`` on COPIES copies of the corpus (in a temporary folder) with
  ``--jobs 1`` and ``--jobs 2``, in MB/s; a run that fails or writes fewer rows than the
  corpus has facts is an error, not a figure. Target: scaling >= 1.7x (on 2 free cores).
* ``scaling``: the linear-time rule of the harness (8x the input within 10x the time) for
  load and for extract, on the example report's body repeated.

Medians (or bests) of several runs; other load on the machine shows up as noise, so run
``--check`` on a quiet machine. The harness is ``benchmarks/harness.py``.
"""
from __future__ import annotations

import argparse
import csv
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from harness import Bench, median_time, run

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "tests" / "data" / "district-jiangbei-2021.txt"
CORPUS_CANDIDATES = (ROOT.parent / "shared" / "corpus", ROOT / "tests" / "data")
SECTIONS = ("extract", "process", "scaling", "batch")


def govreport_command() -> list[str]:
    script = Path(sys.executable).with_name("govreport")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "govreport.cli"]


def bench_extract(bench: Bench, report_path: Path) -> None:
    import jieba

    import govreport

    text = report_path.read_text(encoding="utf-8")
    govreport.load(report_path).extract()  # plugins discovered, tables compiled
    jieba.setLogLevel(60)
    jieba.initialize()
    report = govreport.parse(text)
    jieba.lcut(report.text)
    repeat = bench.repeat(7)
    t_load = median_time(lambda: govreport.parse(text), repeat)
    t_both = median_time(lambda: govreport.parse(text).extract(), repeat)
    t_extract = max(t_both - t_load, 1e-9)
    t_jieba = median_time(lambda: jieba.lcut(report.text), repeat)
    print(f"[extract] {report_path.name}: {len(text)} chars; load {t_load * 1000:.1f} ms, "
          f"extract (all plugins) {t_extract * 1000:.1f} ms, jieba.lcut {t_jieba * 1000:.1f} ms")
    bench.target("extract / jieba.lcut", t_extract / t_jieba, "<=", 0.5, "x")
    print(f"  (load + extract) / jieba.lcut = {t_both / t_jieba:.2f}x")


def bench_process(bench: Bench, report_path: Path) -> None:
    command = govreport_command() + ["extract", str(report_path)]
    jieba_cmd = [sys.executable, "-c", "import jieba; jieba.setLogLevel(60); jieba.initialize()"]
    run(command), run(jieba_cmd)  # warm the file system cache (and jieba's dictionary cache)
    repeat = bench.repeat(4)
    t_gov = median_time(lambda: run(command), repeat)
    t_jieba = median_time(lambda: run(jieba_cmd), repeat)
    print(f"[process] govreport extract {report_path.name}: {t_gov * 1000:.0f} ms; "
          f"python -c 'import jieba; jieba.initialize()': {t_jieba * 1000:.0f} ms")
    bench.target("process / jieba start-up", t_gov / t_jieba, "<=", 0.5, "x")


def _rows(path: Path) -> int:
    with path.open(encoding="utf-8", newline="") as fh:
        return sum(1 for _ in csv.reader(fh)) - 1


def bench_batch(bench: Bench, corpus: Path, copies: int) -> None:
    import govreport

    files = sorted(p for p in corpus.iterdir() if p.suffix == ".txt")
    if bench.smoke:
        files, copies = files[:2], 1
    expected = copies * sum(len(govreport.load(f).extract()) for f in files)
    with tempfile.TemporaryDirectory(prefix="govreport-bench-") as tmp:
        root = Path(tmp) / "corpus"
        for k in range(copies):
            folder = root / f"copy{k:03d}"
            folder.mkdir(parents=True)
            for file in files:
                shutil.copy(file, folder / file.name)
        size = sum(f.stat().st_size for f in root.rglob("*.txt"))
        n = len(files) * copies
        print(f"[batch] {copies} copies of {len(files)} files of {corpus} = {n} files, "
              f"{size / 1e6:.1f} MB")
        rates = {}
        for jobs in (1, 2):
            out = Path(tmp) / f"facts-{jobs}.csv"
            start = time.perf_counter()
            run(govreport_command() + ["batch", str(root), "-o", str(out), "--jobs", str(jobs),
                                       "--no-progress"])
            elapsed = time.perf_counter() - start
            rows, failures = _rows(out), _rows(Path(f"{out}.failures.csv"))
            if rows != expected or failures:
                raise RuntimeError(f"batch --jobs {jobs} wrote {rows} rows (expected {expected}) "
                                   f"and {failures} failures: no throughput for a failed batch")
            rates[jobs] = size / 1e6 / elapsed
            print(f"  --jobs {jobs}: {elapsed:.1f} s, {rates[jobs]:.2f} MB/s, {n / elapsed:.1f} files/s, "
                  f"{rows} rows")
        bench.target(f"batch --jobs 2 / --jobs 1 ({os.cpu_count()} CPUs)", rates[2] / rates[1],
                     ">=", 1.7, "x")


def bench_scaling(bench: Bench, report_path: Path) -> None:
    import govreport

    text = report_path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    head, body = "".join(lines[:10]), "".join(lines[10:])  # header once, the body k times
    if bench.smoke:
        body = "".join(lines[10:14])
    govreport.parse(text).extract()  # plugins loaded, tables compiled
    print("[scaling] the body repeated: load, then extract")

    def load(k: int):
        big = head + body * k
        return lambda: govreport.parse(big)

    def extract(k: int):
        big = head + body * k

        def step() -> None:
            govreport.parse(big).extract()

        return step

    bench.linear("load", load, repeat=5)
    bench.linear("load+extract", extract, repeat=5)


def main(argv: list[str] | None = None) -> int:
    def options(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--report", type=Path, default=EXAMPLE)
        parser.add_argument("--corpus", type=Path, default=next(
            (p for p in CORPUS_CANDIDATES if p.is_dir()), CORPUS_CANDIDATES[-1]))
        parser.add_argument("--copies", type=int, default=200)

    bench = Bench(__doc__ or "", SECTIONS, argv, extra=options)
    args = bench.args
    if bench.wants("extract"):
        bench_extract(bench, args.report)
    if bench.wants("process"):
        bench_process(bench, args.report)
    if bench.wants("scaling"):
        bench_scaling(bench, args.report)
    if bench.wants("batch"):
        bench_batch(bench, args.corpus, args.copies)
    return bench.finish()


if __name__ == "__main__":
    sys.exit(main())
