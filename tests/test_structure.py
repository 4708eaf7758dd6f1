"""Section trees, paragraphs and sentences."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import govreport
from govreport._structure import build, cn_to_int, split_sentences

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def jiangbei():
    return govreport.load(DATA / "district-jiangbei-2021.txt")


def _load(name):
    return govreport.load(DATA / f"{name}.txt")


def test_jiangbei_sections_match_gold(jiangbei):
    gold = json.loads((DATA / "district-jiangbei-2021.meta.json").read_text(encoding="utf-8"))
    got = [(s.path, s.number, s.title) for s in jiangbei.iter_sections()]
    want = [(tuple(s["path"]), s["number"], s["title"].rstrip("。")) for s in gold["sections"]]
    assert got == want


def test_jiangbei_section_spans(jiangbei):
    text = jiangbei.text
    for s in jiangbei.iter_sections():
        assert text[s.start:].startswith(s.number + s.title)
        assert text[s.title_start:s.title_end] == s.title
        assert s.start <= s.title_start <= s.title_end <= s.end
        for child in s.children:
            assert s.start < child.start and child.end <= s.end
    top = jiangbei.sections
    assert [s.number for s in top] == ["一、", "二、", "三、", "四、"]
    for a, b in zip(top, top[1:]):
        assert a.end < b.start and text[a.end:b.start] == "\n"
    assert top[-1].end == len(text)
    # inline heading: title is the first sentence, the rest of the line is its paragraph
    first = top[0].children[0]
    assert first.title == "过去的五年,是江北聚焦创新驱动、转型发展,产业量质大升级的五年"
    assert first.paragraphs[0].start == first.start
    assert first.paragraphs[0].sentences[1].text == "工业“多业并举”带动高质量发展。"


def test_section_paragraphs_cover_the_body_once(jiangbei):
    direct = [p for s in jiangbei.iter_sections() for p in s.paragraphs]
    before = [p for p in jiangbei.paragraphs if p.start < jiangbei.sections[0].start]
    assert sorted(before + direct, key=lambda p: p.start) == list(jiangbei.paragraphs)
    # 二、 has no subsections: all its paragraphs are its own
    assert len(jiangbei.sections[1].paragraphs) == 11


def test_section_at(jiangbei):
    s = next(x for x in jiangbei.iter_sections() if x.path == (3, 6))
    assert jiangbei.section_at(s.start) is s
    assert jiangbei.section_at(s.end - 1) is s
    assert jiangbei.section_at(0) is None
    assert jiangbei.section_at(jiangbei.sections[1].start + 5).path == (2,)


# report: (top-level numbers and title starts, number of sections in all)
TREES = {
    "county-hailaer-2016": (["一、“十二五”时期和2015年工作回顾", "二、“十三五”经济社会发展的主要目标", "三、2016年工作安排"], 15),
    "county-hailaer-2018": (["一、2017年工作回顾", "二、2018年工作安排"], 10),
    "county-hailaer-2019": (["一、2018年工作回顾", "二、2019年工作安排", "三、加强政府自身建设"], 20),
    "national-zhongguo-2010": (["一、２００９年工作回顾", "二、２０１０年主要任务"], 14),
    "national-zhongguo-2016": (["一、2015年工作回顾", "二、“十三五”时期主要目标任务和重大举措", "三、2016年重点工作"], 11),
    "national-zhongguo-2017": (["一、2016年工作回顾", "二、2017年工作总体部署", "三、2017年重点工作任务"], 12),
    "national-zhongguo-2019": (["一、2018年工作回顾", "二、2019年经济社会发展总体要求和政策取向", "三、2019年政府工作任务"], 13),
    "national-zhongguo-2020": (["一、2019年和今年以来工作回顾", "二、今年发展主要目标和下一阶段工作总体部署",
                                "三、加大宏观政策实施力度", "四、依靠改革激发市场主体活力", "五、实施扩大内需战略",
                                "六、确保实现脱贫攻坚目标", "七、推进更高水平对外开放", "八、围绕保障和改善民生"], 8),
    "national-zhongguo-2021": (["一、2020年工作回顾", "二、“十三五”时期发展成就和“十四五”时期主要目标任务", "三、2021年重点工作"], 11),
    "national-zhongguo-2022": (["一、2021年工作回顾", "二、2022年经济社会发展总体要求和政策取向", "三、2022年政府工作任务"], 12),
    "national-zhongguo-2024": (["一、2023年工作回顾", "二、2024年经济社会发展总体要求和政策取向", "三、2024年政府工作任务"], 13),
    "national-zhongguo-2025": (["一、2024年工作回顾", "二、2025年经济社会发展总体要求和政策取向", "三、2025年政府工作任务"], 13),
    "province-guangdong-2026": (["一、2025年和“十四五”时期工作回顾", "二、“十五五”时期的主要目标和重点任务", "三、2026年工作安排"], 17),
    "province-neimenggu-2026": (["“十四五”时期发展成就和2025年工作回顾", "“十五五”时期主要目标和2026年重点工作"], 21),
    "province-ningxia-2026": (["一、2025年工作总结和“十四五”", "二、“十五五”时期主要任务", "三、2026年重点工作"], 9),
    "province-shaanxi-2026": (["一、2025年工作回顾", "二、“十五五”时期主要目标和重大举措", "三、2026年重点工作"], 18),
    "province-shanghai-2026": (["一、2025年工作回顾", "二、关于《上海市国民经济和社会发展", "三、2026年主要任务", "四、深入推进政府治理创新"], 27),
    "province-anhui-2026": (["一、2025年工作和“十四五”发展回顾", "二、“十五五”时期主要目标和重大任务", "三、2026年重点工作"], 27),
    "province-chongqing-2026": (["一、2025年和“十四五”时期工作回顾", "二、“十五五”时期主要目标任务", "三、2026年工作安排",
                                 "四、全面提升政府治理现代化水平"], 32),
    "province-fujian-2026": (["一、一年接着一年干", "二、一张蓝图绘到底", "三、一鼓作气勇争先", "四、一以贯之转作风"], 31),
    "province-heilongjiang-2026": (["一、2025年工作回顾和“十四五”时期", "二、“十五五”时期经济社会发展重点任务", "三、2026年重点工作",
                                    "四、持续加强政府自身建设"], 25),
    "province-henan-2026": (["一、“十四五”时期和2025年工作回顾", "二、“十五五”时期主要目标任务", "三、2026年重点工作安排"], 18),
    "province-jiangsu-2026": (["一、“十四五”时期和2025年工作回顾", "二、“十五五”时期工作总体要求和目标任务", "三、2026年重点工作"], 24),
    "province-jilin-2026": (["一、工作回顾", "二、2026年工作安排", "三、“十五五”时期主要目标任务", "四、全面提升政府治理效能"], 14),
    "province-shanxi-2026": (["一、“十四五”时期工作回顾", "二、“十五五”时期总体要求和目标任务", "三、2026年工作安排",
                              "四、全面加强政府自身建设"], 22),
    "province-tianjin-2026": (["一、2025年和“十四五”时期工作回顾", "二、“十五五”时期主要目标与重点任务", "三、2026年重点工作"], 17),
    "province-xinjiang-2026": (["一、“十四五”时期和2025年工作回顾", "二、“十五五”时期经济社会发展的主要目标", "三、2026年重点工作",
                                "四、坚持和加强党的全面领导"], 26),
    "province-yunnan-2026": (["一、“十四五”时期和2025年工作回顾", "二、“十五五”时期主要目标任务", "三、2026年重点工作"], 24),
    "province-zhejiang-2026": (["一、2025年主要工作和“十四五”发展成就", "二、“十五五”时期的主要目标任务", "三、2026年重点工作"], 39),
}


@pytest.mark.parametrize("name", sorted(TREES))
def test_section_tree_of_each_report(name):
    tops, count = TREES[name]
    report = _load(name)
    got = [s.number + s.title for s in report.sections]
    assert len(got) == len(tops)
    for g, t in zip(got, tops):
        assert g.startswith(t), (g, t)
    assert len(list(report.iter_sections())) == count
    for s in report.iter_sections():
        assert report.text[s.title_start:s.title_end] == s.title
        assert [c.path for c in s.children] == [s.path + (k,) for k in range(1, len(s.children) + 1)]


def test_neimenggu_unnumbered_parts_hold_the_numbered_sections():
    report = _load("province-neimenggu-2026")
    part2 = report.sections[1]
    assert part2.number == ""
    assert [c.number for c in part2.children] == ["一、", "二、", "三、", "四、"]
    assert [len(c.children) for c in part2.children] == [3, 5, 7, 0]


def test_yunnan_heading_broken_after_its_opening_bracket_is_still_a_heading():
    report = _load("province-yunnan-2026")
    review = report.sections[0]
    # the scrape splits "（三）改革开放…" into "（" and "三）改革开放…"
    assert [c.number for c in review.children] == ["（一）", "（二）", "三）", "（四）", "（五）", "（六）", "（七）"]
    assert review.children[2].title == "改革开放持续深化、互促共进"


def test_zhejiang_arabic_list_under_chinese_subsection():
    report = _load("province-zhejiang-2026")
    s = next(x for x in report.iter_sections() if x.path == (3, 9))
    assert [c.number for c in s.children][:3] == ["1.", "2.", "3."]
    assert s.children[0].title == "医疗卫生方面"


def test_heading_forms_and_nesting():
    text = "\n".join([
        "各位代表：",
        "第一部分 总体回顾",
        "一、经济运行",
        "（一）工业。工业增长5%。",
        "1.制造业。制造业增长。",
        "（1）汽车",
        "（2）电子",
        "2、服务业",
        "(二)农业",
        "二、社会事业",
        "三是继续努力。",  # not a heading form
        "5.不在序列中的数字开头",  # 5 does not continue the numbering
        "第二部分 今年安排",
        "一、目标",
    ])
    sections, _ = build(text, opening=0)
    got = [(s.path, s.number, s.title) for top in sections for s in top.iter_sections()]
    assert got == [
        ((1,), "第一部分", "总体回顾"),
        ((1, 1), "一、", "经济运行"),
        ((1, 1, 1), "（一）", "工业"),
        ((1, 1, 1, 1), "1.", "制造业"),
        ((1, 1, 1, 1, 1), "（1）", "汽车"),
        ((1, 1, 1, 1, 2), "（2）", "电子"),
        ((1, 1, 1, 2), "2、", "服务业"),
        ((1, 1, 2), "(二)", "农业"),
        ((1, 2), "二、", "社会事业"),
        ((2,), "第二部分", "今年安排"),
        ((2, 1), "一、", "目标"),
    ]


def test_decimal_line_is_not_a_heading():
    sections, paras = build("各位代表：\n2.5\n一、回顾\n1.5倍的增长。", opening=0)
    assert [s.number for top in sections for s in top.iter_sections()] == ["一、"]
    assert [p.text for p in paras] == ["各位代表：", "2.5", "一、回顾", "1.5倍的增长。"]


def test_sentences_keep_closing_quotes_and_offsets():
    text = "他说：“好！”我们同意。还有吗？没有"
    sentences = split_sentences(text, 10)
    assert [s.text for s in sentences] == ["他说：“好！”", "我们同意。", "还有吗？", "没有"]
    assert all(text[s.start - 10:s.end - 10] == s.text for s in sentences)


def test_half_width_punctuation_sentences(jiangbei):
    para = jiangbei.paragraphs[4]
    assert para.text.startswith("现在,我代表江北区人民政府")
    assert len(para.sentences) == 1
    assert all(jiangbei.text[s.start:s.end] == s.text for s in jiangbei.sentences)


def test_cn_to_int():
    assert [cn_to_int(x) for x in ("一", "十", "十二", "二十", "二十三", "１２", "7")] == [1, 10, 12, 20, 23, 12, 7]


def _tree(body):
    report = govreport.parse("2026年某省政府工作报告\n各位代表：\n" + body)
    return [(s.path, s.number, s.title) for s in report.iter_sections()]


def test_bare_parts_are_level_one_and_numbered_levels_nest_under_them():
    # facts.md "Sections": bare part [2] > 一、 [2, 1] > （一） [2, 1, 1]
    tree = _tree("“十四五”时期发展成就和2025年工作回顾\n过去五年很不平凡。\n"
                 "“十五五”时期主要目标和2026年重点工作\n今年工作很重。\n一、推进高质量发展\n（一）扩大内需\n"
                 "提振消费。\n（二）稳定投资\n扩大有效投资。\n二、保障和改善民生\n稳就业。\n让我们团结奋斗！\n")
    assert tree == [((1,), "", "“十四五”时期发展成就和2025年工作回顾"),
                    ((2,), "", "“十五五”时期主要目标和2026年重点工作"),
                    ((2, 1), "一、", "推进高质量发展"), ((2, 1, 1), "（一）", "扩大内需"),
                    ((2, 1, 2), "（二）", "稳定投资"), ((2, 2), "二、", "保障和改善民生")]


def test_a_bare_part_where_the_outer_numbering_starts_again():
    tree = _tree("“十四五”时期工作回顾\n（一）经济实力稳步提升\n很好。\n（二）改革开放持续深化\n很好。\n"
                 "2026年重点工作\n（一）扩大内需\n很好。\n让我们团结奋斗！\n")
    assert [path for path, _n, _t in tree] == [(1,), (1, 1), (1, 2), (2,), (2, 1)]
    assert tree[3][2] == "2026年重点工作"


def test_bold_subheads_footnote_marks_and_a_glossary_are_not_sections():
    tree = _tree("一、2025年工作回顾\n主要目标\n过去一年很好。\n着力稳定工业经济运行\n一是稳工业。\n"
                 "［1］“两新”：大规模设备更新和消费品以旧换新。\n二、2026年工作安排\n（一）扩大内需\n很好。\n"
                 "让我们团结奋斗！\n注释：\n1. 新质生产力：以创新起主导作用的生产力。\n2. 两重：国家重大战略实施。\n")
    assert tree == [((1,), "一、", "2025年工作回顾"), ((2,), "二、", "2026年工作安排"),
                    ((2, 1), "（一）", "扩大内需")]


def test_cn_to_int_reads_through_numbers_and_never_raises():
    assert [cn_to_int(x) for x in ("二十一", "九十九", "２１", "十十", "七八")] == [21, 99, 21, 0, 0]


def test_a_digest_keeps_every_bare_part_and_leaves_its_headline_out():
    report = govreport.parse("标题：2026年保定市政府工作报告\n闫继红在保定市十六届人大七次会议上的政府工作报告（摘登）\n"
                             "“十四五”时期经济社会发展回顾\n这五年，我们全力推动高质量发展。\n“十五五”时期主要目标任务\n"
                             "（一）经济实力显著增强\n很好。\n（二）产业加速转型升级\n很好。\n2026年主要工作\n（一）扩大内需\n很好。\n")
    assert [(s.path, s.title) for s in report.iter_sections()] == [
        ((1,), "“十四五”时期经济社会发展回顾"), ((2,), "“十五五”时期主要目标任务"),
        ((2, 1), "经济实力显著增强"), ((2, 2), "产业加速转型升级"), ((3,), "2026年主要工作"), ((3, 1), "扩大内需")]


def test_bare_parts_may_end_with_a_colon_and_header_lines_are_no_parts():
    report = govreport.parse("标题：2023年保定市政府工作报告\n――2023年1月30日在保定市第十五届人民代表大会第七次会议上\n"
                             "保定市人民政府市长 闫继红\n2022年政府工作回顾：\n过去一年很好。\n（一）经济运行\n很好。\n"
                             "（二）改革开放\n很好。\n2023年工作安排：\n重点抓好两个方面工作：\n（一）扩大内需\n很好。\n")
    assert [(s.path, s.title) for s in report.iter_sections()] == [
        ((1,), "2022年政府工作回顾"), ((1, 1), "经济运行"), ((1, 2), "改革开放"), ((2,), "2023年工作安排"),
        ((2, 1), "扩大内需")]
    assert (report.meta.speaker, report.meta.speaker_title, report.meta.date) == ("闫继红", "市长", "2023-01-30")
