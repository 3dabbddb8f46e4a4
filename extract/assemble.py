"""Put the pieces together: segment the blocks into meetings and items, find questions,
resolutions and actions, and hang each record on the meeting and item whose blocks hold it.

The finders each scan the whole block list for their own kind of structure (a question table
can sit in a minutes appendix; an ACTION: line can sit inside a committee question), and
this module decides where each one belongs by position alone.
"""
from __future__ import annotations

import functools
import hashlib
import json
import re

from schema.records import DocumentRecords, Meeting

from . import questions, resolutions, segment
from .blocks import ReadResult
from .spans import ItemSpan, MeetingSpan


def meeting_key(council, body, date, fallback):
    """A meeting id shared by every document about the same meeting: council + body + date.

    "Children and Young People Scrutiny Committee" on 2024-07-30 in Herefordshire is one
    meeting whether it came from the printed minutes, the question pack or the web service."""
    if not (body and date):
        return fallback
    digest = hashlib.sha256(f"{norm_name(council)}|{norm_name(body)}|{date}".encode()).hexdigest()[:16]
    return f"m-{digest}"


def norm_name(name):
    """"Transport & Connectivity Policy Committee" = "Transport and Connectivity Policy Committee"."""
    return re.sub(r"[^a-z0-9]+", " ", (name or "").lower().replace("&", " and ")).strip()


#: "Minutes of the Previous Meeting", "Minutes of last meeting": an attachment under such an item
#: holds an earlier meeting's minutes, so the linking meeting says nothing about it
PREVIOUS_MINUTES = re.compile(r"\bminutes\b.*\b(previous|last|prior|earlier)\b|\b(previous|last)\b.*\bminutes\b", re.I)


def linked_meeting(provenance):
    """(body, date) of the meeting a crawled document was linked from, from its provenance JSON
    (ingest/moderngov.py writes `committee` and `meeting_date`), or None.

    A question pack or decision notice rarely prints both its committee and its date, but the
    meeting page that links it does; recording that here (rather than patching rows after loading)
    means `rebuild` files the document under the same meeting again."""
    try:
        data = json.loads(provenance or "{}")
    except ValueError:
        return None
    body, date = data.get("committee"), data.get("meeting_date")
    if not (body and date) or PREVIOUS_MINUTES.search(data.get("item_title") or ""):
        return None
    return body, date


def _adopt_linked_meeting(seg, linked):
    """Fill a body or date the document's own text left out from the linking meeting, where
    nothing contradicts it (a different date or body means another meeting: left alone)."""
    body, date = linked
    for span in seg.meetings:
        m = span.meeting
        if (m.date in (None, date)) and (not m.body or norm_name(m.body) == norm_name(body)):
            m.body, m.date = m.body or body, m.date or date


def assemble(records: DocumentRecords, result: ReadResult) -> None:
    doc = records.document
    blocks = result.blocks
    seg = segment.find_meetings(result, doc.id)
    doc.doc_kind = seg.doc_kind
    linked = linked_meeting(doc.provenance)
    if linked:
        _adopt_linked_meeting(seg, linked)

    spans: list[tuple[MeetingSpan | None, ItemSpan]] = []
    for n, span in enumerate(seg.meetings, start=1):
        m = span.meeting
        m.council = m.council or doc.council
        m.document_id = doc.id
        m.id = m.id or meeting_key(m.council, m.body, m.date, f"{doc.id[:16]}-m{n}")
        records.meetings.append(m)
        for a in span.attendance:
            a.meeting_id, a.document_id = m.id, doc.id
            records.attendance.append(a)
        for item_span in span.items:
            spans.append((span, item_span))
    spans += [(None, item_span) for item_span in seg.items]
    for span, item_span in spans:
        item_span.item.document_id = doc.id
        item_span.item.meeting_id = span.meeting.id if span else None
        records.agenda_items.append(item_span.item)
    fallback_meeting_id = None
    if not records.meetings and linked:
        # nothing in the text names a meeting: the records belong to the one that links the document
        m = Meeting(id=meeting_key(doc.council, *linked, None), council=doc.council, body=linked[0],
                    date=linked[1], document_id=doc.id)
        records.meetings.append(m)
        fallback_meeting_id = m.id
    if records.meetings:
        doc.meeting_id = records.meetings[0].id

    def place(index):
        """(meeting_id, agenda_item_id) for the block at `index`."""
        meeting_id = next((s.meeting.id for s in seg.meetings if s.start <= index < s.end), None)
        if meeting_id is None and len(seg.meetings) == 1:
            meeting_id = seg.meetings[0].meeting.id
        meeting_id = meeting_id or fallback_meeting_id
        item_id = next((i.item.id for _, i in spans if i.start <= index < i.end), None)
        return meeting_id, item_id

    for found in questions.find_questions(blocks, doc.id):
        q = found.record
        q.meeting_id, q.agenda_item_id = place(found.index)
        records.questions.append(q)
        records.responses.extend(found.children)
    def recorded(index):
        """Decisions and promises count only inside the record of a meeting or an agenda item:
        not in a question appendix after "The meeting ended at ...", a commentary or a forward plan."""
        if seg.doc_kind == "decisions":
            return True
        if seg.doc_kind == "agenda" or index in agenda_text:
            return False  # an agenda proposes; nothing in it was resolved or promised yet
        return any(s.start <= index < s.end for s in seg.meetings) or any(i.start <= index < i.end for _, i in spans)

    agenda_text = _agenda_text(blocks, [i for _, i in spans]) if (
        (result.meta or {}).get("moderngov") or seg.doc_kind == "agenda_item_minutes") else set()

    seen = set()
    long_texts: dict = {}  # meeting id -> the comparable texts of its long decisions kept so far
    groups = resolutions.resolution_groups(blocks)
    for found in resolutions.find_resolutions(blocks, doc.id, groups):
        if not recorded(found.index):
            continue
        r = found.record
        r.meeting_id, r.agenda_item_id = place(found.index)
        text = _comparable(r.text)
        key = (r.agenda_item_id, r.meeting_id, text)
        if key in seen or _restated(text, long_texts.get(r.meeting_id, ())):
            continue  # a ModernGov page prints the decision, then the minute's "Resolved:" again
        seen.add(key)
        if len(text) >= RESTATED_LENGTH:
            long_texts.setdefault(r.meeting_id, []).append(text)
        records.resolutions.append(r)
        records.votes.extend(found.children)
    for found in resolutions.find_actions(blocks, doc.id, groups):
        if not recorded(found.index):
            continue
        a = found.record
        a.meeting_id, a.agenda_item_id = place(found.index)
        records.actions.append(a)
    renamed = _renumber(records.resolutions, "r", doc.id)
    for vote in records.votes:
        vote.resolution_id = renamed.get(vote.resolution_id, vote.resolution_id)
    _renumber(records.actions, "a", doc.id)


_MINUTE_LABEL = re.compile(r"^\s*(?:minutes|decision|decisions)\s*:\s*$", re.I)


def _agenda_text(blocks, items) -> set:
    """ModernGov pages print each item's agenda text ("To consider the report ... RECOMMENDATION:
    That the Committee notes ...") before its "Decision:" and "Minutes:" sections: what the agenda
    proposed is not what was decided. Returns the indexes of those agenda-text blocks."""
    hidden = set()
    for item in items:
        label = next((k for k in range(item.start, item.end) if _MINUTE_LABEL.match(blocks[k].text or "")), None)
        if label is not None:
            hidden.update(range(item.start, label))
    return hidden


#: texts shorter than this (as `_comparable` gives them) are never restatements: "That the report be
#: noted." recurs in many items and is a decision each time
RESTATED_LENGTH = 60


def _restated(text: str, earlier: list[str]) -> bool:
    """A decision restated in a closing summary ("SUMMARY OF APPROVED RECOMMENDATIONS ... The Policy
    Committee RESOLVED: a. Approve and implement ...") is the same decision recorded above it.
    `text` is the decision's `_comparable` text; `earlier` those of the long decisions kept before it
    in the same meeting (gathered as they are kept: comparing with every earlier decision of the
    document and skipping those of other meetings took 3 ms a bench round)."""
    if len(text) < RESTATED_LENGTH:
        return False
    return any(text in prior or prior in text for prior in earlier)


@functools.lru_cache(maxsize=1024)
def _comparable(text: str) -> str:
    """Lower-cased words only (cached: each decision is compared with every earlier one)."""
    return re.sub(r"\W+", " ", text.lower()).strip()


def _renumber(found, letter, doc_id) -> dict:
    """Sequence numbers and ids without gaps after records outside any meeting were dropped.
    Returns old id -> new id."""
    renamed = {}
    for seq, record in enumerate(found, start=1):
        new_id = f"{doc_id[:16]}-{letter}{seq}"
        renamed[record.id] = new_id
        record.seq, record.id = seq, new_id
    return renamed
