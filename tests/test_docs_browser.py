"""The documentation in a real browser: headless Chromium, driven through chromedriver's W3C
WebDriver HTTP API with nothing but urllib (no extra dependency). Every page is opened from the
file system as a reader would; console errors, broken links, missing anchors, text spilling out of
diagram boxes and horizontal scrolling on a laptop screen fail the test. Screenshots and a
printed PDF are kept in test-artifacts/ for review."""

from __future__ import annotations

import base64
import json
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

from conftest import REPO, copy_catalogue, run_fachakte

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = REPO / "test-artifacts"
WIDTH, HEIGHT = 1280, 900
HINT = (
    "install chromium and chromium-driver (apt-get install chromium chromium-driver) to run "
    "this test"
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

    def run(self, script: str) -> Any:
        return self.call("POST", "/execute/sync", {"script": script, "args": []})

    def console(self) -> list[dict[str, Any]]:
        entries: list[dict[str, Any]] = self.call("POST", "/se/log", {"type": "browser"})
        return entries

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
        yield driver
        driver.call("DELETE", "")
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("docs-browser")
    definitions = root / "definitions"
    copy_catalogue(definitions)
    result = run_fachakte("compile", definitions, "--target", "docs", "--out", root / "build")
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "build" / "docs"


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
