"""extract.questions on real files, one group of tests per kind of document.

Real files: the Herefordshire seeds, the WECA question pack (PDF), Limerick district minutes
(Markdown converted from PDF), Hastings minutes (scraped text). Re-rendered files under
fixtures/documents/rerendered/questions-*: the seeds' question material re-rendered in other
formats and shapes (Markdown pipe tables with HTML debris, a DOCX with one table per question,
"Question N – Name" / "Response:" blocks, "Question 1 by Cllr X to the cabinet member" /
"Answer" / "Supplementary question" / "Reply", an agenda-item page as HTML).
"""
import sqlite3

import pytest
from click.testing import CliRunner

from extract import extract_document, read, content_type_for
from extract.questions import find_questions, header_layout, question_ref, responder_lead
from ingest.cli import cli

from .conftest import SEEDS, fixture_path

DOC = "f" * 64


def found_in(path):
    """(question, [responses]) pairs found in a file, through the real reader for its format."""
    raw = path.read_bytes()
    blocks = read(raw, content_type_for(path.name)).blocks
    return [(f.record, f.children) for f in find_questions(blocks, DOC)]


def by_text(pairs, fragment):
    hits = [(q, r) for q, r in pairs if fragment in q.text]
    assert len(hits) == 1, f"{len(hits)} questions contain {fragment!r}"
    return hits[0]


def rerendered(name):
    return fixture_path("rerendered", name)


# --- kind 1: question packs as tables ----------------------------------------------------------

def test_unnumbered_table_with_continuation_rows_and_loose_responses():
    """Seed 000: no refs; a row split across tables (empty questioner cell) continues the
    question; responses in rows ("<p>Response:</p> ...") and in plain paragraphs after them."""
    pairs = found_in(SEEDS / "000_e415bac42ba79459.txt")
    assert [q.questioner for q, _ in pairs] == [
        "David Barrett", "Hannah Currie", "Rachel Gallagher", "Maggie Steel", "Teresa Fenner",
        "Melissa Portman - Lewis", "Reid"]
    assert all(q.kind == "public" and q.ref is None and not q.is_supplementary for q, _ in pairs)
    fenner, answers = by_text(pairs, "As a former Foster Carer")
    assert "If we do not have enough Foster Carers" in fenner.text  # the continuation row
    assert answers[0].text.startswith("By providing a safe, loving environment")
    _, answers = by_text(pairs, "sever sibling bonds")
    assert "Whether or not to keep siblings together" in answers[0].text  # paragraphs after the row
    reid, _ = by_text(pairs, "birth families have been consulted")
    assert (reid.questioner_title, reid.questioner_location, reid.questioner_raw) == ("Ms", "Hereford", "Ms Reid, Hereford")
    assert [q.id for q, _ in pairs] == [f"{DOC[:16]}-q{n}" for n in range(1, 8)]


def test_numbered_table_with_supplementaries_and_withheld_name():
    """Seed 004: PQ/MQ refs give the kind; "Supplementary Question" after an answer is a
    supplementary of that question; "Name and address supplied" gives no questioner; a ref cell
    that swallowed the name ("PQ 5 Ms Dean, Hereford") is split."""
    pairs = found_in(SEEDS / "004_58a656bbb4bbd1d0.txt")
    assert len(pairs) == 16
    refs = [q.ref for q, _ in pairs if not q.is_supplementary]
    assert refs == ["PQ 1", "PQ 2", None, "PQ 4", "PQ 5", "MQ 1", "MQ 2", "MQ 3", "MQ 4"]
    ids = {q.id: q for q, _ in pairs}
    supp, answers = by_text(pairs, "How does the number of social workers")
    parent = ids[supp.parent_id]
    assert (supp.is_supplementary, parent.ref, supp.questioner, supp.questioner_location) == (1, "PQ 2", "Coda", "Peterchurch")
    assert answers[0].text.startswith("Judge Keehan acknowledged")
    withheld, _ = by_text(pairs, "culture within Children's Services")
    assert (withheld.questioner, withheld.questioner_raw, withheld.ref) == (None, "Name and address supplied", None)
    dean, answers = by_text(pairs, "Has a full audit of all records")
    assert (dean.ref, dean.questioner_title, dean.questioner, dean.questioner_location) == ("PQ 5", "Ms", "Dean", "Hereford")
    assert dean.addressed_to == "Cabinet member children and families"
    assert answers[0].text.startswith("Over the past ten years")
    shaw, _ = by_text(pairs, "bardenet Orme")
    assert (shaw.kind, shaw.questioner_title, shaw.questioner, shaw.questioner_location) == (
        "member", "Councillor", "NE Shaw", "Bromyard Bringsty")
    durkin, answers = by_text(pairs, "What assurances can the cabinet member")
    assert "Our local senior Judge HHJ Plunkett" in answers[0].text  # lettered list and paragraphs
    assert "Being aware of the important role" not in answers[0].text  # the supplementary starts


def test_supplementary_table_in_minutes_appendix_and_no_discussion_points():
    """Seed 001: numbered discussion points ("1. The committee enquired about ...") are not
    questions; the appendix's "Supplementary question" tables are, with "Response by X"."""
    pairs = found_in(SEEDS / "001_084bcb77530a1605.txt")
    assert [q.ref for q, _ in pairs] == ["PQ 1", "PQ 2", "PQ3", "PQ 4"]
    assert all(q.is_supplementary and q.parent_id is None and q.kind == "public" for q, _ in pairs)
    megan, answers = pairs[2]
    assert (megan.questioner_title, megan.questioner, megan.questioner_location) == ("Mrs", "Megan McGeown", "Weobley")
    assert megan.addressed_to == "Children and Young People Scrutiny Committee"
    assert answers[0].responder == "Cabinet Member Children and Young People"
    assert answers[0].text.startswith("There will always be a number of “contacts”")
    assert pairs[1][1][0].responder == "Corporate Director Children and Young People"


@pytest.mark.parametrize("name", ["questions-council-2019-01-18-pipe-tables.md", "questions-council-2019-01-18-tables.docx"])
def test_table_pack_rerendered(name):
    """Seed 004's appendices as Markdown pipe tables with <p> debris, and as a DOCX whose
    question rows are one-row tables between the answers (as the council's Word file had)."""
    pairs = found_in(rerendered(name))
    assert len(pairs) == 16
    main = [q for q, _ in pairs if not q.is_supplementary]
    assert [q.ref for q in main] == ["PQ 1", "PQ 2", None, "PQ 4", "PQ 5", "MQ 1", "MQ 2", "MQ 3", "MQ 4"]
    assert [q.kind for q in main] == ["public"] * 5 + ["member"] * 4
    matthews, answers = by_text(pairs, "Are we providing a supportive service")
    assert (matthews.ref, matthews.questioner, matthews.questioner_location) == ("MQ 3", "RI Matthews", "Cred")
    assert answers[0].text.startswith("Senior managers do value the IRO service")
    assert "<p>" not in " ".join(q.text for q, _ in pairs)


@pytest.mark.parametrize("name", ["questions-council-2019-01-18-labelled-rows.docx",
                                  "questions-council-2019-01-18-labelled-rows.pdf"])
def test_table_with_labelled_answer_and_supplementary_rows(name):
    """Seed 004's public questions as one DOCX table in which answers and supplementaries sit in
    rows labelled "Response", "Supplementary question", "Response to supplementary question"; and
    the same printed to PDF by LibreOffice, where long cells run over page breaks (the reader
    sees a cell's tail as a one-cell row, or as paragraphs between two tables)."""
    pairs = found_in(rerendered(name))
    assert [(q.ref, q.is_supplementary) for q, _ in pairs] == [
        ("PQ 1", 0), ("PQ 2", 0), (None, 1), (None, 0), (None, 1), ("PQ 4", 0), (None, 1), ("PQ 5", 0)]
    assert all(len(answers) == 1 for _, answers in pairs)
    supp, answers = pairs[2]
    assert supp.parent_id == pairs[1][0].id and supp.text.startswith("How does the number of social workers")
    assert answers[0].text.startswith("Judge Keehan acknowledged")
    assert pairs[1][1][0].text.startswith("The council is committed")


@pytest.mark.parametrize("name", ["questions-council-2019-01-18-response-column.docx",
                                  "questions-council-2019-01-18-moderngov-item.html",
                                  "questions-council-2019-01-18-q-a-blocks.txt"])
def test_answer_in_the_same_row_or_labelled_q_and_a(name):
    """Seed 004's questions re-rendered: a DOCX table and a ModernGov-like agenda-item page whose
    5th "Response" column holds each answer in the question's own row; and "1. Question from Mr
    Barrington, Hereford to the Cabinet member ..." / "Q. ..." / "A. ..." blocks under a heading for
    both public and councillors (so a councillor's question is a member question), one of them
    from "Name and address supplied"."""
    pairs = found_in(rerendered(name))
    assert len(pairs) == 9 and all(len(answers) == 1 and not q.is_supplementary for q, answers in pairs)
    assert [q.kind for q, _ in pairs] == ["public"] * 5 + ["member"] * 4
    first, answers = pairs[0]
    assert (first.questioner, first.questioner_location) == ("Barrington", "Hereford")
    assert first.text.startswith("Can the council indicate") and answers[0].text.startswith("The council is currently")
    withheld, answers = pairs[2]
    assert withheld.questioner is None and withheld.text.startswith("There appears to have been")
    assert answers[0].text.startswith("There is no evidence")
    assert not any(q.text.startswith(("Q.", "A.")) or "The council is currently" in q.text for q, _ in pairs)


def test_two_column_question_answer_table():
    """Seed 000 as a plain "Question | Answer" table (no questioner column)."""
    pairs = found_in(rerendered("questions-improvement-plan-question-answer-table.docx"))
    assert len(pairs) == 7 and all(q.questioner is None and len(a) == 1 for q, a in pairs)
    _, answers = by_text(pairs, "As a former Foster Carer")
    assert answers[0].text.startswith("By providing a safe, loving environment")


def test_header_layout_names_the_columns():
    layout = header_layout(["Question Number", "Questioner", "Supplementary question", "Question to"])
    assert layout.roles == ["ref", "asker", "question", "to"] and layout.supplementary
    assert header_layout(["Ref No", "Name", "Title"]) is None  # a statements list, not questions
    assert header_layout(["Lead Officer", "Title and summary of Decision", "Meeting date"]) is None
    assert header_layout(["Response", "The council has answered the question raised in the letter", "", ""]) is None
    assert header_layout(["Question", "Answer"]).roles == ["question", "response"]
    listed = header_layout(["No.", "Questioner", "Question title"])
    assert listed.roles == ["ref", "asker", "question"] and listed.titles
    assert not header_layout(["Question Number", "Questioner", "Question", "Question to"]).titles


# --- kind 1b: lists of questions received (titles only), answered at the meeting ----------------------

BRISTOL_2026 = ("bristol-city-council", "transport-connectivity-policy-committee-2026-03-19-printed-minutes.pdf")
BRISTOL_2024 = ("bristol-city-council", "transport-connectivity-policy-committee-2024-09-12-printed-minutes.pdf")


def test_listed_questions_keep_only_those_answered_by_ref():
    """Issue 5 (Bristol printed minutes 2026-03-19): 33 public forum questions listed in a
    "Ref No | Name | Title" table, then "Q15, 16 & 17 – Zoe Mack" / "Officers confirmed ..." for the
    supplementaries asked at the meeting. Each answer lands on the listed question it names by
    ref; listed questions nobody answered in the document are not question records."""
    pairs = found_in(fixture_path(*BRISTOL_2026))
    assert [q.ref for q, _ in pairs] == ["15, 16 & 17", "33a, 33b & 33c", "34", "35", "50, 51 & 52",
                                         "53, 54 & 55", "64, 65 & 66"]
    assert all(q.is_supplementary and q.parent_id is None and q.kind == "public" and len(a) == 1
               for q, a in pairs)
    mack, answers = pairs[0]
    assert mack.questioner == "Zoe Mack" and mack.text.startswith("15 – Surveying Southville")
    assert answers[0].responder == "Officers"
    assert answers[0].text.startswith("Officers confirmed that teams had visited the area")
    smith, answers = pairs[3]
    assert smith.questioner == "Megs Smith" and answers[0].text.startswith("The Chair disagreed")
    kell, answers = by_text(pairs, "Transport connectivity committee 19th March 2026")
    assert kell.questioner == "Rosa Kell" and "uncollectable debt" in answers[0].text
    assert "Road Safety" not in answers[0].text  # the next minute item ends the last answer
    assert not any("Objections to RPS changes" in q.text for q, _ in pairs)  # statements are not questions


def test_listed_questions_answered_by_asker_and_title():
    """Bristol printed minutes 2024-09-12: "Question 2 A,B - Chris Whitfield - EV Charging for
    terraced homes" in a one-line-per-question list; the answers are keyed by the list's own
    "Chris Whitfield - EV Charging for terraced homes" lines; an asker with an organisation
    ("Ian Pond, Bristol Cycling Campaign") is named without it; "Public Forum Statements:" ends the
    last answer."""
    pairs = found_in(fixture_path(*BRISTOL_2024))
    assert [(q.ref, q.questioner) for q, _ in pairs] == [
        ("2 A,B", "Chris Whitfield"), ("4 & 5 A,B,C", "David Redgewell"), ("6, 7 & 8", "Ian Pond"),
        ("9, 10 & 11", "Matt Saunders")]
    whitfield, answers = pairs[0]
    assert whitfield.text == "EV Charging for terraced homes" and whitfield.is_supplementary
    assert answers[0].text.startswith("Officers confirmed that the current policy not to permit gully")
    assert "Bus Services" not in answers[0].text and "engagement and conversations with WECA" not in answers[0].text
    _, answers = pairs[-1]
    assert "lessons learnt" in answers[0].text and "Statements were received" not in answers[0].text


def test_listed_questions_without_answers_are_not_questions():
    """The same list with nothing after it: titles, not question text, so no question records."""
    assert found_in(rerendered("questions-public-forum-list-only.txt")) == []


def test_keyed_supplementary_answers_after_full_questions():
    """Seed 004's public questions as a "Question 2 – Ms Coda, Peterchurch" / "Response:" pack,
    then "... asked supplementary questions. The following responses were given:" / "Q2 – Ms Coda" /
    the answer: the minutes do not give the supplementary's words, so its answer is one more
    response to the question it follows; a quoted judge is not the responder."""
    pairs = found_in(rerendered("questions-council-2019-01-18-keyed-supplementary-answers.txt"))
    assert [q.ref for q, _ in pairs] == ["1", "2", "3", "4", "5"]
    assert [len(answers) for _, answers in pairs] == [1, 2, 1, 2, 1]
    coda, answers = pairs[1]
    assert coda.questioner == "Coda" and answers[0].text.startswith("The council is committed")
    assert answers[1].text.startswith("Judge Keehan acknowledged") and answers[1].responder is None
    assert "NEXT MEETING" not in pairs[3][1][1].text


@pytest.mark.parametrize("printed, ref", [("3", "3"), ("No. 12", "12"), ("4 & 5 A,B,C", "4 & 5 A,B,C"),
                                          ("9,  10 & 11", "9, 10 & 11")])
def test_question_ref_drops_the_word_question(printed, ref):
    """"Question 3 – Jane Smith" has ref "3" (issue 5: the scorer strips only punctuation)."""
    assert question_ref(printed) == ref


# --- kind 2: question-and-answer blocks ----------------------------------------------------------

def test_question_pack_pdf_question_name_mayors_response():
    """WECA 2026-06-05 (PDF): 42 "Question N – Name" blocks each with a "Mayor’s Response";
    councillors among public questioners stay public under the "Public Questions" title."""
    pairs = found_in(fixture_path("weca", "joint-meeting-2026-06-05-public-questions-and-mayors-responses.pdf"))
    assert [q.ref for q, _ in pairs] == [str(n) for n in range(1, 43)]
    assert all(q.kind == "public" for q, _ in pairs)
    assert all(len(r) == 1 and r[0].responder == "Mayor" for _, r in pairs)
    lynch, answers = pairs[0]
    assert lynch.questioner == "Andrew Lynch" and "monthly" in lynch.text
    assert answers[0].text.startswith("I understand that officers’ declarations")
    townsend = pairs[38][0]
    assert (townsend.questioner_title, townsend.questioner) == ("Cllr", "Christine Townsend")
    sanders = pairs[7][0]  # its text carries subtitles in capitals and "* THE LTN DEFINITION *"
    assert "Statutory Guidance for Implementing Low Traffic" in sanders.text


def test_question_pack_with_sub_labels_inside_questions():
    """WECA 2026-03-27 (PDF, 104 pages): 94 questions; "Question 1:" / "Question 2 - Is Bristol
    Airport liable ..." / "Q2." inside a question's text are its own sub-labels, and "The Officer
    replied:" quoted inside a question is not an answer."""
    pairs = found_in(fixture_path("weca", "joint-meeting-2026-03-27-public-questions-and-mayors-responses.pdf"))
    assert [q.ref for q, _ in pairs] == [str(n) for n in range(1, 95)]
    carrier, _ = pairs[9]
    assert carrier.questioner == "Sam Carrier" and "Is there an agreed budget for the scheme" in carrier.text
    sanders, answers = pairs[92]
    assert "The Officer replied:" in sanders.text and "SO MY QUESTIONS ARE" in sanders.text
    assert answers[0].responder == "Mayor" and answers[0].text.startswith("This is a matter for Democratic Services")


def test_numbered_lines_inside_a_question_do_not_end_it():
    """WECA 2026-03-27 Questions 60 and 89 list bus routes in plain type ("99 Chew valley local
    service", "534 Filton to Emerson green East Bristol"): not minute items, so the "Mayor’s
    Response:" below still answers the question."""
    pairs = found_in(fixture_path("weca", "joint-meeting-2026-03-27-public-questions-and-mayors-responses.pdf"))
    for ref in ("60", "89"):
        question, answers = next((q, a) for q, a in pairs if q.ref == ref)
        assert "Bristol" in question.text and len(answers) == 1
        assert answers[0].text.startswith("We are currently reviewing all bus services")


@pytest.mark.parametrize("name, ref", [("questions-improvement-plan-qa-blocks.txt", "1"),
                                       ("questions-improvement-plan-q-name-blocks.txt", "Q1")])
def test_question_name_response_blocks_rerendered(name, ref):
    """Seed 000 re-rendered as "Question N – Name" (or "QN – Name") / text / "Response:" / answer."""
    pairs = found_in(rerendered(name))
    assert [q.questioner for q, _ in pairs][:3] == ["David Barrett", "Hannah Currie", "Rachel Gallagher"]
    assert len(pairs) == 7 and pairs[0][0].ref == ref
    assert all(q.kind == "public" and len(answers) == 1 for q, answers in pairs)
    _, answers = by_text(pairs, "sever sibling bonds")
    assert "Whether or not to keep siblings together" in answers[0].text


def test_question_by_x_to_y_with_answer_supplementary_reply():
    """Seed 004's member questions re-rendered as "Question 1 by Councillor CA Gandy, Mortimer to
    the cabinet member, children and families" / text / "Answer" / "Supplementary question" / "Reply"."""
    pairs = found_in(rerendered("questions-council-2019-01-18-member-qa.txt"))
    main = [(q, r) for q, r in pairs if not q.is_supplementary]
    assert len(main) == 4 and len(pairs) == 8
    gandy, answers = main[0]
    assert (gandy.kind, gandy.questioner_title, gandy.questioner, gandy.questioner_location) == (
        "member", "Councillor", "CA Gandy", "Mortimer")
    assert gandy.addressed_to == "the cabinet member, children and families"
    assert answers[0].text.startswith("We have no evidence to date")
    supp, answers = pairs[1]
    assert supp.parent_id == gandy.id and supp.questioner == "CA Gandy"
    assert answers[0].text.startswith("I would be delighted")


def test_labelled_from_to_question_reply_with_prose_supplementaries():
    """Seed 004's public questions re-rendered as "From: Mr Barrington, Hereford" / "To: Cabinet
    member ..." / "Question: ..." / "Reply: ...", with "Ms Coda asked a supplementary question: ..."
    and "The cabinet member replied: ..."."""
    pairs = found_in(rerendered("questions-council-2019-01-18-from-to-reply.txt"))
    assert len(pairs) == 8
    first, answers = pairs[0]
    assert (first.questioner_title, first.questioner, first.questioner_location) == ("Mr", "Barrington", "Hereford")
    assert first.addressed_to == "Cabinet member finance and corporate services"
    assert first.text.startswith("Can the council indicate") and answers[0].text.startswith("The council is currently")
    supp, answers = by_text(pairs, "How does the number of social workers")
    assert supp.is_supplementary and supp.parent_id == pairs[1][0].id and supp.questioner == "Coda"
    assert answers[0].responder == "The cabinet member" and answers[0].text.startswith("Judge Keehan acknowledged")
    withheld, _ = by_text(pairs, "culture within Children's Services")
    assert withheld.questioner is None and withheld.addressed_to == "Cabinet member children and families"


def test_prose_minutes_question_from_x_to_y_answered_by_the_office_holder():
    """Seed 004's member questions re-rendered as prose minutes: "Question from Councillor CA Gandy,
    Mortimer to the Cabinet Member, Children and Families: ...?", answered by a paragraph led by
    the office holder ("The Cabinet Member, Children and Families replied that ..."), with
    supplementaries told in prose ("Councillor Gandy asked a supplementary question: ...")."""
    pairs = found_in(rerendered("questions-council-2019-01-18-prose-minutes.txt"))
    assert [q.is_supplementary for q, _ in pairs] == [0, 1] * 4
    assert all(len(answers) == 1 for _, answers in pairs)
    gandy, answers = pairs[0]
    assert (gandy.kind, gandy.questioner, gandy.questioner_location) == ("member", "CA Gandy", "Mortimer")
    assert gandy.addressed_to == "the Cabinet Member, Children and Families"
    assert gandy.text.startswith("What effect will or has there been")
    assert answers[0].responder == "The Cabinet Member, Children and Families"
    supp, answers = pairs[1]
    assert supp.parent_id == gandy.id and answers[0].responder == "The Cabinet Member"
    assert "COURT JUDGEMENTS" not in pairs[-1][1][0].text  # the next minute item ends the answer


def test_prose_questions_only_under_a_question_time_heading():
    """Seed 000 re-rendered as parish-style minutes: under "4. PUBLIC QUESTION TIME", "Ms Reid,
    Hereford asked the following question: ..." / "The Director ... responded that ..."; under the
    next item ("5. PLANNING APPLICATIONS") "Mr Barrett asked whether ..." is discussion."""
    pairs = found_in(rerendered("questions-improvement-plan-parish-prose.txt"))
    assert [q.questioner for q, _ in pairs] == [
        "David Barrett", "Hannah Currie", "Rachel Gallagher", "Maggie Steel", "Teresa Fenner",
        "Melissa Portman - Lewis", "Reid"]
    reid, answers = pairs[-1]
    assert (reid.kind, reid.questioner_title, reid.questioner_location) == ("public", "Ms", "Hereford")
    assert answers[0].responder == "The Director for Children and Young People"
    assert "barn conversion" not in answers[0].text and "RESOLVED" not in answers[0].text


def test_member_questions_submitted_by_councillor_with_reply():
    """Limerick district minutes (Markdown from PDF): "**8.Question submitted by Councillor S.
    Hartigan**", the question in bold italics, "**REPLY**: ..."; numbered points inside a reply
    do not start questions; "Reply from Otonamee" is a second, attributed reply."""
    pairs = found_in(fixture_path("limerick-city-and-county-council", "metropolitan-district-2024-10-21-minutes-converted.md"))
    assert [q.ref for q, _ in pairs] == [str(n) for n in range(8, 38)]
    first, answers = pairs[0]
    assert (first.kind, first.questioner_title, first.questioner) == ("member", "Councillor", "S. Hartigan")
    assert first.text.startswith("I will ask at the next Meeting") and "*" not in first.text
    assert answers[0].text.startswith("The Active Travel South Circular Road scheme")
    _, answers = by_text(pairs, "Loughmore Canal for surface water")
    assert "Surface water discharges are not subject" in answers[0].text
    _, answers = by_text(pairs, "emergency line")
    assert [a.responder for a in answers] == [None, "Otonamee"]


# --- kind 3: agenda-item pages with committee questions --------------------------------------------

def committee_checks(pairs):
    assert len(pairs) == 18
    assert all(q.kind == "committee" and q.questioner is None for q, _ in pairs)
    assert [q.ref for q, _ in pairs][:6] == ["Q1", "Q2", "Q3", "Q1", "Q2", None]
    q1, answers = pairs[0]
    assert "Have you considered trauma awareness training" in q1.text  # a follow-on sentence, not a question
    assert answers[0].responder == "The Director for Children and Young People"
    assert "RECOMMENDATION" not in answers[0].text and "trauma training extended" not in answers[0].text
    unanswered, answers = pairs[3]  # "Q1: ..." then "Q2: ..." then one answer for both
    assert "too high a proportion of interim staff" in answers[0].text
    follow, answers = by_text(pairs, "asked the Director if the service engaged")
    assert answers[0].responder == "The Director"
    _, answers = by_text(pairs, "how soon will this service be up and running")
    assert answers[0].responder is None and answers[0].text.startswith("It was explained")
    _, answers = by_text(pairs, "could we change the wording")
    assert answers[0].responder == "Director"
    last, answers = pairs[-1]
    assert "the committee resolved" not in answers[0].text
    texts = " ".join(q.text for q, _ in pairs)
    assert "Corporate Responsibility" not in " ".join(a.text for _, r in pairs for a in r)
    assert "The Committee requested a diagram" not in texts  # a request, not a question


def test_agenda_item_committee_questions():
    committee_checks(found_in(SEEDS / "002_2e6ec7fe354f54a8.txt"))


def test_agenda_item_committee_questions_html():
    committee_checks(found_in(rerendered("questions-improvement-plan-agenda-item.html")))


def test_mayors_question_and_answer_session_topics():
    """WECA Overview & Scrutiny (saved ModernGov page): the "Mayor's Q&A" item's numbered topics
    are the committee's questions, with the Mayor's answer in the same paragraph."""
    pairs = found_in(fixture_path("weca", "ieListDocuments-overview-scrutiny-2026-03-23-with-minutes.html"))
    assert [q.ref for q, _ in pairs] == ["1", "2", "3", "4", "5"]
    assert all(q.kind == "committee" for q, _ in pairs)
    question, answers = pairs[2]
    assert question.text.startswith("Avonmouth & Severnside Infrastructure: Members challenged the Mayor")
    assert answers[0].responder == "The Mayor" and answers[0].text.startswith("The Mayor acknowledged")
    assert "Members challenged" not in answers[0].text
    # the numbered procedure rules under "Items from the Public" are not questions
    assert not any("deadline" in q.text for q, _ in pairs)


@pytest.mark.parametrize("text, who", [
    ("The Director for Children and Young People explained that in terms of ...", "The Director for Children and Young People"),
    ("The Complaints and Children's Rights Manager stated they were under no illusion", "The Complaints and Children's Rights Manager"),
    ("The Director for Children and Young People did not have recruitment data", "The Director for Children and Young People"),
    ("Director: yes we could that.", "Director"),
    ("It was explained that the aim was to have a strategy drafted", None),
    ("The Committee pointed out that the earlier you can invest", None),
    ("There was uncertainty about current info on the Council website", None),
])
def test_responder_lead(text, who):
    assert responder_lead(text) == who


# --- kind 4: documents with no questions ----------------------------------------------------------

@pytest.mark.parametrize("path", [
    SEEDS / "003_aadda3c5b76c8e7f.txt",  # a councillor's commentary with rhetorical questions
    fixture_path("hastings-district-council", "council-2019-05-02-minutes-scraped-text.txt"),
    fixture_path("weca", "ieListDocuments-joint-meeting-2026-06-05-agenda-only.html"),
])
def test_no_questions_where_there_are_none(path):
    assert found_in(path) == []


# --- through the archive ---------------------------------------------------------------------------

def test_questions_and_responses_land_in_the_archive(archive_path, seeds_dir):
    result = CliRunner().invoke(cli, ["ingest", str(archive_path), str(seeds_dir), "-s"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    db = sqlite3.connect(archive_path)
    per_doc = dict(db.execute("select d.filename, count(q.id) from documents d left join questions q "
                              "on q.document_id = d.id group by d.filename"))
    assert per_doc == {"000_e415bac42ba79459.txt": 7, "001_084bcb77530a1605.txt": 4,
                       "002_2e6ec7fe354f54a8.txt": 18, "003_aadda3c5b76c8e7f.txt": 0,
                       "004_58a656bbb4bbd1d0.txt": 16}
    parent_ref = db.execute("select p.ref from questions q join questions p on p.id = q.parent_id "
                            "where q.text like 'Does the portfolio holder believe%'").fetchone()
    assert parent_ref == ("MQ 1",)
    orphans = db.execute("select count(*) from responses r left join questions q on q.id = r.question_id "
                         "where q.id is null").fetchone()
    assert orphans == (0,)


def test_ids_are_stable_across_extractions():
    raw = (SEEDS / "004_58a656bbb4bbd1d0.txt").read_bytes()
    first = extract_document(raw, "004.txt")
    second = extract_document(raw, "004.txt")
    assert [q.id for q in first.questions] == [q.id for q in second.questions]
    assert [r.id for r in first.responses] == [r.id for r in second.responses]
    assert first.responses[0].id == f"{first.questions[0].id}-r1"
