"""The published site in a real browser (issue 7): search, open a question, follow its citation,
read the Atom feed, and check a hostile document's markup is shown, never run.

Datasette is started on 127.0.0.1 (an ephemeral port) in a subprocess, serving the test archive of
tests/test_datasette.py exactly as `make demo` does; Debian's /usr/bin/chromium is driven headless
by Playwright (never `playwright install`). Screenshots go to tests/screenshots/ (gitignored).
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import httpx
import pytest

from tests.test_datasette import HOSTILE_TEXT, METADATA, PLUGINS, build_archive

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ATOM = "{http://www.w3.org/2005/Atom}"

if not Path(CHROMIUM).exists():
    pytest.skip(f"{CHROMIUM} not installed (CI installs it: apt-get install -y chromium)", allow_module_level=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """Serve a fresh test archive; yield its base URL; stop the server."""
    folder = tmp_path_factory.mktemp("site")
    ids = build_archive(folder / "archive.db")
    port = free_port()
    datasette = Path(sys.executable).with_name("datasette")
    server = subprocess.Popen(
        [str(datasette), "serve", "-i", str(folder / "archive.db"), "-m", str(METADATA), "--plugins-dir",
         str(PLUGINS), "-h", "127.0.0.1", "-p", str(port), "--setting", "suggest_facets", "off"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                if httpx.get(base + "/-/versions.json", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
            assert server.poll() is None, server.stderr.read().decode()[-2000:]
        else:
            pytest.fail("datasette did not start")
        yield base, ids
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="module")
def browser_context(tmp_path_factory):
    from playwright.sync_api import sync_playwright

    profile = tmp_path_factory.mktemp("chromium-profile")  # a fresh --user-data-dir
    SCREENSHOTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS,
            viewport={"width": 1280, "height": 900})
        try:
            yield context
        finally:
            context.close()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def page(browser_context):
    page = browser_context.new_page()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    yield page
    page.close()
    assert not dialogs, f"a script from a document ran: {dialogs}"


def test_search_open_question_follow_citation(site, page):
    base, ids = site
    page.goto(base + "/archive/search")
    page.fill("input[name=q]", "foster carers")
    page.click("form input[type=submit]")
    page.wait_for_selector("table.rows-and-columns")
    assert page.locator("mark").first.inner_text().lower() == "foster"
    assert "Teresa Fenner" in page.inner_text("table.rows-and-columns")
    page.screenshot(path=str(SCREENSHOTS / "search.png"), full_page=True)

    page.locator("td.col-question_link a").first.click()
    page.wait_for_url("**/archive/question?id=*")
    table = page.inner_text("table.rows-and-columns")
    assert "County’s Foster Carers" in table and "response" in table
    assert "Herefordshire Council, 000_e415bac42ba79459.txt, p. 1" in table
    page.screenshot(path=str(SCREENSHOTS / "question.png"), full_page=True)

    page.locator("td.col-page_link a").first.click()
    page.wait_for_url(f"**/archive/pages/{ids['pack']},1")
    assert "what is being done to improve the working conditions" in page.inner_text("body")
    page.screenshot(path=str(SCREENSHOTS / "citation.png"))


def test_atom_feed_read_through_the_browser(site, browser_context):
    base, ids = site
    response = browser_context.request.get(base + "/archive/search.atom?q=compensation")
    assert response.ok and "atom" in response.headers["content-type"]
    feed = ET.fromstring(response.text())
    titles = [e.find(ATOM + "title").text for e in feed.iter(ATOM + "entry")]
    assert "Question from David Barrett" in titles
    links = [e.find(ATOM + "link").get("href") for e in feed.iter(ATOM + "entry")]
    assert base + f"/archive/question?id={ids['pack']}-q1" in links


def test_hostile_document_is_shown_as_text(site, page):
    base, ids = site
    page.goto(base + "/archive/search?q=budget")
    page.wait_for_selector("table.rows-and-columns")
    text = page.inner_text("table.rows-and-columns")
    assert "<script>alert('pwned')</script>" in text and "<img src=x onerror=alert(1)>Mallory" in text
    assert page.locator("table.rows-and-columns script, table.rows-and-columns img").count() == 0
    page.goto(base + f"/archive/question?id={ids['hostile']}-q1")
    assert HOSTILE_TEXT in page.inner_text("table.rows-and-columns")
    page.screenshot(path=str(SCREENSHOTS / "hostile.png"), full_page=True)
