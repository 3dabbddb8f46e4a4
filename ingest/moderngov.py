"""Crawl a whole ModernGov council site into the archive: committees -> meetings -> documents.

The web service (`mgWebService.asmx`, plain GET) is preferred: GetCommittees, GetMeetings per
committee and date range, GetMeeting per meeting. When a council has switched it off (404, 500
"method name is not valid", or an HTML page where XML should be) the crawler reads the HTML
pages instead: mgListCommittees.aspx, ieListMeetings.aspx?CId=&Year=, ieListDocuments.aspx?CId=&MId=.

Each meeting's GetMeeting XML (or meeting page) is ingested as a document, and so is every
document it links (printed minutes, question packs, decisions), through ingest.pipeline.process()
with provenance. Bookkeeping lives in the `crawl_*` tables (schema/archive.sql, "crawler (issue 6)"):
a meeting is `done` once it and all its documents were handled, and every fetched URL keeps the
sha256 of what it returned, so a killed run resumes where it stopped and a later run only fetches
new or changed meetings (plus a rolling window of recent ones, whose minutes appear weeks later).

Politeness: one connection, a delay between requests, robots.txt, retries with exponential
backoff that honour Retry-After, a size cap per file, and never a request to another host.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import html
import logging
import re
import time
import urllib.robotparser
from dataclasses import dataclass, field
from email.message import Message
from importlib import metadata
from typing import Callable, Optional
from urllib.parse import parse_qs, quote, unquote, urljoin, urlsplit, urlunsplit

import httpx
from lxml import etree
from lxml import html as lhtml

from extract import SUFFIX_TYPES, ReadError
from extract import read_xml as xml_reader
from schema.load import now, supersede_document

from .cache import Cache
from .pipeline import LOADED, IngestError, fail, process, provenance_json
from .sources import Source

log = logging.getLogger("minutes_archive")

try:
    VERSION = metadata.version("council-minutes-archive")
except metadata.PackageNotFoundError:  # running from a checkout that was never installed
    VERSION = "0"
USER_AGENT = (f"council-minutes-archive/{VERSION} "
              "(+https://github.com/council-minutes-archive/council-minutes-archive; "
              "bulk archive of public council papers)")

#: the earliest date a first (full) crawl asks for: ModernGov sites rarely hold older meetings
EPOCH = dt.date(2000, 1, 1)
RETRY_STATUSES = {429, 500, 502, 503, 504}
MAX_RETRY_AFTER = 300.0  # a server asking for a longer pause gets a failure now and a retry next run
MAX_REDIRECTS = 5
XML_TYPE = "application/xml"


class CrawlError(Exception):
    """The crawl cannot go on at all (site unreachable, robots.txt forbids it, nothing listed)."""


class FetchError(Exception):
    """One URL could not be fetched; str() is a short reason ("HTTP 404", "larger than 50 MB")."""

    def __init__(self, reason: str, status: Optional[int] = None):
        super().__init__(reason)
        self.status = status


class ServiceRefused(FetchError):
    """The web service is disabled or does not know the method: use the HTML pages instead."""


@dataclass
class CrawlOptions:
    council: Optional[str] = None
    since: Optional[dt.date] = None  # None: everything on a first crawl, the window afterwards
    until: Optional[dt.date] = None  # None: a year ahead (future meetings carry agendas)
    committees: tuple = ()  # committee ids to crawl; empty = all
    delay: float = 1.0
    window: int = 60  # days back from today that are always re-read
    max_bytes: int = 50 * 1024 * 1024
    timeout: float = 30.0
    retries: int = 4
    backoff: float = 1.0  # first retry waits this long, then doubles
    today: Optional[dt.date] = None  # injectable for tests


@dataclass
class Fetched:
    url: str
    content: bytes
    content_type: Optional[str]
    filename: Optional[str]  # from Content-Disposition, when the server names the file


# --------------------------------------------------------------------------------------------
# Polite HTTP


def same_host(a: str, b: str) -> bool:
    """Host (and port) equality ignoring case: the web service returns "Democracy.Bristol.gov.uk"
    in URLs for a site asked as "democracy.bristol.gov.uk"."""
    sa, sb = urlsplit(a), urlsplit(b)
    return (sa.hostname or "").lower() == (sb.hostname or "").lower() and sa.port == sb.port


def retry_after(response: httpx.Response, default: float) -> float:
    """Seconds to wait before retrying: the Retry-After header (seconds) when given, else `default`."""
    value = response.headers.get("retry-after", "").strip()
    if value.isdigit():
        return float(value)
    return default


class PoliteClient:
    """One httpx connection to one host, a delay between requests, robots.txt, retries, a size cap.

    `on_request(url)` is called before every request (tests use it to count or to kill a run)."""

    def __init__(self, base_url: str, options: CrawlOptions, *, transport=None,
                 on_request: Optional[Callable[[str], None]] = None):
        self.base_url = base_url
        self.options = options
        self.delay = options.delay
        self.on_request = on_request
        self._last = None  # monotonic time the previous response ended
        self.client = httpx.Client(
            headers={"User-Agent": USER_AGENT}, timeout=options.timeout, follow_redirects=False,
            limits=httpx.Limits(max_connections=1, max_keepalive_connections=1), transport=transport)
        self.robots = self._load_robots()

    def close(self):
        self.client.close()

    def _load_robots(self) -> urllib.robotparser.RobotFileParser:
        """robots.txt from the site's root; a missing file allows everything, 401/403 nothing."""
        parts = urlsplit(self.base_url)
        url = urlunsplit((parts.scheme, parts.netloc, "/robots.txt", "", ""))
        robots = urllib.robotparser.RobotFileParser(url)
        try:
            response = self._request(url)
        except httpx.HTTPError as exc:
            raise CrawlError(f"{self.base_url}: site unreachable ({type(exc).__name__})") from None
        if response.status_code in (401, 403):
            robots.disallow_all = True
        elif response.status_code == 429 or response.status_code >= 500:
            raise CrawlError(f"{self.base_url}: robots.txt unavailable (HTTP {response.status_code}); try later")
        elif response.status_code >= 400:
            robots.allow_all = True
        else:
            robots.parse(response.content.decode("utf-8", "replace").splitlines())
            crawl_delay = robots.crawl_delay(USER_AGENT)
            if crawl_delay:
                self.delay = max(self.delay, float(crawl_delay))
        return robots

    def allowed(self, url: str) -> bool:
        return self.robots.can_fetch(USER_AGENT, url)

    def _wait(self):
        if self._last is not None:
            pause = self._last + self.delay - time.monotonic()
            if pause > 0:
                time.sleep(pause)

    def _request(self, url: str) -> httpx.Response:
        """One GET after the polite pause, body read in full (robots.txt and small pages)."""
        self._wait()
        if self.on_request:
            self.on_request(url)
        try:
            return self.client.get(url)
        finally:
            self._last = time.monotonic()

    def _stream(self, url: str) -> tuple[httpx.Response, bytes]:
        """One GET after the polite pause, streamed and cut off past the size cap."""
        self._wait()
        if self.on_request:
            self.on_request(url)
        try:
            with self.client.stream("GET", url) as response:
                if response.status_code != 200:
                    response.read()
                    return response, response.content
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > self.options.max_bytes:
                    raise FetchError(f"larger than {self.options.max_bytes} bytes ({declared})")
                chunks, size = [], 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > self.options.max_bytes:
                        raise FetchError(f"larger than {self.options.max_bytes} bytes")
                    chunks.append(chunk)
                return response, b"".join(chunks)
        finally:
            self._last = time.monotonic()

    def get(self, url: str, *, retries: Optional[int] = None, service: bool = False, hops: int = 0) -> Fetched:
        """Fetch `url` politely. Raises FetchError (or ServiceRefused) with a short reason."""
        if not same_host(url, self.base_url):
            raise FetchError("not on the site's host (never followed)")
        if not self.allowed(url):
            raise FetchError("disallowed by robots.txt")
        retries = self.options.retries if retries is None else retries
        for attempt in range(retries + 1):
            wait = self.options.backoff * (2 ** attempt)
            try:
                response, body = self._stream(url)
            except httpx.TimeoutException:
                if attempt == retries:
                    raise FetchError("timed out") from None
                log.debug("timeout on %s, retrying in %.2fs", url, wait)
                time.sleep(wait)
                continue
            except httpx.TransportError as exc:
                if attempt == retries:
                    raise FetchError(f"connection failed ({type(exc).__name__})") from None
                time.sleep(wait)
                continue
            if response.is_redirect:
                return self._follow(url, response, retries, service, hops)
            if response.status_code == 200:
                return Fetched(str(response.url), body, response.headers.get("content-type"),
                               disposition_filename(response.headers.get("content-disposition")))
            if service and is_service_refusal(response.status_code, body):
                raise ServiceRefused(f"web service refused (HTTP {response.status_code})", response.status_code)
            if response.status_code not in RETRY_STATUSES or attempt == retries:
                raise FetchError(f"HTTP {response.status_code}", response.status_code)
            pause = retry_after(response, wait)
            if pause > MAX_RETRY_AFTER:
                raise FetchError(f"HTTP {response.status_code}, asked to wait {pause:.0f}s", response.status_code)
            log.debug("HTTP %s on %s, retrying in %.2fs", response.status_code, url, pause)
            time.sleep(pause)
        raise FetchError("gave up")  # not reached: the loop returns or raises

    def _follow(self, url, response, retries, service, hops) -> Fetched:
        """Follow a redirect by hand, so that one to another host is refused, not followed."""
        target = urljoin(url, response.headers.get("location", ""))
        if not same_host(target, self.base_url):
            raise FetchError(f"redirected off the site ({urlsplit(target).hostname})")
        if hops >= MAX_REDIRECTS:
            raise FetchError("too many redirects")
        return self.get(on_site(target, self.base_url), retries=retries, service=service, hops=hops + 1)


def disposition_filename(header: Optional[str]) -> Optional[str]:
    """The file name a server gives in Content-Disposition: `inline; filename="Printed minutes.pdf"`."""
    if not header:
        return None
    message = Message()
    message["content-disposition"] = header
    name = (message.get_filename() or "").replace("/", "_").strip()
    return name or None


def is_service_refusal(status: int, body: bytes) -> bool:
    """True when mgWebService.asmx says it won't answer this method (disabled, unknown method):
    "System.InvalidOperationException: GetDecisions Web Service method name is not valid."
    Such a 500 is permanent, so it is not retried."""
    if status not in (400, 403, 404, 500, 501):
        return False
    text = body[:4000].decode("utf-8", "replace").lower()
    return status == 404 or any(marker in text for marker in (
        "method name is not valid", "request format is unrecognized", "request format is invalid",
        "invalidoperationexception", "web service is disabled", "service is not available"))


def on_site(url: str, base_url: str) -> str:
    """Rewrite a same-host URL to the base URL's scheme and host spelling, and quote spaces, so one
    document has one URL whatever case the service printed the host in."""
    parts, base = urlsplit(url), urlsplit(base_url)
    path = quote(unquote(parts.path), safe="/%:@!$&'()*+,;=-._~")
    return urlunsplit((base.scheme, base.netloc, path, parts.query.replace(" ", "%20"), ""))


# --------------------------------------------------------------------------------------------
# Parsing: web-service XML


def unescape(text: Optional[str]) -> str:
    """Undo ModernGov's escaping, which is sometimes applied twice: "Children&amp;#39;s" arrives
    as "Children&#39;s" after XML parsing and needs one more pass to become "Children's"."""
    text = text or ""
    for _ in range(3):
        plain = html.unescape(text)
        if plain == text:
            break
        text = plain
    return re.sub(r"\s+", " ", text).strip()


def iso_date(text: Optional[str]) -> Optional[str]:
    """ModernGov's day-first "12/09/2024" (sometimes with a time after it) -> "2024-09-12"."""
    match = re.search(r"(\d{1,2})/(\d{1,2})/(\d{4})", text or "")
    if not match:
        return None
    day, month, year = (int(g) for g in match.groups())
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _service(parse, raw: bytes):
    """Run one of extract.read_xml's parsers (the one place ModernGov XML is parsed) over a service
    answer. An HTML page (a login or error page) or anything not XML where XML should be means the
    service is not really there, so the crawler turns to the HTML pages."""
    head = raw[:300].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")):
        raise ServiceRefused("web service answered with an HTML page")
    try:
        return parse(raw)
    except ReadError as exc:
        raise ServiceRefused(f"web service answer unusable ({exc})") from None


def parse_committees(raw: bytes) -> list[dict]:
    """GetCommittees -> [{"id": "101", "title": "Transport and Connectivity Policy Committee"}],
    deleted committees left out."""
    return [{"id": c["committee_id"], "title": c.get("title") or ""}
            for c in _service(xml_reader.parse_committees, raw)
            if c.get("committee_id") and not c.get("deleted")]


def parse_meetings(raw: bytes) -> list[dict]:
    """GetMeetings -> [{"id", "date" (ISO), "status"}]."""
    return [{"id": m["meeting_id"], "date": m.get("date"), "status": m.get("status")}
            for m in _service(xml_reader.parse_meetings, raw)]


def parse_meeting(raw: bytes) -> dict:
    """GetMeeting -> {"id", "date", "status", "committee_id", "committee", "documents": [...]}.

    Documents are the agenda items' linked documents, each once, {"url", "title", "attachment_id",
    "item_id", "item_title"}; restricted (exempt) items and attachments are left out: not public."""
    meeting = _service(xml_reader.parse_meeting, raw)
    docs, seen = [], set()
    for item in meeting.get("items", []):
        if item.get("is_restricted"):
            continue
        for doc in item.get("documents", []):
            url = unescape(doc.get("url"))
            if not url or url in seen or doc.get("is_restricted"):
                continue
            seen.add(url)
            docs.append({"url": url, "title": doc.get("title"), "attachment_id": doc.get("attachment_id"),
                         "item_id": item.get("agenda_item_id"), "item_title": item.get("title")})
    return {"id": meeting.get("meeting_id"), "date": meeting.get("date"), "status": meeting.get("status"),
            "committee_id": meeting.get("committee_id"), "committee": meeting.get("committee"), "documents": docs}


# --------------------------------------------------------------------------------------------
# Parsing: HTML fallback pages

_MEETING_LINK = re.compile(r"ieListDocuments\.aspx\?(?=[^\"']*\bCId=(\d+))(?=[^\"']*\bMId=(\d+))", re.I)
_YEAR_LINK = re.compile(r"ieListMeetings\.aspx\?[^\"']*\bYear=(\d{4})", re.I)
#: "Thursday, 12th September, 2024 5.00 pm", "12 Sep 2024 17:00", "12/09/2024"
_TEXT_DATE = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9}),?\s+(\d{4})\b")
#: a published document: documents/s11483/…pdf (report), documents/g727/…pdf (meeting pack),
#: mgConvert2PDF.aspx?ID=65461; documents/b…/ bundles repeat the s-documents and are skipped
_DOC_LINK = re.compile(r"(?:^|/)(?:documents/[sg]\d+/[^?#]+|mgConvert2PDF\.aspx\?ID=\d+)", re.I)


def _page(raw: bytes):
    try:
        return lhtml.fromstring(raw)
    except (etree.ParserError, ValueError) as exc:
        raise FetchError(f"not an HTML page ({exc})") from None


def text_date(text: str) -> Optional[str]:
    """A meeting date as a ModernGov page prints it -> ISO (day first, English month names)."""
    iso = iso_date(text)
    if iso:
        return iso
    match = _TEXT_DATE.search(text or "")
    if not match:
        return None
    day, month, year = match.groups()
    for fmt in ("%d %B %Y", "%d %b %Y"):
        try:
            return dt.datetime.strptime(f"{day} {month} {year}", fmt).date().isoformat()
        except ValueError:
            continue
    return None


def parse_committee_list_html(raw: bytes) -> list[dict]:
    """mgListCommittees.aspx -> committees from its mgCommitteeDetails.aspx?ID= links."""
    out, seen = [], set()
    for a in _page(raw).iter("a"):
        match = re.search(r"mgCommitteeDetails\.aspx\?ID=(\d+)", a.get("href") or "", re.I)
        if match and match.group(1) not in seen:
            seen.add(match.group(1))
            out.append({"id": match.group(1), "title": unescape(a.text_content())})
    return out


def parse_meeting_list_html(raw: bytes, committee_id: str) -> tuple[list[dict], set[int]]:
    """ieListMeetings.aspx -> (meetings of this committee, years the page links to).

    A cancelled meeting is marked in the link or beside it: "15 Oct 2024 5.00 pm CANCELLED"."""
    meetings, seen = [], set()
    page = _page(raw)
    years = {int(y) for a in page.iter("a") for y in _YEAR_LINK.findall(a.get("href") or "")}
    for a in page.iter("a"):
        match = _MEETING_LINK.search(a.get("href") or "")
        if not match or match.group(1) != committee_id or match.group(2) in seen:
            continue
        seen.add(match.group(2))
        holder = a.getparent() if a.getparent() is not None and a.getparent().tag in ("li", "td", "p") else a
        label = unescape(holder.text_content())
        meetings.append({"id": match.group(2), "date": text_date(label),
                         "status": "Cancelled" if re.search(r"\bcancell?ed\b", label, re.I) else None})
    return meetings, years


def parse_document_links_html(raw: bytes, page_url: str) -> list[dict]:
    """ieListDocuments.aspx -> the documents it links, absolute URLs, each once, with the title of
    the agenda item whose row holds the link (its `p.mgAiTitleTxt`)."""
    docs, seen = [], set()
    for a in _page(raw).iter("a"):
        href = (a.get("href") or "").strip()
        if not _DOC_LINK.search(href):
            continue
        url = urljoin(page_url, href.replace(" ", "%20"))
        if url in seen:
            continue
        seen.add(url)
        match = re.search(r"ID=(\d+)", href)
        docs.append({"url": url, "title": unescape(a.text_content()), "item_id": None, "item_title": _item_title(a),
                     "attachment_id": match.group(1) if match and "mgconvert2pdf" in href.lower() else None})
    return docs


def _item_title(link) -> Optional[str]:
    """The agenda item a link sits under: the first mgAiTitleTxt paragraph of its table cell that
    is not the item number ("1.")."""
    cell = next((el for el in link.iterancestors() if el.tag == "td"), None)
    if cell is None:
        return None
    for p in cell.find_class("mgAiTitleTxt"):
        text = unescape(p.text_content())
        if text and not re.fullmatch(r"[\w.]{1,5}\.?", text):
            return text
    return None


# --------------------------------------------------------------------------------------------
# Bookkeeping (crawl_sites / crawl_meetings / crawl_urls in schema/archive.sql)


def site_key(base_url: str) -> str:
    """One spelling per site: lower-case scheme and host, no trailing slash."""
    parts = urlsplit(base_url)
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path.rstrip("/"), "", ""))


def _row(db, sql, params) -> Optional[dict]:
    cursor = db.execute(sql, params)
    row = cursor.fetchone()
    return dict(zip([c[0] for c in cursor.description], row)) if row else None


def meeting_state(db, site, meeting_id) -> Optional[dict]:
    return _row(db, "select * from crawl_meetings where site = ? and meeting_id = ?", [site, meeting_id])


def save_meeting_state(db, site, meeting_id, **fields) -> None:
    fields.update(site=site, meeting_id=meeting_id, last_fetched=now())
    with db.atomic():
        db["crawl_meetings"].upsert(fields, pk=("site", "meeting_id"))


def url_state(db, url) -> Optional[dict]:
    return _row(db, "select * from crawl_urls where url = ?", [url])


def retire_previous_version(db, old_sha: str, new_sha: str) -> None:
    """A meeting page republished with changes (agenda first, minutes weeks later) replaces its
    older version's records; the older document stays in the archive, marked superseded, unless
    another URL still serves those bytes."""
    still_served = db.execute("select 1 from crawl_urls where sha256 = ? limit 1", [old_sha]).fetchone()
    if not still_served:
        supersede_document(db, old_sha, new_sha)


def reinstate_document(db, sha: str) -> bool:
    """Clear the superseded mark of a held document that is current again; True when it had one
    (its records must then be extracted again)."""
    row = db.execute("select superseded_by from documents where id = ?", [sha]).fetchone()
    if not (row and row[0]):
        return False
    with db.atomic():
        db.execute("update documents set superseded_by = null where id = ?", [sha])
    return True


def save_url_state(db, site, url, **fields) -> None:
    fields.update(url=url, site=site, fetched_at=now())
    with db.atomic():
        db["crawl_urls"].upsert(fields, pk="url")


# --------------------------------------------------------------------------------------------
# The crawl


@dataclass
class Listed:
    """A meeting as the listing showed it, before its own page or XML is read."""

    id: str
    committee_id: str
    committee: str
    date: Optional[str]
    status: Optional[str]

    @property
    def cancelled(self) -> bool:
        return bool(self.status) and "cancel" in self.status.lower()


@dataclass
class CrawlSummary:
    meetings: int = 0  # meetings read this run (new, changed, resumed, cancelled)
    unchanged: int = 0  # meetings not refetched or whose XML/page had not changed
    documents: int = 0  # documents loaded into the archive (meeting XML/pages and linked files)
    held: int = 0  # linked documents already in the archive: not downloaded again
    skipped: int = 0  # links not followed: other hosts, robots.txt, unsupported types
    failed: int = 0
    requests: int = 0
    errors: list[str] = field(default_factory=list)

    def line(self) -> str:
        line = (f"{_plural(self.meetings, 'meeting')}, {_plural(self.documents, 'document')} loaded, "
                f"{self.unchanged} unchanged, {self.failed} failed")
        return line + (f" ({self.skipped} links not followed)" if self.skipped else "")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


class Crawler:
    """Crawl one ModernGov site into `db`. Use list_meetings() then crawl_meeting() on each (so the
    CLI can show a progress bar over a known list), then finish(); or run() for all of it."""

    def __init__(self, db, base_url: str, cache: Cache, options: Optional[CrawlOptions] = None, *,
                 transport=None, on_request=None, on_error=None):
        self.db = db
        self.base_url = base_url.rstrip("/") + "/"
        self.site = site_key(base_url)
        self.cache = cache
        self.options = options or CrawlOptions()
        self.summary = CrawlSummary()
        self.on_error = on_error
        self.today = self.options.today or dt.date.today()
        self.council = self.options.council or self._remembered_council() or urlsplit(base_url).hostname
        self.use_service = True

        def counting(url):
            self.summary.requests += 1
            if on_request:
                on_request(url)
        self.http = PoliteClient(self.base_url, self.options, transport=transport, on_request=counting)

    def close(self):
        self.http.close()

    # -- dates --------------------------------------------------------------------------------

    def _remembered_council(self):
        row = _row(self.db, "select council from crawl_sites where site = ?", [self.site])
        return row["council"] if row else None

    def _listed_before(self) -> bool:
        row = _row(self.db, "select listed_at from crawl_sites where site = ?", [self.site])
        return bool(row and row["listed_at"])

    def date_range(self) -> tuple[dt.date, dt.date]:
        """--since/--until, else: a first crawl takes everything since EPOCH; once a listing has
        completed, later runs list only the rolling window (older meetings are done)."""
        window_start = self.today - dt.timedelta(days=self.options.window)
        since = self.options.since or (window_start if self._listed_before() else EPOCH)
        until = self.options.until or self.today + dt.timedelta(days=365)
        return since, until

    def in_window(self, iso: Optional[str]) -> bool:
        if not iso:
            return True
        return dt.date.fromisoformat(iso) >= self.today - dt.timedelta(days=self.options.window)

    def url(self, path: str) -> str:
        return urljoin(self.base_url, path)

    # -- listing ------------------------------------------------------------------------------

    def list_committees(self) -> list[dict]:
        """Committees from the service, or from mgListCommittees.aspx when the service refuses."""
        try:
            raw = self.http.get(self.url("mgWebService.asmx/GetCommittees"), retries=1, service=True).content
            committees = parse_committees(raw)
        except ServiceRefused as exc:
            log.info("web service unavailable (%s): reading HTML pages", exc)
            self.use_service = False
            try:
                committees = parse_committee_list_html(self.http.get(self.url("mgListCommittees.aspx")).content)
            except FetchError as exc2:
                raise CrawlError(f"{self.base_url}: cannot list committees ({exc2})") from None
        except FetchError as exc:
            raise CrawlError(f"{self.base_url}: cannot list committees ({exc})") from None
        if self.options.committees:
            wanted = {str(c) for c in self.options.committees}
            committees = [c for c in committees if c["id"] in wanted]
        if not committees:
            raise CrawlError(f"{self.base_url}: no committees found")
        return committees

    def _meetings_of(self, committee, since, until) -> list[dict]:
        if self.use_service:
            url = self.url(f"mgWebService.asmx/GetMeetings?lCommitteeId={committee['id']}"
                           f"&sFromDate={since:%d/%m/%Y}&sToDate={until:%d/%m/%Y}")
            try:
                return parse_meetings(self.http.get(url, service=True).content)
            except ServiceRefused:
                log.info("GetMeetings refused for committee %s: reading its HTML pages", committee["id"])
        return self._meetings_html(committee, since, until)

    def _meetings_html(self, committee, since, until) -> list[dict]:
        """ieListMeetings.aspx for this year (or the end of the range, if earlier), then every year
        in the range that the pages link to; every year in the range when they link none."""
        cid, found, done, linked = committee["id"], {}, set(), set()
        todo = [min(self.today.year, until.year)]
        while todo:
            year = todo.pop(0)
            done.add(year)
            raw = self.http.get(self.url(f"ieListMeetings.aspx?CId={cid}&Year={year}")).content
            meetings, years = parse_meeting_list_html(raw, cid)
            for m in meetings:
                found.setdefault(m["id"], m)
            linked |= years
            candidates = linked or set(range(since.year, until.year + 1))
            todo = sorted({y for y in candidates if since.year <= y <= until.year and y not in done}, reverse=True)
        return [m for m in found.values() if not m["date"] or since.isoformat() <= m["date"] <= until.isoformat()]

    def list_meetings(self) -> list[Listed]:
        """Every meeting to look at: those listed in the date range, plus meetings an earlier
        (killed or failing) run left unfinished, oldest first."""
        since, until = self.date_range()
        listed = {}
        for committee in self.list_committees():
            for m in self._meetings_of(committee, since, until):
                listed[m["id"]] = Listed(m["id"], committee["id"], committee["title"], m["date"], m["status"])
        wanted = {str(c) for c in self.options.committees}
        for row in self.db.execute(
                "select meeting_id, committee_id, committee, date, status from crawl_meetings "
                "where site = ? and done = 0", [self.site]).fetchall():
            if row[0] not in listed and (not wanted or row[1] in wanted):
                listed[row[0]] = Listed(*row)
        return sorted(listed.values(), key=lambda m: (m.date or "", m.committee_id, m.id))

    # -- one meeting --------------------------------------------------------------------------

    def crawl_meeting(self, listed: Listed) -> None:
        """Read one meeting and its documents unless it is done and unchanged."""
        state = meeting_state(self.db, self.site, listed.id)
        common = dict(committee_id=listed.committee_id, committee=listed.committee, date=listed.date)
        if listed.cancelled:
            if not (state and state["done"] and state["status"] == listed.status):
                save_meeting_state(self.db, self.site, listed.id, status=listed.status, done=1, **common)
                self.summary.meetings += 1
            else:
                self.summary.unchanged += 1
            return
        if state and state["done"] and not self.in_window(listed.date) and state["status"] == listed.status:
            self.summary.unchanged += 1
            return
        try:
            page_url, raw, source_kind = self._meeting_source(listed)
        except FetchError as exc:
            self._failed(f"meeting {listed.id} ({listed.committee}, {listed.date}): {exc}")
            save_meeting_state(self.db, self.site, listed.id, status=listed.status, done=0, **common)
            return
        sha = hashlib.sha256(raw).hexdigest()
        if state and state["done"] and state["meeting_sha256"] == sha:
            save_meeting_state(self.db, self.site, listed.id, **common)
            self.summary.unchanged += 1
            return
        self.summary.meetings += 1
        ok = self._read_meeting(listed, page_url, raw, sha, source_kind, common)
        save_meeting_state(self.db, self.site, listed.id, meeting_sha256=sha, done=int(ok), **common)

    def _meeting_source(self, listed: Listed) -> tuple[str, bytes, str]:
        """(url, bytes, "webservice"|"html") of the meeting's GetMeeting XML or, failing the service,
        its ieListDocuments page."""
        if self.use_service:
            url = self.url(f"mgWebService.asmx/GetMeeting?lMeetingId={listed.id}")
            try:
                fetched = self.http.get(url, service=True)
                parse_meeting(fetched.content)
                return url, fetched.content, "webservice"
            except ServiceRefused:
                log.info("GetMeeting refused for meeting %s: reading its page", listed.id)
        url = self.url(f"ieListDocuments.aspx?CId={listed.committee_id}&MId={listed.id}")
        return url, self.http.get(url).content, "html"

    def _read_meeting(self, listed, page_url, raw, sha, source_kind, common) -> bool:
        """Ingest the meeting's XML/page, then each linked document. True when nothing failed."""
        if source_kind == "webservice":
            detail = parse_meeting(raw)
            status, documents = detail["status"] or listed.status, detail["documents"]
            filename, content_type = f"GetMeeting-{listed.id}.xml", XML_TYPE
        else:
            status, documents = listed.status, parse_document_links_html(raw, page_url)
            filename, content_type = f"ieListDocuments-{listed.id}.html", "text/html"
        save_meeting_state(self.db, self.site, listed.id, status=status, source=source_kind, done=0, **common)
        if status and "cancel" in status.lower():
            return True  # cancelled after listing: recorded, no documents
        previous = url_state(self.db, page_url)
        # a page that went back to an earlier version (A -> B -> A): A is held but superseded, so
        # it is re-extracted to carry the meeting's records again
        reinstate = reinstate_document(self.db, sha)
        ok = self._ingest(listed, page_url, raw, filename, content_type, sha=sha, force=reinstate)
        with self.db.atomic():  # the URL's new version and the retirement of its old one, together
            save_url_state(self.db, self.site, page_url, meeting_id=listed.id, sha256=sha, status=200,
                           content_type=content_type, size=len(raw), error=None)
            if ok and previous and previous["sha256"] not in (None, sha):
                retire_previous_version(self.db, previous["sha256"], sha)
        for doc in documents:
            ok = self._document(listed, doc) and ok
        return ok

    def _document(self, listed, doc) -> bool:
        """Fetch (unless already held) and ingest one linked document. True unless it failed."""
        url = doc["url"]
        if not same_host(url, self.base_url):
            log.info("not following %s: another host", url)
            self.summary.skipped += 1
            return True
        url = on_site(url, self.base_url)
        suffix = re.search(r"\.[A-Za-z0-9]{2,5}$", urlsplit(url).path)
        if suffix and suffix.group(0).lower() not in SUFFIX_TYPES and "aspx" not in suffix.group(0).lower():
            log.info("not fetching %s: unsupported type", url)
            self.summary.skipped += 1
            return True
        if not self.http.allowed(url):
            log.info("not fetching %s: disallowed by robots.txt", url)
            save_url_state(self.db, self.site, url, meeting_id=listed.id, error="disallowed by robots.txt")
            self.summary.skipped += 1
            return True
        state = url_state(self.db, url)
        if state and state["sha256"] and state["sha256"] in self.cache:
            raw, filename, content_type = self.cache.get(state["sha256"]), state["filename"], state["content_type"]
        else:
            try:
                fetched = self.http.get(url)
            except FetchError as exc:
                save_url_state(self.db, self.site, url, meeting_id=listed.id, sha256=None, status=exc.status,
                               error=str(exc))
                source = self._source(listed, doc, url, filename_for(url, None, doc), None, None)
                self._failed(str(fail(self.db, source, str(exc))))
                return False
            raw = fetched.content
            filename = filename_for(url, fetched.filename, doc)
            content_type = content_type_of(filename, fetched.content_type, raw)
            self.cache.put(raw)
            save_url_state(self.db, self.site, url, meeting_id=listed.id, sha256=hashlib.sha256(raw).hexdigest(),
                           status=200, content_type=content_type, size=len(raw), filename=filename, error=None)
        ok = self._ingest(listed, url, raw, filename, content_type, doc=doc)
        return ok

    def _source(self, listed, doc, url, filename, content_type, sha) -> Source:
        doc = doc or {}
        provenance = provenance_json(
            council=self.council, site=self.site, committee_id=listed.committee_id, committee=listed.committee,
            meeting_id=listed.id, meeting_date=listed.date, item_id=doc.get("item_id") or None,
            item_title=doc.get("item_title") or None, attachment_id=doc.get("attachment_id"),
            title=doc.get("title") or None, url=url, fetched_at=now(), sha256=sha)
        return Source(name=url, filename=filename, url=url, council=self.council, content_type=content_type,
                      provenance=provenance)

    def _ingest(self, listed, url, raw, filename, content_type, *, doc=None, sha=None, force=False) -> bool:
        sha = sha or hashlib.sha256(raw).hexdigest()
        source = self._source(listed, doc, url, filename, content_type, sha)
        if content_type is None:
            self._failed(str(fail(self.db, source, "unsupported file type", sha)))
            return False
        try:
            outcome = process(self.db, source, raw, self.cache, force=force)
        except IngestError as exc:
            self._failed(str(exc))
            return False
        if outcome == LOADED:
            self.summary.documents += 1
        elif doc is not None:
            self.summary.held += 1
        return True

    def _failed(self, message: str) -> None:
        self.summary.failed += 1
        self.summary.errors.append(message)
        log.debug("failed: %s", message)
        if self.on_error:
            self.on_error(message)

    # -- whole run ----------------------------------------------------------------------------

    def finish(self, *, complete: bool) -> CrawlSummary:
        """Record the site (council spelling, and that a listing of everything completed, so later
        runs list only the rolling window). A run narrowed by --since, --until or --committee
        listed only part of the site and does not count."""
        fields = {"site": self.site, "council": self.council, "base_url": self.base_url,
                  "mode": "webservice" if self.use_service else "html", "last_run": now()}
        narrowed = self.options.since or self.options.until or self.options.committees
        if complete and not narrowed:
            fields["listed_at"] = now()
        with self.db.atomic():
            self.db["crawl_sites"].upsert(fields, pk="site")
        return self.summary

    def run(self, progress=None) -> CrawlSummary:
        """List, crawl every meeting, finish. `progress(meetings)` may wrap the list (a bar)."""
        meetings = self.list_meetings()
        for listed in (progress(meetings) if progress else meetings):
            self.crawl_meeting(listed)
        return self.finish(complete=True)


def filename_for(url: str, disposition: Optional[str], doc: dict) -> str:
    """The document's file name: the server's Content-Disposition name, else the last path segment
    ("Printed minutes 12th-Sep-2024 17.00 Transport….pdf"), else "attachment-<id>.pdf" for
    mgConvert2PDF.aspx?ID=<id>, which always serves a PDF."""
    if disposition:
        return disposition
    path = unquote(urlsplit(url).path)
    name = path.rsplit("/", 1)[-1]
    if name.lower() == "mgconvert2pdf.aspx":
        ident = parse_qs(urlsplit(url).query).get("ID", [doc.get("attachment_id") or "0"])[0]
        return f"attachment-{ident}.pdf"
    return name or "document"


def content_type_of(filename: str, header: Optional[str], raw: bytes) -> Optional[str]:
    """What the bytes are: the file name's suffix, else the Content-Type header, else a sniff."""
    from extract import content_type_for

    by_name = content_type_for(filename, raw)
    if by_name:
        return by_name
    mime = (header or "").split(";")[0].strip().lower()
    if mime in {"text/xml", XML_TYPE, "application/pdf", "text/html", "text/plain"}:
        return XML_TYPE if mime == "text/xml" else mime
    head = raw[:512].lstrip().lower()
    if head.startswith(b"%pdf"):
        return "application/pdf"
    if head.startswith((b"<!doctype html", b"<html")):
        return "text/html"
    return None


def parse_date_option(value: Optional[str]) -> Optional[dt.date]:
    """--since/--until: ISO "2024-09-12" or ModernGov's "12/09/2024"."""
    if not value:
        return None
    iso = iso_date(value) or value
    try:
        return dt.date.fromisoformat(iso)
    except ValueError:
        raise ValueError(f"not a date: {value!r} (use YYYY-MM-DD)") from None
