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
    # the title line's note on the version (（文字实录）) is not part of the title
    "national-zhongguo-2020": ("政府工作报告", 2020, N, None, None, "national", "2020-05-22",
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
                                "province", "2026-02-04", "内蒙古自治区第十四届人民代表大会第五次会议", "包钢", "自治区主席"),
    "province-anhui-2026": ("2026年安徽省政府工作报告", 2026, "安徽省", "340000", "安徽省", "province", "2026-02-05",
                            "安徽省第十四届人民代表大会第四次会议", "王清宪", "省长"),
    "province-chongqing-2026": ("2026年重庆市政府工作报告", 2026, "重庆市", "500000", "重庆市", "province", "2026-01-28",
                                "重庆市第六届人民代表大会第四次会议", "胡衡华", "市长"),
    "province-fujian-2026": ("2026年福建省政府工作报告", 2026, "福建省", "350000", "福建省", "province", "2026-01-27",
                             "福建省第十四届人民代表大会第四次会议", "赵龙", "省长"),
    # meeting line without a dash, speaker line with the bare title 省长
    "province-heilongjiang-2026": ("2026年黑龙江省政府工作报告", 2026, "黑龙江省", "230000", "黑龙江省", "province",
                                   "2026-01-31", "黑龙江省第十四届人民代表大会第四次会议", "梁惠玲", "省长"),
    "province-henan-2026": ("2026年河南省政府工作报告", 2026, "河南省", "410000", "河南省", "province", "2026-01-26",
                            "河南省第十四届人民代表大会第四次会议", "王凯", "省长"),
    # a photo caption (…作政府工作报告。本报记者 朱江 摄) between the speaker line and 各位代表
    "province-jiangsu-2026": ("2026年江苏省政府工作报告", 2026, "江苏省", "320000", "江苏省", "province", "2026-02-03",
                              "江苏省第十四届人民代表大会第五次会议", "刘小涛", "省长"),
    "province-jilin-2026": ("2026年吉林省政府工作报告", 2026, "吉林省", "220000", "吉林省", "province", "2026-01-27",
                            "吉林省第十四届人民代表大会第五次会议", "胡玉亭", "省长"),
    "province-shanxi-2026": ("2026年山西省政府工作报告", 2026, "山西省", "140000", "山西省", "province", "2026-02-02",
                             "山西省第十四届人民代表大会第五次会议", "卢东亮", "省长"),
    "province-tianjin-2026": ("2026年天津市政府工作报告", 2026, "天津市", "120000", "天津市", "province", "2026-01-26",
                              "天津市第十八届人民代表大会第四次会议", "张工", "市长"),
    # a speaker whose name has a middle dot, and a caption naming him before 各位代表
    "province-xinjiang-2026": ("2026年新疆维吾尔自治区政府工作报告", 2026, "新疆维吾尔自治区", "650000", "新疆维吾尔自治区",
                               "province", "2026-01-27", "新疆维吾尔自治区第十四届人民代表大会第四次会议", "艾尔肯·吐尼亚孜",
                               "自治区主席"),
    "province-ningxia-2026": ("政府工作报告", 2026, "宁夏回族自治区", "640000", "宁夏回族自治区", "province",
                              "2026-02-03", "宁夏回族自治区第十三届人民代表大会第四次会议", "张雨浦", "自治区主席"),
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


def test_a_region_code_is_the_code_valid_at_the_reports_date():
    # 襄樊市 was renamed 襄阳市 in 2010-12 (same code); 巢湖市 was a prefecture-level city
    # (341400) until 2011 and is a county-level city under 合肥 (340181) since
    assert resolve_region("湖北省襄樊市", "2009-03").code == "420600"
    assert full_name(resolve_region("襄樊市", "2009-03"), "2009-03") == "湖北省襄樊市"
    assert resolve_region("襄阳市", "2021-02").code == "420600"
    assert resolve_region("安徽省巢湖市", "2010-01").code == "341400"
    assert resolve_region("安徽省巢湖市", "2010-01").level == "city"
    assert resolve_region("安徽省巢湖市", "2016-01").code == "340181"
    assert resolve_region("安徽省巢湖市").code == "340181"  # no date: today's table
    # 杭州市下城区 was merged into 拱墅区 in 2021-04
    assert resolve_region("杭州市下城区", "2020-01").code == "330103"
    assert resolve_region("杭州市下城区", "2022-01") is None  # neither then nor now
    # 偃师市 became 偃师区 (same code) in 2021-03
    assert full_name(resolve_region("偃师市", "2020-01"), "2020-01") == "河南省洛阳市偃师市"
    assert full_name("410381") == "河南省洛阳市偃师区"


def test_the_report_date_decides_the_code():
    old = govreport.parse("2010年巢湖市政府工作报告\n——2010年1月10日在巢湖市第三届人民代表大会第五次会议上\n"
                          "市长 张三\n各位代表：\n一、2009年工作回顾\n全市生产总值增长13%。\n")
    new = govreport.parse(old.text.replace("2010", "2016"))
    assert (old.meta.region_code, old.meta.level, old.meta.region) == ("341400", "city", "安徽省巢湖市")
    assert (new.meta.region_code, new.meta.level, new.meta.region) == ("340181", "county", "安徽省合肥市巢湖市")


def test_the_gazetteer_records_its_vintage():
    from importlib import resources

    from govreport._data import data_lines

    header = resources.files("govreport.data").joinpath("gazetteer.tsv").read_text(encoding="utf-8")
    assert "change list ends 2023-04" in header and "revisions 1980-12 to 2019-04" in header
    assert "scripts/make_gazetteer.py" in header
    assert data_lines("gazetteer.tsv")[0] == "code\tname\tlevel\tparent\tvalid_from\tvalid_to"


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


BODY = "现在，我代表省人民政府向大会报告工作。\n一、2025年工作回顾\n过去一年很好。\n让我们团结奋斗！\n"


def _meta(header):
    return govreport.parse(header + "\n各位代表：\n" + BODY).meta


def test_caption_between_speaker_line_and_opening_is_not_the_title():
    meta = _meta("2026年湖北省政府工作报告\n——2026年1月29日在湖北省第十四届人民代表大会第五次会议上\n"
                 "来源：湖北日报\n时间：2026-02-03\n湖北省人民政府省长 李殿勋\n"
                 "1月29日，省长李殿勋代表省人民政府向大会作政府工作报告。湖北日报全媒记者 张三 摄")
    assert (meta.title, meta.date, meta.speaker, meta.speaker_title, meta.region) == (
        "2026年湖北省政府工作报告", "2026-01-29", "李殿勋", "省长", "湖北省")


def test_speaker_line_with_only_a_name_takes_the_title_from_the_caption():
    meta = _meta("2026年湖南省政府工作报告\n——2026年1月27日在湖南省第十四届人民代表大会第五次会议上\n毛伟明\n"
                 "省长毛伟明作政府工作报告。记者 李四 摄")
    assert (meta.speaker, meta.speaker_title, meta.title) == ("毛伟明", "省长", "2026年湖南省政府工作报告")


def test_speaker_line_with_only_a_name_and_no_caption_has_no_title():
    meta = _meta("政府工作报告\n——2026年1月27日在湖南省第十四届人民代表大会第五次会议上\n毛伟明")
    assert (meta.speaker, meta.speaker_title) == ("毛伟明", None)


def test_meeting_date_in_chinese_numerals():
    meta = _meta("政府工作报告\n——二〇二六年一月二十七日在贵州省第十四届人民代表大会第五次会议上\n贵州省省长 李炳军")
    assert (meta.date, meta.year, meta.meeting) == ("2026-01-27", 2026, "贵州省第十四届人民代表大会第五次会议")


def test_meeting_line_without_its_ordinals_gets_the_official_form():
    meta = _meta("政府工作报告\n——2026年2月2日在四川省十四届人大四次会议上\n四川省省长 施小琳")
    assert meta.meeting == "四川省第十四届人民代表大会第四次会议"
    assert (meta.region, meta.level) == ("四川省", "province")


def test_a_first_line_added_by_whoever_stored_the_file_and_a_xinhua_dateline():
    meta = _meta("2012年国务院政府工作报告全文\n新华社北京3月15日电\n政府工作报告\n"
                 "——2012年3月5日在第十一届全国人民代表大会第五次会议上\n国务院总理 温家宝")
    assert (meta.title, meta.date, meta.region, meta.speaker) == ("政府工作报告", "2012-03-05", N, "温家宝")


def test_a_dateline_that_runs_into_the_title_line():
    meta = _meta("新华社北京3月5日电 政府工作报告——2013年3月5日在第十二届全国人民代表大会第一次会议上 国务院总理 温家宝")
    assert (meta.title, meta.year, meta.speaker, meta.speaker_title) == ("政府工作报告", 2013, "温家宝", "总理")


def test_a_question_mark_where_a_space_was_lost():
    meta = _meta("2026年河北省政府工作报告\n——2026年1月25日在河北省第十四届人民代表大会第五次会议上\n河北省省长?王正谱")
    assert (meta.speaker, meta.speaker_title) == ("王正谱", "省长")


def test_a_government_chairman_is_the_chairman_of_an_autonomous_region():
    meta = _meta("2026年广西壮族自治区政府工作报告\n——2026年1月20日在广西壮族自治区第十四届人民代表大会第五次会议上\n"
                 "自治区人民政府代主席 韦韬")
    assert (meta.speaker, meta.speaker_title, meta.region) == ("韦韬", "代自治区主席", "广西壮族自治区")


def test_a_scrapers_labels_are_not_the_report_and_its_title_label_is_the_title():
    meta = govreport.parse("标题：2021年保定市政府工作报告\n发文单位：保定市人民政府\n发文时间：未知\n"
                           "来源URL：http://district.ce.cn/t20210223.shtml\n正文：\n"
                           "――2021年1月31日在保定市第十五届人民代表大会第六次会议上\n保定市人民政府市长 郭建英\n"
                           "各位代表：\n" + BODY).meta
    assert (meta.title, meta.date, meta.region, meta.level, meta.speaker) == (
        "2021年保定市政府工作报告", "2021-01-31", "河北省保定市", "city", "郭建英")


def test_a_meeting_line_without_a_date_and_a_title_after_the_meeting():
    meta = _meta("夯实基础 提速发展 为建设京南近海强市名城而努力奋斗\n"
                 "——在保定市第十二届人民代表大会第五次会议上的政府工作报告\n保定市人民政府市长 于 群\n（2007年1月30日）")
    assert (meta.title, meta.meeting, meta.region, meta.date, meta.speaker) == (
        "政府工作报告", "保定市第十二届人民代表大会第五次会议", "河北省保定市", "2007-01-30", "于群")


def test_a_digest_without_its_opening_names_speaker_and_meeting_in_its_headline():
    meta = govreport.parse("标题：2026年保定市政府工作报告\n闫继红在保定市十六届人大七次会议上的政府工作报告（摘登）\n"
                           "“十四五”时期经济社会发展回顾\n本报讯 2月4日，市长闫继红在市十六届人大七次会议上作政府工作报告时"
                           "指出，过去五年，是保定发展史上极不寻常、极不平凡的五年。\n").meta
    assert (meta.title, meta.year, meta.region, meta.meeting, meta.speaker, meta.speaker_title) == (
        "2026年保定市政府工作报告", 2026, "河北省保定市", "保定市第十六届人民代表大会第七次会议", "闫继红", "市长")


def test_the_region_a_title_names_when_nothing_else_does():
    meta = govreport.parse("标题：高阳县2020年政府工作报告\n2020年县政府工作总体要求和主要预期目标\n"
                           "2020年，是全面建成小康社会和“十三五”规划收官之年，是实现第一个百年奋斗目标的关键之年，"
                           "全县经济社会发展主要预期目标是：\n地区生产总值增长7%；\n").meta
    assert (meta.title, meta.year, meta.region, meta.level) == ("高阳县2020年政府工作报告", 2020, "河北省保定市高阳县", "county")


def test_a_scrapers_reporter_label_is_the_speaker_line():
    meta = govreport.parse("标题：2012年保定市政府工作报告\n发文单位：保定市人民政府\n报告人：保定市人民政府市长 马誉峰\n"
                           "正文：\n各位代表：\n" + BODY).meta
    assert (meta.title, meta.speaker, meta.speaker_title, meta.region) == (
        "2012年保定市政府工作报告", "马誉峰", "市长", "河北省保定市")
