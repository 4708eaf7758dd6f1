"""Benchmarks of the whole pipeline, as figures and ratios measured in one run on this machine.

    .venv/bin/python benchmarks/bench_pipeline.py                  # measure and print
    .venv/bin/python benchmarks/bench_pipeline.py --check          # and exit 1 on a missed target
    .venv/bin/python benchmarks/bench_pipeline.py --smoke          # every path on tiny inputs (CI)
    .venv/bin/python benchmarks/bench_pipeline.py --only extract,memory

Sections and targets (the speed issue's, and the linear-time rule of the harness):

* ``extract``: ``govreport.parse(text).extract()`` (load and extract, every plugin, a freshly
  parsed report each time) against ``jieba.lcut`` on the example report's text (dictionary
  loaded). CPU time of this process, best of 9, the two run in turn: wall time on a shared
  machine is too noisy for a ratio of two 10-50 ms steps. Target: ratio <= 0.25.
* ``process``: the whole process ``govreport extract REPORT`` against
  ``python -c "import jieba; jieba.initialize()"``. Target: ratio <= 0.5.
* ``scaling``: the linear-time rule of the harness (8x the input within 10x the time) for
  load and for load and extract, on the example report's body repeated.
* ``batch``: ``govreport batch`` on the corpus copied ``--copies`` times (default 6) with
  ``--jobs 1`` and ``--jobs 2`` in turn, ``--runs`` times (default 3); a run that fails, or
  writes other rows than the corpus has facts, or where the two outputs differ, is an error,
  not a figure. Wall time of the whole command, start-up included. Targets: MB/s per core
  (the median ``--jobs 1`` run) >= 5; the ``--jobs 2`` / ``--jobs 1`` speed-up, the median
  of the runs' ratios, >= 1.8; the time 1 GB would take at the median ``--jobs 2`` rate
  <= 180 s. CPU seconds (the batch and its workers) are printed beside.
* ``memory``: in a fresh process, warmed up, the peak resident memory while one report of
  about 20 MB (the example report's body repeated) is loaded and extracted, above what the
  process held before, per byte of the file. Target: <= 10.

Child processes run without ``PYTHONDONTWRITEBYTECODE``, so that the first (warm-up) run
leaves the bytecode caches an installed package has. The corpus is ``../shared/corpus`` when
it is there, else ``tests/data``. Other load on the machine shows up in every figure but the
CPU-time ratio: run ``--check`` when ``uptime`` says the machine is quiet. The harness is
``benchmarks/harness.py``.
"""
from __future__ import annotations

import argparse
import csv
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from harness import Bench, best_cpu_times, child_cpu_seconds, median_time, run

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "tests" / "data" / "district-jiangbei-2021.txt"
CORPUS_CANDIDATES = (ROOT.parent / "shared" / "corpus", ROOT / "tests" / "data")
SECTIONS = ("extract", "process", "scaling", "batch", "memory")
GB = 1e9


def govreport_command() -> list[str]:
    script = Path(sys.executable).with_name("govreport")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "govreport.cli"]


def child_environment() -> dict[str, str]:
    """The environment of the commands measured: bytecode caches written and read."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def bench_extract(bench: Bench, report_path: Path) -> None:
    import jieba

    import govreport

    text = report_path.read_text(encoding="utf-8")
    govreport.parse(text).extract()  # plugins discovered, tables compiled
    jieba.setLogLevel(60)
    jieba.initialize()
    clean = govreport.parse(text).text
    jieba.lcut(clean)
    cpu = best_cpu_times({"load+extract": lambda: govreport.parse(text).extract(),
                          "load": lambda: govreport.parse(text),
                          "jieba": lambda: jieba.lcut(clean)}, bench.repeat(9))
    wall = median_time(lambda: govreport.parse(text).extract(), bench.repeat(5))
    print(f"[extract] {report_path.name}: {len(text)} characters; CPU best of {bench.repeat(9)}: "
          f"load {cpu['load'] * 1000:.1f} ms, load+extract {cpu['load+extract'] * 1000:.1f} ms, "
          f"jieba.lcut {cpu['jieba'] * 1000:.1f} ms ({len(clean) / cpu['jieba'] / 1e6:.2f}M characters/s); "
          f"load+extract wall median {wall * 1000:.1f} ms")
    bench.target("(load + extract) / jieba.lcut", cpu["load+extract"] / cpu["jieba"], "<=", 0.25, "x")


def bench_process(bench: Bench, report_path: Path) -> None:
    env = child_environment()
    command = govreport_command() + ["extract", str(report_path)]
    jieba_cmd = [sys.executable, "-c", "import jieba; jieba.setLogLevel(60); jieba.initialize()"]
    run(command, env=env), run(jieba_cmd, env=env)  # warm the file system and bytecode caches
    repeat = bench.repeat(4)
    t_gov = median_time(lambda: run(command, env=env), repeat)
    t_jieba = median_time(lambda: run(jieba_cmd, env=env), repeat)
    print(f"[process] govreport extract {report_path.name}: {t_gov * 1000:.0f} ms; "
          f"python -c 'import jieba; jieba.initialize()': {t_jieba * 1000:.0f} ms")
    bench.target("process / jieba start-up", t_gov / t_jieba, "<=", 0.5, "x")


def _rows(path: Path) -> int:
    with path.open(encoding="utf-8", newline="") as fh:
        return sum(1 for _ in csv.reader(fh)) - 1


def bench_batch(bench: Bench, corpus: Path, copies: int, runs: int) -> None:
    import govreport

    files = sorted(p for p in corpus.iterdir() if p.suffix == ".txt")
    if bench.smoke:
        files, copies, runs = files[:2], 1, 1
    expected = copies * sum(len(govreport.load(f).extract()) for f in files)
    env = child_environment()
    with tempfile.TemporaryDirectory(prefix="govreport-bench-") as tmp:
        root = Path(tmp) / "corpus"
        for k in range(copies):
            folder = root / f"copy{k:03d}"
            folder.mkdir(parents=True)
            for file in files:
                shutil.copy(file, folder / file.name)
        size = sum(f.stat().st_size for f in root.rglob("*.txt")) / 1e6
        count = len(files) * copies
        print(f"[batch] {copies} copies of {len(files)} files of {corpus} = {count} files, {size:.1f} MB; "
              f"--jobs 1 and --jobs 2 in turn, {runs} runs; {os.cpu_count()} CPUs")

        def batch(jobs: int, out: Path) -> tuple[float, float]:
            command = govreport_command() + ["batch", str(root), "-o", str(out), "--jobs", str(jobs),
                                             "--no-progress"]
            cpu, start = child_cpu_seconds(), time.perf_counter()
            run(command, env=env, cwd=tmp)
            elapsed, used = time.perf_counter() - start, child_cpu_seconds() - cpu
            rows, failures = _rows(out), _rows(Path(f"{out}.failures.csv"))
            if rows != expected or failures:
                raise RuntimeError(f"batch --jobs {jobs} wrote {rows} rows (expected {expected}) "
                                   f"and {failures} failures: no throughput for a failed batch")
            return elapsed, used

        batch(1, Path(tmp) / "warm.csv")  # file system and bytecode caches
        times: dict[int, list[float]] = {1: [], 2: []}
        cpu: dict[int, list[float]] = {1: [], 2: []}
        for _ in range(runs):
            for jobs in (1, 2):
                elapsed, used = batch(jobs, Path(tmp) / f"facts-{jobs}.csv")
                times[jobs].append(elapsed)
                cpu[jobs].append(used)
            if (Path(tmp) / "facts-1.csv").read_bytes() != (Path(tmp) / "facts-2.csv").read_bytes():
                raise RuntimeError("--jobs 1 and --jobs 2 wrote different tables")
        ratios = [one / two for one, two in zip(times[1], times[2])]
        for jobs in (1, 2):
            wall, used = statistics.median(times[jobs]), statistics.median(cpu[jobs])
            print(f"  --jobs {jobs}: {', '.join(f'{t:.2f}' for t in times[jobs])} s; median {wall:.2f} s, "
                  f"{size / wall:.2f} MB/s, {count / wall:.0f} files/s; CPU {used:.2f} s "
                  f"({size / used:.2f} MB per CPU second)")
        print(f"  speed-up of each run: {', '.join(f'{r:.2f}x' for r in ratios)}")
        bench.target("batch MB/s per core (--jobs 1)", size / statistics.median(times[1]), ">=", 5.0, " MB/s")
        bench.target("batch --jobs 2 / --jobs 1", statistics.median(ratios), ">=", 1.8, "x")
        rate = size / statistics.median(times[2])  # MB/s with every core of this machine
        bench.target("projected time for 1 GB (--jobs 2 rate)", GB / 1e6 / rate, "<=", 180.0, " s")


MEMORY_CHILD = r"""
import os, resource, sys, time
import govreport
govreport.load(sys.argv[2]).extract()  # plugins and tables loaded: the memory of any process
def status(field):
    with open("/proc/self/status") as fh:
        return next(int(line.split()[1]) * 1024 for line in fh if line.startswith(field + ":"))
try:  # Linux: the peak so far forgotten (the warm-up's), the peak of what follows read after
    with open("/proc/self/clear_refs", "w") as fh:
        fh.write("5")
    before = status("VmRSS")
    peak = lambda: status("VmHWM")
except OSError:  # elsewhere the process's peak, warm-up included (an upper bound)
    before = 0
    peak = lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * (1 if sys.platform == "darwin" else 1024)
start = time.perf_counter()
report = govreport.load(sys.argv[1])
facts = report.extract().facts
elapsed = time.perf_counter() - start
print(before, peak(), elapsed, len(report.text), len(facts))
"""


def bench_memory(bench: Bench, report_path: Path, megabytes: float) -> None:
    text = report_path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    head, body = "".join(lines[:10]), "".join(lines[10:])
    target_bytes = (0.2 if bench.smoke else megabytes) * 1e6
    copies = max(1, round((target_bytes - len(head.encode())) / len(body.encode())))
    with tempfile.TemporaryDirectory(prefix="govreport-bench-") as tmp:
        big = Path(tmp) / "big.txt"
        big.write_text(head + body * copies, encoding="utf-8")
        size = big.stat().st_size
        done = run([sys.executable, "-c", MEMORY_CHILD, str(big), str(report_path)],
                   env=child_environment(), cwd=tmp)
    before, peak, elapsed, characters, facts = done.stdout.split()
    grown = int(peak) - int(before)
    print(f"[memory] {size / 1e6:.1f} MB ({int(characters):,} characters, the body {copies} times): "
          f"load and extract {float(elapsed):.1f} s, {facts} facts; resident {int(before) / 1e6:.0f} MB "
          f"before, peak {int(peak) / 1e6:.0f} MB")
    bench.target("peak memory / input bytes", grown / size, "<=", 10.0, "x")


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
        parser.add_argument("--copies", type=int, default=6, help="copies of the corpus (batch)")
        parser.add_argument("--runs", type=int, default=3, help="runs of each --jobs (batch)")
        parser.add_argument("--megabytes", type=float, default=20.0, help="size of the report (memory)")

    bench = Bench(__doc__ or "", SECTIONS, argv, extra=options)
    args = bench.args
    if bench.wants("extract"):
        bench_extract(bench, args.report)
    if bench.wants("process"):
        bench_process(bench, args.report)
    if bench.wants("scaling"):
        bench_scaling(bench, args.report)
    if bench.wants("batch"):
        bench_batch(bench, args.corpus, args.copies, args.runs)
    if bench.wants("memory"):
        bench_memory(bench, args.report, args.megabytes)
    return bench.finish()


if __name__ == "__main__":
    sys.exit(main())
