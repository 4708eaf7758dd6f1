"""Context resolution: the period, kind and cue of a figure, decided once for every plugin.

facts.md's precedence is the contract: the innermost time scope wins.

1. a year or span named in the figure's own sentence, before the figure;
2. else the latest *passage opener* before it in the same section: a sentence that starts
   with a time expression (``极不寻常的2020年,…``, ``2021年是…``, ``过去一年``);
3. else the nearest enclosing heading that names a time (``回首"十三五"`` -> 2016-2020);
4. else the report's year for targets and the year before it for results.

The kind follows from the period when the report's year is known: a period that ended
before the report's year is a review of results (``actual``), anything else is a goal
(``target``). Without a year, cue words (力争, 确保, 预期目标 ...) decide.
"""
from __future__ import annotations

import bisect
import re
from array import array
from functools import lru_cache
from typing import TYPE_CHECKING

import attrs
import regex

from govreport._data import data_lines, data_rows
from govreport._prefilter import Prefiltered
from govreport._width import fold_width

if TYPE_CHECKING:  # pragma: no cover
    from govreport._model import Report, Section

__all__ = ["TimeRef", "Context", "ContextResolver", "find_time_refs", "fold_width"]



@attrs.frozen
class TimeRef:
    """A time expression found in a text: where, and which years it covers."""

    start: int
    end: int
    first: int
    last: int
    deadline: bool = False  # 到2025年: the end point of a period rather than a year of its own
    origin: bool = False  # 由2010年的…: the year of a starting value only

    @property
    def period(self) -> str:
        return str(self.first) if self.first == self.last else f"{self.first}-{self.last}"


@attrs.frozen
class Context:
    """What the passage around a figure says about it, and the words that said it."""

    period: str | None
    kind: str
    cue: str | None
    rule: str  # which rule decided the period: clause, opener, heading, plan, base_year, report
    period_words: str | None = None
    kind_words: str | None = None


@lru_cache(maxsize=1)
def _phrase_table() -> dict[str, tuple[int, int, bool]]:
    return {phrase: (int(first), int(last), reference == "relative")
            for phrase, first, last, reference in data_rows("time_expressions.tsv")
            if phrase != "phrase" and reference != "none"}


@lru_cache(maxsize=1)
def _not_times() -> tuple[str, ...]:
    """Words that hold a time phrase without being one (基础上年均: not 上年)."""
    return tuple(row[0] for row in data_rows("time_expressions.tsv") if row[3] == "none")


_CN_DIGITS = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")}
_CN_DIGITS["零"] = "0"
_SPAN_YEARS = {c: i for i, c in enumerate("零一二三四五六七八九十") if i >= 2} | {"两": 2}


@lru_cache(maxsize=2)
def _time_pattern(bare_years: bool = False) -> "Prefiltered | regex.Pattern[str]":
    """The time expressions (:func:`_time_alternatives`). A report's are tried only where
    their first two characters stand: the regex module tries every branch at every position
    otherwise (about 15 ms on a report of 18k characters; 0.3 ms so, after 15 ms of probing
    once per process). Same matches (tests/test_fast_paths.py). Headings (``bare_years``)
    are short: searched as they are."""
    pattern = regex.compile(_time_alternatives(bare_years))
    return pattern if bare_years else Prefiltered(pattern)


def _time_alternatives(bare_years: bool = False) -> str:
    phrases = sorted(_phrase_table(), key=len, reverse=True)
    plan = [p for p in phrases if p.startswith("十") and p.endswith("五")]
    other = [p for p in phrases if p not in plan]
    year = r"(?:1[89]|20)\d\d|[〇零一二三四五六七八九]{4}"
    bare = r"|(?<![\d.])(?P<bare>(?:19|20)\d\d)(?![\d.%年万亿])" if bare_years else ""
    skip = "|".join(map(regex.escape, sorted(_not_times(), key=len, reverse=True)))
    return (
        rf"(?P<skip>{skip})|"
        rf"(?<![今未前后近.\d一二三四五六七八九十两])(?P<span>[二三四五六七八九十两]|[2-9]|10)年"
        rf"(?=来|间|累计|年均|平均|共|增|新增|提高|下降|降低|减少|翻|全国|全省|全市|全区|全县|我国|我省|我市)|"
        rf"(?P<deadline>到|至|截至|截止到)?"
        rf"(?:(?P<c1>{year})年(?:与|同|和|较)(?P<c0>{year})年(?:相比|比较)"
        rf"|(?P<y1>{year})(?:年)?\s*(?:[-—–~～至到])\s*(?P<y2>{year})年"
        rf"|(?P<year>{year})年(?![度]?[以之]?后)"
        rf"{bare}"
        rf"|[“\"]?(?<!第)(?P<plan>{'|'.join(plan)})(?![届次年个条大项])[”\"]?"
        rf"|(?P<phrase>{'|'.join(map(regex.escape, other))}))"
    )


# A year named only as the base of a comparison (比2015年, 是2015年的4.6倍) is not a period;
# a starting point is (由2010年的162.4亿元 is 2010's figure).
_COMPARISON_BEFORE = regex.compile(r"(?:比|较|是|与|同|于|相比|相当于)$")
# and a time named as the base a figure grows from (在上年基础上增长7.5%, 与上年同期相比)
_COMPARISON_AFTER = regex.compile(r"(?:的)?(?:基础上|同期相比|相比)")


def _year(digits: str) -> int:
    return int("".join(_CN_DIGITS.get(c, c) for c in digits))


def find_time_refs(text: str, report_year: int | None, *, bare_years: bool = False,
                   folded: str | None = None) -> list[TimeRef]:
    """The time expressions of ``text`` (folded to half-width), in order.

    Relative phrases (今年, 过去五年) need ``report_year``; without it they are skipped.
    ``bare_years`` also takes a year written without 年, as headings do (``拼搏2021:``).
    ``folded`` is ``fold_width(text)`` when the caller has it already.
    """
    refs: list[TimeRef] = []
    if folded is None:
        folded = fold_width(text)
    for match in _time_pattern(bare_years).finditer(folded):
        start = match.start()
        if match.group("skip") or _COMPARISON_BEFORE.search(folded[max(0, start - 3):start]) \
                or _COMPARISON_AFTER.match(folded, match.end()):
            continue
        deadline = bool(match.group("deadline")) or (
            bool(match.group("year")) and text.startswith(("前", "以前", "之前"), match.end()))
        origin = text[max(0, start - 1):start] in ("由", "从")
        if match.group("span"):  # 五年累计, 十年增加…: the years up to the year reviewed
            if report_year is None:
                continue
            years = _SPAN_YEARS.get(match.group("span")) or int(match.group("span"))
            first, last = report_year - years, report_year - 1
        elif match.group("c1"):  # 2005年与2000年相比: the span after the base year
            first, last = _year(match.group("c0")) + 1, _year(match.group("c1"))
            if last < first:
                continue
        elif match.group("y1"):
            first, last = _year(match.group("y1")), _year(match.group("y2"))
            if last < first:
                continue
        elif match.group("year") or match.groupdict().get("bare"):
            first = last = _year(match.group("year") or match.group("bare"))
        else:
            phrase = match.group("plan") or match.group("phrase")
            lo, hi, relative = _phrase_table()[phrase]
            if relative:
                if report_year is None:
                    continue
                lo, hi = report_year + lo, report_year + hi
            first, last = lo, hi
        refs.append(TimeRef(start=start, end=match.end(), first=first, last=last,
                            deadline=deadline, origin=origin))
    return refs


@lru_cache(maxsize=1)
def _cue_pattern() -> "regex.Pattern[str]":
    cues = [line.strip() for line in data_lines("target_cues.txt")]
    return regex.compile("|".join(f"(?:{cue})" for cue in cues))


@lru_cache(maxsize=1)
def _plan_passage() -> "regex.Pattern[str]":
    return regex.compile("|".join(f"(?:{line})" for line in data_lines("plan_passages.txt")))


@lru_cache(maxsize=1)
def _plan_opener() -> "regex.Pattern[str]":
    return regex.compile("[”\"》]?(?:" + "|".join(f"(?:{line})" for line in data_lines("plan_openers.txt")) + ")")


@lru_cache(maxsize=1)
def _result_phrase() -> "regex.Pattern[str]":
    return regex.compile("|".join(f"(?:{line})" for line in data_lines("result_phrases.txt")))


def _plan_start(last_year: int) -> int | None:
    """The first year of the five-year plan that ends in ``last_year`` (到2025年 -> 2021)."""
    for first, last, relative in _phrase_table().values():
        if not relative and last == last_year:
            return first
    return None


_REACHES = regex.compile(r"到|至")
# A time that qualifies a noun (2009年到期的政策) does not open a passage; a passage about
# goals does (今年发展的主要预期目标是).
_ATTRIBUTE_FOLLOWS = regex.compile(r"(?=[^，,。；;:：是为]{0,4}的)(?![^，,。；;:：]*(?:目标|任务|工作))")
# What may stand before the time expression of a passage opener: nothing, an address,
# or a short modifier (极不寻常的2020年, 特别是刚刚过去的2020年, 回首“十三五”).
_OPENER_LEAD = regex.compile(
    r"[\s—―-]*(?:各位代表[,，!！]?)?(?:特别是|尤其是)?(?:在|回顾|回首|展望|纵观)?"
    r"(?:[^\d,，。；;:：、]{0,6}的)?[“\"]?\Z"
)


class ContextResolver:
    """Resolves the context of any offset of one report (built once per report)."""

    def __init__(self, report: "Report", folded: str | None = None) -> None:
        """``folded`` is ``fold_width(report.text)`` when the caller has it already: the
        report is folded once, and every span of it read from that one copy."""
        self.report = report
        self.year: int | None = report.meta.year
        self.folded = fold_width(report.text) if folded is None else folded
        self.refs = find_time_refs(report.text, self.year, folded=self.folded)
        # offsets in arrays (8 bytes each, not an int object and a list slot): a report of
        # 20 MB has about a million clause breaks
        self._ref_starts = array("q", [ref.start for ref in self.refs])
        sentences = report.sentences
        self._sentences = sentences
        self._sentence_starts = array("q", [s.start for s in sentences])
        # where clauses and sentences end (the matcher takes these too, less its soft line breaks)
        self.breaks = array("q", map(re.Match.start, _BREAK_CHARACTERS.finditer(self.folded)))
        self._opens: list[bool] = []
        self._previous_opening: list[int] = []  # per time: the index of the previous time that opens a clause
        self._previous_plain: list[int] = []  # per time: the index of the last time up to it that is no origin
        last_opening = last_plain = -1
        for i, ref in enumerate(self.refs):
            self._previous_opening.append(last_opening)
            floor = self.sentence_span(ref.start)[0]
            opens = bool(_clause_lead().match(report.text, self._clause_start(floor, ref.start), ref.start))
            self._opens.append(opens)
            if opens:
                last_opening = i
            if not ref.origin:
                last_plain = i
            self._previous_plain.append(last_plain)
        self._openers = self._find_openers()
        self._opener_starts = [start for start, _ref, _sentence in self._openers]
        self._cues: dict[int, tuple[list[int], list[str], int]] = {}  # see _cue
        self._plans: dict[tuple[int, int], list[tuple[int, int]]] = {}  # see _plan_hits
        self._heading_refs: dict[tuple[int, int], list[TimeRef]] = {}  # see _heading_ref

    # -- sentences and openers ------------------------------------------------------
    def sentence_span(self, offset: int) -> tuple[int, int]:
        """The span of the sentence holding ``offset`` (the whole text if none does)."""
        i = bisect.bisect_right(self._sentence_starts, offset) - 1
        if i >= 0 and self._sentences[i].start <= offset < max(self._sentences[i].end, offset + 1):
            return self._sentences[i].start, self._sentences[i].end
        return 0, len(self.report.text)

    def _refs_between(self, start: int, end: int) -> list[TimeRef]:
        lo = bisect.bisect_left(self._ref_starts, start)
        hi = bisect.bisect_left(self._ref_starts, end)
        return [ref for ref in self.refs[lo:hi] if ref.end <= end]

    def _find_openers(self) -> list[tuple[int, TimeRef, tuple[int, int]]]:
        text = self.folded
        header_end = _header_end(self.report)
        openers = []
        starts, first = self._ref_starts, 0
        for sentence in self._sentences:
            if sentence.start < header_end:
                continue
            # the first time at or after the sentence's start (sentences and times are in
            # order: the index only moves on); most sentences name none, and cost no search
            while first < len(starts) and starts[first] < sentence.start:
                first += 1
            if first == len(starts) or starts[first] >= sentence.end:
                continue
            refs = self._refs_between(sentence.start, sentence.end)
            if refs and _OPENER_LEAD.match(text, sentence.start, refs[0].start) and \
                    not _ATTRIBUTE_FOLLOWS.match(text, refs[0].end, sentence.end):
                openers.append((sentence.start, refs[0], (sentence.start, sentence.end)))
                continue
            # a sentence that presents a plan's targets opens a passage wherever it names the
            # plan (根据…建议，我们编制了“十五五”规划纲要（草案）…提出25项主要指标)
            for ref in refs:
                if ref.first < ref.last and not ref.origin and (self.year is None or ref.first >= self.year) \
                        and _plan_opener().match(text, ref.end, min(ref.end + 16, sentence.end)):
                    openers.append((sentence.start, ref, (sentence.start, sentence.end)))
                    break
        return openers

    # -- the rules ------------------------------------------------------------------
    def resolve(self, offset: int, *, aggregate: str | None = None,
                start_value: bool = False) -> Context:
        """The period, kind and cue of a figure that starts at ``offset``.

        ``aggregate`` (``annual_average``, ``cumulative``) lets a 年均 rate or a total take
        the span of a plan; ``start_value`` marks the X of ``从X提高到Y``, whose period is
        the base year before the span reviewed.
        """
        text = self.report.text
        sent_start, _sent_end = self.sentence_span(offset)
        section = self.report.section_at(offset)
        ref, rule, opener_span = None, "report", None

        # 由2010年的21.6%提高到25.2%: the starting year is not the period of the figure reached;
        # a time in an earlier clause dates the figure only when it opens that clause
        # (2025年，… / 到2030年，…), not inside it (综合考虑实现2035年远景目标，提出…)
        own_clause = self._clause_start(sent_start, offset)
        ref = self._clause_ref(sent_start, own_clause, offset)
        if ref is not None:
            rule = "clause"
        else:
            floor = section.title_end if section is not None else 0
            i = bisect.bisect_left(self._opener_starts, sent_start) - 1
            if i >= 0 and self._openers[i][0] >= floor:
                _start, ref, opener_span = self._openers[i]
                rule = "opener"
            else:
                ref = self._heading_ref(section)
                if ref is not None:
                    rule = "heading"
        # a 年均 rate or a total in a five-year review takes the span reviewed, even after an
        # opener or an earlier clause that names a year inside it (2012年底，…)
        if aggregate is not None and ref is not None and ref.first == ref.last and not ref.deadline and (
                rule in ("opener", "heading") or (rule == "clause" and ref.end <= own_clause)):
            wider = self._heading_span(section, ref.first)
            if wider is not None and wider.first <= ref.first <= wider.last and wider.first < wider.last:
                ref, rule, opener_span = wider, "heading", None
        # the targets of a five-year plan: the plan span, unless the clause names its own year
        plan = None if rule == "clause" else self._plan_passage(sent_start, offset, opener_span, section,
                                                                 ref if rule == "opener" else None)
        if plan is not None:
            ref, rule = plan, "plan"

        cue = self._cue(sent_start, offset)
        if cue is None and opener_span is not None:
            cue = self._cue(*opener_span)
        period_words = text[ref.start:ref.end] if ref is not None else None
        if ref is None:
            kind = "target" if cue else "actual"
            if self.year is None:
                return Context(period=None, kind=kind, cue=cue if kind == "target" else None, rule=rule,
                               kind_words=cue)
            period = str(self.year if kind == "target" else self.year - 1)
            return self._finish(period, kind, cue, rule, None, cue, start_value, False)

        first, last = ref.first, ref.last
        if ref.deadline and aggregate in ("annual_average", "cumulative") and first == last:
            plan_start = _plan_start(last)
            if plan_start is not None:
                first = plan_start
            elif self.year is not None and self.year < last:
                first = self.year
        period = str(first) if first == last else f"{first}-{last}"
        if rule == "plan":
            kind, kind_words = "target", self._plan_words(sent_start, opener_span)
        elif self.year is not None and (last < self.year or first >= self.year):
            kind = "actual" if last < self.year else "target"
            kind_words = period_words
        else:  # no report year, or a span the report's year is inside of: the cue decides
            kind = "target" if cue else "actual"
            kind_words = cue
        return self._finish(period, kind, cue, rule, period_words, kind_words, start_value, ref.origin)

    def _clause_start(self, floor: int, offset: int) -> int:
        """Start of the clause holding ``offset`` (not before ``floor``, a sentence start)."""
        i = bisect.bisect_left(self.breaks, offset) - 1
        return max(floor, self.breaks[i] + 1) if i >= 0 else floor

    def _clause_ref(self, sent_start: int, own_clause: int, offset: int) -> TimeRef | None:
        """The time a figure's sentence names for it (facts.md rule 1): the last one before it
        in its own clause, or in an earlier clause of the sentence where the time opens the
        clause (2025年，… / 到2030年，…), not inside it (综合考虑实现2035年远景目标，提出…).

        A starting year (由2010年的21.6%提高到25.2%) dates the figure after it only when no
        到/至 stands between them. Walks back through the times that qualify only, by
        precomputed links, so a sentence of thousands of times costs a few steps per figure.
        """
        text = self.report.text
        i = bisect.bisect_left(self._ref_starts, offset) - 1
        while i >= 0 and self.refs[i].start >= sent_start:
            ref = self.refs[i]
            if ref.end > offset or (ref.start < own_clause and not self._opens[i]):
                # not the figure's: go to the previous time of the own clause, or to the
                # previous time that opens a clause
                i = i - 1 if ref.start >= own_clause else self._previous_opening[i]
                continue
            if not ref.origin or not _REACHES.search(text, ref.end, offset):
                return ref
            # a starting year with 到 after it: so has every earlier starting year
            i = self._previous_plain[i - 1] if i > 0 else -1
        return None

    def _finish(self, period: str, kind: str, cue: str | None, rule: str, period_words: str | None,
                kind_words: str | None, start_value: bool, dated: bool) -> Context:
        if start_value and kind == "actual" and not dated:
            # 从X提高到Y with no year for X: X is the level of the year before the span
            base = int(period.split("-")[0]) - 1
            return Context(period=str(base), kind="actual", cue=None, rule="base_year",
                           period_words=period_words, kind_words=kind_words)
        return Context(period=period, kind=kind, cue=cue if kind == "target" else None, rule=rule,
                       period_words=period_words, kind_words=kind_words)

    def _plan_passage(self, sent_start: int, offset: int, opener_span: tuple[int, int] | None,
                      section: "Section | None", opener: TimeRef | None = None) -> TimeRef | None:
        """The plan span when the figure stands in a passage of a plan's targets.

        The figure's sentence opens, before the figure, with the plan and states its targets
        (“十五五”…的主要目标是：…); or the passage opener does (《纲要（草案）》提出…); or,
        when no opener dates the passage, the sentence states targets (主要目标包括：…)
        without a time of its own under a heading that names the plan, unless an opener dates
        the passage otherwise: the plan's own horizon (到2030年，…) does not. A plan named
        later in a sentence (…达到“十五五”目标任务的序时进度) or an earlier plan passage closed
        by an opener (今年是…开局之年) does not make this year's targets the plan's.
        """
        sentence = (sent_start, offset)
        hits = self._plan_hits(*self.sentence_span(sent_start))
        if not self._refs_between(sent_start, offset) and hits and hits[0][1] <= offset:
            ref = self._heading_ref(section)
            if ref is not None and ref.first < ref.last and (self.year is None or ref.first >= self.year) \
                    and (opener is None or (opener.deadline and opener.last == ref.last)):
                return ref
        for start, end in [sentence] + ([opener_span] if opener_span is not None else []):
            refs = self._refs_between(start, end)
            if not refs:
                continue
            ref = refs[0]  # the sentence is about the plan: the plan is its first time
            if not (ref.first < ref.last and not ref.origin and (self.year is None or ref.first >= self.year)):
                continue
            if self._plan_hits(ref.end, end):
                return ref
        return None

    def _plan_words(self, sent_start: int, opener_span: tuple[int, int] | None) -> str | None:
        for start, end in [self.sentence_span(sent_start)] + ([opener_span] if opener_span else []):
            hits = self._plan_hits(start, end)
            if hits:
                return self.report.text[hits[0][0]:hits[0][1]]
        return None

    def _plan_hits(self, start: int, end: int) -> list[tuple[int, int]]:
        """Where plan-passage words stand in ``text[start:end]`` (report offsets, in order).

        Found once per span and kept: every figure of a sentence asks about the same
        sentence, and scanning it once per figure is quadratic on a long one.
        """
        hits = self._plans.get((start, end))
        if hits is None:
            folded = self.folded[start:end]
            hits = self._plans[(start, end)] = [(start + m.start(), start + m.end())
                                                for m in _plan_passage().finditer(folded)]
        return hits

    def _heading_span(self, section: "Section | None", year: int) -> TimeRef | None:
        """A span named by the headings around a section that holds ``year`` (一、2025年和
        “十四五”时期工作回顾 names 2025 first and 2021-2025 too), else the heading scope."""
        node = section
        while node is not None:
            title = self.report.text[node.title_start:node.title_end]
            for found in find_time_refs(title, self.year, bare_years=True):
                if found.first < found.last and found.first <= year <= found.last:
                    return attrs.evolve(found, start=found.start + node.title_start,
                                        end=found.end + node.title_start)
            node = _parent(self.report, node)
        return self._heading_ref(section)

    def _heading_ref(self, section: "Section | None") -> TimeRef | None:
        """The innermost time scope of the headings around a section.

        A subsection whose heading names no time takes the latest passage opener of its
        parent before it (``一年来,…`` then ``（一）经济运行…``), else its parent's heading.
        """
        report = self.report
        while section is not None:
            refs = self._title_refs(section)
            if refs:  # offsets in the report's text, like every other TimeRef
                return attrs.evolve(refs[0], start=refs[0].start + section.title_start,
                                    end=refs[0].end + section.title_start)
            parent = _parent(report, section)
            if parent is not None:
                i = bisect.bisect_left(self._opener_starts, section.start) - 1
                # the parent's own opener, not one inside an earlier sibling subsection
                if i >= 0 and self._openers[i][0] >= parent.title_end and \
                        report.section_at(self._openers[i][0]) is parent:
                    return self._openers[i][1]
            section = parent
        return None

    def _title_refs(self, section: "Section") -> list[TimeRef]:
        """The times of a heading (offsets in the heading), found once per heading."""
        span = (section.title_start, section.title_end)
        refs = self._heading_refs.get(span)
        if refs is None:
            refs = self._heading_refs[span] = find_time_refs(
                self.report.text[span[0]:span[1]], self.year, bare_years=True,
                folded=self.folded[span[0]:span[1]])
        return refs

    def _cue(self, start: int, end: int) -> str | None:
        """The last target cue before ``end``, unless it belongs to a phrase that reports a
        goal as met (完成了目标任务). ``start`` is a sentence start.

        The cues and met phrases of a sentence are found once, from its start to its end,
        and kept: a sentence of n figures would otherwise be scanned n times (quadratic on
        a long sentence with no 。).
        """
        found = self._cues.get(start)
        if found is None or found[2] < end:
            stop = max(end, self.sentence_span(start)[1])
            folded = self.folded[start:stop]
            met = [m.span() for m in _result_phrase().finditer(folded)]  # in order, disjoint
            met_starts = [a for a, _b in met]
            ends, words = [], []
            for m in _cue_pattern().finditer(folded):
                i = bisect.bisect_right(met_starts, m.start()) - 1
                if i < 0 or m.start() >= met[i][1]:
                    ends.append(start + m.end())
                    words.append(m.group())
            found = self._cues[start] = (ends, words, stop)
        ends, words, _stop = found
        i = bisect.bisect_right(ends, end) - 1
        return words[i] if i >= 0 else None


_CLAUSE_BREAKS = "，,；;：:"
#: a clause or sentence ends at any of these (in the folded text); the standard library's re
#: scans a class of literal characters about twice as fast as the regex module
_BREAK_CHARACTERS = re.compile("[" + re.escape(_CLAUSE_BREAKS + "。！？!?\n") + "]")


@lru_cache(maxsize=1)
def _clause_lead() -> "regex.Pattern[str]":
    """What may stand before a time that opens a clause: an address, a target cue (力争到2030年),
    a preposition, a short modifier."""
    return regex.compile(
        r"[\s“\"]*(?:各位代表[,，!！]?)?(?:特别是|尤其是|其中)?(?:" + _cue_pattern().pattern + r")?"
        r"(?:在|到|至|截至|截止到?|从|自|回顾|回首|展望|纵观)?(?:[^\d,，。；;:：、]{0,6}的)?[“\"]?\Z")


def _header_end(report: "Report") -> int:
    """End of the report's header (title, meeting line, speaker, 各位代表): not passage openers."""
    for paragraph in report.paragraphs[:12]:
        if paragraph.text.lstrip().startswith("各位代表"):
            return paragraph.end
    return 0


def _parent(report: "Report", section: "Section") -> "Section | None":
    if len(section.path) <= 1:
        return None
    parent_path = section.path[:-1]
    for candidate in report.iter_sections():
        if candidate.path == parent_path:
            return candidate
    return None


def sections_path(section: "Section | None") -> str:
    """facts.md's ``section`` field: the path as integers joined by ``/``."""
    return "" if section is None else "/".join(str(part) for part in section.path)
