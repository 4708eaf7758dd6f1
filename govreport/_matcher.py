"""The core matcher: link the quantities of a report to the indicators of a table.

For each quantity, the matcher looks back in the quantity's clause for the nearest name of
an indicator (``城镇新增就业32.4万人``). A clause with no name of its own that opens with a
predicate (``,达330天``) borrows its sentence's previous clause. The words between the name
and the figure decide the rest:

- a change verb (增长, 下降, 增速 ...) makes the figure a change of the named quantity
  (``地区生产总值年均增长8.5%`` -> ``gdp_growth``), unless it reaches a level (``增长到14万元``);
- a fall (下降, 降低) is a negative change for a growth indicator, a positive one for a
  reduction indicator;
- another measured noun in between (``…死亡率降幅``) means the figure is about that noun,
  not about the indicator, and nothing is reported;
- the unit must be one the indicator accepts.

Names shared by a list (``城乡养老保险、医疗保险参保覆盖率``) and a verb shared by a list
(``新增科技型企业280家、高新技术企业25家``) are resolved too. Everything a plugin supplies is
data; this module holds the rules.
"""
from __future__ import annotations

import bisect
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable, Sequence

import attrs
import regex

from govreport._context import ContextResolver, fold_width, sections_path
from govreport._data import data_lines
from govreport._facts import Fact, dedupe_facts
from govreport.extractors import CHANGE_SUFFIXES, Indicator

if TYPE_CHECKING:  # pragma: no cover
    from govreport._model import Report
    from govreport.numbers import Quantity

__all__ = ["match_indicators", "ReportAnalysis", "analysis"]

CHANGE_WORDS = ("增速", "增幅", "涨幅", "降幅", "增长率")
_CHANGE_VERB = regex.compile(
    r"(增长|增加|提高|上升|上涨|提升|增速|增幅|涨幅|下降|降低|减少|回落|下滑|降幅)(?![到至])"
)
_FALLS = {"下降", "降低", "减少", "回落", "下滑", "降幅"}
# verbs that state a level: the last verb before a figure decides between level and change
_LEVEL_VERB = regex.compile(r"达到|达|为|完成|实现|突破|超过|超|保持在|稳定在|控制在|到|至")
# nouns that refer back to the name after a first figure (GDP增长3.9%、总量达到1325亿元)
_ANAPHOR = regex.compile(r"^(?:总量|总额|规模|增速|增幅|其中|同比|比上年|年均|累计|分别|全年|均|再|又|已|)$")
# a figure written right before one of these is an attribute of a noun (超千亿元县), not a statement
_ATTRIBUTIVE_AFTER = frozenset("县市区镇村级企园产")
# another measured noun between a name and its figure: the figure belongs to that noun
_BLOCKER = regex.compile(
    r"率|比重|比例|占比|人数|指数|总额|面积|数量|规模|贡献"
    r"|收入|利润|产值|增加值|营收|销售额|交易额|产量|用电量|投资|出口|进口|能耗|排放|负担"
)
# a subset of the named quantity: 其中…, 带动…, 对…国家 (a group of partners)
_SUBSET_BEFORE = regex.compile(r"其中|带动|原定|原计划|对[^，,；;。、]{0,15}(?:国家|地区|经济体|市场)")
# the total of a list (改造老旧小区、抗震宜居农房等23万多户), not of its first item
_LIST_TOTAL = regex.compile(r"[、和][^，,；;。]*等")
# a difference, not a level: 比去年多100万人
_DIFFERENCE = regex.compile(r"比[^，,；;。]{0,8}[多少]$")
_CLAUSE_BREAK = regex.compile(r"[，,；;：:。！？!?\n]")
_PREDICATE_START = regex.compile(
    r"[ \u3000]{0,3}(?:总量|总额|规模)?(?:全年|同比|比上年|分别|均|累计|年均|再|又|已|稳步|首次|持续|继续)?"
    r"(?:达到|达|为|增长|下降|降低|提高|突破|超过|超|实现|完成|控制在|保持在|保持|稳定在|增加|减少|上涨)"
)
_PREDICATE = regex.compile(
    r"达|为|增长|增加|提高|上升|上涨|提升|下降|降低|减少|回落|突破|超|实现|完成|控制|保持|稳定|到|至"
)
_AGGREGATES = ((regex.compile(r"年均|年平均|平均每年"), "annual_average"),
               (regex.compile(r"累计|共计"), "cumulative"))
_CONJUNCTIONS = "、和及与"
_RESPECTIVELY = "分别"
MAX_GAP = 30


@attrs.frozen
class _Surface:
    """A written form of a name: the noun it names and whether it carries a change verb."""

    noun: str
    has_verb: bool


def _surface(name: str) -> _Surface:
    if name.endswith(CHANGE_SUFFIXES) and len(name) > 2:
        return _Surface(noun=name[:-2], has_verb=True)
    return _Surface(noun=name, has_verb=name.endswith(CHANGE_WORDS))


class _NameIndex:
    """Every written form of every indicator name, and the indicators each noun names."""

    def __init__(self, indicators: Sequence[Indicator]) -> None:
        self.by_noun: dict[str, list[Indicator]] = {}
        self.surfaces: dict[str, _Surface] = {}
        self.direct: dict[str, list[Indicator]] = {}  # the indicators that list a form as a name
        for indicator in indicators:
            for name in indicator.names:
                name = fold_width(name)
                surface = _surface(name)
                self.surfaces[name] = surface
                self.direct.setdefault(name, []).append(indicator)
                # the bare noun of a verb name matches too, when long enough to be specific
                if surface.has_verb and surface.noun != name and len(surface.noun) >= 3:
                    self.surfaces.setdefault(surface.noun, _Surface(surface.noun, False))
                # and the name with 年均 before its verb (经济年均增长6.5%)
                if surface.has_verb and surface.noun != name:
                    averaged = surface.noun + "年均" + name[len(surface.noun):]
                    self.surfaces.setdefault(averaged, surface)
                    self.direct.setdefault(averaged, []).append(indicator)
                bucket = self.by_noun.setdefault(surface.noun, [])
                if indicator not in bucket:
                    bucket.append(indicator)
        forms = sorted(self.surfaces, key=len, reverse=True)
        self.pattern = regex.compile("|".join(map(regex.escape, forms))) if forms else None
        # longer forms that end with a shorter one: 新增高新技术企业 over 高新技术企业
        self.extensions: dict[str, list[str]] = {}
        for long_form in forms:
            for short_form in forms:
                if len(long_form) > len(short_form) and long_form.endswith(short_form):
                    self.extensions.setdefault(short_form, []).append(long_form)


@attrs.frozen
class _Occurrence:
    start: int
    end: int
    form: str


class ReportAnalysis:
    """What every plugin needs from one report, computed once: quantities and context."""

    def __init__(self, report: "Report") -> None:
        from govreport.numbers import find_quantities

        self.report = report
        self.folded = fold_width(report.text)
        self.quantities: list[Quantity] = list(find_quantities(report.text))
        self.context = ContextResolver(report)
        self._starts = [q.start for q in self.quantities]
        self.breaks = [m.start() for m in _CLAUSE_BREAK.finditer(self.folded)]
        self.facts: dict[int, tuple[_NameIndex, list[Fact]]] = {}  # per name index

    def quantities_between(self, start: int, end: int) -> list["Quantity"]:
        lo = bisect.bisect_left(self._starts, start)
        hi = bisect.bisect_left(self._starts, end)
        return self.quantities[lo:hi]


_ANALYSES: dict[int, ReportAnalysis] = {}


def analysis(report: "Report") -> ReportAnalysis:
    """The analysis of ``report``, shared by the plugins that run on it."""
    cached = _ANALYSES.get(id(report))
    if cached is not None and cached.report is report:
        return cached
    if len(_ANALYSES) > 8:
        _ANALYSES.clear()
    result = _ANALYSES[id(report)] = ReportAnalysis(report)
    return result


_MAGNITUDE = regex.compile(r"[万亿萬億]")


@lru_cache(maxsize=1)
def _implied_units() -> tuple[tuple[str, str], ...]:
    """(name ending, unit) pairs: the unit a name implies for a figure written without one."""
    rows = (line.split("\t") for line in data_lines("implied_units.txt"))
    return tuple((ending.strip(), unit.strip()) for ending, unit in rows)


@lru_cache(maxsize=1)
def _modifier_pattern() -> tuple["regex.Pattern[str]", int]:
    """A pattern of the narrowing modifiers (海洋, 旅游 ...) that end where a name starts,
    and the length of the longest (the window to search before a name)."""
    words = [w.strip() for w in data_lines("name_modifiers.txt")]
    pattern = f"(?:{'|'.join(map(regex.escape, words))})(?:农村|城镇|城乡)?\\Z"
    return regex.compile(pattern), max(map(len, words)) + 2


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
    if index.pattern is None:
        return []
    state = analysis(report)
    cached = state.facts.get(id(index))
    if cached is None or cached[0] is not index:
        cached = state.facts[id(index)] = (index, _all_facts(state, index))
    return dedupe_facts(attrs.evolve(fact, extractor=extractor)
                        for fact in cached[1] if fact.indicator in own)


def _all_facts(state: ReportAnalysis, index: _NameIndex) -> list[Fact]:
    """The facts of every indicator of ``index`` (each plugin then takes its own)."""
    everyone = {i.id for indicators in index.by_noun.values() for i in indicators}
    modifiers, longest = _modifier_pattern()
    occurrences, narrowed = [], []
    for m in index.pattern.finditer(state.folded, overlapped=True):
        if modifiers.search(state.folded, max(0, m.start() - longest), m.start()):
            narrowed.append((m.start(), m.end()))
        else:
            occurrences.append(_Occurrence(m.start(), m.end(), m.group()))
    # a name inside a narrowed one is narrowed too (脱贫县农村居民人均可支配收入)
    occurrences = [o for o in occurrences
                   if not any(a <= o.start and o.end <= b for a, b in narrowed)]
    ends = sorted(occurrences, key=lambda o: (o.end, -(o.end - o.start)))
    end_keys = [o.end for o in ends]
    facts: list[Fact] = []
    for quantity in state.quantities:
        if quantity.unit is None and not _MAGNITUDE.search(quantity.text):
            continue
        following = state.folded[quantity.end:quantity.end + 1]
        if following in _ATTRIBUTIVE_AFTER or (following == "的" and quantity.unit != "%"):
            continue  # 超千亿元县, 突破5万亿元的城市: the figure describes a noun
        facts.extend(_facts_for(quantity, state, index, ends, end_keys, "", everyone))
    return facts


def _clause_bounds(state: ReportAnalysis, offset: int, floor: int) -> tuple[int, int]:
    """Start of the clause holding ``offset`` and the start of the clause before it
    (neither before ``floor``, the start of the sentence)."""
    breaks = state.breaks
    i = bisect.bisect_left(breaks, offset) - 1
    start = max(floor, breaks[i] + 1) if i >= 0 else floor
    j = bisect.bisect_left(breaks, start - 1) - 1
    previous = max(floor, breaks[j] + 1) if j >= 0 and start > floor else floor
    return start, previous


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


def _facts_for(quantity: "Quantity", state: ReportAnalysis, index: _NameIndex,
               ends: list[_Occurrence], end_keys: list[int], extractor: str,
               own: set[str]) -> Iterable[Fact]:
    text = state.folded
    sent_start, _sent_end = state.context.sentence_span(quantity.start)
    clause_start, previous_start = _clause_bounds(state, quantity.start, sent_start)
    occ = _nearest(ends, end_keys, clause_start, quantity.start)
    predicate = _PREDICATE_START.match(text, clause_start, quantity.end)
    if occ is None and previous_start < clause_start and predicate is not None \
            and quantity.number_start - predicate.end() <= 2:
        # a clause that opens with its predicate and goes straight to its figure (,达330天)
        occ = _nearest(ends, end_keys, previous_start, clause_start)
        if occ is None and not state.quantities_between(previous_start, clause_start):
            # a clause with no name and no figure between (按可比价计算) is an aside
            earlier = _clause_bounds(state, previous_start, sent_start)[1]
            if earlier < previous_start:
                occ = _nearest(ends, end_keys, earlier, previous_start)
        if occ is not None and occ.end > clause_start - 1:
            occ = None
    if occ is None:
        return []
    gap = text[occ.end:quantity.start]
    gap_without_figures = _strip_quantities(gap, occ.end, state)
    if len(gap_without_figures.replace(" ", "")) > MAX_GAP:
        return []
    name_clause_start = min(clause_start, _clause_bounds(state, occ.start, sent_start)[0])
    if (_SUBSET_BEFORE.search(text, name_clause_start, occ.start) or _SUBSET_BEFORE.search(gap)
            or _DIFFERENCE.search(gap_without_figures) or _LIST_TOTAL.search(gap_without_figures)):
        return []
    form = _distributed_form(occ, index, text, clause_start)
    surface = index.surfaces[form]
    if quantity.unit is None:  # 农村贫困人口减少1240万: the name implies the unit
        implied = next((unit for ending, unit in _implied_units() if surface.noun.endswith(ending)), None)
        if implied is None:
            return []
        quantity = attrs.evolve(quantity, unit=implied)
    respectively = gap_without_figures.find(_RESPECTIVELY)
    if respectively >= 0:
        resolved = _respectively(quantity, occ, form, index, state, clause_start,
                                 occ.end + respectively)
        if resolved is None:
            return []
        start, indicator, fall = resolved
        return _make_facts(quantity, [(start, indicator)], fall, occ, clause_start, state,
                           extractor, own)
    if _BLOCKER.search(gap_without_figures) or not _name_reaches(occ.end, quantity.start, state):
        return []

    verb = _last_verb(_tail(gap, occ.end, state))
    if verb is None:  # the figure follows the name: the name says what it is
        fall = form.endswith(tuple(_FALLS))
        indicator = next((i for i in index.direct.get(form, ()) if quantity.unit in i.units), None)
        if indicator is None:
            indicator = _choose(index.by_noun.get(surface.noun, []), quantity.unit, surface.has_verb)
    else:
        # a change name (增幅, 增速, 经济增长) stays a change before 达 or 保持在 when no other
        # figure comes between (经济年均增长保持在6.5%以上); else the last verb decides
        change = (form.endswith(CHANGE_WORDS) or bool(_CHANGE_VERB.fullmatch(verb))
                  or (surface.has_verb and not state.quantities_between(occ.end, quantity.start)))
        fall = verb in _FALLS
        # 贫困人口再减少1000万: noun and verb make a name of their own
        indicator = next((i for i in index.direct.get(surface.noun + verb, ())
                          if quantity.unit in i.units), None)
        if indicator is None:
            indicator = _choose(index.by_noun.get(surface.noun, []), quantity.unit, change)
    if indicator is None:
        return []
    spans = [(occ.start, indicator)]
    spans.extend(_coordinated(occ, form, indicator, index, text, clause_start, quantity.unit))
    return _make_facts(quantity, spans, fall, occ, clause_start, state, extractor, own)


def _make_facts(quantity: "Quantity", spans: list[tuple[int, Indicator]], fall: bool,
                occ: _Occurrence, clause_start: int, state: ReportAnalysis, extractor: str,
                own: set[str]) -> list[Fact]:
    """One fact per (name start, indicator) of this plugin, with the figure's context."""
    spans = [(start, indicator) for start, indicator in spans if indicator.id in own]
    if not spans:
        return []
    aggregate = _aggregate(state.folded, max(clause_start, occ.start - 4), quantity.start)
    context = state.context.resolve(quantity.start, aggregate=aggregate)
    if context.period is None:
        return []
    facts = []
    section = sections_path(state.report.section_at(quantity.start))
    for start, chosen in spans:
        value, value_max = quantity.value, quantity.value_max
        negate = fall and chosen.measure == "change" and chosen.fall == "negative"
        if negate:
            value, value_max = -value, (None if value_max is None else -value_max)
            if value_max is not None and value_max < value:
                value, value_max = value_max, value
        facts.append(Fact(
            indicator=chosen.id, domain=chosen.domain, value=value, value_max=value_max,
            unit=quantity.unit, qualifier=quantity.qualifier, kind=context.kind,
            period=context.period, cue=context.cue, aggregate=aggregate,
            text=state.report.text[start:quantity.end], start=start, end=quantity.end,
            section=section, extractor=extractor,
        ))
    return facts


def _name_reaches(name_end: int, figure_start: int, state: ReportAnalysis) -> bool:
    """Whether a name still speaks of a figure after another figure came between them.

    ``GDP增长3.9%、总量达到1325亿元``: the words after the first figure predicate the name
    again (达到), so it does. ``高新技术企业25家、市级以上研发机构5家``: a bare list item
    follows, with a noun of its own, so it does not.
    """
    between = state.quantities_between(name_end, figure_start)
    if not between:
        return True
    tail = state.folded[between[-1].end:figure_start]
    if tail.strip() in ("、", "和"):  # 接连突破8万亿元、9万亿元: one predicate, a list of figures
        return True
    predicate = _PREDICATE.search(tail)
    if not predicate:
        return False
    # after a list separator, a new subject before the verb starts a new statement
    segment_start = max(tail.rfind(sep) for sep in "、，,；;") + 1
    if segment_start > 0 and predicate.start() >= segment_start:
        subject = tail[segment_start:predicate.start()].strip()
        return bool(_ANAPHOR.match(subject))
    return True


def _tail(gap: str, gap_start: int, state: ReportAnalysis) -> str:
    """The words between the last figure inside ``gap`` (if any) and the end of the gap."""
    between = state.quantities_between(gap_start, gap_start + len(gap))
    return gap[between[-1].end - gap_start:] if between else gap


def _last_verb(tail: str) -> str | None:
    """The last change or level verb of ``tail``: the one that governs the figure after it."""
    last: tuple[int, str] | None = None
    for pattern in (_CHANGE_VERB, _LEVEL_VERB):
        for match in pattern.finditer(tail):
            if last is None or match.start() >= last[0]:
                last = (match.start(), match.group())
    return None if last is None else last[1]


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


def _aggregate(text: str, start: int, end: int) -> str | None:
    window = text[start:end]
    for pattern, name in _AGGREGATES:
        if pattern.search(window):
            return name
    return None


def _distributed_form(occ: _Occurrence, index: _NameIndex, text: str, clause_start: int) -> str:
    """A verb earlier in the clause that a list shares: 新增A 280家、B 25家 -> 新增B."""
    before = text[clause_start:occ.start]
    for long_form in index.extensions.get(occ.form, ()):
        prefix = long_form[: len(long_form) - len(occ.form)]
        if text[occ.start - len(prefix):occ.start] == prefix:
            return long_form
        if prefix in before and _CLAUSE_BREAK.search(before[before.rfind(prefix):]) is None:
            return long_form
    return occ.form


def _coordinated(occ: _Occurrence, form: str, indicator: Indicator, index: _NameIndex,
                 text: str, clause_start: int, unit: str) -> list[tuple[int, Indicator]]:
    """Other indicators named by the conjuncts before a name: 养老保险、医疗保险参保覆盖率."""
    found: list[tuple[int, Indicator]] = []
    end = occ.start
    while end - 1 > clause_start and text[end - 1] in _CONJUNCTIONS:
        start = end - 1
        while start > clause_start and text[start - 1] not in _CONJUNCTIONS + "，,；;：:。（(“\"":
            start -= 1
        conjunct = text[start:end - 1]
        if not conjunct:
            break
        match, offset = None, 0
        candidates = ((j, conjunct[j:] + form[cut:]) for j in range(len(conjunct))
                      for cut in range(1, len(form)))
        for j, candidate in candidates:
            if candidate in index.surfaces:
                surface = index.surfaces[candidate]
                chosen = _choose(index.by_noun.get(surface.noun, []), unit,
                                 indicator.measure == "change")
                if chosen is not None and chosen.id != indicator.id:
                    match, offset = chosen, j
                    break
        if match is None:
            break
        found.append((start + offset, match))
        end = start
    return found


def _respectively(quantity: "Quantity", occ: _Occurrence, form: str, index: _NameIndex,
                  state: ReportAnalysis, clause_start: int, marker: int
                  ) -> tuple[int, Indicator, bool] | None:
    """``A和B分别增长x、y``: the i-th figure after 分别 belongs to the i-th name before it.

    Returns the name start, indicator and fall of ``quantity``, or None when names and
    figures do not pair one to one with distinct indicators (``城镇和农村居民人均可支配收入
    分别…`` names one indicator twice: reporting either figure under it would be wrong).
    """
    text = state.folded
    clause_end = quantity.end
    while clause_end < len(text) and not _CLAUSE_BREAK.match(text[clause_end]):
        clause_end += 1
    figures = state.quantities_between(marker, clause_end)
    starts = [figure.start for figure in figures]
    if quantity.start not in starts:
        return None
    verb = _last_verb(text[marker:figures[0].start]) if figures else None
    change = form.endswith(CHANGE_WORDS) or (verb is not None and bool(_CHANGE_VERB.fullmatch(verb)))
    fall = verb in _FALLS if verb else form.endswith(tuple(_FALLS))
    unit = quantity.unit
    names: list[tuple[int, str]] = []
    # conjuncts before the name (城乡养老保险、医疗保险参保覆盖率) ...
    end = occ.start
    while end - 1 > clause_start and text[end - 1] in _CONJUNCTIONS:
        start = end - 1
        while start > clause_start and text[start - 1] not in _CONJUNCTIONS + "，,；;：:。（(“\"":
            start -= 1
        names.insert(0, (start, text[start:end - 1]))
        end = start
    names.append((occ.start, ""))
    # ... and after it, up to 分别 (单位国内生产总值能耗和二氧化碳排放分别…)
    position = occ.end
    while position < marker and text[position] in _CONJUNCTIONS:
        stop = position + 1
        while stop < marker and text[stop] not in _CONJUNCTIONS:
            stop += 1
        names.append((position + 1, "+" + text[position + 1:stop]))
        position = stop
    if len(names) < 2 or len(names) != len(figures) and len(figures) != 1:
        return None
    indicators: list[Indicator] = []
    for start, conjunct in names:
        if conjunct == "":
            candidates = [form]
        elif conjunct.startswith("+"):
            candidates = [form[:cut] + conjunct[1:] for cut in range(len(form) - 1, 0, -1)]
        else:
            candidates = [conjunct[j:] + form[cut:] for j in range(len(conjunct))
                          for cut in range(1, len(form))]
        chosen = None
        for candidate in candidates:
            if candidate in index.surfaces:
                noun = index.surfaces[candidate].noun
                chosen = _choose(index.by_noun.get(noun, []), unit, change)
                if chosen is not None:
                    break
        if chosen is None:
            return None
        indicators.append(chosen)
    distinct = len({indicator.id for indicator in indicators})
    if len(figures) == 1:  # 城镇和农村居民人均可支配收入分别增长7.8%: one figure for all
        return (names[0][0], indicators[0], fall) if distinct == 1 else None
    if distinct != len(indicators):
        return None
    i = starts.index(quantity.start)
    return names[i][0], indicators[i], fall
