"""A report with its facts marked where they stand: one self-contained HTML page.

People check an extractor's work by reading the sentence a figure came from. The page shows
the report's clean text (HTML-escaped) with every fact marked by a ``<mark>`` element at its
span, the metadata, the section outline and a table of the facts linked to the marks. It
needs no network: the styles and the small script are inline, and the page works without
the script too (hovering a mark shows its facts; the table holds every field).

Facts overlap (``国内生产总值达到114万亿元，增长8.1%`` holds a ``gdp`` fact inside a
``gdp_growth`` one), and HTML elements cannot. The text is therefore cut at every fact's
start and end into *segments*; each segment covered by facts is one ``<mark>`` whose
``data-facts`` lists all of them, so every fact is reachable from every character of its
span, and joining the segments of fact ``i`` in order gives back exactly ``fact.text``.
"""
from __future__ import annotations

import html
import itertools
import json
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Iterable, Sequence

import attrs

if TYPE_CHECKING:  # pragma: no cover
    from govreport._facts import Fact, PluginFailure
    from govreport._model import Report, Section

__all__ = ["render_page", "render_fragment", "fact_details", "segments"]

#: the fields shown for a fact, in this order, on hover, in the details panel and the table
DETAIL_FIELDS = ("indicator", "value", "value_max", "unit", "period", "kind", "cue", "qualifier",
                 "aggregate", "domain", "section", "extractor", "evidence")

_fragments = itertools.count(1)


def _plain(value: Any) -> Any:
    """A JSON-ready value: Decimals written out exactly, sequences as lists."""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _evidence(fact: "Fact") -> dict[str, Any] | None:
    """The fact's ``evidence`` (period rule, period and kind words) as a dict, if it has one."""
    evidence = getattr(fact, "evidence", None)
    if evidence is None:
        return None
    if isinstance(evidence, dict):
        return _plain(evidence)
    if attrs.has(type(evidence)):
        return _plain(attrs.asdict(evidence, recurse=True))
    names = ("period_rule", "period_words", "kind_words")
    return {name: _plain(getattr(evidence, name)) for name in names if hasattr(evidence, name)}


def fact_details(fact: "Fact") -> dict[str, Any]:
    """What the page shows of a fact: :data:`DETAIL_FIELDS`, its text and span, JSON-ready."""
    details = {name: _plain(getattr(fact, name)) for name in DETAIL_FIELDS if name != "evidence"}
    details["evidence"] = _evidence(fact)
    details.update(text=fact.text, start=fact.start, end=fact.end)
    return details


def _describe(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_describe(v)}" for k, v in value.items() if v not in (None, "", []))
    if isinstance(value, list):
        return "、".join(_describe(v) for v in value)
    return str(value)


def _summary(index: int, details: dict[str, Any]) -> str:
    """One line a fact, for the hover title of a mark."""
    value = details["value"] + (f"–{details['value_max']}" if details["value_max"] else "")
    words = [f"#{index} {details['indicator']} = {value} {details['unit']}", details["kind"],
             details["period"]]
    words += [f"{name} {details[name]}" for name in ("qualifier", "cue", "aggregate") if details[name]]
    if details["evidence"]:
        words.append(f"evidence {_describe(details['evidence'])}")
    return ", ".join(words)


def segments(length: int, spans: Sequence[tuple[int, int]],
             cuts: Iterable[int] = ()) -> list[tuple[int, int, tuple[int, ...]]]:
    """Cut ``[0, length)`` at every span's ends (and at ``cuts``): a list of
    ``(start, end, indexes of the spans covering it)``.

    Empty spans cover nothing; consecutive segments cover the text exactly, so the text of
    span ``i`` is the join of the segments whose indexes hold ``i``.
    """
    points = {0, length, *(c for c in cuts if 0 <= c <= length)}
    starting: dict[int, list[int]] = {}
    for index, (start, end) in enumerate(spans):
        if start < end:
            points.update((start, end))
            starting.setdefault(start, []).append(index)
    bounds = sorted(points)
    active: list[int] = []
    out: list[tuple[int, int, tuple[int, ...]]] = []
    for left, right in zip(bounds, bounds[1:]):
        active = [i for i in active if spans[i][1] > left] + starting.get(left, [])
        out.append((left, right, tuple(sorted(active))))
    return out


def _marked_text(report: "Report", facts: Sequence["Fact"], details: Sequence[dict[str, Any]],
                 prefix: str) -> str:
    """The report's text as HTML: segments covered by facts in ``<mark>``, anchors at facts
    and section headings."""
    text = report.text
    anchors: dict[int, list[str]] = {}
    for section in report.iter_sections():
        anchors.setdefault(section.title_start, []).append(f"{prefix}s{_path_id(section)}")
    for index, fact in enumerate(facts):
        anchors.setdefault(fact.start, []).append(f"{prefix}f{index}")
    parts: list[str] = []

    def anchor(at: int) -> None:
        for name in anchors.get(at, ()):
            parts.append(f'<span class="gr-anchor" id="{name}"></span>')

    for left, right, cover in segments(len(text), [(f.start, f.end) for f in facts], anchors):
        anchor(left)
        piece = html.escape(text[left:right], quote=False)
        if not cover:
            parts.append(piece)
            continue
        kinds = {facts[i].kind for i in cover}
        classes = ["gr-m", "gr-" + ("both" if len(kinds) > 1 else kinds.pop())]
        if len(cover) > 1:
            classes.append("gr-multi")
        title = "\n".join(_summary(i, details[i]) for i in cover)
        parts.append(f'<mark class="{" ".join(classes)}" data-facts="{" ".join(map(str, cover))}" '
                     f'tabindex="0" title="{html.escape(title)}">{piece}</mark>')
    anchor(len(text))
    return "".join(parts)


def _path_id(section: "Section") -> str:
    return "-".join(str(p) for p in section.path)


def _outline(report: "Report", facts: Sequence["Fact"], prefix: str) -> str:
    counts: dict[str, int] = {}
    for fact in facts:
        parts = fact.section.split("/") if fact.section else []
        for depth in range(1, len(parts) + 1):
            key = "/".join(parts[:depth])
            counts[key] = counts.get(key, 0) + 1

    def items(sections: Iterable["Section"]) -> str:
        out = []
        for section in sections:
            key = "/".join(str(p) for p in section.path)
            count = counts.get(key, 0)
            label = html.escape(f"{section.number}{section.title}")
            badge = f' <span class="gr-count">{count}</span>' if count else ""
            children = f"<ol>{items(section.children)}</ol>" if section.children else ""
            out.append(f'<li><a href="#{prefix}s{_path_id(section)}">{label}</a>{badge}{children}</li>')
        return "".join(out)

    if not report.sections:
        return '<p class="gr-none">No numbered sections.</p>'
    return f'<ol class="gr-outline">{items(report.sections)}</ol>'


def _meta_table(report: "Report", facts: Sequence["Fact"]) -> str:
    rows = [(name, value) for name, value in report.meta.to_dict().items() if value is not None]
    rows.append(("source", report.source or ""))
    rows.append(("characters", f"{len(report.text):,}"))
    extractors = sorted({f.extractor for f in facts if f.extractor})
    rows.append(("facts", f"{len(facts)}" + (f" ({', '.join(extractors)})" if extractors else "")))
    cells = "".join(f"<tr><th>{html.escape(str(k))}</th><td>{html.escape(str(v))}</td></tr>"
                    for k, v in rows)
    return f'<table class="gr-meta">{cells}</table>'


TABLE_COLUMNS = ("indicator", "value", "value_max", "unit", "qualifier", "kind", "period", "cue",
                 "aggregate", "section", "extractor", "evidence", "text")


def _facts_table(details: Sequence[dict[str, Any]], prefix: str) -> str:
    head = "".join(f"<th>{name}</th>" for name in ("#",) + TABLE_COLUMNS)
    rows = []
    for index, d in enumerate(details):
        cells = [f'<td><a href="#{prefix}f{index}">{index}</a></td>']
        for name in TABLE_COLUMNS:
            value = _describe(d[name])
            if name == "text":
                cells.append(f'<td class="gr-text"><a href="#{prefix}f{index}">{html.escape(value)}</a></td>')
            else:
                cells.append(f'<td class="gr-{name}">{html.escape(value)}</td>')
        rows.append(f'<tr id="{prefix}row{index}" data-fact="{index}" class="gr-{d["kind"]}">'
                    f'{"".join(cells)}</tr>')
    return (f'<table class="gr-facts"><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>')


def _failures(failures: Sequence["PluginFailure"]) -> str:
    if not failures:
        return ""
    items = "".join(f"<li>{html.escape(str(f))}</li>" for f in failures)
    return f'<div class="gr-failures"><h2>Plugins that failed</h2><ul>{items}</ul></div>'


_STYLE = """
.gr-show{--actual:#fde68a;--target:#bfdbfe;--both:#bbf7d0;--line:#d6d3d1;color:#1c1917;
 font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",system-ui,sans-serif}
.gr-show h1{font-size:1.4em;margin:.2em 0}.gr-show h2{font-size:1.1em;margin:1em 0 .4em}
.gr-show table{border-collapse:collapse;font-size:.85em}
.gr-show td,.gr-show th{border:1px solid var(--line);padding:.15em .4em;vertical-align:top;text-align:left}
.gr-show .gr-meta th{background:#f5f5f4;font-weight:600}
.gr-show .gr-body{white-space:pre-wrap;line-height:1.9;font-size:1em}
.gr-show mark{padding:.05em 0;border-radius:2px;cursor:pointer;color:inherit}
.gr-show mark.gr-actual{background:var(--actual)}.gr-show mark.gr-target{background:var(--target)}
.gr-show mark.gr-both{background:var(--both)}
.gr-show mark.gr-multi{box-shadow:inset 0 -3px 0 #78716c}
.gr-show mark.gr-selected{outline:2px solid #dc2626;background:#fecaca}
.gr-show tr.gr-selected td{background:#fee2e2}
.gr-show .gr-outline{padding-left:1.2em;font-size:.85em}.gr-show .gr-outline ol{padding-left:1.2em}
.gr-show .gr-count{font-size:.8em;background:#e7e5e4;border-radius:8px;padding:0 .4em}
.gr-show .gr-legend mark{cursor:default}
.gr-show .gr-facts td.gr-text{min-width:16em}
.gr-show .gr-failures{color:#b91c1c}
"""

_PAGE_STYLE = """
body{margin:0;background:#fafaf9}
.gr-page{display:grid;grid-template-columns:minmax(12em,18em) minmax(20em,46em) minmax(14em,22em);
 gap:1.2em;padding:1em 1.5em;align-items:start}
.gr-page>nav,.gr-page>aside{position:sticky;top:.5em;max-height:96vh;overflow:auto}
.gr-page>main{background:#fff;border:1px solid var(--line);padding:1em 1.4em}
.gr-below{padding:0 1.5em 2em}
.gr-card{background:#fff;border:1px solid var(--line);border-radius:4px;padding:.5em .7em;margin-bottom:.6em;
 font-size:.85em}
.gr-card h3{margin:0 0 .3em;font-size:1.05em}.gr-card dl{display:grid;grid-template-columns:auto 1fr;
 gap:.1em .6em;margin:0}.gr-card dt{color:#57534e}.gr-card dd{margin:0}
@media (max-width:70em){.gr-page{grid-template-columns:1fr}.gr-page>nav,.gr-page>aside{position:static}}
"""

# Click (or Enter on) a mark: its facts are selected, their marks and table rows highlighted
# and their details shown in the panel. A table row selects its fact and scrolls to it; a URL
# ending in #fN opens with fact N selected, one ending in ?select=1,2 with facts 1 and 2.
_SCRIPT = """
(function(){
const facts=JSON.parse(document.getElementById('gr-facts').textContent);
const fields=%s;
const panel=document.getElementById('gr-detail');
function show(v){if(v===null||v===undefined||v==='')return '';if(Array.isArray(v))return v.map(show).join('、');
 if(typeof v==='object')return Object.entries(v).filter(e=>e[1]!==null&&e[1]!==''&&!(Array.isArray(e[1])&&!e[1].length)).map(e=>e[0]+': '+show(e[1])).join('; ');
 return String(v);}
function card(i){const f=facts[i];const c=document.createElement('div');c.className='gr-card';c.dataset.fact=i;
 const h=document.createElement('h3');h.textContent='#'+i+' '+f.indicator;c.appendChild(h);
 const dl=document.createElement('dl');
 for(const k of fields.concat(['text','start','end'])){const dt=document.createElement('dt');dt.textContent=k;
  const dd=document.createElement('dd');dd.className='gr-field-'+k;dd.textContent=show(f[k]);dl.appendChild(dt);dl.appendChild(dd);}
 c.appendChild(dl);const a=document.createElement('a');a.href='#row'+i;a.textContent='row in the table';c.appendChild(a);
 return c;}
function select(ids,scroll){
 document.querySelectorAll('.gr-selected').forEach(e=>e.classList.remove('gr-selected'));
 panel.replaceChildren(...ids.map(card));
 for(const i of ids){document.querySelectorAll('mark[data-facts]').forEach(m=>{
   if(m.dataset.facts.split(' ').includes(String(i)))m.classList.add('gr-selected');});
  const row=document.getElementById('row'+i);if(row)row.classList.add('gr-selected');}
 const first=document.querySelector('mark.gr-selected');
 if(scroll&&first){const r=first.getBoundingClientRect();
  if(r.top<0||r.bottom>innerHeight)first.scrollIntoView({block:'center'});}
}
document.querySelectorAll('mark[data-facts]').forEach(m=>{
 const pick=()=>select(m.dataset.facts.split(' ').map(Number),false);
 m.addEventListener('click',pick);m.addEventListener('keydown',e=>{if(e.key==='Enter')pick();});});
document.querySelectorAll('tr[data-fact]').forEach(r=>r.addEventListener('click',e=>{
 if(e.target.tagName!=='A')select([Number(r.dataset.fact)],true);}));
document.querySelectorAll('a[href^="#f"]').forEach(a=>a.addEventListener('click',e=>{
 e.preventDefault();select([Number(a.getAttribute('href').slice(2))],true);history.replaceState(null,'',a.getAttribute('href'));}));
const m=location.hash.match(/^#f(\\d+)$/);if(m&&facts[Number(m[1])])select([Number(m[1])],true);
const q=new URLSearchParams(location.search).get('select');
if(q)select(q.split(',').map(Number).filter(i=>facts[i]),true);
})();
"""


def _json_for_script(data: Any) -> str:
    # inside <script>, "<" never appears literally, so no "</script>" or "<!--" can end it
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")


def render_page(report: "Report", facts: Sequence["Fact"], failures: Sequence["PluginFailure"] = ()) -> str:
    """The whole page: a standalone HTML document (UTF-8), nothing fetched from anywhere."""
    details = [fact_details(f) for f in facts]
    title = report.meta.title or report.source or "report"
    legend = ('<p class="gr-legend"><mark class="gr-actual">result</mark> '
              '<mark class="gr-target">target</mark> <mark class="gr-both">both</mark> '
              '<mark class="gr-actual gr-multi">several facts</mark> '
              '— click a mark for its facts, hover for a summary</p>')
    return f"""<!DOCTYPE html>
<html lang="zh-Hans">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="govreport">
<title>{html.escape(title)} — govreport</title>
<style>{_STYLE}{_PAGE_STYLE}</style>
</head>
<body class="gr-show">
<div class="gr-page">
<nav><h1>{html.escape(title)}</h1>{_meta_table(report, facts)}<h2>Sections</h2>{_outline(report, facts, "")}</nav>
<main>{legend}<div class="gr-body" id="gr-body">{_marked_text(report, facts, details, "")}</div></main>
<aside><h2>Selected facts</h2><div id="gr-detail"><p class="gr-none">Click a marked figure.</p></div></aside>
</div>
<div class="gr-below">{_failures(failures)}<h2>Facts</h2>{_facts_table(details, "")}</div>
<script type="application/json" id="gr-facts">{_json_for_script(details)}</script>
<script>{_SCRIPT % json.dumps(list(DETAIL_FIELDS))}</script>
</body>
</html>
"""


def render_fragment(report: "Report | None", facts: Sequence["Fact"],
                    failures: Sequence["PluginFailure"] = ()) -> str:
    """An HTML fragment for a notebook cell: no script (notebooks may not run one), styles
    scoped to the fragment, ids unique to it. Without the report, only the facts table."""
    prefix = f"gr{next(_fragments)}-"
    details = [fact_details(f) for f in facts]
    parts = [f'<div class="gr-show" id="{prefix}top"><style>{_STYLE}'
             f'.gr-show .gr-scroll{{max-height:28em;overflow:auto;border:1px solid var(--line);'
             f'padding:.5em .8em;background:#fff}}</style>']
    if report is not None:
        title = report.meta.title or report.source or "report"
        parts.append(f"<h1>{html.escape(title)}</h1>")
        parts.append(f"<details><summary>metadata and sections</summary>{_meta_table(report, facts)}"
                     f"{_outline(report, facts, prefix)}</details>")
        parts.append(f'<div class="gr-scroll"><div class="gr-body">'
                     f'{_marked_text(report, facts, details, prefix)}</div></div>')
    parts.append(_failures(failures))
    parts.append(f"<details{' open' if report is None else ''}><summary>{len(facts)} facts</summary>"
                 f"{_facts_table(details, prefix)}</details></div>")
    return "".join(parts)
