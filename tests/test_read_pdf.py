"""extract.read_pdf on real council PDFs (fixtures/documents/...), plus the bad inputs a bulk
ingest meets: PostScript named .pdf, truncated files, encrypted files, random bytes.

OCR is slow (~7 s a page on two cores), so the OCR'd documents are read once per module and
only one page of the vector-outline minutes is OCR'd."""
from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from extract import extract_document
from extract import read_pdf as rp
from extract.blocks import ReadError
from extract.ocr import tesseract_available
from extract.read_pdf import read_pdf

from .conftest import SHARED, fixture_path

FORWARD_PLAN = fixture_path("bristol-city-council", "transport-connectivity-policy-committee-forward-plan-2026-01-21.pdf")
WECA_PACK = fixture_path("weca", "joint-meeting-2026-03-27-public-questions-and-mayors-responses.pdf")
SOULDERN_APM = fixture_path("souldern-parish-council", "annual-parish-meeting-2025-05-20-minutes.pdf")
OUTLINES = fixture_path("souldern-parish-council", "planning-meeting-2018-08-23-minutes-text-as-vector-outlines.pdf")
SCANNED = fixture_path("des-moines-ia", "city-council-2021-06-28-roll-call-scanned-no-text.pdf")
ENCRYPTED = fixture_path("bad-input", "encrypted-password-required.pdf")
CORPUS = SHARED / "corpus"

needs_tesseract = pytest.mark.skipif(not tesseract_available(), reason="tesseract-ocr not installed")


@pytest.fixture(scope="module")
def forward_plan():
    return read_pdf(FORWARD_PLAN.read_bytes())


@pytest.fixture(scope="module")
def scanned():
    return read_pdf(SCANNED.read_bytes())


@pytest.fixture(scope="module")
def outlines_p1():
    return read_pdf(OUTLINES.read_bytes(), pages={1})


# --- bad inputs: one clean ReadError each, with an exact message ----------------------------


def _new_pdf(pages: int = 0) -> bytes:
    import io

    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument.new()
    for _ in range(pages):
        pdf.new_page(595, 842)
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


@pytest.mark.parametrize("make_bytes, message", [
    (lambda: b"", "empty file"),
    (lambda: random.Random(4).randbytes(5000), "not a PDF (no %PDF header)"),
    (lambda: b"%!PS-Adobe-3.0\n%%Creator: Microsoft Word\n%%Pages: 2\n", "not a PDF (starts with %!PS-Adobe)"),
    (lambda: b"<html><body>Not found</body></html>", "not a PDF (starts with <html><body>Not)"),
    (lambda: SOULDERN_APM.read_bytes()[:3000], "truncated or corrupt PDF (PDFium: Data format error)"),
    (lambda: ENCRYPTED.read_bytes(), "encrypted PDF (password required)"),
    (_new_pdf, "no pages"),
    (lambda: _new_pdf(pages=2), "no text (blank pages)"),
], ids=["empty", "random-bytes", "postscript", "html", "cut-at-3000", "encrypted", "no-pages", "blank-pages"])
def test_bad_input_gives_one_read_error(make_bytes, message):
    with pytest.raises(ReadError) as info:
        read_pdf(make_bytes())
    assert str(info.value) == message


def test_random_bytes_named_pdf_fail_cleanly_through_extract_document():
    with pytest.raises(ReadError, match=r"^not a PDF"):
        extract_document(random.Random(7).randbytes(2048), "agenda.pdf")


@pytest.mark.skipif(not (CORPUS / "uk").exists(), reason="shared corpus not present")
def test_postscript_named_pdf_from_the_corpus():
    path = CORPUS / "uk/souldern-parish-council/parish-council-2020-06-25-agenda-actually-postscript.pdf"
    with pytest.raises(ReadError) as info:
        read_pdf(path.read_bytes())
    assert str(info.value) == "not a PDF (starts with %!PS-Adobe)"


# --- tables across page breaks (Bristol forward plan, landscape) ----------------------------


def test_forward_plan_table_is_one_table_across_pages(forward_plan):
    rows = [b for b in forward_plan.blocks if b.kind == "row" and b.cells and len(b.cells) == 5]
    assert {b.page for b in rows} >= set(range(5, 15))  # pages 5-14 of 14
    assert len({b.table for b in rows}) == 1


def test_forward_plan_repeated_header_is_dropped(forward_plan):
    rows = [b for b in forward_plan.blocks if b.kind == "row" and b.cells and len(b.cells) == 5]
    headers = [b for b in rows if b.cells[0] == "Lead Officer"]
    assert len(headers) == 1 and headers[0].header and headers[0].page == 5
    assert headers[0].cells == ["Lead Officer", "Title and summary of Decision", "Meeting date",
                                "Decision taker", "Report Type"]


def test_forward_plan_row_split_by_page_break_is_merged(forward_plan):
    rows = [b for b in forward_plan.blocks if b.kind == "row"]
    split = next(b for b in rows if "Early delivery bus stop scheme" in b.text)
    assert (split.page, split.page_end) == (5, 6)
    # the end of the title cell was printed at the top of page 6
    assert split.cells[1].endswith("maximum budget envelopes outlined in this report. Part exempt 3")
    assert not any(b.cells[0] == "" for b in rows if b.page > 5)  # no orphan half-rows left


def test_forward_plan_page_numbers_and_email_hyphens(forward_plan):
    assert not any(re.fullmatch(r"-?\s*\d+\s*-?", b.text) for b in forward_plan.blocks)
    assert not any("- 5 -" in p.text for p in forward_plan.pages)
    # "rebecca.baldwin-" + "cantello@bristol.gov.uk" across a line end keeps its hyphen
    assert any("rebecca.baldwin-cantello@bristol.gov.uk" in b.text for b in forward_plan.blocks)


# --- no spurious tables; paragraphs and headings ---------------------------------------------


def test_weca_question_pack_has_no_table_rows():
    result = read_pdf(WECA_PACK.read_bytes())
    assert len(result.pages) == 104
    assert not [b for b in result.blocks if b.kind == "row"]
    questions = [b for b in result.blocks if re.match(r"Question \d+ –", b.text)]
    assert len(questions) >= 80
    assert any(b.text == "Question 5 – Councillor Rob Bryher" for b in questions)
    response = next(b for b in result.blocks if b.text.startswith("Once the independent review has been completed"))
    assert response.bold and response.page == 4
    assert response.text.endswith("we will share the final costs when confirmed.")  # wrapped lines joined


def test_souldern_running_header_and_footer_removed():
    result = read_pdf(SOULDERN_APM.read_bytes())
    texts = [b.text for b in result.blocks]
    assert texts[0] == "MINUTES OF THE SOULDERN ANNUAL PARISH MEETING"
    assert not any("P a g e" in t or re.search(r"Page\s*\|", t) for t in texts)
    assert "Annual Parish Meeting minutes May 2025" not in texts
    assert all("P a g e" not in p.text for p in result.pages)
    assert {b.page for b in result.blocks} == {1, 2, 3, 4, 5}
    numbered = [t for t in texts if re.match(r"\d\.? ", t)]
    assert "1. Welcome and apologies" in numbered and "3. Matters arising" in numbered


def test_paragraph_cut_by_page_break_spans_two_pages():
    result = read_pdf(SOULDERN_APM.read_bytes())
    spanning = [b for b in result.blocks if b.page_end]
    assert spanning and all(b.page_end == b.page + 1 for b in spanning)


# --- text-layer health and OCR -----------------------------------------------------------------


@needs_tesseract
def test_scanned_page_is_ocred(scanned):
    page = scanned.pages[0]
    assert page.method == "ocr" and page.ocr_confidence > 60
    assert "WHEREAS" in page.text and "DES MOINES CITY COUNCIL" in page.text
    assert scanned.meta["page_problems"] == {"1": "no text layer"}
    assert any(b.text.startswith("NOW, THEREFORE, BE IT RESOLVED") for b in scanned.blocks)


@needs_tesseract
def test_vector_outline_text_is_detected_and_ocred(outlines_p1):
    assert outlines_p1.meta["page_problems"] == {"1": "no text layer"}
    page = outlines_p1.pages[0]
    assert page.method == "ocr" and len(page.text) > 1000
    texts = [b.text for b in outlines_p1.blocks]
    assert "08.18.01 Apologies" in texts  # the minute number stays on its title's line
    assert any(t.startswith("The minutes of the parish council planning meeting held on 28th June 2018") for t in texts)


def test_vector_outline_page_with_a_little_real_text_is_flagged():
    """Page 3 has a 110-char text box beside ~540 glyph outlines: never trust those 110 chars."""
    result = read_pdf(OUTLINES.read_bytes(), pages={3}, ocr=False)
    assert result.meta["page_problems"] == {"3": "text drawn as outlines"}


def test_without_tesseract_pages_needing_ocr_are_refused(monkeypatch):
    monkeypatch.setattr("extract.ocr.shutil.which", lambda name: None)
    with pytest.raises(ReadError) as info:
        read_pdf(OUTLINES.read_bytes())
    assert str(info.value) == "scanned pages need OCR: install tesseract-ocr"
    read_pdf(SOULDERN_APM.read_bytes())  # a good text layer needs no OCR


def test_ocr_disabled_on_a_scan_is_refused():
    with pytest.raises(ReadError) as info:
        read_pdf(SCANNED.read_bytes(), ocr=False)
    assert str(info.value) == "no text layer (OCR disabled)"


@pytest.mark.parametrize("text, reason", [
    ("(cid:12)(cid:7)(cid:33)(cid:4) " * 20, "garbage text (cid glyph codes)"),
    ("\ue001\ue002\ue003 \ue004\ue005" * 20, "garbage text (unmapped glyphs)"),
    ("\x01\x02\x03 \x04\x05" * 20, "garbage text (unmapped glyphs)"),  # plain ASCII, but control codes
    ("The Councilâ€™s response â€“ Ã©tude â€œnoteâ€\x9d " * 5, "garbage text (mojibake)"),
    ("^'CSloO ~1^ <^ i^\" ~l^ ~w 1^ ^ ^ :: ;; ~~ 2Q23 ,.,. " * 3, "garbage text (mostly symbols)"),
    ("BALANCE B/F 01.04.24 7,515.87 INCOME 8,984.85 EXPENDITURE (10,109.85) £7,994.00 £440.85", None),
    ("The minutes of the meeting were agreed as a true record.", None),
])
def test_garbage_text_layers(text, reason):
    assert rp.garbage_reason(text) == reason


def test_cell_text_in_one_call_equals_pypdfium2s_bounded_text():
    """`_bounded_text` asks pdfium once per cell; it must read what get_text_bounded reads."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(fixture_path("bristol-city-council",
                                          "transport-connectivity-policy-committee-forward-plan-2026-01-21.pdf"))
    try:
        page = pdf[5]
        textpage = page.get_textpage()
        width, height = page.get_size()
        cell_text = rp._bounded_text(textpage)
        boxes = [(x, y, x + w, y + h) for x in range(0, int(width), 90) for y in range(0, int(height), 60)
                 for w, h in ((90, 60), (300, 200), (width, height))]
        texts = [cell_text(*box) for box in boxes]
        assert texts == [textpage.get_text_bounded(*box) for box in boxes]
        assert sum(bool(t) for t in texts) > 20
        textpage.close()
        page.close()
    finally:
        pdf.close()


# --- small rules ---------------------------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("Page |1", True), ("P a g e | 2", True), ("Page 3 of 15", True), ("- 4 -", True), ("12", True),
    ("11.25.01 Apologies", False), ("Page 3 of the report was agreed", False),
])
def test_is_page_number(text, expected):
    assert rp.is_page_number(text) is expected


@pytest.mark.parametrize("text, expected", [
    ("38. Apologies", True), ("11.25.01 Planning", True), ("PQ 1 Mr Barrington", True), ("Q1: Will the", True),
    ("RESOLVED: That the minutes", True), ("• Fencing will be done", True), ("(b) the report", True),
    ("Sept21.01 NO will arrange", True), ("the procurement routes and", False), ("2024 was a good year", False),
])
def test_starts_item(text, expected):
    assert rp.starts_item(text) is expected


@pytest.mark.parametrize("a, b, joined", [
    ("the recom\ufffe", "mendation was", "the recom\ufffemendation was"),  # pdfium's mark, kept for later
    ("the recom\x02", "mendation was", "the recom\ufffemendation was"),
    ("Bristol City", "Council", "Bristol City Council"),
    ("the recom-", "mendation", "the recom\ue000mendation"),  # a plain hyphen (OCR) gets our mark
    ("co\u00ad", "operation", "cooperation"),  # a soft hyphen is always a break
    ("Item 4 -", "Budget", "Item 4 - Budget"),
])
def test_join_text_marks_line_end_hyphens(a, b, joined):
    assert rp._join_text(a, b) == joined


@pytest.mark.parametrize("text, elsewhere, resolved", [
    ("the recom\ufffemendation was", "Our recommendation is", "the recommendation was"),
    ("often sees rat\uffferunning", "", "often sees rat-running"),  # no evidence: pdfium's hyphen stays
    ("a third\ufffeparty website", "", "a third-party website"),
    ("Albert Sanchez\ufffeGraells", "", "Albert Sanchez-Graells"),
    ("a well\ue000known fact", "a well-known fact", "a well-known fact"),
    ("the recom\ue000mendation", "", "the recommendation"),  # OCR: typeset text hyphenates
    ("rebecca.baldwin\ufffecantello@bristol.gov.uk", "Rebecca Baldwin-Cantello", "rebecca.baldwin-cantello@bristol.gov.uk"),
])
def test_line_end_hyphens_are_decided_by_the_documents_own_words(text, elsewhere, resolved):
    assert rp.Hyphens([text, elsewhere]).resolve(text) == resolved


# --- the whole pipeline, and every PDF of the shared corpus ----------------------------------


def test_extract_document_records_pages(forward_plan):
    records = extract_document(FORWARD_PLAN.read_bytes(), FORWARD_PLAN.name)
    assert records.document.page_count == 14
    assert [p.page for p in records.pages] == list(range(1, 15))
    assert all(p.method == "text" and p.ocr_confidence is None for p in records.pages)
    assert "Workplace Parking Levy Full Business Case" in records.pages[13].text


@pytest.mark.skipif(not CORPUS.exists(), reason="shared corpus not present")
@pytest.mark.parametrize("path", sorted(CORPUS.rglob("*.pdf")) if CORPUS.exists() else [],
                         ids=lambda p: p.name[:50])
def test_every_corpus_pdf_reads_or_raises_read_error(path: Path):
    """OCR off to keep this fast: scans then raise ReadError, text PDFs must give blocks."""
    try:
        result = read_pdf(path.read_bytes(), ocr=False)
    except ReadError as exc:
        assert str(exc)
        return
    assert result.pages and any(b.text for b in result.blocks)
    assert all(b.page >= 1 and b.text for b in result.blocks)


@pytest.mark.parametrize("rotation, expected", [
    (0, (10, 20, 722, 742)),  # portrait: top = height - top edge
    (90, (50, 70, 10, 20)),  # /Rotate 90: the user-space left edge is the displayed top
    (270, (722, 742, 592, 602)),  # the user-space right edge is the displayed top
    (180, (592, 602, 50, 70)),
])
def test_rotated_page_boxes_are_read_as_displayed(rotation, expected):
    """A char box (left 10, right 20, top 70, bottom 50) on a 612 x 792 sheet (unrotated)."""
    width, height = (792, 612) if rotation in (90, 270) else (612, 792)
    assert rp.to_display((10, 20, 70, 50), rotation, width, height) == expected


def test_two_column_page_reads_left_column_then_right():
    def line(text, x0, top):
        return rp.Line(text=text, x0=x0, x1=x0 + 200, top=top, bottom=top + 10, size=10)

    left = [line(f"left {i}", 50, 100 + 12 * i) for i in range(10)]
    right = [line(f"right {i}", 330, 100 + 12 * i) for i in range(10)]
    title = rp.Line(text="Minutes", x0=200, x1=400, top=60, bottom=75, size=14)
    interleaved = [title] + [ln for pair in zip(left, right) for ln in pair]
    ordered = rp.reading_order(interleaved, 612)
    assert [ln.text for ln in ordered] == ["Minutes"] + [f"left {i}" for i in range(10)] + [f"right {i}" for i in range(10)]


@needs_tesseract
def test_sideways_scan_gets_turned_upright_by_osd():
    """A copier page stored on its side (Des Moines 2023 roll call): Tesseract's OSD says how
    to turn it. PIL turns counter-clockwise, so a page turned 90 degrees needs 270 back."""
    import pypdfium2 as pdfium

    from extract import ocr

    pdf = pdfium.PdfDocument(SCANNED.read_bytes())
    try:
        image = ocr.render(pdf[0], dpi=150).rotate(90, expand=True)
    finally:
        pdf.close()
    assert ocr._rotations_to_try(image) == [270]


def test_bold_from_the_embedded_font_when_the_name_says_nothing():
    """"Microsoft: Print To PDF" calls every font "CIDFont+Fn": boldness comes from the
    embedded font's OS/2 weight, so numbered minute titles become headings."""
    blocks = read_pdf(SOULDERN_APM.read_bytes(), pages={1}).blocks
    title = next(b for b in blocks if b.text == "1. Welcome and apologies")
    body = next(b for b in blocks if b.text.startswith("Apologies had been received from"))
    assert title.bold and title.kind == "heading" and title.heading_level == 3
    assert not body.bold and body.kind == "para"


@pytest.mark.parametrize("text, sentence", [
    ("Moved by Coleman to adopt. Motion Carried 5-2.", True),
    ("CULTURAL CONNECTION - 4:15-4:30 P.M.", False),
    ("11.25.01 Apologies for absence", False),
    (":", True),
])
def test_bold_sentences_are_not_headings(text, sentence):
    assert rp._is_sentence(text) is sentence


def _map_page_pdf() -> bytes:
    """One page: five lines of real text above a "map" of 400 small filled squares."""
    import ctypes
    import io

    import pypdfium2 as pdfium
    import pypdfium2.raw as R

    pdf = pdfium.PdfDocument.new()
    page = pdf.new_page(595, 842)
    lines = ["Planning application 25/01234/F", "Land north of the village hall", "Site plan for information only",
             "The committee raised no objection", "to the proposed extension."]
    for i, text in enumerate(lines):
        obj = R.FPDFPageObj_NewTextObj(pdf.raw, b"Helvetica", 14.0)
        wide = (text + "\0").encode("utf-16-le")
        R.FPDFText_SetText(obj, ctypes.cast(ctypes.c_char_p(wide), ctypes.POINTER(ctypes.c_ushort)))
        R.FPDFPageObj_Transform(obj, 1, 0, 0, 1, 60, 780 - 20 * i)
        R.FPDFPage_InsertObject(page.raw, obj)
    for i in range(400):
        square = R.FPDFPageObj_CreateNewRect(60 + (i % 25) * 18, 200 + (i // 25) * 18, 6, 6)
        R.FPDFPageObj_SetFillColor(square, 40, 90, 40, 255)
        R.FPDFPath_SetDrawMode(square, R.FPDF_FILLMODE_ALTERNATE, 0)
        R.FPDFPage_InsertObject(page.raw, square)
    R.FPDFPage_GenerateContent(page.raw)
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


@needs_tesseract
def test_glyph_sized_drawing_that_ocr_cannot_read_keeps_the_text_layer():
    """Many small paths look like outline text; when OCR finds no more words than the text
    layer has (a map, a chart), the text layer is kept rather than replaced by OCR."""
    result = read_pdf(_map_page_pdf())
    assert result.pages[0].method == "text"
    assert result.meta["page_problems"] == {"1": "text drawn as outlines: OCR found no more text, text layer kept"}
    assert "The committee raised no objection to the proposed extension." in [b.text for b in result.blocks]


DECISION_FORM = fixture_path("bristol-city-council",
                             "transport-connectivity-policy-committee-2024-09-12-decision-recording-form.pdf")


@pytest.mark.skipif(not DECISION_FORM.exists(), reason="decision form fixture not present")
def test_decision_form_continues_with_fewer_columns_and_keeps_page_text_out():
    """Fields (a)-(f) on p4, (g)-(h) on p5: one table although p4's "(a) Subject:" row has a
    third column. The "Deadline for ..." line above p6's form is page text, not (h)'s tail."""
    blocks = read_pdf(DECISION_FORM.read_bytes()).blocks
    rows = {(b.page, b.cells[0]): b for b in blocks if b.kind == "row"}
    assert rows[(5, "(g)")].table == rows[(4, "(a)")].table
    assert rows[(5, "(h)")].text == "(h) | Reason for decision: As set out in the report."
    assert any(b.page == 6 and b.kind == "para" and b.text.startswith("Deadline for Escalation Panel") for b in blocks)


@pytest.mark.skipif(not (CORPUS / "uk").exists(), reason="shared corpus not present")
def test_cell_tail_printed_above_the_next_pages_table_joins_its_row():
    path = CORPUS / "uk/bristol-city-council/transport-connectivity-policy-committee-2026-03-19-printed-minutes.pdf"
    rows = [b for b in read_pdf(path.read_bytes()).blocks if b.kind == "row"]
    rose = next(b for b in rows if b.cells[:2] == ["12", "Rose Gray"])
    assert rose.cells[2] == "Support reduction of 20mph on Hotwell Rd & Merchants Rd"
    assert (rose.page, rose.page_end) == (2, 3)
    assert len({b.table for b in rows if b.page in (2, 3)}) == 1  # statements table, p2-p3


def test_blocks_command_prints_the_pdf_blocks_of_chosen_pages():
    import json

    from click.testing import CliRunner

    from ingest.cli import cli

    result = CliRunner().invoke(cli, ["blocks", str(FORWARD_PLAN), "--pages", "5-6"])
    assert result.exit_code == 0, result.output
    blocks = json.loads(result.output)
    assert {b["page"] for b in blocks} == {5, 6}
    rows = [b for b in blocks if b["kind"] == "row"]
    assert rows[0]["header"] is True and rows[0]["cells"][0] == "Lead Officer"
    assert len({b["table"] for b in rows}) == 1 and not any(b.get("header") for b in rows[1:])


def test_asking_for_pages_the_pdf_does_not_have():
    with pytest.raises(ReadError) as info:
        read_pdf(FORWARD_PLAN.read_bytes(), pages={99})
    assert str(info.value) == "no such pages (the PDF has 14)"


def test_ocr_crash_is_a_read_error(monkeypatch):
    def crash(page, dpi=300):
        raise RuntimeError("tesseract died")

    monkeypatch.setattr("extract.ocr.ocr_page", crash)
    monkeypatch.setattr("extract.ocr.shutil.which", lambda name: "/usr/bin/tesseract")
    with pytest.raises(ReadError) as info:
        read_pdf(SCANNED.read_bytes())
    assert str(info.value) == "OCR failed (page 1: RuntimeError)"


def test_repeated_label_mid_page_is_not_a_running_footer():
    """Same text at the same height on every page is furniture only at a page's top or
    bottom edge: a label among body lines stays."""
    def page(no, label_top):
        words = ["apples", "bridges", "councils", "drains", "elections"]
        lines = [rp.Line(text=f"{words[no]} and {words[k % 5]} {k}", x0=72, x1=500, top=100 + 20 * k,
                         bottom=112 + 20 * k, size=11, page=no) for k in range(12)]
        lines.insert(6, rp.Line(text="Mayor's Response:", x0=72, x1=180, top=label_top, bottom=label_top + 12,
                                size=11, page=no))
        lines.append(rp.Line(text="Parish Clerk : Cathy Fleet", x0=200, x1=400, top=430, bottom=440, size=8, page=no))
        return rp.PageLayout(page=no, width=595, height=842, lines=lines)

    layouts = [page(no, 215) for no in (1, 2, 3, 4)]
    dropped = {layouts[p - 1].lines[i].text for p, i in rp.running_lines(layouts)}
    assert dropped == {"Parish Clerk : Cathy Fleet"}


def test_plain_header_repeated_on_the_next_page_is_recognised_and_dropped():
    def page(no, rows):
        table = rp.Table(rows=rows, top=80, bottom=760, x0=50, x1=545, columns=[50.0, 200.0])
        return rp.PageLayout(page=no, width=595, height=842, tables=[table])

    layouts = [page(1, [["Ref No", "Name"], ["01", "Jon Nicholls"]]),
               page(2, [["Ref No", "Name"], ["02", "Joseph Thomas"]])]
    rows = rp.build_blocks(layouts, set(), 11.0)
    assert [(b.page, b.cells, b.header) for b in rows] == [
        (1, ["Ref No", "Name"], True), (1, ["01", "Jon Nicholls"], False), (2, ["02", "Joseph Thomas"], False)]
    assert {b.table for b in rows} == {0}


def test_dense_grid_of_rules_is_not_searched_for_tables(monkeypatch):
    """Graph paper (140 x 140 rules) took 11 s in the cell search; it is no table, and the
    search is skipped (the cell finder must not even be called)."""
    import io

    import pypdfium2 as pdfium
    import pypdfium2.raw as R

    pdf = pdfium.PdfDocument.new()
    page = pdf.new_page(595, 842)
    for i in range(140):
        for horizontal in (True, False):
            rule = (R.FPDFPageObj_CreateNewRect(20, 20 + i * 5.5, 555, 0.3) if horizontal
                    else R.FPDFPageObj_CreateNewRect(20 + i * 4, 20, 0.3, 800))
            R.FPDFPageObj_SetFillColor(rule, 0, 0, 0, 255)
            R.FPDFPath_SetDrawMode(rule, R.FPDF_FILLMODE_ALTERNATE, 0)
            R.FPDFPage_InsertObject(page.raw, rule)
    R.FPDFPage_GenerateContent(page.raw)
    out = io.BytesIO()
    pdf.save(out)
    reopened = pdfium.PdfDocument(out.getvalue())
    try:
        page = reopened[0]
        drawn = rp.drawn_objects(page)
        textpage = page.get_textpage()
        monkeypatch.setattr(rp, "_cells", lambda points: pytest.fail("cell search on a 140 x 140 grid"))
        assert rp.ruled_tables(drawn, textpage, 842, []) == []
        textpage.close()
        page.close()
    finally:
        reopened.close()


def test_page_count_without_reading_and_the_work_estimate_it_gives():
    """A bulk ingest plans its workers' order by pages (read none of them): a PDF by its page
    count, anything else by its size, an unreadable PDF by its size too (its reader refuses it)."""
    from extract import BYTES_LIKE_A_PAGE, estimated_pages

    raw = FORWARD_PLAN.read_bytes()
    assert rp.page_count(raw) == len(read_pdf(raw).pages) == 14
    assert estimated_pages(raw, "application/pdf") == 14
    assert estimated_pages(raw[:1000], "application/pdf") == 1000 / BYTES_LIKE_A_PAGE
    assert estimated_pages(b"x" * 30 * 1024, "text/plain") == 3
    with pytest.raises(ReadError):
        rp.page_count(b"%!PS-Adobe-3.0 not a PDF")
