"""extract/read_html.py on saved ModernGov pages (WECA) and on small pages built here."""
import pytest

from extract import extract_document
from extract.blocks import ReadError
from extract.read_html import hhmm, html_blocks, iso_date, read_html

from .conftest import fixture_path

JOINT = "ieListDocuments-joint-meeting-2026-03-27-with-minutes.html"
AGENDA_ONLY = "ieListDocuments-joint-meeting-2026-06-05-agenda-only.html"
SCRUTINY = "ieListDocuments-overview-scrutiny-2026-03-23-with-minutes.html"
COMMITTEE = "mgCommitteeDetails-142-west-of-england-joint-committee.html"


def weca(name):
    return read_html(fixture_path("weca", name).read_bytes())


def after(blocks, text, n):
    """The n blocks that follow the first block whose text is `text`."""
    index = next(i for i, b in enumerate(blocks) if b.text == text)
    return blocks[index + 1:index + 1 + n]


def test_list_documents_meeting_facts():
    result = weca(JOINT)
    mg = result.meta["moderngov"]
    assert mg["page"] == "ieListDocuments"
    assert mg["committee"] == ("Joint meeting - West of England Combined Authority Committee and "
                               "West of England Joint Committee")
    assert (mg["date"], mg["time"], mg["venue"]) == ("2026-03-27", "13:00", "70 Redcliff Street (BS1 6AL)")
    assert (mg["committee_id"], mg["meeting_id"]) == ("192", "727")
    assert result.title == f"{mg['committee']} - Friday, 27th March, 2026"
    assert any(d["title"] == "Printed draft minutes" and d["size"] == "PDF 154 KB" for d in mg["documents"])
    first = result.blocks[0]
    assert (first.kind, first.heading_level) == ("heading", 1)
    assert first.text.endswith("Friday, 27th March, 2026 1.00 pm")
    assert result.blocks[1].text == "Venue: 70 Redcliff Street (BS1 6AL)"


def test_list_documents_item_headings_follow_the_convention():
    blocks = weca(JOINT).blocks
    headings = [b.text for b in blocks if b.kind == "heading" and b.heading_level == 2]
    assert len(headings) == 15
    assert headings[:5] == ["1. Apologies for Absence", "2. Declarations of interest under the Localism Act 2011",
                            "3. Minutes", "4. Chair's Announcements", "5. Items from the Public"]
    assert not any("PDF" in b.text and "KB" in b.text for b in blocks)  # file sizes are meta
    item1 = after(blocks, "1. Apologies for Absence", 4)
    assert [b.text for b in item1[:3]] == ["To receive apologies for absence from Members.", "Minutes:",
                                          "Mayor Helen Godwin welcomed everybody to the meeting."]
    assert item1[1].bold and item1[1].kind == "para"
    assert item1[3].text.startswith("Apologies for absence had been received from Cllr Mike Bell")


def test_list_documents_decisions_and_attachments():
    result = weca(JOINT)
    item9 = next(i for i in result.meta["moderngov"]["items"] if i["number"] == "9")
    assert item9["has_decision"] and item9["has_minutes"]
    assert [i["number"] for i in result.meta["moderngov"]["items"] if i["has_decision"]] == [str(n) for n in range(8, 16)]
    assert item9["agenda_item_id"] == "4976"
    decision = after(result.blocks, "9. Investment Fund Programme and Grant Assurance", 5)
    assert [b.text for b in decision[:3]] == [
        "To update on the overall Investment Fund (IF) programme and headroom.", "Decision:",
        "The West of England Combined Authority Committee:"]
    assert decision[3].text.startswith("1) Approved the Feasibility and Development Funding Application")
    item11 = next(i for i in result.meta["moderngov"]["items"] if i["number"] == "11")
    assert [d["title"] for d in item11["documents"]] == [
        "Social Value in Procurement and Contracts", "Item 11A - Social Value in Procurement App 1",
        "Item 11B - Social Value in Procurement App 2"]
    assert not any(b.text.startswith(("Additional documents", "Item 11A")) for b in result.blocks)


def test_agenda_only_page_has_no_minutes():
    result = weca(AGENDA_ONLY)
    items = result.meta["moderngov"]["items"]
    assert len(items) == 22 and items[0]["heading"] == "1. Welcome & Apologies for Absence"
    assert not any(i["has_minutes"] for i in items)
    assert not any(b.text == "Minutes:" for b in result.blocks)
    assert result.meta["moderngov"]["date"] == "2026-06-05"


def test_scrutiny_qa_minutes_keep_numbered_topics():
    blocks = weca(SCRUTINY).blocks
    minute = after(blocks, "1. Mayor's Q&A", 4)
    assert minute[0].text == "Minutes:"
    assert minute[2].text.startswith("1. Clean Energy: The Mayor identified clean energy")
    assert minute[3].text.startswith("2. Locally Generated Income Tax:")


def test_committee_details_members():
    result = weca(COMMITTEE)
    mg = result.meta["moderngov"]
    assert (mg["page"], mg["committee"], mg["committee_id"]) == (
        "mgCommitteeDetails", "West of England Joint Committee", "142")
    assert {"name": "Cllr Tony Dyer", "representing": "Bristol City Council", "section": "Membership"} in mg["members"]
    assert mg["members"][-1]["section"] == "Reserve members"
    assert "Cllr Kevin Guy Bath & North East Somerset Council" in [b.text for b in result.blocks if b.kind == "item"]


# A saved mgAi.aspx page, in the markup ModernGov uses for it (trimmed to one item).
MGAI = b"""<html><head><title>Agenda item - Public Forum - Bristol</title></head><body>
<div id="modgov"><div class="mgHeader"><h1 class="mgMainTitleTxt">Agenda item</h1></div>
<div class="mgSubTitle"><h2 class="mgSubTitleTxt">Public Forum</h2></div>
<div class="mgContent">
<p><span class="mgLabel">Meeting: </span><a href="ieListDocuments.aspx?CId=612&amp;MId=11589">19/03/2026 -
Transport and Connectivity Policy Committee</a> (Item 7.)</p>
<div class="mgWordPara"><p>Up to 30 minutes is allowed for this item.</p></div>
<p class="mgSubItemTitleTxt">Minutes:</p>
<div class="mgWordPara"><p>The Committee received and noted the statements and questions.</p>
<p><b>ACTION:</b> Officers to reply in writing to Q15.</p></div>
<p class="mgSubItemTitleTxt">Supporting documents:</p>
<ul class="mgBulletList"><li><a href="documents/s90/Public%20forum.pdf">Public forum
<span class="mgFileSize">PDF 300 KB</span></a></li></ul>
</div></div></body></html>"""


def test_mgai_page_reads_meeting_and_item():
    result = read_html(MGAI)
    mg = result.meta["moderngov"]
    assert (mg["page"], mg["committee"], mg["date"]) == ("mgAi", "Transport and Connectivity Policy Committee",
                                                         "2026-03-19")
    assert [b.text for b in result.blocks] == [
        "Transport and Connectivity Policy Committee - 19/03/2026", "7. Public Forum",
        "Up to 30 minutes is allowed for this item.", "Minutes:",
        "The Committee received and noted the statements and questions.",
        "ACTION: Officers to reply in writing to Q15."]
    assert mg["items"][0]["documents"] == [{"title": "Public forum", "url": "documents/s90/Public%20forum.pdf",
                                            "size": "PDF 300 KB"}]


DECISION = b"""<html><head><title>Decision - Bus Service Improvement Plan</title></head><body><div id="modgov">
<div class="mgHeader"><h1 class="mgMainTitleTxt">Decision details</h1></div>
<div class="mgSubTitle"><h2 class="mgSubTitleTxt">Bus Service Improvement Plan</h2></div>
<div class="mgContent">
<p><span class="mgLabel">Decision Maker: </span><a href="mgCommitteeDetails.aspx?ID=133">Cabinet</a></p>
<p><span class="mgLabel">Decision status: </span>Recommendations Approved</p>
<h2 class="mgSectionTitle">Decision:</h2><div class="mgWordPara"><p>Cabinet approved the plan.</p></div>
<p><span class="mgLabel">Date of decision: </span>05/03/2026</p>
</div></div></body></html>"""


def test_decision_details_labels():
    result = read_html(DECISION)
    mg = result.meta["moderngov"]
    assert mg["page"] == "ieDecisionDetails" and mg["committee_id"] == "133"
    assert mg["labels"]["Decision status"] == "Recommendations Approved"
    assert mg["labels"]["Date of decision"] == "05/03/2026"
    texts = [b.text for b in result.blocks]
    assert texts[0] == "Bus Service Improvement Plan" and texts.index("Decision:") < texts.index("Cabinet approved the plan.")


MEETINGS = b"""<html><head><title>Browse meetings - Cabinet</title></head><body><div id="modgov">
<div class="mgHeader"><h1 class="mgMainTitleTxt">Browse meetings</h1></div>
<div class="mgSubTitle"><h2 class="mgSubTitleTxt">Cabinet</h2></div><div class="mgContent"><ul class="mgBulletList">
<li><a href="ieListDocuments.aspx?CId=133&amp;MId=7837&amp;Ver=4">5 Mar 2026 6.00 pm</a></li>
<li><a href="ieListDocuments.aspx?CId=133&amp;MId=7836&amp;Ver=4">12 Feb 2026 CANCELLED</a></li>
</ul></div></div></body></html>"""


def test_meetings_list():
    mg = read_html(MEETINGS).meta["moderngov"]
    assert mg["page"] == "ieListMeetings"
    assert mg["meetings"][0] == {"meeting_id": "7837", "committee_id": "133", "date": "2026-03-05", "time": "18:00",
                                 "text": "5 Mar 2026 6.00 pm", "url": "ieListDocuments.aspx?CId=133&MId=7837&Ver=4"}
    assert mg["meetings"][1]["cancelled"] is True and "time" not in mg["meetings"][1]


GENERIC = b"""<!DOCTYPE html><html><head><title>Parish minutes</title><style>p{color:red}</style>
<script>var x = "not text";</script></head><body>
<nav><a href="/">Home</a></nav><header>Site banner</header>
<h1>Minutes</h1><h3>Present</h3>
<p><strong>RESOLVED:</strong> <b>that the accounts be approved.</b></p>
<p>Mixed <b>bold</b> text<br>second line</p>
<p style="display:none">hidden</p><span class="sr-only" hidden>also hidden</span>
<ol><li>First point</li><li>Second point<ul><li>nested bullet</li></ul></li></ol>
<ol type="a" start="3"><li>third letter</li></ol>
<table><thead><tr><th>Ref</th><th>Question</th></tr></thead>
<tr><td>PQ 1</td><td><p>Line one</p><p>Line two</p></td></tr></table>
<form><input value="search"></form><footer>Copyright</footer></body></html>"""


def test_generic_html_blocks():
    result = read_html(GENERIC)
    got = [(b.kind, b.heading_level, b.bold, b.text) for b in result.blocks if b.kind != "row"]
    assert got == [
        ("heading", 1, True, "Minutes"), ("heading", 3, True, "Present"),
        ("para", None, True, "RESOLVED: that the accounts be approved."),
        ("para", None, False, "Mixed bold text"), ("para", None, False, "second line"),
        ("item", None, False, "1. First point"), ("item", None, False, "2. Second point"),
        ("item", None, False, "nested bullet"), ("item", None, False, "c. third letter"),
    ]
    rows = [b for b in result.blocks if b.kind == "row"]
    assert [r.cells for r in rows] == [["Ref", "Question"], ["PQ 1", "Line one\nLine two"]]
    assert rows[0].header and not rows[1].header and rows[0].table == rows[1].table == 0
    assert result.title == "Parish minutes" and "meta" not in result.meta
    assert "moderngov" not in result.meta


def test_utf16_page():
    raw = "\ufeff<html><body><h2>Minutes</h2><p>Council’s decision</p></body></html>".encode("utf-16-le")
    assert [b.text for b in read_html(raw).blocks] == ["Minutes", "Council’s decision"]


def test_html_fragment_blocks():
    blocks = html_blocks("<p>RESOLVED:</p><p>That the report be noted.</p>")
    assert [b.text for b in blocks] == ["RESOLVED:", "That the report be noted."]
    assert html_blocks("") == []


@pytest.mark.parametrize("raw, reason", [
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3 1 0 obj", "not HTML"),
    (b"Just some words without any markup at all", "not HTML"),
    (b"PK\x03\x04\x14\x00\x06\x00", "not HTML"),
])
def test_bad_input_is_a_read_error(raw, reason):
    with pytest.raises(ReadError, match=reason):
        read_html(raw)


def test_dates_and_times():
    assert iso_date("Friday, 27th March, 2026") == "2026-03-27"
    assert iso_date("05/06/2026") == "2026-06-05"
    assert iso_date("31/02/2026") is None
    assert (hhmm("1.00 pm"), hhmm("10.00 am"), hhmm("12.30 pm"), hhmm("6pm"), hhmm("14:05")) == (
        "13:00", "10:00", "12:30", "18:00", "14:05")


def test_extract_document_reads_the_item_headings():
    """The segmenter turns the "<number>. <title>" headings into agenda items of one meeting."""
    raw = fixture_path("weca", JOINT).read_bytes()
    records = extract_document(raw, JOINT)
    assert [p.method for p in records.pages] == ["html"]
    assert records.meetings and records.meetings[0].date == "2026-03-27"
    assert [(a.number, a.title) for a in records.agenda_items][:3] == [
        ("1", "Apologies for Absence"), ("2", "Declarations of interest under the Localism Act 2011"), ("3", "Minutes")]
