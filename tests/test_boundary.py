"""The plugin boundary: read-only reports, checked facts, explicit context, per-plugin units."""
from __future__ import annotations

import math
from decimal import Decimal

import attrs
import pytest

import govreport
from govreport import _registry
from govreport.extractors import (
    ExtractionContext,
    Indicator,
    TableExtractor,
    UnitConversion,
    load_indicator_table,
)
from govreport.numbers import canonical_unit

BODY = ("2021年重庆市江北区政府工作报告\n各位代表:\n一、2020年工作回顾\n"
        "新增就业5万人,GDP增长3.9%。粮食产量达到1300亿斤。\n")
THING = Indicator(id="odd_thing", domain="testing", units="万人|人|%", names="新增就业")


pytestmark = pytest.mark.usefixtures("clean_registry")


def brief(extraction):
    return [(f.indicator, f.value, f.unit, f.start, f.end) for f in extraction]


class Plugin:
    """A hand-written plugin (no TableExtractor) whose ``extract`` is given per test."""

    domain = "testing"
    version = "0"
    indicators = (THING,)

    def __init__(self, name, extract, indicators=(THING,)):
        self.name = name
        self._extract = extract
        self.indicators = indicators

    def extract(self, report):
        return self._extract(report)


def one_fact(report, **changes):
    start = report.text.index("5万人")
    fact = govreport.Fact(indicator="odd_thing", domain="testing", value=Decimal(50000), unit="人",
                          kind="actual", period="2020", text="5万人", start=start, end=start + 3)
    for name, value in changes.items():  # past the Fact's own checks, as a buggy plugin could
        object.__setattr__(fact, name, value)
    return [fact]


# ----------------------------------------------------------------- read-only report
def test_a_plugin_writing_into_its_report_changes_nothing_for_the_others():
    report = govreport.parse(BODY)
    alone = brief(report.extract(plugins=["economy", "livelihood"]))

    def vandal(copy):
        object.__setattr__(copy, "text", "X" * 10 + copy.text)
        object.__setattr__(copy.meta, "year", 1999)
        with pytest.raises(TypeError):
            copy.offsets[0][0] = 123  # the offset map is a read-only view
        return []

    _registry.register(Plugin("vandal", vandal, indicators=(
        Indicator(id="vandal_thing", domain="testing", units="个", names="破坏"),)))
    together = report.extract(plugins=["vandal", "economy", "livelihood"])
    assert together.ok
    assert brief(together) == alone
    assert report.meta.year == 2021 and report.text.startswith("2021年")
    assert report.raw_span(0, 4) == (0, 4)


def test_each_plugin_gets_its_own_copy_of_the_report():
    seen = []
    _registry.register(Plugin("one", lambda r: seen.append(r) or []))
    _registry.register(Plugin("two", lambda r: seen.append(r) or [], indicators=()))
    report = govreport.parse(BODY)
    report.extract(plugins=["one", "two"])
    first, second = seen
    assert isinstance(first, govreport.Report) and first == report == second
    assert first is not second and first is not report and first.meta is not second.meta
    assert first.text is report.text  # the text itself is an immutable str, shared


# ----------------------------------------------------------------- checked facts
@pytest.mark.parametrize("changes, message", [
    ({"value": Decimal("NaN")}, "not a finite Decimal"),
    ({"value": Decimal("sNaN")}, "not a finite Decimal"),
    ({"value": Decimal("Infinity")}, "not a finite Decimal"),
    ({"value_max": Decimal("-Infinity")}, "not a finite Decimal"),
    ({"value": 5.0}, "not a finite Decimal"),
    ({"start": 0, "end": 3}, "does not index report.text"),
    ({"start": 10**6, "end": 10**6 + 3}, "does not index report.text"),
    ({"indicator": "gdp"}, "does not declare this indicator"),
    ({"unit": "吨"}, "unit '吨' is not one the indicator reports"),
])
def test_a_bad_fact_is_its_plugins_failure_and_the_others_are_kept(changes, message):
    report = govreport.parse(BODY)
    expected = brief(report.extract(plugins=["economy"]))
    _registry.register(Plugin("bad", lambda r: one_fact(r, **changes)))
    extraction = report.extract(plugins=["bad", "economy"])
    assert brief(extraction) == expected
    [failure] = extraction.failures
    assert failure.plugin == "bad"
    assert failure.error.startswith("InvalidFactError: fact ")
    assert message in failure.error
    assert '"indicator": "gdp_growth"' in extraction.to_jsonl()  # the export still works


def test_a_plugin_returning_something_else_than_facts_fails_alone():
    _registry.register(Plugin("bad", lambda r: [{"indicator": "odd_thing"}]))
    extraction = govreport.parse(BODY).extract(plugins=["bad", "economy"])
    assert [f.indicator for f in extraction] == ["gdp_growth"]
    assert "InvalidFactError: returned a dict, not a Fact" in extraction.failures[0].error


def test_a_valid_fact_of_a_hand_written_plugin_passes():
    _registry.register(Plugin("good", one_fact))
    extraction = govreport.parse(BODY).extract(plugins=["good"])
    assert extraction.ok
    assert [(f.indicator, f.value, f.text) for f in extraction] == [("odd_thing", 50000, "5万人")]


@pytest.mark.parametrize("value", ["NaN", "sNaN", "Infinity", "-Infinity"])
def test_a_fact_refuses_a_value_that_is_not_a_finite_number(value):
    with pytest.raises(ValueError, match="finite"):
        govreport.Fact(indicator="x", domain="d", value=Decimal(value), unit="%", kind="actual",
                       period="2020", text="1%", start=0, end=2)


# ----------------------------------------------------------------- explicit context
def test_the_context_holds_the_indicators_of_the_plugins_that_run():
    contexts = []

    class Curious(Plugin):
        def extract(self, report, *, context):
            contexts.append(context)
            return []

    _registry.register(Curious("curious", None))
    govreport.parse(BODY).extract(plugins=["curious", "livelihood"])
    [context] = contexts
    assert isinstance(context, ExtractionContext)
    ids = {i.id for i in context.indicators}
    assert "odd_thing" in ids and "urban_new_jobs" in ids
    assert "gdp" not in ids  # economy is installed, but does not run


def test_a_plugins_output_does_not_depend_on_what_else_is_installed():
    # 民营经济地区生产总值 is a longer name than economy's 地区生产总值: it only matters when
    # the plugin that declares it runs, not because it is installed
    text = BODY.replace("GDP增长3.9%", "民营经济地区生产总值增长5%")
    report = govreport.parse(text)
    alone = brief(report.extract(plugins=["economy"]))
    assert ("gdp_growth", Decimal(5), "%") in [f[:3] for f in alone]
    _registry.register(TableExtractor(name="private", version="1", indicators=[
        Indicator(id="private_gdp_growth", domain="private", units="%", names="民营经济地区生产总值增长")]))
    assert brief(report.extract(plugins=["economy"])) == alone
    both = report.extract(plugins=["economy", "private"])
    assert ("private_gdp_growth", Decimal(5)) in [(f.indicator, f.value) for f in both]
    assert "gdp_growth" not in [f.indicator for f in both]


def test_a_table_extractor_called_directly_matches_its_own_table():
    economy = govreport.get_plugin("economy")
    report = govreport.parse(BODY)
    direct = [(f.indicator, f.value) for f in economy.extract(report)]
    assert direct == [(f.indicator, f.value) for f in report.extract(plugins=["economy"])]
    assert direct == [("gdp_growth", Decimal("3.9"))]


# ----------------------------------------------------------------- per-plugin conversions
GRAIN = ["id\tdomain\tunits\tnames\tconversions",
         "grain_output\tfarming\t吨|斤\t粮食产量\t斤 -> 吨 x 0.0005"]


def test_a_plugin_converts_units_for_its_own_indicators_only():
    _registry.register(TableExtractor(name="farming", version="1",
                                      indicators=load_indicator_table(GRAIN)))
    _registry.register(TableExtractor(name="market", version="1", indicators=[
        Indicator(id="grain_market", domain="market", units="斤", names="粮食产量")]))
    report = govreport.parse(BODY)
    farming = report.extract(plugins=["farming"])
    assert [(f.indicator, f.value, f.unit, f.text) for f in farming] == [
        ("grain_output", Decimal("65000000"), "吨", "粮食产量达到1300亿斤")]
    assert str(farming.facts[0].value) == "65000000"
    market = report.extract(plugins=["market"])
    assert [(f.indicator, f.value, f.unit) for f in market] == [
        ("grain_market", Decimal("130000000000"), "斤")]
    assert canonical_unit("斤") == "斤"  # the process-wide unit table is untouched


def test_a_conversion_is_exact():
    conversion = UnitConversion.parse("斤->吨×0.0005")
    assert conversion == UnitConversion("斤", "吨", Decimal("0.0005"))
    assert str(conversion.apply(Decimal("3"))) == "0.0015"
    assert str(conversion.apply(Decimal("123456789012345678901234567890"))) == \
        "61728394506172839450617283.945"
    assert not math.isnan(conversion.apply(Decimal(1)))


@pytest.mark.parametrize("row, message", [
    ("x\td\t吨\t某\t斤 -> 吨 x 0.0005", "list both 斤 and 吨 in units"),
    ("x\td\t吨|斤\t某\t斤 -> 吨 x -1", "not a finite positive number"),
    ("x\td\t吨|斤\t某\t斤 -> 吨 x NaN", "not a finite positive number"),
    ("x\td\t吨|斤\t某\t斤 to 吨", "is not written as 'SOURCE -> TARGET x FACTOR'"),
    ("x\td\t吨|斤|两\t某\t斤 -> 吨 x 0.0005|两 -> 斤 x 0.1", "converted once"),
])
def test_bad_conversions_name_the_row(row, message):
    with pytest.raises(govreport.PluginError, match=r"<table>: line 2: .*" + message):
        load_indicator_table([GRAIN[0], row])


def test_a_user_table_can_add_a_conversion():
    base = [Indicator(id="grain_output", domain="farming", units="吨", names="粮食产量")]
    extractor = TableExtractor(name="farming", version="1", indicators=base)
    extended = extractor.with_indicators(load_indicator_table(GRAIN))
    [indicator] = extended.indicators
    assert indicator.units == ("吨", "斤")
    assert indicator.conversion("斤") == UnitConversion("斤", "吨", Decimal("0.0005"))
    assert extractor.indicators == tuple(base)  # the plugin itself is unchanged
    facts = list(extended.extract(govreport.parse(BODY)))
    assert [(f.value, f.unit) for f in facts] == [(Decimal(65000000), "吨")]


def test_indicator_rows_stay_value_objects():
    indicator = load_indicator_table(GRAIN)[0]
    assert attrs.evolve(indicator) == indicator
    assert hash(indicator) == hash(attrs.evolve(indicator))
