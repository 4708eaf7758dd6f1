"""govreport.numbers: one named test per case of issue 3, with its exact expected value."""
from __future__ import annotations

import decimal
from decimal import Decimal
from pathlib import Path

import attrs
import pytest

from govreport import NumberFormatError
from govreport.numbers import (
    Quantity, add_non_quantity_phrases, add_unit, canonical_unit, find_quantities, non_quantity_phrases,
    parse_number, parse_quantity, to_chinese, units,
)

THIRD = Decimal(1) / Decimal(3)
DATA = Path(__file__).parent / "data"


def q(s):
    x = parse_quantity(s)
    return x.value, x.value_max, x.unit, x.qualifier


# ---------------------------------------------------------------- parse_number
@pytest.mark.parametrize("text, value", [
    ("1,751", "1751"), ("1.36", "1.36"), ("１３２５", "1325"), ("１１．９", "11.9"),
    ("三百二十五", "325"), ("两千零五", "2005"), ("十三", "13"), ("一万零五百", "10500"),
    ("二〇二一", "2021"), ("萬", "10000"), ("兩億", "200000000"), ("參", "3"),
    ("壹仟贰佰叁拾肆", "1234"), ("伍拾萬", "500000"),
    ("1.4万", "14000"), ("2万亿", "2000000000000"), ("六千八百一十一万", "68110000"), ("3.2亿", "320000000"),
    ("3万4000", "34000"), ("25万6千", "256000"), ("一万三", "13000"), ("二十万亿", "20000000000000"),
    ("1234567890123456", "1234567890123456"), ("一亿亿", "10000000000000000"),
    ("六点五", "6.5"), ("三点一四亿", "314000000"), ("负3.9", "-3.9"), ("-10.1万", "-101000"),
    ("千亿", "100000000000"), ("一百零五", "105"), ("三千五", "3500"), ("点五", "0.5"),
])
def test_parse_number(text, value):
    got = parse_number(text)
    assert got == Decimal(value) and isinstance(got, Decimal)


@pytest.mark.parametrize("text, value", [
    # issue 14: the forms parse_number reads beyond issue 3
    ("一百十五", "115"), ("百十一", "111"), ("二百点45", "200.45"), ("一百点123", "100.123"), ("廿二", "22"),
    ("卅五", "35"), ("倆千零五", "2005"), ("俩千三百", "2300"), ("負五十七", "-57"), ("四點二", "4.2"),
    ("７，２０３", "7203"), ("１２，３４５，６７８", "12345678"), ("2e5", "200000"), ("-12e-1", "-1.2"),
    ("40k", "40000"), ("-2.5 M", "-2500000"), (".5", "0.5"), ("-.5", "-0.5"), ("点一", "0.1"),
    ("7 万5 千4 百", "75400"), ("一百 五 十 二", "152"), ("百三", "130"), ("一千陆", "1600"), ("九十二万四", "924000"),
    ("四百亿点零五零", "40000000000.05"), ("两千万点五五四四", "20000000.5544"), ("10万万", "1000000000"),
    ("幺幺零", "110"), ("一二三", "123"), ("一一", "11"), ("两千三点一", "2300.1"), ("拾萬零五十六", "100056"),
    ("一万二百五十", "10250"), ("一万三千亿", "1300000000000"), ("五兆六十二亿四万五千二", "5006200045200"),
    ("一兆零三百万两千三百", "1000003002300"), ("一点五千万", "15000000"),
])
def test_parse_number_new_forms(text, value):
    got = parse_number(text)
    assert got == Decimal(value) and isinstance(got, Decimal)


@pytest.mark.parametrize("text", [
    "七八百", "十五六", "二十几万", "十几", "五兆", "二两", "十点三十", "几十", "一百几十", "廿百", "1 234", "零点",
    "一点两", "两百点两",
])
def test_parse_number_refuses_what_is_no_single_number(text):
    """A range, a lower bound, an ambiguous 兆, 两 as a digit of a code, a time: parse_quantity's or nobody's."""
    with pytest.raises(NumberFormatError):
        parse_number(text)


def test_parse_int_is_the_small_numeral_reader():
    from govreport.numbers import parse_int
    assert [parse_int(x) for x in ("一", "十", "十二", "二十三", "１２", "7", "二〇二一", "2021")] == \
        [1, 10, 12, 23, 12, 7, 2021, 2021]
    assert isinstance(parse_int("十二"), int)
    for bad in ("一点五", "七八", "元", ""):
        with pytest.raises(NumberFormatError):
            parse_int(bad)


@pytest.mark.parametrize("text", ["", "元", "abc", "1,23", "三四百", "零点", "十三五五点", "1.2.3"])
def test_parse_number_rejects(text):
    with pytest.raises(NumberFormatError):
        parse_number(text)


def test_parse_number_is_exact_for_huge_inputs():
    digits = "9" * 5000
    assert parse_number(digits + "亿") == Decimal(digits + "0" * 8)


# ---------------------------------------------------------------- parse_quantity: the cases of the issue
def test_1325亿元():
    assert q("1325亿元") == (Decimal("132500000000"), None, "元", None)


def test_六千八百一十一万元():
    assert q("六千八百一十一万元") == (Decimal("68110000"), None, "元", None)


def test_近1_3():
    assert q("近1/3") == (THIRD, None, "ratio", "nearly")


def test_3至5家():
    assert q("3至5家") == (Decimal(3), Decimal(5), "家", None)


def test_120亿元以上():
    assert q("120亿元以上") == (Decimal("12000000000"), None, "元", "at_least")


def test_19600余人次():
    assert q("19600余人(次)") == (Decimal(19600), None, "人次", "over")


def test_2_5_percent_以内():
    assert q("2.5%以内") == (Decimal("2.5"), None, "%", "at_most")
    assert q("控制在2.5%以内") == (Decimal("2.5"), None, "%", "at_most")


@pytest.mark.parametrize("text, want", [
    ("3.9%", (Decimal("3.9"), None, "%", None)),
    ("3.9％", (Decimal("3.9"), None, "%", None)),
    ("百分之六点五", (Decimal("6.5"), None, "%", None)),
    ("4.9‰", (Decimal("4.9"), None, "‰", None)),
    ("千分之三", (Decimal(3), None, "‰", None)),
    ("2个百分点", (Decimal(2), None, "百分点", None)),
    ("1/3", (THIRD, None, "ratio", None)),
    ("三分之一", (THIRD, None, "ratio", None)),
    ("4.6倍", (Decimal("4.6"), None, "倍", None)),
])
def test_percentages_fractions_multiples(text, want):
    assert q(text) == want


@pytest.mark.parametrize("text, low, high", [
    ("3至5", 3, 5), ("3-5", 3, 5), ("3～5", 3, 5), ("6%-6.5%", 6, "6.5"), ("6%－6.5%", 6, "6.5"),
    ("6.5—7%", "6.5", 7), ("百分之六到百分之六点五", 6, "6.5"), ("3万至5万元", 30000, 50000),
])
def test_ranges(text, low, high):
    got = parse_quantity(text)
    assert (got.value, got.value_max) == (Decimal(str(low)), Decimal(str(high)))


@pytest.mark.parametrize("text, qualifier", [
    ("近490家", "nearly"), ("接近90%", "nearly"), ("将近一千人", "nearly"),
    ("超5万户", "over"), ("超过240万", "over"), ("突破5000万人次", "over"), ("逾百万人", "over"),
    ("约303万户次", "about"), ("2000余人", "over"), ("2000多家", "over"), ("7%左右", "about"),
    ("95%以上", "at_least"), ("2.5%以内", "at_most"), ("3%以下", "at_most"),
    ("不低于90%", "at_least"), ("不超过3%", "at_most"), ("30亿元", None),
])
def test_qualifiers(text, qualifier):
    assert parse_quantity(text).qualifier == qualifier


@pytest.mark.parametrize("text, value, unit", [
    ("5000万人次", 50000000, "人次"), ("300万标准箱", 3000000, "标准箱"), ("246万平方米", 2460000, "平方米"),
    ("1.4万亩", 14000, "亩"), ("40公里", 40, "公里"), ("19万吨", 190000, "吨"), ("330天", 330, "天"),
    ("30微克/立方米", 30, "微克/立方米"), ("40亿美元", 4000000000, "美元"), ("3亿欧元", 300000000, "欧元"),
    ("303万户次", 3030000, "户次"), ("793艘", 793, "艘"), ("13项", 13, "项"), ("3463件", 3463, "件"),
    ("5条", 5, "条"), ("6轮", 6, "轮"), ("8970万千瓦", 89700000, "千瓦"), ("120亿千瓦时", 12000000000, "千瓦时"),
    ("2.5万公顷", 25000, "公顷"), ("3平方公里", 3, "平方公里"), ("21所", 21, "所"), ("119座", 119, "座"),
])
def test_units(text, value, unit):
    got = parse_quantity(text)
    assert (got.value, got.unit) == (Decimal(value), unit)


def test_signs():
    assert q("负3.9%") == (Decimal("-3.9"), None, "%", None)
    assert q("-10.1万") == (Decimal(-101000), None, None, None)
    assert [x.value for x in find_quantities("GDP下降3%")] == [Decimal(3)]


@pytest.mark.parametrize("text, value", [
    ("十余万", 100000), ("500余万", 5000000), ("一千多万", 10000000), ("3万4000人", 34000),
    ("25万6千人", 256000), ("一万三千人", 13000), ("二十万亿元", 20000000000000),
    ("1234567890123456元", 1234567890123456),
])
def test_magnitude_after_qualifier_and_elided_units(text, value):
    assert parse_quantity(text).value == Decimal(value)


def test_traditional_and_financial():
    assert q("壹仟贰佰叁拾肆元") == (Decimal(1234), None, "元", None)
    assert q("兩萬人") == (Decimal(20000), None, "人", None)
    assert q("參億元") == (Decimal(300000000), None, "元", None)


def test_full_width():
    assert q("１３２５亿元") == (Decimal("132500000000"), None, "元", None)
    got = parse_quantity("１１．９％")
    assert (got.value, got.unit, got.text) == (Decimal("11.9"), "%", "１１．９％")


def test_values_are_decimals_never_floats():
    for x in find_quantities("增长8.5%，投资1.36亿元，近1/3，3至5家"):
        assert type(x.value) is Decimal
        assert x.value_max is None or type(x.value_max) is Decimal


@pytest.mark.parametrize("text", ["", "  ", "十三五", "一带一路", "5G", "第四", "元", "增长", "3%和5%"])
def test_parse_quantity_rejects(text):
    with pytest.raises(NumberFormatError):
        parse_quantity(text)


# ---------------------------------------------------------------- find_quantities
@pytest.mark.parametrize("text", [
    "“十三五”时期", "“十四五”规划", "一带一路", "两学一做", "四个意识", "三大攻坚战", "六稳六保", "“两高”示范区",
    "三区三线", "一网通办", "马路办公", "八项规定", "三项制度", "5G基站", "第四", "全市第一", "排名第七",
    "2021年", "2021年3月30日", "二〇三五年", "2016—2020年", "一切", "四川", "陆地", "两岸关系", "五角大楼",
    "第十八届人民代表大会第五次会议", "鲤鱼池42号", "8+3", "一、", "（一）", "1.全力",
])
def test_not_quantities(text):
    assert find_quantities(text) == []


def test_spans_include_qualifiers_and_units():
    text = "金融资产规模超2万亿元、占全市近1/3，覆盖率稳定在95%以上，失业率控制在2.5%以内"
    got = [(x.text, x.qualifier) for x in find_quantities(text)]
    assert got == [("超2万亿元", "over"), ("近1/3", "nearly"), ("95%以上", "at_least"), ("2.5%以内", "at_most")]
    for x in find_quantities(text):
        assert text[x.start:x.end] == x.text


def test_offsets_index_the_string_passed_in():
    text = "增长１１．９％，达到１３２５亿元"
    got = find_quantities(text)
    assert [x.text for x in got] == ["１１．９％", "１３２５亿元"]
    assert got[0].number_start == 2 and got[0].number_end == 6


def test_example_report_figures():
    path = DATA / "district-jiangbei-2021.txt"
    if not path.exists():
        path = Path(__file__).parents[2] / "shared" / "corpus" / "district-jiangbei-2021.txt"
    text = path.read_text(encoding="utf-8")
    found = {x.text: x for x in find_quantities(text)}
    assert found["1325亿元"].value == Decimal("132500000000")
    assert found["19600余人(次)"].unit == "人次"
    assert "5G" not in found and "2021年" not in found


def test_quantity_is_frozen():
    x = parse_quantity("3家")
    assert isinstance(x, Quantity)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        x.value = Decimal(4)  # type: ignore[misc]


def test_linear_on_long_runs():
    for text in ("1" * 100_000, "一" * 100_000, "1,000" * 20_000, "12.5%-" * 20_000):
        find_quantities(text)  # must return, quickly (timed in benchmarks/bench_numbers.py)


# ---------------------------------------------------------------- unit table API
def test_unit_table_is_data_and_extensible():
    assert units()["万元" if "万元" in units() else "元"].canonical == "元"
    assert canonical_unit("千米") == "公里" and canonical_unit("人(次)") == "人次"
    assert canonical_unit("光年") is None
    assert find_quantities("飞行3光年") == []
    add_unit("光年", "光年")
    try:
        assert [(x.text, x.unit) for x in find_quantities("飞行3光年")] == [("3光年", "光年")]
    finally:
        from govreport.numbers import _units
        del _units._UNITS["光年"]
        _units._version += 1


def test_phrase_table_is_extensible():
    assert "十三五" in non_quantity_phrases()
    assert [x.text for x in find_quantities("推行“三张清单”")] == []  # quoted slogan
    assert [x.text for x in find_quantities("推行三张清单")] == ["三张"]
    add_non_quantity_phrases("三张清单")
    try:
        assert find_quantities("推行三张清单") == []
    finally:
        from govreport.numbers import _units
        _units._PHRASES.discard("三张清单")
        _units._version += 1


# ---------------------------------------------------------------- to_chinese
@pytest.mark.parametrize("n, text", [
    (0, "零"), (10, "十"), (13, "十三"), (105, "一百零五"), (10500, "一万零五百"), (110000, "十一万"),
    (132500000000, "一千三百二十五亿"), (10**16, "一亿亿"), (Decimal("-3.9"), "负三点九"),
    (Decimal("6.5"), "六点五"),
])
def test_to_chinese(n, text):
    assert to_chinese(n) == text


@pytest.mark.parametrize("n, text", [
    (10500, "一萬零五百"), (132500000000, "一千三百二十五億"), (10**16, "一億億"), (Decimal("-3.9"), "負三點九"),
    (Decimal("120000.25"), "十二萬點二五"),
])
def test_to_chinese_traditional(n, text):
    assert to_chinese(n, traditional=True) == text
    assert parse_number(text) == n


def test_to_chinese_rejects_floats():
    with pytest.raises(TypeError):
        to_chinese(1.5)  # type: ignore[arg-type]


# ---------------------------------------------------------------- comparison with cn2an
CN2AN_CASES = ["三百二十五", "两千零五", "十三", "一万零五百", "六千八百一十一万", "一千三百二十五亿",
               "负三点九", "1.4万", "3.2亿", "二十万亿", "一百零五", "十万零一"]


@pytest.mark.parametrize("text", CN2AN_CASES)
def test_agrees_with_cn2an(text):
    cn2an = pytest.importorskip("cn2an")
    theirs = cn2an.cn2an(text, "smart")
    ours = parse_number(text)
    with decimal.localcontext() as ctx:
        ctx.prec = 40
        assert ours == Decimal(str(theirs))


@pytest.mark.parametrize("n", [0, 7, 13, 105, 10500, 68110000, 132500000000, 20000000000000])
def test_to_chinese_agrees_with_cn2an(n):
    cn2an = pytest.importorskip("cn2an")
    assert parse_number(cn2an.an2cn(n)) == n
    assert cn2an.cn2an(to_chinese(n), "strict") == n
