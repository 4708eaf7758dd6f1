"""Metadata of a report, read from its own header (title, meeting line, speaker line).

Nothing is guessed: a field the report does not state is ``None``. The one completion
allowed is from the gazetteer (:mod:`govreport._gazetteer`, GB/T 2260 codes with the dates
they held): a region the report names partly (海拉尔区) gets its full official name and the
code valid at the report's date when exactly one division fits.
"""
from __future__ import annotations

from typing import Any

import regex

from govreport._gazetteer import Division, ancestors, full_name, resolve_region
from govreport._header import (
    NAME,
    caption_title_pattern, is_caption, name_pattern, normalise_speaker_title, speaker_pattern, squeeze,
    strip_dateline,
)
from govreport._model import Meta
from govreport._width import fold_width

__all__ = ["extract_meta", "resolve_region", "full_name", "Division", "NATIONAL"]

NATIONAL = "中华人民共和国"
# the report's own title: up to 政府工作报告, without a note on the version (（文字实录）)
TITLE = regex.compile(r"^(.{0,40}?政府工作报告)")
_YEAR = r"\d{4}|[〇零一二三四五六七八九]{4}"
_SMALL = r"\d{1,2}|[一二三四五六七八九十]{1,3}"
DATE = regex.compile(rf"(?P<y>{_YEAR})年(?P<m>{_SMALL})月(?P<d>{_SMALL})日")
MEETING = regex.compile(rf"(?:{DATE.pattern})?在(?P<meeting>.{{2,60}}?会议)上")
# a speaker named before the meeting in a digest's headline (闫继红在保定市…会议上的政府工作报告)
SPEAKER_BEFORE_MEETING = regex.compile(rf"(?P<name>{NAME})在.{{2,60}}?会议上")
# the region a title names (2026年安徽省政府工作报告, 高阳县2020年政府工作报告)
REGION_IN_TITLE = regex.compile(
    rf"^(?:(?:{_YEAR})年)?(?P<region>\p{{Han}}{{2,20}}?)(?:(?:{_YEAR})年)?(?:人民)?政府工作报告")
HEADER_LINE = 60  # a line of a header without 各位代表 is short; the body's first long line ends it
REGION_BEFORE_CONGRESS = regex.compile(r"^(\p{Han}{2,30}?)第[一二三四五六七八九十]+届")
REGION_BEFORE_GOVERNMENT = regex.compile(r"(\p{Han}{2,30}?)人民政府")
DELEGATE = regex.compile(r"我代表(国务院|\p{Han}{2,30}?人民政府)")
REVIEW = regex.compile(r"^\s*[一二三四五六七八九十]+[、.．]\s*(\d{4})年[^。\n]{0,12}工作回顾", regex.M)
# the official form of a meeting's name: 第 before both numbers, 人民代表大会 for 人大
_ORDINAL_MISSING = regex.compile(r"(?<![第\p{N}一二三四五六七八九十])([一二三四五六七八九十]+)(届|次会议)")
_CONGRESS_SHORT = regex.compile(r"人大(?=第|常委会|会议|$)")


def _region_meta(region_text: str | None, when: str | None) -> dict[str, str | None]:
    """Region, code, province and level of the division named ``region_text`` at ``when``
    (``YYYY-MM``: the report's date, else January of its year; ``None``: today)."""
    if not region_text:
        return {}
    if region_text in ("国务院", "全国") or "全国人民代表大会" in region_text:
        return {"region": NATIONAL, "level": "national"}
    division = resolve_region(region_text, when)
    if division is None:
        return {}
    above = ancestors(division, when)
    province = above[-1].name if above else division.name
    return {"region": full_name(division, when), "region_code": division.code,
            "province": province, "level": division.level}


def _number(digits: str) -> int:
    from govreport.numbers import parse_number

    return int(parse_number(fold_width(digits)))


def official_meeting(name: str) -> str:
    """``吉林省十四届人大五次会议`` -> ``吉林省第十四届人民代表大会第五次会议``."""
    name = _ORDINAL_MISSING.sub(r"第\1\2", name)
    return _CONGRESS_SHORT.sub("人民代表大会", name)


def _strip_trailing_notes(text: str) -> str:
    """``…李克强（根据直播整理）`` -> ``…李克强``: notes in brackets at the end (linear time).

    Each opening bracket is looked for only within a note's length of the end, and the end
    moves instead of the text being cut: a header of 100k brackets stays linear.
    """
    end = len(text)
    while end and text[end - 1] in ")）":
        window = max(0, end - 22)  # a note holds 1 to 20 characters
        opening = max(text.rfind("(", window, end), text.rfind("（", window, end))
        inner = text[opening + 1:end - 1]
        if opening < 0 or not 1 <= len(inner) <= 20 or any(c in inner for c in "（()）"):
            break
        end = opening
    return text[:end]


def _speaker_from_notes(name: str, notes: tuple[str, ...]) -> str | None:
    """The title a caption gives the speaker, written next to the name (省长王凯, 王凯省长)."""
    for note in notes:
        squeezed = squeeze(note)
        for match in caption_title_pattern().finditer(squeezed):
            if squeezed.startswith(name, match.end()) or squeezed[:match.start()].endswith(name):
                return normalise_speaker_title(match.group())
    return None


def _leading_short_lines(text: str) -> str:
    """The header of a report without 各位代表: its first lines, up to the first long one."""
    kept = []
    for line in text.split("\n")[:8]:
        if len(line.strip()) > HEADER_LINE:
            break
        kept.append(line)
    return "\n".join(kept)


def extract_meta(text: str, opening: int | None, *, notes: tuple[str, ...] = ()) -> Meta:
    """Read the metadata of a clean report text.

    ``opening`` is the offset of the 各位代表 line (the header is the text before it);
    ``notes`` are the captions and stamps the cleaner took out of the header (a speaker line
    that gives only a name takes the speaker's title from them).
    """
    header = text[:opening] if opening else _leading_short_lines(text)
    lines = [strip_dateline(squeeze(x)) for x in header.split("\n") if x.strip()]
    lines = [line for line in lines if line and not is_caption(line)]
    joined = "".join(lines)
    digits = fold_width(joined)  # same length: offsets stay valid in `joined`
    fields: dict[str, Any] = {}

    m = TITLE.match(joined)
    if m and "在" not in m.group(1):
        fields["title"] = m.group(1)
    elif m and "会议上的" in m.group(1):  # ——在…会议上的政府工作报告: the title is what follows
        fields["title"] = m.group(1).rsplit("会议上的", 1)[1]
    meeting = MEETING.search(digits)
    date = meeting if meeting is not None and meeting.group("y") else DATE.search(digits)
    if date:
        y, mo, d = (_number(date.group(k)) for k in ("y", "m", "d"))
        if 1949 <= y <= 2100 and 1 <= mo <= 12 and 1 <= d <= 31:
            fields["date"] = f"{y:04d}-{mo:02d}-{d:02d}"
            fields["year"] = y
    region_text = None
    if meeting:
        fields["meeting"] = official_meeting(joined[meeting.start("meeting"): meeting.end("meeting")])
        if "全国人民代表大会" in fields["meeting"]:
            region_text = "全国"
        else:
            r = REGION_BEFORE_CONGRESS.match(fields["meeting"])
            region_text = r.group(1) if r else None
    tail = _strip_trailing_notes(joined)
    sp = speaker_pattern().search(tail)
    if sp is None and opening is None:  # a header read from the first lines: any line may end it
        offset = 0
        for line in lines:
            found = speaker_pattern().search(_strip_trailing_notes(line))
            if found is not None:
                tail, sp = joined, speaker_pattern().search(joined, offset, offset + found.end())
                break
            offset += len(line)
    speaker_start = None
    if sp:
        fields["speaker_title"] = normalise_speaker_title(sp.group("title"))
        fields["speaker"] = sp.group("name")
        speaker_start = sp.start()
    elif lines and meeting and name_pattern().fullmatch(_strip_trailing_notes(lines[-1])) \
            and meeting.end() <= len(joined) - len(lines[-1]):
        # a speaker line that is only a name: its title, if any, is in a caption
        fields["speaker"] = _strip_trailing_notes(lines[-1])
        fields["speaker_title"] = _speaker_from_notes(fields["speaker"], notes)
    if "speaker" not in fields:
        before = next((m for m in map(SPEAKER_BEFORE_MEETING.match, lines) if m is not None), None)
        if before is not None:
            fields["speaker"] = before.group("name")
            fields["speaker_title"] = _speaker_from_notes(fields["speaker"], notes + (text[:600],))
    # where the region is named, most official first: the meeting, the speaker's government,
    # 我代表…人民政府, the title; the first that the gazetteer knows is taken
    candidates = [region_text]
    if speaker_start is not None:
        line_start = max(0, tail.rfind("报告", 0, speaker_start) + 2)  # the speaker's own line
        r = REGION_BEFORE_GOVERNMENT.search(tail, line_start, speaker_start)
        candidates.append(r.group(1) if r else ("国务院" if "国务院" in tail[:speaker_start] else None))
    # the first 3000 characters after the header are all that is read (not a copy of the body)
    body = text[opening:opening + 3000] if opening is not None else text[:3000]
    delegate = DELEGATE.search(body[:400])
    candidates.append(delegate.group(1).removesuffix("人民政府") if delegate else None)
    named = REGION_IN_TITLE.match(str(fields.get("title") or ""))
    candidates.append(named.group("region") if named else None)
    region_text = next((c for c in candidates if c in ("全国", "国务院") or (c and resolve_region(c))), None)
    if "year" not in fields:
        title_year = regex.search(rf"({_YEAR})年", fields.get("title") or "")
        if title_year:
            fields["year"] = _number(title_year.group(1))
        else:
            r = REVIEW.search(fold_width(body)) if body else None
            if r:
                fields["year"] = int(r.group(1)) + 1
    stated, year = fields.get("date"), fields.get("year")
    when = str(stated)[:7] if stated else (f"{year:04d}-01" if isinstance(year, int) else None)
    fields.update(_region_meta(region_text, when))
    return Meta(**fields)
