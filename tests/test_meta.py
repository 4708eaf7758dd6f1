"""Metadata of every corpus report, checked by eye against the files in tests/data/."""
from __future__ import annotations

from pathlib import Path

import pytest

import govreport
from govreport._meta import full_name, resolve_region

DATA = Path(__file__).parent / "data"
N = "中华人民共和国"

# file: (title, year, region, region_code, province, level, date, meeting, speaker, speaker_title)
EXPECTED = {
    "district-jiangbei-2021": ("2021年重庆市江北区政府工作报告", 2021, "重庆市江北区", "500105", "重庆市", "county",
                               "2021-03-30", "重庆市江北区第十八届人民代表大会第五次会议", "代小红", "区长"),
    "county-hailaer-2016": ("政府工作报告", 2016, "内蒙古自治区呼伦贝尔市海拉尔区", "150702", "内蒙古自治区", "county",
                            "2016-02-19", "海拉尔区第十四届人民代表大会第五次会议", "杜联合", "区长"),
    "county-hailaer-2018": ("政府工作报告", 2018, "内蒙古自治区呼伦贝尔市海拉尔区", "150702", "内蒙古自治区", "county",
                            "2018-03-07", "海拉尔区第十五届人民代表大会第二次会议", "杨国宏", "区长"),
    "county-hailaer-2019": ("政府工作报告", 2019, "内蒙古自治区呼伦贝尔市海拉尔区", "150702", "内蒙古自治区", "county",
                            "2019-03-04", "呼伦贝尔市海拉尔区第十五届人民代表大会第三次会议", "萨国文", "代区长"),
    "national-zhongguo-2010": ("政府工作报告", 2010, N, None, None, "national", "2010-03-05",
                               "第十一届全国人民代表大会第三次会议", "温家宝", "总理"),
    "national-zhongguo-2016": ("政府工作报告", 2016, N, None, None, "national", "2016-03-05",
                               "第十二届全国人民代表大会第四次会议", "李克强", "总理"),
    "national-zhongguo-2017": ("政府工作报告", 2017, N, None, None, "national", "2017-03-05",
                               "第十二届全国人民代表大会第五次会议", "李克强", "总理"),
    # starts at 各位代表: no header, so no title/date/meeting/speaker; year from "一、2018年工作回顾"
    "national-zhongguo-2019": (None, 2019, N, None, None, "national", None, None, None, None),
    "national-zhongguo-2020": ("政府工作报告（文字实录）", 2020, N, None, None, "national", "2020-05-22",
                               "第十三届全国人民代表大会第三次会议", "李克强", "总理"),
    "national-zhongguo-2021": ("政府工作报告", 2021, N, None, None, "national", "2021-03-05",
                               "第十三届全国人民代表大会第四次会议", "李克强", "总理"),
    "national-zhongguo-2022": (None, 2022, N, None, None, "national", None, None, None, None),
    "national-zhongguo-2024": ("政府工作报告", 2024, N, None, None, "national", "2024-03-05",
                               "第十四届全国人民代表大会第二次会议", "李强", "总理"),
    "national-zhongguo-2025": (None, 2025, N, None, None, "national", None, None, None, None),
    "province-guangdong-2026": ("政府工作报告", 2026, "广东省", "440000", "广东省", "province", "2026-01-26",
                                "广东省第十四届人民代表大会第五次会议", "孟凡利", "省长"),
    "province-neimenggu-2026": ("2026年内蒙古自治区政府工作报告", 2026, "内蒙古自治区", "150000", "内蒙古自治区",
                                "province", "2026-02-04", "内蒙古自治区第十四届人民代表大会第五次会议", "包钢", "主席"),
    "province-ningxia-2026": ("政府工作报告", 2026, "宁夏回族自治区", "640000", "宁夏回族自治区", "province",
                              "2026-02-03", "宁夏回族自治区第十三届人民代表大会第四次会议", "张雨浦", "主席"),
    "province-shaanxi-2026": ("陕西省2026年政府工作报告", 2026, "陕西省", "610000", "陕西省", "province",
                              "2026-01-27", "陕西省第十四届人民代表大会第四次会议", "赵刚", "省长"),
    "province-shanghai-2026": ("2026年上海市政府工作报告", 2026, "上海市", "310000", "上海市", "province",
                               "2026-02-03", "上海市第十六届人民代表大会第四次会议", "龚正", "市长"),
    "province-yunnan-2026": ("2026年政府工作报告", 2026, "云南省", "530000", "云南省", "province", "2026-01-28",
                             "云南省第十四届人民代表大会第四次会议", "王予波", "省长"),
    "province-zhejiang-2026": ("2026年浙江省政府工作报告", 2026, "浙江省", "330000", "浙江省", "province",
                               "2026-01-14", "浙江省第十四届人民代表大会第四次会议", "刘捷", "省长"),
}
FIELDS = ("title", "year", "region", "region_code", "province", "level", "date", "meeting", "speaker",
          "speaker_title")


@pytest.fixture(scope="module")
def reports():
    return {name: govreport.load(DATA / f"{name}.txt") for name in EXPECTED}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_meta_of_each_report(reports, name):
    assert reports[name].meta.to_dict() == dict(zip(FIELDS, EXPECTED[name]))


def test_meta_to_dict_has_every_field():
    assert list(govreport.Meta().to_dict()) == list(FIELDS)
    assert set(govreport.Meta().to_dict().values()) == {None}


def test_resolve_region_uses_ancestors_to_disambiguate():
    # 江北区 exists in 重庆 (500105) and 宁波 (330205): the bare name is ambiguous
    assert resolve_region("江北区") is None
    assert resolve_region("重庆市江北区").code == "500105"
    assert resolve_region("宁波市江北区").code == "330205"
    assert resolve_region("浙江省宁波市江北区").code == "330205"
    assert resolve_region("海拉尔区").code == "150702"
    assert resolve_region("呼伦贝尔市海拉尔区").code == "150702"
    assert resolve_region("火星市") is None


def test_full_name_skips_placeholder_levels():
    assert full_name("150702") == "内蒙古自治区呼伦贝尔市海拉尔区"
    assert full_name("500105") == "重庆市江北区"
    assert full_name("310000") == "上海市"


def test_meta_from_minimal_text():
    text = ("2023年某某县政府工作报告\n——2023年1月5日在某某县第一届人民代表大会第二次会议上\n"
            "某某县人民政府县长 张三\n各位代表：\n现在，我代表县人民政府向大会报告工作。\n一、工作回顾\n过去一年很好。\n"
            "让我们团结奋斗！\n")
    meta = govreport.parse(text).meta
    # the county is not in the gazetteer: no region rather than a guess
    assert meta.title == "2023年某某县政府工作报告"
    assert (meta.year, meta.date, meta.speaker, meta.speaker_title) == (2023, "2023-01-05", "张三", "县长")
    assert meta.meeting == "某某县第一届人民代表大会第二次会议"
    assert (meta.region, meta.region_code, meta.level, meta.province) == (None, None, None, None)


def test_meta_validates_level():
    with pytest.raises(ValueError):
        govreport.Meta(level="planet")
