"""Word (.docx) -> Blocks, in document order, paragraphs and tables interleaved.

Rules, each for something Word documents of minutes really do:
- Heading styles ("Heading 2", "Title", or an outline level) -> kind="heading" with its level.
- List numbering (w:numPr on the paragraph or its style) is reproduced as the label Word would
  print: "1." / "a)" / "(ii)" / "10.1." from the level's numFmt and lvlText, counted per list,
  so "1. The committee asked ..." survives. Numbered and bulleted paragraphs are kind="item"
  (bullets get no label); a numbered heading keeps kind="heading" ("34. APOLOGIES FOR ABSENCE").
- bold=True when every run with text is bold (direct formatting, character style or
  paragraph style).
- A one-column table is a box round paragraphs: read as paragraphs. A two-column table of
  minute numbers and text ("34." | "APOLOGIES FOR ABSENCE" ...) is minutes laid out in a grid:
  the number joins the first paragraph of its text, a heading when bold or in capitals.
- Tables -> one kind="row" block per row with its cells. A cell merged across columns
  (gridSpan) is one cell followed by "" for the columns it covers; a vertically merged
  continuation (vMerge) is "" - merged text is never repeated. A table nested in a cell
  follows its row as its own table. `header` marks rows repeated as header (w:tblHeader)
  or a first row in bold.
- DOCX has no pages: everything is page 1 except after an explicit page break (w:br
  type="page", pageBreakBefore) or a break Word recorded when it last laid the document out
  (w:lastRenderedPageBreak); a rendered break straight after a hard break is the same break.
  One PageText per page.
- Content controls (w:sdt), hyperlinks, insertions, smart tags and simple fields are read
  through; deleted text, field codes, headers, footers and text boxes are not content.
"""
from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from typing import Optional

from .blocks import Block, PageText, ReadError, ReadResult, clean_text, list_number

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def q(tag: str) -> str:
    """"w:p" -> "{namespace}p"."""
    return f"{{{W}}}{tag.split(':', 1)[1]}"


def wval(el, default=None):
    return el.get(q("w:val"), default) if el is not None else default


_OFF = {"0", "false", "off", "none"}
_TRANSPARENT = {q(t) for t in ("w:hyperlink", "w:ins", "w:smartTag", "w:fldSimple", "w:customXml",
                               "w:sdtContent", "w:moveTo", "w:dir", "w:bdo")}
#: a minute number alone in a cell: "34.", "6a", "11.25.01", "(3)"
_MINUTE_NUMBER = re.compile(r"^\(?\d{1,3}(?:\.\d{1,3}){0,2}[a-z]?[.)]?$")
_HEADING_STYLE = re.compile(r"^(?:heading|überschrift|titre)\s*(\d)$", re.I)


def read_docx(raw: bytes, **options) -> ReadResult:
    """Read one .docx. Raises ReadError("not a DOCX (...)") when the bytes are not one."""
    document = _open(raw)
    reader = _DocxReader(document)
    reader.body(document.element.body)
    if not any(b.text for b in reader.blocks):
        raise ReadError("no text")
    pages = max([b.page_end or b.page for b in reader.blocks] + [reader.page])
    texts = {n: [] for n in range(1, pages + 1)}
    for b in reader.blocks:
        texts[b.page].append(b.text)
    result = ReadResult(blocks=reader.blocks,
                        pages=[PageText(page=n, text="\n".join(t), method="docx") for n, t in texts.items()])
    core_title = (document.core_properties.title or "").strip()
    first_heading = next((b.text for b in reader.blocks if b.kind == "heading"), None)
    result.title = core_title or first_heading
    return result


def _open(raw: bytes):
    import docx  # python-docx
    from docx.opc.exceptions import PackageNotFoundError

    if not raw.startswith(b"PK"):
        raise ReadError("not a DOCX (bad zip file)")
    try:
        return docx.Document(io.BytesIO(raw))
    except zipfile.BadZipFile:
        raise ReadError("not a DOCX (bad zip file)") from None
    except PackageNotFoundError:
        raise ReadError("not a DOCX (no Word package)") from None
    except KeyError as exc:
        raise ReadError(f"not a DOCX (missing part {exc})") from None
    except ValueError as exc:  # e.g. an .xlsx: "file ... is not a Word file, content type is ..."
        raise ReadError(f"not a DOCX ({str(exc)[:80]})") from None
    except Exception as exc:  # lxml errors in a damaged part
        raise ReadError(f"not a DOCX ({type(exc).__name__})") from None


# --------------------------------------------------------------------------- styles & numbering


class _Styles:
    """Style lookups along basedOn chains: bold, outline level, heading level, numbering."""

    def __init__(self, document):
        self.by_id = {}
        try:
            styles_el = document.styles.element
        except Exception:
            styles_el = None
        if styles_el is not None:
            for s in styles_el.iter(q("w:style")):
                self.by_id[s.get(q("w:styleId"))] = s
        self.default_para = next((sid for sid, s in self.by_id.items()
                                  if s.get(q("w:type")) == "paragraph" and s.get(q("w:default")) in ("1", "true")), None)

    def chain(self, style_id):
        seen = set()
        while style_id and style_id in self.by_id and style_id not in seen:
            seen.add(style_id)
            style = self.by_id[style_id]
            yield style
            style_id = wval(style.find(q("w:basedOn")))

    def bold(self, style_id) -> Optional[bool]:
        for style in self.chain(style_id):
            b = style.find(f"{q('w:rPr')}/{q('w:b')}")
            if b is not None:
                return wval(b, "1").lower() not in _OFF
        return None

    def heading_level(self, style_id) -> Optional[int]:
        for style in self.chain(style_id):
            name = wval(style.find(q("w:name")), "") or ""
            m = _HEADING_STYLE.match(name.strip())
            if m:
                return int(m.group(1))
            if name.strip().lower() == "title":
                return 1
            outline = style.find(f"{q('w:pPr')}/{q('w:outlineLvl')}")
            if outline is not None and wval(outline, "9").isdigit() and int(wval(outline)) < 9:
                return int(wval(outline)) + 1
        return None

    def num_pr(self, style_id):
        for style in self.chain(style_id):
            num_pr = style.find(f"{q('w:pPr')}/{q('w:numPr')}")
            if num_pr is not None:
                return num_pr
        return None


@dataclass
class _Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1


class _Numbering:
    """w:numbering: numId -> its abstractNum's levels.

    Counters belong to the abstract list, as in Word: two list instances (w:num) of one
    abstractNum continue each other's numbering unless an instance restarts a level with
    w:lvlOverride/w:startOverride (which is how "Restart at 1" is saved)."""

    def __init__(self, document):
        self.levels: dict[str, dict[int, _Level]] = {}
        self.abstract_of: dict[str, str] = {}
        self.restarts: dict[str, dict[int, int]] = {}  # numId -> {ilvl: start} not yet applied
        self.counters: dict[str, dict[int, int]] = {}  # abstractNumId -> {ilvl: value}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract = {a.get(q("w:abstractNumId")): a for a in root.iter(q("w:abstractNum"))}
        for num in root.iter(q("w:num")):
            abstract_id = wval(num.find(q("w:abstractNumId")))
            base = abstract.get(abstract_id)
            if base is None:  # lists defined only through a numbering style link are not followed
                continue
            num_id = num.get(q("w:numId"))
            levels = {int(l.get(q("w:ilvl"), "0")): self._level(l) for l in base.iter(q("w:lvl"))}
            restarts = {}
            for override in num.iter(q("w:lvlOverride")):
                ilvl = int(override.get(q("w:ilvl"), "0"))
                lvl = override.find(q("w:lvl"))
                if lvl is not None:
                    levels[ilvl] = self._level(lvl)
                    restarts[ilvl] = levels[ilvl].start
                start = override.find(q("w:startOverride"))
                if start is not None:
                    restarts[ilvl] = int(wval(start, "1") or 1)
            self.levels[num_id] = levels
            self.abstract_of[num_id] = abstract_id
            self.restarts[num_id] = restarts

    @staticmethod
    def _level(lvl) -> _Level:
        return _Level(fmt=wval(lvl.find(q("w:numFmt")), "decimal"),
                      text=wval(lvl.find(q("w:lvlText")), "") or "",
                      start=int(wval(lvl.find(q("w:start")), "1") or 1))

    def label(self, num_id: str, ilvl: int) -> Optional[str]:
        """Advance the list's counter at `ilvl` and return the printed label ("" for a bullet;
        None when the paragraph is not really numbered, numId 0)."""
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels:
            return None
        counters = self.counters.setdefault(self.abstract_of[num_id], {})
        restart = self.restarts[num_id].pop(ilvl, None)
        level = levels[ilvl]
        if restart is not None:
            counters[ilvl] = restart - 1
        counters[ilvl] = counters.get(ilvl, level.start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if level.fmt == "bullet":
            return ""

        def part(match):
            k = int(match.group(1)) - 1
            lv = levels.get(k, _Level())
            value = counters.get(k, lv.start)
            return _format_number(value, lv.fmt)

        return re.sub(r"%(\d)", part, level.text).strip()


#: w:numFmt -> the list_number style it prints in
_NUM_STYLES = {"lowerLetter": "a", "upperLetter": "A", "lowerRoman": "i", "upperRoman": "I"}


def _format_number(n: int, fmt: str) -> str:
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "none":
        return ""
    return list_number(n, _NUM_STYLES.get(fmt, "1"))


# --------------------------------------------------------------------------- body walking


@dataclass
class _Para:
    text: str
    bold: bool
    page: int
    page_end: int
    heading_level: Optional[int]
    label: Optional[str]  # None: not a list paragraph; "": bullet


@dataclass
class _DocxReader:
    document: object
    blocks: list[Block] = field(default_factory=list)
    page: int = 1
    just_broke: bool = False  # a hard page break with no text since: a rendered break is the same one
    tables: int = 0

    def __post_init__(self):
        self.styles = _Styles(self.document)
        self.numbering = _Numbering(self.document)

    # --- page breaks
    def hard_break(self):
        self.page += 1
        self.just_broke = True

    def rendered_break(self):
        if not self.just_broke:
            self.page += 1
        self.just_broke = False

    # --- walking
    def body(self, el):
        for child in el:
            if child.tag == q("w:p"):
                self.paragraph_block(child)
            elif child.tag == q("w:tbl"):
                self.table(child)
            elif child.tag == q("w:sdt"):
                content = child.find(q("w:sdtContent"))
                if content is not None:
                    self.body(content)
            elif child.tag in _TRANSPARENT:
                self.body(child)

    def paragraph_block(self, p):
        para = self.paragraph(p)
        if para is None or not para.text:
            return
        text = f"{para.label} {para.text}" if para.label else para.text
        if para.heading_level:
            kind = "heading"
        elif para.label is not None:
            kind = "item"
        else:
            kind = "para"
        self.blocks.append(Block(page=para.page, text=text, kind=kind, bold=para.bold or bool(para.heading_level),
                                 heading_level=para.heading_level,
                                 page_end=para.page_end if para.page_end != para.page else None))

    def paragraph(self, p) -> Optional[_Para]:
        """A w:p -> its text, boldness, pages and list label; page breaks inside it are counted."""
        ppr = p.find(q("w:pPr"))
        style_id = wval(ppr.find(q("w:pStyle"))) if ppr is not None else None
        style_id = style_id or self.styles.default_para
        if ppr is not None and ppr.find(q("w:pageBreakBefore")) is not None and \
                wval(ppr.find(q("w:pageBreakBefore")), "1").lower() not in _OFF:
            self.hard_break()
        para_bold = self.styles.bold(style_id)
        pieces: list[tuple[str, bool]] = []
        start_page = None
        for run in self._runs(p):
            for kind, value in self._run_content(run):
                if kind == "break":
                    self.hard_break() if value == "page" else self.rendered_break()
                    continue
                if value.strip() and start_page is None:
                    start_page = self.page
                if value.strip():
                    self.just_broke = False
                pieces.append((value, self._run_bold(run, para_bold)))
        text = clean_text("".join(t for t, _ in pieces))
        label = self._label(ppr, style_id)
        inked = [b for t, b in pieces if t.strip()]
        return _Para(text=text, bold=bool(inked) and all(inked), page=start_page or self.page, page_end=self.page,
                     heading_level=self._heading_level(ppr, style_id), label=label if text else None)

    def _runs(self, el):
        """Runs in order, through hyperlinks, insertions, smart tags, fields and content controls."""
        for child in el:
            if child.tag == q("w:r"):
                yield child
            elif child.tag in _TRANSPARENT or child.tag == q("w:sdt"):
                yield from self._runs(child)

    def _run_content(self, run):
        """("text", str) and ("break", "page"|"rendered") items of one run, in order."""
        for child in run:
            tag = child.tag
            if tag == q("w:t"):
                yield "text", child.text or ""
            elif tag == q("w:tab") or tag == q("w:ptab"):
                yield "text", " "
            elif tag == q("w:br"):
                if child.get(q("w:type")) == "page":
                    yield "break", "page"
                elif child.get(q("w:type")) != "column":
                    yield "text", "\n"
            elif tag == q("w:cr"):
                yield "text", "\n"
            elif tag == q("w:lastRenderedPageBreak"):
                yield "break", "rendered"
            elif tag in (q("w:noBreakHyphen"), q("w:softHyphen")):
                yield "text", "-" if tag == q("w:noBreakHyphen") else ""
            elif tag == q("w:sym"):
                yield "text", " "

    def _run_bold(self, run, para_bold) -> bool:
        rpr = run.find(q("w:rPr"))
        if rpr is not None:
            b = rpr.find(q("w:b"))
            if b is not None:
                return wval(b, "1").lower() not in _OFF
            char_style = wval(rpr.find(q("w:rStyle")))
            if char_style:
                bold = self.styles.bold(char_style)
                if bold is not None:
                    return bold
        return bool(para_bold)

    def _heading_level(self, ppr, style_id) -> Optional[int]:
        if ppr is not None:
            outline = ppr.find(q("w:outlineLvl"))
            if outline is not None and (wval(outline) or "9").isdigit() and int(wval(outline)) < 9:
                return int(wval(outline)) + 1
        return self.styles.heading_level(style_id)

    def _label(self, ppr, style_id) -> Optional[str]:
        num_pr = ppr.find(q("w:numPr")) if ppr is not None else None
        style_num = self.styles.num_pr(style_id)
        num_id = wval(num_pr.find(q("w:numId"))) if num_pr is not None else None
        ilvl = wval(num_pr.find(q("w:ilvl"))) if num_pr is not None else None
        if num_id is None and style_num is not None:
            num_id = wval(style_num.find(q("w:numId")))
        if ilvl is None and style_num is not None:
            ilvl = wval(style_num.find(q("w:ilvl")))
        if not num_id or num_id == "0":
            return None
        return self.numbering.label(num_id, int(ilvl or 0))

    # --- tables
    def table(self, tbl):
        if self._is_box(tbl):
            for tr in tbl.findall(q("w:tr")):
                for tc in self._cells(tr):
                    self.body(tc)
            return
        if self._is_numbered_layout(tbl):
            self.numbered_layout(tbl)
            return
        index = self.tables
        self.tables += 1
        first = True
        for tr in tbl.findall(q("w:tr")):
            cells, bolds, nested, start = [], [], [], None
            for tc in self._cells(tr):
                tcpr = tc.find(q("w:tcPr"))
                span = int(wval(tcpr.find(q("w:gridSpan")), "1") or 1) if tcpr is not None else 1
                vmerge = tcpr.find(q("w:vMerge")) if tcpr is not None else None
                continued = vmerge is not None and (wval(vmerge) or "continue") == "continue"
                text, bold, page, inner = self._cell(tc)
                start = start or (page if text else None)
                cells.append("" if continued else text)
                bolds.append(bold if text and not continued else None)
                cells += [""] * (span - 1)
                nested += inner
            trpr = tr.find(q("w:trPr"))
            repeated = trpr is not None and trpr.find(q("w:tblHeader")) is not None
            inked = [b for b in bolds if b is not None]
            all_bold = bool(inked) and all(inked)
            if any(cells):
                self.blocks.append(Block(page=start or self.page, text=" | ".join(c for c in cells if c), kind="row",
                                         cells=cells, table=index, header=repeated or (first and all_bold),
                                         bold=all_bold, page_end=self.page if self.page != (start or self.page) else None))
                first = False
            for inner in nested:
                self.table(inner)

    def _is_box(self, tbl) -> bool:
        """A one-column table is a box drawn round paragraphs (a boxed "RESOLVED:" or a
        framed header), not data: its paragraphs are read as paragraphs."""
        grid = tbl.find(q("w:tblGrid"))
        columns = len(grid.findall(q("w:gridCol"))) if grid is not None else 0
        rows = tbl.findall(q("w:tr"))
        return bool(rows) and (columns == 1 or (columns == 0 and all(len(list(self._cells(tr))) == 1 for tr in rows)))

    def _is_numbered_layout(self, tbl) -> bool:
        """Minutes laid out as a two-column table: a narrow column of minute numbers and a wide
        column of text ("34." | "APOLOGIES FOR ABSENCE / Apologies were received from ...").
        Every first cell is a minute number or empty, and most rows have one."""
        rows = [list(self._cells(tr)) for tr in tbl.findall(q("w:tr"))]
        if len(rows) < 2 or any(len(r) != 2 for r in rows):
            return False
        firsts = [self._cell(r[0])[0].strip() for r in rows]
        numbered = [f for f in firsts if f]
        if not all(_MINUTE_NUMBER.match(f) for f in numbered) or len(numbered) * 2 < len(rows):
            return False
        grid = [int(c.get(q("w:w"), "0") or 0) for c in tbl.iter(q("w:gridCol"))]
        return len(grid) != 2 or not all(grid) or grid[0] * 3 < grid[1]

    def numbered_layout(self, tbl):
        """Each row: the number joins the first paragraph of the text cell; that paragraph is a
        level-2 heading when it is bold or in capitals (an item title), else a para."""
        for tr in tbl.findall(q("w:tr")):
            number_cell, text_cell = list(self._cells(tr))
            number = self._cell(number_cell)[0].strip()
            start = len(self.blocks)
            self.body(text_cell)
            if number and len(self.blocks) > start:
                first = self.blocks[start]
                first.text = f"{number} {first.text}"
                letters = [c for c in first.text if c.isalpha()]
                if first.kind == "para" and (first.bold or (letters and all(c.isupper() for c in letters))):
                    first.kind, first.heading_level = "heading", 2

    def _cells(self, tr):
        for child in tr:
            if child.tag == q("w:tc"):
                yield child
            elif child.tag in (q("w:sdt"), q("w:customXml")):
                content = child.find(q("w:sdtContent")) if child.tag == q("w:sdt") else child
                if content is not None:
                    yield from self._cells(content)

    def _cell(self, tc):
        """A cell's paragraphs (with list labels) joined by newlines; nested tables returned apart."""
        lines, bolds, nested, page = [], [], [], None
        for child in self._cell_children(tc):
            if child.tag == q("w:tbl"):
                nested.append(child)
                continue
            para = self.paragraph(child)
            if para is None or not para.text:
                continue
            page = page or para.page
            lines.append(f"{para.label} {para.text}" if para.label else para.text)
            bolds.append(para.bold)
        return "\n".join(lines), bool(bolds) and all(bolds), page, nested

    def _cell_children(self, el):
        for child in el:
            if child.tag in (q("w:p"), q("w:tbl")):
                yield child
            elif child.tag == q("w:sdt"):
                content = child.find(q("w:sdtContent"))
                if content is not None:
                    yield from self._cell_children(content)
            elif child.tag in _TRANSPARENT:
                yield from self._cell_children(child)
