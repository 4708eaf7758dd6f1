"""Hostile and absurd input: a clear GovReportError or a correct model, never a hang or a crash.

No timing assertions: a pattern that backtracks catastrophically shows up as a ``regex``
TimeoutError (the guard the ``regex`` module offers), and a step that is slower than linear
shows up in ``benchmarks/bench_pipeline.py``'s scaling section.
"""
from __future__ import annotations

import importlib
import pkgutil
import random
from pathlib import Path

import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govreport
from govreport import GovReportError
from govreport._batch import extract_file

DATA = Path(__file__).parent / "data"
REPORT = DATA / "national-zhongguo-2020.txt"


def check_model(report: govreport.Report) -> None:
    """The invariants every Report keeps, whatever its input."""
    text = report.text
    for paragraph in report.paragraphs:
        assert text[paragraph.start:paragraph.end] == paragraph.text
        for sentence in paragraph.sentences:
            assert text[sentence.start:sentence.end] == sentence.text
    for section in report.iter_sections():
        assert 0 <= section.start <= section.title_start <= section.title_end <= section.end <= len(text)
        for child in section.children:
            assert section.start <= child.start and child.end <= section.end
    if len(text):
        start, end = report.raw_span(0, len(text))
        assert 0 <= start <= end <= len(report.raw)


def check_extraction(report: govreport.Report) -> None:
    extraction = report.extract()
    assert extraction.failures == ()  # no plugin raised
    for fact in extraction.facts:
        assert report.text[fact.start:fact.end] == fact.text


def test_a_20_mb_report_loads_into_a_correct_model() -> None:
    text = REPORT.read_text(encoding="utf-8")
    head, body = text.split("各位代表：", 1)
    copies = 20_000_000 // len(body.encode()) + 1
    data = (head + "各位代表：" + body * copies).encode()
    assert len(data) > 20_000_000
    report = govreport.load(data)
    single = govreport.load(REPORT)
    assert report.meta.year == 2020 and report.meta.level == "national"
    assert len(report.paragraphs) > (copies - 1) * (len(single.paragraphs) - 5)
    assert report.text.count("国内生产总值增长6.1%") == copies * single.text.count("国内生产总值增长6.1%")
    middle = report.paragraphs[len(report.paragraphs) // 2]
    assert report.text[middle.start:middle.end] == middle.text


def test_random_bytes_are_a_decode_error(tmp_path: Path) -> None:
    path = tmp_path / "random.txt"
    path.write_bytes(random.Random(6).randbytes(200_000))
    with pytest.raises(govreport.DecodeError, match="random.txt"):
        govreport.load(path)
    result = extract_file(path)
    assert (result.ok, result.error_type) == (False, "DecodeError")


def test_a_binary_renamed_txt_is_recognised_by_content(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(b"%PDF-1.7\n" + random.Random(1).randbytes(5000))
    with pytest.raises(govreport.UnsupportedFormatError, match=r"report\.txt: is a broken PDF|report\.txt: is a PDF"):
        govreport.load(path)
    png = tmp_path / "scan.txt"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(1000))
    with pytest.raises(govreport.UnsupportedFormatError, match="PNG"):
        govreport.load(png)


def test_text_with_no_report_in_it() -> None:
    with pytest.raises(govreport.NotAReportError):
        govreport.load("今天天气很好，我们去公园散步。\n" * 2000)
    with pytest.raises(govreport.NotAReportError):
        govreport.load(("lorem ipsum dolor sit amet 1234 5678\n" * 5000).encode())
    with pytest.raises(govreport.EmptyReportError):
        govreport.load(b"\n \r\n\t" * 1000)


@pytest.mark.parametrize("filler", [
    "（" * 100_000 + "）" * 100_000,
    "(" * 100_000,
    "【“《" * 33_000,
    "1" * 100_000 + "%",
    "增长" + "1." * 50_000 + "%",
    "１２３４５６７８９０" * 10_000 + "亿元",
    "一十" * 50_000 + "万元",
    "增长" + "1,000" * 20_000 + "万人",
    "2020年" * 20_000,
    "，" * 100_000,
    "的" * 100_000 + "目标",
])
def test_long_runs_of_one_kind_of_character(filler: str) -> None:
    report = govreport.load("政府工作报告\n各位代表：\n国内生产总值增长6%。\n" + filler + "\n城镇新增就业100万人。\n")
    check_model(report)
    assert report.paragraphs[-1].text == "城镇新增就业100万人。"
    check_extraction(report)


def test_deeply_repeated_headings() -> None:
    block = "一、工作回顾\n（一）经济发展\n1.稳增长\n（1）地区生产总值增长6%。\n"
    report = govreport.load("政府工作报告\n各位代表：\n" + block * 2_000)
    check_model(report)
    assert len(report.paragraphs) == 2 + 4 * 2_000  # every line kept
    # a marker that repeats (一、 after 一、) does not open a new sibling: the tree stays small
    assert [s.path for s in report.iter_sections()] == [(1,), (1, 1), (1, 1, 1), (1, 1, 1, 1)]
    check_extraction(report)
    # headings with nothing between them, and a heading marker alone on each line
    check_model(govreport.load("各位代表：\n" + "一、\n" * 20_000))
    check_model(govreport.load("各位代表：\n" + "".join(f"（{i}）\n" for i in range(20_000))))


# ------------------------------------------------------------------ every regex
def _patterns() -> list[tuple[str, regex.Pattern]]:
    found = []
    for info in pkgutil.walk_packages(govreport.__path__, "govreport."):
        if info.name.startswith("govreport.cli"):
            continue
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if isinstance(value, regex.Pattern):
                found.append((f"{info.name}.{name}", value))
    return found


PATTERNS = _patterns()
#: patterns the code only ever applies anchored (match/fullmatch at a position, bounded by
#: a sentence), where an unanchored search would be quadratic by design, not by accident
ANCHORED_ONLY = {"govreport._context._ATTRIBUTE_FOLLOWS"}
ADVERSARIAL = [unit * (20_000 // len(unit)) for unit in (
    "1", "１", "一", "十", "万", "（", "(", "）", "、", " ", "　", ".", "%", "，", "。", "-", "—",
    "年", "第", "\n", "“", "<", "a", "1.", "1,", "一、", "（一）", "增长1", "<p>", "&#1;", "十三五",
    "的", "1年", "万元", "各位代表", "<!--", "\r\n", "<!---->", "(注)", "（注）", "地区生产总值增长5%，",
    "\u200b", "1\u200b", "\u202e")]


def test_patterns_were_found() -> None:
    assert len(PATTERNS) >= 20


@pytest.mark.parametrize("name, pattern", PATTERNS, ids=[name for name, _ in PATTERNS])
def test_every_pattern_on_adversarial_strings(name: str, pattern: regex.Pattern) -> None:
    # a pattern that cannot backtrack finishes each call in milliseconds; the timeout only
    # turns a catastrophic one into an error instead of a hung test run
    for text in ADVERSARIAL:
        pattern.match(text, timeout=5)
        pattern.fullmatch(text, timeout=5)
        if name not in ANCHORED_ONLY:
            pattern.search(text, timeout=5)


# ------------------------------------------------------------------ fuzz
LINE_PARTS = st.sampled_from([
    "一、", "二、", "（一）", "（二）", "1.", "2.", "各位代表：", "政府工作报告", "2020年", "过去一年，",
    "今年", "主要预期目标是：", "地区生产总值", "增长", "下降", "6.5%", "3.2万人", "1325亿元", "左右",
    "以上", "力争", "确保", "城镇新增就业", "居民人均可支配收入", "空气质量优良天数", "达", "330天",
    "“十三五”", "年均", "累计", "，", "。", "；", "（", "）", "——", "\u00a0", " ", "<p>", "</p>",
    "&nbsp;", "十四五", "到2025年", "比重", "百分点", "亩", "吨", "倍", "三分之一", "约", "近",
])
report_lines = st.lists(st.lists(LINE_PARTS | st.text(max_size=8), max_size=12).map("".join),
                        min_size=1, max_size=40)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report_lines, st.booleans(), st.sampled_from(["\n", "\r\n", "\r"]))
def test_fuzz_whole_pipeline(lines: list[str], with_opening: bool, newline: str) -> None:
    text = newline.join((["政府工作报告", "各位代表："] if with_opening else []) + lines) + newline
    for source in (text, text.encode("utf-8"), text.encode("gb18030", errors="replace")):
        try:
            report = govreport.load(source)
        except GovReportError:
            continue  # a clear, deliberate error is a correct outcome
        check_model(report)
        check_extraction(report)
