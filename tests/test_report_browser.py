"""The HTML report in a real browser: Debian's chromium, headless, driven by selenium through Debian's
chromedriver (`apt-get install chromium chromium-driver`; .ci/run installs them when missing).

It checks what a reviewer sees: the page runs with no console error (a Content-Security-Policy
violation, i.e. any attempt to load something, is one too), the family filter hides the other
families' findings and files, the checklist counts ticked boxes, and a screenshot is a real picture.
"""
from __future__ import annotations

import os
import shutil
import struct
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from codemods.cli import main
from tests.fixture_support import FIXTURES

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
WIDTH, HEIGHT = 1280, 1400

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is absent: apt-get install chromium "
                                                               "chromium-driver to run the real-browser test")


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    assert CHROMEDRIVER.exists(), "chromium is installed but chromedriver is not: apt-get install chromium-driver"
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    profile = tmp_path_factory.mktemp("chromium-profile")
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-quic", f"--window-size={WIDTH},{HEIGHT}", f"--user-data-dir={profile}"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(str(CHROMEDRIVER)))
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def report_page(tmp_path_factory):
    project = tmp_path_factory.mktemp("project")
    shutil.copy(FIXTURES / "example" / "nylas_v2_client.py", project / "client.py")
    shutil.copy(FIXTURES / "http" / "no_touch_other_apis.py", project / "other_apis.py")
    (project / "broken.py").write_text("import nylas\ndef f(:\n")
    (project / "hostile.py").write_text(
        "import requests\n# </pre><script>document.title='owned'</script>\n"
        'r = requests.get("https://api.nylas.com/messages", params={"offset": 1})\n'
    )
    cwd = os.getcwd()
    os.chdir(project)
    try:
        result = CliRunner().invoke(main, ["report", ".", "-o", "report.html"])
    finally:
        os.chdir(cwd)
    assert result.exit_code == 3, result.output  # broken.py
    return (project / "report.html").as_uri()


def visible(driver, css):
    return [e for e in driver.find_elements("css selector", css) if e.is_displayed()]


def test_page_renders_with_no_console_errors(browser, report_page):
    browser.get(report_page)
    assert browser.title == "Nylas API v2 → v3 migration report"  # the user's <script> did not run
    assert len(visible(browser, "li.finding")) == 13
    assert len(visible(browser, "pre.diff span.l.add")) > 10
    errors = [e for e in browser.get_log("browser") if e["level"] in ("SEVERE", "WARNING")]
    assert errors == []


def test_family_filter_hides_the_other_families(browser, report_page):
    browser.get(report_page)
    browser.find_element("id", "filter-none").click()
    assert visible(browser, "li.finding") == [] and visible(browser, "article.file") == [
        browser.find_element("css selector", 'article.file[data-families=""]')]  # broken.py has no family
    browser.find_element("css selector", 'input.family-filter[value="AUTH"]').click()
    shown = visible(browser, "li.finding")
    assert [li.get_attribute("data-family") for li in shown] == ["AUTH"]
    assert "AUTH001" in shown[0].text
    files = [a.find_element("css selector", "h2 code").text for a in visible(browser, "article.file")]
    assert files == ["broken.py", "client.py"]  # hostile.py has only EP, HOST and QP
    browser.find_element("css selector", 'input.family-filter[value="QP"]').click()
    assert sorted({li.get_attribute("data-family") for li in visible(browser, "li.finding")}) == ["AUTH", "QP"]
    assert len(visible(browser, "article.file")) == 3
    browser.find_element("id", "filter-all").click()
    assert len(visible(browser, "li.finding")) == 13
    assert browser.get_log("browser") == []


def test_checklist_counts_ticked_findings(browser, report_page):
    browser.get(report_page)
    progress = browser.find_element("id", "progress")
    assert progress.text == "0 of 13 manual sites done"
    boxes = browser.find_elements("css selector", "li.finding input.done")
    boxes[0].click()
    boxes[3].click()
    assert progress.text == "2 of 13 manual sites done"
    boxes[3].click()
    assert progress.text == "1 of 13 manual sites done"


def png_size_and_pixels(png: bytes):
    """(width, height, decompressed scanlines) of a PNG, checking its signature and chunk CRCs."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, size = 8, b"", None
    while pos < len(png):
        length, kind = struct.unpack(">I4s", png[pos:pos + 8])
        data = png[pos + 8:pos + 8 + length]
        assert struct.unpack(">I", png[pos + 8 + length:pos + 12 + length])[0] == zlib.crc32(kind + data)
        if kind == b"IHDR":
            size = struct.unpack(">II", data[:8])
        elif kind == b"IDAT":
            idat += data
        pos += 12 + length
    assert size is not None, "no IHDR chunk"
    return size[0], size[1], zlib.decompress(idat)


def looks_blank(scanlines: bytes) -> bool:
    """A one-colour picture filters down to almost nothing but zero bytes and a handful of values."""
    nonzero = len(scanlines) - scanlines.count(0)
    return len(set(scanlines)) < 32 or nonzero < len(scanlines) // 200


def test_screenshot_is_a_real_picture(browser, report_page, tmp_path):
    browser.get("about:blank")
    _, _, blank = png_size_and_pixels(browser.get_screenshot_as_png())
    assert looks_blank(blank)  # the check below can fail
    browser.get(report_page)
    png = browser.get_screenshot_as_png()
    (tmp_path / "report.png").write_bytes(png)
    width, height, scanlines = png_size_and_pixels(png)
    assert 800 <= width <= 4 * WIDTH and 600 <= height <= 4 * HEIGHT
    assert not looks_blank(scanlines)
