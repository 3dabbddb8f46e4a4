"""The fast paths of the PDF reader give what the straightforward code gave.

Each speed-up in extract.read_pdf (probes made in line, fewer Python objects per page object,
precomputed lookups in the table search) is held here to a plain version of the same step, run
on every page of the fixture PDFs that have a text layer.
"""
from __future__ import annotations

import pytest

from extract import read_pdf as rp

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
    for m in rp._LINE_BODY.finditer(text):
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
