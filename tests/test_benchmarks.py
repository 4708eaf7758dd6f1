"""The benchmark harness can fail: --check exits 1 on a missed target, --smoke never does.

Speed itself is measured by the scripts in ``benchmarks/``, never here; these tests check
the harness's verdicts with figures given to it, and run one script with an impossible
target to see ``--check`` fail.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

from harness import LINEAR_LIMIT, LINEAR_SCALE, Bench, run  # noqa: E402


def bench(*argv: str) -> Bench:
    return Bench("A test benchmark.", ("one", "two"), list(argv))


@pytest.mark.parametrize("argv, status", [((), 0), (("--check",), 1), (("--smoke",), 0)])
def test_a_missed_target_fails_only_under_check(argv, status, capsys):
    b = bench(*argv)
    b.target("speed ratio", 0.8, "<=", 0.5, "x")
    b.target("scaling", 1.9, ">=", 1.7, "x")
    assert b.finish() == status
    out = capsys.readouterr().out
    assert "speed ratio = 0.8x (target <= 0.5x)" in out
    if not b.smoke:
        assert "TARGETS MISSED: speed ratio" in out and "scaling" not in out.split("TARGETS MISSED:")[1]


def test_met_targets_pass_under_check(capsys):
    b = bench("--check")
    b.target("speed ratio", 0.4, "<=", 0.5)
    assert b.finish() == 0
    assert "targets met: 1" in capsys.readouterr().out


def test_a_limit_can_be_moved_for_one_run():
    b = bench("--check", "--limit", "speed ratio=0.1")
    assert not b.target("speed ratio", 0.4, "<=", 0.5).met
    assert b.finish() == 1


def test_the_linear_time_rule_compares_8x_with_1x(monkeypatch):
    import harness

    # a fake clock: each step "takes" the seconds it returns, so the verdicts are exact
    monkeypatch.setattr(harness, "best_time", lambda fn, repeat: fn())
    assert (LINEAR_SCALE, LINEAR_LIMIT) == (8, 10.0)
    b = bench("--check")
    sizes = []
    quadratic = b.linear("quadratic", lambda k: sizes.append(k) or (lambda: 0.01 * k * k))
    assert sizes == [1, LINEAR_SCALE]
    assert quadratic.name == "linear.quadratic" and quadratic.value == pytest.approx(64)
    assert not quadratic.met
    assert b.linear("linear", lambda k: (lambda: 0.01 * k + 0.002)).met        # 8.2x
    assert b.linear("slightly more", lambda k: (lambda: 0.0101 * k ** 1.1)).met  # 9.8x
    assert not b.linear("log-linear", lambda k: (lambda: 0.01 * k * (1 + k / 16))).met  # 12x
    assert b.finish() == 1


def test_sections_are_declared_and_chosen():
    b = bench("--only", "two")
    assert not b.wants("one") and b.wants("two")
    with pytest.raises(ValueError):
        b.wants("three")
    with pytest.raises(SystemExit):
        bench("--only", "three")


def test_a_failed_command_is_an_error_not_a_measurement():
    with pytest.raises(RuntimeError, match="exited with 3"):
        run([sys.executable, "-c", "raise SystemExit(3)"])


def script(name: str, *argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(BENCHMARKS / name), *argv],
                          capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("name, section, target", [
    ("bench_pipeline.py", "scaling", "linear.load"),
    ("bench_numbers.py", "mentions", "parse_quantity cold / cn2an.cn2an rate"),
])
def test_check_fails_when_a_target_is_made_impossible(name, section, target):
    impossible = "0.01" if target.startswith("linear") else "1000"
    done = script(name, "--check", "--only", section, "--limit", f"{target}={impossible}")
    assert done.returncode == 1, done.stdout + done.stderr
    assert f"TARGETS MISSED: {target} = " in done.stdout
    assert f"(target {'<=' if target.startswith('linear') else '>='} {impossible}x)" in done.stdout


def test_smoke_enforces_nothing():
    done = script("bench_pipeline.py", "--smoke", "--only", "scaling", "--limit", "linear.load=0.01")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "smoke run: 2 figures measured, targets not enforced" in done.stdout


def test_every_benchmark_script_uses_the_harness():
    for path in sorted(BENCHMARKS.glob("bench_*.py")):
        source = path.read_text(encoding="utf-8")
        assert "from harness import" in source and "bench.finish()" in source, path.name


def test_check_fails_on_the_memory_target_made_impossible():
    # a small report keeps it quick; the section measures a fresh process either way
    done = script("bench_pipeline.py", "--check", "--only", "memory", "--megabytes", "0.2",
                  "--limit", "peak memory / input bytes=0.01")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "TARGETS MISSED: peak memory / input bytes = " in done.stdout
    assert "(target <= 0.01x)" in done.stdout
