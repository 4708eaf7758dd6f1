"""The economy plugin on passages taken from the corpus (shared/corpus), with exact facts."""
from decimal import Decimal

import govreport

NATIONAL_2016 = """政府工作报告
各位代表：
一、2015年工作回顾
过去一年，我国经济发展在新常态下保持了中高速增长。国内生产总值达到67.7万亿元，增长6.9%，在世界主要经济体中位居前列。
二、“十三五”时期主要目标任务和重大举措
三、2016年重点工作
今年发展的主要预期目标是：国内生产总值增长6.5%－7%，居民消费价格涨幅3%左右，城镇新增就业1000万人以上，城镇登记失业率4.5%以内，进出口回稳向好。
"""

ZHEJIANG_2026 = """2026年浙江省政府工作报告
各位代表：
一、“十四五”发展成就和2025年工作回顾
五年来，我们有力有效应对世纪疫情冲击、中美贸易摩擦等重大风险挑战，推动经济社会发展取得新成就。
——发展质效不断提高，综合实力进一步跃升。全省生产总值连续跨越7万亿、8万亿、9万亿三个大台阶，年均增长5.9%，规模稳居全国第4位。
"""


def economy_facts(text):
    report = govreport.parse(text)
    return [(f.indicator, f.kind, f.period, f.value, f.value_max, f.unit, f.qualifier, f.aggregate)
            for f in report.extract(plugins=["economy"])]


def test_national_2016_results_and_targets():
    assert economy_facts(NATIONAL_2016) == [
        ("gdp", "actual", "2015", Decimal("67700000000000"), None, "元", None, None),
        ("gdp_growth", "actual", "2015", Decimal("6.9"), None, "%", None, None),
        ("gdp_growth", "target", "2016", Decimal("6.5"), Decimal("7"), "%", None, None),
        ("cpi_growth", "target", "2016", Decimal("3"), None, "%", "about", None),
    ]


def test_zhejiang_five_year_average_growth():
    assert economy_facts(ZHEJIANG_2026) == [
        ("gdp_growth", "actual", "2021-2025", Decimal("5.9"), None, "%", None, "annual_average"),
    ]


def test_a_fall_in_growth_is_negative():
    # modelled on the 2017 national report's "工业企业利润由上年下降2.3%": the corpus has no
    # catalogue growth figure that fell, so the sentence is written with one.
    text = "2021年某市政府工作报告\n各位代表：\n一、2020年工作回顾\n全年外贸进出口下降2.3%，固定资产投资增长4.1%。\n"
    assert economy_facts(text) == [
        ("foreign_trade_growth", "actual", "2020", Decimal("-2.3"), None, "%", None, None),
        ("fixed_asset_investment_growth", "actual", "2020", Decimal("4.1"), None, "%", None, None),
    ]
