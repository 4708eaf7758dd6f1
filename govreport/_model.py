"""The document model: a report's clean text, metadata and section tree.

Every span (``start``/``end``) is an offset into :attr:`Report.text`; ``Report.raw_span``
maps a span back to the decoded input, so a fact found in the clean body can always be
shown where it stands in the file people actually have.
"""
from __future__ import annotations

import bisect
import os
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Sequence

import attrs

from govreport._values import to_tuple

if TYPE_CHECKING:  # pragma: no cover
    from govreport._facts import Extraction
    from govreport._indicators import Indicator

__all__ = ["Meta", "Sentence", "Paragraph", "Section", "Report"]

LEVELS = ("national", "province", "city", "county")


def _span_ok(instance: Any, attribute: Any, value: int) -> None:
    if value < instance.start:
        raise ValueError(f"{type(instance).__name__}: end {value} < start {instance.start}")


def _optional_str(value: Any) -> str | None:
    if value is None:
        return None
    value = str(value)
    return value or None


@attrs.frozen
class Meta:
    """What a report says about itself. Every field is ``None`` when the text does not say it.

    Values are read from the report's own header and opening, completed only from the
    gazetteer (a full region name from a unique short one), never guessed.
    """

    title: str | None = attrs.field(default=None, converter=_optional_str)
    year: int | None = attrs.field(default=None, validator=attrs.validators.optional(attrs.validators.instance_of(int)))
    region: str | None = attrs.field(default=None, converter=_optional_str)
    region_code: str | None = attrs.field(default=None, converter=_optional_str)
    province: str | None = attrs.field(default=None, converter=_optional_str)
    level: str | None = attrs.field(default=None, validator=attrs.validators.optional(attrs.validators.in_(LEVELS)))
    date: str | None = attrs.field(default=None, converter=_optional_str)
    meeting: str | None = attrs.field(default=None, converter=_optional_str)
    speaker: str | None = attrs.field(default=None, converter=_optional_str)
    speaker_title: str | None = attrs.field(default=None, converter=_optional_str)

    def to_dict(self) -> dict[str, Any]:
        """Plain dict (JSON-ready) with every field, ``None`` included."""
        return attrs.asdict(self)


@attrs.frozen
class Sentence:
    """One sentence; ``text == report.text[start:end]``."""

    start: int
    end: int = attrs.field(validator=_span_ok)
    text: str


@attrs.frozen
class Paragraph:
    """One line of the report body (the report's own paragraphs are one per line)."""

    start: int
    end: int = attrs.field(validator=_span_ok)
    text: str
    sentences: tuple[Sentence, ...] = attrs.field(default=(), converter=to_tuple)


@attrs.frozen
class Section:
    """A numbered part of the report: from its heading to the end of its content.

    ``path`` counts headings (``(3, 6)`` = sixth subsection of the third section), whatever
    numbers are written; ``number`` is the marker as written (``"(一)"``, ``"一、"``).
    ``paragraphs`` are those directly in this section (its heading's own paragraph, and
    paragraphs before or between children), not those of its children.
    """

    path: tuple[int, ...] = attrs.field(converter=to_tuple)
    number: str
    title: str
    start: int
    end: int = attrs.field(validator=_span_ok)
    title_start: int
    title_end: int
    children: tuple["Section", ...] = attrs.field(default=(), converter=to_tuple)
    paragraphs: tuple[Paragraph, ...] = attrs.field(default=(), converter=to_tuple)

    @property
    def depth(self) -> int:
        return len(self.path)

    def iter_sections(self) -> Iterator["Section"]:
        """This section and all its descendants, depth-first in document order."""
        yield self
        for child in self.children:
            yield from child.iter_sections()


@attrs.frozen(repr=False)
class Report:
    """A loaded report: the decoded input, its clean body, metadata and structure.

    ``text`` keeps the report's line structure (one paragraph a line); noise lines of the
    page around and inside the report are left out. ``offsets`` holds, for each character
    of ``text``, where it came from in ``raw`` (start and end), so spans map back exactly.
    """

    raw: str = attrs.field(repr=False)
    text: str = attrs.field(repr=False)
    meta: Meta
    sections: tuple[Section, ...] = attrs.field(converter=to_tuple, repr=False)
    paragraphs: tuple[Paragraph, ...] = attrs.field(converter=to_tuple, repr=False)
    source: str | None = None
    # two int sequences of len(text): raw start and raw end of each text character (immutable
    # OffsetMaps, a run of consecutive offsets held as one pair: see govreport._offsets)
    offsets: tuple[Sequence[int], Sequence[int]] | None = attrs.field(
        default=None, repr=False, eq=False, hash=False)

    def __repr__(self) -> str:
        meta = self.meta
        about = ", ".join(str(v) for v in (meta.region, meta.year) if v is not None) or "no region or year"
        title = f" {meta.title!r}" if meta.title else ""
        source = f", from {self.source}" if self.source else ""
        return (f"<Report{title} ({about}): {len(self.text):,} characters, "
                f"{sum(1 for _ in self.iter_sections())} sections{source}>")

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Map ``text[start:end]`` to the span of ``raw`` it was taken from."""
        n = len(self.text)
        if not (0 <= start <= end <= n):
            raise IndexError(f"span ({start}, {end}) outside text of length {n}")
        if self.offsets is None:
            return start, end
        starts, ends = self.offsets
        if start == end:
            pos = starts[start] if start < n else (ends[n - 1] if n else 0)
            return pos, pos
        return starts[start], ends[end - 1]

    def iter_sections(self) -> Iterator[Section]:
        """Every section, depth-first in document order."""
        for section in self.sections:
            yield from section.iter_sections()

    def section_at(self, offset: int) -> Section | None:
        """The innermost section whose span contains ``offset`` (``None`` before the first)."""
        found: Section | None = None
        level = self.sections
        while level:
            starts = [s.start for s in level]
            i = bisect.bisect_right(starts, offset) - 1
            if i < 0 or not (level[i].start <= offset < level[i].end):
                break
            found = level[i]
            level = found.children
        return found

    @property
    def sentences(self) -> tuple[Sentence, ...]:
        """Every sentence of the body, in order (the sentences of all paragraphs)."""
        return tuple(s for p in self.paragraphs for s in p.sentences)

    def extract(
        self,
        plugins: "Iterable[str] | str | None" = None,
        *,
        indicators: "str | os.PathLike[str] | Sequence[Indicator] | None" = None,
    ) -> "Extraction":
        """The facts of this report, as a :class:`govreport.Extraction`.

        ``plugins`` names the extractor plugins to run (default: every installed one).
        ``indicators`` is your own indicator table (a TSV path or
        :class:`govreport.extractors.Indicator` rows): its names become extra aliases of
        the ids a plugin has, its new ids join the plugin of their domain. A plugin that
        raises is reported in :attr:`Extraction.failures`; the others' facts are kept.
        """
        from govreport._extract import extract_report

        return extract_report(self, plugins=plugins, indicators=indicators)
