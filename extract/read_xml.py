"""ModernGov web-service XML (`mgWebService.asmx`) -> Blocks, plus parse helpers for the crawler.

Three responses are understood, as plain-GET bodies or wrapped in a SOAP envelope, with or
without the `http://moderngov.co.uk/namespaces` namespace:

* **GetMeeting** (`<meeting>`): `parse_meeting(raw) -> dict`. The blocks follow the HTML reader's
  convention (see `extract.read_html`): a level-1 heading "<committee> - <date> <time>", a
  "Venue: ..." para, attendance paras ("Present: ...", "Apologies: ...", "In attendance: ..."),
  then per agenda item a level-2 heading "<number>. <title>" (the display number without its
  trailing dot: `<displaynumber>51.</displaynumber>` -> "51. Minutes"), the item's agenda text,
  a bold "Decision:" para and the blocks of `decisionnonemptyhtmlbody`, a bold "Minutes:" para
  and the blocks of `minutesnonemptyhtmlbody` (the order of the ieListDocuments page). Meeting facts go to `meta["moderngov"]` with
  the same keys as HTML pages (page="GetMeeting", committee, date, time, venue, status, items,
  attendees, ...).
* **GetMeetings** (`<getmeetings><committee>...<committeemeetings><meeting>`):
  `parse_meetings(raw) -> list[dict]`; blocks are a listing, no meeting records.
* **GetCommittees** (`<committees><committee>`): `parse_committees(raw) -> list[dict]`.

Text in these responses is HTML-escaped, sometimes twice (`&amp;#39;`, `&amp;lt;p&amp;gt;`):
`unescape_text` and `html_body` undo that. Dates are day-first (dd/mm/yyyy) and are returned
as ISO `date` plus the printed `date_text`; times ("6.00 pm") as `time` HH:MM plus `time_text`.

The crawler (ingest/moderngov.py) imports `parse_meetings`, `parse_committees` and
`parse_meeting`; each takes the raw response bytes and raises ReadError on bad input.
"""
from __future__ import annotations

import html
import re
from typing import Optional

import lxml.etree

from .blocks import Block, PageText, ReadError, ReadResult, clean_text
from .read_html import hhmm, html_blocks, iso_date, item_heading

_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-f]+|[a-z]+\d*);", re.I)
_TAG = re.compile(r"<[a-z/!][^>]*>", re.I)
_TRUE = {"true", "1", "yes"}

#: ModernGov attendance values -> the archive's attendance roles.
ATTENDANCE_ROLES = {
    "present": "present", "present as substitute": "present", "in attendance": "in_attendance",
    "attended": "present", "apologies": "apologies", "apologies, sent substitute": "apologies",
    "apologies sent substitute": "apologies", "absent": "absent", "expected": None,
}


def _parse(raw: bytes):
    """Bytes -> the ModernGov payload element, namespaces and SOAP envelope removed."""
    if not raw or not raw.strip():
        raise ReadError("not XML (empty)")
    parser = lxml.etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    try:
        root = lxml.etree.fromstring(raw.strip(), parser)
    except lxml.etree.XMLSyntaxError as exc:
        raise ReadError(f"not XML ({str(exc).splitlines()[0][:80]})") from None
    for el in root.iter():
        if isinstance(el.tag, str) and "}" in el.tag:
            el.tag = el.tag.split("}", 1)[1]
        for name in list(el.attrib):
            if "}" in name:
                el.attrib[name.split("}", 1)[1]] = el.attrib.pop(name)
    lxml.etree.cleanup_namespaces(root)
    return root


def response_kind(root) -> Optional[str]:
    """"GetMeeting", "GetMeetings", "GetCommittees" or None, from the payload's elements."""
    if root.tag == "getmeetings" or root.find(".//getmeetings") is not None or root.find(".//committeemeetings") is not None:
        return "GetMeetings"
    meeting = root if root.tag == "meeting" else root.find(".//meeting")
    if meeting is not None and (meeting.find("agendaitems") is not None or meeting.find("meetingdate") is not None):
        return "GetMeeting"
    if root.tag == "committees" or root.find(".//committees") is not None:
        return "GetCommittees"
    return None


def unescape_text(text: Optional[str]) -> str:
    """A title or plain field: entities undone up to twice ("Chair&#39;s" and "Chair&amp;#39;s"
    both become "Chair's"), whitespace folded."""
    text = text or ""
    for _ in range(2):
        if not _ENTITY.search(text):
            break
        text = html.unescape(text)
    return re.sub(r"\s+", " ", text).strip()


def html_body(text: Optional[str]) -> str:
    """An HTML field as HTML: escaped markup ("&lt;p&gt;" after XML parsing, i.e. escaped twice
    in the file) is unescaped until real tags appear."""
    text = text or ""
    for _ in range(2):
        if _TAG.search(text) or "&lt;" not in text.lower():
            break
        text = html.unescape(text)
    return text.strip()


def _field(el, *names) -> Optional[str]:
    """The first non-empty child element text (or attribute) of `names`, stripped."""
    if el is None:
        return None
    for name in names:
        value = el.findtext(name)
        if value is None:
            value = el.get(name)
        if value is not None and value.strip():
            return value.strip()
    return None


def _flag(el, name) -> Optional[bool]:
    value = _field(el, name)
    return None if value is None else value.lower() in _TRUE


def _int(value: Optional[str]) -> Optional[int]:
    try:
        return int(value.strip()) if value is not None else None
    except ValueError:
        return None


def _drop_empty(d: dict) -> dict:
    return {k: v for k, v in d.items() if v not in (None, "", [])}


# --------------------------------------------------------------------------- GetCommittees


def parse_committees(raw: bytes) -> list[dict]:
    """GetCommittees -> [{committee_id, title, category, deleted, expired}] in document order.

    `committee_id` is a string ("142"); `deleted` / `expired` are booleans when present."""
    root = _parse(raw)
    return [_committee(c) for c in root.iter("committee")]


def _committee(c) -> dict:
    return _drop_empty({
        "committee_id": _field(c, "committeeid"), "title": unescape_text(_field(c, "committeetitle")),
        "category": unescape_text(_field(c, "committeecategory")) or None,
        "deleted": _flag(c, "committeedeleted"), "expired": _flag(c, "committeeexpired"),
    })


# --------------------------------------------------------------------------- GetMeetings


def parse_meetings(raw: bytes) -> list[dict]:
    """GetMeetings -> [{meeting_id, committee_id, committee, date, date_text, time, time_text,
    status, cancelled, is_webcast}] in document order.

    `date` is ISO ("2026-03-27") from the day-first `meetingdate`; `cancelled` is True when the
    status says so ("Cancelled"); a meeting without an id is skipped."""
    root = _parse(raw)
    out = []
    for meeting in root.iter("meeting"):
        committee = meeting.getparent()
        while committee is not None and committee.tag != "committee":
            committee = committee.getparent()
        record = _meeting_stub(meeting, committee)
        if record.get("meeting_id"):
            out.append(record)
    return out


def _meeting_stub(m, committee) -> dict:
    date_text = _field(m, "meetingdate")
    time_text = _field(m, "meetingtime")
    status = unescape_text(_field(m, "meetingstatus")) or None
    return _drop_empty({
        "meeting_id": _field(m, "meetingid"),
        "committee_id": _field(m, "committeeid") or _field(committee, "committeeid"),
        "committee": unescape_text(_field(m, "committeetitle", "committeename")
                                   or _field(committee, "committeetitle")) or None,
        "date": iso_date(date_text), "date_text": date_text,
        "time": hhmm(time_text), "time_text": time_text, "status": status,
        "cancelled": True if status and "cancel" in status.lower() else None,
        "is_webcast": _flag(m, "iswebcast"),
    })


# --------------------------------------------------------------------------- GetMeeting


def parse_meeting(raw: bytes) -> dict:
    """GetMeeting -> one dict: the meeting stub fields (see parse_meetings) plus venue, planned /
    actual start and finish, agenda_published / minutes_published / decisions_published,
    `attendees` [{member_id, name, role, attendance, party, ward, representing}] and `items`
    [{agenda_item_id, number, display_number, minutes_number, title, agenda_html, minutes_html,
    decision_html, is_decision, is_restricted, documents: [{attachment_id, title, url,
    publication_date, is_decision_attachment, is_restricted}]}].

    HTML fields come back as HTML text (unescaped once more when they were escaped twice)."""
    root = _parse(raw)
    if response_kind(root) != "GetMeeting":
        raise ReadError("not a ModernGov GetMeeting response")
    m = root if root.tag == "meeting" else root.find(".//meeting")
    committee = m.find("committee")
    meeting = _meeting_stub(m, committee)
    meeting.update(_drop_empty({
        "venue": unescape_text(_field(m, "meetinglocation", "location")) or None,
        "planned_finish": hhmm(_field(m, "meetingplannedfinishtime")),
        "actual_start": hhmm(_field(m, "meetingactualstarttime")),
        "actual_finish": hhmm(_field(m, "meetingactualfinishtime")),
        "agenda_published": _flag(m, "agendapublished"),
        "minutes_published": _flag(m, "minutepublished") if _flag(m, "minutepublished") is not None
        else _flag(m, "minutespublished"),
        "decisions_published": _flag(m, "decisionpublished"),
    }))
    meeting["attendees"] = [_attendee(a) for a in m.iter("attendee")]
    meeting["items"] = [_agenda_item(a) for a in m.iter("agendaitem")]
    return meeting


def _attendee(a) -> dict:
    """<attendee> with child elements (<name>...) or attributes (name="..." roledescription="...")."""
    attendance = unescape_text(_field(a, "attendance", "attendancestatus")) or None
    return _drop_empty({
        "member_id": _field(a, "memberid", "userid"),
        "name": unescape_text(_field(a, "name", "fullusername", "membername")) or None,
        "role": unescape_text(_field(a, "role", "roledescription")) or None,
        "attendance": attendance,
        "archive_role": ATTENDANCE_ROLES.get((attendance or "").lower()),
        "party": unescape_text(_field(a, "party", "politicalparty", "politicalpartytitle")) or None,
        "ward": unescape_text(_field(a, "ward", "wardtitle")) or None,
        "representing": unescape_text(_field(a, "representing")) or None,
    })


def _agenda_item(a) -> dict:
    display = _field(a, "displaynumber", "fulldisplaynumberformat")
    number = (display or _field(a, "agendaitemnumber") or "").strip().rstrip(".") or None
    return _drop_empty({
        "agenda_item_id": _field(a, "agendaitemid"),
        "number": number, "display_number": display,
        "minutes_number": _field(a, "minutesitemnumber"),
        "title": unescape_text(_field(a, "agendaitemtitle", "title")),
        "agenda_html": html_body(_field(a, "agendatext")) or None,
        "minutes_html": html_body(_field(a, "minutesnonemptyhtmlbody", "minuteshtmlbody")) or None,
        "decision_html": html_body(_field(a, "decisionnonemptyhtmlbody", "decisionhtmlbody")) or None,
        "is_decision": _flag(a, "isdecision"), "is_restricted": _flag(a, "isrestricted"),
        "documents": [_linked_doc(d) for d in a.iter("linkeddoc", "linkeddocument")],
    })


def _linked_doc(d) -> dict:
    return _drop_empty({
        "attachment_id": _field(d, "attachmentid"), "title": unescape_text(_field(d, "title")) or None,
        "url": _field(d, "url"), "publication_date": iso_date(_field(d, "publicationdate")),
        "is_decision_attachment": _flag(d, "isdecisionattachment"), "is_restricted": _flag(d, "isrestricted"),
    })


# --------------------------------------------------------------------------- reader


def read_xml(raw: bytes, **options) -> ReadResult:
    """Read a ModernGov web-service response. Other XML is refused with a ReadError."""
    root = _parse(raw)
    kind = response_kind(root)
    if kind == "GetMeeting":
        result = _meeting_result(parse_meeting(raw))
    elif kind == "GetMeetings":
        result = _listing_result("GetMeetings", parse_meetings(raw), _meeting_line)
    elif kind == "GetCommittees":
        result = _listing_result("GetCommittees", parse_committees(raw), _committee_line)
    else:
        raise ReadError(f"not a ModernGov web-service response (root <{root.tag}>)")
    if not result.blocks:
        raise ReadError(f"empty {kind} response")
    result.pages = [PageText(page=1, text="\n".join(b.text for b in result.blocks), method="xml")]
    return result


def _heading(text: str, level: int) -> Block:
    return Block(page=1, text=clean_text(text), kind="heading", heading_level=level, bold=True)


def _meeting_result(meeting: dict) -> ReadResult:
    blocks: list[Block] = []
    when = " ".join(t for t in (meeting.get("date_text"), meeting.get("time_text")) if t)
    header = " - ".join(t for t in (meeting.get("committee"), when) if t)
    if header:
        blocks.append(_heading(header, 1))
    if meeting.get("venue"):
        blocks.append(Block(page=1, text=f"Venue: {meeting['venue']}"))
    if meeting.get("status"):
        blocks.append(Block(page=1, text=f"Status: {meeting['status']}"))
    blocks += _attendance_blocks(meeting.get("attendees", []))
    for item in meeting.get("items", []):
        blocks += _item_blocks(item)
    meta = {k: v for k, v in meeting.items() if k != "items"}
    meta["page"] = "GetMeeting"
    meta["items"] = [_drop_empty({
        "number": i.get("number"), "title": i.get("title"), "heading": item_heading(i.get("number"), i.get("title", "")),
        "agenda_item_id": i.get("agenda_item_id"), "minutes_number": i.get("minutes_number"),
        "has_minutes": bool(i.get("minutes_html")), "has_decision": bool(i.get("decision_html")),
        "is_decision": i.get("is_decision"), "documents": i.get("documents"),
    }) for i in meeting.get("items", [])]
    title = header or None
    return ReadResult(blocks=blocks, title=title, meta={"moderngov": _drop_empty(meta)})


_ATTENDANCE_LABELS = (("present", "Present"), ("apologies", "Apologies"), ("in_attendance", "In attendance"),
                      ("absent", "Absent"))


def _attendance_blocks(attendees: list[dict]) -> list[Block]:
    """"Present: Mayor Helen Godwin (Chair), Cllr Tony Dyer" - one para per attendance role,
    as the names are given; the role in brackets when the service gives one other than Member."""
    blocks = []
    for role, label in _ATTENDANCE_LABELS:
        names = [a["name"] + (f" ({a['role']})" if a.get("role") and a["role"].lower() not in ("member", "committee member") else "")
                 for a in attendees if a.get("archive_role") == role and a.get("name")]
        if names:
            blocks.append(Block(page=1, text=f"{label}: {', '.join(names)}"))
    return blocks


def _item_blocks(item: dict) -> list[Block]:
    blocks = [_heading(item_heading(item.get("number"), item.get("title", "")), 2)]
    blocks += html_blocks(item.get("agenda_html", ""))
    for label, key in (("Decision:", "decision_html"), ("Minutes:", "minutes_html")):  # the page's order
        if item.get(key):
            blocks.append(Block(page=1, text=label, bold=True))
            blocks += html_blocks(item[key])
    return blocks


def _meeting_line(m: dict) -> str:
    """"27/03/2026 1.00 pm - Confirmed (meeting 727)"."""
    when = " ".join(t for t in (m.get("date_text"), m.get("time_text")) if t)
    status = f" - {m['status']}" if m.get("status") else ""
    return f"{when}{status} (meeting {m['meeting_id']})".strip()


def _committee_line(c: dict) -> str:
    """"West of England Joint Committee (committee 142)"."""
    flags = ", ".join(k for k in ("deleted", "expired") if c.get(k))
    return f"{c.get('title', '')} (committee {c.get('committee_id')}{'; ' + flags if flags else ''})".strip()


def _listing_result(kind: str, rows: list[dict], line) -> ReadResult:
    """A listing response: one heading per committee, then one item block per row."""
    blocks: list[Block] = []
    current = object()
    for row in rows:
        group = row.get("committee") if kind == "GetMeetings" else None
        if group != current and group:
            blocks.append(_heading(group, 1))
        current = group
        blocks.append(Block(page=1, text=line(row), kind="item"))
    meta = {"page": kind, "meetings" if kind == "GetMeetings" else "committees": rows}
    title = rows[0].get("committee") if kind == "GetMeetings" and rows else None
    return ReadResult(blocks=blocks, title=title, meta={"moderngov": meta})
