"""The fast paths of govreport.numbers agree with the general ones (hypothesis)."""
from __future__ import annotations

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


@given(mention_like)
@settings(max_examples=400)
def test_mention_pattern_agrees_with_regex_engine(text):
    """``re`` (Python >= 3.11) and ``regex`` read the mention pattern alike at every position."""
    fast = _grammar.compiled()[0]
    reference = _grammar.reference_pattern(_units.version())
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
