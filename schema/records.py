"""The records extraction produces: the contract between `extract` and the archive.

Every record carries `document_id` and `page` so that anything shown to a user can be cited
back to the page of the document it came from. Ids are stable strings derived from the
document's sha256 and the record's position in it (parlparse style), so a re-extraction of
the same bytes yields the same ids and links from outside the archive keep working.

Field names here are column names in `schema/archive.sql`; `tests/test_schema.py` checks
that the two agree, so a typo fails a test instead of growing the schema.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Optional


@dataclass
class Document:
    """One source file (or downloaded URL). `id` is the sha256 of its bytes."""

    id: str
    filename: str
    sha256: str
    size: int
    content_type: str
    path: Optional[str] = None
    url: Optional[str] = None
    council: Optional[str] = None
    title: Optional[str] = None
    doc_kind: Optional[str] = None  # minutes / question_pack / agenda_item_minutes / agenda / other
    meeting_id: Optional[str] = None
    page_count: int = 0
    extractor_version: str = ""
    ingested_at: Optional[str] = None
    provenance: Optional[str] = None  # JSON: committee id, meeting id, attachment id, fetched_at ...
    superseded_by: Optional[str] = None  # id of a newer version of the same URL


@dataclass
class Page:
    """The text of one page, for page-level search and citations.

    `method` says how the text was obtained: "text" (a PDF text layer), "ocr", "docx", "html",
    "xml" or "plain"; `ocr_confidence` is Tesseract's mean word confidence (0-100) for OCR pages.
    """

    document_id: str
    page: int
    text: str
    method: str = "text"
    ocr_confidence: Optional[float] = None


@dataclass
class Meeting:
    """A meeting of a council body. The id is shared by every document about the same meeting
    (same council, body and date), so printed minutes and a question pack are one meeting."""

    id: str
    council: Optional[str] = None
    body: Optional[str] = None
    date: Optional[str] = None  # YYYY-MM-DD
    start_time: Optional[str] = None  # HH:MM, 24 h
    end_time: Optional[str] = None
    venue: Optional[str] = None
    chair: Optional[str] = None
    status: Optional[str] = None  # e.g. Confirmed, Cancelled
    document_id: Optional[str] = None  # the document the metadata was read from
    page: Optional[int] = None


@dataclass
class Attendance:
    """One person named as present, apologies, in attendance or officer at a meeting.

    e.g. "Councillor Toni Fagan (chairperson)" -> name "Toni Fagan", title "Councillor",
    role "present", position "chair"."""

    meeting_id: str
    document_id: str
    name: str
    role: str  # present / apologies / in_attendance / absent
    raw: Optional[str] = None
    title: Optional[str] = None
    position: Optional[str] = None  # chair / vice-chair
    note: Optional[str] = None  # what stood in brackets: "(Diocese of Hereford)"
    page: Optional[int] = None
    person_id: Optional[str] = None


@dataclass
class AgendaItem:
    """A numbered minute or agenda item: "38. COURT JUDGEMENTS ..." -> number "38"."""

    id: str
    document_id: str
    seq: int
    title: str
    number: Optional[str] = None
    meeting_id: Optional[str] = None
    text: Optional[str] = None
    page: Optional[int] = None
    page_end: Optional[int] = None


@dataclass
class Question:
    """A public, member or committee question; a supplementary points at its parent.

    "Mrs. Megan McGeown Weobley" -> questioner_title "Mrs", questioner "Megan McGeown",
    questioner_location "Weobley", questioner_raw as printed."""

    id: str
    document_id: str
    seq: int
    text: str
    kind: str = "public"  # public / member / committee
    ref: Optional[str] = None
    is_supplementary: int = 0
    parent_id: Optional[str] = None
    questioner: Optional[str] = None
    questioner_raw: Optional[str] = None
    questioner_title: Optional[str] = None
    questioner_location: Optional[str] = None
    questioner_id: Optional[str] = None
    addressed_to: Optional[str] = None
    meeting_id: Optional[str] = None
    agenda_item_id: Optional[str] = None
    thread_id: Optional[str] = None
    page: Optional[int] = None
    page_end: Optional[int] = None


@dataclass
class Response:
    """An answer to a question, in order; `responder` as printed where the document says."""

    id: str
    question_id: str
    document_id: str
    seq: int
    text: str
    responder: Optional[str] = None
    responder_id: Optional[str] = None
    page: Optional[int] = None


@dataclass
class Resolution:
    """What was resolved, decided or recommended: one row per numbered or lettered part.

    kind: resolution / recommendation / decision / motion; outcome: carried / lost / None."""

    id: str
    document_id: str
    seq: int
    text: str
    kind: str = "resolution"
    part: Optional[str] = None  # "a", "2", "(iii)"
    meeting_id: Optional[str] = None
    agenda_item_id: Optional[str] = None
    outcome: Optional[str] = None
    mover: Optional[str] = None
    seconder: Optional[str] = None
    votes_for: Optional[int] = None
    votes_against: Optional[int] = None
    votes_abstain: Optional[int] = None
    page: Optional[int] = None


@dataclass
class Vote:
    """A named vote in a recorded division: "AYES: Smith, Jones" -> two rows with vote "for"."""

    resolution_id: str
    document_id: str
    name: str
    vote: str  # for / against / abstain / absent


@dataclass
class Action:
    """A commitment to do something later: report back, circulate, write to, return with data.

    status starts "open"; later evidence (or a user) can close it."""

    id: str
    document_id: str
    seq: int
    text: str
    owner: Optional[str] = None
    due: Optional[str] = None
    status: str = "open"
    meeting_id: Optional[str] = None
    agenda_item_id: Optional[str] = None
    page: Optional[int] = None


@dataclass
class DocumentRecords:
    """Everything extracted from one document: what `schema.load.save_document` loads."""

    document: Document
    pages: list[Page] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    attendance: list[Attendance] = field(default_factory=list)
    agenda_items: list[AgendaItem] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    responses: list[Response] = field(default_factory=list)
    resolutions: list[Resolution] = field(default_factory=list)
    votes: list[Vote] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)

    def to_dict(self) -> dict:
        return dataclasses.asdict(self)


#: table name -> record class, in load order (parents before children)
TABLES = {
    "documents": Document,
    "pages": Page,
    "meetings": Meeting,
    "attendance": Attendance,
    "agenda_items": AgendaItem,
    "questions": Question,
    "responses": Response,
    "resolutions": Resolution,
    "votes": Vote,
    "actions": Action,
}
