"""Tests of the transport plugin: exact facts on short passages.

The review sentences are taken from real reports (重庆市江北区 2021, 国务院 2010); the plan
sentences are written for the test. Run with ``python -m pytest tests`` in this folder.
"""
from decimal import Decimal

import govreport
from govreport.extractors import Extractor

from govreport_transport import extractor

JIANGBEI = """2021年重庆市江北区政府工作报告
一、回首“十三五”
过去的五年，建成城市道路40公里、乡村“四好”公路41公里、轨道交通线路5条、跨江大桥4座。
二、2021年工作安排
今年，力争新增轨道交通运营里程30公里，全年客运量增长5%。
"""

NATIONAL = """2010年政府工作报告
一、2009年工作回顾
大力加强基础设施建设，新建铁路投入运营5557公里，高速公路新建通车4719公里，新建和改造农村公路38万公里。全年客运量下降12.5%。
"""


def facts_of(text):
    report = govreport.parse(text)
    facts = list(extractor.extract(report))
    for fact in facts:  # every fact points at the text it was read from
        assert report.text[fact.start:fact.end] == fact.text
    return [(f.indicator, f.value, f.unit, f.kind, f.period, f.cue) for f in facts]


def test_is_an_extractor():
    assert isinstance(extractor, Extractor)
    assert (extractor.name, extractor.domain) == ("transport", "transport")
    assert "rail_transit_length" in {i.id for i in extractor.indicators}
    assert "轨道交通" in extractor.lexicon


def test_five_year_review_and_targets():
    assert facts_of(JIANGBEI) == [
        # a five-year review: 过去的五年 in a report of 2021 is 2016-2020
        ("urban_roads_built", Decimal("40"), "公里", "actual", "2016-2020", None),
        ("rural_roads_built", Decimal("41"), "公里", "actual", "2016-2020", None),
        ("rail_transit_lines", Decimal("5"), "条", "actual", "2016-2020", None),
        # targets: the plan section and the cue 力争
        ("rail_transit_length", Decimal("30"), "公里", "target", "2021", "力争"),
        ("passenger_volume_growth", Decimal("5"), "%", "target", "2021", "力争"),
    ]


def test_magnitudes_and_a_fall():
    assert facts_of(NATIONAL) == [
        ("railway_opened", Decimal("5557"), "公里", "actual", "2009", None),
        ("expressway_opened", Decimal("4719"), "公里", "actual", "2009", None),
        # 38万公里: the magnitude is folded into the value
        ("rural_roads_built", Decimal("380000"), "公里", "actual", "2009", None),
        # a written fall of a growth indicator is a negative value
        ("passenger_volume_growth", Decimal("-12.5"), "%", "actual", "2009", None),
    ]


def test_found_through_its_entry_point():
    # needs the plugin installed (pip install -e .): govreport finds it by itself
    assert "transport" in [plugin.name for plugin in govreport.plugins()]
    extraction = govreport.parse(NATIONAL).extract(plugins=["transport"])
    assert extraction.ok
    assert [f.extractor for f in extraction] == ["transport==0.1.0"] * 4
