"""``govreport batch`` of this tree against a baseline version, measured in the same run.

    .venv/bin/python benchmarks/bench_batch.py --baseline /tmp/base  # 6 copies, 3 runs
    .venv/bin/python benchmarks/bench_batch.py                       # this tree alone

``--baseline DIR`` names a folder holding another version's ``govreport`` package (for
example ``git archive <commit> govreport | tar -x -C DIR``); it runs with the same
interpreter and the same installed plugins, its package first on ``PYTHONPATH`` (the
commands run in a temporary folder, so that this tree's package, in the current folder,
does not shadow it). Runs alternate between the versions and ``--jobs 1`` / ``--jobs 2``,
so load from other processes on the machine falls on both alike; each figure is the median
of ``--runs``. CPU time (user + system of the batch and its workers) is printed too: on a
busy machine it compares the versions' work better than wall-clock time does.
The corpus is the test corpus (``tests/data/*.txt``) copied ``--copies`` times.

Target (``--check``): the two versions write the same table (with ``--baseline``). The
throughput targets of the speed issue are ``bench_pipeline.py``'s (section ``batch``), one
place for each target. ``--smoke`` runs one copy of three files once.
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from harness import Bench

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data"
RUN_CLI = "import sys; from govreport.cli import main; sys.exit(main(sys.argv[1:]))"


def run_batch(source: Path | None, corpus: Path, out: Path, jobs: int) -> tuple[float, float]:
    """Wall-clock and CPU seconds (user + system, the batch and its workers) of one run."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # bytecode caches, as an installed package has
    if source is not None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(source), env.get("PYTHONPATH")]))
    command = [sys.executable, "-c", RUN_CLI, "batch", str(corpus), "-o", str(out), "--jobs", str(jobs),
               "--no-progress"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                          cwd=out.parent)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"batch failed ({done.returncode}): {done.stderr.strip()[-500:]}")
    return elapsed, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--copies", type=int, default=6)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--baseline", type=Path, help="a folder holding another version's govreport package")


def main() -> int:
    bench = Bench(__doc__ or "", sections=("batch",), extra=_options)
    args = bench.args
    versions: dict[str, Path | None] = {"this tree": None}
    if args.baseline is not None:
        if not (args.baseline / "govreport" / "__init__.py").exists():
            raise SystemExit(f"{args.baseline}: no govreport package in it")
        versions = {"baseline": args.baseline, "this tree": None}
    files = sorted(CORPUS.glob("*.txt"))
    copies, runs = (1, 1) if bench.smoke else (args.copies, args.runs)
    if bench.smoke:
        files = files[:3]
    with tempfile.TemporaryDirectory(prefix="govreport-bench-batch-") as tmp:
        corpus = Path(tmp) / "corpus"
        for k in range(copies):
            (corpus / f"copy{k}").mkdir(parents=True)
            for file in files:
                shutil.copy(file, corpus / f"copy{k}" / file.name)
        size = sum(f.stat().st_size for f in corpus.rglob("*.txt")) / 1e6
        count = len(files) * copies
        print(f"[batch] {count} files, {size:.1f} MB; median of {runs} runs; {os.cpu_count()} CPUs")
        times: dict[tuple[str, int], list[float]] = {}
        cpu: dict[tuple[str, int], list[float]] = {}
        outputs: dict[tuple[str, int], bytes] = {}
        if not bench.smoke:
            for source in versions.values():  # file system and bytecode caches
                run_batch(source, corpus, Path(tmp) / "warm.csv", 1)
        for _ in range(runs):
            for jobs in (1, 2):
                for name, source in versions.items():
                    out = Path(tmp) / f"{name.replace(' ', '-')}-{jobs}.csv"
                    wall, used = run_batch(source, corpus, out, jobs)
                    times.setdefault((name, jobs), []).append(wall)
                    cpu.setdefault((name, jobs), []).append(used)
                    outputs[(name, jobs)] = out.read_bytes()
        for name in versions:
            t1, t2 = statistics.median(times[(name, 1)]), statistics.median(times[(name, 2)])
            c1, c2 = statistics.median(cpu[(name, 1)]), statistics.median(cpu[(name, 2)])
            print(f"  {name:10} --jobs 1: {t1:5.2f} s {size / t1:5.2f} MB/s (cpu {c1:5.2f} s) | "
                  f"--jobs 2: {t2:5.2f} s {size / t2:5.2f} MB/s (cpu {c2:5.2f} s) | jobs ratio {t1 / t2:.2f}x")
        if args.baseline is not None:
            for jobs in (1, 2):
                ratio = statistics.median(times[("this tree", jobs)]) / statistics.median(times[("baseline", jobs)])
                used = statistics.median(cpu[("this tree", jobs)]) / statistics.median(cpu[("baseline", jobs)])
                print(f"  this tree / baseline, --jobs {jobs}: wall time {ratio:.2f}, cpu time {used:.2f}")
            same = len(set(outputs.values())) == 1
            bench.target("tables identical to the baseline's", float(same), ">=", 1.0)
    return bench.finish()


if __name__ == "__main__":
    sys.exit(main())
