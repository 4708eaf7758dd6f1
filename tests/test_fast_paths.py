"""The speed work's fast paths give what the plain ways give (issue 13: every output identical).

Each fast path is checked against a plain reference: the line splitter against a
character-by-character splitter, the offset maps against lists of ints, the time pattern's
lookahead against the pattern without it.
"""
from __future__ import annotations

import pickle
from pathlib import Path

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

import govreport
from govreport._clean import INVISIBLE, NBSP_LITERAL, split_lines
from govreport._context import _time_alternatives, _time_pattern
from govreport._offsets import OffsetMap, OffsetMapBuilder
from govreport._phrases import PhraseScanner
from govreport._prefilter import Prefiltered
from govreport._width import fold_width

DATA = Path(__file__).parent / "data"
CORPUS = sorted(DATA.glob("*.txt"))


def reference_split_lines(source: str) -> list[tuple[str, tuple[int, ...], tuple[int, ...], int, int]]:
    """Lines as (text, starts, ends, end, term_end), one character at a time."""
    lines = []
    pos, n = 0, len(source)
    while pos <= n:
        nl = source.find("\n", pos)
        if nl == -1:
            nl = n
        cr = source.find("\r", pos, nl)
        if cr != -1:
            nl = cr
        term_end = nl + (2 if source.startswith("\r\n", nl) else 1) if nl < n else n
        chars, starts, ends = [], [], []
        i = pos
        while i < nl:
            if INVISIBLE.fullmatch(source[i]):
                i += 1
            elif source.startswith(NBSP_LITERAL, i) and i + len(NBSP_LITERAL) <= nl:
                chars.append("\u00a0")
                starts.append(i)
                ends.append(i + len(NBSP_LITERAL))
                i += len(NBSP_LITERAL)
            else:
                chars.append(source[i])
                starts.append(i)
                ends.append(i + 1)
                i += 1
        a, b = 0, len(chars)
        while a < b and chars[a].isspace():
            a += 1
        while b > a and chars[b - 1].isspace():
            b -= 1
        lines.append(("".join(chars[a:b]), tuple(starts[a:b]), tuple(ends[a:b]), nl, term_end))
        if nl >= n:
            break
        pos = term_end
    return lines


LINE_PIECES = st.sampled_from(["甲", "乙", "1", " ", "\u3000", "\u00a0", "\u2002", "\t", "\n", "\r", "\r\n",
                               "\u200b", "\u202e", "\ufeff", "\x00", "\x85", "\x1c", "\v", "\f",
                               NBSP_LITERAL, "<U+00A", "<", "U+00A0>"])


@settings(max_examples=300, deadline=None)
@given(st.lists(LINE_PIECES, max_size=40).map("".join))
def test_split_lines_gives_what_splitting_by_character_gives(source):
    lines = [(ln.text, ln.starts, ln.ends, ln.end, ln.term_end) for ln in split_lines(source)]
    assert lines == reference_split_lines(source)


def test_split_lines_on_the_corpus_and_its_crlf_form():
    for path in CORPUS[:6]:
        text = path.read_text(encoding="utf-8")
        for source in (text, text.replace("\n", "\r\n"), text.replace("\n", "\r")):
            got = [(ln.text, ln.starts, ln.ends, ln.end, ln.term_end) for ln in split_lines(source)]
            assert got == reference_split_lines(source)


def test_offset_maps_take_a_run_a_line_at_most():
    report = govreport.load(DATA / "district-jiangbei-2021.txt")
    starts, ends = report.offsets
    assert isinstance(starts, OffsetMap) and len(starts) == len(ends) == len(report.text)
    assert all(ends[i] == starts[i] + 1 for i, c in enumerate(report.text) if c != "\n")
    lines = report.text.count("\n") + 1
    assert starts.runs <= lines + 1 and ends.runs <= lines + 1  # the indent of each line cut
    again = govreport.parse(report.text)  # the clean text is copied whole: one run
    assert again.text == report.text and again.offsets[0].runs == again.offsets[1].runs == 1


@given(st.lists(st.integers(-5, 50), max_size=60))
def test_an_offset_map_holds_any_sequence(values):
    mapped = OffsetMap.of(values)
    assert list(mapped) == values and len(mapped) == len(values)
    assert [mapped[i] for i in range(len(values))] == values
    assert [mapped[-i] for i in range(1, len(values) + 1)] == [values[-i] for i in range(1, len(values) + 1)]
    assert mapped[1:5] == values[1:5]
    assert list(pickle.loads(pickle.dumps(mapped))) == values


@given(st.lists(st.integers(0, 30), max_size=40), st.lists(st.integers(-3, 90), min_size=31, max_size=45))
def test_a_map_through_another_is_their_composition(inner, outer):
    assert list(OffsetMap.of(inner).through(OffsetMap.of(outer))) == [outer[i] for i in inner]
    shifted = [i + 1 for i in inner]
    assert list(OffsetMap.of(shifted).through(OffsetMap.of(outer), -1)) == [outer[i] for i in inner]


def test_an_offset_map_is_read_only_and_checks_its_bounds():
    builder = OffsetMapBuilder()
    builder.add(10, 3)
    builder.add(13, 2)  # continues the run
    builder.add(20, 1)
    mapped = builder.build()
    assert list(mapped) == [10, 11, 12, 13, 14, 20] and mapped.runs == 2
    for bad in (6, -7):
        try:
            mapped[bad]
        except IndexError:
            pass
        else:
            raise AssertionError(f"index {bad} read")
    try:
        mapped[0] = 1  # type: ignore[index]
    except TypeError:
        pass
    else:
        raise AssertionError("an offset map was written")


TIME_TEXT = st.lists(st.sampled_from(
    list("0123456789年月到至截止第十五一二三四两〇零今明去上本过近来间累计年均相比与较“”\"-—~至后以前度的基础") +
    ["十四五", "十三五", "2020", "2025", "二〇二一", "过去五年", "一年来", "截止到", "基础上"]), max_size=30).map("".join)


@settings(max_examples=300, deadline=None)
@given(TIME_TEXT)
def test_the_prefiltered_time_pattern_finds_what_the_pattern_finds(text):
    plain = regex.compile(_time_alternatives(False))
    fast = _time_pattern(False)
    assert isinstance(fast, Prefiltered) and fast._candidates is not None  # the filter is in use
    assert [(m.span(), m.groupdict()) for m in fast.finditer(text)] == \
        [(m.span(), m.groupdict()) for m in plain.finditer(text)]


def test_the_prefiltered_time_pattern_finds_what_the_pattern_finds_on_the_corpus():
    plain = regex.compile(_time_alternatives(False))
    for path in CORPUS:
        folded = fold_width(path.read_text(encoding="utf-8"))
        assert [(m.span(), m.groupdict()) for m in _time_pattern(False).finditer(folded)] == \
            [(m.span(), m.groupdict()) for m in plain.finditer(folded)], path.name


@pytest.mark.parametrize("text, expected", [
    ("近五年来，五年来，2020年", ["近五年", "五年", "2020年"]),
    ("今五年来", ["五年来"]),  # 今 before 五年: no span (the lookbehind sees it), the phrase 五年来
    ("第十四五年", []),
])
def test_a_prefiltered_match_sees_the_text_before_it(text, expected):
    found = [m.group() for m in _time_pattern(False).finditer(text)]
    assert found == [m.group() for m in regex.finditer(_time_alternatives(False), text)] == expected


@settings(max_examples=300, deadline=None)
@given(st.sampled_from([r"ab|ac|b\d", r"[丁-乙]乙|x", r"a\s*b|c.d", r"(?<!z)ab|b", r"\p{Han}年", r"a?b", r"q|qr|\d+",
                        r"(?<=[0-9])%|年(?=内)", r"\b\d%", r"(?<!a)b|c"]),
       st.text(alphabet="abcdqrxz甲乙丙丁三七年内% 0123456789\u0663\u3000", max_size=40))
def test_prefiltered_matches_are_the_patterns_whatever_the_pattern(source, text):
    pattern = regex.compile(source)
    assert [m.span() for m in Prefiltered(pattern).finditer(text)] == [m.span() for m in pattern.finditer(text)]


def test_the_matcher_and_the_context_break_clauses_at_the_same_characters():
    # the matcher takes the context's clause breaks instead of scanning the report again
    from govreport._context import _BREAK_CHARACTERS
    from govreport._matcher import _CLAUSE_BREAK

    every = "".join(chr(c) for c in range(0x10000) if not 0xD800 <= c <= 0xDFFF)  # the whole BMP
    assert [m.start() for m in _CLAUSE_BREAK.finditer(every)] == \
        [m.start() for m in _BREAK_CHARACTERS.finditer(every)]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet="甲乙]^-\\[.*", min_size=1, max_size=4), min_size=1, max_size=10),
       st.text(alphabet="甲乙]^-\\[.*，", max_size=50))
def test_the_phrase_scanner_reads_characters_a_pattern_would_take_for_syntax(phrases, text):
    # the scanner's start positions are a character class: ] ^ - \ must stay characters
    forms = sorted(set(phrases), key=len, reverse=True)
    pattern = regex.compile("|".join(map(regex.escape, forms)))
    expected = [(m.start(), m.end()) for m in pattern.finditer(text, overlapped=True)]
    assert list(PhraseScanner(forms).finditer(text)) == expected


def reference_soft_breaks(text: str) -> frozenset[int]:
    """The soft line breaks found line by line (the matcher finds them in one scan)."""
    soft = set()
    lines = text.split("\n")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    for i in range(1, len(lines) - 1):
        line = lines[i]
        if regex.fullmatch(r"[^\p{Han}\n]{1,4}", line) and lines[i - 1] and lines[i - 1][-1] not in "。！？!?；;：:":
            soft.update((starts[i] - 1, starts[i] + len(line)))
    return frozenset(soft)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["\n", "PM", "2.5", "甲", "乙丙", "。", "；", " ", "x", "12345"]), max_size=30)
       .map("".join))
def test_soft_line_breaks_are_found_in_one_scan(text):
    from govreport._matcher import _soft_breaks

    assert _soft_breaks(text) == reference_soft_breaks(text)


def test_a_long_text_is_folded_a_piece_at_a_time_to_the_same_text():
    from govreport._width import FULLWIDTH

    text = "".join(path.read_text(encoding="utf-8") for path in CORPUS[:8])  # over 2**16 characters
    assert len(text) > 2 ** 17 and fold_width(text) == text.translate(FULLWIDTH)


def test_the_characters_the_plausibility_check_passes_over_are_text():
    import unicodedata

    from govreport._load import _NOT_SURELY_TEXT

    passed = [chr(c) for c in range(0x10000) if not 0xD800 <= c <= 0xDFFF and not _NOT_SURELY_TEXT.match(chr(c))]
    assert len(passed) > 20_000
    for ch in passed:  # never a control (but whitespace), private-use, surrogate or unassigned one
        category = unicodedata.category(ch)
        assert category not in ("Co", "Cs", "Cn") and (category != "Cc" or ch in "\t\n\r"), hex(ord(ch))
