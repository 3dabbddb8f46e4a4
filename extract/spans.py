"""Where in the block list each record was found, so `assemble` can hang records on the
agenda item and meeting whose blocks contain them."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from schema.records import AgendaItem, Attendance, Meeting


@dataclass
class ItemSpan:
    """An agenda item and the blocks [start, end) that belong to it."""

    item: AgendaItem
    start: int
    end: int


@dataclass
class MeetingSpan:
    """One meeting in a document (a file can hold two) and the blocks [start, end) of its record.

    `meeting.id` may be left empty: `assemble` gives it a stable id from council, body and date."""

    meeting: Meeting
    start: int
    end: int
    attendance: list[Attendance] = field(default_factory=list)
    items: list[ItemSpan] = field(default_factory=list)


@dataclass
class Segmentation:
    doc_kind: str  # minutes / question_pack / agenda_item_minutes / agenda / decisions / other
    meetings: list[MeetingSpan] = field(default_factory=list)
    items: list[ItemSpan] = field(default_factory=list)  # items outside any meeting (an mgAi page)


@dataclass
class Found:
    """A record found at block `index`, with its children (responses of a question, votes of a
    resolution)."""

    index: int
    record: Any
    children: list = field(default_factory=list)
