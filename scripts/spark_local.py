#!/usr/bin/env python3
"""Run the Spark recipe of docs/howto/corpus.rst on tests/data with Spark in local mode.

Not part of the test suite (pyspark is large and needs a Java runtime). In an environment
with govreport, its plugins, pyspark and pyarrow installed (Java 17 works):

    python scripts/spark_local.py

It registers a plugin and adds a unit in the driver only, so that the result shows they
reached the executors with the plan, and compares Spark's rows with extract_many's.
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import govreport
from govreport import _registry
from govreport.extractors import Indicator, TableExtractor
from govreport.numbers import add_unit

SCHEMA = ("file string, region string, province string, level string, year int, "
          "indicator string, domain string, value decimal(38,12), value_max decimal(38,12), "
          "unit string, qualifier string, kind string, period string, cue string, "
          "aggregate string, text string, start bigint, end bigint, section string, "
          "extractor string")
CORPUS = Path(__file__).resolve().parent.parent / "tests" / "data"


def main() -> int:
    from pyspark.sql import SparkSession

    _registry.register(TableExtractor(name="trains", version="1", indicators=[
        Indicator(id="freight_trains", domain="trains", units="列", names="中欧班列")]))
    add_unit("列")  # not in the built-in unit table: only the plan brings it to the executors
    plugins = ["economy", "livelihood", "trains"]
    plan = govreport.ExtractionPlan.resolve(plugins)

    def extract_partition(paths):
        for result in govreport.extract_many(list(paths), jobs=1, plan=plan):
            yield from result.to_records()

    spark = (SparkSession.builder.master("local[2]").appName("govreport")
             .config("spark.ui.enabled", "false").getOrCreate())
    files = [str(p) for p in sorted(CORPUS.glob("*.txt"))]
    started = time.perf_counter()
    rows = spark.sparkContext.parallelize(files, numSlices=4).mapPartitions(extract_partition)
    facts = spark.createDataFrame(rows, schema=SCHEMA)
    got = [row.asDict() for row in facts.collect()]
    print(f"spark: {len(got)} rows from {len(files)} files in {time.perf_counter() - started:.1f} s")
    with tempfile.TemporaryDirectory() as folder:
        facts.write.parquet(f"{folder}/facts.parquet")
    spark.stop()

    local = [row for result in govreport.extract_many(files, jobs=1, plugins=plugins)
             for row in result.to_records()]
    key = lambda row: (row["file"], row["start"], row["end"], row["indicator"])  # noqa: E731
    same = sorted(got, key=key) == sorted(local, key=key)
    trains = sum(row["indicator"] == "freight_trains" for row in got)
    print(f"same rows as extract_many: {same}; freight_trains facts (registered plugin, added unit): {trains}")
    return 0 if same and trains else 1


if __name__ == "__main__":
    sys.exit(main())
