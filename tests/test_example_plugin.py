"""The plugin tutorial works: follow it on a fresh copy and end with a working plugin.

The test reads ``docs/tutorials/plugin.rst``, creates the files it tells the reader to create
(the ``literalinclude`` directives name them, and the included files are the example plugin
of ``examples/govreport-transport``) in an empty folder, installs that folder with pip,
and checks what the tutorial promises: ``govreport plugins`` lists ``transport`` exactly as
shown, the plugin's own tests pass, and ``govreport extract --plugin transport`` finds facts.

To leave the shared environment as it is, the package is installed with ``--target`` into a
temporary folder put on ``PYTHONPATH``, where the tutorial's reader runs ``pip install -e .``;
discovery goes through the installed entry point either way. pip needs setuptools>=77 for
the build (from PyPI when the environment lacks it).
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TUTORIAL = ROOT / "docs" / "tutorials" / "plugin.rst"
EXAMPLE = ROOT / "examples" / "govreport-transport"

PASSAGE = """2010年政府工作报告
一、2009年工作回顾
大力加强基础设施建设，新建铁路投入运营5557公里，高速公路新建通车4719公里。
"""


def tutorial_files() -> list[Path]:
    """The files the tutorial includes, relative to the plugin's folder."""
    text = TUTORIAL.read_text(encoding="utf-8")
    paths = re.findall(r"^\.\. literalinclude:: \.\./\.\./examples/govreport-transport/(\S+)$", text, re.M)
    return [Path(p) for p in paths]


def govreport_command() -> list[str]:
    script = Path(sys.executable).with_name("govreport")
    if script.exists():
        return [str(script)]
    found = shutil.which("govreport")
    assert found, "the govreport console script is not installed"
    return [found]


def test_tutorial_includes_every_file_of_the_example():
    shown = {str(p) for p in tutorial_files()}
    shipped = {str(p.relative_to(EXAMPLE)) for p in EXAMPLE.rglob("*")
               if p.is_file() and "__pycache__" not in p.parts and ".egg-info" not in str(p)
               and "build" not in p.relative_to(EXAMPLE).parts and not p.name.startswith(".")}
    assert shown == shipped


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    work = tmp_path_factory.mktemp("tutorial")
    plugin = work / "govreport-transport"
    plugin.mkdir()  # start from an empty folder, as the tutorial does
    for relative in tutorial_files():
        (plugin / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(EXAMPLE / relative, plugin / relative)
    site = work / "site"
    result = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--disable-pip-version-check",
         "--target", str(site), str(plugin)],
        capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(site), env.get("PYTHONPATH")]))
    env.pop("GOVREPORT_PLUGINS", None)
    return plugin, env


def test_govreport_plugins_lists_it_as_the_tutorial_shows(installed):
    _plugin, env = installed
    result = subprocess.run(govreport_command() + ["plugins"], capture_output=True, text=True,
                            env=env, timeout=300)
    assert result.returncode == 0, result.stderr
    shown = re.search(r"^   (transport==.*)$", TUTORIAL.read_text(encoding="utf-8"), re.M).group(1)
    assert shown in result.stdout.splitlines()
    assert "failed to load" not in result.stderr


def test_the_plugins_own_tests_pass(installed):
    plugin, env = installed
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"],
        cwd=plugin, capture_output=True, text=True, env=env, timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "4 passed" in result.stdout


def test_extract_with_the_plugin(installed, tmp_path):
    _plugin, env = installed
    report = tmp_path / "report.txt"
    report.write_text(PASSAGE, encoding="utf-8")
    result = subprocess.run(
        govreport_command() + ["extract", str(report), "--plugin", "transport", "--format", "jsonl"],
        capture_output=True, text=True, env=env, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    facts = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(f["indicator"], f["value"], f["unit"], f["kind"], f["period"], f["domain"], f["extractor"])
            for f in facts] == [
        ("railway_opened", 5557, "公里", "actual", "2009", "transport", "transport==0.1.0"),
        ("expressway_opened", 4719, "公里", "actual", "2009", "transport", "transport==0.1.0"),
    ]


def test_the_install_step_installs_what_the_tutorial_runs():
    """Step 5's pip command installs the extras that step 6's pytest needs."""
    try:
        import tomllib
    except ImportError:  # Python 3.10
        tomllib = pytest.importorskip("tomli")
    text = TUTORIAL.read_text(encoding="utf-8")
    [extras] = re.findall(r'^   \$ python -m pip install -e "\.\[([a-z,]+)\]"$', text, re.M)
    runs = re.findall(r"^   \$ python -m (\w+)", text, re.M)
    assert "pytest" in runs
    declared = tomllib.loads((EXAMPLE / "pyproject.toml").read_text(encoding="utf-8"))
    optional = declared["project"]["optional-dependencies"]
    installed = [re.split(r"[<>=!~ ]", req)[0] for extra in extras.split(",") for req in optional[extra]]
    assert "pytest" in installed
