"""``govreport show`` in a real browser: Debian's Chromium, driven through chromedriver.

The page for the example report is opened headless; the test reads the rendered DOM and
checks that the marks give back every fact's exact text, that the text shown is the report's
clean text, that clicking a mark shows that mark's facts, that the page loads nothing, and
takes a screenshot. The WebDriver protocol is spoken directly (a few JSON requests over
HTTP to chromedriver), so no browser and no driver ever come from pip.

Chromium comes from the system's packages (``apt-get install chromium chromium-driver``;
``scripts/test.sh`` installs them when it runs as root on Debian). Where they are missing the
tests are skipped with that message.
"""
from __future__ import annotations

import base64
import json
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections import defaultdict
from pathlib import Path

import pytest

import govreport

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "tests" / "data" / "district-jiangbei-2021.txt"

CHROMIUM = next(filter(None, map(shutil.which, ("chromium", "chromium-browser"))), None)
CHROMEDRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(
    not (CHROMIUM and CHROMEDRIVER),
    reason="browser test skipped: Debian's chromium and chromium-driver are not installed "
           "(apt-get install chromium chromium-driver; scripts/test.sh installs them as root)")

#: isolated, quiet, offline: no first-run UI, no background traffic, a new empty profile
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars", "--window-size=1400,900"]


class WebDriver:
    """The few WebDriver (W3C) commands this test needs, over HTTP to a chromedriver."""

    def __init__(self, port: int, profile: Path) -> None:
        self.base = f"http://127.0.0.1:{port}"
        options = {"binary": CHROMIUM, "args": FLAGS + [f"--user-data-dir={profile}"]}
        reply = self._call("POST", "/session", {"capabilities": {"alwaysMatch": {
            "browserName": "chrome", "goog:chromeOptions": options}}})
        self.session = f"/session/{reply['sessionId']}"

    def _call(self, method: str, path: str, body: dict | None = None):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.base + path, data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return json.loads(response.read())["value"]
        except urllib.error.HTTPError as exc:
            raise AssertionError(f"{method} {path}: {exc.read().decode(errors='replace')}") from None

    def open(self, url: str) -> None:
        self._call("POST", self.session + "/url", {"url": url})

    def run(self, script: str, *args):
        return self._call("POST", self.session + "/execute/sync", {"script": script, "args": list(args)})

    def click(self, css: str) -> None:
        element = self._call("POST", self.session + "/element", {"using": "css selector", "value": css})
        self._call("POST", f"{self.session}/element/{next(iter(element.values()))}/click", {})

    def screenshot(self) -> bytes:
        return base64.b64decode(self._call("GET", self.session + "/screenshot"))

    def quit(self) -> None:
        self._call("DELETE", self.session)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    work = tmp_path_factory.mktemp("show")
    report = govreport.load(EXAMPLE)
    extraction = report.extract()
    path = work / "report.html"
    path.write_text(extraction.to_html(), encoding="utf-8")
    port = free_port()
    driver_process = subprocess.Popen([CHROMEDRIVER, f"--port={port}"], stdout=subprocess.DEVNULL,
                                      stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/status", timeout=2).read()
                break
            except OSError:
                assert time.monotonic() < deadline, "chromedriver did not start"
                time.sleep(0.1)
        browser = WebDriver(port, work / "profile")
        try:
            browser.open(path.as_uri())
            yield browser, report, extraction, work
        finally:
            browser.quit()
    finally:
        driver_process.terminate()
        driver_process.wait(timeout=30)


def test_the_text_shown_is_the_reports_clean_text(page):
    browser, report, _extraction, _work = page
    assert browser.run("return document.getElementById('gr-body').textContent") == report.text


def test_the_marks_give_back_every_fact_exactly(page):
    browser, _report, extraction, _work = page
    marks = browser.run("""return [...document.querySelectorAll('#gr-body mark')].map(m =>
        [m.dataset.facts, m.textContent, m.getClientRects().length > 0])""")
    assert all(visible for _facts, _text, visible in marks)
    text_of: dict[int, str] = defaultdict(str)
    for facts, text, _visible in marks:
        for index in facts.split():
            text_of[int(index)] += text
    assert dict(text_of) == {i: f.text for i, f in enumerate(extraction.facts)}
    assert any(len(facts.split()) > 1 for facts, _t, _v in marks), "the example has overlapping facts"


def test_clicking_a_mark_shows_all_its_facts(page):
    browser, _report, extraction, _work = page
    first_multi = browser.run("return document.querySelector('#gr-body mark.gr-multi').dataset.facts")
    browser.click("#gr-body mark.gr-multi")
    cards = browser.run("""return [...document.querySelectorAll('#gr-detail .gr-card')].map(c =>
        Object.fromEntries([...c.querySelectorAll('dd')].map(d => [d.className.slice(9), d.textContent])))""")
    shown = [int(i) for i in first_multi.split()]
    assert [(c["indicator"], c["value"], c["unit"], c["period"], c["kind"], c["text"]) for c in cards] == [
        (f.indicator, format(f.value, "f"), f.unit, f.period, f.kind, f.text)
        for f in (extraction.facts[i] for i in shown)]
    assert {"cue", "qualifier", "evidence"} <= set(cards[0])
    selected_rows = browser.run("return [...document.querySelectorAll('tr.gr-selected')].map(r => r.id)")
    assert selected_rows == [f"row{i}" for i in shown]


def test_the_table_links_to_the_marks(page):
    browser, _report, extraction, _work = page
    last = len(extraction.facts) - 1
    browser.click(f'#row{last} td.gr-text a')
    state = browser.run("""const marks = [...document.querySelectorAll('mark.gr-selected')];
        const r = marks[0].getBoundingClientRect();
        return [marks.map(m => m.textContent).join(''), r.top >= 0 && r.bottom <= innerHeight]""")
    assert state == [extraction.facts[last].text, True]


def test_the_page_loads_nothing_and_screenshots(page):
    browser, _report, _extraction, work = page
    assert browser.run("return performance.getEntriesByType('resource').length") == 0
    png = browser.screenshot()
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 20_000
    (work / "show.png").write_bytes(png)
