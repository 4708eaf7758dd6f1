"""The livelihood plugin on passages taken from the corpus (shared/corpus), with exact facts."""
from decimal import Decimal

import govreport

NATIONAL_2016 = """政府工作报告
各位代表：
一、2015年工作回顾
过去一年，特别是就业形势总体稳定，城镇新增就业1312万人，超过全年预期目标。农村贫困人口减少1442万人。
二、2016年重点工作
今年发展的主要预期目标是：城镇新增就业1000万人以上，城镇登记失业率4.5%以内。
"""

JIANGBEI_2021 = """2021年重庆市江北区政府工作报告
各位代表:
一、回首“十三五”,经济社会发展成果丰硕
(五)过去的五年,是江北坚持共享发展、增进福祉,人民生活大改善的五年。城乡养老保险、医疗保险参保覆盖率始终稳定在95%以上,城镇企业职工平均养老金增幅达23.72%。城镇新增就业32.4万人,城镇登记失业率控制在2.5%以内。
"""


def livelihood_facts(text):
    report = govreport.parse(text)
    return [(f.indicator, f.kind, f.period, f.value, f.unit, f.qualifier)
            for f in report.extract(plugins=["livelihood"])]


def test_results_a_fall_that_counts_people_and_targets():
    assert livelihood_facts(NATIONAL_2016) == [
        ("urban_new_jobs", "actual", "2015", Decimal("13120000"), "人", None),
        ("poverty_alleviation", "actual", "2015", Decimal("14420000"), "人", None),
        ("urban_new_jobs", "target", "2016", Decimal("10000000"), "人", "at_least"),
        ("registered_unemployment_rate", "target", "2016", Decimal("4.5"), "%", "at_most"),
    ]


def test_five_year_review_with_a_figure_for_two_indicators():
    assert livelihood_facts(JIANGBEI_2021) == [
        ("pension_insurance_coverage", "actual", "2016-2020", Decimal("95"), "%", "at_least"),
        ("medical_insurance_coverage", "actual", "2016-2020", Decimal("95"), "%", "at_least"),
        ("pension_increase", "actual", "2016-2020", Decimal("23.72"), "%", None),
        ("urban_new_jobs", "actual", "2016-2020", Decimal("324000"), "人", None),
        ("registered_unemployment_rate", "actual", "2016-2020", Decimal("2.5"), "%", "at_most"),
    ]
