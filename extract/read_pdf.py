"""PDF -> Blocks, fast: pypdfium2 for text, line geometry and ruled tables (built from the
page's drawn rules, the way pdfplumber's "lines" strategy does, but without pdfminer's
~0.3 s a page), and Tesseract only for pages whose text layer is missing or broken.

Three passes, so a 500-page pack stays flat in memory (each page is closed after pass 1 and
only its lines are kept):
1. per page: pdfium text + one box/size/font probe per *line* (not per char); a text-layer
   health check (scan, garbage, glyphs drawn as outlines) that sends the page to OCR; ruled
   tables from path objects (at least 3 vertical and 2 horizontal rules before any work).
2. per document: the body font size, and running headers/footers (same text in the top or
   bottom margin on most pages, "Page |1", "Page 3 of 15").
3. lines -> paragraphs / headings / list items; table rows stitched across page breaks;
   line-end hyphens decided from the document's own words.

`read_pdf(raw, ocr=True, pages=None)`; ReadResult.meta["page_problems"] says which pages had
an untrustworthy text layer and why ("no text layer", "text drawn as outlines", ...).
"""
from __future__ import annotations

import ctypes
import logging
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field
from itertools import chain, repeat
from typing import Optional

from .blocks import Block, PageText, ReadError, ReadResult, clean_text, non_ascii

log = logging.getLogger(__name__)

# ---------------------------------------------------------------------------------------------
# Opening


def _refuse_non_pdf(raw: bytes) -> None:
    """ReadError unless the bytes start like a PDF (the header may follow a little junk)."""
    if not raw:
        raise ReadError("empty file")
    if b"%PDF-" in raw[:1024]:
        return
    if raw.startswith(b"%!PS-Adobe"):  # Souldern 2020-06-25 "agenda.pdf" is PostScript
        raise ReadError("not a PDF (starts with %!PS-Adobe)")
    head = raw[:16].split(b"\n")[0].strip()
    if head and all(32 <= b < 127 for b in head):
        raise ReadError(f"not a PDF (starts with {head.decode('ascii')})")
    raise ReadError("not a PDF (no %PDF header)")


def _open_pdf(raw: bytes):
    import pypdfium2 as pdfium

    _refuse_non_pdf(raw)
    try:
        pdf = pdfium.PdfDocument(raw)
    except pdfium.PdfiumError as exc:
        # pdfium's last-error code can be stale (left by an earlier failure), so each reason
        # is checked against the bytes too
        code = getattr(exc, "err_code", None)
        if code == 4 and b"/Encrypt" in raw:
            raise ReadError("encrypted PDF (password required)") from None
        if re.search(rb"/Count\s+0\b", raw) and not re.search(rb"/Count\s+[1-9]", raw):
            raise ReadError("no pages") from None  # pdfium refuses an empty page tree
        reason = re.sub(r"^Failed to load document \((.*)\)\.?$", r"\1", str(exc))
        if code in (0, 4) or "Success" in reason:
            reason = "unreadable"
        raise ReadError(f"truncated or corrupt PDF ({reason})") from None
    if len(pdf) == 0:
        pdf.close()
        raise ReadError("no pages")
    return pdf


def page_count(raw: bytes) -> int:
    """How many pages the PDF has, none of them read (0.2 ms for a fixture); ReadError as read_pdf."""
    pdf = _open_pdf(raw)
    try:
        return len(pdf)
    finally:
        pdf.close()


# ---------------------------------------------------------------------------------------------
# Pass 1: lines of one page


@dataclass(slots=True)  # thousands per document: slots make them smaller and quicker to read
class Line:
    """One visual line; coordinates in PDF points from the top-left of the page."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool = False  # the whole line (first and last char) is bold
    page: int = 0
    para: Optional[int] = None
    bold_start: Optional[bool] = None  # mixed lines: "98-3479 3. APPROVING ... Moved by X to" (bold end)
    bold_end: Optional[bool] = None  # OCR paragraph id: lines of different OCR paragraphs never join
    _key: Optional[str] = None

    @property
    def key(self) -> str:
        """Text with spaces dropped and digits folded, so "Page 3 of 15" repeats as "page#of#"."""
        if self._key is None:
            self._key = self.text.translate(_KEY_TABLE).lower()
        return self._key


@dataclass
class Table:
    rows: list[list[str]]
    top: float
    bottom: float
    x0: float
    x1: float
    header_bold: bool = False
    columns: list[float] = field(default_factory=list)  # left edge of each kept column


@dataclass
class PageLayout:
    page: int
    width: float
    height: float
    lines: list[Line] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    method: str = "text"
    confidence: Optional[float] = None


_SPACE = re.compile(r"\s+")
_TWO_LETTERS = re.compile(r"[A-Za-z]{2}")
_NON_WORD = re.compile(r"\W+")
_KEY_TABLE = str.maketrans({**{d: "#" for d in "0123456789"}, " ": None, "\t": None, "\u00a0": None})
_BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demi", re.I)
_FORCE_BOLD = 1 << 18  # PDF font descriptor flag


class _Probe:
    """ctypes buffers reused for every char probe (one allocation per document)."""

    def __init__(self):
        import pypdfium2.raw as R

        self.name = ctypes.create_string_buffer(128)
        self.flags = ctypes.c_int()
        self.fonts: dict = {}
        self.rect = R.FS_RECTF()
        # bound once: these run for every line of every page
        self.char_box, self._font_info = R.FPDFText_GetLooseCharBox, R.FPDFText_GetFontInfo
        self._text_object = R.FPDFText_GetTextObject

    def bold(self, tp, index) -> bool:
        self._font_info(tp, index, self.name, 128, self.flags)
        key = (self.name.value, self.flags.value)
        known = self.fonts.get(key)  # one lookup: a few fonts serve thousands of lines
        if known is None:
            name = key[0].decode("latin-1", "replace")
            # FPDFText_GetFontWeight is not used: it answers 3332 for a regular CID font
            known = self.fonts[key] = (bool(_BOLD_NAME.search(name)) or bool(key[1] & _FORCE_BOLD)
                                       or embedded_weight(self._text_object(tp, index)) >= 600)
        return known


def embedded_weight(text_object) -> int:
    """The weight class (400 regular, 700 bold) in the OS/2 table of an embedded TrueType or
    OpenType font, or 0. "Microsoft: Print To PDF" names every font "CIDFont+F3", so the name
    says nothing; the font program still knows it is Arial Bold (Souldern minutes)."""
    import struct

    import pypdfium2.raw as R

    if not text_object:
        return 0
    font = R.FPDFTextObj_GetFont(text_object)
    size = ctypes.c_size_t()
    if not font or not R.FPDFFont_GetFontData(font, None, 0, size) or not size.value:
        return 0
    buf = (ctypes.c_uint8 * size.value)()
    R.FPDFFont_GetFontData(font, buf, size.value, size)
    data = bytes(buf)
    if data[:4] not in (b"\x00\x01\x00\x00", b"true", b"OTTO") or len(data) < 12:
        return 0
    (tables,) = struct.unpack(">H", data[4:6])
    for i in range(tables):
        tag, _, offset, _ = struct.unpack(">4sIII", data[12 + 16 * i:28 + 16 * i])
        if tag == b"OS/2" and offset + 6 <= len(data):
            return struct.unpack(">H", data[offset + 4:offset + 6])[0]
    return 0


def to_display(box, rotation: int, width: float, height: float):
    """A (left, right, top, bottom) box in PDF user space -> (x0, x1, top, bottom) as the page
    is displayed, top-left origin. `width`/`height` are the displayed size: a page with
    /Rotate 90 (a landscape table printed on a portrait sheet) is read as it is shown."""
    l, r, t, b = box
    if rotation == 90:
        return b, t, l, r
    if rotation == 180:
        return width - r, width - l, b, t
    if rotation == 270:
        return width - t, width - b, height - r, height - l
    return l, r, height - t, height - b


def _text_lines(textpage, text: str, size: tuple, rotation: int, page_no: int, probe: _Probe) -> list[Line]:
    """pdfium's own line breaks, with a box/font probe at the first and last char of each line.

    Text indexes equal char indexes in pdfium's text page, so no per-char loop is needed. The
    probes are ctypes calls made in line (~10,000 lines in the benchmark's 16 PDFs): a Python
    method and a tuple per probe cost as much as the pdfium calls themselves."""
    import pypdfium2.raw as R

    tp = textpage.raw
    width, height = size
    lines = []
    char_box, rect, is_bold, font_size_at = probe.char_box, probe.rect, probe.bold, R.FPDFText_GetFontSize
    start = 0  # where the current line starts in `text`
    # each line without its edge spaces: split and strip take half a regex's time
    for line in text.replace("\r", "\n").split("\n"):
        line_start, start = start, start + len(line) + 1
        body = line.strip()
        if not body:
            continue
        first = line_start + len(line) - len(line.lstrip())
        last = first + len(body) - 1
        mid = (first + last) // 2
        if text[mid].isspace():
            mid = first
        char_box(tp, first, rect)
        l0, r0, t0, b0 = rect.left, rect.right, rect.top, rect.bottom
        char_box(tp, last, rect)
        left, right, top, bottom = min(l0, rect.left), max(r0, rect.right), max(t0, rect.top), min(b0, rect.bottom)
        if rotation:
            x0, x1, top, bottom = to_display((left, right, top, bottom), rotation, width, height)
        else:
            x0, x1, top, bottom = left, right, height - top, height - bottom
        bold_start, bold_end = is_bold(tp, first), is_bold(tp, last)
        # positional: keywords cost more than the rest of building a Line
        # (text, x0, x1, top, bottom, size, bold, page, para, bold_start, bold_end)
        lines.append(Line(body, x0, x1, top, bottom, round(font_size_at(tp, mid), 1),
                          bold_start and bold_end, page_no, None, bold_start, bold_end))
    return lines


# --- text-layer health ----------------------------------------------------------------------

_BAD_CHARS = re.compile(r"[\ufffd\ue000-\uf8ff\x00-\x08\x0e-\x1f]")
_MOJIBAKE = re.compile(r"Ã[\x80-\xbf©¨¢£¤§±¶¼½¾]|â€|Â[\xa0-\xbf]")
_CID = re.compile(r"\(cid:\d+\)")


def garbage_reason(text: str) -> Optional[str]:
    """Why a text layer is garbage, or None. Examples of garbage: "(cid:12)(cid:7)" glyph ids,
    private-use or replacement characters from fonts without a ToUnicode map, "â€™" mojibake,
    or text that is mostly symbols ("^'CSloO ,.2Q23 ~~"). Digits count as good: a page of
    accounts ("£7,994.00", "(10,109.85)") has few letters and is fine.

    Characters are counted outside whitespace (pdfium's U+FFFE hyphen marks left out): the
    ASCII ones with bytes.translate, the few others one by one. A regex pass over every
    character of every page cost more than the rest of the health check."""
    n_chars, n_bad, n_alnum = _char_counts(text)
    if n_chars < 20:
        return None
    if "(cid:" in text and len(_CID.findall(text)) * 6 > n_chars * 0.2:
        return "garbage text (cid glyph codes)"
    if n_bad > 0.1 * n_chars:
        return "garbage text (unmapped glyphs)"
    if ("Ã" in text or "â" in text or "Â" in text) and len(_MOJIBAKE.findall(text)) > 0.02 * n_chars:
        return "garbage text (mojibake)"
    if n_alnum < 0.5 * n_chars:
        return "garbage text (mostly symbols)"
    return None


_ASCII_SPACE = bytes(c for c in range(128) if chr(c).isspace())
_ASCII_NOT_ALNUM = bytes(c for c in range(128) if not chr(c).isalnum())
_ASCII_BAD = bytes(c for c in range(128) if _BAD_CHARS.match(chr(c)) and not chr(c).isspace())


def _char_counts(text: str) -> tuple[int, int, int]:
    """(characters, unmapped-glyph characters, letters and digits), whitespace and U+FFFE left out."""
    data = text.encode("ascii", "ignore")
    n_chars = len(data.translate(None, _ASCII_SPACE))
    n_bad = len(data) - len(data.translate(None, _ASCII_BAD))
    n_alnum = len(data.translate(None, _ASCII_NOT_ALNUM))
    for char in non_ascii(text):
        if char == "\ufffe" or char.isspace():
            continue
        n_chars += 1
        n_bad += _BAD_CHARS.match(char) is not None
        n_alnum += char.isalnum()
    return n_chars, n_bad, n_alnum


@dataclass
class _Drawn:
    """The page's path and image objects: (left, bottom, right, top) in page space, the
    handle, and for paths the matrices of the forms holding them (innermost first)."""

    paths: list = field(default_factory=list)
    images: list = field(default_factory=list)


def _transform(matrix, box):
    xs, ys = [], []
    for x, y in ((box[0], box[1]), (box[2], box[3]), (box[0], box[3]), (box[2], box[1])):
        xs.append(matrix.a * x + matrix.c * y + matrix.e)
        ys.append(matrix.b * x + matrix.d * y + matrix.f)
    return min(xs), min(ys), max(xs), max(ys)


def drawn_objects(page, max_depth: int = 2) -> _Drawn:
    """One raw ctypes pass over the page objects (pypdfium2's get_objects wraps every object
    in Python objects and cost more than the text itself). Objects inside form XObjects are
    mapped to page space with the form's matrix.

    Handles and types are fetched with map() (the ctypes calls run without a Python loop
    around each), and text objects, most of a page's objects, are skipped first: the
    benchmark's 310 pages hold ~35,000 objects, nearly all of them text."""
    import pypdfium2.raw as R

    out = _Drawn()
    l, b, r, t = (ctypes.c_float() for _ in range(4))
    text_kind, path_kind, image_kind = R.FPDF_PAGEOBJ_TEXT, R.FPDF_PAGEOBJ_PATH, R.FPDF_PAGEOBJ_IMAGE
    form_kind, kind_of, bounds = R.FPDF_PAGEOBJ_FORM, R.FPDFPageObj_GetType, R.FPDFPageObj_GetBounds

    def walk(handles, matrices, depth):
        for obj, kind in zip(handles, map(kind_of, handles)):
            if kind == text_kind:
                continue
            if kind == path_kind or kind == image_kind:
                bounds(obj, l, b, r, t)
                box = (l.value, b.value, r.value, t.value)
                for m in matrices:
                    box = _transform(m, box)
                if kind == path_kind:
                    out.paths.append((box, obj, matrices))
                else:
                    out.images.append((box, obj))
            elif kind == form_kind and depth < max_depth:
                m = R.FS_MATRIX()
                R.FPDFPageObj_GetMatrix(obj, m)
                count = R.FPDFFormObj_CountObjects(obj)
                walk(list(map(R.FPDFFormObj_GetObject, repeat(obj, count), range(count))), [m] + matrices, depth + 1)

    raw, count = page.raw, R.FPDFPage_CountObjects(page.raw)
    walk(list(map(R.FPDFPage_GetObject, repeat(raw, count), range(count))), [], 0)
    return out


def _text_rects(textpage) -> list[tuple]:
    import pypdfium2.raw as R

    tp = textpage.raw
    n = R.FPDFText_CountRects(tp, 0, -1)
    out = []
    l, t, r, b = (ctypes.c_double() for _ in range(4))
    for i in range(n):
        R.FPDFText_GetRect(tp, i, l, t, r, b)
        out.append((l.value, b.value, r.value, t.value))
    return out


def _is_glyph_sized(box) -> bool:
    """A path the size of a letter or word (vector-outline text), not a rule or a box."""
    w, h = box[2] - box[0], box[3] - box[1]
    return 0.5 < h < 25 and 0.3 < w < 80


def _inside_any(box, rects, pad=2.0) -> bool:
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return any(r[0] - pad <= cx <= r[2] + pad and r[1] - pad <= cy <= r[3] + pad for r in rects)


def outline_text_reason(paths, textpage, n_chars: int) -> Optional[str]:
    """Text drawn as vector outlines: hundreds of glyph-sized paths outside any text.

    Souldern planning 2018-08-23 has 1,200-2,000 glyph paths a page and no text at all;
    Souldern 2022-03-31 p1 has 916 glyph paths beside 383 real chars (the heading and the
    minutes are outlines, a table under them is text). A drawn footer (~120 paths beside
    2,000 chars, Souldern 2022 p2) must not count."""
    glyphs = [p for p in paths if _is_glyph_sized(p)]
    if len(glyphs) < 150:
        return None
    rects = _text_rects(textpage) if n_chars else []
    stray = [g for g in glyphs if not _inside_any(g, rects)]
    if len(stray) >= 150 and len(stray) > 0.5 * n_chars:
        return "text drawn as outlines"
    return None


def layer_problem(drawn: _Drawn, textpage, text: str, width: float, height: float) -> Optional[str]:
    """Why this page's text layer cannot be trusted (so it needs OCR), or None."""
    n_chars = len(text) - sum(text.count(c) for c in " \r\n\t")
    bad = garbage_reason(text)
    if bad:
        return bad
    paths, images = [p[0] for p in drawn.paths], [i[0] for i in drawn.images]  # boxes only
    page_area = max(width * height, 1.0)
    image_area = sum(max(0.0, (b[2] - b[0]) * (b[3] - b[1])) for b in images)
    if n_chars < 20 and (image_area > 0.1 * page_area or len(paths) > 50):
        return "no text layer"
    if len(paths) >= 150:
        return outline_text_reason(paths, textpage, n_chars)
    return None


# --- ruled tables, from the page's drawn rules (no pdfplumber: pdfminer costs ~0.3 s a page) --

SNAP = 3.0  # points: rules closer than this are one rule (double borders, anti-aliasing)


@dataclass
class _Edge:
    """A horizontal (pos = y from the top, span = x0..x1) or vertical (pos = x, span = top..bottom) rule."""

    horizontal: bool
    pos: float
    a: float
    b: float


class _Paint:
    """(filled, stroked) of a path with a visible, non-white colour. Text highlighting and white
    boxes behind paragraphs (WECA question packs: ~100 a page) are not rules. One per page, its
    ctypes buffers reused for every path. With `fill=False` the fill is not looked at (False)."""

    def __init__(self):
        import pypdfium2.raw as R

        self.mode, self.stroke = ctypes.c_int(), ctypes.c_int()
        self.rgba = tuple(ctypes.c_uint() for _ in range(4))
        self._draw_mode = R.FPDFPath_GetDrawMode
        self._fill_colour, self._stroke_colour = R.FPDFPageObj_GetFillColor, R.FPDFPageObj_GetStrokeColor

    def __call__(self, handle, fill: bool = True) -> tuple[bool, bool]:
        self._draw_mode(handle, self.mode, self.stroke)
        filled = fill and self.mode.value != 0 and self._visible(self._fill_colour, handle)
        stroked = bool(self.stroke.value) and self._visible(self._stroke_colour, handle)
        return filled, stroked

    def _visible(self, getter, handle) -> bool:
        r, g, b, a = self.rgba
        if not getter(handle, r, g, b, a):
            return True
        return a.value > 0 and min(r.value, g.value, b.value) < 235


MIN_RULE = 6.0  # points: shorter strokes are glyph parts (an "l" drawn as an outline), not rules


def _subpath_boxes(handle, matrices) -> list[tuple]:
    """Boxes of the straight-line subpaths of one path object, in page space. Word often draws
    a whole table grid as one path of many moveto/lineto pieces (Souldern 2022-03-31 p2)."""
    import pypdfium2.raw as R

    m = R.FS_MATRIX()
    R.FPDFPageObj_GetMatrix(handle, m)
    x, y = ctypes.c_float(), ctypes.c_float()
    boxes, points = [], []
    for i in range(R.FPDFPath_CountSegments(handle)):
        seg = R.FPDFPath_GetPathSegment(handle, i)
        kind = R.FPDFPathSegment_GetType(seg)
        if kind == R.FPDF_SEGMENT_BEZIERTO:
            return []  # curves: a drawing or a glyph, not a grid
        R.FPDFPathSegment_GetPoint(seg, x, y)
        if kind == R.FPDF_SEGMENT_MOVETO and points:
            boxes.append(points)
            points = []
        points.append((x.value, y.value))
    if points:
        boxes.append(points)
    out = []
    for pts in boxes:
        box = (min(p[0] for p in pts), min(p[1] for p in pts), max(p[0] for p in pts), max(p[1] for p in pts))
        for matrix in [m] + list(matrices):
            box = _transform(matrix, box)
        out.append(box)
    return out


def _box_edges(box, height: float, filled: bool, stroked: bool) -> list[_Edge]:
    """A thin box is one rule; a stroked rectangle gives its four sides."""
    l, b, r, t = box
    top, bottom = height - t, height - b
    w, h = r - l, t - b
    if h <= SNAP and w >= MIN_RULE:
        return [_Edge(True, (top + bottom) / 2, l, r)]
    if w <= SNAP and h >= MIN_RULE:
        return [_Edge(False, (l + r) / 2, top, bottom)]
    if stroked and w > 10 and h > 6:
        return [_Edge(True, top, l, r), _Edge(True, bottom, l, r),
                _Edge(False, l, top, bottom), _Edge(False, r, top, bottom)]
    return []


def _path_edges(drawn: _Drawn, height: float) -> list[_Edge]:
    """Rules from path objects: a thin filled rectangle or a stroked line is one rule; a
    stroked rectangle (a cell border) gives its four sides; a path of many straight pieces is
    split into its pieces. Filled blocks (cell shading, highlighting) are not rules."""
    import pypdfium2.raw as R

    edges = []
    paint, segment_count = _Paint(), R.FPDFPath_CountSegments
    for (l, b, r, t), handle, matrices in drawn.paths:
        w, h = r - l, t - b
        thin = (h <= SNAP and w >= MIN_RULE) or (w <= SNAP and h >= MIN_RULE)
        if not (thin or (w > 10 and h > 6)):
            continue
        segments = segment_count(handle)
        if not thin and segments <= 5:  # a box: only a visible stroke makes its sides rules
            if segments in (4, 5) and paint(handle, fill=False)[1]:
                edges += _box_edges((l, b, r, t), height, False, True)
            continue
        filled, stroked = paint(handle)
        if not (filled or stroked):
            continue
        if thin:
            edges += _box_edges((l, b, r, t), height, filled, stroked and segments in (4, 5))
        elif segments <= 400:
            for box in _subpath_boxes(handle, matrices):
                edges += _box_edges(box, height, filled, stroked)
    return edges


def _merge_edges(edges: list[_Edge]) -> list[_Edge]:
    """Snap rules at nearly the same position together, then join collinear pieces."""
    out = []
    for horizontal in (True, False):
        group = sorted((e for e in edges if e.horizontal == horizontal), key=lambda e: e.pos)
        clusters: list[list[_Edge]] = []
        for e in group:
            if clusters and e.pos - clusters[-1][-1].pos <= SNAP:
                clusters[-1].append(e)
            else:
                clusters.append([e])
        for cluster in clusters:
            pos = sum(e.pos for e in cluster) / len(cluster)
            current = None
            for e in sorted(cluster, key=lambda e: e.a):
                if current and e.a <= current.b + SNAP:
                    current.b = max(current.b, e.b)
                else:
                    current = _Edge(horizontal, pos, e.a, e.b)
                    out.append(current)
    return out


def _intersections(edges: list[_Edge]) -> dict:
    """(x, y) -> ids of the merged horizontal and vertical edges crossing there. Horizontal
    rules are sorted by height, so each vertical rule meets only those within its span
    (bisect) instead of every rule of the page."""
    points: dict[tuple, dict] = {}
    hs = [e for e in edges if e.horizontal]
    by_pos = sorted(range(len(hs)), key=lambda hi: hs[hi].pos)
    positions = [hs[hi].pos for hi in by_pos]
    for vi, v in enumerate(e for e in edges if not e.horizontal):
        x = round(v.pos, 1)
        for hi in by_pos[bisect_left(positions, v.a - SNAP):bisect_right(positions, v.b + SNAP)]:
            h = hs[hi]
            if h.a - SNAP <= v.pos <= h.b + SNAP:
                point = points.setdefault((x, round(h.pos, 1)), {"h": set(), "v": set()})
                point["h"].add(hi)
                point["v"].add(vi)
    return points


MAX_GRID_POINTS = 4000  # more rule crossings than this is graph paper or a drawing, not minutes


def _cells(points: dict) -> list[tuple]:
    """The smallest rectangles whose four corners are intersections joined by rules
    (pdfplumber's intersections_to_cells, which this follows, with points indexed by row
    and column so a dense grid is not quadratic). The points below a corner are tried lazily,
    nearest first: the nearest joined one nearly always closes the cell."""
    h_rules = {pt: p["h"] for pt, p in points.items()}
    v_rules = {pt: p["v"] for pt, p in points.items()}
    by_x: dict[float, list[float]] = {}
    by_y: dict[float, list[float]] = {}
    for x, y in sorted(points):
        by_x.setdefault(x, []).append(y)
        by_y.setdefault(y, []).append(x)
    for xs in by_y.values():
        xs.sort()
    cells = []
    for pt in sorted(points):
        x, y = pt
        down, across = v_rules[pt], h_rules[pt]
        below = (y2 for y2 in by_x[x] if y2 > y and not down.isdisjoint(v_rules[(x, y2)]))
        right = [x2 for x2 in by_y[y] if x2 > x and not across.isdisjoint(h_rules[(x2, y)])]
        found = None
        for y2 in below:
            for x2 in right:
                corner = (x2, y2)
                if corner in points and not v_rules[corner].isdisjoint(v_rules[(x2, y)]) \
                        and not h_rules[corner].isdisjoint(h_rules[(x, y2)]):
                    found = (x, y, x2, y2)
                    break
            if found:
                break
        if found:
            cells.append(found)
    return cells


def _group_cells(cells: list[tuple]) -> list[list[tuple]]:
    """Cells sharing a corner belong to one table."""
    tables: list[tuple[set, list]] = []
    for cell in sorted(cells, key=lambda c: (c[1], c[0])):
        corners = {(cell[0], cell[1]), (cell[0], cell[3]), (cell[2], cell[1]), (cell[2], cell[3])}
        hits = [t for t in tables if t[0] & corners]
        if not hits:
            tables.append((set(corners), [cell]))
            continue
        keep = hits[0]
        keep[0].update(corners)
        keep[1].append(cell)
        for other in hits[1:]:
            keep[0].update(other[0])
            keep[1].extend(other[1])
            tables.remove(other)
    return [t[1] for t in tables]


def ruled_tables(drawn: _Drawn, textpage, height: float, lines: list[Line]) -> list[Table]:
    """Ruled tables of one page: rows of cell text read with pdfium's bounded-text call."""
    edges = _path_edges(drawn, height)
    if sum(1 for e in edges if not e.horizontal) < 3 or sum(1 for e in edges if e.horizontal) < 2:
        return []  # horizontal rules alone (WECA question packs) are not a table
    merged = _merge_edges(edges)
    horizontal = sum(1 for e in merged if e.horizontal)
    if horizontal * (len(merged) - horizontal) > 50 * MAX_GRID_POINTS:
        return []  # a drawing of thousands of strokes: not worth a quadratic search
    points = _intersections(merged)
    if len(points) > MAX_GRID_POINTS:
        return []
    tables, cell_text = [], _bounded_text(textpage)  # one buffer for every table of the page
    for group in _group_cells(_cells(points)):
        table = _table_from_cells(group, cell_text, height, lines)
        if table is not None:
            tables.append(table)
    return tables


def _bounded_text(textpage):
    """text(left, bottom, right, top) -> the page's text inside that box. pypdfium2's
    get_text_bounded asks pdfium twice (the length, then the text), and each call walks every
    char of the page; one call into a buffer as long as the page's text halves the cost of
    reading a table's cells. A result that fills the buffer may be cut short: asked again."""
    import pypdfium2.raw as R

    size = 2 * R.FPDFText_CountChars(textpage.raw) + 64
    buffer = (ctypes.c_ushort * size)()

    def text(left, bottom, right, top):
        count = R.FPDFText_GetBoundedText(textpage.raw, left, top, right, bottom, buffer, size)
        if count >= size:
            return textpage.get_text_bounded(left, bottom, right, top)
        if count > 0 and buffer[count - 1] == 0:
            count -= 1  # the terminating NUL pdfium adds when there is room
        return ctypes.string_at(buffer, 2 * max(count, 0)).decode("utf-16-le", errors="ignore")

    return text


def _table_from_cells(cells: list[tuple], cell_text, height: float, lines: list[Line]) -> Optional[Table]:
    columns = sorted({c[0] for c in cells})
    row_tops = sorted({c[1] for c in cells})
    column_of = {x: i for i, x in enumerate(columns)}
    rows = {top: [""] * len(columns) for top in row_tops}  # in order of row_tops
    for x0, t, x1, bottom in cells:
        rows[t][column_of[x0]] = _join_cell_lines(cell_text(x0, height - bottom, x1, height - t))
    rows = list(rows.values())
    keep = [i for i in range(len(columns)) if any(r[i] for r in rows)]
    rows = [[r[i] for i in keep] for r in rows]
    rows = [r for r in rows if any(r)]
    if not _is_real_table(rows):
        return None
    x0, x1 = min(c[0] for c in cells), max(c[2] for c in cells)
    top, bottom = min(c[1] for c in cells), max(c[3] for c in cells)
    first_bottom = min(c[3] for c in cells if c[1] == row_tops[0])
    in_first = [ln for ln in lines if top - 1 <= (ln.top + ln.bottom) / 2 <= first_bottom and x0 - 2 <= ln.x0 <= x1]
    return Table(rows=rows, top=top, bottom=bottom, x0=x0, x1=x1, columns=[columns[i] for i in keep],
                 header_bold=bool(in_first) and all(ln.bold for ln in in_first))


_HYPHEN_END = re.compile(r"[a-z]-$")  # "recom-" + "mendation"
_EMAIL_CUT = re.compile(r"@\S*[.@_-]$")  # "jo.bloggs@bristol." + "gov.uk"
_EMAIL_END = re.compile(r"@\S*$")  # "jo.bloggs@bristol" + ".gov.uk"
_EMAIL_TAIL = re.compile(r"[a-z.]+\b")


def _join_cell_lines(text: str) -> str:
    """Cell text on one line: "recom-\\nmendation" -> "recommendation", an e-mail address broken
    at a line end ("jo.bloggs@bristol.\\ngov.uk") rejoined, other breaks become spaces."""
    lines = [ln.strip() for ln in _finish(text or "").split("\n") if ln.strip()]
    out = ""
    for line in lines:
        if not out:
            out = line
        elif out.endswith("-") and _HYPHEN_END.search(out) and line[:1].islower():
            out = out[:-1] + PLAIN_BREAK + line
        elif "@" in out and (_EMAIL_CUT.search(out) or (_EMAIL_END.search(out) and _EMAIL_TAIL.match(line)
                                                        and " " not in line)):
            out += line
        else:
            out += " " + line
    return out


def _is_real_table(rows: list[list[str]]) -> bool:
    """>= 2 rows and >= 2 columns holding text: a rule-boxed paragraph is not a table."""
    if len(rows) < 2 or max(len(r) for r in rows) < 2:
        return False
    return sum(1 for r in rows if sum(1 for c in r if c) >= 2) >= 1


def _outside_tables(lines: list[Line], tables: list[Table]) -> list[Line]:
    def inside(line, t):
        cy = (line.top + line.bottom) / 2
        return t.top - 1 <= cy <= t.bottom + 1 and line.x0 >= t.x0 - 2 and line.x1 <= t.x1 + 2

    return [ln for ln in lines if not any(inside(ln, t) for t in tables)]


# --- OCR pages ------------------------------------------------------------------------------


def _ocr_layout(page, layout: PageLayout, text_layer: str = "") -> bool:
    """OCR the page into `layout`; False (layout untouched) when the page has a text layer
    and OCR finds barely more words in it: the "outlines" were a map, a chart or a logo."""
    from .ocr import ocr_page

    result = ocr_page(page)
    layer_words = len(text_layer.split())
    if layer_words >= 5 and result.confident_words < 1.3 * layer_words + 20:
        return False
    heights = sorted(ln.bottom - ln.top for ln in result.lines) or [10.0]
    size = round(heights[len(heights) // 2], 1)
    layout.lines = [Line(text=ln.text, x0=ln.x0, x1=ln.x1, top=ln.top, bottom=ln.bottom, size=size,
                         page=layout.page, para=ln.block) for ln in result.lines]
    layout.method, layout.confidence = "ocr", result.confidence
    return True


def _read_page(pdf, index: int, probe: _Probe, ocr: bool, problems: dict) -> PageLayout:
    page = pdf[index]
    try:
        width, height = page.get_size()
        layout = PageLayout(page=index + 1, width=width, height=height)
        textpage = page.get_textpage()
        try:
            text = textpage.get_text_range()
            drawn = drawn_objects(page)
            problem = layer_problem(drawn, textpage, text, width, height)
            if problem:
                problems[index + 1] = problem
                log.info("page %d: %s%s", index + 1, problem, "; OCR" if ocr else "")
            if problem and ocr:
                try:
                    if _ocr_layout(page, layout, text):
                        return layout
                except Exception as exc:  # Tesseract crashing or timing out on one page
                    raise ReadError(f"OCR failed (page {index + 1}: {type(exc).__name__})") from None
                problems[index + 1] = f"{problem}: OCR found no more text, text layer kept"
            rotation = page.get_rotation()
            layout.lines = _text_lines(textpage, text, (width, height), rotation, index + 1, probe)
            if not rotation:  # rules are not mapped to a rotated display (rare outside scans)
                layout.tables = ruled_tables(drawn, textpage, height, layout.lines)
            if layout.tables:
                layout.lines = _outside_tables(layout.lines, layout.tables)
        finally:
            textpage.close()
        return layout
    finally:
        page.close()


# ---------------------------------------------------------------------------------------------
# Pass 2: body size, running headers and footers

_PAGE_NUMBER = re.compile(r"^(?:page\|?\d+(?:of\d+)?|\d+\|page|-?\d{1,4}-?|\d+of\d+|\d+/\d+|\[\d+\])$")
_DIGIT = re.compile(r"\d")
MARGIN = 0.12  # top/bottom share of the page where running headers and footers live


def is_page_number(text: str) -> bool:
    """"Page |1", "P a g e | 2" (letter-spaced), "Page 3 of 15", "- 4 -", "12", "3/15".
    Each form has a digit: a margin line without one ("Minutes", "Chair") is not spaced out."""
    return bool(_DIGIT.search(text)) and bool(_PAGE_NUMBER.match(_SPACE.sub("", text).lower()))


def _margin_band(line: Line, layout: PageLayout, share: float = MARGIN) -> Optional[str]:
    middle = (line.top + line.bottom) / 2
    if middle <= layout.height * share:
        return "top"
    if middle >= layout.height * (1 - share):
        return "bottom"
    return None


def _position_key(line: Line, layout: PageLayout) -> tuple:
    return (round(line.top / (layout.height * 0.02)), line.key)


EDGE_LINES = 4  # a running block sits among the first or last few lines of a page


def _edge_lines(layout: PageLayout) -> set[int]:
    """Indexes of the page's first and last EDGE_LINES lines, top to bottom."""
    order = sorted(range(len(layout.lines)), key=lambda i: layout.lines[i].top)
    return set(order[:EDGE_LINES] + order[-EDGE_LINES:])


def running_lines(layouts: list[PageLayout]) -> set[tuple[int, int]]:
    """(page, line index) of running headers/footers: a page number near the top or bottom;
    the same text in the same margin on at least half of the pages (and at least 2); or the
    same text at the same height among a page's first or last lines on at least half of the
    pages and at least 3 (Souldern 2018-08-23 was printed at half size, so its four-line
    footer sits mid-page; a "Mayor's Response:" label repeating mid-page is not furniture)."""
    in_band: Counter = Counter()
    at_height: Counter = Counter()
    edges = {layout.page: _edge_lines(layout) for layout in layouts}
    bands = {layout.page: [_margin_band(ln, layout) for ln in layout.lines] for layout in layouts}
    for layout in layouts:
        in_band.update({(band, ln.key) for ln, band in zip(layout.lines, bands[layout.page]) if band})
        at_height.update({_position_key(ln, layout) for i, ln in enumerate(layout.lines) if i in edges[layout.page]})
    threshold = max(2, (len(layouts) + 1) // 2)
    drop = set()
    for layout in layouts:
        for i, ln in enumerate(layout.lines):
            band = bands[layout.page][i]
            if (band or _margin_band(ln, layout, 0.2)) and is_page_number(ln.text):
                drop.add((layout.page, i))
            elif band and in_band[(band, ln.key)] >= threshold:
                drop.add((layout.page, i))
            elif i in edges[layout.page] and at_height[_position_key(ln, layout)] >= max(3, threshold):
                drop.add((layout.page, i))
    return drop


def body_size(layouts: list[PageLayout]) -> float:
    """The most common font size, weighted by text length (text-layer pages only)."""
    sizes: Counter = Counter()
    for layout in layouts:
        if layout.method == "text":
            for ln in layout.lines:
                sizes[round(ln.size * 2) / 2] += len(ln.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def reading_order(lines: list[Line], width: float) -> list[Line]:
    """Two-column pages: the left column, then the right one. A page is two-column when many
    lines sit wholly on each side of the middle and few cross it."""
    mid = width / 2
    left = [ln for ln in lines if ln.x1 < mid]
    right = [ln for ln in lines if ln.x0 > mid]
    crossing = len(lines) - len(left) - len(right)
    if len(left) >= 8 and len(right) >= 8 and crossing <= 0.15 * len(lines):
        columns_top = min(x.top for x in left + right)
        head = [ln for ln in lines if ln.x0 <= mid <= ln.x1 and ln.bottom <= columns_top]
        rest = [ln for ln in lines if ln not in head]
        return head + sorted([ln for ln in rest if ln.x1 < mid or ln.x0 <= mid], key=lambda x: x.top) + \
            sorted([ln for ln in rest if ln.x0 > mid], key=lambda x: x.top)
    return lines


# ---------------------------------------------------------------------------------------------
# Pass 3: blocks

_BULLET = re.compile(r"^(?:[•●▪◦■►➢✓\uf0b7\uf0a7\uf076\uf0d8*]|-(?=\s)|o(?=\s))\s*")
_MARKERS = [
    re.compile(r"^\(?\d{1,3}[.)]\s"),  # "38. Apologies", "(3) ", "1) "
    re.compile(r"^\d{1,3}(?:\.\d{1,3}){1,3}\.?\s"),  # "11.25.01 Planning", "2.1 The Cabinet"
    re.compile(r"^\(?[a-hj-z]\)\s|^[a-h][.)]\s"),  # "(a) ", "b) ", "c. "
    re.compile(r"^\(?(?:i{1,3}|iv|v|vi{1,3}|ix|x)[.)]\s"),  # "iv. ", "(ii) "
    re.compile(r"^(?:PQ|MQ|Q)\s?\d+\b"),  # "PQ 1", "Q1:", "MQ 3"
    re.compile(r"^(?i:question)\s+\d+\b"),  # "Question 3 – CJ Lamb"
    re.compile(r"^(?:RESOLVED|RESOLUTION|AGREED|DECISION|ACTION|ACTIONS)\b"),  # "RESOLVED: That ..."
    re.compile(r"^[A-Z][a-z]{2,4}\d{2}\.\d{2}\b"),  # action refs "Sept21.01 NO will arrange"
]


_ANY_MARKER = re.compile("|".join(f"(?:{m.pattern})" for m in _MARKERS))  # one match call a line


def starts_item(text: str) -> bool:
    """A line that begins its own block whatever its geometry (numbered minute, question, bullet)."""
    return bool(_BULLET.match(text)) and len(text) > 2 or bool(_ANY_MARKER.match(text))


def typical_pitch(lines: list[Line]) -> Optional[float]:
    """The page's usual top-to-top distance between consecutive lines of one size (its line
    spacing); a larger step means space was added between paragraphs."""
    steps = sorted(b.top - a.top for a, b in zip(lines, lines[1:])
                   if abs(a.size - b.size) <= 0.6 and 0.8 * b.size < b.top - a.top < 3 * b.size)
    return steps[len(steps) // 2] if len(steps) >= 3 else None


def _joins(prev: Line, line: Line, right_edge: float, pitch: Optional[float] = None) -> bool:
    """Does `line` continue the paragraph whose last line is `prev` (same page)? The geometry
    is asked before the two regexes of starts_item: a third of the lines fail it."""
    if (prev.para is not None or line.para is not None) and prev.para != line.para:
        return False  # Tesseract put them in different paragraphs
    if abs(prev.size - line.size) > 0.6 or _style_changes(prev, line):
        return False
    size = max(line.size, 1)
    step = line.top - prev.top
    if step < -0.5 * size or step > (1.3 * pitch if pitch else 1.6 * size):
        return False  # a column jump, or space between paragraphs
    return not starts_item(line.text) and not _next_word_fits(prev, line, right_edge)


def _style_changes(prev: Line, line: Line) -> bool:
    """Bold starts or stops at the line break (a bold title above regular text); a line that
    ends in the style the next one starts in is one run of text wrapped."""
    end = prev.bold if prev.bold_end is None else prev.bold_end
    start = line.bold if line.bold_start is None else line.bold_start
    return end != start


def _next_word_fits(prev: Line, line: Line, right_edge: float) -> bool:
    """Had the next line's first word fitted at the end of `prev`, the writer broke the line
    on purpose: `prev` ends its paragraph (a list of names, "Resolved: ... be" + "confirmed"
    wraps because "confirmed" did not fit, "Rob Large (RL)" + "John Hoodless" does not)."""
    char_width = (line.x1 - line.x0) / max(len(line.text), 1)
    first_word = line.text.split(" ", 1)[0]
    return prev.x1 + (len(first_word) + 1) * char_width < right_edge - char_width


def text_right_edge(lines: list[Line], width: float) -> float:
    """Where wrapped lines end: the 90th percentile of line ends among long lines (a wide
    heading or a stray wide line must not make every body line look short)."""
    ends = sorted(ln.x1 for ln in lines if len(ln.text) >= 40)
    if len(ends) < 3:
        return max((ln.x1 for ln in lines), default=width)
    return ends[int(0.9 * (len(ends) - 1))]


PDFIUM_BREAK = "\ufffe"  # pdfium joined two lines at a hyphen: "rat\uffferunning", "recom\ufffemendation"
PLAIN_BREAK = "\ue000"  # our mark for a plain "-" at a line end followed by lower case (OCR text)


def _has_mark(text: str) -> bool:
    """A hyphen mark in the text: three substring scans, much quicker than a regex over a page
    (a mark that is not Latin-1 is not even looked for in a Latin-1 string)."""
    return "\ufffe" in text or "\x02" in text or "\ue000" in text


def _join_text(a: str, b: str) -> str:
    """Join wrapped lines. A hyphen at the line end is left as a mark, resolved once the
    whole document is read (see Hyphens): "recom-"+"mendation" and "rat-"+"running" look alike."""
    if a.endswith(("\ufffe", "\x02")):
        return a[:-1] + PDFIUM_BREAK + b
    if a.endswith("\u00ad"):  # a soft hyphen is only ever a break
        return a[:-1] + b
    if a.endswith("-") and a[-2:-1].isalpha() and b[:1].islower():
        return a[:-1] + PLAIN_BREAK + b
    return f"{a} {b}"


def _finish(text: str) -> str:
    """Clean text, keeping hyphen marks (U+0002 from pdfium's bounded text becomes U+FFFE)."""
    return clean_text(text.replace("\x02", PDFIUM_BREAK))


class Hyphens:
    """Decide each line-end hyphen from the document's own words.

    "rat-"+"running" keeps its hyphen when "rat-running" is written elsewhere, and
    "recom-"+"mendation" loses it when "recommendation" is; a capital after the break keeps
    it ("Sanchez-Graells"). Without evidence pdfium's mark keeps the hyphen (Word documents
    rarely hyphenate, but wrap compounds: "pre-arranged", "third-party", "in-line") and a
    plain "-" in OCR text is dropped (typeset pages do hyphenate)."""

    _AROUND = re.compile("([^\\W\\d_]*)([\ufffe\x02\ue000])([^\\W\\d_]*)")
    _WORDS = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")

    def __init__(self, texts):
        self.texts = list(texts)
        # A word lowered alone is a substring of its text lowered whole, except next to a
        # capital sigma, which lower() reads in context ("ΟΔΟΣ" ends in ς, "ΟΔΟΣ'Α" has σ):
        # a text holding one has no lowered copy and is always split into words.
        self.lowered = [None if "\u03a3" in text else text.lower() for text in self.texts]
        self.text_words: dict[int, set] = {}  # text index -> its words, lowered
        self.known: dict[str, bool] = {}

    def has_word(self, word: str) -> bool:
        """Whether some text holds `word` (lower case) as a whole word, in any case. Only the
        texts holding it as a substring once lowered are split into words: a document asks
        about a handful of words ("recommendation", "rat-running"), and splitting every page
        into words cost more than all the rest of the hyphen work (the benchmark's documents
        with marks: 246 pages split before, 10 now)."""
        if word not in self.known:
            self.known[word] = any(word in self._words(i) for i, low in enumerate(self.lowered)
                                   if low is None or word in low)
        return self.known[word]

    def _words(self, index: int) -> set:
        if index not in self.text_words:  # the marks are not letters: they part words as a space would
            self.text_words[index] = {w.lower() for w in set(self._WORDS.findall(self.texts[index]))}
        return self.text_words[index]

    def resolve(self, text: str) -> str:
        return self._AROUND.sub(self._one, text) if text and _has_mark(text) else text

    def _one(self, m) -> str:
        left, mark, right = m.groups()
        if not (left and right) or self.has_word(f"{left}-{right}".lower()) or right[:1].isupper():
            return f"{left}-{right}"
        if self.has_word((left + right).lower()) or mark == PLAIN_BREAK:
            return left + right
        return f"{left}-{right}"


def resolve_hyphens(blocks: list[Block], pages: list[PageText]) -> None:
    if not any(map(_has_mark, chain((b.text for b in blocks), (p.text for p in pages)))):
        return  # most documents: no hyphen at any line end, no vocabulary needed (and no copy of their text)
    hyphens = Hyphens(p.text for p in pages)  # the blocks hold the pages' words again, regrouped
    for block in blocks:
        block.text = hyphens.resolve(block.text)
        if block.cells:
            block.cells = [hyphens.resolve(c) for c in block.cells]
    for page in pages:
        page.text = hyphens.resolve(page.text)


@dataclass
class _Para:
    lines: list[Line]
    text: str

    @property
    def last(self) -> Line:
        return self.lines[-1]


def _para_block(para: _Para, body: float) -> Block:
    first = para.lines[0]
    text = _finish(para.text)
    bold = all(ln.bold for ln in para.lines)
    size = max(ln.size for ln in para.lines)
    block = Block(page=first.page, text=text, bold=bold)
    if para.last.page != first.page:
        block.page_end = para.last.page
    bullet = _BULLET.match(text)
    if bullet and len(text) > bullet.end():
        block.kind, block.text = "item", text[bullet.end():].strip()
        return block
    big = body and first.para is None and size >= body * 1.15
    if (bold or big) and len(text) <= 150 and not text.endswith((",", ";")) and not _is_sentence(text):
        block.kind = "heading"
        block.heading_level = 1 if body and size >= body * 1.5 else 2 if big else 3
    return block


def _is_sentence(text: str) -> bool:
    """Bold prose is emphasis, not a title: "Moved by Coleman to adopt. Motion Carried 5-2."
    ends a sentence in lower-case words; "CULTURAL CONNECTION - 4:15-4:30 P.M." does not."""
    lower_words = sum(1 for w in text.split() if w[:1].islower())
    return text.endswith(".") and lower_words >= 2 or not _TWO_LETTERS.search(text)


def _continues_over_page(prev: Optional[_Para], line: Line) -> bool:
    """A paragraph cut by the page break: no sentence end, next page resumes in lower case."""
    if prev is None or prev.last.para is not None or line.para is not None:
        return False
    return (not prev.text.endswith((".", ":", ";", "?", "!", ")")) and line.text[:1].islower()
            and abs(prev.last.size - line.size) <= 0.6 and prev.last.bold == line.bold)


COLUMN_SLACK = 6.0  # points a continued table's column edges may move between pages


def _continues_cell(cell: str, text: str) -> bool:
    """The tail of a cell cut by the page break: the cell stops mid-sentence ("Support
    reduction of 20mph on Hotwell Rd &" + "Merchants Rd") or the tail starts in lower case.
    "Reason for decision: As set out in the report." is complete, so the "Deadline for ..."
    line above the next page's form is not its tail."""
    return bool(cell) and (not cell.rstrip().endswith((".", "!", "?")) or text[:1].islower())


def column_mapping(old: list[float], new: list[float]) -> Optional[list[int]]:
    """For a table continued on the next page: the old column index of each new column, or
    None when the columns do not line up. The continuation may lack a column its first page
    had (Bristol decision forms: the "(a) Subject:" row has a third cell, later rows do not)."""
    if not old or not new or len(new) > len(old):
        return None
    mapping = []
    for x in new:
        near = [i for i, ox in enumerate(old) if abs(ox - x) <= COLUMN_SLACK]
        if not near or (mapping and near[0] <= mapping[-1]):
            return None
        mapping.append(near[0])
    return mapping


def _place(row: list[str], mapping: list[int], width: int) -> list[str]:
    cells = [""] * width
    for cell, index in zip(row, mapping):
        cells[index] = cell
    return cells


def _repeats_first_row(row: list[str], header: Optional[list[str]], first: Optional[Block]) -> bool:
    """The continuation starts with the table's header again (known from bold type), or with
    a copy of the table's first row of at least two filled cells (a header in plain type)."""
    norm = _norm_cells(row)
    if header is not None:
        return norm == header
    return first is not None and sum(1 for c in norm if c) >= 2 and norm == _norm_cells(first.cells)


def _norm_cells(cells: list[str]) -> list[str]:
    return [_NON_WORD.sub("", c).lower() for c in cells]


class _Builder:
    """Accumulates blocks page by page; keeps the open paragraph and the open table."""

    def __init__(self, body: float):
        self.body = body
        self.blocks: list[Block] = []
        self.para: Optional[_Para] = None
        self.table_no = -1
        self.open_table: Optional[dict] = None  # {"no", "ncols", "header", "last": Block}
        self.last_kind = None  # "table" or "text": what ended the previous page

    def flush(self):
        if self.para is not None:
            block = _para_block(self.para, self.body)
            if block.text:
                self.blocks.append(block)
            self.para = None

    def line(self, line: Line, right_edge: float, first_on_page: bool, pitch: Optional[float] = None):
        if self.para is not None:
            same_page = self.para.last.page == line.page
            if (same_page and _joins(self.para.last, line, right_edge, pitch)) or (
                    first_on_page and not same_page and _continues_over_page(self.para, line)):
                self.para.lines.append(line)
                self.para.text = _join_text(self.para.text, line.text)
                return
        self.flush()
        self.para = _Para([line], line.text)
        self.open_table = None if not first_on_page else self.open_table
        self.last_kind = "text"

    def table(self, table: Table, page: int, first_on_page: bool):
        self.flush()
        rows = table.rows
        cont = self.open_table
        mapping = None
        if cont and first_on_page and self.last_kind == "table":
            mapping = column_mapping(cont["columns"], table.columns)
        if mapping is not None:
            width = len(cont["columns"])
            rows = [_place(row, mapping, width) for row in rows]
            header = cont["header"]
            if _repeats_first_row(rows[0], header, cont["first"]):
                if header is None:  # not bold, but repeated on each page: a header after all
                    cont["first"].header = cont["first"].bold = True
                    header = _norm_cells(cont["first"].cells)
                rows = rows[1:]  # the header repeated on the new page
            if rows and not rows[0][0] and cont["last"] is not None:
                self._merge_into(cont["last"], rows[0], page)  # a row split by the page break
                rows = rows[1:]
            no, columns, first = cont["no"], cont["columns"], cont["first"]
        else:
            self.table_no += 1
            no, columns = self.table_no, table.columns
            header = _norm_cells(rows[0]) if table.header_bold else None
            first = None
        last = cont["last"] if cont and no == cont["no"] else None
        for i, cells in enumerate(rows):
            is_header = header is not None and i == 0 and no != (cont or {}).get("no")
            last = Block(page=page, text=" | ".join(c for c in cells if c), kind="row", cells=list(cells),
                         table=no, header=is_header, bold=is_header)
            self.blocks.append(last)
            first = first or last
        self.open_table = {"no": no, "ncols": len(columns), "columns": columns, "header": header, "last": last,
                           "first": first}
        self.last_kind = "table"

    def spill_over(self, lines: list[Line], tables: list[Table]) -> list[Line]:
        """Lines above the first table of a page that continue the previous page's last row.

        Bristol 2026-03-19 p3 starts with "Merchants Rd" (the end of row 12's Title cell, which
        the page break cut off above the next ruled row): when the previous page ended in a
        table and this page's first table has as many columns, such lines are put into the
        last row, in the column under which they sit."""
        cont = self.open_table
        if not (cont and self.last_kind == "table" and tables and cont["last"] is not None):
            return lines
        first = min(tables, key=lambda t: t.top)
        lead = [ln for ln in lines if ln.bottom <= first.top + 1]
        mapping = column_mapping(cont["columns"], first.columns)
        if not lead or mapping is None or len(first.columns) < 2:
            return lines
        key_end = first.columns[1] - 3  # a split row has an empty first (key) cell
        if any(ln.x0 < key_end or ln.x1 > first.x1 + 5 for ln in lead):
            return lines
        if first.top - max(ln.bottom for ln in lead) > 1.5 * max(ln.size for ln in lead):
            return lines
        edges = first.columns + [first.x1]
        cells = [""] * cont["ncols"]
        for ln in lead:
            col = max([i for i, x in enumerate(first.columns) if x <= ln.x0 + 3] or [0])
            if ln.x1 > edges[col + 1] + 3:
                return lines  # runs across a column rule: page text, not a cell's tail
            target = mapping[col]
            if not cells[target] and not _continues_cell(cont["last"].cells[target], ln.text):
                return lines
            cells[target] = _join_text(cells[target], ln.text) if cells[target] else ln.text
        self._merge_into(cont["last"], [_finish(c) for c in cells], lead[0].page)
        return [ln for ln in lines if ln not in lead]

    @staticmethod
    def _merge_into(block: Block, cells: list[str], page: int):
        merged = [(a + " " + b).strip() if b else a for a, b in zip(block.cells, cells)]
        merged += cells[len(block.cells):]
        block.cells = merged
        block.text = " | ".join(c for c in merged if c)
        block.page_end = page


def build_blocks(layouts: list[PageLayout], drop: set[tuple[int, int]], body: float) -> list[Block]:
    builder = _Builder(body)
    for layout in layouts:
        kept = [ln for i, ln in enumerate(layout.lines) if (layout.page, i) not in drop]
        kept = reading_order(kept, layout.width) if layout.method == "text" else kept
        if layout.tables:  # place tables by position: content order may put them anywhere
            kept.sort(key=lambda ln: (round(ln.top / 3), ln.x0))
        kept = builder.spill_over(kept, layout.tables)
        right_edge = text_right_edge(kept, layout.width)
        pitch = typical_pitch(kept)
        items = _interleave(kept, layout.tables)
        for n, item in enumerate(items):
            if isinstance(item, Table):
                builder.table(item, layout.page, n == 0)
            else:
                builder.line(item, right_edge, n == 0, pitch)
    builder.flush()
    return builder.blocks


def _interleave(lines: list[Line], tables: list[Table]) -> list:
    out, pending = [], sorted(tables, key=lambda t: t.top)
    for ln in lines:
        while pending and pending[0].top <= ln.top:
            out.append(pending.pop(0))
        out.append(ln)
    return out + pending


_BROKEN_WORD = re.compile("(?<=[\ufffe\x02])\n")


def page_texts(layouts: list[PageLayout], drop: set[tuple[int, int]]) -> list[PageText]:
    """Each page's text for the `pages` table (and its full-text index): running headers and
    footers left out, table rows as "cell | cell", words broken at line ends made whole."""
    out = []
    for layout in layouts:
        lines = [ln.text for i, ln in enumerate(layout.lines) if (layout.page, i) not in drop]
        lines += [" | ".join(c for c in row if c) for t in layout.tables for row in t.rows]
        text = "\n".join(lines)
        if "\ufffe" in text or "\x02" in text:
            text = _BROKEN_WORD.sub("", text)
        out.append(PageText(page=layout.page, text=_finish(text), method=layout.method,
                            ocr_confidence=layout.confidence))
    return out


# ---------------------------------------------------------------------------------------------


def _no_text_reason(ocr, problems: dict) -> str:
    if problems and not ocr:
        return "no text layer (OCR disabled)"
    if problems:
        return "no text (OCR found none)"
    return "no text (blank pages)"


def read_pdf(raw: bytes, *, ocr: bool = True, pages=None, **_options) -> ReadResult:
    """Read a PDF into Blocks and per-page text. `ocr=False` keeps broken text layers as they
    are instead of OCRing them; `pages` (1-based numbers) limits the pages read."""
    from .ocr import tesseract_available

    pdf = _open_pdf(raw)
    if ocr and not tesseract_available():
        ocr = "missing"
    problems: dict[int, str] = {}
    layouts = []
    count = len(pdf)
    try:
        probe = _Probe()
        for index in range(count):
            if pages and index + 1 not in pages:
                continue
            try:
                layouts.append(_read_page(pdf, index, probe, ocr is True, problems))
                if problems and ocr == "missing":
                    raise ReadError("scanned pages need OCR: install tesseract-ocr")
            except ReadError:
                raise
            except Exception as exc:  # pdfium/pdfminer failing on a damaged page
                raise ReadError(f"truncated or corrupt PDF (page {index + 1}: {type(exc).__name__})") from None
    finally:
        pdf.close()
    if not layouts:
        raise ReadError(f"no such pages (the PDF has {count})")
    drop = running_lines(layouts)
    blocks = build_blocks(layouts, drop, body_size(layouts))
    result = ReadResult(blocks=blocks, pages=page_texts(layouts, drop))
    resolve_hyphens(result.blocks, result.pages)
    result.meta["page_problems"] = {str(k): v for k, v in problems.items()}
    if not any(b.text for b in blocks):
        raise ReadError(_no_text_reason(ocr, problems))
    result.title = next((b.text for b in blocks if b.kind == "heading" and b.page == 1), None)
    return result
