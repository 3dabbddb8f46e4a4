"""A local fake ModernGov site for the crawler tests, served from fixtures/moderngov/.

It answers like a real site (the web service's plain-GET XML, the HTML pages, documents under
documents/… and mgConvert2PDF.aspx?ID=) and has the quirks the crawler must survive: URLs in the
service output whose host is spelt in another case ({SITE}), a link to another host ({OTHER}: the
same server under the name 127.0.0.1, so any request to it would show in the log), double-escaped
titles, a 429 with Retry-After: 0 on first asking, a slow first response, a missing file (404),
robots.txt, and a variant with the web service switched off (HTML fallback).

Every request is logged with a server-side timestamp, so tests can count requests and check
the gaps between them.

    with FakeModernGov() as site:
        site.base_url                # http://localhost:<port>
        site.paths()                 # ["/robots.txt", "/mgWebService.asmx/GetCommittees", ...]
"""
from __future__ import annotations

import datetime as dt
import http.server
import re
import sys
import threading
import time
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent / "fixtures" / "moderngov"

#: path (unquoted, no query) -> what is odd about it on first asking
THROTTLED_ONCE = "/documents/g7003/Printed minutes 19th-Mar-2026 17.00 Transport and Connectivity Policy Committee.pdf"
SLOW_ONCE = "/documents/s11641/FINAL - Public Questions and Mayors Responses.pdf"
MISSING = "/documents/s65010/Public forum questions and answers.pdf"
FORBIDDEN_BY_ROBOTS = "/documents/private/s65020/Exempt appendix.pdf"
ATTACHMENT_NAMES = {"65001": "Decisions 12th-Sep-2024 17.00 Transport and Connectivity Policy Committee.pdf"}

EMPTY_MEETINGS = b'<?xml version="1.0"?><getmeetings><committee><committeemeetings><meetingscount> 0</meetingscount>' \
    b'</committeemeetings></committee></getmeetings>'
REFUSAL = (b"System.InvalidOperationException: {method} Web Service method name is not valid.\r\n"
           b"   at System.Web.Services.Protocols.HttpServerProtocol.Initialize()")


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        """A client that hung up (timeout, size cap, end of test) is normal here, not an error."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class FakeModernGov:
    def __init__(self, *, service: bool = True, slow_seconds: float = 0.6, overrides: dict | None = None,
                 robots: str | None = None):
        self.service = service
        self.slow_seconds = slow_seconds
        self.overrides = dict(overrides or {})  # fixture name -> fixture name served instead
        self.user_agents: set[str] = set()
        self.robots = robots  # robots.txt text instead of the fixture's
        self.log: list[list] = []  # [monotonic arrival time, path?query, status], in arrival order
        self._seen: set[str] = set()
        self._lock = threading.Lock()
        self.server = None

    # -- lifecycle -----------------------------------------------------------------------------

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.stop()

    def start(self):
        site = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):
                site.handle(self)

            def log_message(self, *args):
                pass

        self.server = _QuietServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self):
        if self.server:
            self.server.shutdown()
            self.server.server_close()
            self.server = None

    @property
    def base_url(self) -> str:
        return f"http://localhost:{self.port}"

    def paths(self, since: int = 0) -> list[str]:
        """Requested paths (with query), from the `since`-th request on (see mark())."""
        return [path for _, path, _ in self.log[since:]]

    def mark(self) -> int:
        return len(self.log)

    def document_requests(self, since: int = 0) -> list[str]:
        """Requests for documents (not listings, pages or robots.txt), unquoted."""
        return [unquote(p.split("?")[0]) for p in self.paths(since)
                if p.startswith(("/documents/", "/mgConvert2PDF.aspx"))]

    # -- answering ------------------------------------------------------------------------------

    def handle(self, request):
        arrived = time.monotonic()
        parts = urlsplit(request.path)
        path, query = unquote(parts.path), {k.lower(): v[0] for k, v in parse_qs(parts.query).items()}
        host = (request.headers.get("Host") or "").split(":")[0]
        self.user_agents.add(request.headers.get("User-Agent") or "")
        entry = [arrived, request.path if host == "localhost" else f"//{host}{request.path}", None]
        with self._lock:  # logged on arrival; a request to another host name is logged as //host/path
            self.log.append(entry)
        status, body, headers = self.answer(path, query, host)
        entry[2] = status
        try:
            request.send_response(status)
            for name, value in headers.items():
                request.send_header(name, value)
            request.send_header("Content-Length", str(len(body)))
            request.end_headers()
            request.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client timed out and hung up: it will ask again

    def first_time(self, key: str) -> bool:
        with self._lock:
            if key in self._seen:
                return False
            self._seen.add(key)
            return True

    def answer(self, path: str, query: dict, host: str):
        """(status, body, headers) for one GET."""
        if host != "localhost":
            return 421, b"wrong host", {}
        if path == "/robots.txt":
            text = self.robots if self.robots is not None else (ROOT / "robots.txt").read_text()
            return 200, text.encode(), {"Content-Type": "text/plain"}
        if path.startswith("/redirect/"):  # on: to robots.txt; off: to another host; loop: to itself
            target = {"on": "/robots.txt", "off": f"http://127.0.0.1:{self.port}/robots.txt", "loop": path}
            return 302, b"", {"Location": target[path.rsplit("/", 1)[1]]}
        if path.startswith("/mgWebService.asmx/"):
            return self.service_answer(path.rsplit("/", 1)[1], query)
        if path.endswith(".aspx"):
            return self.page_answer(path.lstrip("/"), query)
        if path == THROTTLED_ONCE and self.first_time(path):
            return 429, b"Too many requests", {"Retry-After": "0"}
        if path == SLOW_ONCE and self.first_time(path):
            time.sleep(self.slow_seconds)
        file = ROOT / path.lstrip("/")
        if path.startswith("/documents/") and file.is_file():
            return 200, file.read_bytes(), {"Content-Type": _type(path)}
        return 404, b"<html><body>File not found</body></html>", {"Content-Type": "text/html"}

    def service_answer(self, method: str, query: dict):
        if not self.service:
            return 500, REFUSAL.replace(b"{method}", method.encode()), {"Content-Type": "text/plain"}
        xml = {"content-type": "text/xml; charset=utf-8"}
        if method == "GetCommittees":
            return 200, self.fixture("webservice/GetCommittees.xml"), xml
        if method == "GetMeetings":
            raw = self.fixture(f"webservice/GetMeetings-{query.get('lcommitteeid')}.xml")
            if raw is None:
                return 200, EMPTY_MEETINGS, xml
            return 200, _between(raw, query.get("sfromdate"), query.get("stodate")), xml
        if method == "GetMeeting":
            raw = self.fixture(f"webservice/GetMeeting-{query.get('lmeetingid')}.xml")
            return (200, raw, xml) if raw is not None else (500, b"Meeting not found", {})
        return 500, REFUSAL.replace(b"{method}", method.encode()), {"Content-Type": "text/plain"}

    def page_answer(self, page: str, query: dict):
        html = {"Content-Type": "text/html; charset=utf-8"}
        if page == "mgListCommittees.aspx":
            return 200, self.fixture("pages/mgListCommittees.html"), html
        if page == "ieListMeetings.aspx":
            raw = self.fixture(f"pages/ieListMeetings-{query.get('cid')}-{query.get('year')}.html")
            return 200, raw or b"<html><body><ul class='mgBulletList'></ul></body></html>", html
        if page == "ieListDocuments.aspx":
            raw = self.fixture(f"pages/ieListDocuments-{query.get('mid')}.html")
            return (200, raw, html) if raw is not None else (404, b"not found", html)
        if page == "mgConvert2PDF.aspx":
            ident = query.get("id", "")
            file = ROOT / "attachments" / f"{ident}.pdf"
            if file.is_file():
                return 200, file.read_bytes(), {"Content-Type": "application/pdf",
                                                "Content-Disposition": f'inline; filename="{ATTACHMENT_NAMES[ident]}"'}
        return 404, b"<html><body>Page not found</body></html>", html

    def fixture(self, name: str) -> bytes | None:
        """A fixture file with its URL placeholders filled in: {SITE} with this site in odd case,
        {OTHER} with the same server under another host name."""
        file = ROOT / self.overrides.get(name, name)
        if not file.is_file():
            return None
        raw = file.read_bytes()
        return (raw.replace(b"{SITE}", f"http://LocalHost:{self.port}".encode())
                   .replace(b"{OTHER}", f"http://127.0.0.1:{self.port}".encode()))


def _type(path: str) -> str:
    return {".pdf": "application/pdf", ".xml": "text/xml", ".html": "text/html"}.get(Path(path).suffix, "application/octet-stream")


def _between(raw: bytes, since: str | None, until: str | None) -> bytes:
    """GetMeetings keeps only the meetings between sFromDate and sToDate (dd/mm/yyyy)."""
    def day(text):
        return dt.datetime.strptime(text, "%d/%m/%Y").date() if text else None

    lo, hi = day(since), day(until)

    def keep(match):
        date = day(re.search(rb"<meetingdate>([^<]+)</meetingdate>", match.group(0)).group(1).decode())
        return match.group(0) if (lo is None or date >= lo) and (hi is None or date <= hi) else b""

    return re.sub(rb"[ \t]*<meeting>.*?</meeting>\n", keep, raw, flags=re.S)
