"""benchmarks/bench_numbers.py: --smoke runs every code path in seconds; --check fails on a missed target."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).parents[1] / "benchmarks" / "bench_numbers.py"


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(BENCH), *args], capture_output=True, text=True, timeout=120)


def test_smoke_runs_every_section():
    done = run("--smoke")
    assert done.returncode == 0, done.stderr
    for section in ("corpus:", "mentions:", "linear time", "find_quantities 近万", "parse_number refused",
                    "dev quantities F1: skipped"):
        assert section in done.stdout


def test_check_fails_when_a_target_cannot_be_met():
    done = run("--smoke", "--check", "--bound-scale", "1e9")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "MISSED linear: find_quantities corpus" in done.stdout
    assert "targets missed" in done.stdout


def test_check_passes_when_every_target_is_trivial():
    done = run("--smoke", "--check", "--only", "linear", "--bound-scale", "1e-9")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "targets met" in done.stdout
