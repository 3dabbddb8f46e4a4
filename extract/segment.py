"""Blocks -> meetings (header, attendance) and agenda items.

A document holds zero, one or more meetings. A meeting starts at a *title* ("Minutes of the
meeting of X held at Y on Z at T", "MINUTES OF THE ANNUAL MEETING OF SOULDERN PARISH COUNCIL",
"Rivergrove City Council Meeting Minutes", "SUMMARY OF DES MOINES CITY COUNCIL MEETING") whose
following lines complete the header (date, time, venue). Attendance lists follow ("Present:",
"Apologies:", "In attendance:", "Officers:") and then numbered items, each a short title-like
line ("38. COURT JUDGEMENTS ...", "14/037 Minutes", "11.25.01 Apologies for absence") in
ascending order; numbered discussion points inside an item ("1. The committee enquired ...")
are long sentences and are not items. A meeting ends at "The meeting ended at ..." or at an
appendix heading; what follows (question appendices) belongs to the question finder.

A ModernGov agenda-item page (mgAi: "Agenda item" / title / "Minutes:") is one item without a
meeting header. When a reader put ModernGov facts in `ReadResult.meta["moderngov"]`, those
facts win over anything read from the text.
"""
from __future__ import annotations

import functools
import re
import string
from dataclasses import dataclass, field

from schema.records import AgendaItem, Attendance, Meeting

from . import dates, rules
from .blocks import Block, ReadResult, may_say, non_ascii, one_line
from .spans import ItemSpan, MeetingSpan, Segmentation

# ---------------------------------------------------------------------------------------------
# Meeting titles

#: "Minutes of the meeting of Children and Young People Scrutiny Committee held at ..."
#: "MINUTES OF PROCEEDINGS AT MEETING OF LIMERICK CITY AND COUNTY COUNCIL HELD IN ..."
#: "DRAFT MINUTES OF THE SOULDERN PARISH COUNCIL MEETING"; "M I N U T E S"
TITLE_MINUTES_OF = re.compile(
    r"^(?:(?:draft|unconfirmed|confirmed|approved|public|printed|open)\s+)*(?:minutes|m\s?i\s?n\s?u\s?t\s?e\s?s)\b(?!\s*:)",
    re.I)
#: "Rivergrove City Council Meeting Minutes"; "Council Minutes - 2 May 2019"
TITLE_ENDS_MINUTES = re.compile(r"^(?!the\b)[A-Z][\w&'’ ,.-]{2,80}?\bminutes\b(?:\s*[-–—:,]\s*.*)?$", re.I)
#: "Minutes of Council Meeting - 2 May 2019" is caught above; "SUMMARY OF DES MOINES CITY COUNCIL MEETING"
TITLE_SUMMARY = re.compile(r"^(?:summary|record|notes|proceedings)\s+of\s+(?:the\s+)?(?:proceedings\s+of\s+)?.*\bmeeting\b",
                           re.I)
#: "Decision Recording Form", "Decisions of the Cabinet", "Record of decisions"
TITLE_DECISIONS = re.compile(r"^(?:record\s+of\s+)?decisions?\b(?:\s+(?:recording|notice|of|taken|sheet|list))", re.I)
#: "Agenda", "AGENDA for the meeting of ..." (no minutes in the document)
TITLE_AGENDA = re.compile(r"^(?:(?:draft|supplementary)\s+)?agenda\b(?!\s+item)", re.I)

#: "DES MOINES CITY COUNCIL MEETING" / "Regular Meeting of the City Council" at the top of an agenda
TITLE_MEETING = re.compile(r"^(?:[A-Z][\w&'’.-]*\s+){1,8}(?:regular\s+|special\s+)?meeting$|"
                           r"^(?:regular|special|ordinary|annual)\s+meeting\s+of\s+(?:the\s+)?\w", re.I)
#: words that only minutes use: an "agenda" title over these is a record of what happened
MINUTES_WORDS = re.compile(r"\b(?:resolved|carried|seconded|were\s+present|apologies\s+(?:for\s+absence\s+)?were|"
                           r"called\s+to\s+order|motion\s+(?:passed|carried|failed))\b", re.I)

#: "Minutes:" in a ModernGov agenda-item page; "Agenda item" as the page's first line
MGAI_AGENDA_ITEM = re.compile(r"^agenda\s+item\s*(?:[-–:]\s*(?P<rest>.*))?$", re.I)
MGAI_MINUTES = re.compile(r"^(?:minutes|decision)\s*:", re.I)

_WEEKDAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
#: "...of X held at Y on Tuesday 30 July 2024" -> the body ends at "held" / "on <date>" / the date
BODY_OF = re.compile(
    r"\bminutes\s+of\s+(?:the\s+|a\s+)?(?:proceedings\s+(?:at|of)\s+(?:the\s+|a\s+)?)?"
    r"(?:(?:annual|ordinary|special|extraordinary|regular|reconvened|adjourned|inaugural|additional|informal|"
    r"joint|remote|virtual|public|monthly|statutory|budget)\s+)*(?:(?:meeting|session)\s+of\s+(?:the\s+)?)?"
    r"(?P<body>.+?)(?=\s+(?:held|which\s+took|taking|convened)\b|\s+(?:meeting\s+)?on\s+(?:" + _WEEKDAY + r"|\d)|"
    r",?\s+" + _WEEKDAY + r"|\s+(?:meeting\s*)?(?:at\s+\d|\d{1,2}(?:st|nd|rd|th)?\s+\w+\s+\d{4})|\s*[-–|]\s*\d|\s*$)",
    re.I)
#: "Decision determined at Transport and Connectivity Policy Committee meeting on 12 September 2024"
BODY_DECISION = re.compile(r"\b(?:determined|taken|made)\s+(?:at|by)\s+(?:the\s+)?(?P<body>[A-Z].+?)\s+(?:meeting|on\s+\d)", re.I)
#: "MINUTES – EXECUTIVE POLICY COMMITTEE – Wednesday, February 19, 2020"
BODY_DASHED = re.compile(r"^minutes\s*[-–—:|]\s*(?P<body>[^-–—|]+?)\s*(?:[-–—|,]\s*(?:" + r"(?:mon|tues|wednes|thurs|fri|satur|sun)day" + r"|\d)|$)", re.I)
#: "DES MOINES CITY COUNCIL MEETING" -> "DES MOINES CITY COUNCIL"; "Regular Meeting of the City Council" -> "City Council"
BODY_MEETING = re.compile(r"^(?:(?:regular|special|ordinary|annual)\s+meeting\s+of\s+(?:the\s+)?(?P<body>[^,]+?)(?=\s*$|,|\s+\d)|"
                          r"(?P<body2>(?:[A-Z][\w&'’.-]*\s+){1,8}?)(?:regular\s+|special\s+)?meeting\b)", re.I)
#: "Rivergrove City Council Meeting Minutes" -> "Rivergrove City Council"
BODY_BEFORE_MINUTES = re.compile(r"^(?P<body>.+?)\s+(?:(?:regular|special|annual|ordinary)\s+)?(?:meeting\s+)?minutes\b",
                                 re.I)
#: "SUMMARY OF DES MOINES CITY COUNCIL MEETING" -> "DES MOINES CITY COUNCIL"
BODY_SUMMARY = re.compile(r"^(?:summary|record|notes)\s+of\s+(?:the\s+)?(?:proceedings\s+of\s+)?(?P<body>.+?)\s+"
                          r"(?:(?:regular|special|annual)\s+)?meeting\b", re.I)
#: "held at Council Chamber, The Shire Hall, ..., HR1 2HX on Friday 18 January 2019"
VENUE_HELD = re.compile(
    r"\bheld\s+(?:at|in)\s+(?:the\s+(?=[A-Z]))?(?P<venue>.+?)(?=,?\s+on\s+(?:" + _WEEKDAY + r"|\d)|,?\s+"
    + _WEEKDAY + r"|,?\s+(?:at|from)\s+\d|,?\s+\d{1,2}(?:st|nd|rd|th)?\s+\w+\s+\d{4}|\s*$)", re.I)
#: "... ON TUESDAY 14th JANUARY 2020 AT 7.30PM IN THE VILLAGE HALL"; "... 14 January 2020 at Guildhall, Kingston"
VENUE_AFTER_WHEN = re.compile(r"(?:\d{4}|[ap]\.?\s?m\.?)\s*,?\s+(?:at|in)\s+(?:the\s+)?(?P<venue>(?-i:[A-Z])[^.]*?)\.?\s*$", re.I)
#: "... in the Village Hall" / "... at Souldern Pavilion" anywhere in a header line
VENUE_NAMED_PLACE = re.compile(r"\b(?:in|at)\s+(?:the\s+)?(?P<venue>(?:(?-i:[A-Z])[\w'’&.-]*[\s,]+){0,6}(?:hall|room|chambers?|"
                               r"centre|center|house|offices?|church|school|library|pavilion|institute|building|"
                               r"club|guildhall)\b[^.]*?)(?=\s+on\s|\s+at\s+\d|,?\s*$|\.)", re.I)
#: "The meeting was called to order at River Grove Elementary School at 7:01 p.m."
VENUE_CALLED = re.compile(r"called\s+to\s+order\s+(?:in|at)\s+(?:the\s+)?(?P<venue>[A-Z][^.]*?)\s+at\s+\d", re.I)
#: "Venue: Room 1", "Place: Guildhall", "Location: Council Chamber"
VENUE_LINE = re.compile(r"^(?:venue|place|location|meeting\s+venue|held\s+at)\s*[:\-–]\s*(?P<venue>.+)$", re.I)
DATE_LINE = re.compile(r"^(?:date|meeting\s+date|date\s+of\s+meeting)\s*[:\-–]\s*(?P<value>.+)$", re.I)
TIME_LINE = re.compile(r"^(?:time|start\s+time|meeting\s+time)\s*[:\-–]\s*(?P<value>.+)$", re.I)
#: "The meeting was called to order at 7:00 p.m." / "The meeting commenced at 6.30pm"
TIME_CALLED = re.compile(r"\b(?:called\s+(?:the\s+(?:meeting|session)\s+)?to\s+order|commenced|opened|began|started)\b[^.]*?\bat\s+(?P<t>\d[^.]*?[ap]\.?\s?m\.?)",
                         re.I)
#: "Chair: Councillor A Smith"; "PRESENT IN THE CHAIR: Councillor F. Foley, Mayor."; "Chairperson - X"
CHAIR_LINE = re.compile(r"^(?:present\s+)?(?:in\s+the\s+chair|chair(?:man|woman|person)?|presiding(?:\s+officer)?)\s*[:\-–]\s*(?P<name>.+)$",
                        re.I)
#: "Mayor Williams presided"; "Councillor X in the Chair"; "Mayor Romero called the meeting to order at 7:02 p.m."
CHAIR_PRESIDED = re.compile(r"^(?P<name>(?-i:[A-Z])[\w.'’ -]{2,60}?)\s+(?:presided|\(?in\s+the\s+chair\)?|"
                            r"called\s+the\s+(?:meeting|session)\s+to\s+order)\b", re.I)

#: "The meeting ended at 12.05 pm"; "The meeting closed at 8.45pm"; "Meeting adjourned at 9:12 p.m."
MEETING_END = re.compile(r"^(?:the\s+)?(?:meeting|council|committee|session)\s+(?:was\s+)?(?:ended|closed|concluded|"
                         r"terminated|adjourned|finished|rose)\b|^(?:there\s+being\s+no\s+(?:further|other)\s+business)|"
                         r"^(?:meeting\s+)?adjourn(?:ed|ment)\b", re.I)
#: "APPENDIX 1 - PUBLIC QUESTIONS AND RESPONSES"; "Appendix 2"; "Annex A"
APPENDIX = re.compile(r"^(?:appendix|appendices|annex|schedule)\b", re.I)

# ---------------------------------------------------------------------------------------------
# Attendance labels

#: label -> role; "Present:", "Members present:", "Councillors present", "Apologies:", "In attendance:",
#: "Officers:", "Also present:", "Officials in attendance:", "Absent:", "Apologies for absence:"
ATTENDANCE_LABEL = re.compile(
    r"^(?P<label>(?:present\s+in\s+the\s+chair|(?:(?:committee|council|board|panel|cabinet)\s+)?(?:members|councillors|"
    r"councilors|council\s*members|trustees|governors|commissioners|directors)\s+(?:present|absent|in\s+attendance)|"
    r"members\s+of\s+the\s+(?:committee|council|panel|board|cabinet|sub-committee)\s+present|"
    r"present|attendees|attendance|in\s+attendance|also\s+(?:present|in\s+attendance|attending)|"
    r"(?:officers?|officials?|staff)(?:\s+(?:present|in\s+attendance|attending))?|"
    r"apologies(?:\s+for\s+absence)?(?:\s+(?:received|were\s+received\s+from))?|absent(?:\s+members)?|"
    r"members\s+absent|not\s+present|excused|substitutes?|regrets|absent\s+with\s+(?:notice|regrets)|guests?|"
    r"others\s+present|staff|"
    r"members\s+of\s+the\s+public))\s*(?::-|:|-|–|\||\s{2,}|$)\s*:?\s*\|?\s*(?P<rest>.*)$", re.I)
#: a sub-label that keeps the current role: "Councillors: A, B and C"; "Co-opted Member: X"
SUB_LABEL = re.compile(r"^(?P<label>councillors?|councilors?|cllrs?|members?|co-?opted\s+members?|independent\s+members?|"
                       r"voting\s+co-?opted\s+members?|non-voting\s+members?|parent\s+governors?|mayor)\s*:\s*(?P<rest>.*)$",
                       re.I)
#: inline "Present: Coleman, Flagg ... Absent: Daniels and Vlassis." inside a roll-call paragraph
INLINE_LABEL = re.compile(r"\b(?P<label>present|absent|excused|also\s+present|staff\s+present|apologies)\s*:", re.I)
#: "Apologies for absence had been received from Councillor Frank Cornthwaite, ... and Jan Frances (...)."
#: "1. Apologies for absence: Cllr D Black and Cllr E White" (parish minutes)
APOLOGIES_COLON = re.compile(r"^(?:\S+\s+)?apologies(?:\s+for\s+absence)?(?:\s+received)?\s*[:\-–]\s*(?P<names>.+)$", re.I)
APOLOGIES_FROM = re.compile(r"\bapologies\b(?:\s+for\s+[\w\s]{2,30}?)?\s+(?:had\s+been|were|was|have\s+been|"
                            r"are)?\s*(?:received|submitted|given|noted|tendered)\s+(?:from|by|on\s+behalf\s+of)\s+"
                            r"(?P<names>.+?)(?:\.\s|\.$|$)", re.I)

#: NZ: "That apologies for absence from Councillor Poulain and Councillor Travers be accepted." (the motion
#: accepting them; text scraped from HTML may break the line after "be")
APOLOGIES_ACCEPTED = re.compile(r"\bapologies\s+(?:for\s+absence\s+)?from\s+(?P<names>[^.]+?)\s+be\b", re.I)

_ROLE_OF = [
    (re.compile(r"apolog|regrets", re.I), "apologies"),
    (re.compile(r"absent|not\s+present|excused", re.I), "absent"),
    (re.compile(r"attendance|also|officer|official|staff|public|guest|others", re.I), "in_attendance"),
    (re.compile(r".", re.I), "present"),
]

# ---------------------------------------------------------------------------------------------
# Item numbers

#: "98-3477 I. Approve ..." (Des Moines roll-call number before the item number)
ROLL_CALL_PREFIX = r"(?P<rollcall>\d{2}-\d{3,5}\s+)?"
ITEM = re.compile(
    r"^" + ROLL_CALL_PREFIX +
    r"(?:(?i:minute|agenda\s+item|item)\s+(?i:no\.?\s*)?)?"
    r"(?P<num>(?:[A-Z][A-Za-z]{0,5}/)?\d{1,3}/\d{1,4}"  # "14/037", "Exe/20/1", "CYP/19/12"
    r"|\d{1,2}(?:\.\d{1,2}){2}"           # "11.25.01"
    r"|\d{1,3}[a-zA-Z]?(?![\d/])"         # "38", "6a", "4A"
    r"|[IVX]{1,4}(?=\.))"                 # "I." (roman outline)
    r"(?P<sep>[.):]\s*|\s+[-–—]\s+|\s+)(?P<title>\S.*)$")
#: "**1.**" or "4A." alone on its line, the title on the next ("2" alone is a page number)
NUMBER_ONLY = re.compile(r"^(?:(?:minute|item)\s+)?(?P<num>\d{1,3}[a-zA-Z]?(?=[.):])|(?:[A-Z][A-Za-z]{0,5}/)?\d{1,3}/\d{1,4})"
                         r"[.):]?$")
#: the largest jump between consecutive item numbers: "12 Pennywell Road" after item 4A is an address
MAX_GAP = 25
#: a street address line: "400 Robert D. Ray Drive", "12 Pennywell Road"
STREET = re.compile(r"\b(?:drive|dr|street|st|road|rd|avenue|ave|lane|ln|way|court|ct|place|pl|boulevard|blvd|square|sq|"
                    r"crescent|close|terrace|parkway|pkwy|highway|hwy)\.?$", re.I)
#: a header line that names a place: "City Hall, City Council Chambers"
VENUE_WORDS = re.compile(r"\b(?:hall|room|chambers?|centre|center|house|offices|church|school|library|pavilion|institute|"
                         r"building|guildhall|online|virtual|zoom|teams)\b", re.I)
#: "(Pages 7 - 10)", "(Item 6)", "(Page 3)", "Pages 5-12", trailing page numbers of a contents line
TITLE_DEBRIS = re.compile(r"\s*\((?:pages?|items?|agenda\s+item|report)\s+[^)]*\)\s*|\s*\bpages?\s+\d+\s*[-–]\s*\d+\s*$",
                          re.I)
#: titles of numbered lines that are discussion, not items: "1. The committee enquired about ..."
REPORTING = re.compile(r"\b(?:was|were|is|are|had|has|have|asked|enquired|queried|noted|stated|explained|suggested|"
                       r"requested|raised|referred|considered|acknowledged|highlighted|confirmed|advised|agreed|"
                       r"felt|expressed|pointed|said|told|would|could|should|approved|delegated|endorsed|resolved)\b", re.I)


@dataclass
class _Header:
    index: int
    end: int
    body: str | None = None
    date: str | None = None
    time: str | None = None
    venue: str | None = None
    kind: str = "minutes"
    text: str = ""
    page: int | None = None
    venue_strength: int = 0  # 3 "Venue:" line, 2 "held at", 1 after the date, 0 a place line under the title


@dataclass
class _MeetingDraft:
    header: _Header
    start: int
    end: int = 0
    attendance: list[Attendance] = field(default_factory=list)
    items: list[ItemSpan] = field(default_factory=list)
    chair: str | None = None


def find_meetings(result: ReadResult, doc_id: str) -> Segmentation:
    """Meetings, their attendance and items, found in the reader's blocks."""
    blocks = result.blocks
    lines = [block_line(b) for b in blocks]
    moderngov = (result.meta or {}).get("moderngov") or {}
    mgai = _mgai_item(blocks, lines, doc_id)
    dayfirst = dates.DayfirstWhenAsked(lines)  # "04/05/2023" is 5 April in Hastings, April 5 in Rivergrove
    headers = _headers(blocks, lines, dayfirst)
    if not headers and moderngov.get("committee") and moderngov.get("date"):
        headers = [_Header(index=0, end=0)]
    if not headers and not mgai:
        headers = _headerless(blocks, lines, dayfirst)
    if not headers:
        kind = "agenda_item_minutes" if mgai else _other_kind(blocks, lines)
        return Segmentation(doc_kind=kind, items=[mgai] if mgai else [])
    drafts = _drafts(headers, len(blocks))
    seq = 0
    for draft in drafts:
        draft.end = _meeting_end(lines, draft)
        _called_to_order(lines, draft)
        draft.attendance, draft.chair = _attendance(blocks, lines, draft)
        draft.items, seq = _items(blocks, lines, draft, doc_id, seq)
        if moderngov and draft is drafts[0]:
            _moderngov_facts(moderngov, blocks, lines, draft, doc_id)
        draft.end = max(draft.end, draft.items[-1].end if draft.items else draft.end)
    if mgai and not any(d.items for d in drafts):
        return Segmentation(doc_kind="agenda_item_minutes", items=[mgai])
    meetings = [_meeting_span(d, moderngov if n == 0 else {}) for n, d in enumerate(drafts)]
    kind = headers[0].kind
    if kind == "agenda" and (any(d.attendance for d in drafts) or any(MINUTES_WORDS.search(ln) for ln in lines)):
        kind = "minutes"  # a meeting title over a record of the meeting
    kind = _moderngov_kind(moderngov) or kind
    return Segmentation(doc_kind=kind, meetings=meetings)


# ---------------------------------------------------------------------------------------------
# Headers


def block_line(block: Block) -> str:
    """A block's text on one line, without Markdown heading marks a converter left in it
    ("#### 34. APOLOGIES FOR ABSENCE" in a Word file made from Markdown)."""
    return _line_of(block.text)


@functools.lru_cache(maxsize=4096)
def _line_of(text: str) -> str:  # cached: every pass over the blocks asks for their lines
    return _MARKDOWN_HEADING.sub("", one_line(text))


_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+")


def _is_title(block: Block, line: str, index: int) -> str | None:
    """The kind of meeting record a title line announces, or None when `line` is no title.

    Titles sit near the top or stand out (heading, bold, upper case); a sentence such as
    "The minutes of the previous meeting were received." is never one."""
    if not line:
        return None
    prominent = index < 15 or block.kind == "heading" or block.bold or _upper(line)
    if not prominent or len(line.split()) > 45:  # prominence first: it turns away most lines, cheaper
        return None
    if TITLE_MINUTES_OF.match(line) or TITLE_SUMMARY.match(line):
        if re.match(r"^minutes\s+(?:of\s+(?:the\s+)?(?:previous|last)|were|are)", line, re.I) or (
                index >= 15 and re.match(r"^minutes\s+of\s+(?:the\s+)?meetings?\s+held\s+on", line, re.I)):
            return None  # "Minutes of the meeting held on 13 January 2020" is an item's title
        return "minutes"
    if TITLE_ENDS_MINUTES.match(line) and len(line.split()) <= 12 and not line.endswith("."):
        return "minutes"
    if TITLE_DECISIONS.match(line) and index < 15:
        return "decisions"
    if index < 6 and (TITLE_AGENDA.match(line) or TITLE_MEETING.match(line)) and len(line.split()) <= 14:
        return "agenda"
    return None


@functools.lru_cache(maxsize=4096)
def _upper(text: str) -> bool:
    """Whether the letters are mostly capitals ("COURT JUDGEMENTS"). Cached: asked of the same
    title lines again and again. ASCII letters are counted by bytes.translate on the UTF-8 text, not
    by a Python call per character; only the few other characters ("’", "é") are looked at one by one."""
    raw = text.encode("utf-8", "surrogatepass")
    alpha = "".join(filter(str.isalpha, non_ascii(text)))
    letters = len(raw) - len(raw.translate(None, _ASCII_LETTERS)) + len(alpha)
    capitals = len(raw) - len(raw.translate(None, _ASCII_CAPITALS)) + len("".join(filter(str.isupper, alpha)))
    return letters >= 4 and capitals / letters > 0.8


_ASCII_LETTERS = string.ascii_letters.encode()
_ASCII_CAPITALS = string.ascii_uppercase.encode()


def _headers(blocks: list[Block], lines: list[str], dayfirst: bool = True) -> list[_Header]:
    """Every meeting title in the document with the header lines that complete it."""
    found: list[_Header] = []
    for i, (block, line) in enumerate(zip(blocks, lines)):
        if block.kind == "row":
            continue
        kind = _is_title(block, line, i)
        if kind is None:
            continue
        if found and i < found[-1].end:
            continue
        header = _read_header(blocks, lines, i, kind, dayfirst)
        found.append(header)
    return found


def _headerless(blocks, lines, dayfirst: bool = True) -> list[_Header]:
    """Minutes whose title the reader could not see (a page header, text drawn as outlines) still
    open with "Present:" and go on with numbered items: a meeting with the date printed near the top."""
    label = next((i for i, (b, ln) in enumerate(zip(blocks[:30], lines[:30]))
                  if b.kind != "row" and (m := ATTENDANCE_LABEL.match(ln)) and _role(m.group("label")) == "present"), None)
    if label is None:
        return []
    items = [i for i in range(label + 1, min(len(lines), label + 80)) if item_candidate(blocks[i], lines[i])]
    if len(items) < 2:
        return []
    header = _Header(index=0, end=label)
    header.date = next((d for d in (dates.parse_date(ln, dayfirst) for ln in lines[:label + 1]) if d), None)
    header.time = next((t for t in (dates.parse_time(ln) for ln in lines[:label + 1]) if t), None)
    return [header]


def _read_header(blocks, lines, i, kind, dayfirst: bool = True) -> _Header:
    """Join the title with the lines after it that still belong to the header (body, date,
    time, venue lines), then read the fields from the joined text."""
    parts = [lines[i]]
    end = i + 1
    while end < len(lines) and end < i + 8:
        line = lines[end]
        if not line or (parts and line == parts[-1]):
            end += 1
            continue
        dated = dates.find_date(line)
        starts_with_date = dated is not None and dated[1].start() <= 12
        if (ATTENDANCE_LABEL.match(line) or (item_candidate(blocks[end], line) and not starts_with_date)
                or CHAIR_LINE.match(line)
                or blocks[end].kind == "row"):
            break
        if len(line.split()) > 25:
            break
        parts.append(line)
        end += 1
    header = _Header(index=i, end=end, kind=kind, page=blocks[i].page)
    text = " ".join(parts)
    # A council name printed above the title ("Bristol City Council" / "Minutes of the ...") is
    # not the body; the body is read from the title onwards.
    header.text = text
    header.body = _body(text) or _body_above(blocks, lines, i)
    if header.body and GENERIC_BODY.match(header.body):
        place = _place_above(lines, i)
        below = next((p for p in parts[1:4] if PLACE_LINE.match(p)), None)
        if place:  # "CITY OF EAST PALO ALTO" / "CITY COUNCIL REGULAR MEETING MINUTES"
            header.body = f"{place} {header.body}"
        elif below and norm_words(below).endswith(norm_words(header.body)):
            header.body = below  # "Minutes of Council Meeting - 2 May 2019" / "Hastings District Council"
    for line in parts:
        date_line, time_line, venue_line = DATE_LINE.match(line), TIME_LINE.match(line), VENUE_LINE.match(line)
        if date_line and not header.date:
            header.date = dates.parse_date(date_line.group("value"), dayfirst)
        if time_line and not header.time:
            header.time = dates.parse_time(time_line.group("value"))
        if venue_line and not header.venue:
            header.venue = _clean_venue(venue_line.group("venue"))
    header.date = header.date or dates.parse_date(text, dayfirst)
    header.time = header.time or dates.parse_time(text)
    if header.venue:
        header.venue_strength = 3  # a "Venue:" line
    for strength, pattern in ((2, VENUE_HELD), (1, VENUE_AFTER_WHEN), (1, VENUE_NAMED_PLACE)):
        held = pattern.search(text)
        if held and not header.venue:
            header.venue = _clean_venue(held.group("venue"))
            header.venue_strength = strength if header.venue else 0
    if not header.venue:  # "City Hall, City Council Chambers" on a line of its own between the title and the date
        dated = next((n for n, p in enumerate(parts) if dates.find_date(p)), len(parts))
        header.venue = next((_clean_venue(p) for p in parts[1:dated + 2] if VENUE_WORDS.search(p)
                             and not dates.find_date(p) and len(p.split()) <= 12 and not TITLE_MINUTES_OF.match(p)), None)
    return header


def _body(text: str) -> str | None:
    """The meeting body named in a title: "Children and Young People Scrutiny Committee"."""
    for pattern in (BODY_OF, BODY_SUMMARY, BODY_DECISION, BODY_DASHED, BODY_BEFORE_MINUTES, BODY_MEETING):
        m = pattern.search(text)
        if m:
            body = (m.groupdict().get("body") or m.groupdict().get("body2") or "").strip(" ,.-–:|")
            body = re.sub(r"^(?:the|a)\s+", "", body, flags=re.I)
            body = re.sub(r"\s+(?:meeting|minutes)$", "", body, flags=re.I)
            if body and len(body.split()) <= 14 and not re.match(r"^(?:meeting|proceedings|minutes)$|^minutes\b", body, re.I):
                return body
    return None


#: a body that needs its place: "City Council", "Council", "Board of Trustees", "Planning Commission"
GENERIC_BODY = re.compile(r"^(?:the\s+)?(?:city|town|village|county|borough|district|parish)?\s*(?:council|board|commission|"
                          r"board\s+of\s+\w+)$", re.I)
#: "CITY OF EAST PALO ALTO", "Town of Milburn", "Des Moines, Iowa", "Kent County Council"
PLACE_LINE = re.compile(r"^(?:(?:city|town|village|county|borough|township|municipality)\s+of\s+[A-Z][\w .'’-]{2,40}|"
                        r"[A-Z][\w .'’-]{2,40}\s+(?:county|borough|district|city|town|parish)\s+council)$", re.I)


def norm_words(text: str) -> str:
    return re.sub(r"\W+", " ", (text or "").lower()).strip()


def _place_above(lines, i) -> str | None:
    for k in range(i - 1, max(-1, i - 4), -1):
        if lines[k] and PLACE_LINE.match(lines[k]):
            return lines[k]
    return None


def _body_above(blocks, lines, i) -> str | None:
    """"Executive" / "Minutes of the meeting held on Wednesday, 15 January 2020": the body is the
    short line printed above a title that names no body."""
    for k in range(i - 1, max(-1, i - 4), -1):
        line = lines[k]
        if not line:
            continue
        if (len(line.split()) <= 8 and not dates.find_date(line) and not line.endswith((".", ":"))
                and not re.search(r"\b(?:public\s+document\s+pack|page|agenda|minutes)\b", line, re.I)):
            return line
        return None
    return None


def _clean_venue(venue: str) -> str | None:
    venue = venue.strip(" ,.;:-–")
    if re.match(r"^\d{1,2}(?:[.:]\d{2})?\s*(?:[ap]\.?\s?m|noon|hrs)", venue, re.I):
        return None  # "held at 7.30 pm on ..." names a time, not a place
    return venue or None


def _drafts(headers: list[_Header], n_blocks: int) -> list[_MeetingDraft]:
    """One draft meeting per header, merging a repeated header of the same meeting (a cover
    page title and the minutes' own title on 2 May 2019 are one meeting)."""
    drafts: list[_MeetingDraft] = []
    for header in headers:
        if drafts:
            prev = drafts[-1].header
            same = not header.date or not prev.date or header.date == prev.date
            if same:
                for key in ("body", "date", "time", "venue"):
                    if not getattr(prev, key):
                        setattr(prev, key, getattr(header, key))
                if header.venue and header.venue_strength > prev.venue_strength:
                    prev.venue, prev.venue_strength = header.venue, header.venue_strength
                prev.end = max(prev.end, header.end)
                continue
        drafts.append(_MeetingDraft(header=header, start=header.index))
    for n, draft in enumerate(drafts):
        draft.end = drafts[n + 1].start if n + 1 < len(drafts) else n_blocks
    return drafts


def _called_to_order(lines: list[str], draft: _MeetingDraft) -> None:
    """US minutes give time and place in prose: "The meeting was called to order at River Grove
    Elementary School at 7:01 p.m." Fill what the header lacked from the opening lines."""
    for line in lines[draft.start:min(draft.end, draft.start + 25)]:
        called = TIME_CALLED.search(line)
        if called and not draft.header.time:
            draft.header.time = dates.parse_time(called.group("t"))
        venue = VENUE_CALLED.search(line)
        if venue and not draft.header.venue:
            draft.header.venue = _clean_venue(venue.group("venue"))


def _meeting_end(lines: list[str], draft: _MeetingDraft) -> int:
    """Index just past the closing line ("The meeting ended at 12.05 pm"), or the draft's end."""
    for i in range(draft.header.end, draft.end):
        if MEETING_END.match(lines[i]):
            after = " ".join(lines[i:i + 2]).lower()
            if re.search(r"\badjourned\s+for\b|\breconven", after):
                continue  # "The meeting adjourned for afternoon tea at 3.00pm and reconvened at 3.20pm."
            return i + 1
    return draft.end


def _other_kind(blocks, lines) -> str:
    """question_pack when a question table or numbered question blocks lead the document; agenda
    for a bare agenda; otherwise other (commentary, letters, forward plans, blank pages)."""
    for block, line in zip(blocks[:40], lines[:40]):
        if block.kind == "row" and re.search(r"\bquestion(?:er)?\b", line, re.I) and block.cells:
            return "question_pack"
        if TITLE_AGENDA.match(line) and len(line.split()) <= 12:
            return "agenda"
    if any(re.match(r"^(?:public\s+|member\s+|supplementary\s+)?questions?\b", ln, re.I) for ln in lines[:10]):
        return "question_pack"
    return "other"


def _mgai_item(blocks, lines, doc_id) -> ItemSpan | None:
    """A ModernGov agenda-item page: "Agenda item" then the title, and a "Minutes:" section."""
    for i, line in enumerate(lines[:6]):
        m = MGAI_AGENDA_ITEM.match(line)
        if not m:
            continue
        if not any(MGAI_MINUTES.match(ln) for ln in lines[i:]):
            return None
        title = m.group("rest") or next((ln for ln in lines[i + 1:i + 4] if ln), "")
        number = None
        numbered = ITEM.match(title)
        if numbered:
            number, title = numbered.group("num"), numbered.group("title")
        title = _clean_title(title)
        if not title:
            return None
        item = AgendaItem(id=f"{doc_id[:16]}-i1", document_id=doc_id, seq=1, title=title, number=number,
                          page=blocks[i].page, page_end=blocks[-1].page_end or blocks[-1].page)
        return ItemSpan(item=item, start=i, end=len(blocks))
    return None


# ---------------------------------------------------------------------------------------------
# Attendance


def _attendance(blocks, lines, draft: _MeetingDraft) -> tuple[list[Attendance], str | None]:
    """People present, sending apologies, in attendance or absent, from the labelled lists after
    the header and from an "Apologies for absence were received from ..." sentence."""
    people: list[Attendance] = []
    chair = None
    role = None
    first_item = next((i for i in range(draft.header.end, draft.end) if item_candidate(blocks[i], lines[i])),
                      draft.end)
    i = draft.header.index
    while i < first_item:
        line = lines[i]
        chair_line = CHAIR_LINE.match(line)
        label = ATTENDANCE_LABEL.match(line)
        columns = _column_roles(line)
        if columns:
            found, i = _column_rows(blocks, lines, i + 1, first_item, columns)
            people += found
            role = columns[0]
            continue
        if chair_line and not label:
            names = _names(chair_line.group("name"), "present", blocks[i].page)
            for person in names[:1]:
                person.position = "chair"
            people += names[:1]
            i += 1
            continue
        if label:
            role = _role(label.group("label"))
            text = label.group("rest")
            in_chair = "chair" in label.group("label").lower()
            j = i + 1
            while j < first_item and not _list_ends(text) and _continues_list(blocks[j], lines[j]):
                text = _join_list(text, lines[j])
                j += 1
            found = [p for chunk_role, chunk in _labelled_chunks(_cut_prose(text), role)
                     for p in _names(chunk, chunk_role, blocks[i].page)]
            if in_chair:
                for person in found[:1]:
                    person.position = "chair"
            people += found
            i = j
            continue
        if role and SUB_LABEL.match(line):
            rest = SUB_LABEL.match(line).group("rest")
            j = i + 1
            while j < first_item and _continues_list(blocks[j], lines[j]):
                rest = _join_list(rest, lines[j])
                j += 1
            people += [p for chunk_role, chunk in _labelled_chunks(_cut_prose(rest), role)
                       for p in _names(chunk, chunk_role, blocks[i].page)]
            i = j
            continue
        i += 1
    people += _apologies_in_items(blocks, lines, draft, first_item)
    people += _inline_roll_call(blocks, lines, draft, first_item)
    people = _dedupe(people)
    chair = next((p.name for p in people if p.position == "chair"), None)
    if chair is None:
        chair = _presided(lines, draft, first_item)
    if chair is None:  # a mayor present presides when nobody else is named as chair (US, NZ)
        mayor = next((p for p in people if p.role == "present" and p.title and re.fullmatch(r"(?:lord\s+)?mayor", p.title, re.I)), None)
        if mayor:
            mayor.position, chair = "chair", mayor.name
    return people, chair


#: attendance labels set side by side over columns: "Present:   Members of the Public:   Apologies:"
COLUMN_LABEL = re.compile(r"(?P<label>present|members\s+of\s+the\s+public|apologies(?:\s+for\s+absence)?|in\s+attendance|"
                          r"absent|also\s+present|officers(?:\s+present)?)\s*:", re.I)
#: what closes one person in a column row: initials "(NO)" and/or a role "CHAIR", "CLERK", "[Chair]"
_COLUMN_ROLE = r"\[[^\]]{2,20}\]|\b(?:CHAIR(?:MAN|PERSON)?|VICE[\s-]CHAIR(?:MAN)?|CLERK|RFO)\b"
INITIALS = re.compile(r"\([A-Z]{1,4}\)")
COLUMN_ANCHOR = re.compile(rf"\([A-Z]{{1,4}}\)(?:\s+(?:{_COLUMN_ROLE}))?|(?:{_COLUMN_ROLE})")


def _column_roles(line: str) -> list[str]:
    """Roles of a line made only of two or more attendance labels, one per column of a two- or
    three-column list that the PDF reader gives back one row at a time (Souldern parish minutes:
    "Present: Members of the Public: Apologies:"), else []."""
    labels = list(COLUMN_LABEL.finditer(line))
    if len(labels) < 2 or COLUMN_LABEL.sub("", line).strip(" |:"):
        return []
    return [_role(m.group("label")) for m in labels]


def _column_rows(blocks, lines, start, stop, roles) -> tuple[list[Attendance], int]:
    """People in the rows under column labels; returns them and the index after the last row.

    A row runs its columns together ("Nick Oakhill (NO) CHAIR David Carlisle Lucy Cornish"): each
    person ends at their initials or role, or else is a first name and a surname; columns fill from
    the left, as the first (Present) column is the longest."""
    people, i = [], start
    while i < stop and lines[i] and not ATTENDANCE_LABEL.match(lines[i]) and _column_row(lines[i]):
        column = -1
        for chunk in _row_people(lines[i]):
            # members are listed with their initials, in the first column: "... Lucy Cornish Kirsty
            # Allpress (KA) Barbara McGarry" is two rows the reader joined, and KA starts the second
            column = 0 if INITIALS.search(chunk) else column + 1
            role = roles[min(column, len(roles) - 1)]
            chunk = re.sub(r"\[([^\]]+)\]", r"(\1)", chunk)  # "[Chair]" is a note like "(Chair)"
            chunk = re.sub(r"\s+(CHAIR(?:MAN|PERSON)?|VICE[\s-]CHAIR(?:MAN)?|CLERK|RFO)$", r" (\1)", chunk)
            people += _names(chunk, role, blocks[i].page)
        i += 1
    return people, i


def _column_row(line: str) -> bool:
    """"Kirsty Allpress (KA) Barbara McGarry" yes; "1. To elect a chairman" or a sentence no."""
    words = COLUMN_ANCHOR.sub(" ", line).split()
    return bool(words) and len(words) <= 12 and all(w[0].isupper() or w[0] in "'’" for w in words) and not ITEM.match(line)


def _row_people(line: str) -> list[str]:
    """Split a row of run-together columns into people, as printed (initials and role kept)."""
    chunks, last = [], 0
    for m in COLUMN_ANCHOR.finditer(line):
        words = line[last:m.start()].split()
        lead, own = (words[:-2], words[-2:]) if len(words) > 3 else ([], words)
        chunks += _pairs(lead) + ([" ".join(own) + " " + m.group(0)] if own else [])
        last = m.end()
    chunks += _pairs(line[last:].split())
    return chunks


def _pairs(words: list[str]) -> list[str]:
    """"David Carlisle Lucy Cornish" -> two people; an odd count cannot be split safely: one chunk."""
    if len(words) % 2 or len(words) < 4:
        return [" ".join(words)] if words else []
    return [" ".join(words[k:k + 2]) for k in range(0, len(words), 2)]


_PROSE_TAIL = re.compile(r"\s*\b(?:were|was)\s+(?:also\s+)?(?:present|in\s+attendance)\b.*$|(?-i:(?<=[a-z]{2})\.\s+[A-Z]).*$", re.I)


def _cut_prose(text: str) -> str:
    """"Mayor Heather Kibbey, ... and Councilors Bill Tuttle were present. City Attorney ..." ->
    the list before "were present"."""
    return _PROSE_TAIL.sub("", text)


def _list_ends(text: str) -> bool:
    return bool(re.search(r"\b(?:were|was)\s+(?:also\s+)?present\b", text, re.I))


#: a label inside a joined list: "... and Ben Proctor Co-opted Member: Sam Pratley" (an HTML paragraph)
INNER_LABEL = re.compile(r"(?:^|\s|[,;.])(?P<label>co-?opted\s+members?|independent\s+members?|councillors?|cllrs|"
                         r"in\s+attendance|also\s+(?:present|in\s+attendance)|officers(?:\s+present)?|"
                         r"apologies(?:\s+for\s+absence)?|absent|substitutes?)\s*:\s*", re.I)


def _labelled_chunks(text: str, role: str) -> list[tuple[str, str]]:
    """Split a list at the labels inside it; a sub-label ("Councillors:", "Co-opted Member:")
    keeps the role, an attendance label ("In attendance:", "Apologies:") changes it."""
    chunks, last, current = [], 0, role
    for m in INNER_LABEL.finditer(text):
        chunks.append((current, text[last:m.start()]))
        label = m.group("label")
        if not SUB_LABEL.match(label + ":"):
            current = _role(label)
        last = m.end()
    chunks.append((current, text[last:]))
    return [(r, c) for r, c in chunks if c.strip(" ,;.")]


def _join_list(text: str, line: str) -> str:
    """Join a wrapped line onto a name list. "... Liz" + "Elgar, Tim Marks" continues a name; one
    name per line ("Councillor Ed Plowden" / "Councillor Graham Morris") starts a new one."""
    if not text:
        return line
    if text.endswith("-"):
        return text + line
    first_chunk = re.split(r"[,;(]", line, maxsplit=1)[0].strip()
    pending_role = re.split(r"\)", text)[-1].strip(" ,;")  # "Chief" waiting for "Executive (Mr N Bickle)"
    if _TITLED_IN_BRACKETS.search(line) and pending_role and "(" not in pending_role and len(pending_role.split()) <= 4:
        return f"{text} {line}"  # NZ officer lists: "Chief" / "Executive (Mr N Bickle)", "Project Advisor" / "(Ms A Hilton)"
    if text.rstrip().endswith((",", ";", "&")) or re.search(r"\b(?:and|of|the)$", text.rstrip(), re.I) or (
            len(first_chunk.split()) == 1 and ("," in line or len(line.split()) == 1) and not rules.split_title(first_chunk)[0]):
        return f"{text} {line}"
    return f"{text}, {line}"


def _presided(lines, draft, first_item) -> str | None:
    """"Mayor Bowman presided." / "Councillor Smith in the Chair" near the top of the record."""
    for line in lines[draft.header.index:min(draft.end, first_item + 3)]:
        m = CHAIR_PRESIDED.match(line)
        if m:
            name = rules.split_title(m.group("name"))[1]
            if _valid_name(name):
                return name
    return None


def _role(label: str) -> str:
    """"Members in attendance" are present; "Officers in attendance" are in attendance."""
    if re.match(r"^(?:(?:committee|council|board|panel|cabinet)\s+)?(?:members|councillors|councilors|council\s*members|"
                r"trustees|governors|commissioners|directors)\s+(?:present|in\s+attendance)", label, re.I):
        return "present"
    return next(role for pattern, role in _ROLE_OF if pattern.search(label))


def _continues_list(block: Block, line: str) -> bool:
    """A wrapped line of a name list: not a new label, item, heading or sentence of prose."""
    if not line or ATTENDANCE_LABEL.match(line) or ITEM.match(line) or SUB_LABEL.match(line):
        return False
    if block.kind in ("heading", "row") or (_upper(line) and "," not in line):
        return False
    if _TITLED_IN_BRACKETS.fullmatch(line.strip()):
        return True  # "(Ms A Hilton)" under its role "Project Advisor"
    head = re.split(r"\b(?:were|was)\s+(?:also\s+)?present\b", line)[0]
    return _looks_like_names(head)


def _looks_like_names(line: str) -> bool:
    """"J Stone, D Summers, EJ Swinglehurst" yes; "The Chair welcomed all attendees." no."""
    text = re.sub(r"\([^)]*\)", "", line)
    words = [w for w in re.split(r"[\s,;]+", text) if w and w.lower() not in ("and", "&", "of", "the", "for", "de", "van")]
    if not words:
        return False
    caps = sum(1 for w in words if w[0].isupper() or w[0] in "'’")
    if caps / len(words) < 0.75:
        return False
    if len(words) > 6 and "," not in text and " and " not in text:
        return False
    return not re.search(r"\b(?:was|were|is|are|had|has|welcomed|declared|moved)\b", text)


_POSITION = [(re.compile(r"\b(?:vice|deputy)[\s-]*(?:chair(?:man|woman|person)?|mayor|president)\b|leas-chathaoirleach",
                         re.I), "vice-chair"),
             (re.compile(r"\b(?:chair(?:man|woman|person)?|in\s+the\s+chair|presiding|mayor|cathaoirleach)\b", re.I), "chair")]
_NOT_A_NAME = re.compile(r"^(?:none|nil|n/?a|obe|mbe|cbe|jp|dl|mp|kc|qc|bem|frics|(?:and\s+)?\d+\s+members?.*|no\s+apologies.*|all|the\s+.*|members?|councillors?|officers?|"
                         r"(?:chair|vice[\s-]?chair)(?:man|woman|person)?|mayor|clerk|"
                         r"were\s+present|was\s+present|present|also|others?)$", re.I)
_JOB_WORDS = re.compile(r"\b(?:executive|manager|officer|director|clerk|head|lead|solicitor|administrator|"
                        r"accountant|engineer|planner|adviser|advisor|secretary|attorney|recorder|assistant|"
                        r"services|governance)\b", re.I)
_NAME_SPLIT = re.compile(r"\s*(?:[,;]|\band\b|&)\s*", re.I)


def _names(text: str, role: str, page: int | None) -> list[Attendance]:
    """Split a list such as "Councillors: Clare Davies, Dave Davies, Robert Highfield and Ben
    Proctor" or "Simon Cann (Committee Clerk) Steve Eccleston (...)" into people, with a title,
    a chair / vice-chair position and the bracketed note kept apart from the name."""
    text = text.strip().rstrip(".")
    bracketed = _bracketed_people(text, role, page)
    if bracketed:
        return bracketed
    text = re.sub(r"\)\s+(?=[A-Z])", "), ", text)  # "Name (note) Name (note)" -> a list
    people = []
    for raw in _split_outside_brackets(text):
        raw = re.sub(r"\s*\(([A-Z])\)", r" [\1]", raw)  # "Collins (B)": the initial tells two members apart
        notes = re.findall(r"\(([^)]*)\)", raw)
        outside = re.sub(r"\s*\([^)]*\)\s*", " ", raw).strip(" .:-–")
        outside = re.sub(r" \[([A-Z])\]", r" (\1)", outside)
        trailing = re.search(r"\s+(CHAIR(?:MAN)?|VICE[\s-]CHAIR(?:MAN)?|CLERK|Chair(?:man|person)?)$", outside)
        if trailing:
            notes.append(trailing.group(1))
            outside = outside[:trailing.start()]
        if role == "in_attendance" and _JOB_WORDS.search(outside) and notes and re.match(r"^(?:mr|mrs|ms|miss|dr)\.?\s", notes[0], re.I):
            outside, notes = notes[0], [outside]  # "Chief Executive (Mr N Bickle)"
        title, name = rules.split_title(outside)
        name = re.sub(r"^(?:councillors?|cllrs?)\.?\s+", "", name, flags=re.I).strip(" .,:")
        if not _valid_name(name):
            continue
        note = "; ".join(n.strip() for n in notes if n.strip()) or None
        position = next((pos for pattern, pos in _POSITION if note and pattern.search(note)), None)
        people.append(Attendance(meeting_id="", document_id="", name=name, role=role, raw=raw.strip(),
                                 title=title, position=position, note=note, page=page))
    return people


_TITLED_IN_BRACKETS = re.compile(r"\((?P<name>(?:mr|mrs|ms|miss|dr|messrs|mx)\.?\s[^)]+)\)", re.I)


def _bracketed_people(text: str, role: str, page) -> list[Attendance]:
    """Officials listed as "Chief Executive (Mr. P. Daly), Director, Housing (Ms. C. Curley)": the
    names are in the brackets and the roles before them, commas and all."""
    hits = list(_TITLED_IN_BRACKETS.finditer(text))
    if len(hits) < 2:
        return []
    people, last = [], 0
    for m in hits:
        note = text[last:m.start()].strip(" ,;")
        last = m.end()
        raw_names = m.group("name")
        plural = re.match(r"^messrs\.?\s+", raw_names, re.I)
        for raw in re.split(r"\s+and\s+|,\s*", raw_names[plural.end():] if plural else raw_names):
            title, name = rules.split_title(raw.strip())
            if _valid_name(name):
                people.append(Attendance(meeting_id="", document_id="", name=name, role=role, raw=raw.strip(),
                                         title=title or ("Mr" if plural else None), note=note or None, page=page))
    return people


def _split_outside_brackets(text: str) -> list[str]:
    parts, depth, current = [], 0, ""
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        if depth == 0:
            m = _NAME_SPLIT.match(text, i)
            if m and m.end() > i and (text[i] in ",;&" or (i > 0 and text[i - 1] == " ") or text[i].isspace()):
                parts.append(current)
                current = ""
                i = m.end()
                continue
        current += ch
        i += 1
    parts.append(current)
    return [p.strip() for p in parts if p.strip()]


_ROLE_START = re.compile(r"^(?:leas-chathaoirleach|cathaoirleach|leader|deputy|cabinet|portfolio|chief|director|head|executive|officer|clerk|"
                         r"chair|vice|group|assistant|senior|interim|acting|strategic|corporate)\b", re.I)


def _valid_name(name: str) -> bool:
    if not name or _NOT_A_NAME.match(name) or re.search(r"[\d…_/@]|\.{3}", name) or _ROLE_START.match(name):
        return False
    words = name.split()
    if len(words) > 5 or not (name[0].isupper() or name[0] in "'’Ó"):
        return False
    return not re.search(r"\b(?:was|were|is|are|had|has|received|present|apologies|meeting|council)\b", name, re.I)


def _apologies_in_items(blocks, lines, draft, first_item) -> list[Attendance]:
    """"Apologies for absence were received from Councillors JA Hyde, PP Marsh, RL Mayo and PD Newman."
    anywhere in the meeting's record (usually its first item)."""
    people = []
    for i in range(first_item, draft.end):
        if not may_say(lines[i], "apologies"):  # each APOLOGIES_ pattern needs the word
            continue
        m = APOLOGIES_FROM.search(lines[i]) or APOLOGIES_COLON.match(lines[i]) or APOLOGIES_ACCEPTED.search(lines[i])
        if m:
            people += _names(m.group("names"), "apologies", blocks[i].page)
    return people


def _inline_roll_call(blocks, lines, draft, first_item) -> list[Attendance]:
    """"ROLL CALL: Present: Coleman, Flagg, Hensley ... Absent: Daniels and Vlassis." inside a
    paragraph (US minutes), within the opening item or two."""
    people = []
    stop = min(draft.end, first_item + 12)
    for i in range(draft.header.index, stop):
        line = lines[i]
        if ATTENDANCE_LABEL.match(line) and i < first_item:
            continue  # already read as a list
        labels = list(INLINE_LABEL.finditer(line))
        if not labels:
            continue
        for n, m in enumerate(labels):
            end = labels[n + 1].start() if n + 1 < len(labels) else len(line)
            chunk = line[m.end():end]
            chunk = re.split(r"(?<=[a-z])\.\s+(?=[A-Z])", chunk)[0]
            chunk = re.sub(r"\b(?:were|was)\s+(?:also\s+)?present\b.*$", "", chunk)
            people += _names(chunk, _role(m.group("label")), blocks[i].page)
    return people


def _dedupe(people: list[Attendance]) -> list[Attendance]:
    seen, kept = set(), []
    for p in people:
        key = (p.name.lower(), p.role, p.note)
        if key in seen:
            continue
        seen.add(key)
        kept.append(p)
    return kept


# ---------------------------------------------------------------------------------------------
# Items


def item_candidate(block: Block, line: str, lenient: bool = True):
    """(number, title) when `line` reads as a numbered item heading, else None.

    `lenient` lets "1 Apologies for absence" (number, one space, a short label) count in plain text,
    where a converter folded the layout; where items are set in bold, plain lines need more."""
    if block.kind == "row" or not line or not ITEM.match(line):
        return None
    return _numbered_item(line, block.text, _stands_out(block), lenient)


def _stands_out(block: Block) -> bool:
    """Set as a heading or in bold: such a line needs less to be read as an item."""
    return block.kind == "heading" or block.bold


@functools.lru_cache(maxsize=4096)
def _numbered_item(line: str, raw: str, stands_out: bool, lenient: bool):
    """`item_candidate` of a line that ITEM matches, printed as `raw` in a block that does or does
    not stand out. Cached: segmentation asks it of the same lines for the header, the attendance
    and the items, and resolutions asks again of every line a resolution may end at."""
    m = ITEM.match(line)
    number, title = m.group("num"), _clean_title(m.group("title"))
    if m.group("rollcall"):  # "98-3478 2. APPROVING AGENDA ...: Moved by Hensley to adopt. Motion Carried 5-2."
        # "... Application submitted 10-26-98. Moved by Coleman to adopt": the action taken ends the title
        title = _clean_title(ACTION_TAKEN.split(title)[0])
        return (number, title) if title and _LETTER.search(title) else None
    head, colon, _ = title.partition(": ")
    dashed = LABEL_DASH_SENTENCE.match(title)
    if colon and 0 < len(head.split()) <= 10 and not _DIGIT.search(head):
        title = head  # "1. Apologies for absence: Cllr D Black" -> "Apologies for absence"
        ends = False
    elif dashed and REPORTING.search(dashed.group("said")):
        title = dashed.group("label")  # "11.25.10 Planning - the following ... had been received" -> "Planning"
        ends = False
    else:
        ends = m.group("title").rstrip(" *_#").endswith((".", "?", ";", ","))
    if not title or not _LETTER.search(title) or not _title_like(title, stands_out, ends):
        return None
    if number.isdigit() and DAY_MONTH.match(title):
        return None  # "26 Feb, 26 March, 30 April, ...": the dates of next meetings, not item 26
    timed = dates.find_time(line)
    if dates.date_at_start(line) or (timed and timed[1].start() == 0):
        return None  # "12 September 2024 at 5.00 pm" / "5:00 PM" is a date or time, not item 12 or 5
    raw_text = raw.strip().lstrip("*#").strip()
    spaced = m.group("sep").strip() == "" and not _WIDE_GAP_AFTER_NUMBER.match(raw_text)
    distinctive = "." in number or "/" in number  # "11.25.01 Apologies", "14/037 Minutes"
    label_like = len(title.split()) <= 10 and not _NOT_A_LABEL.search(title)
    if spaced and ((number.isdigit() and len(number) > 2) or STREET.search(title)):
        return None  # "400 Robert D. Ray Drive" is an address
    if _LEADING_ZERO.fullmatch(number):
        return None  # "07 Julie Levers": a numbered list of statements, not item 7
    if spaced and not (distinctive or (label_like and lenient) or stands_out or _upper(title)
                       or _ITEM_WORD.match(line)):
        return None  # "12 Pennywell Road, Limerick" is an address, not item 12
    if _ROMAN.fullmatch(number) and not (stands_out or _upper(title)):
        return None
    return number, title


#: Patterns of `_numbered_item` and `_title_like`, compiled once (asked of ~1,600 lines a bench
#: round, an inline `re.search(r"...")` looked its pattern up in re's cache each time):
#: a letter in a title: "14/037" alone is no item
_LETTER = re.compile(r"[^\W\d_]")
#: a digit in the label before a colon: "1. Apologies for absence: Cllr D Black" has none
_DIGIT = re.compile(r"\d")
#: the number set apart by a tab or wide gap: "1\t\tApologies" (a laid-out item, not "1 Apologies")
_WIDE_GAP_AFTER_NUMBER = re.compile(r"^\S+(?:\t|\s{2,})")
#: what a short label never holds or ends with: "12 Pennywell Road, Limerick"; "3 Report of the"
_NOT_A_LABEL = re.compile(r"[€£$,;]|\b(?:to|and|of|the|for|a|an|in|at|on|by|with)$", re.I)
#: "07 Julie Levers": a numbered list of statements
_LEADING_ZERO = re.compile(r"0\d")
#: "Item 4 ...", "Minute 12 ..."
_ITEM_WORD = re.compile(r"^(?:item|minute)\b", re.I)
#: a decision's wording, not a title: "That the report be noted", "To note that ..."
_THAT_OPENING = re.compile(r"^[“\"‘']?(?:that|to\s+note\s+that)\b", re.I)
#: how a sentence of minutes starts: "The committee enquired about ...", "Members asked ..."
_SENTENCE_SUBJECT = re.compile(r"^(?:the|a|an|it|this|there|members?|councillors?|he|she|they)\b", re.I)
#: "Minute item 7 ...": like an appendix, it follows the record of the meeting
_MINUTE_ITEM = re.compile(r"^minute\s+item\b", re.I)


#: where the action taken starts after a roll-call item's title: "... submitted 10-26-98. Moved by ...".
#: Each alternative opens with its "." or ":" (the look-behind comes after it), so that the regex
#: engine skips to those characters instead of trying the look-behind at every character
ACTION_TAKEN = re.compile(r"\.(?<=[a-z)]{3}\.)\s+(?=[A-Z])|:\s+(?=(?:moved|present|motion)\b)|"
                          r"\.\s+(?=(?:moved|motion|seconded)\b|\d{2}-\d{3,5}\s)", re.I)
#: a short label, a dash, then what happened: "Finance - The following accounts were approved for payment"
LABEL_DASH_SENTENCE = re.compile(r"^(?P<label>\S+(?:\s+\S+){0,4}?)\s+[-–—]\s+(?P<said>(?i:the|these|this|it|there)\s+"
                                 r"\S+(?:\s+\S+){2,}.*)$")
#: a title that is the month of a date: "Feb, 26 March, 30 April" after "26" ("May" alone may be a name)
DAY_MONTH = re.compile(r"^(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
                       r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?(?:,|\s+\d|$)", re.I)


#: the last word of a wrapped sentence: "... in the property, particulars of". Searched for only
#: in the last five characters (the longest word and a newline): none can start before them
DANGLING_WORD = re.compile(r"\b(?:of|to|the|and|for|in|a|an|with|by)$", re.I)


def _title_like(title: str, stands_out: bool, ends_sentence: bool = False) -> bool:
    """Item titles are short labels ("Apologies for absence", "COURT JUDGEMENTS ..."); numbered
    discussion points are sentences ("The committee enquired about ...")."""
    words = title.split(None, 31)  # no count below goes past 31: a long paragraph is not split whole
    if not words or not (title[0].isupper() or title[0].isdigit() or title[0] in "'‘\"“"):
        return False
    if _THAT_OPENING.match(title):
        return False
    if not stands_out and DANGLING_WORD.search(title, max(0, len(title) - 5)):
        return False  # a wrapped sentence: "Conveyance of the interest of ... in the property, particulars of"
    if _upper(title):
        return len(words) <= 30
    if len(words) > 18:
        return False
    sentence = (ends_sentence or title.rstrip().endswith((".", "?", ";", ",", ":"))) and len(words) > 5 and (
        bool(REPORTING.search(title)) or bool(_SENTENCE_SUBJECT.match(title)))
    if sentence:
        return False
    if stands_out:
        return True
    return not REPORTING.search(title) or len(words) <= 4


def _clean_title(title: str) -> str:
    """"QUESTIONS FROM MEMBERS OF THE PUBLIC (Pages 7 - 10)" -> "QUESTIONS FROM MEMBERS OF THE PUBLIC"."""
    if "(" in title or may_say(title, "page"):  # TITLE_DEBRIS needs one: it is tried at every character
        title = TITLE_DEBRIS.sub(" ", title)
    if _spaced_oddly(title):
        title = _CONTENTS_NUMBER.sub("", title)
    title = _MARKUP.sub("", title)
    if _spaced_oddly(title):
        title = _SPACES.sub(" ", title)
    return title.strip(" .:-–")


def _spaced_oddly(text: str) -> bool:
    """Whether `text` has two spaces in a row or a space other than " " (tab, newline, no-break
    space: none of them is printable), without which _CONTENTS_NUMBER and _SPACES find nothing.
    Most titles come from lines already folded to single spaces."""
    return "  " in text or not text.isprintable()


#: contents-page number: "Apologies  2"
_CONTENTS_NUMBER = re.compile(r"\s{2,}\d{1,3}$")
#: Markdown emphasis left in a title: "**Apologies**"
_MARKUP = re.compile(r"[*_#]+")
#: a run of whitespace, or one character of it other than a plain space: replacing each single
#: space by itself was most of the cost of cleaning a title
_SPACES = re.compile(r"\s{2,}|[^\S ]")


@functools.lru_cache(maxsize=1024)
def _number_key(number: str) -> tuple:
    """Sort key for item numbers: "14/037" -> (37, "00014"), "45/24" -> (24, "00045"), "11.25.01" -> (1, ""),
    "6a" -> (6, "a"), "I" -> (1, ""). A parish's "45/24", "46/24" share the year and differ first."""
    if "/" in number:
        parts = [int(p) for p in re.findall(r"\d+", number)]
        return (parts[-1], f"{parts[-2]:05d}") if len(parts) >= 2 else (parts[-1], "")
    if number.count(".") == 2:
        number = number.split(".")[-1]
    if re.fullmatch(r"[IVX]+", number):
        values = {"I": 1, "V": 5, "X": 10}
        total = 0
        for a, b in zip(number, number[1:] + " "):
            total += -values[a] if b != " " and values.get(b, 0) > values[a] else values[a]
        return (total, "")
    m = re.match(r"(\d+)([a-zA-Z]?)", number)
    return (int(m.group(1)), m.group(2).lower()) if m else (0, "")


#: decision notice: "(a) | Subject: | Workplace Parking Levy (agenda item 10)"
SUBJECT_ITEM = re.compile(r"^(?:\(?[a-z]\)\s*\|?\s*)?subject\s*:?\s*\|?\s*(?P<title>.+?)\s*\((?:agenda\s+)?item\s+"
                          r"(?:no\.?\s*)?(?P<num>\w+)\)\s*$", re.I)


def _items(blocks, lines, draft: _MeetingDraft, doc_id: str, seq: int) -> tuple[list[ItemSpan], int]:
    """Numbered items in ascending order between the header and the meeting's end; in a decision
    notice, the subject of each decision with its agenda item number."""
    accepted: list[tuple[int, str, str]] = []  # (block index, number, title)
    if draft.header.kind == "decisions":
        accepted = [(i, m.group("num"), _clean_title(m.group("title"))) for i in range(draft.start, draft.end)
                    for m in [SUBJECT_ITEM.match(lines[i])] if m]
    i = draft.header.end if draft.header.kind != "decisions" else draft.end
    lenient = not any((b.bold or b.kind == "heading") and ITEM.match(ln)
                      for b, ln in zip(blocks[i:draft.end], lines[i:draft.end]))
    while i < draft.end:
        block, line = blocks[i], lines[i]
        candidate = item_candidate(block, line, lenient)
        if candidate is None and accepted and APPENDIX.match(line) and len(line.split()) <= 14 and (
                block.kind == "heading" or block.bold or _upper(line)):
            draft.end = i  # "APPENDIX 1 - PUBLIC QUESTIONS AND RESPONSES" without a number
            break
        alone = False
        if candidate is None and NUMBER_ONLY.match(line) and i + 1 < draft.end:
            alone = True
            title = _clean_title(lines[i + 1])  # "**1.**" on its own line, title below
            if title and _LETTER.search(title) and _title_like(title, _stands_out(blocks[i + 1])):
                candidate = (NUMBER_ONLY.match(line).group("num"), title)
        title_end = i + 2 if alone else i + 1
        if candidate is None and not alone and ITEM.match(line) and title_end < draft.end and _continues_title(
                ITEM.match(line).group("title"), blocks[title_end], lines[title_end]):
            joined = f"{line} {lines[title_end]}"  # "18. Amendments to the" / "Delegations to the Chief Executive"
            candidate = item_candidate(Block(page=block.page, text=joined, kind=block.kind, bold=block.bold), joined,
                                       lenient)
            title_end += 1 if candidate else 0
        for _ in range(3):  # "25. Summary" / "of Recommendations ... meeting held 15" / "April 2019 while ..."
            if candidate is None or title_end >= draft.end or not _continues_title(candidate[1], blocks[title_end],
                                                                                   lines[title_end]):
                break
            candidate = (candidate[0], _clean_title(f"{candidate[1]} {lines[title_end]}"))
            title_end += 1
        if candidate is None:
            i += 1
            continue
        number, title = candidate
        if APPENDIX.match(title) or _MINUTE_ITEM.match(line):
            draft.end = i  # appendices follow the record of the meeting
            break
        restart = next((n for n, (_, num, t) in enumerate(accepted) if num == number and _same_title(t, title)), None)
        if restart is not None and _contents_run(accepted[restart:], i):  # a contents list came first: the real record starts again here
            accepted = accepted[:restart]
        if _in_sequence(number, accepted) or _taken_out_of_order(number, accepted, block, line, alone):
            accepted.append((i, number, title))
        i += 1
    contents = _contents_titles(lines, draft.start, accepted[0][0] if accepted else draft.end)
    spans = []
    for n, (index, number, title) in enumerate(accepted):
        end = accepted[n + 1][0] if n + 1 < len(accepted) else draft.end
        fuller = contents.get(number, "")
        if len(fuller) > len(title) and fuller.lower().startswith(title.lower() + " "):
            title = fuller  # "Amendments to the Delegations to the Chief" + the contents' "... Chief Executive"
        seq += 1
        block = blocks[index]
        item = AgendaItem(id=f"{doc_id[:16]}-i{seq}", document_id=doc_id, seq=seq, title=title, number=number,
                          text=" ".join(lines[index + 1:end])[:20000] or None, page=block.page,
                          page_end=blocks[end - 1].page_end or blocks[end - 1].page)
        spans.append(ItemSpan(item=item, start=index, end=end))
    return spans, seq


#: words a title cannot end on: "Amendments to the" / "Delegations to the Chief Executive"
DANGLING_END = re.compile(r"(?:\b(?:of|to|the|and|for|in|on|at|with|from|by|a|an|under|into)|[&(–-])$", re.I)


def _continues_title(title: str, block: Block, line: str) -> bool:
    """Whether `line` is the rest of an item title broken over two lines, as text scraped from
    HTML or PDF prints them: "5. Confirmation" / "of Minutes" (the next line starts in lower
    case), "18. Amendments to the" / "Delegations to the Chief Executive" (the title ends on a
    word no title ends on), "(City File" / "2018-01)" (a bracket left open), "... meeting held 15" /
    "April 2019 while the Public were Excluded" (a date broken after its day)."""
    title = title.rstrip(" *_#")
    if not line or block.kind == "row" or title.endswith((".", "?", ";", ":")) or len(line.split()) > 14:
        return False
    if ITEM.match(line) or NUMBER_ONLY.match(line) or ATTENDANCE_LABEL.match(line) or line.rstrip().endswith("."):
        return False
    lower_start = line[0].islower() and not re.match(r"^(?:i{1,3}|iv|v|vi{0,3}|[a-h])[.)]", line)
    unclosed = title.count("(") > title.count(")") and ")" in line
    split_date = bool(re.search(r"\b\d{1,2}$", title)) and bool(dates.DAY_MONTH_YEAR.match(f"1 {line}"))
    return lower_start or unclosed or split_date or bool(DANGLING_END.search(title))


#: a contents entry's page number after the title: "Delegations to the Chief Executive  10"
CONTENTS_PAGE = re.compile(r"\s+\d{1,3}$")


def _contents_titles(lines: list[str], start: int, end: int) -> dict[str, str]:
    """Item number -> title from a table of contents before the first item, each entry joined
    over its broken lines up to its page number ("19. Requests Received" / "under the Local
    Government ... (LGOIMA)" / "Monthly Update  11"). Titles the minutes print cut short are
    completed from here."""
    found: dict[str, str] = {}
    i = start
    while i < end:
        m = ITEM.match(lines[i])
        if not m:
            i += 1
            continue
        parts, j = [m.group("title")], i + 1
        while not CONTENTS_PAGE.search(parts[-1]) and j < min(end, i + 4) and not ITEM.match(lines[j]):
            parts.append(lines[j])
            j += 1
        text = " ".join(parts)
        if CONTENTS_PAGE.search(text):
            found.setdefault(m.group("num"), _clean_title(CONTENTS_PAGE.sub("", text)))
        i = j
    return found


def _in_sequence(number: str, accepted: list) -> bool:
    """The next item in ascending order. A suffixed item taken early ("4A" between 1 and 2, as a
    supplementary item) does not raise the bar for the plain numbers after it."""
    roman = _roman(number)
    latest = latest_plain = None  # of the accepted items numbered like this one ("I." outlines run beside "1." items)
    for _, n, _ in reversed(accepted):  # from the end: both are near it, and a long minutes has 100 items
        if _roman(n) != roman:
            continue
        if latest is None:
            latest = n
        if not _number_key(n)[1]:
            latest_plain = n
            break
    if latest is None:
        return True
    key = _number_key(number)
    last = _number_key(latest_plain) if latest_plain is not None and not key[1] else _number_key(latest)
    if key[0] == last[0]:
        return key > last
    return 0 < key[0] - last[0] <= MAX_GAP


def _contents_run(run: list, index: int) -> bool:
    """Whether items seen so far were a contents list: each one or two lines, no minutes under them."""
    starts = [i for i, _, _ in run] + [index]
    return all(b - a <= 3 for a, b in zip(starts, starts[1:]))


@functools.lru_cache(maxsize=1024)
def _roman(number: str) -> bool:
    """Cached: asked of every accepted item number for each new one."""
    return bool(_ROMAN.fullmatch(number))


_ROMAN = re.compile(r"[IVX]+")


def _taken_out_of_order(number: str, accepted: list, block: Block, line: str, alone: bool = False) -> bool:
    """Items taken out of order ("23", then "14", "22", "17") are still items when the line stands
    out as a heading and the number is new and within the meeting's range."""
    if not accepted or any(n == number for _, n, _ in accepted):
        return False
    key = _number_key(number)
    if key[1] and not _roman(number) and any(_number_key(n)[0] == key[0] for _, n, _ in accepted[:-1]) and \
            _number_key(accepted[-1][1])[0] != key[0]:
        return False  # "2a. Residents Parking - Approve ..." under item 7: a numbered decision, not item 2's part
    strong = alone or block.kind == "heading" or block.bold or bool(re.match(r"^\S+(?:\t|\s{3,})\S", block.text.strip()))
    keys = [_number_key(n)[0] for _, n, _ in accepted]
    return strong and min(keys) <= _number_key(number)[0] <= max(keys) + MAX_GAP


def _same_title(a: str, b: str) -> bool:
    a, b = re.sub(r"\W+", " ", a.lower()).strip(), re.sub(r"\W+", " ", b.lower()).strip()
    return a == b or a.startswith(b) or b.startswith(a)


# ---------------------------------------------------------------------------------------------


def _moderngov_kind(moderngov: dict) -> str | None:
    """mgAi pages hold one item's minute; an ieListDocuments page with no minute and no decision
    under any item is an agenda."""
    page = moderngov.get("page")
    if page == "mgAi":
        return "agenda_item_minutes"
    items = moderngov.get("items") or []
    if page == "ieListDocuments" and items and not any(i.get("has_minutes") or i.get("has_decision") for i in items):
        return "agenda"
    return None


def _moderngov_facts(moderngov: dict, blocks, lines, draft: _MeetingDraft, doc_id: str) -> None:
    """A ModernGov page or web-service answer lists its items and attendees as data: use those
    rather than what the text suggests ("1. Apologies for Absence" is found by its heading)."""
    items = [i for i in moderngov.get("items") or [] if i.get("title")]
    if items:
        seq0 = draft.items[0].item.seq - 1 if draft.items else 0
        starts = []
        cursor = draft.start
        for entry in items:
            heading = re.sub(r"\s+", " ", entry.get("heading") or f"{entry.get('number')}. {entry['title']}").strip()
            index = next((k for k in range(cursor, draft.end) if lines[k] == heading or
                          (lines[k].startswith(heading[:60]) and blocks[k].kind == "heading")), None)
            starts.append(index)
            cursor = index + 1 if index is not None else cursor
        spans = []
        for n, (entry, index) in enumerate(zip(items, starts)):
            start = index if index is not None else (spans[-1].end if spans else draft.start)
            end = next((k for k in starts[n + 1:] if k is not None), draft.end)
            seq = seq0 + n + 1
            item = AgendaItem(id=f"{doc_id[:16]}-i{seq}", document_id=doc_id, seq=seq, title=_clean_title(entry["title"]),
                              number=entry.get("number") or None, page=blocks[start].page if start < len(blocks) else None,
                              text=" ".join(lines[start + 1:end])[:20000] or None)
            spans.append(ItemSpan(item=item, start=start, end=max(start, end)))
        draft.items = spans
    attendees = [a for a in moderngov.get("attendees") or [] if a.get("name")]
    if attendees:
        people = []
        for a in attendees:
            title, name = rules.split_title(a["name"])
            role = a.get("archive_role") or _role(a.get("attendance") or "present")
            position = next((pos for pattern, pos in _POSITION if pattern.search(a.get("role") or "")), None)
            people.append(Attendance(meeting_id="", document_id="", name=name, role=role, raw=a["name"], title=title,
                                     position=position, note=a.get("representing") or a.get("role")))
        draft.attendance = _dedupe(people)
        draft.chair = next((p.name for p in draft.attendance if p.position == "chair"), draft.chair)


def _meeting_span(draft: _MeetingDraft, moderngov: dict) -> MeetingSpan:
    h = draft.header
    meeting = Meeting(id="", body=h.body, date=h.date, start_time=h.time, venue=h.venue, chair=draft.chair,
                      page=h.page)
    if moderngov:
        meeting.body = moderngov.get("committee") or meeting.body
        if moderngov.get("date"):
            meeting.date = dates.parse_date(str(moderngov["date"])) or meeting.date
        meeting.start_time = dates.parse_time(str(moderngov.get("time") or "")) or meeting.start_time
        meeting.venue = moderngov.get("venue") or meeting.venue
        meeting.status = moderngov.get("status")
    return MeetingSpan(meeting=meeting, start=draft.start, end=draft.end, attendance=draft.attendance,
                       items=draft.items)
