"""The plugin machinery: discovery, isolation, conflicts, user tables and attention indices."""
from __future__ import annotations

import subprocess
import sys
import textwrap
from decimal import Decimal

import pytest

import govreport
from govreport import _registry
from govreport._attention import attention, lexicon_hash
from govreport.cli import main
from govreport.extractors import Indicator, TableExtractor, load_indicator_table

BODY = "2021年重庆市江北区政府工作报告\n各位代表:\n一、2020年工作回顾\n新增就业5万人,GDP增长3.9%。\n"


pytestmark = pytest.mark.usefixtures("clean_registry")


class BrokenExtractor:
    name = "broken"
    domain = "testing"
    version = "0.0"
    indicators = (Indicator(id="broken_thing", domain="testing", units="个", names="坏东西"),)

    def extract(self, report):
        raise RuntimeError("this plugin always fails")


def test_first_party_plugins_are_discovered_through_entry_points():
    names = [p.name for p in govreport.plugins()]
    assert names == ["economy", "environment", "livelihood"]
    # the govreport distribution bundles them and declares their entry points
    assert _registry.plugin_info("economy").origin == (
        f"govreport=={govreport.__version__}:govreport_economy:extractor")


def test_unknown_plugin_lists_the_available_names():
    with pytest.raises(govreport.UnknownPluginError) as info:
        govreport.get_plugin("educaton")
    assert "educaton" in str(info.value)
    assert "economy, environment, livelihood" in str(info.value)


def test_allowlist_env_var_limits_which_plugins_load(monkeypatch):
    monkeypatch.setenv(_registry.ALLOWLIST_ENV, "livelihood")
    _registry.refresh()
    assert [p.name for p in govreport.plugins()] == ["livelihood"]
    assert [f.indicator for f in govreport.parse(BODY).extract()] == ["urban_new_jobs"]


def test_a_plugin_that_raises_does_not_stop_the_others():
    _registry.register(BrokenExtractor())
    extraction = govreport.parse(BODY).extract()
    assert [f.indicator for f in extraction] == ["urban_new_jobs", "gdp_growth"]
    assert len(extraction.failures) == 1
    failure = extraction.failures[0]
    assert failure.plugin == "broken"
    assert "RuntimeError: this plugin always fails" in failure.error


def test_strict_cli_exits_non_zero_on_a_plugin_failure(tmp_path, capsys):
    path = tmp_path / "report.txt"
    path.write_text(BODY, encoding="utf-8")
    _registry.register(BrokenExtractor())
    assert main(["extract", str(path)]) == 0
    assert main(["extract", str(path), "--strict"]) == 1
    captured = capsys.readouterr()
    assert "plugin 'broken' failed" in captured.err
    assert captured.out.count('"indicator": "gdp_growth"') == 2


def test_clashing_indicator_ids_name_both_plugins():
    clash = TableExtractor(name="copycat", version="1.0", indicators=[
        Indicator(id="gdp", domain="copycat", units="元", names="产值")])
    _registry.register(clash)
    with pytest.raises(govreport.PluginConflictError) as info:
        govreport.plugins()
    message = str(info.value)
    assert "'gdp'" in message and "'economy'" in message and "'copycat'" in message


def test_clashing_plugin_names_are_an_error():
    clash = TableExtractor(name="economy", version="9.9", indicators=[
        Indicator(id="other_thing", domain="economy", units="元", names="别的")])
    _registry.register(clash)
    with pytest.raises(govreport.PluginConflictError, match="two plugins are named 'economy'"):
        govreport.plugins()


def test_a_user_table_adds_aliases_and_indicators(tmp_path):
    table = tmp_path / "mine.tsv"
    table.write_text(textwrap.dedent("""\
        id\tdomain\tunits\tnames
        urban_new_jobs\tlivelihood\t人\t城镇就业新增
        elderly_care_beds\tlivelihood\t张\t养老床位
        """), encoding="utf-8")
    body = ("2021年重庆市江北区政府工作报告\n各位代表:\n一、2020年工作回顾\n"
            "城镇就业新增5万人,新增养老床位1200张。\n")
    report = govreport.parse(body)
    assert list(report.extract()) == []
    facts = list(report.extract(indicators=table))
    assert [(f.indicator, f.value, f.unit) for f in facts] == [
        ("urban_new_jobs", Decimal(50000), "人"), ("elderly_care_beds", Decimal(1200), "张")]


def test_indicator_table_errors_name_the_file_and_row(tmp_path):
    table = tmp_path / "bad.tsv"
    table.write_text("id\tdomain\tunits\tnames\nBad Id\teconomy\t元\t产值\n", encoding="utf-8")
    with pytest.raises(govreport.PluginError, match=r"bad.tsv: line 2: 'id' must match regex") as info:
        load_indicator_table(table)
    assert "Attribute(" not in str(info.value)  # no attrs repr in a user's message


def test_measure_is_guessed_from_the_names():
    rows = load_indicator_table(["id\tdomain\tunits\tnames", "x_growth\td\t%\t某某增长|某某增速",
                                 "x_level\td\t元\t某某"])
    assert [r.measure for r in rows] == ["change", "level"]


def test_plugins_cli_lists_plugins(capsys):
    assert main(["plugins"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("economy==0.2.0  domain=economy  indicators=24")
    assert len(out) == 3


def test_import_does_not_load_jieba():
    code = "import govreport, sys; govreport.parse; print('jieba' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# ---------------------------------------------------------------- attention indices
def test_attention_counts_worked_out_by_hand():
    lexicon = ("生态", "绿色", "空气", "碳达峰")
    _registry.register(TableExtractor(
        name="green", version="1.0", lexicon=lexicon, lexicon_source="hand-made test list",
        indicators=[Indicator(id="green_thing", domain="green", units="个", names="绿东西")]))
    report = govreport.parse("2021年重庆市江北区政府工作报告\n各位代表:\n一、生态建设\n"
                             "坚持生态优先、绿色发展。空气质量持续改善,碳达峰行动有序推进。全区经济平稳增长。\n")
    whole, section = attention(report, ["green"])
    # jieba with the lexicon as user words, counting word tokens only:
    #   title   2021|年|重庆市|江北区|政府|工作|报告   7 words, 0 hits, 17 chars
    #   各位|代表                                   2 words, 0 hits,  5 chars ("各位代表:")
    #   一|生态|建设                                 3 words, 1 hit,   6 chars (the heading)
    #   坚持|生态|优先|绿色|发展                       5 words, 2 hits, 12 chars
    #   空气|质量|持续|改善|碳达峰|行动|有序|推进        8 words, 2 hits, 19 chars
    #   全区|经济|平稳|增长                           4 words, 0 hits,  9 chars
    assert (section.scope, section.tokens, section.hits, section.chars) == ("1", 20, 5, 46)
    assert (section.sentences, section.sentences_with_hit) == (4, 3)
    assert section.share_of_tokens == Decimal("0.250000")
    assert section.hits_per_1000_chars == Decimal("108.695652")  # 5 * 1000 / 46
    assert section.share_of_sentences == Decimal("0.750000")
    assert dict(section.term_hits) == {"生态": 2, "绿色": 1, "空气": 1, "碳达峰": 1}
    assert (whole.scope, whole.tokens, whole.hits, whole.chars, whole.sentences) == ("", 29, 5, 68, 6)
    assert whole.share_of_tokens == Decimal("0.172414")  # 5 / 29
    assert whole.lexicon_sha256 == lexicon_hash(lexicon)
    assert whole.lexicon_source == "hand-made test list"


def test_jiebas_dictionary_loads_once_for_every_lexicon(monkeypatch):
    import jieba

    from govreport import _attention

    loads = []
    original = jieba.Tokenizer.initialize

    def counted(self, *args, **kwargs):
        loads.append(self)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(jieba.Tokenizer, "initialize", counted)
    monkeypatch.setattr(_attention, "_base", [])
    monkeypatch.setattr(_attention, "_tokenizers", {})
    report = govreport.parse("2021年重庆市江北区政府工作报告\n各位代表:\n一、生态建设\n"
                             "坚持生态优先、绿色发展,新增就业5万人,地区生产总值增长3.9%。\n")
    results = attention(report, by_section=False)
    assert [r.plugin for r in results] == ["economy", "environment", "livelihood"]
    assert len(loads) == 1  # one dictionary load, not one a lexicon
    assert len(_attention._tokenizers) == 3
    # a lexicon segments on its own: the counts of a tokenizer loaded for it alone
    environment = govreport.get_plugin("environment")
    alone = jieba.Tokenizer()
    original(alone)
    for term in environment.lexicon:
        alone.add_word(term, freq=100000)
    words = [w for s in report.sentences for w in alone.lcut(s.text) if any(c.isalnum() for c in w)]
    assert (results[1].tokens, results[1].hits) == (len(words), sum(w in environment.lexicon for w in words))
    assert dict(results[1].term_hits) == {"生态": 2, "绿色": 1}  # the heading and the body
