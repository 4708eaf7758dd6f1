"""``govreport show`` and ``Extraction.to_html``: a report with its facts marked, checked by parsing.

(The same page in a real browser: tests/test_show_browser.py.)
"""
from __future__ import annotations

import re
from collections import defaultdict
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govreport
from govreport._facts import Extraction, Fact
from govreport._show import _evidence, fact_details, segments
from govreport.cli import main
from strategies import report_texts

EXAMPLE = Path(__file__).parent / "data" / "district-jiangbei-2021.txt"


class MarkedText(HTMLParser):
    """The text of the page's report body, and the text each fact's marks hold."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # > 0 inside #gr-body (or .gr-body of a fragment)
        self.marks: list[list[int]] = []
        self.body = ""
        self.by_fact: dict[int, str] = defaultdict(str)
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append(tag)
        if self.depth:
            self.depth += 1
            if tag == "mark":
                self.marks.append([int(i) for i in attrs["data-facts"].split()])
        elif "gr-body" in (attrs.get("class") or "").split():
            self.depth = 1

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1
            if tag == "mark":
                self.marks.pop()

    def handle_data(self, data):
        if self.depth:
            self.body += data
            for index in (self.marks[-1] if self.marks else ()):
                self.by_fact[index] += data


def parsed(page: str) -> MarkedText:
    parser = MarkedText()
    parser.feed(page)
    parser.close()
    return parser


@pytest.fixture(scope="module")
def example():
    report = govreport.load(EXAMPLE)
    return report, report.extract()


@given(st.integers(0, 60).flatmap(lambda n: st.tuples(
    st.just(n), st.lists(st.tuples(st.integers(0, n), st.integers(0, n)).map(sorted), max_size=12))))
def test_segments_partition_the_text_and_give_back_every_span(case):
    length, spans = case
    cut = segments(length, [tuple(s) for s in spans])
    assert [s for s, _e, _c in cut][:1] in ([], [0]) and all(a[1] == b[0] for a, b in zip(cut, cut[1:]))
    assert sum(e - s for s, e, _c in cut) == length
    for index, (start, end) in enumerate(spans):
        covered = [(s, e) for s, e, cover in cut if index in cover]
        assert sum(e - s for s, e in covered) == end - start
        if covered:
            assert covered[0][0] == start and covered[-1][1] == end


markup = st.text(alphabet="<>&\"'/script!-—增长5%亿元　", max_size=40)


@settings(max_examples=40, deadline=None)
@given(report_texts(), markup, st.data())
def test_any_facts_of_any_report_are_marked_exactly(case, extra, data):
    text, _headings = case
    report = govreport.parse(text + extra + "\n")
    n = len(report.text)
    spans = data.draw(st.lists(st.tuples(st.integers(0, n), st.integers(0, n)).map(sorted), max_size=8))
    facts = [Fact(indicator="gdp", domain="economy", value=Decimal(i), unit="元", kind=("actual", "target")[i % 2],
                  period="2020", text=report.text[a:b], start=a, end=b) for i, (a, b) in enumerate(spans)]
    extraction = Extraction(facts=facts, report=report)
    for page in (extraction.to_html(), extraction._repr_html_()):
        marked = parsed(page)
        assert marked.body == report.text
        assert dict(marked.by_fact) == {i: f.text for i, f in enumerate(facts) if f.text}


def test_the_page_marks_every_fact_at_its_span(example):
    report, extraction = example
    page = parsed(extraction.to_html())
    assert page.body == report.text
    assert dict(page.by_fact) == {i: f.text for i, f in enumerate(extraction.facts)}


def test_the_page_is_self_contained(example):
    _report, extraction = example
    page = extraction.to_html()
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//|@import|url\(""", page)
    assert page.count("<script") == 2  # the facts as JSON, and the inline script
    for link in re.findall(r'href="([^"]*)"', page):
        assert link.startswith("#")


def test_the_page_shows_metadata_outline_and_a_row_a_fact(example):
    report, extraction = example
    page = extraction.to_html()
    assert "<th>region_code</th><td>500105</td>" in page
    first = report.sections[0]
    assert f'<a href="#s1">{first.number}{first.title}</a>' in page
    assert 'id="s1"' in page
    assert len(re.findall(r'<tr id="row\d+"', page)) == len(extraction.facts)


def text_with_markup() -> str:
    return ("2021年某市政府工作报告\n各位代表:\n一、2020年工作回顾\n"
            "全市地区生产总值增长4.5%，<b>一般公共预算收入</b>完成120.5亿元 & “a<script>”。\n")


def test_the_report_text_is_escaped():
    report = govreport.parse(text_with_markup())
    extraction = report.extract()
    page = extraction.to_html()
    assert "<b>" not in page and "<script>”" not in page
    assert "&lt;b&gt;" in page and "&lt;/b&gt;" in page and "“a&lt;script&gt;”" in page
    assert parsed(page).body == report.text
    assert [f.indicator for f in extraction] == ["gdp_growth", "fiscal_revenue"]


def test_a_fact_details_say_how_it_was_decided():
    fact = Fact(indicator="gdp_growth", domain="economy", value=Decimal("4.5"), unit="%", kind="actual",
                period="2020", text="增长4.5%", start=0, end=6)
    details = fact_details(fact)
    assert details["value"] == "4.5" and details["evidence"] is None
    evidence = SimpleNamespace(period_rule="heading", period_words=("2020年",), kind_words=())
    assert _evidence(SimpleNamespace(evidence=evidence)) == {
        "period_rule": "heading", "period_words": ["2020年"], "kind_words": []}


def test_to_html_refuses_facts_of_another_report(example):
    _report, extraction = example
    other = govreport.parse(text_with_markup())
    with pytest.raises(govreport.GovReportError, match="does not index this report's text"):
        extraction.to_html(report=other)
    with pytest.raises(govreport.GovReportError, match="needs the report"):
        Extraction(facts=extraction.facts).to_html()


def test_the_notebook_display_has_no_script_and_its_own_ids(example):
    report, extraction = example
    one, two = extraction._repr_html_(), extraction._repr_html_()
    assert "<script" not in one
    ids = set(re.findall(r'id="([^"]+)"', one))
    assert ids and not ids & set(re.findall(r'id="([^"]+)"', two))
    assert parsed(one).body == report.text
    alone = Extraction(facts=extraction.facts)._repr_html_()  # no report: the table only
    assert "<mark" not in alone and alone.count("<tr id=") == len(extraction.facts)


def test_show_command_writes_the_page(tmp_path, capsys):
    out = tmp_path / "report.html"
    assert main(["show", str(EXAMPLE), "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "2021年重庆市江北区政府工作报告" in page
    captured = capsys.readouterr()
    assert captured.out == "" and re.fullmatch(r"govreport show: \d+ facts -> .*report.html\n", captured.err)
    assert main(["show", str(EXAMPLE), "--plugin", "environment"]) == 0
    shown = capsys.readouterr().out
    assert shown.startswith("<!DOCTYPE html>") and 'data-facts="0"' in shown
    assert "gdp_growth" not in shown.split('id="gr-facts"')[1]


def test_reprs_are_short(example):
    report, extraction = example
    assert repr(report) == ("<Report '2021年重庆市江北区政府工作报告' (重庆市江北区, 2021): "
                            f"{len(report.text):,} characters, {len(list(report.iter_sections()))} "
                            f"sections, from {report.source}>")
    counts = {d: sum(f.domain == d for f in extraction) for d in ("economy", "environment", "livelihood")}
    assert repr(extraction) == (f"<Extraction of {report.source}: {len(extraction)} facts (economy "
                                f"{counts['economy']}, environment {counts['environment']}, "
                                f"livelihood {counts['livelihood']})>")
    from govreport._batch import extract_file

    assert repr(extract_file(EXAMPLE)) == (f"<ReportResult {EXAMPLE}: 重庆市江北区, 2021, "
                                           f"{len(extraction)} facts>")
    missing = repr(extract_file("no/such/report.txt"))
    assert missing == "<ReportResult no/such/report.txt: ReportNotFoundError: no/such/report.txt: no such file>"
