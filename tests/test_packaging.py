"""One install gives every first-party plugin: the repository builds a wheel that works alone.

The first-party plugins are separate distributions in ``plugins/`` (their own pyproject and
tests) and the govreport distribution bundles them: the root pyproject finds their packages
in their folders and declares their entry points again. These tests check that the two
declarations agree, that a plugin reached twice is registered once, and, end to end, that a
wheel built from the repository, installed into a fresh virtual environment outside it,
extracts the example report exactly as the contributor install does.

The fresh environment gets no network: the wheel is installed with ``--no-deps --no-index``,
and govreport's runtime dependencies are taken from the environment running the tests (a
folder of links to exactly those distributions, put on the fresh environment's path), so
nothing else of this environment, and in particular not its editable govreport, is seen.
"""
from __future__ import annotations

import importlib.metadata as metadata
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from govreport import _registry
from govreport.cli import main
from govreport.extractors import ENTRY_POINT_GROUP

try:
    import tomllib
except ImportError:  # Python 3.10
    tomllib = pytest.importorskip("tomli")

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "tests" / "data" / "district-jiangbei-2021.txt"
FIRST_PARTY = ["economy", "environment", "livelihood"]


def pyproject(path: Path) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def test_the_root_distribution_declares_each_plugin_as_its_own_pyproject_does():
    root = pyproject(ROOT / "pyproject.toml")
    bundled = root["project"]["entry-points"][ENTRY_POINT_GROUP]
    where = root["tool"]["setuptools"]["packages"]["find"]["where"]
    own: dict[str, str] = {}
    for folder in sorted((ROOT / "plugins").iterdir()):
        if not (folder / "pyproject.toml").exists():
            continue
        plugin = pyproject(folder / "pyproject.toml")
        own.update(plugin["project"]["entry-points"][ENTRY_POINT_GROUP])
        assert f"plugins/{folder.name}" in where, f"the root pyproject does not bundle {folder}"
        # the root's package data patterns ship every data file the plugin ships
        patterns = set(root["tool"]["setuptools"]["package-data"]["*"])
        for package, files in plugin["tool"]["setuptools"]["package-data"].items():
            assert set(files) <= patterns, f"{package} data {files} not shipped by the root"
    assert bundled == own
    assert sorted(own) == FIRST_PARTY


def test_a_plugin_reached_through_two_entry_points_is_registered_once(monkeypatch):
    twice = [metadata.EntryPoint(name="economy", value="govreport_economy:extractor", group=ENTRY_POINT_GROUP)
             for _ in range(2)]
    monkeypatch.setattr(_registry.metadata, "entry_points", lambda group: twice)
    monkeypatch.delenv(_registry.ALLOWLIST_ENV, raising=False)
    _registry.refresh()
    try:
        assert [p.name for p in _registry.plugins()] == ["economy"]
    finally:
        monkeypatch.undo()
        _registry.refresh()


@pytest.mark.parametrize("allow, says", [
    ("", "no extractor plugin is allowed by GOVREPORT_PLUGINS='' "
         "(installed: economy, environment, livelihood)"),
])
def test_extract_with_no_plugin_says_so_and_fails(monkeypatch, capsys, allow, says):
    monkeypatch.setenv(_registry.ALLOWLIST_ENV, allow)
    _registry.refresh()
    try:
        status = main(["extract", str(EXAMPLE)])
    finally:
        monkeypatch.delenv(_registry.ALLOWLIST_ENV)
        _registry.refresh()
    out, err = capsys.readouterr()
    assert status == 1 and out == ""
    assert err == f"govreport: error: {says}\n"


def test_with_nothing_installed_the_error_says_how_to_get_the_first_party_plugins(monkeypatch):
    monkeypatch.setattr(_registry.metadata, "entry_points", lambda group: [])
    monkeypatch.delenv(_registry.ALLOWLIST_ENV, raising=False)
    _registry.refresh()
    try:
        with pytest.raises(_registry.PluginError, match="^no extractor plugin is installed; the govreport "
                           "distribution includes economy, environment and livelihood"):
            _registry.select_plugins(None)
    finally:
        monkeypatch.undo()
        _registry.refresh()


# ---------------------------------------------------------------- the wheel in a fresh venv
def repository_files() -> list[str]:
    """The files of the repository a user would have (tracked and new, never ignored)."""
    try:
        listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"],
                                cwd=ROOT, capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        listed = ""
    files = [line for line in listed.splitlines() if (ROOT / line).is_file()]
    if files:
        return files
    skip = {".git", ".venv", "build", "dist", "_build", "__pycache__", ".hypothesis", ".pytest_cache"}
    return [str(p.relative_to(ROOT)) for p in ROOT.rglob("*")
            if p.is_file() and not skip & set(p.relative_to(ROOT).parts)
            and ".egg-info" not in str(p)]


def runtime_closure() -> list[metadata.Distribution]:
    """The installed distributions govreport needs at run time (its requirements, recursively)."""
    seen: dict[str, metadata.Distribution] = {}
    todo = [re.split(r"[\s;<>=!~\[]", r, maxsplit=1)[0] for r in metadata.requires("govreport") or ()
            if "extra ==" not in r]
    while todo:
        name = todo.pop().lower().replace("_", "-")
        if name in seen:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue  # a requirement whose marker excludes this Python
        seen[name] = dist
        todo += [re.split(r"[\s;<>=!~\[]", r, maxsplit=1)[0] for r in dist.requires or ()
                 if "extra ==" not in r]
    return list(seen.values())


def link_distributions(dists: list[metadata.Distribution], folder: Path) -> None:
    """A folder holding links to exactly these distributions' packages and metadata."""
    folder.mkdir()
    for dist in dists:
        tops = {Path(str(f)).parts[0] for f in dist.files or () if not str(f).startswith("..")}
        assert tops, f"{dist.metadata['Name']} does not list its files"
        for top in tops:
            source = Path(str(dist.locate_file(top)))
            if source.exists() and not (folder / top).exists():
                (folder / top).symlink_to(source, target_is_directory=source.is_dir())


def run(command: list[str], **kw) -> subprocess.CompletedProcess:
    result = subprocess.run(command, capture_output=True, text=True, timeout=600, **kw)
    assert result.returncode == 0, f"{command}: {result.stdout}{result.stderr}"
    return result


@pytest.fixture(scope="module")
def fresh_venv(tmp_path_factory) -> Path:
    """A venv outside the repository with the wheel built from the repository installed."""
    import setuptools

    assert tuple(int(p) for p in setuptools.__version__.split(".")[:2]) >= (77, 0), \
        "the wheel test builds with this environment's setuptools: pip install 'setuptools>=77'"
    work = tmp_path_factory.mktemp("fresh")
    source = work / "govreport-source"
    for name in repository_files():
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, source / name)
    dist = work / "dist"
    built = run([sys.executable, "-c", "import sys; from setuptools import build_meta as b; "
                 "print(b.build_wheel(sys.argv[1]))", str(dist)], cwd=source)
    wheel = dist / built.stdout.strip().splitlines()[-1]
    venv = work / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", str(venv)])
    python = venv / "bin" / "python"
    run([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps",
         "--no-index", str(wheel)])
    deps = work / "deps"
    link_distributions(runtime_closure(), deps)
    purelib = run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"])
    (Path(purelib.stdout.strip()) / "govreport-test-deps.pth").write_text(str(deps) + "\n")
    return venv


def fresh_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "GOVREPORT_PLUGINS", "VIRTUAL_ENV")}
    return env


def test_the_wheel_installs_the_core_with_every_first_party_plugin(fresh_venv, tmp_path):
    python = str(fresh_venv / "bin" / "python")
    where = run([python, "-c", "import govreport, govreport_economy, govreport_environment, "
                 "govreport_livelihood as m; print(govreport.__file__); print(m.__file__)"],
                cwd=tmp_path, env=fresh_env()).stdout.splitlines()
    assert all(line.startswith(str(fresh_venv)) for line in where), where
    listed = json.loads(run([str(fresh_venv / "bin" / "govreport"), "plugins", "--format", "json"],
                            cwd=tmp_path, env=fresh_env()).stdout)
    from govreport import __version__

    assert [(p["name"], p["origin"]) for p in listed] == [
        (name, f"govreport=={__version__}:govreport_{name}:extractor") for name in FIRST_PARTY]


def test_the_fresh_install_extracts_the_example_as_the_contributor_install(fresh_venv, tmp_path):
    fresh = run([str(fresh_venv / "bin" / "govreport"), "extract", str(EXAMPLE), "--format", "jsonl"],
                cwd=tmp_path, env=fresh_env())
    here = run([sys.executable, "-m", "govreport", "extract", str(EXAMPLE), "--format", "jsonl"],
               cwd=tmp_path, env=fresh_env())
    assert fresh.stdout == here.stdout
    facts = [json.loads(line) for line in fresh.stdout.splitlines()]
    assert len(facts) > 40
    assert {f["domain"] for f in facts} == set(FIRST_PARTY)
    assert fresh.stderr == ""
    version = run([str(fresh_venv / "bin" / "python"), "-m", "govreport", "--version"],
                  cwd=tmp_path, env=fresh_env())
    assert version.stdout.startswith("govreport ")
