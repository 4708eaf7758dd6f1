"""benchmarks/bench_numbers.py --smoke runs every section and every target's code path in seconds
(tests/test_benchmarks.py shows its --check failing on an impossible target)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).parents[1] / "benchmarks" / "bench_numbers.py"


def test_smoke_runs_every_section_and_target():
    done = subprocess.run([sys.executable, str(BENCH), "--smoke"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    for figure in ("cn2an.transform / find_quantities", "jieba.lcut / find_quantities",
                   "parse_quantity plain, warm", "parse_quantity spec forms, warm",
                   "parse_quantity cold / cn2an.cn2an rate", "linear.find_quantities corpus",
                   "linear.find_quantities 近万", "linear.parse_number refused", "find_quantities, 20,000 mixed",
                   "[f1] skipped (smoke)"):
        assert figure in out, figure
    assert "smoke run: 17 figures measured, targets not enforced" in out
