"""Properties of parse() on generated report-like text and on arbitrary text."""
from __future__ import annotations

import pickle

from hypothesis import given, settings
from hypothesis import strategies as st

import govreport
from govreport import GovReportError
from strategies import report_texts


def _check_spans(report):
    text = report.text
    for p in report.paragraphs:
        assert text[p.start:p.end] == p.text and p.text.strip()
        for s in p.sentences:
            assert p.start <= s.start <= s.end <= p.end
            assert text[s.start:s.end] == s.text
    for s in report.iter_sections():
        assert 0 <= s.start <= s.title_start <= s.title_end <= s.end <= len(text)
        assert text[s.title_start:s.title_end] == s.title
        assert report.section_at(s.start) is s
    for start in range(0, len(text), max(1, len(text) // 7)):
        a, b = report.raw_span(start, min(len(text), start + 3))
        assert 0 <= a <= b <= len(report.raw)


@settings(max_examples=60, deadline=None)
@given(report_texts())
def test_generated_reports_give_exactly_their_headings(case):
    text, headings = case
    report = govreport.parse(text)
    got = [(s.path, s.number, s.title) for s in report.iter_sections()]
    assert got == headings
    assert report.text.split("\n")[-1].endswith("让我们团结奋斗！")
    assert "来源" not in report.text and "相关报道" not in report.text
    assert report.meta.speaker == "张三" and report.meta.speaker_title == "县长"
    _check_spans(report)
    # every paragraph maps back to the same characters in raw
    for p in report.paragraphs:
        a, b = report.raw_span(p.start, p.end)
        assert report.raw[a:b] == p.text
    assert pickle.loads(pickle.dumps(report)) == report


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_gives_valid_spans_or_a_govreport_error(text):
    try:
        report = govreport.parse(text)
    except GovReportError:
        return
    _check_spans(report)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(st.text(max_size=40), st.sampled_from(
    ["各位代表：", "一、回顾", "（一）工业。", "1.制造业", "<U+00A0>", "\u3000", "让我们团结奋斗！", "政府工作报告"])),
    max_size=25), st.sampled_from(["\n", "\r\n", "\r"]))
def test_report_fragments_give_valid_spans_or_a_govreport_error(parts, sep):
    try:
        report = govreport.parse(sep.join(parts))
    except GovReportError:
        return
    _check_spans(report)
