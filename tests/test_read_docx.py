"""extract/read_docx.py on the re-rendered Herefordshire documents and on small documents built
here with python-docx (merged cells, nested tables, page breaks, styles)."""
import importlib.util
import io
import re
import zipfile

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from extract import extract_document
from extract.blocks import ReadError
from extract.read_docx import read_docx

from .conftest import fixture_path

MINUTES = "herefordshire-cypsc-2024-07-30-minutes"
PACK = "herefordshire-improvement-plan-questions.docx"


def rerendered(name):
    return fixture_path("rerendered", name).read_bytes()


def to_bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def minutes():
    return read_docx(rerendered(MINUTES + ".docx"))


def test_numbered_item_headings(minutes):
    headings = [(b.text, b.heading_level, b.page) for b in minutes.blocks if b.kind == "heading"]
    assert headings[0][1] == 1 and headings[0][0].startswith("Minutes of the meeting of Children and Young People")
    assert [h[0] for h in headings[1:]] == [
        "10. APOLOGIES FOR ABSENCE", "11. NAMED SUBSTITUTES", "12. DECLARATIONS OF INTEREST", "13. MINUTES",
        "14. QUESTIONS FROM MEMBERS OF THE PUBLIC", "15. QUESTIONS FROM MEMBERS OF THE COUNCIL",
        "16. CHILDREN'S SERVICES COMPLAINTS", "17. FAMILIES' COMMISSION UPDATE", "18. WORK PROGRAMME",
        "19. CHAIR UPDATE", "20. DATE OF THE NEXT MEETING", "21. APPENDIX 1 - PUBLIC QUESTIONS AND RESPONSES"]
    assert headings[-1][2] == 2 and headings[-2][2] == 1  # the appendix starts on a new page
    assert [p.page for p in minutes.pages] == [1, 2]
    assert "21. APPENDIX 1" in minutes.pages[1].text and "21. APPENDIX" not in minutes.pages[0].text


def test_list_labels_survive(minutes):
    texts = [b.text for b in minutes.blocks]
    assert "1. The committee enquired about how the service and users would know that complaints being " \
           "received were actually informing and improving practice." in texts
    assert any(t.startswith("24. The committee suggested that it should have more frequent sight") for t in texts)
    # item 17 restarts its list at 1; the resolution parts are numbered and roman-numbered
    assert any(t.startswith("1. The committee enquired as to what the Safeguarding Partnership") for t in texts)
    assert any(t.startswith("ii. understanding the demographics and protected characteristics") for t in texts)
    bullet = next(b for b in minutes.blocks if b.text.startswith("The Complaints and Children's Rights Manager explained that when"))
    assert bullet.kind == "item"
    resolved = next(b for b in minutes.blocks if b.text == "Resolved that:")
    assert resolved.bold and resolved.kind == "para"
    present = next(b for b in minutes.blocks if b.text.startswith("Present:"))
    assert not present.bold  # only its label is bold


def test_question_tables(minutes):
    rows = [b for b in minutes.blocks if b.kind == "row"]
    assert len({r.table for r in rows}) == 4
    headers = [r for r in rows if r.header]
    assert len(headers) == 4 and headers[0].cells == ["Question Number", "Questioner", "Supplementary question",
                                                      "Question to"]
    pq1 = next(r for r in rows if r.cells[0] == "PQ 1")
    assert pq1.cells[1] == "Ms. Hannah Currie Hereford"
    assert "think it is time to accept that the case of" in pq1.cells[2]  # the row split by a page, joined
    assert pq1.page == 2


@pytest.fixture(scope="module")
def pack():
    return read_docx(rerendered(PACK))


def test_merged_response_cells_are_not_duplicated(pack):
    rows = [b for b in pack.blocks if b.kind == "row"]
    responses = [r for r in rows if r.cells[0].startswith("Response:")]
    assert len(responses) == 7
    assert all(r.cells[1:] == ["", "", ""] for r in responses)
    assert "We currently do not have monies specifically earmarked" in responses[0].cells[0]
    text = "\n".join(b.text for b in pack.blocks)
    assert text.count("We currently do not have monies specifically earmarked") == 1


def test_vertically_merged_questioner_is_not_repeated(pack):
    rows = [b for b in pack.blocks if b.kind == "row"]
    hannah = [i for i, r in enumerate(rows) if "Hannah Currie" in r.text]
    assert len(hannah) == 1
    continued = rows[hannah[0] + 1]
    assert continued.cells[:2] == ["", ""] and continued.cells[2].startswith("I want to know how many social workers")


def _grid_document():
    """A 3x3 table: header row merged across columns 2-3, a cell merged down two rows, a table
    nested in a cell; then a page break and a paragraph, and a heading."""
    document = docx.Document()
    document.add_heading("Agenda", level=1)
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 0).text = "Ref"
    table.cell(0, 1).merge(table.cell(0, 2)).text = "Question and answer"
    table.cell(1, 0).merge(table.cell(2, 0)).text = "Q1"
    table.cell(1, 1).text = "Why?"
    table.cell(1, 2).text = "Because."
    table.cell(2, 1).text = "When?"
    inner = table.cell(2, 2).add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "inner a"
    inner.cell(0, 1).text = "inner b"
    paragraph = document.add_paragraph()
    paragraph.add_run("before break ")
    paragraph.add_run().add_break(docx.enum.text.WD_BREAK.PAGE)
    paragraph.add_run("after break")
    run = document.add_paragraph().add_run("All bold")
    run.bold = True
    return document


def test_grid_spans_vmerge_and_nested_tables():
    result = read_docx(to_bytes(_grid_document()))
    rows = [b for b in result.blocks if b.kind == "row"]
    assert [r.cells for r in rows] == [
        ["Ref", "Question and answer", ""], ["Q1", "Why?", "Because."], ["", "When?", ""], ["inner a", "inner b"]]
    assert [r.table for r in rows] == [0, 0, 0, 1]
    assert rows[0].text == "Ref | Question and answer"


def test_page_breaks_and_bold():
    result = read_docx(to_bytes(_grid_document()))
    heading = result.blocks[0]
    assert (heading.kind, heading.heading_level, heading.text) == ("heading", 1, "Agenda")
    broken = next(b for b in result.blocks if b.text.startswith("before break"))
    assert (broken.page, broken.page_end) == (1, 2)
    last = result.blocks[-1]
    assert (last.text, last.bold, last.page) == ("All bold", True, 2)
    assert len(result.pages) == 2


def test_rendered_break_after_a_hard_break_is_one_break():
    """Word records a lastRenderedPageBreak where the page it started after a hard break began."""
    document = docx.Document()
    document.add_paragraph("page one")
    document.add_paragraph().add_run().add_break(docx.enum.text.WD_BREAK.PAGE)
    rendered = document.add_paragraph()
    rendered._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:lastRenderedPageBreak/><w:t>page two</w:t></w:r>'))
    later = document.add_paragraph()
    later._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:t>still two </w:t><w:lastRenderedPageBreak/>'
                              f'<w:t>page three</w:t></w:r>'))
    result = read_docx(to_bytes(document))
    assert [(b.text, b.page) for b in result.blocks] == [("page one", 1), ("page two", 2),
                                                         ("still two page three", 2)]
    assert result.blocks[-1].page_end == 3 and len(result.pages) == 3


def test_one_column_table_is_a_box_of_paragraphs():
    document = docx.Document()
    box = document.add_table(rows=1, cols=1).cell(0, 0)
    box.paragraphs[0].add_run("RESOLVED:").bold = True
    box.add_paragraph("That the report be noted.")
    result = read_docx(to_bytes(document))
    assert [(b.kind, b.bold, b.text) for b in result.blocks] == [("para", True, "RESOLVED:"),
                                                                 ("para", False, "That the report be noted.")]


def test_minutes_laid_out_in_a_number_column():
    document = docx.Document()
    table = document.add_table(rows=3, cols=2)
    table.columns[0].width, table.columns[1].width = docx.shared.Cm(1.5), docx.shared.Cm(15)
    for row, (number, title, text) in zip(table.rows, [
            ("34.", "APOLOGIES FOR ABSENCE", "Apologies were received from Councillor Hyde."),
            ("35.", "Declarations of interest", "There were none."), ("", "", "The meeting ended at 12.05 pm")]):
        row.cells[0].text = number
        if title:
            row.cells[1].paragraphs[0].add_run(title).bold = number == "35."
            row.cells[1].add_paragraph(text)
        else:
            row.cells[1].text = text
    result = read_docx(to_bytes(document))
    assert [(b.kind, b.text) for b in result.blocks] == [
        ("heading", "34. APOLOGIES FOR ABSENCE"), ("para", "Apologies were received from Councillor Hyde."),
        ("heading", "35. Declarations of interest"), ("para", "There were none."),
        ("para", "The meeting ended at 12.05 pm")]


def test_a_question_table_stays_a_table():
    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    for row, cells in zip(table.rows, [("PQ 1", "Will the council ...?"), ("PQ 2", "When will ...?")]):
        row.cells[0].text, row.cells[1].text = cells
    assert [b.kind for b in read_docx(to_bytes(document)).blocks] == ["row", "row"]


def test_list_styles_number_themselves():
    """"List Number" carries its numbering in the style, not on the paragraph."""
    document = docx.Document()
    for text in ("first", "second"):
        document.add_paragraph(text, style="List Number")
    document.add_paragraph("a bullet", style="List Bullet")
    result = read_docx(to_bytes(document))
    assert [(b.kind, b.text) for b in result.blocks] == [("item", "1. first"), ("item", "2. second"),
                                                         ("item", "a bullet")]


def test_list_instances_continue_unless_restarted():
    """Two w:num of one abstractNum continue one count; a startOverride restarts it ("a)" format)."""
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        f'<w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%1)"/></w:lvl></w:abstractNum>'))
    for num_id, override in (("91", ""), ("92", ""), ("93", '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/>'
                                                             '</w:lvlOverride>')):
        numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="90"/>'
                                   f'{override}</w:num>'))
    for num_id, text in (("91", "one"), ("91", "two"), ("92", "three"), ("93", "again")):
        paragraph = document.add_paragraph(text)
        paragraph._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'))
    assert [b.text for b in read_docx(to_bytes(document)).blocks] == ["a) one", "b) two", "c) three", "a) again"]


def _zip(files: dict) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for name, data in files.items():
            z.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize("raw, reason", [
    (b"This is a text file renamed to .docx", r"not a DOCX \(bad zip file\)"),
    (b"PK\x03\x04 truncated zip", r"not a DOCX \(bad zip file\)"),
    (_zip({"hello.txt": "no Word parts here"}), r"not a DOCX \("),
])
def test_bad_input_is_a_read_error(raw, reason):
    with pytest.raises(ReadError, match=reason):
        read_docx(raw)


def _norm(text):
    return re.sub(r"\W+", " ", (text or "").lower()).strip()


needs_pdf = pytest.mark.skipif(importlib.util.find_spec("extract.read_pdf") is None,
                               reason="extract/read_pdf.py not written yet")


@pytest.fixture(scope="module")
def docx_and_pdf():
    return (extract_document(rerendered(MINUTES + ".docx"), MINUTES + ".docx"),
            extract_document(rerendered(MINUTES + ".pdf"), MINUTES + ".pdf"))


@needs_pdf
def test_docx_and_pdf_agree(docx_and_pdf):
    """The same minutes as DOCX and as the PDF LibreOffice rendered from it yield the same
    meeting, attendance, items, questions and responses."""
    from_docx, from_pdf = docx_and_pdf
    assert len(from_docx.agenda_items) == 11 and len(from_docx.questions) == 4
    assert [(a.number, _norm(a.title)) for a in from_docx.agenda_items] == \
           [(a.number, _norm(a.title)) for a in from_pdf.agenda_items]
    assert [(q.ref, q.questioner, _norm(q.text)) for q in from_docx.questions] == \
           [(q.ref, q.questioner, _norm(q.text)) for q in from_pdf.questions]
    assert [(a.name, a.role) for a in from_docx.attendance] == [(a.name, a.role) for a in from_pdf.attendance]
    assert len(from_docx.responses) == len(from_pdf.responses) == 4
    assert len(from_docx.actions) == len(from_pdf.actions)
    meeting_docx, meeting_pdf = from_docx.meetings[0], from_pdf.meetings[0]
    assert (meeting_docx.body, meeting_docx.date, meeting_docx.start_time) == \
           (meeting_pdf.body, meeting_pdf.date, meeting_pdf.start_time) == \
           ("Children and Young People Scrutiny Committee", "2024-07-30", "14:00")


@needs_pdf
def test_docx_and_pdf_agree_on_resolution_and_response_text(docx_and_pdf):
    from_docx, from_pdf = docx_and_pdf
    assert [_norm(r.text) for r in from_docx.responses] == [_norm(r.text) for r in from_pdf.responses]
    assert [_norm(r.text) for r in from_docx.resolutions] == [_norm(r.text) for r in from_pdf.resolutions]
    assert [_norm(a.text) for a in from_docx.actions] == [_norm(a.text) for a in from_pdf.actions]
