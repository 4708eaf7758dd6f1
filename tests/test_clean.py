"""Finding the body in noisy pages: where each corpus report starts and ends, what is left out."""
from __future__ import annotations

from pathlib import Path

import pytest

import govreport
from govreport._clean import clean, is_noise, split_lines

DATA = Path(__file__).parent / "data"

# file: (first line of the body, end of the last line, noise that must not be in the text)
BODIES = {
    "district-jiangbei-2021": ("2021年重庆市江北区政府工作报告", "以优异成绩庆祝建党100周年。",
                               ["签到天数", "发表于", "[海南]", "您需要登录", "Powered by", "快速回复"]),
    "county-hailaer-2016": ("政 府 工 作 报 告", "为建设和谐美好幸福海拉尔而努力奋斗！", []),
    "county-hailaer-2018": ("政府工作报告", "开创决胜全面建成小康社会新局面而不懈奋斗！", []),
    "county-hailaer-2019": ("政 府 工 作 报 告", "以优异成绩庆祝新中国成立70周年！", []),
    "national-zhongguo-2010": ("政府工作报告", "不断夺取改革开放和社会主义现代化建设事业的新胜利！",
                               ["2010年国务院政府工作报告", "新华社", "注释：", "４、森林碳汇："]),
    "national-zhongguo-2016": ("政府工作报告——2016年3月5日", "实现中华民族伟大复兴的中国梦作出新的贡献！",
                               ["新华社", "<U+00A0>", "饶爱民", "新华社记者"]),
    "national-zhongguo-2017": ("政府工作报告——2017年3月5日", "实现中华民族伟大复兴的中国梦而不懈奋斗！",
                               ["新华社", "庞兴雷"]),
    "national-zhongguo-2019": ("各位代表：", "实现中华民族伟大复兴的中国梦不懈奋斗！",
                               ["本作品", "Public domain", "false", "维基文库"]),
    "national-zhongguo-2020": ("政府工作报告（文字实录）", "实现中华民族伟大复兴的中国梦不懈奋斗！", ["来源"]),
    "national-zhongguo-2021": ("政府工作报", "实现中华民族伟大复兴的中国梦不懈奋斗！",
                               ["\u200b", "本作品", "Public domain", "维基文库"]),
    "national-zhongguo-2022": ("各位代表：", "实现中华民族伟大复兴的中国梦不懈奋斗！", ["\r"]),
    "national-zhongguo-2024": ("政府工作报告——2024年3月5日", "民族复兴伟业不懈奋斗", []),
    "national-zhongguo-2025": ("各位代表：", "民族复兴伟业不懈奋斗！", ["本作品", "Public domain"]),
    "province-guangdong-2026": ("政府工作报告", "为强国建设、民族复兴伟业作出新的更大贡献！",
                                ["附件", "名词解释", "“标准海”："]),
    "province-neimenggu-2026": ("2026年内蒙古自治区政府工作报告", "奋力书写中国式现代化内蒙古新篇章！",
                                ["下载", "字号", "来源：", "时间：", "韩卿立", "附件", "民生实事", "相关报道"]),
    "province-ningxia-2026": ("政府工作报告", "为建设美丽新宁夏、共圆伟大中国梦而团结奋斗！",
                              ["当前位置", "阅读量", "王鼎", "打印本页", "关闭窗口", "扫一扫"]),
    "province-shaanxi-2026": ("陕西省2026年政府工作报告", "奋力谱写中国式现代化建设的陕西新篇章作出更大贡献！",
                              ["分享", "首页", "政府信息公开", "时间：", "来源：", "省长赵刚作政府工作报告", "扫一扫"]),
    "province-shanghai-2026": ("2026年上海市政府工作报告", "为中国式现代化建设作出新的更大贡献！",
                               ["全屏", "解放日报", "时间：", "相关报道"]),
    "province-yunnan-2026": ("2026年政府工作报告", "把习近平总书记为云南擘画的美好蓝图变为幸福实景！",
                             ["您的位置", "云南日报", "字体", "点击图片", "分享到", "相关文档"]),
    "province-zhejiang-2026": ("2026年浙江省政府工作报告", "率先呈现基本实现社会主义现代化的生动图景而努力奋斗！",
                               ["收藏", "浙江日报", "时间：", "相关报道"]),
}


@pytest.fixture(scope="module")
def reports():
    return {name: govreport.load(DATA / f"{name}.txt") for name in BODIES}


@pytest.mark.parametrize("name", sorted(BODIES))
def test_body_start_end_and_noise(reports, name):
    first, last, noise = BODIES[name]
    report = reports[name]
    lines = report.text.split("\n")
    assert lines[0].startswith(first)
    assert lines[-1].endswith(last)
    for word in noise:
        assert word not in report.text, word
    assert "\r" not in report.text
    assert all(line.strip() for line in lines)  # no blank lines kept


@pytest.mark.parametrize("name", sorted(BODIES))
def test_no_report_line_lost(reports, name):
    """Every non-blank raw line inside the body span is in the text, or is known noise."""
    report = reports[name]
    starts, ends = report.offsets
    for i, ch in enumerate(report.text):
        piece = report.raw[starts[i]:ends[i]]
        assert piece == ch or ch == "\n" or (ch == "\u00a0" and piece == "<U+00A0>")
    lo = report.raw_span(0, 1)[0]
    hi = report.raw_span(len(report.text) - 1, len(report.text))[1]
    kept = sorted(report.raw_span(p.start, p.end)[0] for p in report.paragraphs)
    pos = 0
    dropped = []
    for line in report.raw.splitlines(keepends=True):
        begin, pos = pos, pos + len(line)
        stripped = line.strip(" \t\r\n\u3000\u2002\u00a0\u200b")
        if lo <= begin < hi and stripped and not any(begin <= k < pos for k in kept):
            dropped.append(stripped)
    assert all(is_noise(d.replace("<U+00A0>", " ").strip()) or d in ("来源：", "陕西省人民政府") for d in dropped), dropped


def test_dropped_lines_of_shaanxi_are_the_page_stamps(reports):
    text = reports["province-shaanxi-2026"].text
    assert text.split("\n")[:4] == ["陕西省2026年政府工作报告",
                                    "2026年1月27日在陕西省第十四届人民代表大会第四次会议上 陕西省省长 赵刚",
                                    "各位代表：", text.split("\n")[3]]


def test_split_title_kept_line_by_line(reports):
    # Wikisource splits 政府工作报告 over two lines: both are kept, the title is whole in meta
    report = reports["national-zhongguo-2021"]
    assert report.text.split("\n")[:5] == ["政府工作报", "告", "——2021年3月5日在第十三届全国人民代表大会第四次会议上",
                                          "国务院总理", "李克强"]


def test_split_lines_maps_crlf_and_literal_nbsp():
    lines = split_lines("\u3000\u3000甲<U+00A0>乙\r\n\r\n丙 \n")
    assert [ln.text for ln in lines] == ["甲\u00a0乙", "", "丙", ""]
    assert lines[0].starts == (2, 3, 11) and lines[0].ends == (3, 11, 12)
    assert (lines[0].end, lines[0].term_end) == (12, 14)


def test_clean_returns_none_without_a_report():
    assert clean("hello\nworld\n") is None


def test_noise_patterns_leave_report_sentences_alone():
    assert is_noise("来源：解放日报")
    assert is_noise("新华社北京3月16日电")
    assert is_noise("自治区人民政府主席包钢作政府工作报告。本报记者 韩卿立 摄")
    assert not is_noise("现在，我代表省人民政府向大会作政府工作报告，请予审议。")
    assert not is_noise("各位代表：")
    assert not is_noise("一、2024年工作回顾")


def test_a_review_that_says_let_us_is_no_closing():
    # 让我们难以忘怀的是… opens a review; the report's closing is the exhortation at its end
    text = ("2026年某市政府工作报告\n各位代表：\n一、工作回顾\n让我们难以忘怀的是，总书记为我们指路领航。\n"
            "让我们倍感欣慰的是，城中村改造基本完成。\n二、2026年工作\n地区生产总值增长5%。\n"
            "让我们更加紧密地团结在以习近平同志为核心的党中央周围，奋力开创新局面！\n附件：民生实事\n")
    report = govreport.parse(text)
    assert report.text.endswith("奋力开创新局面！")
    assert "地区生产总值增长5%" in report.text
