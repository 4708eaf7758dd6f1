"""Sphinx directives that generate reference tables from the installed library.

Nothing here is copied by hand: the indicator catalogue comes from the plugins that
``govreport.plugins()`` discovers at build time, the number tables from the data files of
``govreport.numbers``, and the CLI reference from the argument parser of ``govreport``.

- ``.. govreport-indicators::`` one table per installed extractor plugin.
- ``.. govreport-datatable:: units.tsv`` a data file of ``govreport/numbers/data/``.
- ``.. govreport-cli::`` the ``--help`` of ``govreport`` and of each subcommand.
"""
from __future__ import annotations

import os
from importlib import resources
from typing import Sequence

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective


def _table(header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[int] | None = None,
           literal_columns: Sequence[int] = ()) -> nodes.table:
    """A docutils table; cell text is never parsed as reStructuredText."""
    table = nodes.table(classes=["govreport-generated"])
    group = nodes.tgroup(cols=len(header))
    table += group
    for width in widths or [1] * len(header):
        group += nodes.colspec(colwidth=width)

    def row_node(cells: Sequence[str], literal: bool) -> nodes.row:
        row = nodes.row()
        for index, cell in enumerate(cells):
            entry = nodes.entry()
            paragraph = nodes.paragraph()
            if literal and index in literal_columns and cell:
                paragraph += nodes.literal(cell, cell)
            else:
                paragraph += nodes.Text(cell)
            entry += paragraph
            row += entry
        return row

    head = nodes.thead()
    head += row_node(header, literal=False)
    group += head
    body = nodes.tbody()
    for cells in rows:
        body += row_node(list(cells) + [""] * (len(header) - len(cells)), literal=True)
    group += body
    return table


class IndicatorCatalogue(SphinxDirective):
    """The indicators of every installed extractor plugin, one table a plugin."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        from govreport._registry import load_failures, plugin_info, plugins

        self.env.note_reread()  # the installed plugins may change between builds
        result: list[nodes.Node] = []
        found = plugins()
        summary = nodes.paragraph()
        summary += nodes.Text(
            f"{len(found)} plugins installed when these docs were built, "
            f"{sum(len(p.indicators) for p in found)} indicators in all.")
        result.append(summary)
        for plugin in found:
            rubric = nodes.rubric(text=f"{plugin.name} {plugin.version} — domain {plugin.domain}")
            origin = nodes.paragraph()
            origin += nodes.Text("From ")
            origin += nodes.literal(text=plugin_info(plugin.name).origin)
            origin += nodes.Text(f"; {len(plugin.indicators)} indicators.")
            rows = [
                (i.id, " | ".join(i.units), i.measure, i.fall if i.measure == "change" else "",
                 "、".join(i.names), i.description)
                for i in plugin.indicators
            ]
            table = _table(("id", "units", "measure", "fall", "names", "description"), rows,
                           widths=(18, 8, 7, 8, 36, 23), literal_columns=(0,))
            result.extend([rubric, origin, table])
        for failure in load_failures():
            self.state.document.reporter.warning(
                f"a plugin failed to load while building the catalogue: {failure}", line=self.lineno)
        return result


def _read_data(name: str) -> str:
    return (resources.files("govreport.numbers") / "data" / name).read_text(encoding="utf-8")


class DataTable(SphinxDirective):
    """A data file of ``govreport/numbers/data/`` as a table, with its own comments as intro.

    TSV files: the first comment line holding tabs is the header, the other leading comment
    lines describe the file. Plain lists (``.txt``): a comment line right before an entry
    opens a group, and the table has one row a group.
    """

    required_arguments = 1
    option_spec = {"columns": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        name = self.arguments[0]
        self.env.note_dependency(str(resources.files("govreport.numbers") / "data" / name))
        lines = _read_data(name).splitlines()
        header: list[str] | None = None
        notes: list[str] = []
        rows: list[list[str]] = []
        groups: list[tuple[str, list[str]]] = []
        for index, line in enumerate(lines):
            if not line.strip():
                continue
            if line.startswith("#"):
                body = line.lstrip("#").strip()
                following = lines[index + 1] if index + 1 < len(lines) else ""
                if name.endswith(".tsv") and header is None and "\t" in body:
                    header = [cell.strip() for cell in body.split("\t")]
                elif name.endswith(".txt") and following.strip() and not following.startswith("#"):
                    groups.append((body, []))
                elif not rows and not groups:
                    notes.append(body)
                continue
            if name.endswith(".tsv"):
                rows.append([cell.strip() for cell in line.split("\t")])
            else:
                if not groups:
                    groups.append(("", []))
                groups[-1][1].append(line.split("#", 1)[0].strip())
        result: list[nodes.Node] = []
        if notes:
            intro = nodes.paragraph()
            intro += nodes.Text(" ".join(notes))
            result.append(intro)
        source = nodes.paragraph()
        source += nodes.Text("Generated from ")
        source += nodes.literal(text=f"govreport/numbers/data/{name}")
        count = len(rows) if name.endswith(".tsv") else sum(len(g[1]) for g in groups)
        source += nodes.Text(f" ({count} entries).")
        result.append(source)
        if name.endswith(".tsv"):
            if header is None:
                header = [f"column {i + 1}" for i in range(max(len(r) for r in rows))]
            result.append(_table(header, rows, literal_columns=(0,)))
        else:
            result.append(_table(("group", "phrases"), [(g, "、".join(p)) for g, p in groups],
                                 widths=(25, 75)))
        return result


class CommandLine(SphinxDirective):
    """The help of ``govreport`` and of every installed subcommand, from its parser."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        from govreport.cli import build_parser

        self.env.note_reread()  # subcommands are discovered from the installed version
        previous = os.environ.get("COLUMNS")
        os.environ["COLUMNS"] = "88"
        try:
            parser = build_parser()
            result: list[nodes.Node] = []
            result.append(self._block("govreport --help", parser.format_help()))
            subparsers = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
            for name, sub in subparsers.choices.items():
                section = nodes.section(ids=[f"cli-{name}"], names=[f"govreport {name}"])
                section += nodes.title(text=f"govreport {name}")
                section += self._block(f"govreport {name} --help", sub.format_help())
                self.state.document.note_implicit_target(section, section)
                result.append(section)
            return result
        finally:
            if previous is None:
                os.environ.pop("COLUMNS", None)
            else:
                os.environ["COLUMNS"] = previous

    @staticmethod
    def _block(command: str, text: str) -> nodes.literal_block:
        content = f"$ {command}\n{text.rstrip()}"
        return nodes.literal_block(content, content, language="text")


def setup(app: Sphinx) -> dict[str, object]:
    app.add_directive("govreport-indicators", IndicatorCatalogue)
    app.add_directive("govreport-datatable", DataTable)
    app.add_directive("govreport-cli", CommandLine)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
