"""extract/read_xml.py on ModernGov web-service responses (fixtures/documents/moderngov-xml,
re-rendered from the saved WECA pages by fixtures/make_fixtures.py)."""
import pytest

from extract import content_type_for, extract_document
from extract.blocks import ReadError
from extract.read_html import read_html
from extract.read_xml import parse_committees, parse_meeting, parse_meetings, read_xml

from .conftest import fixture_path


def xml(name):
    return fixture_path("moderngov-xml", name).read_bytes()


def by_item(blocks):
    """Item heading -> texts of the blocks under it (to the next item heading)."""
    out, current = {}, None
    for b in blocks:
        if b.kind == "heading" and b.heading_level == 2:
            current = out.setdefault(b.text, [])
        elif current is not None:
            current.append(b.text)
    return out


def test_parse_meeting_fields():
    meeting = parse_meeting(xml("GetMeeting-727.xml"))
    assert (meeting["meeting_id"], meeting["committee_id"], meeting["date"], meeting["time"], meeting["status"]) == (
        "727", "192", "2026-03-27", "13:00", "Confirmed")
    assert meeting["venue"] == "70 Redcliff Street (BS1 6AL)"
    assert meeting["minutes_published"] is True and meeting["decisions_published"] is True
    roles = {a["name"]: a["archive_role"] for a in meeting["attendees"]}
    assert roles["Mayor Helen Godwin"] == "present" and roles["Cllr Mike Bell"] == "apologies"
    assert roles["Cllr Catherine Gibbons"] == "present"
    items = meeting["items"]
    assert len(items) == 15
    assert (items[3]["number"], items[3]["display_number"], items[3]["title"]) == ("4", "4.", "Chair's Announcements")
    assert items[2]["documents"] == [{
        "attachment_id": "10060", "title": "Minutes",
        "url": "https://westofengland-ca.moderngov.co.uk/mgConvert2PDF.aspx?ID=10060",
        "is_decision_attachment": False, "is_restricted": False}]
    assert items[0]["minutes_html"].startswith("<div")


def test_getmeeting_blocks_match_the_html_page():
    """The web service and the ieListDocuments page of one meeting give the same item blocks."""
    from_xml = read_xml(xml("GetMeeting-727.xml"))
    from_html = read_html(fixture_path("weca", "ieListDocuments-joint-meeting-2026-03-27-with-minutes.html").read_bytes())
    assert by_item(from_xml.blocks) == by_item(from_html.blocks)
    assert len(by_item(from_xml.blocks)) == 15
    mg = from_xml.meta["moderngov"]
    assert (mg["page"], mg["date"], mg["time"], mg["venue"]) == ("GetMeeting", "2026-03-27", "13:00",
                                                                 "70 Redcliff Street (BS1 6AL)")
    assert mg["items"][0]["heading"] == "1. Apologies for Absence"
    texts = [b.text for b in from_xml.blocks]
    assert "Present: Mayor Helen Godwin (Chair), Cllr Tony Dyer, Cllr Kevin Guy, Cllr Maggie Tyrrell, " \
           "Cllr Catherine Gibbons (Substitute)" in texts
    assert "Apologies: Cllr Mike Bell" in texts


def test_soap_envelope_and_double_escaping():
    result = read_xml(xml("GetMeeting-716-soap-double-escaped.xml"))
    texts = [b.text for b in result.blocks]
    assert "1. Mayor's Q&A" in texts
    assert not any("&lt;" in t or "&#39;" in t or "&amp;" in t or "<p" in t for t in texts)
    html_page = read_html(fixture_path("weca", "ieListDocuments-overview-scrutiny-2026-03-23-with-minutes.html").read_bytes())
    assert by_item(result.blocks) == by_item(html_page.blocks)
    assert result.meta["moderngov"]["committee"] == "West of England Combined Authority Overview & Scrutiny Committee"


def test_parse_meetings_listing():
    meetings = parse_meetings(xml("GetMeetings-192.xml"))
    assert [(m["meeting_id"], m["date"], m["time"], m["committee_id"]) for m in meetings] == [
        ("727", "2026-03-27", "13:00", "192"), ("728", "2026-06-05", "13:00", "192")]
    result = read_xml(xml("GetMeetings-192.xml"))
    assert [b.kind for b in result.blocks] == ["heading", "item", "item"]
    assert result.blocks[1].text == "27/03/2026 1.00 pm - Confirmed (meeting 727)"
    assert result.meta["moderngov"]["page"] == "GetMeetings"


def test_parse_meetings_status_and_namespace():
    raw = b"""<?xml version="1.0" encoding="utf-8"?>
<getmeetings xmlns="http://moderngov.co.uk/namespaces"><committee><committeeid>129</committeeid>
<committeetitle>Planning Committee</committeetitle><committeemeetings><meetingscount> 2</meetingscount>
<meeting><meetingid>7837</meetingid><meetingdate>03/02/2025</meetingdate><meetingtime>6.00 pm</meetingtime>
<meetingstatus>Confirmed; Special Meeting</meetingstatus></meeting>
<meeting><meetingid>7838</meetingid><meetingdate>10/03/2025</meetingdate><meetingtime></meetingtime>
<meetingstatus>Cancelled</meetingstatus></meeting></committeemeetings></committee></getmeetings>"""
    first, second = parse_meetings(raw)
    assert (first["date"], first["time"], first["status"], first["committee"]) == (
        "2025-02-03", "18:00", "Confirmed; Special Meeting", "Planning Committee")
    assert "cancelled" not in first
    assert second["cancelled"] is True and "time" not in second


def test_attendees_as_child_elements():
    raw = b"""<meeting><meetingid>9</meetingid><meetingdate>01/12/2025</meetingdate><meetingtime>2.00 pm</meetingtime>
<committeetitle>Audit Committee</committeetitle><attendees>
<attendee><memberid>12</memberid><name>Councillor Jo Bloggs</name><role>Chair</role><attendance>Present</attendance></attendee>
<attendee><memberid>13</memberid><name>Councillor Sam Smith</name><role>Committee Member</role><attendance>Apologies</attendance></attendee>
<attendee><name>Ann Officer</name><role>Clerk</role><attendance>In attendance</attendance></attendee>
</attendees><agendaitems><agendaitem><agendaitemid>1</agendaitemid><agendaitemtitle>Apologies</agendaitemtitle>
<displaynumber>51.</displaynumber><minutesnonemptyhtmlbody>&lt;p&gt;Apologies were received from Councillor Smith.&lt;/p&gt;
</minutesnonemptyhtmlbody></agendaitem></agendaitems></meeting>"""
    meeting = parse_meeting(raw)
    assert [(a["name"], a["role"], a["archive_role"]) for a in meeting["attendees"]] == [
        ("Councillor Jo Bloggs", "Chair", "present"), ("Councillor Sam Smith", "Committee Member", "apologies"),
        ("Ann Officer", "Clerk", "in_attendance")]
    texts = [b.text for b in read_xml(raw).blocks]
    assert texts == ["Audit Committee - 01/12/2025 2.00 pm", "Present: Councillor Jo Bloggs (Chair)",
                     "Apologies: Councillor Sam Smith", "In attendance: Ann Officer (Clerk)", "51. Apologies",
                     "Minutes:", "Apologies were received from Councillor Smith."]


def test_parse_committees():
    committees = parse_committees(xml("GetCommittees.xml"))
    assert [c["committee_id"] for c in committees] == ["142", "143", "192"]
    assert committees[1]["title"] == "West of England Combined Authority Overview & Scrutiny Committee"
    assert committees[2]["expired"] is True and committees[0]["expired"] is False


@pytest.mark.parametrize("raw, reason", [
    (b"this is not xml", r"not XML \("),
    (b"<meeting><meetingid>1</meetingid>", r"not XML \("),
    (b"<?xml version='1.0'?><rss><channel/></rss>", r"not a ModernGov web-service response \(root <rss>\)"),
])
def test_bad_input_is_a_read_error(raw, reason):
    with pytest.raises(ReadError, match=reason):
        read_xml(raw)


def test_parse_meeting_refuses_a_listing():
    with pytest.raises(ReadError, match="not a ModernGov GetMeeting response"):
        parse_meeting(xml("GetMeetings-192.xml"))


def test_extract_document_from_getmeeting():
    name = "GetMeeting-727.xml"
    records = extract_document(xml(name), name)
    assert content_type_for(name) == "application/xml"
    assert [p.method for p in records.pages] == ["xml"]
    assert records.meetings and records.meetings[0].date == "2026-03-27"
    assert [a.number for a in records.agenda_items] == [str(n) for n in range(1, 16)]
