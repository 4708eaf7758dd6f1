"""The core matcher: link the quantities of a report to the indicators of a table.

For each quantity the matcher finds its *subject*, the name of an indicator it speaks of,
and reads the words between them. Every word it reads has a role in the data files of
``govreport/data`` (see :mod:`govreport._vocabulary`); this module holds only the rules.

- The subject is the nearest name in the quantity's clause. A clause that holds nothing but
  adverbs, verbs and figures (``,达330天``, ``,稳步达到3000亿元``, ``同比分别增长6.5%、9.4%``)
  speaks of the previous clause's name; asides (``按可比价计算``) are skipped on the way.
- A name narrowed by what stands right before it is not the region's indicator: a modifier
  (``海洋``生产总值, ``单位``地区生产总值用水量), a place or part of the region (``南疆五地州``
  地区生产总值), a noun before a short name (跨境电商平台``进出口``), a subset (``其中``,
  ``对…国家``).
- The last verb decides level or change: ``增长8.5%`` is a change, ``增长到14万元`` and
  ``达到1325亿元`` state levels, a change noun stays a change after a level verb
  (``增速达到6%``). A fall is negative for a growth, the amount for a reduction.
- Another measured noun between name and figure means the figure is about that noun.
- A subject can be a list of names: conjuncts (``城乡养老保险、医疗保险参保覆盖率``) and
  distributive prefixes (``城乡``居民人均可支配收入 = urban and rural). A list of figures
  pairs with the names in order; one figure goes to every name when the list shares it.
- The unit must be one the indicator accepts.
"""
from __future__ import annotations

import bisect
from array import array
from functools import lru_cache
from typing import TYPE_CHECKING, Sequence

import attrs
import regex

from govreport import _vocabulary as vocab
from govreport._context import ContextResolver, fold_width, sections_path
from govreport._data import data_rows
from govreport._facts import Evidence, Fact, dedupe_facts
from govreport._indicators import CHANGE_SUFFIXES, Indicator
from govreport._phrases import PhraseScanner

if TYPE_CHECKING:  # pragma: no cover
    from govreport._model import Report
    from govreport.numbers import Quantity

__all__ = ["match_indicators", "ReportAnalysis", "analysis", "release"]

# a figure written right before one of these is an attribute of a noun (超千亿元县), not a statement
_ATTRIBUTIVE_AFTER = frozenset("县市区镇村级企园产")
# the total of a list (改造老旧小区、抗震宜居农房等23万多户), not of its first item
_LIST_TOTAL = regex.compile(r"[、和][^，,；;。]*等")
# a difference, not a level: 比去年多100万人
_DIFFERENCE = regex.compile(r"比[^，,；;。]{0,8}[多少]$")
_CLAUSE_BREAK = regex.compile(r"[，,；;：:。！？!?\n]")
# a start value: 从11.37万亿元提高到…, 由2.57万元增加到…
_FROM = regex.compile(r"[从由]$")
# a clause that opens with a start value (，由1997年的5160元增加到…) predicates its figures too
_START_VALUE_LEAD = regex.compile(r"^[从由](?:\d{4}年(?:底|末)?的?)?$")
_TO_AFTER = regex.compile(r"(?:[\p{Han}]{0,4}?)(?:到|至)")
_CONJUNCTIONS = "、和及与"
_LIST_SEPARATORS = "、和及与 \u3000"  # a gap of only these (str.strip leaves "") joins figures
_CONJUNCT_STOP = _CONJUNCTIONS + "，,；;：:。（(“\""
_MAGNITUDE = regex.compile(r"[万亿萬億]")
_DIGIT = regex.compile(r"\d")
_YEARS = regex.compile(r"\d{4}年")
_HAN = regex.compile(r"\p{Han}")
# a figure of time between a name and its figure is an adverbial (五年累计, 连续6年), not a statement
_DURATIONS = frozenset({"年", "个月", "月"})
MAX_GAP = 30
# the bounds that keep the matcher linear on any input: no rule reads further than these
MAX_RAW_GAP = 160  # characters between a name and its figure, figures included
LOOK_BACK = 40  # characters before a name searched for a subset, a grouping, a shared verb
MAX_PREDICATE = 120  # characters of a clause that can still be only a predicate
MAX_CONJUNCTS = 12
MAX_RUN = 24  # figures listed together
MAX_CONJUNCT = 16
SHORT_NAME = 4  # 经济总量, 进出口, 投资: a name this short is narrowed by an owner before it
MAX_INFIX = 4


@attrs.frozen
class _Surface:
    """A written form of a name: the noun it names and whether it carries a change verb."""

    noun: str
    has_verb: bool


def _change_words() -> tuple[str, ...]:
    return vocab.words("change_noun")


def _surface(name: str) -> _Surface:
    if name.endswith(CHANGE_SUFFIXES) and len(name) > 2:
        return _Surface(noun=name[:-2], has_verb=True)
    return _Surface(noun=name, has_verb=name.endswith(_change_words()))


MAX_SUBSTITUTIONS = 2


def _variants(name: str) -> list[str]:
    """``name`` and its variants: up to two substitutions of ``name_variants.tsv``
    (研发经费投入占地区生产总值比重 -> 研发支出占国内生产总值比重)."""
    found = {name: None}
    layer = [name]
    for _round in range(MAX_SUBSTITUTIONS):
        new: list[str] = []
        for written in layer:
            for fragment, variants in vocab.name_variants():
                if fragment in written:
                    new.extend(v for v in (written.replace(fragment, variant, 1) for variant in variants)
                               if v not in found)
        found.update(dict.fromkeys(new))
        layer = new
    return list(found)


class _NameIndex:
    """Every written form of every indicator name, and the indicators each noun names."""

    def __init__(self, indicators: Sequence[Indicator]) -> None:
        self.by_noun: dict[str, list[Indicator]] = {}
        self.surfaces: dict[str, _Surface] = {}
        self.direct: dict[str, list[Indicator]] = {}  # the indicators that list a form as a name
        for indicator in indicators:
            for written in indicator.names:
                for name in _variants(fold_width(written)):
                    self._add(indicator, name)
        # the change indicator of each level indicator: 居民人均可支配收入 (level) and
        # 居民人均可支配收入增长 (change) share a noun, so every other name of the level
        # (全体居民人均可支配收入) names the change when a change verb follows it
        self.change_twin: dict[str, Indicator] = {}
        for indicator in indicators:
            if indicator.measure != "change":
                continue
            for written in indicator.names:
                surface = _surface(fold_width(written))
                for level in self.by_noun.get(surface.noun, ()):
                    if level.measure == "level":
                        self.change_twin.setdefault(level.id, indicator)
        self.units = frozenset(unit for indicator in indicators for unit in indicator.units)
        forms = sorted(self.surfaces, key=len, reverse=True)
        self.scanner = PhraseScanner(forms) if forms else None  # linear in names and text
        # longer forms that end with a shorter one: 新增高新技术企业 over 高新技术企业
        self.extensions: dict[str, list[str]] = {}
        by_ending: dict[str, list[str]] = {}
        for form in forms:
            for k in range(1, len(form)):
                by_ending.setdefault(form[k:], []).append(form)
        for form in forms:
            if form in by_ending:
                self.extensions[form] = sorted(by_ending[form], key=len, reverse=True)

    def _add(self, indicator: Indicator, name: str) -> None:
        surface = _surface(name)
        self.surfaces[name] = surface
        _append(self.direct.setdefault(name, []), indicator)
        # the bare noun of a verb name matches too, when long enough to be specific
        if surface.has_verb and surface.noun != name and len(surface.noun) >= 3:
            self.surfaces.setdefault(surface.noun, _Surface(surface.noun, False))
        # and the name with 年均 before its verb (经济年均增长6.5%)
        if surface.has_verb and surface.noun != name:
            averaged = surface.noun + "年均" + name[len(surface.noun):]
            self.surfaces.setdefault(averaged, surface)
            _append(self.direct.setdefault(averaged, []), indicator)
        _append(self.by_noun.setdefault(surface.noun, []), indicator)

    def resolve(self, form: str, unit: str, change: bool) -> Indicator | None:
        """The indicator a written form names for a figure of ``unit`` (level or change)."""
        surface = self.surfaces.get(form)
        if surface is None:
            return None
        return self.choose(surface.noun, unit, change)

    def choose(self, noun: str, unit: str, change: bool) -> Indicator | None:
        """The indicator of the right measure that a noun names and that accepts ``unit``."""
        candidates = self.by_noun.get(noun, [])
        chosen = _choose(candidates, unit, change)
        if chosen is None and change:
            twins = (self.change_twin.get(c.id) for c in candidates if c.measure == "level")
            chosen = next((t for t in twins if t is not None and unit in t.units), None)
        return chosen


def _append(bucket: list[Indicator], indicator: Indicator) -> None:
    if indicator not in bucket:
        bucket.append(indicator)


@attrs.frozen
class _Occurrence:
    start: int
    end: int
    form: str


@attrs.frozen
class _Member:
    """One name of a subject: where it starts and the forms it may be written as."""

    start: int
    forms: tuple[str, ...]


class ReportAnalysis:
    """What every plugin needs from one report, computed once: quantities and context."""

    def __init__(self, report: "Report") -> None:
        from govreport.numbers import find_quantities

        self.report = report
        self.folded = fold_width(report.text)
        self.quantities: list[Quantity] = list(find_quantities(report.text))
        self.context = ContextResolver(report, self.folded)
        self._starts = array("q", [q.start for q in self.quantities])
        self.soft = _soft_breaks(self.folded)
        # the context's breaks are this pattern's matches (the same characters, folded)
        self.breaks = array("q", [b for b in self.context.breaks if b not in self.soft]) if self.soft \
            else self.context.breaks
        self.own_names = _own_names(report)
        self.runs = _runs(self.quantities, self.folded)
        self.facts: dict[int, tuple[_NameIndex, list[Fact]]] = {}  # per name index

    def sentence_start(self, offset: int) -> int:
        """Start of the sentence holding ``offset``, across soft line breaks."""
        start = self.context.sentence_span(offset)[0]
        while start - 1 in self.soft and start >= 2:
            start = self.context.sentence_span(start - 2)[0]
        return start

    def quantities_between(self, start: int, end: int) -> list["Quantity"]:
        lo = bisect.bisect_left(self._starts, start)
        hi = bisect.bisect_left(self._starts, end)
        return self.quantities[lo:hi]

    def clause_bounds(self, offset: int, floor: int) -> tuple[int, int]:
        """Start of the clause holding ``offset`` and the start of the clause before it
        (neither before ``floor``, the start of the sentence)."""
        breaks = self.breaks
        i = bisect.bisect_left(breaks, offset) - 1
        start = max(floor, breaks[i] + 1) if i >= 0 else floor
        j = bisect.bisect_left(breaks, start - 1) - 1
        previous = max(floor, breaks[j] + 1) if j >= 0 and start > floor else floor
        return start, previous

    def clause_end(self, offset: int) -> int:
        i = bisect.bisect_right(self.breaks, offset)
        return self.breaks[i] if i < len(self.breaks) else len(self.folded)


# a line that is a short fragment without Han characters, neither the first nor the last line
# (its line break before is taken, the one after only looked at: fragments can follow each other)
_FRAGMENT_LINE = regex.compile(r"\n([^\p{Han}\n]{1,4})(?=\n)")
_LINE_END = frozenset("。！？!?；;：:")


def _soft_breaks(text: str) -> frozenset[int]:
    """Line breaks that a page put inside a sentence: around a line that is a short fragment
    without Han characters (``PM`` / ``2.5`` / ``年平均浓度…``, a subscript set on its own
    line), when the line before does not end a sentence or clause."""
    soft: set[int] = set()
    for match in _FRAGMENT_LINE.finditer(text):  # one scan, no copy of the lines
        before = match.start() - 1  # the last character of the line before
        if before >= 0 and text[before] != "\n" and text[before] not in _LINE_END:
            soft.add(match.start())
            soft.add(match.end())
    return frozenset(soft)


def _own_names(report: "Report") -> tuple[str, ...]:
    """The report's own region as reports write it before a name (重庆市, 重庆)."""
    names = set()
    for name in (report.meta.region, report.meta.province):
        if name:
            names.add(name)
            for suffix in ("维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "省", "市", "区", "县"):
                if name.endswith(suffix) and len(name) - len(suffix) >= 2:
                    names.add(name[: -len(suffix)])
                    break
    return tuple(sorted(names, key=len, reverse=True))


_ANALYSES: dict[int, ReportAnalysis] = {}


def analysis(report: "Report") -> ReportAnalysis:
    """The analysis of ``report``, shared by the plugins that run on it (until
    :func:`release` drops it: an extraction does when its plugins are done)."""
    cached = _ANALYSES.get(id(report))
    if cached is not None and cached.report is report:
        return cached
    if len(_ANALYSES) > 8:
        _ANALYSES.clear()
    result = _ANALYSES[id(report)] = ReportAnalysis(report)
    return result


def release(report: "Report") -> None:
    """Forget the analysis of ``report``: it holds several times the report's size (its
    figures, times, breaks), and a batch worker would otherwise keep the last few."""
    cached = _ANALYSES.get(id(report))
    if cached is not None and cached.report is report:
        del _ANALYSES[id(report)]


@lru_cache(maxsize=1)
def _implied_units() -> tuple[tuple[str, str], ...]:
    """(name ending, unit) pairs: the unit a name implies for a figure written without one."""
    return tuple((ending, unit) for ending, unit in data_rows("implied_units.txt"))


@lru_cache(maxsize=32)
def _name_index(indicators: tuple[Indicator, ...]) -> "_NameIndex":
    return _NameIndex(indicators)


def match_indicators(report: "Report", indicators: Sequence[Indicator], *, extractor: str,
                     context: Sequence[Indicator] = ()) -> list[Fact]:
    """The facts of ``report`` for ``indicators``, first statements only.

    ``context`` holds the indicators of the other plugins that run: their names are matched
    too, so that a figure named by another plugin's longer name (``单位国内生产总值能耗``)
    is not claimed by this one's shorter name (``国内生产总值``).
    """
    own = {indicator.id for indicator in indicators}
    everyone = {i.id: i for i in context}
    everyone.update((i.id, i) for i in indicators)
    index = _name_index(tuple(sorted(everyone.values(), key=lambda i: i.id)))
    if index.scanner is None:
        return []
    state = analysis(report)
    cached = state.facts.get(id(index))
    if cached is None or cached[0] is not index:
        cached = state.facts[id(index)] = (index, _all_facts(state, index))
    return dedupe_facts(attrs.evolve(fact, extractor=extractor)
                        for fact in cached[1] if fact.indicator in own)


# -- names in the text ----------------------------------------------------------------

def _occurrences(state: ReportAnalysis, index: _NameIndex) -> list[_Occurrence]:
    """The names of the text that speak of the region's indicators.

    Names narrowed by what stands before them are left out, and so are the names inside
    them (脱贫县农村居民人均可支配收入), and a verb name whose noun lies inside an earlier
    name (地区生产总值增长 in 人均地区生产总值增长: the growth of GDP per head).
    """
    assert index.scanner is not None
    found: list[_Occurrence] = []
    narrowed: list[tuple[int, int]] = []
    compact = _Compacted(state.folded, state.soft)
    for start, end in index.scanner.finditer(compact.text):
        occurrence = _Occurrence(compact.original(start), compact.original(end - 1) + 1, compact.text[start:end])
        if _is_narrowed(state, occurrence, index.surfaces[occurrence.form].noun):
            narrowed.append((occurrence.start, occurrence.end))
        else:
            found.append(occurrence)
    narrow = _Spans(narrowed)
    found = [o for o in found if not narrow.contain(o.start, o.end)]
    kept: list[_Occurrence] = []
    reach = -1  # the furthest end of the names that start before the current one
    for occurrence in sorted(found, key=lambda o: (o.start, -o.end)):
        surface = index.surfaces[occurrence.form]
        noun_end = occurrence.start + len(surface.noun)
        if surface.has_verb and occurrence.start < reach < occurrence.end and noun_end <= reach:
            continue  # its noun is part of the earlier name, only its verb runs past it
        kept.append(occurrence)
        reach = max(reach, occurrence.end)
    return kept


class _Compacted:
    """``text`` without the characters at some offsets, and the way back to ``text``."""

    def __init__(self, text: str, removed: frozenset[int]) -> None:
        cuts = sorted(removed)
        self.text = "".join(text[a + 1:b] for a, b in zip([-1] + cuts, cuts + [len(text)]))
        self._shifts = [r - i for i, r in enumerate(cuts)]  # where each cut falls in self.text

    def original(self, offset: int) -> int:
        """The offset in the original text of ``self.text[offset]``."""
        return offset + bisect.bisect_right(self._shifts, offset)


class _Spans:
    """Spans, to ask in log time whether one of them contains a given span."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans = sorted(spans)
        self._starts = [a for a, _b in spans]
        self._reach: list[int] = []  # the furthest end among the spans up to each one
        for _a, b in spans:
            self._reach.append(max(b, self._reach[-1]) if self._reach else b)

    def contain(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self._starts, start)
        return i > 0 and self._reach[i - 1] >= end


def _is_narrowed(state: ReportAnalysis, occurrence: _Occurrence, noun: str) -> bool:
    text, start = state.folded, occurrence.start
    if start == 0 or not _HAN.match(text[start - 1]):
        return False  # every narrowing word (a modifier, a place, an owner) is Han and ends here
    modifiers, longest = vocab.modifier_pattern()
    if modifiers.search(text, max(0, start - longest), start):
        return True
    window = text[max(0, start - 12):start]
    for pattern in vocab.place_patterns():
        place = pattern.search(window)
        if place and not any(place.group().rstrip("的").endswith(own) for own in state.own_names):
            return True
    if len(noun) <= SHORT_NAME:
        before = text[max(0, start - 16):start]
        if any(owner.search(before) for owner in vocab.name_owners()):
            return True
        if len(noun) <= 2 and before and _HAN.match(before[-1]) \
                and not before.endswith(vocab.region_self()):
            return True  # 基础设施投资, 地方税收: a two-character name heads a longer noun
    return False


def _nearest(ends: list[_Occurrence], end_keys: list[int], lo: int, hi: int) -> _Occurrence | None:
    """The name occurrence inside [lo, hi) that ends last (the longest of those)."""
    i = bisect.bisect_right(end_keys, hi) - 1
    best = None
    while i >= 0 and ends[i].end > lo:
        occ = ends[i]
        if occ.start >= lo:
            if best is None or occ.end > best.end or (
                    occ.end == best.end and occ.end - occ.start > best.end - best.start):
                best = occ
            if best.end > occ.end:
                break
        i -= 1
    return best


# -- facts -----------------------------------------------------------------------------

def _all_facts(state: ReportAnalysis, index: _NameIndex) -> list[Fact]:
    """The facts of every indicator of ``index`` (each plugin then takes its own)."""
    occurrences = _occurrences(state, index)
    ends = sorted(occurrences, key=lambda o: (o.end, -(o.end - o.start)))
    end_keys = [o.end for o in ends]
    facts: list[Fact] = []
    for quantity in state.quantities:
        if quantity.unit is None and not _MAGNITUDE.search(quantity.text):
            continue
        if quantity.unit is not None and quantity.unit not in index.units:
            continue  # no indicator takes a figure in this unit (3项, 120公里 without a transport plugin)
        if state.folded[quantity.start - 1:quantity.start] == "个" and not _DIGIT.search(quantity.text):
            continue  # 跨越3个千亿元台阶: a count of thresholds, not a level
        following = state.folded[quantity.end:quantity.end + 1]
        if following in _ATTRIBUTIVE_AFTER or (following == "的" and quantity.unit != "%"):
            continue  # 超千亿元县, 突破5万亿元的城市: the figure describes a noun
        facts.extend(_facts_for(quantity, state, index, ends, end_keys))
    return facts


def _subject(quantity: "Quantity", state: ReportAnalysis, ends: list[_Occurrence],
             end_keys: list[int], sent_start: int) -> _Occurrence | None:
    """The name the quantity speaks of: the nearest in its clause, or the previous clause's
    when its own clause holds only a predicate (adverbs, verbs and figures)."""
    clause_start, _previous = state.clause_bounds(quantity.start, sent_start)
    occ = _nearest(ends, end_keys, clause_start, quantity.start)
    if occ is not None or quantity.start - clause_start > MAX_PREDICATE:
        return occ
    # the words of the clause before the figure, the figure's own lead word (突破, 超过) included
    own = (_strip_quantities(state.folded[clause_start:quantity.start], clause_start, state)
           + state.folded[quantity.start:quantity.number_start]).strip()
    if clause_start <= sent_start or not vocab.predicate_only().fullmatch(own) \
            or not (vocab.predicate_any().search(own) or _START_VALUE_LEAD.search(own)):
        return None
    end = clause_start - 1
    for _step in range(4):  # walk back over asides and bare predicates to a name
        start = state.clause_bounds(end, sent_start)[0]
        occ = _nearest(ends, end_keys, start, end)
        if occ is not None:
            return occ
        figures = state.quantities_between(start, end)
        if figures and (end - start > MAX_PREDICATE or not vocab.predicate_only().fullmatch(
                _strip_quantities(state.folded[start:end], start, state).strip())):
            return None
        if start <= sent_start:
            return None
        end = start - 1
    return None


def _facts_for(quantity: "Quantity", state: ReportAnalysis, index: _NameIndex,
               ends: list[_Occurrence], end_keys: list[int]) -> list[Fact]:
    text = state.folded
    sent_start = state.sentence_start(quantity.start)
    clause_start, _previous = state.clause_bounds(quantity.start, sent_start)
    occ = _subject(quantity, state, ends, end_keys, sent_start)
    if occ is None:
        return []
    gap = text[occ.end:quantity.start]
    if len(gap) > MAX_RAW_GAP:
        return []
    gap_without_figures = _strip_quantities(gap, occ.end, state)
    if len(_YEARS.sub("", gap_without_figures).replace(" ", "")) > MAX_GAP:  # years count like figures
        return []
    name_clause_start = min(clause_start, state.clause_bounds(occ.start, sent_start)[0])
    if (vocab.subset().search(text, max(name_clause_start, occ.start - LOOK_BACK), occ.start)
            or vocab.subset().search(gap)
            or (vocab.list_total().search(gap_without_figures)
                and _conjuncts_before(text, occ.start, name_clause_start))
            or _about_a_grouping(state, occ.start, sent_start)
            or _DIFFERENCE.search(gap_without_figures) or _LIST_TOTAL.search(gap_without_figures)):
        return []
    form = _distributed_form(occ, index, text, name_clause_start)
    surface = index.surfaces[form]
    unit = quantity.unit
    if unit is None:  # 农村贫困人口减少1240万: the name implies the unit
        unit = next((implied for ending, implied in _implied_units() if surface.noun.endswith(ending)), None)
        if unit is None:
            return []
        quantity = attrs.evolve(quantity, unit=unit)

    members, subject_end = _members(occ, form, index, text, name_clause_start, gap)
    predicate = _strip_quantities(text[subject_end:quantity.start], subject_end, state)
    if vocab.blocker().search(predicate) or not _name_reaches(subject_end, quantity.number_start, state):
        return []
    run = _figure_run(quantity, state)
    if len(members) == 1 and len(run) > 1 and occ.end <= clause_start:
        # 城镇居民人均可支配收入达到10493元，农村居民人均纯收入达到3255元，分别增长9.6%和6.2%:
        # a list of figures after clauses that each name one indicator pairs with them in order
        parallel = _parallel_subjects(state, ends, end_keys, clause_start, sent_start, len(run))
        if parallel:
            members = [_Member(o.start, (o.form,)) for o in parallel]
    run_start = max(run[0], subject_end)  # the verb before a list of figures governs them all
    measure = _measure(state, occ, form, surface, subject_end, run)
    verb, change = measure.verb, measure.change

    if len(members) == 1:
        if len(run) > 1 and any(w in predicate for w in vocab.words("respectively")):
            return []  # 由前三年分别上升4.9%、5.5%、0.2%: one name, figures of different years
        chosen = [(members[0].start, _resolve_subject(index, form, surface, verb, unit, change))]
    elif len(run) == len(members):
        member = members[run.index(quantity.start)]
        chosen = [(member.start, _resolve_member(index, member, form, surface, verb, unit,
                                                 change))]
    elif len(run) == 1:  # one figure for a list of names: each name's (城乡居民…均增长6%)
        chosen = [(m.start, _resolve_member(index, m, form, surface, verb, unit, change))
                  for m in members]
    else:
        return []
    spans = [(start, indicator) for start, indicator in chosen if indicator is not None]
    if len({indicator.id for _start, indicator in spans}) != len(spans):
        return []  # one indicator named twice: either figure under it could be wrong
    if quantity.qualifier is None:
        qualifier = _run_qualifier(run, state) or _milestone(text, subject_end, run_start)
        if qualifier is not None:
            quantity = attrs.evolve(quantity, qualifier=qualifier)
    return _make_facts(quantity, unit, spans, measure, occ, clause_start, state)


@attrs.frozen
class _Measure:
    """What the words between a subject and its figures say: the verb that governs the
    figures, whether they are a change (not a level), and whether a fall or a rise."""

    verb: str | None
    change: bool
    fall: bool
    rise: bool


def _measure(state: ReportAnalysis, occ: _Occurrence, form: str, surface: _Surface, subject_end: int,
             run: list[int]) -> _Measure:
    """The last verb before a list of figures decides level or change (增长8.5% is a change,
    增长到14万元 and 达到1325亿元 state levels); a change noun or the name's own verb before a
    level verb keeps a change (增速达到6%) unless a figure comes between; a name's own verb
    followed by 到 states the level reached (PM2.5浓度下降到33微克/立方米)."""
    text = state.folded
    run_start = max(run[0], subject_end)
    tail = _tail(text[subject_end:run_start], subject_end, state)
    verb, verb_at = _last_verb(tail)
    if verb is None:  # the first figure's lead word is the verb (，总额突破8000亿元)
        first = state.quantities[bisect.bisect_left(state._starts, run[0])]
        tail += text[first.start:first.number_start]
        verb, verb_at = _last_verb(tail)
    if verb is None:
        return _Measure(None, False, form.endswith(tuple(vocab.falls())), False)
    no_figure_between = not state.quantities_between(subject_end, run_start)
    change_before = next((m for m in vocab.change_verb().finditer(tail) if m.start() < verb_at), None)
    own_verb = surface.has_verb and not text.startswith(("到", "至"), occ.end)
    is_change_verb = bool(vocab.change_verb().fullmatch(verb))
    change = is_change_verb or (no_figure_between and (own_verb or change_before is not None))
    if is_change_verb:
        fall = verb in vocab.falls()
    else:
        fall = (change_before is not None and change_before.group() in vocab.falls()) or \
            (surface.has_verb and form.endswith(tuple(vocab.falls())))
    return _Measure(verb, change, fall, is_change_verb and not fall)


def _run_qualifier(run: list[int], state: ReportAnalysis) -> str | None:
    """A qualifier written once for a list of figures: before the first (超过8万元、4.5万元)
    or after the last (增长7%和8%左右)."""
    if len(run) < 2:
        return None
    i = bisect.bisect_left(state._starts, run[0])
    first, last = state.quantities[i], state.quantities[i + len(run) - 1]
    if first.qualifier is not None and first.start < first.number_start:
        return first.qualifier
    if last.qualifier is not None and last.end > last.number_end and last.start == last.number_start:
        return last.qualifier
    return None


def _milestone(text: str, subject_end: int, run_start: int) -> str | None:
    """The qualifier of a milestone verb right before the figures (迈上4万亿元新台阶)."""
    before = text[subject_end:run_start]
    for word, qualifier in vocab.milestones():
        at = before.rfind(word)
        if at >= 0 and vocab.predicate_only().fullmatch(before[at + len(word):].strip()):
            return qualifier
    return None


def _about_a_grouping(state: ReportAnalysis, name_start: int, sent_start: int) -> bool:
    """Whether the name's clause, or a topic clause just before it, speaks of a grouping of
    regions (川渝一体化发展格局加速形成，地区生产总值…): the figure is the grouping's."""
    clause, previous = state.clause_bounds(name_start, sent_start)
    if vocab.region_groups().search(state.folded, max(clause, name_start - LOOK_BACK), name_start):
        return True
    # the clause before is the topic when it opens with the grouping and states no figure
    return previous < clause and not state.quantities_between(previous, clause) and \
        bool(vocab.region_groups().match(state.folded, previous, clause))


def _parallel_subjects(state: ReportAnalysis, ends: list[_Occurrence], end_keys: list[int],
                       clause_start: int, sent_start: int, count: int) -> list[_Occurrence]:
    """The names of the ``count`` clauses before ``clause_start`` that each name one indicator
    (asides without a name or a figure are skipped), in text order; [] when they are not."""
    found: list[_Occurrence] = []
    end = clause_start - 1
    while len(found) < count and end > sent_start:
        start = state.clause_bounds(end, sent_start)[0]
        occ = _nearest(ends, end_keys, start, end)
        if occ is not None:
            found.append(occ)
        elif state.quantities_between(start, end):
            return []
        end = start - 1
    return list(reversed(found)) if len(found) == count else []


def _resolve_subject(index: _NameIndex, form: str, surface: _Surface, verb: str | None, unit: str,
                     change: bool) -> Indicator | None:
    if verb is None:  # the figure follows the name: the name says what it is
        indicator = next((i for i in index.direct.get(form, ()) if unit in i.units), None)
        return indicator or index.choose(surface.noun, unit, surface.has_verb)
    # 贫困人口再减少1000万: noun and verb make a name of their own
    indicator = next((i for i in index.direct.get(surface.noun + verb, ()) if unit in i.units), None)
    return indicator or index.choose(surface.noun, unit, change)


def _resolve_member(index: _NameIndex, member: _Member, form: str, surface: _Surface,
                    verb: str | None, unit: str, change: bool) -> Indicator | None:
    if member.forms == (form,):
        return _resolve_subject(index, form, surface, verb, unit, change)
    for candidate in member.forms:
        # without a verb after the subject, each name says itself whether it is a change
        own_change = change if verb is not None else index.surfaces[candidate].has_verb \
            if candidate in index.surfaces else change
        indicator = index.resolve(candidate, unit, own_change)
        if indicator is not None:
            return indicator
    return None


def _make_facts(quantity: "Quantity", unit: str, spans: list[tuple[int, Indicator]], measure: _Measure,
                occ: _Occurrence, clause_start: int, state: ReportAnalysis) -> list[Fact]:
    """One fact per (name start, indicator), with the figure's context."""
    if not spans:
        return []
    aggregate = _aggregate(state.folded, occ, max(clause_start, occ.start - 4), quantity.start)
    context = state.context.resolve(quantity.start, aggregate=aggregate,
                                    start_value=_is_start_value(quantity, state))
    if context.period is None:
        return []
    evidence = Evidence(period_rule=context.rule, period_words=context.period_words,
                        kind_words=context.kind_words)
    facts = []
    section = sections_path(state.report.section_at(quantity.start))
    for start, chosen in spans:
        value, value_max = quantity.value, quantity.value_max
        # a fall of a growth is negative; so is a rise of a reduction (能耗上升4.9%)
        if chosen.measure == "change" and ((measure.fall and chosen.fall == "negative")
                                           or (measure.rise and chosen.fall == "positive")):
            value, value_max = -value, (None if value_max is None else -value_max)
            if value_max is not None and value_max < value:
                value, value_max = value_max, value
        facts.append(Fact(
            indicator=chosen.id, domain=chosen.domain, value=value, value_max=value_max,
            unit=unit, qualifier=quantity.qualifier, kind=context.kind,
            period=context.period, cue=context.cue, aggregate=aggregate,
            text=state.report.text[start:quantity.end], start=start, end=quantity.end,
            section=section, evidence=evidence,
        ))
    return facts


def _is_start_value(quantity: "Quantity", state: ReportAnalysis) -> bool:
    """``从X提高到Y``: X is the value the change starts from."""
    text = state.folded
    return bool(_FROM.search(text, max(0, quantity.start - 1), quantity.start)
                and _TO_AFTER.match(text, quantity.end, quantity.end + 8))


# -- subjects with several names ----------------------------------------------------------

def _conjuncts_before(text: str, start: int, floor: int) -> list[tuple[int, str]]:
    """The conjuncts before a name, nearest last: ``城乡养老保险、`` before ``医疗保险…``."""
    found: list[tuple[int, str]] = []
    end = start
    while end - 1 > floor and text[end - 1] in _CONJUNCTIONS and len(found) < MAX_CONJUNCTS:
        begin = end - 1
        while begin > floor and text[begin - 1] not in _CONJUNCT_STOP:
            begin -= 1
        conjunct = text[begin:end - 1]
        if not conjunct or len(conjunct) > MAX_CONJUNCT or _DIGIT.search(conjunct):
            break
        found.insert(0, (begin, conjunct))
        end = begin
    return found


def _conjuncts_after(text: str, end: int, limit: int) -> list[tuple[int, str]]:
    """The conjuncts after a name, up to ``limit``: ``…能耗`` ``和二氧化碳排放`` 分别…."""
    found: list[tuple[int, str]] = []
    position = end
    while position < limit and text[position] in _CONJUNCTIONS:
        stop = position + 1
        while stop < limit and text[stop] not in _CONJUNCT_STOP:
            stop += 1
        conjunct = text[position + 1:stop]
        if not conjunct or len(conjunct) > MAX_CONJUNCT or _DIGIT.search(conjunct):
            break
        found.append((position + 1, conjunct))
        position = stop
    return found


def _members(occ: _Occurrence, form: str, index: _NameIndex, text: str, floor: int,
             gap: str) -> tuple[list[_Member], int]:
    """The names of a subject and where the subject ends (the predicate starts)."""
    expanded = _distributive(occ, form, index, text, floor)
    if expanded is not None:
        return expanded, occ.end
    members = []
    for begin, conjunct in _conjuncts_before(text, occ.start, floor):
        forms = [conjunct[j:] + form[cut:] for j in range(len(conjunct))
                 for cut in range(1, len(form) + 1)]
        members.append(_Member(begin, tuple(f for f in forms if f in index.surfaces) or (conjunct,)))
    members.append(_Member(occ.start, (form,)))
    respectively = gap.find(vocab.words("respectively")[0]) if vocab.words("respectively") else -1
    subject_end = occ.end
    if respectively >= 0:
        for begin, conjunct in _conjuncts_after(text, occ.end, occ.end + respectively):
            forms = [form[:cut] + conjunct for cut in range(len(form) - 1, -1, -1)]
            members.append(_Member(begin, tuple(f for f in forms if f in index.surfaces) or (conjunct,)))
            subject_end = begin + len(conjunct)
    return members, subject_end


def _distributive(occ: _Occurrence, form: str, index: _NameIndex, text: str,
                  floor: int) -> list[_Member] | None:
    """``城乡(常住)居民人均可支配收入``: one name for each group of the prefix."""
    before = text[max(floor, occ.start - MAX_INFIX - 4):occ.start]
    for prefix, groups in vocab.distributive():
        at = before.rfind(prefix)
        if at < 0:
            continue
        infix = before[at + len(prefix):]
        if len(infix) > MAX_INFIX or not all("\u4e00" <= c <= "\u9fff" for c in infix):
            continue
        start = occ.start - len(before) + at
        members = []
        for group in groups:
            candidates = dict.fromkeys([group + infix + form, group + form])
            forms = tuple(c for c in candidates if c in index.surfaces)
            if not forms:
                break
            members.append(_Member(start, forms))
        else:
            return members
    return None


def _figure_run(quantity: "Quantity", state: ReportAnalysis) -> list[int]:
    """The starts of the figures listed together with ``quantity`` (4.2%、5.3%); a run longer
    than :data:`MAX_RUN` is no list of statements, each figure stands alone."""
    i = bisect.bisect_left(state._starts, quantity.start)
    lo, hi = state.runs[i]
    if hi - lo >= MAX_RUN:
        return [quantity.start]
    return list(state._starts[lo:hi])


def _runs(quantities: list["Quantity"], text: str) -> list[tuple[int, int]]:
    """For each quantity, the [lo, hi) indices of the figures listed with it (one pass)."""
    runs: list[tuple[int, int]] = []
    lo = 0
    for i in range(1, len(quantities) + 1):
        if i == len(quantities) or text[quantities[i - 1].end:quantities[i].start].strip(_LIST_SEPARATORS):
            runs.extend([(lo, i)] * (i - lo))
            lo = i
    return runs


# -- the words between a name and its figure ----------------------------------------------

def _name_reaches(name_end: int, figure_start: int, state: ReportAnalysis) -> bool:
    """Whether a name still speaks of a figure after another figure came between them.

    ``GDP增长3.9%、总量达到1325亿元``: the words after the first figure predicate the name
    again (达到), so it does. ``高新技术企业25家、市级以上研发机构5家``: a bare list item
    follows, with a noun of its own, so it does not.
    """
    lo = bisect.bisect_left(state._starts, name_end)
    i = bisect.bisect_left(state._starts, figure_start) - 1
    while i >= lo and state.quantities[i].unit in _DURATIONS:
        i -= 1
    if i < lo:
        return True
    last = state.quantities[i]
    tail = state.folded[last.end:figure_start]
    if not tail.strip(_LIST_SEPARATORS):  # 接连突破8万亿元、9万亿元: one predicate, a list of figures
        return True
    if not vocab.predicate_any().search(tail):
        return False
    # after a list separator, a new subject before the verb starts a new statement (a figure
    # of time there is an adverbial: 5年增长18.7%, 五年年均增长5.2%; 转为下降 is one predicate)
    segment_start = max(tail.rfind(sep) for sep in "、，,；;") + 1
    verb, verb_at = _last_verb(tail)
    if segment_start > 0 and verb is not None and verb_at >= segment_start:
        offset = last.end + segment_start
        subject = _strip_quantities(tail[segment_start:verb_at], offset, state).strip()
        return bool(vocab.anaphor_only().fullmatch(subject.replace(" ", "")))
    return True


def _tail(gap: str, gap_start: int, state: ReportAnalysis) -> str:
    """The words between the last figure inside ``gap`` (if any) and the end of the gap."""
    between = state.quantities_between(gap_start, gap_start + len(gap))
    return gap[between[-1].end - gap_start:] if between else gap


def _last_verb(tail: str) -> tuple[str | None, int]:
    """The last change or level verb of ``tail`` (the one that governs the figure after it)
    and where it starts."""
    last: tuple[int, str] | None = None
    for pattern in (vocab.change_verb(), vocab.level_verb()):
        for match in pattern.finditer(tail):
            if last is None or match.start() >= last[0]:
                last = (match.start(), match.group())
    return (None, len(tail)) if last is None else (last[1], last[0])


def _strip_quantities(gap: str, offset: int, state: ReportAnalysis) -> str:
    """The gap with the figures inside it blanked (their units are not blockers)."""
    chars = list(gap)
    for q in state.quantities_between(offset, offset + len(gap)):
        for i in range(max(q.start - offset, 0), min(q.end - offset, len(chars))):
            chars[i] = " "
    return "".join(chars)


def _choose(candidates: Sequence[Indicator], unit: str, change: bool) -> Indicator | None:
    """The indicator of the right measure (level or change) that accepts ``unit``."""
    for candidate in candidates:
        if unit in candidate.units and (candidate.measure == "change") == change:
            return candidate
    return None


def _aggregate(text: str, occ: _Occurrence, start: int, end: int) -> str | None:
    """年均 or 累计 around a name and its figure; inside a name only where it averages the
    name's change (经济年均增长), not where it is the name's own noun (PM2.5年均浓度)."""
    own = occ.form if _averaged(occ.form) else ""
    window = text[start:occ.start] + own + text[occ.end:end]
    for pattern, name in vocab.aggregates():
        if pattern.search(window):
            return name
    return None


def _averaged(form: str) -> bool:
    """Whether a name form carries 年均 before its change verb (经济年均增长)."""
    return "年均" in form and form.endswith(CHANGE_SUFFIXES)


def _distributed_form(occ: _Occurrence, index: _NameIndex, text: str, clause_start: int) -> str:
    """A verb earlier in the clause that a list shares: 新增A 280家、B 25家 -> 新增B."""
    before = text[max(clause_start, occ.start - LOOK_BACK):occ.start]
    for long_form in index.extensions.get(occ.form, ()):
        prefix = long_form[: len(long_form) - len(occ.form)]
        if text[occ.start - len(prefix):occ.start] == prefix:
            return long_form
        if prefix in before and _CLAUSE_BREAK.search(before[before.rfind(prefix):]) is None:
            return long_form
    return occ.form

