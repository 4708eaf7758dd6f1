"""The fast paths of govreport.numbers agree with the general ones (hypothesis)."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govreport.numbers import _grammar, _units

# pieces of mentions and of what surrounds them, so that random strings hit the grammar's corners
PIECES = [
    "0", "1", "8", "12", "2021", "2,016", "1,751", "3.9", "0.5", "1325", "一", "两", "十", "十三", "三百二十五",
    "一万三", "二〇二一", "六千八百一十一万", "3万4000", "千", "百", "万", "亿", "点", "六点五", "壹贰叁", "萬",
    "億", "负", "-", "—", "——", "至", "到", "~", "/", "分之", "百分之", "千分之", "万分之", "元", "亿元", "%",
    "‰", "个百分点", "人", "人次", "人(次)", "家", "个", "项", "年", "次", "公里", "千米", "千瓦", "千瓦时", "平方米",
    "倍", "批", "种", "标准箱", "微克/立方米", "米", "吨", "近", "超", "超过", "约", "不低于", "不超过", "余", "多",
    "左右", "以上", "以内", "以下", "第", "“", "几", "十三五", "一带一路", "四川", "5G", "，", "。", " ", "(", ")",
    "A", "x", ".", ",",
]
mention_like = st.lists(st.sampled_from(PIECES), min_size=1, max_size=14).map("".join)


@given(mention_like, st.booleans())
@settings(max_examples=400)
def test_mention_pattern_agrees_with_regex_engine(text, in_text):
    """``re`` (Python >= 3.11) and ``regex`` read the mention pattern alike at every position, in both modes."""
    fast = _grammar.grammar(in_text).pattern
    reference = _grammar.reference_pattern(_units.version(), in_text)
    for pos in range(len(text)):
        a, b = fast.match(text, pos), reference.match(text, pos)
        assert (a is None) == (b is None), (text, pos)
        if a is not None:
            assert a.span() == b.span() and a.groups() == b.groups(), (text, pos)
            assert [a.span(i) for i in range(1, fast.groups + 1)] == \
                [b.span(i) for i in range(1, fast.groups + 1)], (text, pos)
        a, b = fast.fullmatch(text, pos), reference.fullmatch(text, pos)
        assert (a is None) == (b is None), (text, pos)
        if a is not None:
            assert a.groups() == b.groups(), (text, pos)


PHRASE_CHARS = sorted(set("".join(_units.non_quantity_phrases())) | set("发展经济12万"))


@given(st.lists(st.sampled_from(PHRASE_CHARS + sorted(_units.non_quantity_phrases())), max_size=10).map("".join))
@settings(max_examples=300)
def test_phrase_trie_reads_like_the_alternation(text):
    """The non-quantity phrases as a trie match what their longest-first alternation matches, everywhere."""
    import re

    trie = _grammar.grammar(True).phrases
    alternation = re.compile(_grammar._alt(_units.non_quantity_phrases()))
    for pos in range(len(text) + 1):
        a, b = trie.match(text, pos), alternation.match(text, pos)
        assert (a and a.span()) == (b and b.span()), (text, pos)


def _both(s: str):
    """(plain fast path, general path) of parse_quantity on ``s``: a Quantity, None, or the error type."""
    from govreport import NumberFormatError
    from govreport.numbers._numerals import fold
    from govreport.numbers._quantity import _parse_quantity, _plain_quantity

    norm = fold(s)
    fast = _plain_quantity(s, norm)
    try:
        general = _parse_quantity(s, norm)
    except NumberFormatError:
        general = NumberFormatError
    return fast, general


def _check_fast_path(s: str) -> None:
    fast, general = _both(s)
    if fast is not None:                  # the fast path answers only where the general path agrees
        assert fast == general and repr(fast) == repr(general), (s, fast, general)  # same Decimal digits too


def test_fast_path_agrees_on_spec_cases():
    from pathlib import Path

    from govreport.testing import load_quantity_cases

    cases = load_quantity_cases(Path(__file__).parent / "spec" / "numbers")
    taken = 0
    for case in cases:
        for s in {case.input, case.input.strip(), case.span or ""} - {""}:
            _check_fast_path(s)
            taken += _both(s)[0] is not None
    assert taken >= 20                    # the fast path does read plain mentions


@pytest.mark.parametrize("s", ["1325", "1.4万", "-10.1万", "负3.9", "三百二十五", "一万三", "1,751亿元", "3.9%",
                               "120亿元", "2021年", "１３２５", "5千瓦", "3万4000", "二〇二一", "一"])
def test_fast_path_reads_plain_mentions(s):
    fast, general = _both(s)
    assert fast is not None and fast == general and repr(fast) == repr(general)


@pytest.mark.parametrize("s", ["十三五", "百分之六点五", "1/3", "三分之一", "3至5家", "近3000个", "120亿元以上",
                               "19600余人(次)", " 12 ", "控制在2.5%以内", "十余万", "千分之三", "5G", "一带一路"])
def test_fast_path_leaves_the_rest_to_the_grammar(s):
    fast, _ = _both(s)
    assert fast is None


@given(mention_like)
@settings(max_examples=1000)
def test_fast_path_agrees_with_the_grammar(text):
    _check_fast_path(text)


@given(st.tuples(st.sampled_from(["", "-", "负"]),
                 st.one_of(st.integers(0, 10**16).map(str), st.decimals(0, 10**6, places=3).map(str),
                           st.sampled_from(PIECES[:40])),
                 st.sampled_from(["", "万", "亿", "万亿"]),
                 st.sampled_from([""] + sorted(_units.units()))).map("".join))
@settings(max_examples=1000)
def test_fast_path_agrees_with_the_grammar_on_numbers_and_units(text):
    _check_fast_path(text)


@given(st.one_of(st.integers(0, 10**20).map(str), st.decimals(0, 10**8, places=4).map(str)),
       st.text(alphabet="万萬亿億", min_size=1, max_size=4))
@settings(max_examples=500)
def test_arabic_with_magnitude_fast_path_agrees_with_the_token_reader(digits, magnitudes):
    from govreport.numbers._numerals import _parse, parse_normalized

    t = digits + magnitudes
    fast, (general, approximate) = parse_normalized(t), _parse("+" + t, t)  # "+": not the fast reading
    assert not approximate
    assert fast == general and str(fast) == str(general), t


def _without_fast_path(text: str):
    from govreport.numbers import _quantity

    _quantity._FAST = False
    try:
        return _quantity.find_quantities(text)
    finally:
        _quantity._FAST = True


CONTEXT = ["", "增长", "第", "达到", "“", "其中", "PM", "每", "$", "-", "。", "A"]


@given(st.lists(st.tuples(st.sampled_from(CONTEXT), mention_like), min_size=1, max_size=4))
@settings(max_examples=600)
def test_plain_mention_path_agrees_with_the_grammar(pieces):
    """find_quantities reads plain Arabic mentions (1325亿元) without the grammar: the same quantities."""
    from govreport.numbers import find_quantities

    text = "".join(a + b for a, b in pieces)
    assert find_quantities(text) == _without_fast_path(text), text


def test_plain_mention_path_agrees_on_the_reports():
    from pathlib import Path

    from govreport.numbers import find_quantities

    for path in sorted((Path(__file__).parent / "data").glob("*.txt"))[:10]:
        text = path.read_text(encoding="utf-8")
        assert find_quantities(text) == _without_fast_path(text), path.name
