"""The benchmark harness: every script in ``benchmarks/`` measures through it, so that every
script can fail.

Each script runs in one of three modes, chosen on its command line:

``(none)``
    Measure, print every figure with its target, exit 0 (an error still exits non-zero).
``--check``
    Measure and enforce the targets: exit 1 when one is missed, naming it. Run by hand on a
    quiet machine (other load shows up as misses).
``--smoke``
    Run every code path on tiny inputs, print the figures, enforce nothing: proves in CI
    that the benchmark still runs, in seconds, and never fails on a slow machine.

One rule for every script: **time is linear in the input**. :meth:`Bench.linear` times a
step at 1x and at 8x its input; the 8x time must be within 10x the 1x time.

A target that does not fit a machine can be moved for one run with ``--limit NAME=VALUE``
(the test suite uses it to make a target impossible and see ``--check`` fail).
"""
from __future__ import annotations

import argparse
import contextlib
import gc
import operator
import statistics
import subprocess
import time
from typing import Callable, Iterator, Mapping, Sequence

__all__ = ["Bench", "Target", "LINEAR_SCALE", "LINEAR_LIMIT", "best_time", "best_cpu_times", "median_time",
           "child_cpu_seconds", "run"]

#: the linear-time rule: time at LINEAR_SCALE x the input within LINEAR_LIMIT x time at 1x
LINEAR_SCALE = 8
LINEAR_LIMIT = 10.0

_OPS = {"<=": operator.le, ">=": operator.ge, "<": operator.lt, ">": operator.gt}


class Target:
    """A measured figure and the bound it must keep (``value <op> limit``)."""

    def __init__(self, name: str, value: float, op: str, limit: float, unit: str = "") -> None:
        if op not in _OPS:
            raise ValueError(f"unknown comparison {op!r}")
        self.name, self.value, self.op, self.limit, self.unit = name, value, op, limit, unit

    @property
    def met(self) -> bool:
        return bool(_OPS[self.op](self.value, self.limit))

    def __str__(self) -> str:
        return f"{self.name} = {self.value:.3g}{self.unit} (target {self.op} {self.limit:g}{self.unit})"


def median_time(fn: Callable[[], object], repeat: int) -> float:
    """Median wall time of ``repeat`` calls of ``fn``, in seconds."""
    times = []
    for _ in range(max(1, repeat)):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def best_time(fn: Callable[[], object], repeat: int, number: int = 1) -> float:
    """Best of ``repeat`` runs of ``number`` calls of ``fn``, per call, in seconds (the garbage
    collector paused while timing, as :mod:`timeit` does, so that its passes over every live
    object do not blur how a step scales)."""
    times = []
    for _ in range(max(1, repeat)):
        with _collector_paused():
            start = time.perf_counter()
            for _ in range(number):
                fn()
            times.append((time.perf_counter() - start) / number)
    return min(times)


def best_cpu_times(functions: Mapping[str, Callable[[], object]], repeat: int) -> dict[str, float]:
    """Best CPU time (``time.process_time``: this process's user + system seconds) of each
    of ``functions``, run in turn ``repeat`` times, so that other load on a shared machine
    falls on all of them alike and counts less than in wall time (CPU time still grows a
    little on a busy machine: caches and memory bandwidth are shared). Garbage is collected
    before each call; the collector runs during it, as it does in real use."""
    best: dict[str, float] = {}
    for _ in range(max(1, repeat)):
        for name, function in functions.items():
            gc.collect()
            start = time.process_time()
            function()
            spent = time.process_time() - start
            best[name] = min(spent, best.get(name, spent))
    return best


def child_cpu_seconds() -> float:
    """User + system CPU seconds of this process's finished children (for a command's cost:
    take the difference around it)."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def run(command: Sequence[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    """Run a command that must succeed: a failed run is an error, never a measurement."""
    done = subprocess.run(list(command), capture_output=True, text=True, **kwargs)  # type: ignore[call-overload]
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, command))} exited with {done.returncode}:\n"
                           f"{done.stderr[-2000:]}")
    return done


class Bench:
    """The command line and the targets of one benchmark script.

    ::

        bench = Bench(__doc__, sections=("extract", "batch"))
        if bench.wants("extract"):
            ratio = ...
            bench.target("extract / jieba.lcut", ratio, "<=", 0.5)
        return bench.finish()
    """

    def __init__(self, description: str, sections: Sequence[str],
                 argv: Sequence[str] | None = None,
                 extra: Callable[[argparse.ArgumentParser], None] | None = None) -> None:
        parser = argparse.ArgumentParser(description=description.strip().split("\n\n")[0],
                                         formatter_class=argparse.RawDescriptionHelpFormatter)
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument("--check", action="store_true",
                          help="enforce the targets: exit 1 when one is missed")
        mode.add_argument("--smoke", action="store_true",
                          help="every code path on tiny inputs, no targets enforced (CI)")
        parser.add_argument("--only", default=",".join(sections),
                            help=f"comma-separated sections (default: all of {', '.join(sections)})")
        parser.add_argument("--limit", action="append", default=[], metavar="NAME=VALUE",
                            help="move a target's bound for this run (repeatable)")
        if extra is not None:
            extra(parser)
        self.args = parser.parse_args(argv)
        self.sections = tuple(sections)
        chosen = [s for s in self.args.only.split(",") if s]
        unknown = sorted(set(chosen) - set(sections))
        if unknown:
            parser.error(f"unknown sections {unknown}; known: {', '.join(sections)}")
        self.chosen = frozenset(chosen)
        self.limits: dict[str, float] = {}
        for item in self.args.limit:
            name, _, value = item.rpartition("=")
            if not name:
                parser.error(f"--limit takes NAME=VALUE, not {item!r}")
            self.limits[name] = float(value)
        self.targets: list[Target] = []

    @property
    def smoke(self) -> bool:
        """True in ``--smoke`` mode: use tiny inputs, one repetition."""
        return bool(self.args.smoke)

    @property
    def check(self) -> bool:
        return bool(self.args.check)

    def wants(self, section: str) -> bool:
        """True when ``section`` is to run (``--only``)."""
        if section not in self.sections:
            raise ValueError(f"undeclared section {section!r}")
        return section in self.chosen

    def repeat(self, count: int) -> int:
        """``count`` repetitions, or one in smoke mode."""
        return 1 if self.smoke else count

    def target(self, name: str, value: float, op: str, limit: float, unit: str = "") -> Target:
        """Record and print a measured figure against its target."""
        target = Target(name, value, op, self.limits.get(name, limit), unit)
        self.targets.append(target)
        verdict = "smoke: not enforced" if self.smoke else ("met" if target.met else "MISSED")
        print(f"  {target}   [{verdict}]", flush=True)
        return target

    def linear(self, name: str, step: Callable[[int], Callable[[], object]], *,
               repeat: int = 3) -> Target:
        """The linear-time rule for one step: ``step(k)`` prepares the input at k times the
        base size and returns the call to time; the time at 8x must be within 10x the time
        at 1x (best of ``repeat``, to keep a busy machine's noise out)."""
        runs = {k: best_time(step(k), self.repeat(repeat)) for k in (1, LINEAR_SCALE)}
        ratio = runs[LINEAR_SCALE] / max(runs[1], 1e-9)
        print(f"  {name}: 1x {runs[1] * 1000:.1f} ms, {LINEAR_SCALE}x {runs[LINEAR_SCALE] * 1000:.1f} ms",
              flush=True)
        return self.target(f"linear.{name}", ratio, "<=", LINEAR_LIMIT, "x")

    def finish(self) -> int:
        """The exit status: 1 in ``--check`` mode when a target was missed, else 0."""
        missed = [t for t in self.targets if not t.met]
        if self.smoke:
            print(f"smoke run: {len(self.targets)} figures measured, targets not enforced")
            return 0
        if missed:
            print("TARGETS MISSED: " + "; ".join(map(str, missed)))
            return 1 if self.check else 0
        print(f"targets met: {len(self.targets)}")
        return 0

