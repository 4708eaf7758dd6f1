"""The environment plugin on passages taken from the corpus (shared/corpus), with exact facts."""
from decimal import Decimal

import govreport

SHANGHAI_2026 = """2026年上海市政府工作报告
各位代表：
一、“十四五”发展成就和2025年工作回顾
四是民生福祉持续改善。居民人均可支配收入达到9.2万元、增长4.1%。PM2.5年均浓度为26.3微克/立方米、下降7.4%，新增公园127座。
"""

NATIONAL_2016 = """政府工作报告
各位代表：
一、2015年工作回顾
过去五年，“十二五”规划确定的主要目标任务全面完成。单位国内生产总值能耗下降18.2%，主要污染物排放量减少12%以上。
二、2016年重点工作
今年发展的主要预期目标是：国内生产总值增长6.5%－7%。单位国内生产总值能耗下降3.4%以上，主要污染物排放继续减少。
"""

JIANGBEI_2021 = """2021年重庆市江北区政府工作报告
各位代表:
一、回首“十三五”,经济社会发展成果丰硕
(三)过去的五年,是江北着眼绿色发展、环保优先,生态文明大发展的五年。空气质量年均优良天数超300天,城市生活污水集中处理率达95%,农村生活污水治理覆盖率达93%,污染地块安全利用率达95%以上,生态环境质量持续改善。
"""


def environment_facts(text):
    report = govreport.parse(text)
    return [(f.indicator, f.kind, f.period, f.value, f.unit, f.qualifier)
            for f in report.extract(plugins=["environment"])]


def test_pm25_level_and_fall_in_a_review():
    assert environment_facts(SHANGHAI_2026) == [
        ("pm25_concentration", "actual", "2021-2025", Decimal("26.3"), "微克/立方米", None),
        ("pm25_reduction", "actual", "2021-2025", Decimal("7.4"), "%", None),
    ]


def test_energy_intensity_fall_is_a_positive_reduction_and_a_target():
    assert environment_facts(NATIONAL_2016) == [
        ("energy_intensity_reduction", "actual", "2011-2015", Decimal("18.2"), "%", None),
        ("energy_intensity_reduction", "target", "2016", Decimal("3.4"), "%", "at_least"),
    ]


def test_five_year_review_of_a_district():
    assert environment_facts(JIANGBEI_2021) == [
        ("good_air_days", "actual", "2016-2020", Decimal("300"), "天", "over"),
        ("sewage_treatment_rate", "actual", "2016-2020", Decimal("95"), "%", None),
        ("rural_sewage_coverage", "actual", "2016-2020", Decimal("93"), "%", None),
        ("contaminated_land_safe_use_rate", "actual", "2016-2020", Decimal("95"), "%", "at_least"),
    ]
