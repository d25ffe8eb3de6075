"""The documentation in a real browser: headless Chromium, driven through chromedriver's W3C
WebDriver HTTP API with nothing but urllib (no extra dependency). Every page is opened from the
file system as a reader would; console errors, broken links, missing anchors, text spilling out of
diagram boxes, horizontal scrolling on a phone (390 px) or a laptop (1280 px), shrunken diagram
text and every accessibility violation that axe-core finds fail the test. Screenshots and a
printed PDF are kept in test-artifacts/ for review.

axe-core comes from npm, pinned in tests/browser/package-lock.json; `make test` installs it with
`npm ci` where node is present. Without it the axe test skips with the hint (fails under CI)."""

from __future__ import annotations

import base64
import json
import os
import shutil
import socket
import struct
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag

import pytest

from conftest import REPO, ShippedBuild

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = REPO / "test-artifacts"
WIDTH, HEIGHT = 1280, 900
PHONE = 390
HINT = (
    "install chromium and chromium-driver (apt-get install chromium chromium-driver) to run "
    "this test"
)
AXE = REPO / "tests" / "browser" / "node_modules" / "axe-core" / "axe.min.js"
AXE_HINT = (
    "axe-core is not installed: install node and npm, then run `make test` (it runs "
    "`npm ci --prefix tests/browser`)"
)


class WebDriver:
    """The few WebDriver commands the test needs, spoken as JSON over HTTP."""

    def __init__(self, port: int) -> None:
        self.base = f"http://127.0.0.1:{port}"
        self.session = ""

    def call(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        prefix = f"/session/{self.session}" if self.session and path != "/session" else ""
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(
            self.base + prefix + path,
            data=data,
            method=method,
            headers={"Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return json.loads(response.read())["value"]
        except urllib.error.HTTPError as exc:
            raise AssertionError(f"WebDriver {method} {path}: {exc.read().decode()}") from exc

    def open(self, url: str) -> None:
        self.call("POST", "/url", {"url": url})

    def run(self, script: str, *args: Any) -> Any:
        return self.call("POST", "/execute/sync", {"script": script, "args": list(args)})

    def console(self) -> list[dict[str, Any]]:
        entries: list[dict[str, Any]] = self.call("POST", "/se/log", {"type": "browser"})
        return entries

    def run_async(self, script: str) -> Any:
        return self.call("POST", "/execute/async", {"script": script, "args": []})

    def viewport(self, width: int, height: int = HEIGHT) -> None:
        """Lay pages out as a screen `width` CSS pixels wide; below 600 px as a phone does
        (the page's viewport meta tag applies). Holds for every page opened afterwards."""
        params = {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600}
        self.call(
            "POST",
            "/goog/cdp/execute",
            {"cmd": "Emulation.setDeviceMetricsOverride", "params": params},
        )

    def screenshot(self, path: Path) -> bytes:
        height = min(int(self.run("return document.documentElement.scrollHeight")), 6000)
        shot = self.call(
            "POST",
            "/goog/cdp/execute",
            {
                "cmd": "Page.captureScreenshot",
                "params": {
                    "format": "png",
                    "captureBeyondViewport": True,
                    "clip": {"x": 0, "y": 0, "width": WIDTH, "height": height, "scale": 1},
                },
            },
        )
        png = base64.b64decode(shot["data"])
        path.write_bytes(png)
        return png


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebDriver]:
    driver_path = shutil.which("chromedriver")
    if not CHROMIUM.is_file() or driver_path is None:
        pytest.skip(HINT)
    port = free_port()
    process = subprocess.Popen(
        [driver_path, f"--port={port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    driver = WebDriver(port)
    try:
        for _ in range(100):
            try:
                if driver.call("GET", "/status").get("ready"):
                    break
            except (OSError, AssertionError):
                time.sleep(0.1)
        profile = tmp_path_factory.mktemp("chromium-profile")
        options = {
            "binary": str(CHROMIUM),
            "args": [
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                f"--user-data-dir={profile}",
                f"--window-size={WIDTH},{HEIGHT}",
            ],
        }
        created = driver.call(
            "POST",
            "/session",
            {
                "capabilities": {
                    "alwaysMatch": {
                        "browserName": "chrome",
                        "goog:chromeOptions": options,
                        "goog:loggingPrefs": {"browser": "ALL"},
                    }
                }
            },
        )
        driver.session = created["sessionId"]
        # axe-core needs seconds per page on a busy machine; WebDriver's default is 30 s.
        driver.call("POST", "/timeouts", {"script": 300_000})
        driver.viewport(WIDTH)
        yield driver
        driver.call("DELETE", "")
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture(scope="module")
def site(shipped_build: ShippedBuild) -> Path:
    """The shipped catalogue's documentation, built once per session; the tests only read it."""
    return shipped_build.docs_build / "docs"


def errors(driver: WebDriver) -> list[str]:
    return [e["message"] for e in driver.console() if e["level"] in ("SEVERE", "WARNING")]


def png_size(png: bytes) -> tuple[int, int]:
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    return width, height


def test_console_errors_are_caught(browser: WebDriver, tmp_path: Path) -> None:
    """The control: a page with a missing stylesheet and a script error must be reported,
    otherwise a clean result below would prove nothing."""
    page = tmp_path / "kaputt.html"
    page.write_text(
        '<!DOCTYPE html><html><head><link rel="stylesheet" href="fehlt.css"/></head>'
        "<body><script>nichtDefiniert();</script></body></html>",
        encoding="utf-8",
    )
    browser.open(page.as_uri())
    found = " ".join(errors(browser))
    assert "fehlt.css" in found and "nichtDefiniert" in found


PAGE_FACTS = """
const links = [...document.querySelectorAll('a[href]')].map(a => a.href.baseVal ?? a.href);
const spill = [...document.querySelectorAll('svg g')].filter(g => g.querySelector(':scope > rect'))
  .filter(g => { const r = g.querySelector(':scope > rect').getBBox(),
                       t = g.querySelector(':scope > text').getBBox();
                 return t.x < r.x || t.x + t.width > r.x + r.width || t.height > r.height; })
  .map(g => g.textContent);
return {
  links: links.map(h => new URL(h, location.href).href),
  ids: [...document.querySelectorAll('[id]')].map(e => e.id),
  main: !!document.querySelector('main h1'),
  styled: getComputedStyle(document.querySelector('header')).backgroundColor,
  scroll: document.documentElement.scrollWidth - window.innerWidth,
  svgs: [...document.querySelectorAll('figure svg')].map(s => s.getBoundingClientRect().width),
  spill: spill,
};
"""


def test_every_page_renders_cleanly_and_every_link_resolves(browser: WebDriver, site: Path) -> None:
    start = (site / "index.html").as_uri()
    queue, seen = [start], {start}
    anchors: dict[str, set[str]] = {}
    wanted: list[tuple[str, str, str]] = []
    while queue:
        url = queue.pop(0)
        browser.open(url)
        facts = browser.run(PAGE_FACTS)
        name = url.rsplit("/", 1)[-1]
        assert facts["main"], f"{name} did not load"
        assert errors(browser) == [], f"console errors on {name}"
        assert facts["styled"] == "rgb(47, 75, 110)", f"style.css not applied on {name}"
        assert facts["scroll"] <= 0, f"{name} scrolls sideways on a {WIDTH}px screen"
        assert facts["spill"] == [], f"diagram text spills out of its box on {name}"
        if name not in ("index.html", "datenschutz.html"):
            assert len(facts["svgs"]) == 2 and min(facts["svgs"]) > 300, name
        anchors[url] = set(facts["ids"])
        for link in facts["links"]:
            target, fragment = urldefrag(link)
            if not target.startswith("file:"):
                continue
            assert Path(urllib.request.url2pathname(target[5:])).is_file(), f"{name}: {link}"
            if fragment:
                wanted.append((name, target, fragment))
            if target.endswith(".html") and target not in seen:
                seen.add(target)
                queue.append(target)
    assert len(anchors) == len(list(site.glob("*.html"))), "every page is reachable from index"
    missing = [(n, t, f) for n, t, f in wanted if f not in anchors[t]]
    assert missing == [] and len(wanted) > 500


def test_screenshots_and_print_for_review(browser: WebDriver, site: Path) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    for page in ("index", "wohngeld", "datenschutz"):
        browser.open((site / f"{page}.html").as_uri())
        png = browser.screenshot(ARTIFACTS / f"docs-{page}.png")
        width, height = png_size(png)
        assert width == WIDTH and height >= HEIGHT
        assert len(png) > 50_000, f"{page}: screenshot looks empty"
    browser.open((site / "hundesteuer.html").as_uri())
    pdf = base64.b64decode(browser.call("POST", "/print", {"orientation": "portrait"}))
    (ARTIFACTS / "docs-hundesteuer.pdf").write_bytes(pdf)
    assert (
        pdf.startswith(b"%PDF")
        and pdf.count(b"/Type /Page\n") + pdf.count(b"/Type /Page ") + pdf.count(b"/Type /Page>")
        >= 3
    )


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.is_file():
        if os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}:
            pytest.fail(f"axe-core is missing in CI: {AXE_HINT}")
        pytest.skip(AXE_HINT)
    return AXE.read_text(encoding="utf-8")


AXE_RUN = """
const done = arguments[arguments.length - 1];
axe.run(document, {resultTypes: ['violations']}).then(
  r => done(r.violations.map(v => `${v.id} (${v.impact}): ${v.help}; ` +
    v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ') +
    (v.nodes.length > 3 ? ` and ${v.nodes.length - 3} more` : ''))),
  e => done([`axe failed: ${e}`]));
"""

# A phone widens its layout viewport (and zooms out) when content is wider than the screen, so
# the screen width is passed in rather than read from window.innerWidth.
LAYOUT_FACTS = r"""
const vw = arguments[0];
// A box that scrolls by itself (tables, diagrams) may be wider than the screen; the page not.
const wide = [...document.querySelectorAll('body *')].filter(e => {
  const r = e.getBoundingClientRect();
  if (r.width === 0 || r.right <= vw + 1) return false;
  for (let p = e.parentElement; p; p = p.parentElement)
    if (['auto', 'scroll'].includes(getComputedStyle(p).overflowX)) return false;
  return true;
}).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : ''));
// Diagram text is drawn at 13 px in SVG units; it must not be scaled below that.
const shrunk = [...document.querySelectorAll('figure svg')]
  .filter(s => s.getBoundingClientRect().width < s.viewBox.baseVal.width - 0.5)
  .map(s => s.getAttribute('class'));
// axe-core leaves text of punctuation alone, such as the dash that stands for "no"; it must
// reach 4.5:1 all the same (WCAG 1.4.3).
const rgb = c => c.match(/[\d.]+/g).map(Number);
const lum = c => { const v = rgb(c).slice(0, 3).map(x => { x /= 255;
  return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4; });
  return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; };
const back = e => { for (; e; e = e.parentElement) { const c = getComputedStyle(e).backgroundColor;
  if (rgb(c).length === 3 || rgb(c)[3] > 0) return c; } return 'rgb(255, 255, 255)'; };
const pale = [...document.querySelectorAll('.nein, .klein')].filter(e => {
  const [a, b] = [lum(getComputedStyle(e).color), lum(back(e))];
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05) < 4.5; }).length;
return {scroll: Math.max(window.innerWidth, document.documentElement.scrollWidth) - vw,
        pale: pale,
        wide: wide.slice(0, 5),
        shrunk: shrunk};
"""


def check_page(browser: WebDriver, page: Path, axe_source: str, width: int) -> list[str]:
    """Problems of one page on a screen `width` px wide (set with browser.viewport): sideways
    scrolling, shrunken diagrams and axe-core's violations."""
    browser.open(page.as_uri())
    facts = browser.run(LAYOUT_FACTS, width)
    problems = []
    if facts["scroll"] > 0 or facts["wide"]:
        problems.append(f"scrolls sideways by {facts['scroll']} px: {facts['wide']}")
    if facts["pale"]:
        problems.append(f"{facts['pale']} marks for 'no' or small print below 4.5:1 contrast")
    if facts["shrunk"]:
        problems.append(f"diagram text shrunk below its size: {facts['shrunk']}")
    assert browser.run(axe_source + "\nreturn typeof axe;") == "object"
    problems += browser.run_async(AXE_RUN)
    return problems


def test_axe_and_overflow_checks_catch_a_bad_page(
    browser: WebDriver, tmp_path: Path, axe_source: str
) -> None:
    """The control: an image without text, pale grey text and a wide block at 390 px must be
    reported, otherwise the clean result below would prove nothing."""
    page = tmp_path / "schlecht.html"
    page.write_text(
        '<!DOCTYPE html><html lang="de"><head><title>x</title>'
        '<meta name="viewport" content="width=device-width, initial-scale=1"/></head><body>'
        '<main><h1>x</h1><p style="color:#ccc">blass</p><img src="x.png"/>'
        '<span class="nein" style="color:#9aa5b1">–</span>'
        '<div style="width:600px">breit</div></main></body></html>',
        encoding="utf-8",
    )
    browser.viewport(PHONE)
    try:
        found = " ".join(check_page(browser, page, axe_source, PHONE))
    finally:
        browser.viewport(WIDTH)
    assert "color-contrast" in found and "image-alt" in found and "scrolls sideways" in found
    assert "1 marks for 'no' or small print below 4.5:1" in found


@pytest.mark.parametrize("width", [PHONE, WIDTH])
def test_every_page_fits_the_screen_and_has_no_axe_violation(
    browser: WebDriver, site: Path, axe_source: str, width: int
) -> None:
    pages = sorted(site.glob("*.html"))
    assert len(pages) >= 3
    browser.viewport(width)
    try:
        found = {p.name: check_page(browser, p, axe_source, width) for p in pages}
    finally:
        browser.viewport(WIDTH)
    found = {name: problems for name, problems in found.items() if problems}
    assert found == {}, f"at {width} px:\n" + "\n".join(
        f"{name}: {problem}" for name, problems in found.items() for problem in problems
    )
