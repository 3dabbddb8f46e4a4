"""The fast paths of the PDF reader give what the straightforward code gave.

Each speed-up in extract.read_pdf (probes made in line, fewer Python objects per page object,
precomputed lookups in the table search) is held here to a plain version of the same step, run
on every page of the fixture PDFs that have a text layer.
"""
from __future__ import annotations

import re

import pytest

from extract import read_pdf as rp

#: a line of pdfium's text without its edge spaces: what _text_lines finds with split and strip
LINE_BODY = re.compile(r"[^\S\r\n]*(\S(?:[^\r\n]*\S)?)")

from .conftest import DOCUMENTS

PDFS = sorted(p for p in DOCUMENTS.rglob("*.pdf") if "bad-input" not in p.parts and "scanned" not in p.name)


def _pages():
    """(page, textpage, text, width, height, rotation, page number) of every fixture page."""
    import pypdfium2 as pdfium

    for path in PDFS:
        pdf = pdfium.PdfDocument(path.read_bytes())
        try:
            for index in range(len(pdf)):
                page = pdf[index]
                textpage = page.get_textpage()
                width, height = page.get_size()
                yield page, textpage, textpage.get_text_range(), width, height, page.get_rotation(), index + 1
                textpage.close()
                page.close()
        finally:
            pdf.close()


def test_fixture_pdfs_found():
    assert len(PDFS) >= 8


# --- _text_lines: box and font probes made in line ---------------------------------------------


def _plain_text_lines(textpage, text, size, rotation, page_no, probe):
    """_text_lines as first written: a method call and a tuple per probe, keyword arguments."""
    import pypdfium2.raw as R

    def char_box(index):
        rect = probe.rect
        R.FPDFText_GetLooseCharBox(textpage.raw, index, rect)
        return rect.left, rect.right, rect.top, rect.bottom

    width, height = size
    lines = []
    for m in LINE_BODY.finditer(text):
        first, last = m.start(1), m.end(1) - 1
        mid = (first + last) // 2
        if text[mid].isspace():
            mid = first
        l0, r0, t0, b0 = char_box(first)
        l1, r1, t1, b1 = char_box(last)
        box = (min(l0, l1), max(r0, r1), max(t0, t1), min(b0, b1))
        x0, x1, top, bottom = rp.to_display(box, rotation, width, height) if rotation else (
            box[0], box[1], height - box[2], height - box[3])
        bold_start, bold_end = probe.bold(textpage.raw, first), probe.bold(textpage.raw, last)
        font_size = R.FPDFText_GetFontSize(textpage.raw, mid)
        lines.append(rp.Line(text=m.group(1), x0=x0, x1=x1, top=top, bottom=bottom, size=round(font_size, 1),
                             bold=bold_start and bold_end, page=page_no, bold_start=bold_start, bold_end=bold_end))
    return lines


def test_text_lines_as_plain_version():
    probe, plain_probe, n = rp._Probe(), rp._Probe(), 0
    for page, textpage, text, width, height, rotation, page_no in _pages():
        fast = rp._text_lines(textpage, text, (width, height), rotation, page_no, probe)
        assert fast == _plain_text_lines(textpage, text, (width, height), rotation, page_no, plain_probe)
        for rot in (90, 180, 270):  # the rotated mapping, on the same lines
            assert rp._text_lines(textpage, text, (width, height), rot, page_no, probe) == \
                _plain_text_lines(textpage, text, (width, height), rot, page_no, plain_probe)
        n += len(fast)
    assert n > 1000


# --- drawn_objects: handles and types fetched with map(), text objects skipped first ------------


def _plain_drawn(page, max_depth=2):
    """drawn_objects as first written: one Python-level call per handle and per type."""
    import ctypes

    import pypdfium2.raw as R

    out = rp._Drawn()
    l, b, r, t = (ctypes.c_float() for _ in range(4))

    def walk(handles, matrices, depth):
        for obj in handles:
            kind = R.FPDFPageObj_GetType(obj)
            if kind in (R.FPDF_PAGEOBJ_PATH, R.FPDF_PAGEOBJ_IMAGE):
                R.FPDFPageObj_GetBounds(obj, l, b, r, t)
                box = (l.value, b.value, r.value, t.value)
                for m in matrices:
                    box = rp._transform(m, box)
                if kind == R.FPDF_PAGEOBJ_PATH:
                    out.paths.append((box, obj, matrices))
                else:
                    out.images.append((box, obj))
            elif kind == R.FPDF_PAGEOBJ_FORM and depth < max_depth:
                m = R.FS_MATRIX()
                R.FPDFPageObj_GetMatrix(obj, m)
                children = [R.FPDFFormObj_GetObject(obj, j) for j in range(R.FPDFFormObj_CountObjects(obj))]
                walk(children, [m] + matrices, depth + 1)

    walk([R.FPDFPage_GetObject(page.raw, i) for i in range(R.FPDFPage_CountObjects(page.raw))], [], 0)
    return out


def _comparable(drawn):
    """Boxes, handle addresses and matrices (ctypes objects compare by identity, not value)."""
    import ctypes

    def address(handle):
        return ctypes.cast(handle, ctypes.c_void_p).value

    def matrix(m):
        return (m.a, m.b, m.c, m.d, m.e, m.f)

    paths = [(box, address(h), [matrix(m) for m in ms]) for box, h, ms in drawn.paths]
    return paths, [(box, address(h)) for box, h in drawn.images]


def test_drawn_objects_as_plain_version():
    n = 0
    for page, *_ in _pages():
        fast = _comparable(rp.drawn_objects(page))
        assert fast == _comparable(_plain_drawn(page))
        n += len(fast[0]) + len(fast[1])
    assert n > 1000


# --- ruled tables: bisected crossings, lazy corner search, one pass over a table's cells --------


def _plain_intersections(edges):
    points = {}
    hs = [e for e in edges if e.horizontal]
    for vi, v in enumerate(e for e in edges if not e.horizontal):
        for hi, h in enumerate(hs):
            if v.a - rp.SNAP <= h.pos <= v.b + rp.SNAP and h.a - rp.SNAP <= v.pos <= h.b + rp.SNAP:
                point = points.setdefault((round(v.pos, 1), round(h.pos, 1)), {"h": set(), "v": set()})
                point["h"].add(hi)
                point["v"].add(vi)
    return points


def _plain_cells(points):
    def joined(p, q, kind):
        return not points[p][kind].isdisjoint(points[q][kind])

    cells = []
    for pt in sorted(points):
        x, y = pt
        below = sorted((x2, y2) for x2, y2 in points if x2 == x and y2 > y and joined(pt, (x2, y2), "v"))
        right = sorted((x2, y2) for x2, y2 in points if y2 == y and x2 > x and joined(pt, (x2, y2), "h"))
        found = None
        for b in below:
            for r in right:
                corner = (r[0], b[1])
                if corner in points and joined(corner, r, "v") and joined(corner, b, "h"):
                    found = (x, y, corner[0], corner[1])
                    break
            if found:
                break
        if found:
            cells.append(found)
    return cells


def _plain_join_cell_lines(text):
    import re

    lines = [ln.strip() for ln in rp._finish(text or "").split("\n") if ln.strip()]
    out = ""
    for line in lines:
        if not out:
            out = line
        elif re.search(r"[a-z]-$", out) and line[:1].islower():
            out = out[:-1] + rp.PLAIN_BREAK + line
        elif re.search(r"@\S*[.@_-]$", out) or (re.search(r"@\S*$", out) and re.match(r"[a-z.]+\b", line)
                                                  and " " not in line):
            out += line
        else:
            out += " " + line
    return out


def _plain_rows(cells, cell_text, height):
    columns = sorted({c[0] for c in cells})
    rows = []
    for top in sorted({c[1] for c in cells}):
        row = [""] * len(columns)
        for x0, t, x1, bottom in (c for c in cells if c[1] == top):
            row[columns.index(x0)] = _plain_join_cell_lines(cell_text(x0, height - bottom, x1, height - t))
        rows.append(row)
    keep = [i for i in range(len(columns)) if any(r[i] for r in rows)]
    return [r for r in ([r[i] for i in keep] for r in rows) if any(r)]


def test_table_steps_as_plain_versions():
    n_points = n_tables = 0
    for page, textpage, text, width, height, rotation, page_no in _pages():
        merged = rp._merge_edges(rp._path_edges(rp.drawn_objects(page), height))
        points = rp._intersections(merged)
        assert points == _plain_intersections(merged)
        cells = rp._cells(points)
        assert cells == _plain_cells(points)
        cell_text = rp._bounded_text(textpage)
        for group in rp._group_cells(cells):
            table = rp._table_from_cells(group, cell_text, height, [])
            plain = _plain_rows(group, cell_text, height)
            assert (table.rows if table else plain) == plain
            n_tables += table is not None
        n_points += len(points)
    assert n_points > 1000 and n_tables >= 10


@pytest.mark.parametrize("text", [
    "recom-\nmendation", "Sanchez-\nGraells", "jo.bloggs@bristol.\ngov.uk", "jo.bloggs@bristol\n.gov.uk",
    "mail jo@x\nand more", "a@b\nc d", "x-\n-y", "end -\nnext", "-\nstart", "@\nx", "Cost: £5-\nten",
])
def test_join_cell_lines_as_plain_version(text):
    assert rp._join_cell_lines(text) == _plain_join_cell_lines(text)


# --- Hyphens: only the texts holding a word (as a lowered substring) are split into words ------


class _PlainHyphens(rp.Hyphens):
    """Hyphens as first written: every text split into words up front."""

    def __init__(self, texts):
        super().__init__(texts)
        self.vocab = {w.lower() for text in self.texts for w in self._WORDS.findall(text)}

    def has_word(self, word):
        return word in self.vocab


HYPHEN_TEXTS = [
    "The recom\ufffemendation was agreed.", "A recommendation elsewhere.", "rat\ufffferunning",
    "Rat-Running is a problem", "Sanchez\ufffeGraells", "pre\ufffearranged", "PRE-ARRANGED in capitals",
    "co\ue000operation", "COOPERATION", "ΟΔΟΣ\ufffeΑ", "οδοσ-α", "ΟΔΟΣ'Α", "οδ\ufffeος", "ΟΔΟ\ufffeΣ",
    "İstan\ufffebul", "i̇stanbul", "İSTANBUL", "straße\ufffeweg", "STRASSEWEG strassewegs", "\ufffeonly",
    "x\ufffe", "in\ufffeline", "in-line-skates", "in\x02line", "x2\ufffey", "ſtate\ufffement", "sTATEMENT",
]


@pytest.mark.parametrize("start", range(0, len(HYPHEN_TEXTS), 3))
def test_hyphens_as_plain_version_on_built_texts(start):
    texts = HYPHEN_TEXTS[start:] + HYPHEN_TEXTS[:start]
    fast, plain = rp.Hyphens(texts), _PlainHyphens(texts)
    for text in HYPHEN_TEXTS:
        assert fast.resolve(text) == plain.resolve(text)


def test_hyphens_as_plain_version_on_fixture_pdfs():
    n = 0
    for path in PDFS:
        try:
            result = rp.read_pdf(path.read_bytes(), ocr=False)
        except rp.ReadError:
            continue
        texts = [p.text for p in result.pages]  # already resolved: marks put back at hyphens
        marked = [t.replace("-", "\ue000") for t in texts]
        fast, plain = rp.Hyphens(texts + marked[:1]), _PlainHyphens(texts + marked[:1])
        for text in marked:
            assert fast.resolve(text) == plain.resolve(text)
            n += text.count("\ue000")
    assert n > 100


def test_hyphens_word_next_to_capital_sigma():
    """"ΟΔΟΣ" lowers to "οδος" alone but to "οδοσ'α" inside "ΟΔΟΣ'Α": no substring to find."""
    texts = ["ΟΔΟΣ'Α", "οδ\ufffeος"]
    assert rp.Hyphens(texts).resolve(texts[1]) == _PlainHyphens(texts).resolve(texts[1]) == "οδος"


# --- pass 2-3: geometry before regexes, a digit before the page-number regex -------------------


def _plain_joins(prev, line, right_edge, pitch=None):
    """_joins as first written: starts_item asked first."""
    if rp.starts_item(line.text):
        return False
    if (prev.para is not None or line.para is not None) and prev.para != line.para:
        return False
    if abs(prev.size - line.size) > 0.6 or rp._style_changes(prev, line):
        return False
    size = max(line.size, 1)
    step = line.top - prev.top
    if step < -0.5 * size or step > (1.3 * pitch if pitch else 1.6 * size):
        return False
    return not rp._next_word_fits(prev, line, right_edge)


def test_joins_and_page_numbers_as_plain_versions():
    import re

    probe, n_joins, n_numbers = rp._Probe(), 0, 0
    for page, textpage, text, width, height, rotation, page_no in _pages():
        lines = rp._text_lines(textpage, text, (width, height), rotation, page_no, probe)
        right_edge, pitch = rp.text_right_edge(lines, width), rp.typical_pitch(lines)
        for prev, line in zip(lines, lines[1:]):
            for p in (pitch, None):
                joins = rp._joins(prev, line, right_edge, p)
                assert joins == _plain_joins(prev, line, right_edge, p)
                n_joins += joins
        for line in lines:
            plain = bool(rp._PAGE_NUMBER.match(re.sub(r"\s+", "", line.text).lower()))
            assert rp.is_page_number(line.text) == plain
            n_numbers += plain
    assert n_joins > 1000 and n_numbers > 10


@pytest.mark.parametrize("text", ["Page |1", "P a g e | 2", "Page 3 of 15", "- 4 -", "12", "3/15", "[7]",
                                  "Page", "- -", "Minutes", "١٢", "Page ٣", "page\u00a05", ""])
def test_page_number_as_plain_version(text):
    import re

    assert rp.is_page_number(text) == bool(rp._PAGE_NUMBER.match(re.sub(r"\s+", "", text).lower()))


@pytest.mark.parametrize("text", ["", "plain", "recom\ufffemendation", "in\x02line", "co\ue000operation",
                                  "café \ufffe", "naïve", "\u20ac5", "x\ufffd"])
def test_has_mark_as_regex(text):
    import re

    assert rp._has_mark(text) == bool(re.search("[\ufffe\x02\ue000]", text))


@pytest.mark.parametrize("text", ["", "a", " a \r\n b\r\n\r\n", "\r\n\r\nx", "one\ttwo \u00a0\r\nthree\n",
                                  "abc\u2028def\rghi", "\x1c x \x1f", "  \r\n \t ", "last line"])
def test_text_lines_split_as_line_body_regex(text):
    """_text_lines finds LINE_BODY's lines with str.split and strip: same starts, same text."""

    class Page:
        raw = None

    class Probe:
        rect = type("Rect", (), {"left": 0.0, "right": 0.0, "top": 0.0, "bottom": 0.0})()

        def char_box(self, tp, index, rect):
            self.seen.append(index)

        def bold(self, tp, index):
            return False

    import unittest.mock

    probe = Probe()
    probe.seen = []
    with unittest.mock.patch("pypdfium2.raw.FPDFText_GetFontSize", lambda tp, index: 10.0):
        lines = rp._text_lines(Page(), text, (100.0, 100.0), 0, 1, probe)
    matches = list(LINE_BODY.finditer(text))
    assert [ln.text for ln in lines] == [m.group(1) for m in matches]
    assert probe.seen == [i for m in matches for i in (m.start(1), m.end(1) - 1)]
