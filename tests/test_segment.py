"""Meetings, attendance and agenda items found in real minutes (extract/segment.py, issue 5)."""
import re

import pytest

from extract import extract_document
from extract.dates import parse_date, parse_time

from .conftest import fixture_path


def records(*parts):
    path = fixture_path(*parts)
    return extract_document(path.read_bytes(), path.name)


def names(recs, role):
    return [a.name for a in recs.attendance if a.role == role]


@pytest.mark.parametrize("text,iso,hhmm", [
    ("on Tuesday 30 July 2024 at 2.00 pm", "2024-07-30", "14:00"),  # Herefordshire header
    ("on Friday 18 January 2019 at 10.00 am", "2019-01-18", "10:00"),
    ("MONDAY, 28TH NOVEMBER, 2022, AT 3PM.", "2022-11-28", "15:00"),  # Limerick
    ("December 10, 2018 ... called to order at 7:01 p.m.", "2018-12-10", "19:01"),  # Rivergrove
    ("Thursday, 2 May 2019 AT 1.00pm", "2019-05-02", "13:00"),  # Hastings
    ("11.25.01 Apologies for absence", None, None),  # a Souldern item number is neither
])
def test_dates_and_times_as_printed(text, iso, hhmm):
    assert parse_date(text) == iso
    assert parse_time(text) == hhmm


def test_committee_minutes_header_attendance_and_items():
    recs = records("herefordshire", "001_084bcb77530a1605.txt")
    assert recs.document.doc_kind == "minutes"
    (m,) = recs.meetings
    assert (m.body, m.date, m.start_time, m.chair) == (
        "Children and Young People Scrutiny Committee", "2024-07-30", "14:00", "Toni Fagan")
    assert m.venue == "Conference Room 1 - Herefordshire Council, Plough Lane Offices, Hereford, HR4 0LE"
    assert names(recs, "present") == ["Toni Fagan", "Liz Harvey", "Clare Davies", "Dave Davies",
                                      "Robert Highfield", "Ben Proctor", "Sam Pratley"]
    positions = {a.name: a.position for a in recs.attendance}
    assert positions["Toni Fagan"] == "chair" and positions["Liz Harvey"] == "vice-chair"
    assert names(recs, "apologies") == ["Frank Cornthwaite", "Rob Williams", "Jan Frances"]
    assert "Tina Russell" in names(recs, "in_attendance")
    notes = {a.name: a.note for a in recs.attendance}
    assert notes["Sam Pratley"] == "Diocese of Hereford"
    # items 10-20; numbered discussion points and the appendix heading (21) are not items
    assert [i.number for i in recs.agenda_items] == [str(n) for n in range(10, 21)]
    assert recs.agenda_items[6].title == "CHILDREN'S SERVICES COMPLAINTS"


def test_council_minutes_wrapped_lists_officers_and_apologies_item():
    recs = records("herefordshire", "004_58a656bbb4bbd1d0.txt")
    (m,) = recs.meetings
    assert (m.body, m.date, m.start_time, m.chair) == ("Council", "2019-01-18", "10:00", "DB Wilcox")
    present = names(recs, "present")
    assert len(present) == 49 and present[-1] == "SD Williams" and "RJ Phillips" in present
    assert names(recs, "apologies") == ["JA Hyde", "PP Marsh", "RL Mayo", "PD Newman"]
    assert "Liz Elgar" in names(recs, "in_attendance")  # "Liz" / "Elgar" wrapped over two lines
    # "(Pages 7 - 10)" cleaned; the question appendix ("Agenda item no. 3 ...") is not an item
    assert [(i.number, i.title) for i in recs.agenda_items][2:4] == [
        ("36", "QUESTIONS FROM MEMBERS OF THE PUBLIC"), ("37", "QUESTIONS FROM MEMBERS OF THE COUNCIL")]
    assert [i.number for i in recs.agenda_items] == ["34", "35", "36", "37", "38"]


def test_moderngov_agenda_item_page_is_one_unnumbered_item():
    recs = records("herefordshire", "002_2e6ec7fe354f54a8.txt")
    assert recs.document.doc_kind == "agenda_item_minutes"
    assert recs.meetings == []
    assert [(i.number, i.title) for i in recs.agenda_items] == [(None, "Children's Services Improvement Plan")]


@pytest.mark.parametrize("name", ["003_aadda3c5b76c8e7f.txt", "000_e415bac42ba79459.txt"])
def test_commentary_and_question_pack_have_no_meeting_structure(name):
    recs = records("herefordshire", name)
    assert recs.meetings == [] and recs.agenda_items == [] and recs.attendance == []
    assert recs.resolutions == [] and recs.actions == []


def test_irish_minutes_converted_markdown():
    recs = records("limerick-city-and-county-council", "full-council-2022-11-28-minutes-converted.md")
    (m,) = recs.meetings
    assert (m.date, m.start_time, m.chair) == ("2022-11-28", "15:00", "F. Foley")
    assert m.body.lower() == "limerick city and county council"
    assert m.venue.lower().startswith("bernal institute")
    present = names(recs, "present")
    assert {"Collins (B)", "Collins (J)", "Collins (M)"} <= set(present)  # the initial keeps them apart
    officials = names(recs, "in_attendance")
    assert "P. Daly" in officials and "Sonja Reidy" in officials and "Director" not in officials
    numbers = [i.number for i in recs.agenda_items]
    # "**1.**" with its title on the next line; 4A taken early does not hide items 2 and 3
    assert numbers[:4] == ["1", "4A", "2", "3"]
    assert recs.agenda_items[0].title == "Adoption of Minutes"


def test_nz_minutes_contents_page_and_items_out_of_order():
    recs = records("hastings-district-council", "council-2019-05-02-minutes-scraped-text.txt")
    (m,) = recs.meetings
    # "Minutes of Council Meeting - 2 May 2019" / "Hastings District Council": the generic body takes its place
    assert (m.body, m.date, m.start_time, m.chair) == ("Hastings District Council", "2019-05-02", "13:00", "Hazlehurst")
    assert "Watkins" in names(recs, "present")
    numbers = [i.number for i in recs.agenda_items]
    assert numbers.count("1") == 1  # the table of contents is not a second set of items
    # "The meeting adjourned for afternoon tea ... and reconvened" does not end the meeting
    assert "14" in numbers and numbers.index("14") > numbers.index("16")


def test_nz_item_titles_broken_across_lines():
    """Text scraped from InfoCouncil HTML breaks titles anywhere: "5. Confirmation" / "of Minutes" (a
    lower-case continuation), "18. Amendments to the Delegations to the Chief" / "Executive" (completed
    from the contents list, whose entries run to their page numbers)."""
    recs = records("hastings-district-council", "council-2019-05-02-minutes-scraped-text.txt")
    titles = {i.number: i.title for i in recs.agenda_items}
    assert titles["5"] == "Confirmation of Minutes"
    assert titles["17"] == "Council Chamber Audio Visual Project - Protocols for Live Streaming - Amendment to Standing orders"
    assert titles["18"] == "Amendments to the Delegations to the Chief Executive"
    assert titles["19"] == ("Requests Received under the Local Government Official Information and Meetings Act (LGOIMA) "
                            "Monthly Update")
    assert titles["22"] == "Extraordinary Business Items"
    assert titles["24"] == "CBD linkage"
    assert titles["25"] == ("Summary of Recommendations of the Civic Honours Awards Subcommittee meeting held 15 April 2019 "
                            "while the Public were Excluded")  # three lines, a date broken after its day
    assert titles["1"] == "Prayer" and titles["3"] == "Seal Register"  # "Mayor Hazlehurst/Councillor" is no title


def test_nz_apologies_motion_and_officers_with_roles_over_lines():
    """"That apologies for absence from Councillor Poulain and Councillor Travers be" / "accepted." and
    officers listed as "Chief" / "Executive (Mr N Bickle)", "Project Advisor" / "(Ms A Hilton)"."""
    recs = records("hastings-district-council", "council-2019-05-02-minutes-scraped-text.txt")
    assert names(recs, "apologies") == ["Poulain", "Travers"]
    notes = {a.name: a.note for a in recs.attendance if a.role == "in_attendance"}
    assert notes["N Bickle"] == "Chief Executive" and notes["B Allan"] == "Chief Financial Officer"
    assert notes["A Hilton"] == "Project Advisor" and notes["C Hunt"] == "Committee Secretary"


def test_item_title_continuation_rules():
    recs = extract_text("Minutes of the meeting of Cabinet held on 3 March 2020 at 10.00 am\n"
                        "1. Apologies\nNone.\n2. Review of the Parking Policy (City File\n2018-01)\nNoted.\n"
                        "3. Dates of next meetings\n26 Feb, 26 March, 30 April\n4. Budget\nThe budget was noted.\n")
    assert [(i.number, i.title) for i in recs.agenda_items] == [
        ("1", "Apologies"), ("2", "Review of the Parking Policy (City File 2018-01)"),
        ("3", "Dates of next meetings"), ("4", "Budget")]


def test_parish_attendance_in_side_by_side_columns():
    """Souldern prints "Present: / Members of the Public: / Apologies:" as columns; the PDF reader gives
    each row run together ("Nick Oakhill (NO) CHAIR David Carlisle Lucy Cornish"), sometimes two rows
    in one block. Members carry initials and lead a row; the columns fill from the left."""
    recs = records("souldern-parish-council", "annual-meeting-and-parish-council-2019-05-23-minutes-two-meetings.pdf")
    first = recs.meetings[0].id
    mine = [a for a in recs.attendance if a.meeting_id == first]
    by_role = {role: [a.name for a in mine if a.role == role] for role in ("present", "in_attendance", "apologies")}
    assert by_role["present"] == ["Nick Oakhill", "Kirsty Allpress", "Alan Smith", "John Hoodless", "Laura How",
                                  "Cathy Fleet"]
    assert by_role["in_attendance"] == ["David Carlisle", "Barbara McGarry", "Norma Jones", "Diana Stevens",
                                        "Clive Smith"]
    assert by_role["apologies"] == ["Lucy Cornish"]
    assert [m.chair for m in recs.meetings] == ["Nick Oakhill", "Nick Oakhill"]


def test_parish_attendance_two_columns_with_bracketed_role():
    recs = records("souldern-parish-council", "annual-parish-meeting-2025-05-20-minutes.pdf")
    assert names(recs, "present") == ["Nick Oakhill", "John Hoodless", "Neal Ship", "Heidi Dennison", "Rob Large",
                                       "Cathy Fleet"]
    assert names(recs, "in_attendance") == ["Katie Draper", "David Carlisle", "Clive Smith"]
    assert recs.meetings[0].chair == "Nick Oakhill"


def test_parish_item_label_before_a_dash_and_what_happened():
    """"05.19.10 Finance - The following accounts were approved for payment": the item is "Finance"."""
    recs = records("souldern-parish-council", "annual-meeting-and-parish-council-2019-05-23-minutes-two-meetings.pdf")
    titles = {i.number: i.title for i in recs.agenda_items}
    assert titles["05.19.10"] == "Finance" and titles["05.19.07"] == "Water level of the pond"


def test_numbered_decision_under_a_later_item_is_not_an_item():
    """Bristol printed minutes: "2a. Residents Parking - Approve ..." is a decision recorded under item 7."""
    recs = records("bristol-city-council", "transport-connectivity-policy-committee-2024-09-12-printed-minutes.pdf")
    assert [i.number for i in recs.agenda_items] == [str(n) for n in range(1, 13)]


def test_us_minutes_pdf_roll_call_sentence():
    recs = records("rivergrove-or", "city-council-2018-12-10-minutes.pdf")
    (m,) = recs.meetings
    assert (m.date, m.start_time, m.venue, m.chair) == ("2018-12-10", "19:01", "River Grove Elementary School",
                                                       "Heather Kibbey")
    assert names(recs, "present") == ["Heather Kibbey", "Arne Nyberg", "Carolyn Bahrman", "Brenda Ruble",
                                      "Bill Tuttle"]
    assert [i.number for i in recs.agenda_items] == ["1", "2", "3"]


def test_us_summary_minutes_titles_end_before_the_motion():
    """Des Moines "Summary of City Council Meeting": "98-3482 6. N.G.C., L.C., ... Application submitted
    11-2-98. Moved by Coleman to adopt. Motion Carried 5-2." The item's title ends before the motion."""
    recs = records("des-moines-ia", "city-council-1998-11-16-summary-minutes.pdf")
    (m,) = recs.meetings
    assert (m.body, m.date) == ("DES MOINES CITY COUNCIL", "1998-11-16")
    titles = {i.number: i.title for i in recs.agenda_items}
    assert titles["6"].endswith("Application submitted 11-2-98")
    assert titles["36"].endswith("(Council Communication No. 98-515)")
    assert not [t for t in titles.values() if re.search(r"\bMoved by\b", t)]


def test_decision_notice_form():
    recs = records("bristol-city-council", "transport-connectivity-policy-committee-2024-09-12-decision-recording-form.pdf")
    assert recs.document.doc_kind == "decisions"
    (m,) = recs.meetings
    assert (m.body, m.date) == ("Transport and Connectivity Policy Committee", "2024-09-12")
    present = names(recs, "present")  # one "Councillor ..." per line, ", Leader of the Green Group" dropped
    assert present[:2] == ["Ed Plowden", "Graham Morris"] and len(present) == 9
    assert names(recs, "apologies") == ["Nicholas Coombes"]
    # items are the subjects with their agenda item numbers, not the numbered decisions
    assert [(i.number, i.title) for i in recs.agenda_items][:2] == [
        ("7", "Opportunities to promote sustainable transport through a review of parking policies and charges"),
        ("8", "Supported Bus Services Priorities Task and Finish Group")]
    parts = [r.part for r in recs.resolutions[:11]]
    assert parts == ["1", "2a", "2b", "2c", "3a", "3b", "4a", "4b", "6", "7", "8"]  # no 5: it was lost
    assert not any("exempt session" in r.text for r in recs.resolutions)
    assert any("Approved, subject to suitable resource being available" in r.text for r in recs.resolutions)


def extract_text(text, name="minutes.txt"):
    return extract_document(text.encode(), name)


@pytest.mark.parametrize("text,expected", [
    # body on the line above "Minutes of the meeting held on ..."; "Exe/20/1" item numbers
    ("Executive\n\nMinutes of the meeting held on Wednesday, 15 January 2020\n\n"
     "Present: Councillor Leese (Chair)\nCouncillors: Akbar, Bridges and Craig\n\nApologies: Councillor Hacking\n\n"
     "Exe/20/1 Minutes\nDecision\nTo approve as a correct record the minutes of the meeting on 11 December 2019.\n",
     {"body": "Executive", "date": "2020-01-15", "chair": "Leese", "items": [("Exe/20/1", "Minutes")],
      "apologies": ["Hacking"]}),
    # time before the date and the venue after it; a one-space item number in plain text
    ("Cabinet\n\nMinutes of the meeting held at 7.30 pm on 14 January 2020 at Guildhall, Kingston upon Thames\n\n"
     "Members of the Committee present: Councillor Liz Green (Chair), Councillor Hilary Gander (Vice-Chair)\n\n"
     "1  Apologies for absence\nApologies for absence were received from Councillor Tim Cobbett.\n",
     {"body": "Cabinet", "date": "2020-01-14", "start_time": "19:30", "venue": "Guildhall, Kingston upon Thames",
      "chair": "Liz Green", "items": [("1", "Apologies for absence")], "apologies": ["Tim Cobbett"]}),
    # parish: everything on the title line, "Title: text" items, apologies after a colon
    ("MINUTES OF THE MEETING OF HORSLEY PARISH COUNCIL HELD ON TUESDAY 14th JANUARY 2020 AT 7.30PM IN THE VILLAGE HALL\n"
     "Present: Cllrs J Smith (Chairman), A Brown, C Green\nIn attendance: Mrs S White (Clerk) and 3 members of the public\n"
     "1. Apologies for absence: Cllr D Black\n2. Declarations of interest: None\n",
     {"body": "HORSLEY PARISH COUNCIL", "date": "2020-01-14", "start_time": "19:30", "venue": "VILLAGE HALL",
      "chair": "J Smith", "items": [("1", "Apologies for absence"), ("2", "Declarations of interest")],
      "apologies": ["D Black"]}),
    # US: the place above a generic body; time and chair from "called the meeting to order"; roll call labels
    ("CITY OF EAST PALO ALTO\nCITY COUNCIL REGULAR MEETING MINUTES\nTuesday, January 21, 2020\n\n1. CALL TO ORDER\n"
     "Mayor Romero called the meeting to order at 7:02 p.m.\n2. ROLL CALL\n"
     "Council Members Present: Abrica, Gauthier, Moss\nCouncil Members Absent: Wallace-Jones\n",
     {"body": "CITY OF EAST PALO ALTO CITY COUNCIL", "date": "2020-01-21", "start_time": "19:02", "chair": "Romero",
      "items": [("1", "CALL TO ORDER"), ("2", "ROLL CALL")], "apologies": []}),
])
def test_header_forms(text, expected):
    recs = extract_text(text)
    (m,) = recs.meetings
    for key in ("body", "date", "start_time", "venue", "chair"):
        if key in expected:
            assert getattr(m, key) == expected[key], key
    assert [(i.number, i.title) for i in recs.agenda_items] == expected["items"]
    assert names(recs, "apologies") == expected["apologies"]


def test_agenda_has_meeting_and_items_but_no_decisions():
    recs = records("des-moines-ia", "city-council-2023-04-24-agenda.pdf")
    assert recs.document.doc_kind == "agenda"
    (m,) = recs.meetings
    assert (m.body, m.date, m.start_time, m.venue) == (
        "DES MOINES CITY COUNCIL", "2023-04-24", "17:00", "City Hall, City Council Chambers")
    items = [(i.number, i.title) for i in recs.agenda_items]
    # "400 Robert D. Ray Drive" and "5:00 PM" are not items; a roman "I." outline runs beside 1, 2, 3
    assert items[:4] == [("I", "CLOSED SESSION – 4:00 PM"), ("1", "ROLL CALL"),
                         ("2", "APPROVING AGENDA, AS PRESENTED AND/OR, AS AMENDED"),
                         ("3", "APPROVING CONSENT AGENDA – items 3 through 47")]
    assert recs.resolutions == [] and recs.actions == []


def test_forward_plan_is_not_a_meeting():
    recs = records("bristol-city-council", "transport-connectivity-policy-committee-forward-plan-2026-01-21.pdf")
    assert recs.meetings == [] and recs.agenda_items == [] and recs.resolutions == [] and recs.actions == []


def test_minutes_without_a_visible_title_still_have_a_meeting():
    """A title drawn as outlines or held in a page header leaves "Present:" and numbered items."""
    recs = extract_text("Present: Cllr A Smith (Chair), Cllr B Jones\nApologies: Cllr C Brown\n"
                        "1. Minutes of the last meeting\nThe minutes were approved.\n2. Planning\nNo applications.\n")
    (m,) = recs.meetings
    assert m.chair == "A Smith"
    assert names(recs, "apologies") == ["C Brown"]
    assert [i.title for i in recs.agenda_items] == ["Minutes of the last meeting", "Planning"]


def test_moderngov_items_and_attendees_from_the_page_data():
    recs = records("moderngov-xml", "GetMeeting-727.xml")
    (m,) = recs.meetings
    assert (m.date, m.start_time, m.chair) == ("2026-03-27", "13:00", "Helen Godwin")
    assert names(recs, "apologies") == ["Mike Bell"]
    assert "Tony Dyer" in names(recs, "present")
    items = [(i.number, i.title) for i in recs.agenda_items]
    assert items[0] == ("1", "Apologies for Absence") and items[-1] == ("15", "Spatial Development Strategy")
    assert len(items) == 15


def test_moderngov_page_item_headings():
    recs = records("weca", "ieListDocuments-overview-scrutiny-2026-03-23-with-minutes.html")
    titles = [i.title for i in recs.agenda_items]
    assert titles[5] == "Recent Organisational Changes and Target Operating Model"  # not a speaker's name
    assert len(titles) == 10


def test_moderngov_agenda_item_page_html():
    from .test_read_html import MGAI  # the saved mgAi.aspx markup the HTML reader is tested on
    recs = extract_document(MGAI, "mgAi.aspx.html")
    assert recs.document.doc_kind == "agenda_item_minutes"
    (m,) = recs.meetings
    assert (m.body, m.date) == ("Transport and Connectivity Policy Committee", "2026-03-19")
    assert [(i.number, i.title) for i in recs.agenda_items] == [("7", "Public Forum")]
    assert [a.text for a in recs.actions] == ["Officers to reply in writing to Q15."]


@pytest.mark.parametrize("name", ["herefordshire-cypsc-2024-07-30-minutes.docx",
                                  "herefordshire-cypsc-2024-07-30-minutes.pdf",
                                  # seed 001 rendered to HTML by markdown-it-py: lines of a list run together
                                  "herefordshire-cypsc-2024-07-30-minutes-markdown-it.html"])
def test_committee_minutes_in_other_formats(name):
    recs = records("rerendered", name)
    (m,) = recs.meetings
    assert (m.body, m.date, m.start_time, m.chair) == (
        "Children and Young People Scrutiny Committee", "2024-07-30", "14:00", "Toni Fagan")
    assert names(recs, "present") == ["Toni Fagan", "Liz Harvey", "Clare Davies", "Dave Davies",
                                      "Robert Highfield", "Ben Proctor", "Sam Pratley"]
    assert names(recs, "apologies") == ["Frank Cornthwaite", "Rob Williams", "Jan Frances"]
    assert [i.number for i in recs.agenda_items] == [str(n) for n in range(10, 21)]
    assert len(recs.resolutions) == 6 and len(recs.actions) == 3


def test_unnumbered_appendix_ends_the_record():
    recs = extract_text("Minutes of the meeting of Cabinet held on 3 March 2020 at 10.00 am\nPresent: Councillor A Smith (Chair)\n"
                        "1. Apologies\nNone.\n2. Budget\nRESOLVED: That the budget be approved.\n"
                        "APPENDIX 1 - QUESTIONS AND ANSWERS\nThe cabinet member would write to the questioner.\n")
    assert [i.title for i in recs.agenda_items] == ["Apologies", "Budget"]
    assert [r.text for r in recs.resolutions] == ["RESOLVED: That the budget be approved."]
    assert recs.actions == []  # the appendix's answers are not the minutes' promises


def test_attendance_in_a_table():
    recs = extract_text("Minutes of the meeting of Cabinet held on 3 March 2020\n"
                        "| Present: | Cllr A Smith (Chair), Cllr B Jones |\n| Apologies: | Cllr C Brown |\n\n"
                        "1. Apologies\nNone.\n2. Budget\nNoted.\n", "table.md")
    assert names(recs, "present") == ["A Smith", "B Jones"] and names(recs, "apologies") == ["C Brown"]
    assert recs.meetings[0].chair == "A Smith"
