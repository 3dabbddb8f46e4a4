"""HTML pages (ModernGov and generic) -> Blocks, with ModernGov facts in `ReadResult.meta`.

Generic HTML: script/style/nav/header/footer/forms (and hidden or screen-reader-only text) are
dropped; h1-h6 become headings, li list items (an <ol>'s number is kept as a "1." / "a." label),
table rows keep their cells, everything else is a paragraph. A paragraph is `bold` when all its
text sits in <b>/<strong> or bold-styled elements. `<br>` ends a paragraph.

ModernGov pages (recognised by their `mg*` classes) get extra structure:

* `ieListDocuments.aspx` (a meeting's agenda with inline minutes). **Item heading convention:**
  each agenda item becomes ONE block ``kind="heading", heading_level=2`` whose text is
  ``"<number>. <title>"``, e.g. ``"5. Items from the Public"`` or ``"6a. Overview and Scrutiny"``
  (the number without its printed trailing dot, then ". ", then the title without the
  "PDF 172 KB" size). An item printed without a number gives the title alone. The item's blocks
  follow in page order: its agenda text, then a bold para ``"Decision:"`` and the decision's
  blocks (when there is one), then a bold para ``"Minutes:"`` and the minute's blocks. Attachment lists are not
  blocks; they are in meta. The page opens with a level-1 heading
  ``"<committee> - <Weekday, dth Month, yyyy> <time>"`` and a ``"Venue: ..."`` para.
* `mgAi.aspx` (one agenda item with its minute): the same item heading and Minutes:/Decision:
  labels, with the meeting read from "Meeting: 27/03/2026 - <committee> (Item 5.)".
* `ieDecisionDetails.aspx`, `mgCommitteeDetails.aspx`, `ieListMeetings.aspx`: generic blocks,
  plus their labelled facts in meta.

`meta["moderngov"]` holds what can be read reliably: ``page`` (one of ieListDocuments, mgAi,
ieDecisionDetails, mgCommitteeDetails, ieListMeetings, moderngov), ``committee``, ``committee_id``,
``meeting_id``, ``date`` (ISO), ``date_text``, ``time`` (HH:MM), ``time_text``, ``venue``,
``labels`` (every "Label: value" pair), ``documents`` (meeting-level links), ``items`` (number,
title, heading, agenda_item_id, has_minutes, has_decision, documents), ``meetings`` (links to
meetings: meeting_id, committee_id, date, time, text, url) and ``members`` (committee pages).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Optional
from urllib.parse import parse_qs, urlparse

import lxml.etree
import lxml.html

from .blocks import Block, PageText, ReadError, ReadResult, clean_text, list_number

#: Elements whose content is never document text.
_DROP_TAGS = {"script", "style", "nav", "header", "footer", "form", "noscript", "template", "head",
              "button", "select", "textarea", "input", "iframe", "svg", "object", "embed"}
#: Chrome of ModernGov pages: hidden labels (", item 5."), file sizes, media players, help lines.
_DROP_CLASSES = {"mgHide", "mgFileSize", "mgHelpLine", "mgFooter", "mgLinks", "mgBreadCrumbs"}
_DROP_IDS = {"mgMeetingMedia"}
_BLOCK_TAGS = {"p", "div", "section", "article", "main", "aside", "blockquote", "center", "address",
               "dl", "dt", "dd", "figure", "figcaption", "pre", "ul", "ol", "li", "table", "tr",
               "caption", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "body", "html", "fieldset"}
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(?:bold|[6-9]00)", re.I)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_WS = re.compile(r"[ \t\r\n\f\u00a0]+")

#: "Agenda for Cabinet on Thursday, 5th March, 2026, 6.00 pm - Modern Council" (the <title>
#: of ieListDocuments pages; also "Decisions for ...", "Agenda and minutes for ...").
_LISTDOCS_TITLE = re.compile(
    r"^(?:[\w ,&]+?) for (?P<committee>.+?) on (?P<date>\w+day,? \d{1,2}(?:st|nd|rd|th)? \w+,? \d{4})"
    r"(?:,? (?P<time>\d{1,2}(?:[.:]\d{2})? ?[ap]\.?m\.?))?", re.I)
#: "Joint meeting - ... Committee - Friday, 27th March, 2026 1.00 pm" (the page's subtitle).
_SUBTITLE = re.compile(
    r"^(?P<committee>.+?) - (?P<date>\w+day,? \d{1,2}(?:st|nd|rd|th)? \w+,? \d{4})"
    r"(?:,? (?P<time>\d{1,2}(?:[.:]\d{2})? ?[ap]\.?m\.?))?\s*$", re.I)
#: "27/03/2026 - Joint meeting - ... (Item 5.)" (mgAi "Meeting:" and ieDecisionDetails links).
_MEETING_LINK = re.compile(r"^(?P<date>\d{1,2}/\d{1,2}/\d{4})\s*-\s*(?P<committee>.+?)\s*$")
_ITEM_REF = re.compile(r"\(Item (?P<number>[\w.]+?)\.?\)")
_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}
#: "Friday, 27th March, 2026" / "27 Mar 2026" / "5 March 2026"
_TEXT_DATE = re.compile(r"(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?P<m>[A-Za-z]{3,9})\.?,?\s+(?P<y>\d{4})")
_NUM_DATE = re.compile(r"\b(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})\b")
#: "1.00 pm", "6pm", "10:30 a.m.", "14:00"
_TIME = re.compile(r"\b(?P<h>\d{1,2})(?:[.:](?P<mi>\d{2}))?\s*(?P<ap>[ap])\.?\s*m\b\.?|\b(?P<h24>[01]?\d|2[0-3]):(?P<m24>[0-5]\d)\b", re.I)


def iso_date(text: str | None) -> Optional[str]:
    """A day-first date ("27/03/2026", "Friday, 27th March, 2026", "5 Mar 2026") as YYYY-MM-DD."""
    if not text:
        return None
    m = _NUM_DATE.search(text)
    if m:
        day, month, year = int(m["d"]), int(m["m"]), int(m["y"])
    else:
        m = _TEXT_DATE.search(text)
        if not m or m["m"][:3].lower() not in _MONTHS:
            return None
        day, month, year = int(m["d"]), _MONTHS[m["m"][:3].lower()], int(m["y"])
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def hhmm(text: str | None) -> Optional[str]:
    """A clock time ("1.00 pm", "6pm", "10:30") as 24-hour HH:MM; None when there is none."""
    if not text:
        return None
    m = _TIME.search(text)
    if not m:
        return None
    if m["h24"]:
        return f"{int(m['h24']):02d}:{m['m24']}"
    hour, minute = int(m["h"]) % 12, int(m["mi"] or 0)
    if m["ap"].lower() == "p":
        hour += 12
    return f"{hour:02d}:{minute:02d}" if hour < 24 and minute < 60 else None


# --------------------------------------------------------------------------- block walking


@dataclass
class _Flow:
    """Collects blocks from a walk over the tree; inline text is buffered until a block ends."""

    blocks: list[Block] = field(default_factory=list)
    pieces: list[tuple[str, bool]] = field(default_factory=list)  # (text, bold)
    table_count: int = 0

    def add_text(self, text: str | None, bold: bool) -> None:
        if text:
            self.pieces.append((_WS.sub(" ", text), bold))

    def flush(self, kind: str = "para", **extra) -> Optional[Block]:
        text = clean_text("".join(t for t, _ in self.pieces))
        inked = [b for t, b in self.pieces if t.strip()]
        self.pieces = []
        if not text:
            return None
        block = Block(page=1, text=text, kind=kind, bold=bool(inked) and all(inked), **extra)
        self.blocks.append(block)
        return block


def _classes(el) -> set[str]:
    return set((el.get("class") or "").split())


def _dropped(el) -> bool:
    """Chrome, scripts, hidden text: elements whose text a reader of the page never sees."""
    if not isinstance(el.tag, str):
        return True  # comments, processing instructions
    tag = el.tag.lower()
    if tag in _DROP_TAGS:
        return True
    if _classes(el) & _DROP_CLASSES or el.get("id") in _DROP_IDS:
        return True
    if el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return True
    return bool(_HIDDEN_STYLE.search(el.get("style") or ""))


def _is_bold(el, inherited: bool) -> bool:
    tag = el.tag.lower() if isinstance(el.tag, str) else ""
    return inherited or tag in ("b", "strong") or bool(_BOLD_STYLE.search(el.get("style") or ""))


def _has_block_child(el) -> bool:
    return any(isinstance(c.tag, str) and c.tag.lower() in _BLOCK_TAGS and not _dropped(c)
               for c in el.iterdescendants())


def inline_text(el) -> str:
    """An element's visible text on one line (dropped chrome such as file sizes left out)."""
    flow = _Flow()
    _walk_inline(el, flow, False)
    return re.sub(r"\s+", " ", clean_text("".join(t for t, _ in flow.pieces))).strip()


def _walk_inline(el, flow: _Flow, bold: bool) -> None:
    flow.add_text(el.text, bold)
    for child in el:
        if not _dropped(child):
            if child.tag.lower() == "br":
                flow.add_text(" ", bold)
            else:
                _walk_inline(child, flow, _is_bold(child, bold))
        flow.add_text(child.tail, bold)


def walk(el, flow: _Flow, bold: bool = False, handlers=None) -> None:
    """Walk `el`'s children in document order, emitting blocks into `flow`.

    `handlers` maps an element to a function that takes over its subtree (the ModernGov
    item table); it returns True when it handled the element."""
    flow.add_text(el.text, bold)
    for child in el:
        if not _dropped(child):
            _walk_child(child, flow, bold, handlers)
        flow.add_text(child.tail, bold)


def _walk_child(child, flow: _Flow, bold: bool, handlers) -> None:
    tag = child.tag.lower()
    child_bold = _is_bold(child, bold)
    if handlers and any(h(child, flow) for h in handlers):
        return
    if tag == "br":
        flow.flush()
    elif tag in _HEADINGS:
        flow.flush()
        flow.add_text(inline_text(child), True)
        flow.flush(kind="heading", heading_level=_HEADINGS[tag])
    elif tag in ("ul", "ol"):
        flow.flush()
        _walk_list(child, flow, child_bold, handlers)
    elif tag == "table":
        flow.flush()
        _walk_table(child, flow, child_bold, handlers)
    elif tag in _BLOCK_TAGS:
        flow.flush()
        walk(child, flow, child_bold, handlers)
        flow.flush()
    else:
        walk(child, flow, child_bold, handlers)


def _list_label(n: int, kind: str) -> str:
    """An <ol> item's label: type="a" -> "b.", type="i" -> "ii.", default -> "2."."""
    return list_number(n, kind) + "."


def _walk_list(lst, flow: _Flow, bold: bool, handlers) -> None:
    """List items -> kind="item" blocks; an <ol> item's text starts with its label ("2. ...")."""
    ordered = lst.tag.lower() == "ol"
    try:
        n = int(lst.get("start") or 1) - 1
    except ValueError:
        n = 0
    for li in lst:
        if _dropped(li) or li.tag.lower() != "li":
            if not _dropped(li):
                walk(li, flow, bold, handlers)
                flow.flush()
            continue
        n += 1
        if ordered:
            flow.add_text(_list_label(n, lst.get("type") or "1") + " ", False)
        _walk_li(li, flow, _is_bold(li, bold), handlers)


def _walk_li(li, flow: _Flow, bold: bool, handlers) -> None:
    """An <li>'s own text is the item; a nested list or table inside it follows as its own blocks.
    Paragraphs inside an <li> (Word's "<li><p>...</p></li>") are part of the item's text."""
    flow.add_text(li.text, bold)
    emitted = False
    for child in li:
        if not _dropped(child):
            tag = child.tag.lower()
            if tag in _BLOCK_TAGS and (tag not in ("p", "div", "span") or _has_block_child(child)):
                if not emitted:
                    flow.flush(kind="item")
                    emitted = True
                _walk_child(child, flow, bold, handlers)
            else:
                _walk_inline(child, flow, _is_bold(child, bold))
                flow.add_text(" ", bold)
        flow.add_text(child.tail, bold)
    flow.flush(kind="para" if emitted else "item")


def _walk_table(table, flow: _Flow, bold: bool, handlers) -> None:
    """Rows of a data table -> kind="row" blocks with cells; nested tables follow their row.

    A layout table (one cell per row holding paragraphs) is walked as ordinary content."""
    rows = [tr for tr in table.iter("tr") if _own_table(tr) is table]
    if rows and all(len(_cells(tr)) <= 1 for tr in rows):
        for tr in rows:
            for cell in _cells(tr):
                walk(cell, flow, bold, handlers)
                flow.flush()
        return
    index = flow.table_count
    flow.table_count += 1
    for tr in rows:
        cells = _cells(tr)
        texts = [_cell_text(c) for c in cells]
        nested = [t for c in cells for t in c.iter("table") if _own_table(t.getparent()) is table
                  and t is not table]
        if any(texts):
            header = all(c.tag.lower() == "th" for c in cells) or tr.getparent().tag.lower() == "thead"
            flow.blocks.append(Block(page=1, text=" | ".join(t for t in texts if t), kind="row",
                                     cells=texts, table=index, header=header,
                                     bold=header or all(_all_bold(c) for c, t in zip(cells, texts) if t)))
        for inner in nested:
            _walk_table(inner, flow, bold, handlers)


def _own_table(el):
    """The nearest <table> ancestor of `el` (or el itself when it is a table)."""
    while el is not None and el.tag.lower() != "table":
        el = el.getparent()
    return el


def _cells(tr) -> list:
    return [c for c in tr if isinstance(c.tag, str) and c.tag.lower() in ("td", "th") and not _dropped(c)]


def _cell_text(cell) -> str:
    """A cell's text, paragraphs kept as lines, nested tables left out (they get their own rows)."""
    flow = _Flow()
    walk(cell, flow, False, [lambda el, f: el.tag.lower() == "table"])
    flow.flush()
    return "\n".join(b.text for b in flow.blocks)


def _all_bold(cell) -> bool:
    flow = _Flow()
    _walk_inline(cell, flow, _is_bold(cell, False))
    inked = [b for t, b in flow.pieces if t.strip()]
    return bool(inked) and all(inked)


# --------------------------------------------------------------------------- parsing


def parse_html(raw: bytes | str):
    """Bytes or text -> an lxml.html document; ReadError("not HTML") when it is not markup."""
    if isinstance(raw, bytes) and raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # "Save as Unicode" pages
        raw = raw.decode("utf-16", errors="replace")
    head = raw[:2048] if isinstance(raw, (bytes, str)) else b""
    probe = head.lower() if isinstance(head, bytes) else head.lower().encode("utf-8", "replace")
    if probe.lstrip().startswith((b"%pdf", b"pk\x03\x04", b"%!ps")) or b"<" not in probe:
        raise ReadError("not HTML")
    if b"\x00" in probe:
        raise ReadError("not HTML (binary data)")
    try:
        doc = lxml.html.document_fromstring(raw)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise ReadError(f"not HTML ({exc})") from None
    if not any(isinstance(el.tag, str) and el.tag.lower() in _BLOCK_TAGS | {"span", "a", "b", "i", "title"}
               and el.tag.lower() not in ("html", "body") for el in doc.iter()):
        raise ReadError("not HTML")
    return doc


def html_blocks(fragment: str) -> list[Block]:
    """Blocks of an HTML fragment (a ModernGov minute body inside web-service XML)."""
    if not fragment or not fragment.strip():
        return []
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return [Block(page=1, text=t) for t in [clean_text(fragment)] if t]
    flow = _Flow()
    walk(root, flow)
    flow.flush()
    return flow.blocks


def read_html(raw: bytes, **options) -> ReadResult:
    """Read one HTML page. Raises ReadError("not HTML") for anything that is not markup."""
    doc = parse_html(raw)
    title = clean_text(doc.findtext(".//title") or "") or None
    modgov = doc.get_element_by_id("modgov", None)
    page_kind = _moderngov_page(doc) if modgov is not None or doc.find_class("mgContent") else None
    result = ReadResult(title=title)
    if page_kind:
        _read_moderngov(doc, page_kind, title, result)
    else:
        root = doc.find("body") if doc.find("body") is not None else doc
        flow = _Flow()
        walk(root, flow)
        flow.flush()
        result.blocks = flow.blocks
        if not result.title:
            result.title = next((b.text for b in result.blocks if b.kind == "heading"), None)
    if not result.blocks:
        raise ReadError("no text")
    result.pages = [PageText(page=1, text="\n".join(b.text for b in result.blocks), method="html")]
    return result


# --------------------------------------------------------------------------- ModernGov


def _moderngov_page(doc) -> str:
    """Which ModernGov page this is, from its markup (the URL is not in a saved page)."""
    if doc.get_element_by_id("mgItemTable", None) is not None or doc.find_class("mgItemNumberCell"):
        return "ieListDocuments"
    heading = " ".join(inline_text(h) for h in doc.find_class("mgMainTitleTxt")).lower()
    if "agenda item" in heading:
        return "mgAi"
    if "decision" in heading and "details" in heading:
        return "ieDecisionDetails"
    if "committee details" in heading:
        return "mgCommitteeDetails"
    if _meeting_links(doc):
        return "ieListMeetings"
    return "moderngov"


def _read_moderngov(doc, page_kind: str, title: str | None, result: ReadResult) -> None:
    mg: dict = {"page": page_kind}
    subtitle = " ".join(inline_text(h) for h in doc.find_class("mgSubTitleTxt")) or None
    _meeting_facts(mg, title, subtitle)
    mg["labels"] = _labels(doc)
    if "Venue" in mg["labels"]:
        mg["venue"] = mg["labels"]["Venue"]
    _ids_from_links(doc, mg)
    mg["documents"] = [_link_fact(a) for ul in doc.find_class("mgActionList") for a in ul.iter("a")
                       if "/documents/" in "/" + (a.get("href") or "")]
    meetings = _meeting_links(doc)
    if meetings:
        mg["meetings"] = meetings
    flow = _Flow()
    content = doc.find_class("mgContent")
    if page_kind == "ieListDocuments":
        _meeting_header(mg, subtitle, flow)
    elif subtitle and page_kind != "mgAi":
        flow.add_text(subtitle, True)
        flow.flush(kind="heading", heading_level=1)
    if page_kind == "mgAi":
        _read_mgai(doc, mg, subtitle, flow)
    else:
        items: list[dict] = []
        handlers = [lambda el, f: _item_table(el, f, items), _skip_media_title]
        for root in content or [doc.get_element_by_id("modgov", doc)]:
            walk(root, flow, False, handlers)
            flow.flush()
        if items:
            mg["items"] = items
    if page_kind == "mgCommitteeDetails":
        mg["committee"] = subtitle
        mg["members"] = _members(doc)
    result.blocks = flow.blocks
    result.meta["moderngov"] = {k: v for k, v in mg.items() if v not in (None, [], {})}
    if mg.get("committee") and mg.get("date_text") and page_kind == "ieListDocuments":
        result.title = f"{mg['committee']} - {mg['date_text']}"
    elif subtitle:
        result.title = subtitle


def _meeting_facts(mg: dict, title: str | None, subtitle: str | None) -> None:
    """Committee, date and time from the page title or subtitle.

    "Agenda for Joint meeting - ... Committee on Friday, 27th March, 2026, 1.00 pm - Modern Council"
    "Joint meeting - ... Committee - Friday, 27th March, 2026 1.00 pm" (subtitle)"""
    m = _LISTDOCS_TITLE.match(title or "") or _SUBTITLE.match(subtitle or "")
    if not m:
        return
    mg["committee"] = m["committee"].strip()
    mg["date_text"] = m["date"]
    mg["date"] = iso_date(m["date"])
    if m["time"]:
        mg["time_text"] = m["time"]
        mg["time"] = hhmm(m["time"])


def _meeting_header(mg: dict, subtitle: str | None, flow: _Flow) -> None:
    """The meeting's heading and venue as the first blocks, as printed on the page."""
    if mg.get("committee") and mg.get("date_text"):
        heading = f"{mg['committee']} - {mg['date_text']}" + (f" {mg['time_text']}" if mg.get("time_text") else "")
    else:
        heading = subtitle
    if heading:
        flow.add_text(heading, True)
        flow.flush(kind="heading", heading_level=1)


def _labels(doc) -> dict:
    """Every `<span class="mgLabel">Venue: </span>70 Redcliff Street` pair, label -> value."""
    labels = {}
    for span in doc.find_class("mgLabel"):
        key = inline_text(span).rstrip(": ").strip()
        parent = span.getparent()
        if not key or parent is None:
            continue
        whole = inline_text(parent)
        value = whole.split(inline_text(span), 1)[-1].strip(" :")
        if value and key not in labels:
            labels[key] = value
    return labels


def _ids_from_links(doc, mg: dict) -> None:
    """Committee and meeting ids from the page's own links (mgCommitteeDetails.aspx?ID=192,
    mgMeetingAttendance.aspx?ID=727, ieListMeetings.aspx?CommitteeId=142)."""
    for a in doc.iter("a"):
        href = a.get("href") or ""
        query = {k.lower(): v[0] for k, v in parse_qs(urlparse(href).query).items()}
        page = urlparse(href).path.rsplit("/", 1)[-1].lower()
        if page == "mgcommitteedetails.aspx" and "id" in query:
            mg.setdefault("committee_id", query["id"])
        elif page == "ielistmeetings.aspx" and "committeeid" in query:
            mg.setdefault("committee_id", query["committeeid"])
        elif page in ("mgmeetingattendance.aspx", "mgchoosedocpack.aspx") and "id" in query:
            mg.setdefault("meeting_id", query["id"])


def _meeting_links(doc) -> list[dict]:
    """Links to meetings (ieListDocuments.aspx?CId=192&MId=727) with the date/time in their text:
    the rows of an ieListMeetings page or a committee's calendar."""
    found, seen = [], set()
    for a in doc.iter("a"):
        href = a.get("href") or ""
        parsed = urlparse(href)
        if not parsed.path.lower().endswith("ielistdocuments.aspx"):
            continue
        query = {k.lower(): v[0] for k, v in parse_qs(parsed.query).items()}
        text = inline_text(a)
        if "mid" not in query or query["mid"] in seen or not iso_date(text):
            continue
        seen.add(query["mid"])
        found.append({"meeting_id": query["mid"], "committee_id": query.get("cid"), "date": iso_date(text),
                      "time": hhmm(text), "text": text, "url": href,
                      "cancelled": "cancel" in text.lower() or None})
    return [{k: v for k, v in m.items() if v is not None} for m in found]


def _link_fact(a) -> dict:
    """A document link: title (without its size), size ("PDF 172 KB") and url."""
    size = " ".join(inline_text(s) for s in a.find_class("mgFileSize")) or None
    return {k: v for k, v in {"title": inline_text(a), "url": a.get("href"), "size": size}.items() if v}


def _skip_media_title(el, flow) -> bool:
    """The "Media" section title is the label of an (empty) webcast player: chrome."""
    return "mgSectionTitle" in _classes(el) and inline_text(el).lower() == "media"


def _item_number(cell) -> str:
    """"1." -> "1"; "6a." -> "6a"; "" when the item is unnumbered."""
    return inline_text(cell).strip().rstrip(".").strip()


def item_heading(number: str | None, title: str) -> str:
    """The item heading convention shared with read_xml: "5. Items from the Public"."""
    number = (number or "").strip().rstrip(".")
    return f"{number}. {title}" if number else title


def _item_table(el, flow: _Flow, items: list) -> bool:
    """Take over a ModernGov agenda table (`table.mgItemTable`): one item per row."""
    if el.tag.lower() != "table" or not ("mgItemTable" in _classes(el) or el.find_class("mgItemNumberCell")):
        return False
    flow.flush()
    for tr in el.iter("tr"):
        if _own_table(tr) is not el:
            continue
        cells = _cells(tr)
        number_cell = next((c for c in cells if "mgItemNumberCell" in _classes(c)), None)
        body = [c for c in cells if c is not number_cell]
        if not body or (number_cell is None and not body[0].find_class("mgAiTitleTxt")):
            continue
        items.append(_item(number_cell, body[-1], flow))
    return True


def _item(number_cell, body, flow: _Flow) -> dict:
    """One agenda item: its heading block, then its agenda text, Minutes: and Decision: blocks."""
    number = _item_number(number_cell) if number_cell is not None else ""
    anchor = next((a.get("name") for a in (number_cell if number_cell is not None else body).iter("a")
                   if (a.get("name") or "").startswith("AI")), None)
    title_el = next(iter(body.find_class("mgAiTitleTxt")), None)
    title = inline_text(title_el) if title_el is not None else ""
    heading = item_heading(number, title)
    flow.add_text(heading, True)
    flow.flush(kind="heading", heading_level=2)
    item = {"number": number or None, "title": title, "heading": heading,
            "agenda_item_id": anchor[2:] if anchor else None, "documents": [], "has_minutes": False,
            "has_decision": False}
    if title_el is not None:
        item["documents"] += [_link_fact(a) for a in title_el.iter("a") if a.get("href")]
    _item_body(body, title_el, flow, item)
    return {k: v for k, v in item.items() if v not in (None, [])}


def _item_body(body, title_el, flow: _Flow, item: dict) -> None:
    """Walk an item cell: "Minutes:" / "Decision:" labels become bold paras; attachment lists
    ("Additional documents:" + ul.mgBulletList) go to the item's documents, not to blocks."""
    def handler(el, f):
        if el is title_el:
            return True
        classes = _classes(el)
        if "mgSubItemTitleTxt" in classes:
            label = inline_text(el)
            f.flush()
            if re.match(r"(additional|supporting|background) (documents|papers)", label, re.I):
                return True
            key = label.rstrip(":").strip().lower()
            item["has_minutes"] |= key == "minutes"
            item["has_decision"] |= key == "decision"
            f.add_text(label, True)
            f.flush()
            return True
        if "mgBulletList" in classes or "mgActionList" in classes:
            item["documents"] += [_link_fact(a) for a in el.iter("a") if a.get("href")]
            return True
        return False

    walk(body, flow, False, [handler])
    flow.flush()


def _read_mgai(doc, mg: dict, subtitle: str | None, flow: _Flow) -> None:
    """mgAi.aspx: "Meeting: 27/03/2026 - <committee> (Item 5.)" then the item's text and minute."""
    meeting = mg["labels"].get("Meeting", "")
    ref = _ITEM_REF.search(meeting)
    number = ref["number"] if ref else None
    link = _MEETING_LINK.match(_ITEM_REF.sub("", meeting).strip())
    if link:
        mg.update(committee=link["committee"], date=iso_date(link["date"]), date_text=link["date"])
    title = subtitle or ""
    if mg.get("committee"):
        flow.add_text(f"{mg['committee']} - {mg['date_text']}", True)
        flow.flush(kind="heading", heading_level=1)
    heading = item_heading(number, title)
    flow.add_text(heading, True)
    flow.flush(kind="heading", heading_level=2)
    item = {"number": number, "title": title, "heading": heading, "documents": [],
            "has_minutes": False, "has_decision": False}
    for content in doc.find_class("mgContent"):
        _item_body(content, None, flow, item)
    mg["items"] = [{k: v for k, v in item.items() if v not in (None, [])}]
    # the "Meeting: ..." label line is meta, not minute text
    flow.blocks[:] = [b for b in flow.blocks if not b.text.startswith("Meeting:")]


def _members(doc) -> list[dict]:
    """Committee membership: "Cllr Tony Dyer   Bristol City Council" -> name + representing."""
    members = []
    for ul in doc.find_class("mgBulletList"):
        section = ul.getprevious()
        section_title = inline_text(section) if section is not None else ""
        for li in ul.iter("li"):
            a = next(iter(li.iter("a")), None)
            if a is None or "mgUserInfo" not in (a.get("href") or ""):
                continue
            name = inline_text(a)
            rest = inline_text(li)[len(name):].strip()
            members.append({k: v for k, v in {"name": name, "representing": rest or None,
                                               "section": section_title or None}.items() if v})
    return members
