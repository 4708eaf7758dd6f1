#!/usr/bin/env python3
"""Precision and recall per indicator on the dev gold, as the docs page shows them.

Run from the project root with the project installed and the shared gold beside the clone:

    python scripts/accuracy.py ../shared > docs/explanation/accuracy-table.rst

It extracts every gold report with the installed plugins and matches facts the way
``shared/eval/score.py`` does (indicator, kind, period, unit, value, value_max; a headline
gold file counts a prediction only where it has that indicator, kind and period).
"""
from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import govreport


def close(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(float(a) - float(b)) <= 1e-9 * max(1.0, abs(float(a)), abs(float(b)))


def key(fact: dict) -> tuple:
    return (fact["indicator"], fact["kind"], str(fact["period"]), fact["unit"])


def main(shared: Path) -> int:
    catalogue = {line.split("\t")[0] for line in (shared / "spec" / "indicators.tsv")
                 .read_text(encoding="utf-8").splitlines()[1:] if line.strip()}
    tp, fp, fn = Counter(), Counter(), Counter()
    golds = sorted((shared / "gold").glob("*.headline.jsonl")) + sorted((shared / "gold").glob("*.facts.jsonl"))
    for gold_path in golds:
        name = gold_path.name.split(".")[0]
        gold = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines() if line.strip()]
        report = govreport.load(shared / "corpus" / f"{name}.txt")
        seen, preds = set(), []
        for fact in report.extract():
            record = json.loads(json.dumps(fact.to_record(), default=str))
            record_key = key(record) + (round(float(record["value"]), 9), record["value_max"])
            if record["indicator"] in catalogue and record_key not in seen:
                seen.add(record_key)
                preds.append(record)
        if gold_path.name.endswith(".headline.jsonl"):
            keys = {key(g)[:3] for g in gold}
            preds = [p for p in preds if key(p)[:3] in keys]
        used: set[int] = set()
        for g in sorted(gold, key=lambda g: bool(g.get("optional"))):
            hit = next((i for i, p in enumerate(preds) if i not in used and key(p) == key(g)
                        and close(p["value"], g["value"]) and close(p.get("value_max"), g.get("value_max"))), None)
            if hit is not None:
                used.add(hit)
                if not g.get("optional"):
                    tp[g["indicator"]] += 1
            elif not g.get("optional"):
                fn[g["indicator"]] += 1
        for i, p in enumerate(preds):
            if i not in used:
                fp[p["indicator"]] += 1
    rows = []
    for indicator in sorted(set(tp) | set(fp) | set(fn)):
        t, f, n = tp[indicator], fp[indicator], fn[indicator]
        precision = t / (t + f) if t + f else 0.0
        recall = t / (t + n) if t + n else 0.0
        rows.append((indicator, t + n, t, f, n, precision, recall))
    t, f, n = sum(tp.values()), sum(fp.values()), sum(fn.values())
    rows.append(("all", t + n, t, f, n, t / (t + f), t / (t + n)))
    print(".. list-table::\n   :header-rows: 1\n   :widths: 34 10 10 10 10 13 13\n")
    print("   * - indicator\n     - gold\n     - right\n     - extra\n     - missed\n     - precision\n     - recall")
    for indicator, gold_n, right, extra, missed, precision, recall in rows:
        name = f"**{indicator}**" if indicator == "all" else f"``{indicator}``"
        print(f"   * - {name}\n     - {gold_n}\n     - {right}\n     - {extra}\n     - {missed}\n"
              f"     - {precision:.3f}\n     - {recall:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared")))
