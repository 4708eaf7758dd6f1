"""Pictures of the documentation, made when it is built from the reports in ``tests/data/``.

Nothing is drawn by hand: every chart is the installed library's output on the corpus of the
repository, so a change to the extractor shows in the pictures of the next build.

- ``gdp-growth-national.png``: the national GDP-growth target (the target range as a band)
  against the result, 2010-2025, from :func:`govreport.panel`.
- ``gdp-growth-provinces-2026.png``: the 2026 GDP-growth targets of the provinces.
- ``attention-national.png``: the attention index of each domain across the national reports.
- ``show-jiangbei.png``: ``govreport show`` of the example report in headless Chromium; where
  Chromium is not installed, the committed ``docs/screenshots/show-jiangbei.png`` is used.

The images go to ``docs/_generated/`` (not committed). They are drawn again only when the
reports, the library or this file changed (a hash of them is kept in ``.stamp``), so the
second build (doctest) reuses them.
"""
from __future__ import annotations

import hashlib
import shutil
import subprocess
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

DOCS = Path(__file__).resolve().parents[1]
ROOT = DOCS.parent
DATA = ROOT / "tests" / "data"
OUT = DOCS / "_generated"
FALLBACK_SCREENSHOT = DOCS / "screenshots" / "show-jiangbei.png"
FIGURES = ("gdp-growth-national.png", "gdp-growth-provinces-2026.png", "attention-national.png",
           "show-jiangbei.png")

#: Chromium, isolated and offline: no first-run UI and no background traffic
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--hide-scrollbars", "--window-size=1400,860"]

TARGET = "#2563eb"
RESULT = "#b45309"


def _inputs_hash() -> str:
    import govreport

    digest = hashlib.sha256()
    library = Path(govreport.__file__).parent
    plugin_dirs = [ROOT / "plugins"]
    paths = sorted(DATA.glob("*.txt")) + sorted(library.rglob("*.py")) + sorted(library.rglob("*.tsv")) \
        + sorted(library.rglob("*.txt")) + [Path(__file__)] \
        + sorted(p for d in plugin_dirs for p in d.rglob("*") if p.suffix in (".tsv", ".txt", ".py"))
    for path in paths:
        digest.update(str(path.relative_to(path.anchor)).encode())
        digest.update(path.read_bytes())
    digest.update(str(bool(_chromium())).encode())
    return digest.hexdigest()


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def _float(value: Decimal | None) -> float:
    return float("nan") if value is None else float(value)


def _style(plt: Any) -> None:
    plt.rcParams.update({"figure.dpi": 100, "savefig.dpi": 150, "axes.spines.top": False,
                         "axes.spines.right": False, "axes.grid": True, "grid.alpha": 0.3,
                         "font.size": 10})


def national_gdp_growth(path: Path) -> None:
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    import govreport

    table = govreport.panel(sorted(DATA.glob("national-zhongguo-*.txt")), indicators=["gdp_growth"])
    rows = {r["year"]: r for r in table.rows if 2010 <= r["year"] <= 2025}
    years = list(range(2010, 2026))
    fig, ax = plt.subplots(figsize=(8, 4))
    for year in years:
        row = rows.get(year)
        if row is None or row["gdp_growth_target"] is None:
            continue
        low = row["gdp_growth_target"]
        high = row["gdp_growth_target_max"] if row["gdp_growth_target_max"] is not None else low
        # a point target is drawn as a thin band, a range (6.5%-7%) as a wide one
        ax.bar(year, max(float(high - low), 0.08), bottom=float(low) - (0.04 if high == low else 0),
               width=0.7, color=TARGET, alpha=0.35, edgecolor=TARGET)
        mark = {"about": "≈", "at_least": "≥", "over": ">", "at_most": "≤"}.get(row["gdp_growth_target_qualifier"], "")
        ax.annotate(f"{mark}{low}" + (f"–{high}" if high != low else ""), (year, float(high)),
                    textcoords="offset points", xytext=(0, 4), ha="center", fontsize=8, color=TARGET)
    actual = [_float(rows[y]["gdp_growth_actual"]) if y in rows else float("nan") for y in years]
    ax.plot(years, actual, color=RESULT, marker="o", linewidth=2, label="result (next year's report)")
    for year in years:
        if year in rows and rows[year]["gdp_growth_target_status"] == "none_set":
            ax.annotate("no target set", (year, 0.3), ha="center", fontsize=8, color="#57534e",
                        rotation=90, va="bottom")
    ax.set_xticks(years, [str(y) for y in years], rotation=45)
    ax.set_ylabel("GDP growth, %")
    ax.set_ylim(0, 10)
    ax.set_title("China: GDP-growth target and result, from the government work reports")
    handles = [Patch(color=TARGET, alpha=0.35, label="target (that year's report)")] + \
        ax.get_legend_handles_labels()[0]
    ax.legend(handles=handles, loc="lower left", frameon=False)
    ax.text(1.0, -0.2, "Gaps: years whose report is not in tests/data.", transform=ax.transAxes,
            ha="right", fontsize=7, color="#57534e")
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def provincial_targets(path: Path) -> None:
    import matplotlib.pyplot as plt

    import govreport

    files = sorted(DATA.glob("province-*-2026.txt"))
    reports = [govreport.load(f) for f in files]
    table = govreport.panel(reports, indicators=["gdp_growth"])
    # the figure is labelled in pinyin (from the file names), so it needs no Chinese font
    names = {r.meta.region_code: f.stem.split("-")[1].capitalize() for f, r in zip(files, reports)}
    rows = sorted((r for r in table.rows if r["year"] == 2026),
                  key=lambda r: (_float(r["gdp_growth_target"]), names.get(r["region_code"] or "", "")))
    fig, ax = plt.subplots(figsize=(8, 0.32 * len(rows) + 1.2))
    for index, row in enumerate(rows):
        low, high = row["gdp_growth_target"], row["gdp_growth_target_max"]
        if low is None:
            ax.annotate(row["gdp_growth_target_status"].replace("_", " "), (3.05, index), va="center",
                        fontsize=8, color="#57534e")
            continue
        if high is not None:
            ax.plot([float(low), float(high)], [index, index], color=TARGET, linewidth=7, alpha=0.45,
                    solid_capstyle="butt")
        ax.plot(float(low), index, "o", color=TARGET)
        mark = {"about": "≈", "at_least": "≥", "over": ">", "at_most": "≤"}.get(row["gdp_growth_target_qualifier"], "")
        ax.annotate(f"{mark}{low}" + (f"–{high}" if high is not None else "") + "%",
                    (float(high if high is not None else low), index), textcoords="offset points",
                    xytext=(8, -3), fontsize=8)
    ax.set_yticks(range(len(rows)), [names.get(r["region_code"] or "", r["region"]) for r in rows])
    ax.set_xlim(3, 6.5)
    ax.set_xlabel("GDP-growth target for 2026, % (a bar is a range)")
    ax.set_title("Provinces' 2026 GDP-growth targets, from their 2026 work reports")
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def national_attention(path: Path) -> None:
    import matplotlib.pyplot as plt

    import govreport

    series: dict[str, list[tuple[int, float]]] = {}
    for file in sorted(DATA.glob("national-zhongguo-*.txt")):
        report = govreport.load(file)
        for result in govreport.attention(report, by_section=False):
            series.setdefault(result.domain, []).append(
                (report.meta.year, float(result.hits_per_1000_chars)))
    fig, ax = plt.subplots(figsize=(8, 3.6))
    for domain, points in sorted(series.items()):
        points.sort()
        ax.plot([y for y, _ in points], [v for _, v in points], marker="o", label=domain)
    ax.set_ylabel("lexicon hits per 1,000 characters")
    ax.set_title("Attention index of each domain, national work reports")
    ax.legend(frameon=False, ncol=len(series))
    years = sorted({y for points in series.values() for y, _ in points})
    ax.set_xticks(years, [str(y) for y in years])
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def screenshot(path: Path) -> None:
    import attrs

    import govreport

    chromium = _chromium()
    if chromium is None:
        logger.info("govreport_figures: Chromium not installed; using %s", FALLBACK_SCREENSHOT)
        shutil.copyfile(FALLBACK_SCREENSHOT, path)
        return
    # the page names the file as the repository does, not as this machine's path
    report = attrs.evolve(govreport.load(DATA / "district-jiangbei-2021.txt"),
                          source="tests/data/district-jiangbei-2021.txt")
    with tempfile.TemporaryDirectory() as work:
        page = Path(work) / "jiangbei.html"
        page.write_text(report.extract().to_html(), encoding="utf-8")
        # facts 1 and 2 overlap (人均地区生产总值由8万元快速增长到14万元): both selected
        subprocess.run([chromium, *CHROMIUM_FLAGS, f"--user-data-dir={work}/profile",
                        f"--screenshot={path}", page.as_uri() + "?select=1,2"],
                       check=True, capture_output=True, timeout=120)


DRAW = {"gdp-growth-national.png": national_gdp_growth,
        "gdp-growth-provinces-2026.png": provincial_targets,
        "attention-national.png": national_attention,
        "show-jiangbei.png": screenshot}


def make_figures(app: Sphinx) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    _style(plt)
    OUT.mkdir(exist_ok=True)
    stamp = OUT / ".stamp"
    key = _inputs_hash()
    if stamp.exists() and stamp.read_text() == key and all((OUT / name).exists() for name in FIGURES):
        return
    for name in FIGURES:
        DRAW[name](OUT / name)
    stamp.write_text(key)


def setup(app: Sphinx) -> dict[str, object]:
    app.connect("builder-inited", make_figures)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
