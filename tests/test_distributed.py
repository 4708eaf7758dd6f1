"""The batch on a real dask.distributed cluster and under the ``spawn`` start method.

Workers are separate processes that share nothing with the client: no ``register()``-ed
plugin, no unit added with ``add_unit``, no ``GOVREPORT_PLUGINS`` allowlist set after they
started. What the client selected must still be exactly what runs there.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from decimal import Decimal
from pathlib import Path

import pytest

import govreport
from govreport import _registry
from govreport._records import ROW_FIELDS
from govreport.cli import main
from govreport.extractors import Indicator, TableExtractor
from govreport.numbers import _units, add_unit, canonical_unit

distributed = pytest.importorskip("dask.distributed")
pq = pytest.importorskip("pyarrow.parquet")

DATA = Path(__file__).parent / "data"
TRAINS = TableExtractor(name="trains", version="1", indicators=[
    Indicator(id="freight_trains", domain="trains", units="列", names="中欧班列|中欧中亚班列")])


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       host="127.0.0.1", dashboard_address=None)
    with distributed.Client(cluster) as client:
        yield client
    cluster.close()


@pytest.fixture
def client_setup(monkeypatch):
    """On the client only: a registered plugin, a unit the built-in table lacks, an allowlist."""
    assert canonical_unit("列") is None
    built_in = dict(_units._UNITS)
    _registry.register(TRAINS)
    add_unit("列")
    monkeypatch.setenv(_registry.ALLOWLIST_ENV, "economy,trains")
    _registry.refresh()
    yield
    _registry.unregister("trains")
    _units._UNITS.clear()
    _units._UNITS.update(built_in)
    _units._version += 1
    monkeypatch.delenv(_registry.ALLOWLIST_ENV)
    _registry.refresh()


def rows_of(path: Path) -> list[dict]:
    table = pq.read_table(path).select(list(ROW_FIELDS))
    return sorted(table.to_pylist(), key=lambda r: (r["file"], r["start"], r["end"], r["indicator"]))


def test_a_cluster_runs_what_the_client_selected(client, client_setup, tmp_path):
    # the workers know nothing of the client's set-up ...
    on_workers = client.run(govreport.plugins)
    assert len(on_workers) == 2
    assert all([p.name for p in found] == ["economy", "environment", "livelihood"]
               for found in on_workers.values())
    assert all(client.run(canonical_unit, "列").values()) is False
    # ... yet the bag runs the client's plugins, allowlist, user unit and registered plugin
    local = {r.file: r for r in govreport.extract_many(DATA, jobs=1)}
    remote = govreport.to_bag(DATA).compute()
    assert len(remote) == len(local) == 30
    assert all(r.ok and r.failures == () for r in remote)
    assert {r.file: r for r in remote} == local
    domains = {f.domain for r in remote for f in r.facts}
    assert domains == {"economy", "trains"}
    trains = [(Path(r.file).name, f.value, f.unit) for r in remote for f in r.facts
              if f.indicator == "freight_trains"]
    assert ("province-zhejiang-2026.txt", Decimal(3005), "列") in trains

    # records: the Parquet written from the cluster is the Parquet of the local batch
    assert main(["batch", str(DATA), "-o", str(tmp_path / "local.parquet"), "-j", "1", "--no-progress"]) == 0
    rows = govreport.to_bag(DATA, records=True)
    rows.to_dataframe().to_parquet(str(tmp_path / "cluster.parquet"))
    cluster_rows = rows_of(tmp_path / "cluster.parquet")
    assert cluster_rows == rows_of(tmp_path / "local.parquet")
    assert len(cluster_rows) == sum(len(r.facts) for r in remote)
    assert pq.read_schema(tmp_path / "local.parquet").field("value").type == \
        pq.read_table(tmp_path / "cluster.parquet").schema.field("value").type


def test_a_cluster_reads_fsspec_urls_on_the_workers(client, tmp_path):
    pytest.importorskip("fsspec")
    names = ["national-zhongguo-2019.txt", "province-zhejiang-2026.txt"]
    for name in names:
        (tmp_path / name).write_bytes((DATA / name).read_bytes())
    url = tmp_path.as_uri() + "/*.txt"
    results = {Path(r.file).name: r for r in govreport.to_bag(url, plugins=["economy"]).compute()}
    assert sorted(results) == names
    for name in names:
        assert results[name].file.startswith("file://")
        assert results[name].facts == govreport.load(DATA / name).extract(plugins=["economy"]).facts


def test_an_unknown_plugin_fails_before_any_work(client):
    with pytest.raises(govreport.UnknownPluginError, match="no-such-plugin"):
        govreport.to_bag(DATA, plugins=["economy", "no-such-plugin"])


SPAWNED = textwrap.dedent('''
    import json, multiprocessing, os, sys
    import govreport
    from govreport import _registry
    from govreport.extractors import Indicator, TableExtractor
    from govreport.numbers import add_unit

    if __name__ == "__main__":
        multiprocessing.set_start_method("spawn")
        _registry.register(TableExtractor(name="trains", version="1", indicators=[
            Indicator(id="freight_trains", domain="trains", units="列", names="中欧班列")]))
        add_unit("列")
        os.environ["GOVREPORT_PLUGINS"] = "livelihood,trains"
        _registry.refresh()
        out = {}
        for jobs in (1, 2):
            results = govreport.extract_many(sys.argv[1:], jobs=jobs)
            out[jobs] = sorted([r.file, r.error, [str(x) for x in r.failures],
                                [[f.indicator, str(f.value), f.unit, f.start] for f in r.facts]]
                               for r in results)
        print(json.dumps(out, ensure_ascii=False))
''')


def test_extract_many_under_spawn_runs_what_the_parent_selected(tmp_path):
    script = tmp_path / "spawned.py"
    script.write_text(SPAWNED, encoding="utf-8")
    files = [str(DATA / name) for name in ("province-zhejiang-2026.txt", "province-shanxi-2026.txt",
                                           "county-hailaer-2018.txt")]
    env = {k: v for k, v in os.environ.items() if k != _registry.ALLOWLIST_ENV}
    done = subprocess.run([sys.executable, str(script), *files], capture_output=True, text=True,
                          env=env, timeout=120, check=True)
    out = json.loads(done.stdout)
    assert out["2"] == out["1"]  # workers started by spawn run what the parent runs in-process
    facts = [fact for _file, error, failures, fs in out["2"] for fact in fs]
    assert all(error is None and failures == [] for _file, error, failures, _fs in out["2"])
    assert ["freight_trains", "3005", "列"] in [fact[:3] for fact in facts]
    assert {fact[0] for fact in facts} & {"gdp", "gdp_growth"} == set()  # economy is not allowed
    assert "urban_new_jobs" in {fact[0] for fact in facts}
