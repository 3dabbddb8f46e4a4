"""The ModernGov crawler (issue 6) against a local fake site (tests/moderngov_site.py).

The fake site has 2 committees and 5 meetings (one cancelled), real Bristol/WECA PDFs as linked
documents, and the quirks of real sites: double-escaped titles, URLs whose host is spelt in another
case, a link to another host, a 429 with Retry-After: 0, a slow response, a missing file and a
robots.txt Disallow. Tests build real archives and assert on their rows and on what the server saw.
"""
import datetime as dt
import json
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from urllib.parse import unquote

import pytest
from click.testing import CliRunner

from ingest.cache import Cache
from ingest.cli import cli
from ingest.link import link_archive
from extract.assemble import norm_name
from ingest.moderngov import (USER_AGENT, CrawlError, Crawler, CrawlOptions, FetchError, PoliteClient,
                              ServiceRefused, filename_for, is_service_refusal, on_site,
                              parse_committees, parse_meeting, parse_meeting_list_html, same_host, text_date,
                              unescape)
from schema import open_archive

from .moderngov_site import FORBIDDEN_BY_ROBOTS, MISSING, ROOT, SLOW_ONCE, THROTTLED_ONCE, FakeModernGov

TODAY = dt.date(2026, 7, 1)  # 7101 (5 June 2026) and 7102 (10 September 2026) are inside the 60-day window
DELAY = 0.05
COUNCIL = "Bristol City Council"
PM2024 = "/documents/g7001/Printed minutes 12th-Sep-2024 17.00 Transport and Connectivity Policy Committee.pdf"
SUPPLEMENTARY = "/documents/s11642/Supplementary Questions and Mayors Responses.pdf"


class Killed(BaseException):
    """Stands in for the process being killed: not an Exception, so nothing in the crawler catches it."""


def crawl(db_path, site, *, on_request=None, **options):
    db = open_archive(db_path)
    settings = dict(council=COUNCIL, delay=DELAY, timeout=0.3, backoff=0.02, today=TODAY)
    settings.update(options)
    crawler = Crawler(db, site.base_url, Cache(f"{db_path}.cache"), CrawlOptions(**settings), on_request=on_request)
    try:
        return crawler.run()
    finally:
        crawler.close()
        db.close()


def rows(db_path, sql, params=()):
    return sqlite3.connect(db_path).execute(sql, params).fetchall()


def count(db_path, table, where="1"):
    return rows(db_path, f"select count(*) from {table} where {where}")[0][0]


#: columns that hold the time something happened: equal archives may differ there
TIMESTAMPS = {"ingested_at", "fetched_at", "last_fetched", "last_run", "listed_at", "failed_at"}


def snapshot(db_path) -> dict:
    """Every archive and crawl table's rows, sorted, without timestamps (provenance's fetched_at too)."""
    conn = sqlite3.connect(db_path)
    out = {}
    tables = [r[0] for r in conn.execute("select name from sqlite_master where type = 'table' "
                                         "and name not like '%_fts%' and name != 'ingest_failures'")]
    for table in tables:
        cursor = conn.execute(f"select * from [{table}]")
        names = [c[0] for c in cursor.description]
        table_rows = []
        for row in cursor.fetchall():
            record = {k: v for k, v in zip(names, row) if k not in TIMESTAMPS}
            if record.get("provenance"):
                provenance = json.loads(record["provenance"])
                provenance.pop("fetched_at", None)
                record["provenance"] = provenance
            table_rows.append(json.dumps(record, sort_keys=True, default=str))
        out[table] = sorted(table_rows)
    out["ingest_failures"] = sorted(conn.execute("select path, reason from ingest_failures").fetchall())
    return out


@pytest.fixture(scope="module")
def site():
    with FakeModernGov() as running:
        yield running


@pytest.fixture(scope="module")
def full(site, tmp_path_factory):
    """One uninterrupted crawl of the whole site: (archive path, summary, server log of the crawl)."""
    db_path = tmp_path_factory.mktemp("full") / "archive.db"
    start = site.mark()
    summary = crawl(db_path, site)
    return db_path, summary, site.log[start:]


# --------------------------------------------------------------------------- a whole crawl


def test_crawl_loads_every_meeting_item_and_document(full):
    db_path, summary, _ = full
    assert rows(db_path, "select meeting_id, committee, date, status, done from crawl_meetings order by meeting_id") == [
        ("7001", "Transport and Connectivity Policy Committee", "2024-09-12", "Confirmed", 1),
        ("7002", "Transport and Connectivity Policy Committee", "2024-10-15", "Cancelled", 1),
        ("7003", "Transport and Connectivity Policy Committee", "2026-03-19", "Confirmed", 0),  # its 404 is retried
        ("7101", "Joint Committee & Mayor's Questions", "2026-06-05", "Confirmed; Special Meeting", 1),
        ("7102", "Joint Committee & Mayor's Questions", "2026-09-10", "Confirmed", 1),
    ]
    # 4 GetMeeting answers (the cancelled meeting has none) + 4 linked PDFs, the one shared by
    # two meetings stored once
    assert count(db_path, "documents", "content_type = 'application/xml'") == 4
    assert sorted(r[0] for r in rows(db_path, "select filename from documents where content_type = 'application/pdf'")) == [
        "Decisions 12th-Sep-2024 17.00 Transport and Connectivity Policy Committee.pdf",
        "FINAL - Public Questions and Mayors Responses.pdf",
        "Printed minutes 12th-Sep-2024 17.00 Transport and Connectivity Policy Committee.pdf",
        "Printed minutes 19th-Mar-2026 17.00 Transport and Connectivity Policy Committee.pdf",
    ]
    # every agenda item of every GetMeeting answer
    assert count(db_path, "agenda_items a join documents d on d.id = a.document_id",
                 "d.content_type = 'application/xml'") == 4 + 3 + 1 + 1
    assert (summary.meetings, summary.documents, summary.failed) == (5, 8, 1)
    assert rows(db_path, "select path, reason from ingest_failures") == [
        (rows(db_path, "select url from crawl_urls where error = 'HTTP 404'")[0][0], "HTTP 404")]


def test_a_meeting_and_its_documents_are_one_meeting(full):
    """Printed minutes, decisions and question packs are filed under the meeting the GetMeeting XML
    describes (council + committee title + date), not under meetings of their own."""
    db_path, _, _ = full
    meetings = rows(db_path, "select body, date, count(d.id) from meetings m join documents d on d.meeting_id = m.id "
                             "group by m.id order by date")
    assert meetings == [
        ("Transport and Connectivity Policy Committee", "2024-09-12", 3),  # XML, printed minutes, decisions
        ("Transport and Connectivity Policy Committee", "2026-03-19", 2),  # XML, printed minutes
        ("Joint Committee & Mayor's Questions", "2026-06-05", 2),  # XML, question pack
        ("Joint Committee & Mayor's Questions", "2026-09-10", 1),
    ]
    assert count(db_path, "meetings") == 4


def test_rebuild_keeps_documents_under_the_meeting_that_links_them(full, tmp_path):
    """The linking meeting comes from each document's stored provenance, so re-extracting from the
    raw cache files every document under the same meeting again."""
    db_path = tmp_path / "archive.db"
    shutil.copy(full[0], db_path)
    shutil.copytree(f"{full[0]}.cache", f"{db_path}.cache")
    query = "select m.body, m.date, d.filename from documents d join meetings m on m.id = d.meeting_id order by 2, 3"
    before = rows(db_path, query)
    result = CliRunner().invoke(cli, ["rebuild", str(db_path), "--all", "-s"])
    assert result.exit_code == 0, result.output
    assert rows(db_path, query) == before
    assert count(db_path, "meetings") == 4


def test_provenance_and_urls_on_the_sites_own_host(full, site):
    db_path, _, _ = full
    url, provenance = rows(db_path, "select url, provenance from documents where filename like 'Printed minutes 12th%'")[0]
    assert url.startswith(site.base_url + "/documents/g7001/")  # not the service's "LocalHost" spelling
    facts = json.loads(provenance)
    assert facts["council"] == COUNCIL and facts["committee_id"] == "101" and facts["meeting_id"] == "7001"
    assert facts["attachment_id"] == "65002" and facts["item_id"] == "51010" and facts["url"] == url
    assert len(facts["sha256"]) == 64 and facts["fetched_at"]


def test_polite_requests(full, site):
    """Delay between requests (server-side timestamps), retries after 429 and a timeout, one fetch
    per document, robots.txt honoured, never another host, our User-Agent."""
    _, _, log = full
    times = [t for t, _, _ in log]
    assert min(b - a for a, b in zip(times, times[1:])) >= DELAY
    paths = [unquote(p.split("?")[0]) for _, p, _ in log]
    statuses = [status for _, p, status in log if unquote(p.split("?")[0]) == THROTTLED_ONCE]
    assert statuses == [429, 200]
    assert paths.count(SLOW_ONCE) == 2  # timed out once, asked again
    assert paths.count(PM2024) == 1  # linked from two meetings, downloaded once
    assert FORBIDDEN_BY_ROBOTS not in paths
    assert not [p for _, p, _ in log if p.startswith("//")]  # nothing asked of 127.0.0.1
    assert paths[0] == "/robots.txt"
    assert site.user_agents == {USER_AGENT}


# --------------------------------------------------------------------------- resume, incremental


@pytest.mark.parametrize("kill_after", [7, 12])
def test_killed_crawl_resumes_to_the_same_archive(full, site, tmp_path, kill_after):
    """Killed after N requests (mid-meeting), a rerun gives the archive an uninterrupted crawl gives."""
    db_path = tmp_path / "archive.db"
    seen = []

    def kill(url):
        seen.append(url)
        if len(seen) > kill_after:
            raise Killed()

    with pytest.raises(Killed):
        crawl(db_path, site, on_request=kill)
    assert count(db_path, "crawl_meetings", "done = 1") < 4
    crawl(db_path, site)
    assert snapshot(db_path) == snapshot(full[0])


def test_sigkilled_cli_crawl_resumes_to_the_same_archive(full, site, tmp_path):
    """The real thing: `minutes-archive moderngov` killed with SIGKILL part-way, then run again."""
    db_path = tmp_path / "archive.db"
    command = [sys.executable, "-m", "ingest", "moderngov", str(db_path), site.base_url, "--council", COUNCIL,
               "--delay", "0.1", "-s"]
    start = site.mark()
    process = subprocess.Popen(command, cwd=ROOT.parent.parent, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while len(site.document_requests(start)) < 2 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL
    assert count(db_path, "crawl_meetings", "done = 1") < 4
    rerun = CliRunner().invoke(cli, command[3:-2] + ["0.01", "-s"])
    assert rerun.exit_code == 1, rerun.output  # the missing file still fails
    reference = tmp_path / "reference.db"  # the command also runs the people/thread link pass
    shutil.copy(full[0], reference)
    db = open_archive(reference)
    link_archive(db)
    db.close()
    assert snapshot(db_path) == snapshot(reference)


def test_second_run_downloads_nothing_for_unchanged_meetings(full, site, tmp_path):
    db_path = tmp_path / "archive.db"
    shutil.copy(full[0], db_path)
    shutil.copytree(f"{full[0]}.cache", f"{db_path}.cache")
    before = snapshot(db_path)
    start = site.mark()
    summary = crawl(db_path, site)
    # only the window is listed again; its meetings' XML is unchanged; 7003 is revisited because
    # its missing file failed, and only that file is asked for again
    assert site.document_requests(start) == [MISSING]
    assert sorted(p for p in site.paths(start) if "GetMeeting?" in p) == [
        "/mgWebService.asmx/GetMeeting?lMeetingId=7003", "/mgWebService.asmx/GetMeeting?lMeetingId=7101",
        "/mgWebService.asmx/GetMeeting?lMeetingId=7102"]
    assert "sFromDate=02/05/2026" in next(p for p in site.paths(start) if "GetMeetings" in p)
    assert (summary.documents, summary.unchanged, summary.failed) == (0, 2, 1)
    assert snapshot(db_path) == before


def test_later_run_fetches_new_and_changed_meetings_only(tmp_path):
    db_path = tmp_path / "archive.db"
    with FakeModernGov() as site:
        crawl(db_path, site)
        documents = {r[0] for r in rows(db_path, "select id from documents")}
        site.overrides = {"webservice/GetMeeting-7101.xml": "webservice/GetMeeting-7101-v2.xml",
                          "webservice/GetMeetings-102.xml": "webservice/GetMeetings-102-v2.xml"}
        start = site.mark()
        summary = crawl(db_path, site)
        assert site.document_requests(start) == [MISSING, SUPPLEMENTARY]
    # new: 7101's new XML and its supplementary pack, 7103's XML; nothing archived was deleted
    assert summary.documents == 3
    assert documents < {r[0] for r in rows(db_path, "select id from documents")}
    assert rows(db_path, "select done from crawl_meetings where meeting_id = '7103'") == [(1,)]
    # 7101's first XML is kept, marked superseded by the new one, whose records replace its own:
    # the meeting's agenda items are listed once, not once per version
    versions = rows(db_path, "select id, superseded_by from documents where filename = 'GetMeeting-7101.xml' "
                             "order by superseded_by is null")
    assert len(versions) == 2 and versions[0][1] == versions[1][0] and versions[1][1] is None
    titles = [r[0] for r in rows(db_path, "select a.title from agenda_items a join documents d on d.id = a.document_id "
                                          "where d.filename = 'GetMeeting-7101.xml'")]
    assert titles and len(titles) == len(set(titles))
    assert count(db_path, "agenda_items", f"document_id = '{versions[0][0]}'") == 0
    # and a rebuild from the raw cache leaves the superseded version as it is
    assert CliRunner().invoke(cli, ["rebuild", str(db_path), "--all", "-s"]).exit_code == 0
    assert count(db_path, "agenda_items", f"document_id = '{versions[0][0]}'") == 0


# --------------------------------------------------------------------------- fallback, robots, limits


def test_html_pages_when_the_web_service_is_disabled(tmp_path):
    db_path = tmp_path / "archive.db"
    with FakeModernGov(service=False) as site:
        summary = crawl(db_path, site)
        paths = site.paths()
    assert [p for p in paths if "mgWebService" in p] == ["/mgWebService.asmx/GetCommittees"]
    assert "/ieListDocuments.aspx?CId=101&MId=7002" not in paths  # cancelled: recorded, not read
    assert rows(db_path, "select meeting_id, status, source from crawl_meetings order by meeting_id") == [
        ("7001", None, "html"), ("7002", "Cancelled", None), ("7003", None, "html"), ("7101", None, "html"),
        ("7102", None, "html")]
    assert count(db_path, "documents", "content_type = 'text/html'") == 4
    assert count(db_path, "documents", "content_type = 'application/pdf'") == 4
    assert rows(db_path, "select body, date from meetings order by date") == [
        ("Transport and Connectivity Policy Committee", "2024-09-12"),
        ("Transport and Connectivity Policy Committee", "2026-03-19"),
        ("Joint Committee & Mayor's Questions", "2026-06-05"), ("Joint Committee & Mayor's Questions", "2026-09-10")]
    assert count(db_path, "documents", "meeting_id is null") == 0
    assert (summary.meetings, summary.documents, summary.failed) == (5, 8, 1)


def test_robots_txt_disallowing_everything_stops_the_crawl(tmp_path):
    with FakeModernGov(robots="User-agent: *\nDisallow: /\n") as site:
        with pytest.raises(CrawlError, match="disallowed by robots.txt"):
            crawl(tmp_path / "archive.db", site)
        assert site.paths() == ["/robots.txt"]


def test_size_cap_aborts_the_download(site):
    client = PoliteClient(site.base_url, CrawlOptions(delay=0, max_bytes=10_000))
    try:
        with pytest.raises(FetchError, match="larger than 10000 bytes"):
            client.get(site.base_url + PM2024.replace(" ", "%20"))
        with pytest.raises(FetchError, match="not on the site's host"):
            client.get(site.base_url.replace("localhost", "127.0.0.1") + "/robots.txt")
    finally:
        client.close()


def test_redirects_are_followed_on_the_site_only(site):
    client = PoliteClient(site.base_url, CrawlOptions(delay=0))
    try:
        assert client.get(site.base_url + "/redirect/on").content.startswith(b"User-agent")
        with pytest.raises(FetchError, match="redirected off the site"):
            client.get(site.base_url + "/redirect/off")
        with pytest.raises(FetchError, match="too many redirects"):
            client.get(site.base_url + "/redirect/loop")
    finally:
        client.close()


def test_cli_crawls_then_reports_failures_with_exit_1(tmp_path):
    db_path = tmp_path / "archive.db"
    base = ["moderngov", str(db_path), "--council", COUNCIL, "--delay", "0.01", "--committee", "101"]
    with FakeModernGov() as site:
        first = CliRunner().invoke(cli, base[:2] + [site.base_url] + base[2:] + ["--until", "2024-12-31"])
        assert first.exit_code == 0, first.output
        assert "2 meetings, 3 documents loaded, 0 unchanged, 0 failed" in first.output
        second = CliRunner().invoke(cli, base[:2] + [site.base_url] + base[2:])
    assert second.exit_code == 1
    assert "Error: " in second.output and "HTTP 404" in second.output
    assert "1 meeting, 2 documents loaded, 2 unchanged, 1 failed" in second.output


# --------------------------------------------------------------------------- small pieces


def test_quirks():
    assert unescape("Mayor&#39;s &amp;amp; Cabinet") == "Mayor's & Cabinet"
    assert same_host("http://LocalHost:8080/x", "http://localhost:8080/") and not same_host(
        "http://127.0.0.1:8080/x", "http://localhost:8080/")
    assert on_site("HTTP://Democracy.Bristol.gov.uk/documents/g1/Printed minutes.pdf?T=1",
                   "https://democracy.bristol.gov.uk/") == "https://democracy.bristol.gov.uk/documents/g1/Printed%20minutes.pdf?T=1"
    assert is_service_refusal(500, b"System.InvalidOperationException: GetDecisions Web Service method name is not valid.")
    assert not is_service_refusal(503, b"busy")
    assert filename_for("https://x/mgConvert2PDF.aspx?ID=65461", None, {}) == "attachment-65461.pdf"
    assert text_date("Thursday, 12th September, 2024 5.00 pm") == "2024-09-12"
    assert norm_name("Transport & Connectivity Policy Committee") == norm_name("Transport and Connectivity Policy Committee")


def test_parsers_refuse_html_where_xml_should_be():
    with pytest.raises(ServiceRefused):
        parse_committees(b"<!DOCTYPE html><html><body>Service disabled</body></html>")
    meeting = parse_meeting((ROOT / "webservice" / "GetMeeting-7003.xml").read_bytes())
    assert [d["item_title"] for d in meeting["documents"]] == ["Minutes of the Previous Meeting", "Public Forum",
                                                               "Printed minutes"]
    meetings, years = parse_meeting_list_html((ROOT / "pages" / "ieListMeetings-101-2024.html").read_bytes(), "101")
    assert meetings == [{"id": "7001", "date": "2024-09-12", "status": None},
                        {"id": "7002", "date": "2024-10-15", "status": "Cancelled"}]
    assert years == {2024, 2025, 2026}


def test_a_page_that_goes_back_to_an_earlier_version_is_live_again(tmp_path):
    """A -> B -> A: the first version, held but superseded, is re-extracted and carries the
    meeting's records again; exactly one version is live."""
    db_path = tmp_path / "archive.db"
    with FakeModernGov() as site:
        crawl(db_path, site)
        site.overrides = {"webservice/GetMeeting-7101.xml": "webservice/GetMeeting-7101-v2.xml"}
        crawl(db_path, site)
        site.overrides = {}
        crawl(db_path, site)
    live = rows(db_path, "select id from documents where filename = 'GetMeeting-7101.xml' and superseded_by is null")
    assert len(live) == 1
    assert count(db_path, "agenda_items", f"document_id = '{live[0][0]}'") > 0


def test_force_reingest_keeps_a_superseded_version_superseded(tmp_path):
    db_path = tmp_path / "archive.db"
    with FakeModernGov() as site:
        crawl(db_path, site)
        site.overrides = {"webservice/GetMeeting-7101.xml": "webservice/GetMeeting-7101-v2.xml"}
        crawl(db_path, site)
    (old,), = rows(db_path, "select id from documents where filename = 'GetMeeting-7101.xml' and superseded_by is not null")
    copy = tmp_path / "GetMeeting-7101.xml"
    copy.write_bytes(Cache(f"{db_path}.cache").get(old))
    assert CliRunner().invoke(cli, ["ingest", str(db_path), str(copy), "--force", "-s"]).exit_code == 0
    assert count(db_path, "documents", f"id = '{old}' and superseded_by is not null") == 1
    assert count(db_path, "agenda_items", f"document_id = '{old}'") == 0
