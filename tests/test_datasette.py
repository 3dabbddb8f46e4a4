"""The published site (issue 7): metadata, canned queries, citations, Atom feed, hostile input, escaping.

A real archive is built from the fixture documents in fixtures/documents/herefordshire plus records
whose text is quoted from those documents (extraction is tested elsewhere; here the records are the
input), and one hostile document carrying markup. Datasette runs in-process with the project's
metadata and plugins, exactly as `make demo` serves it.
"""
from __future__ import annotations

import hashlib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from datasette.app import Datasette

from schema import open_archive
from schema.load import record_failure, save_document
from schema.records import (Action, AgendaItem, Attendance, Document, DocumentRecords, Meeting, Page,
                            Question, Resolution, Response)

ROOT = Path(__file__).resolve().parent.parent
METADATA = ROOT / "datasette_metadata.yml"
PLUGINS = ROOT / "plugins"
SEEDS = ROOT / "fixtures" / "documents" / "herefordshire"
SETTINGS = {"sql_time_limit_ms": 3000, "suggest_facets": False}
COUNCIL = "Herefordshire Council"
SCRUTINY = "Children and Young People Scrutiny Committee"
HOSTILE_URL = "https://example.org/documents/s1234/hostile.pdf"
QUERIES = ["search", "question", "resolutions", "open_actions", "meeting", "coverage", "failures"]


def _document(name: str, *, kind: str, meeting_id=None, url=None, raw=None, pages=None) -> DocumentRecords:
    """A Document with its pages: a fixture text file (one page) or given page texts."""
    if raw is None:
        raw = (SEEDS / name).read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    texts = pages or [raw.decode("utf-8")]
    doc = Document(id=digest, filename=name, sha256=digest, size=len(raw),
                   content_type="application/pdf" if url else "text/plain",
                   path=None if url else f"fixtures/documents/herefordshire/{name}", url=url,
                   council=COUNCIL, doc_kind=kind, meeting_id=meeting_id, page_count=len(texts),
                   extractor_version="test")
    return DocumentRecords(document=doc, pages=[Page(digest, n, t, "plain") for n, t in enumerate(texts, 1)])


def _quoted(records: DocumentRecords, *texts: str) -> None:
    """Guard: the test records quote their document, so search results are real document text."""
    body = " ".join(p.text for p in records.pages)
    for text in texts:
        assert text in body, text


def question_pack() -> DocumentRecords:
    """Public questions to scrutiny (000): no meeting printed on the pack."""
    r = _document("000_e415bac42ba79459.txt", kind="question_pack")
    d = r.document.id
    q1 = ("Please can you advise how much money you are setting aside for compensation claims "
          "relating to this outrageous behaviour?")
    a1 = "We currently do not have monies specifically earmarked for any potential future compensation claims."
    q2 = ("Please can this scrutiny committee look at what is being done to improve the working conditions "
          "of our County’s Foster Carers ?")
    a2 = ("The retention and recruitment of foster carers is an ongoing challenge for local authorities "
          "including Herefordshire.")
    _quoted(r, q1, a1, q2, a2)
    r.questions = [Question(f"{d}-q1", d, 1, q1, questioner="David Barrett", page=1),
                   Question(f"{d}-q2", d, 2, q2, questioner="Teresa Fenner", page=1)]
    r.responses = [Response(f"{d}-q1-r1", f"{d}-q1", d, 1, a1, page=1),
                   Response(f"{d}-q2-r1", f"{d}-q2", d, 1, a2, page=1)]
    return r


def scrutiny_minutes() -> DocumentRecords:
    """Minutes of the scrutiny committee, 30 July 2024 (001), with a supplementary question."""
    meeting = Meeting("m-scrutiny-2024-07-30", council=COUNCIL, body=SCRUTINY, date="2024-07-30",
                      start_time="14:00", chair="Toni Fagan")
    r = _document("001_084bcb77530a1605.txt", kind="minutes", meeting_id=meeting.id)
    d, m = r.document.id, meeting.id
    q = ("think it is time to accept that the case of ‘BT & GT (Children : twins – adoption)’ was not an "
         "isolated incident of a \"deliberate act to mislead\" and either support a call for a public inquiry")
    a = "The decision for any public inquiry rests with the secretary of state and not with the LA"
    res = "That the minutes of the meetings held on 7 May and 13 June 2024 be confirmed as a correct record"
    act = "they were happy to take the suggestion regarding surveys forward as a recommendation"
    _quoted(r, q, a, res, act)
    r.meetings = [meeting]
    r.attendance = [Attendance(m, d, "Toni Fagan", "present", position="chair", page=1),
                    Attendance(m, d, "Frank Cornthwaite", "apologies", page=1)]
    r.agenda_items = [AgendaItem(f"{d}-i13", d, 13, "MINUTES", "13", m, page=1),
                      AgendaItem(f"{d}-i16", d, 16, "CHILDREN'S SERVICES COMPLAINTS", "16", m, page=1)]
    r.questions = [
        Question(f"{d}-pq1", d, 1, "Will the committee support independent reviews for the families?",
                 ref="PQ 1", questioner="Hannah Currie", questioner_location="Hereford",
                 addressed_to=SCRUTINY, meeting_id=m, page=1),
        Question(f"{d}-pq1s", d, 2, q, ref="PQ 1", is_supplementary=1, parent_id=f"{d}-pq1",
                 questioner="Hannah Currie", addressed_to=SCRUTINY, meeting_id=m, page=1)]
    r.responses = [Response(f"{d}-pq1s-r1", f"{d}-pq1s", d, 1, a,
                            responder="Cabinet Member Children and Young People", page=1)]
    r.resolutions = [Resolution(f"{d}-r1", d, 1, res, meeting_id=m, agenda_item_id=f"{d}-i13", page=1)]
    r.actions = [Action(f"{d}-a1", d, 1, act, owner="Complaints and Children's Rights Manager",
                        meeting_id=m, agenda_item_id=f"{d}-i16", page=1)]
    return r


def council_minutes() -> DocumentRecords:
    """Minutes of full Council, 18 January 2019 (004)."""
    meeting = Meeting("m-council-2019-01-18", council=COUNCIL, body="Council", date="2019-01-18",
                      chair="DB Wilcox")
    r = _document("004_58a656bbb4bbd1d0.txt", kind="minutes", meeting_id=meeting.id)
    d, m = r.document.id, meeting.id
    q = ("Can the council indicate what disciplinary action will be taken against individuals "
         "criticised in Judge Keehan statement?")
    a = ("Appropriate action will be taken on the conclusion of these reviews, in accordance with the "
         "council's HR procedures")
    act = ("There would be a discussion between the cabinet member, chairman of the children and young "
           "people scrutiny committee and the director children and families")
    _quoted(r, q, a, act)
    r.meetings = [meeting]
    r.questions = [Question(f"{d}-pq1", d, 1, q, ref="PQ 1", questioner="Barrington",
                            questioner_location="Hereford",
                            addressed_to="Cabinet member finance and corporate services", meeting_id=m, page=1)]
    r.responses = [Response(f"{d}-pq1-r1", f"{d}-pq1", d, 1, a, page=1)]
    r.resolutions = [Resolution(f"{d}-r1", d, 1, "that the report is received", meeting_id=m, page=1)]
    r.actions = [Action(f"{d}-a1", d, 1, act, meeting_id=m, page=1)]
    return r


HOSTILE_TEXT = "<script>alert('pwned')</script> Why was the foster care budget <b>cut</b>?"


def hostile_document() -> DocumentRecords:
    """A document carrying markup in every text field: it must be shown as text, never run."""
    meeting = Meeting("m-hostile", council="Example <i>Borough</i>", body="Cabinet", date="2025-02-03")
    pages = ["Agenda and apologies.", "Public question: " + HOSTILE_TEXT]
    r = _document("hostile.pdf", kind="minutes", meeting_id=meeting.id, url=HOSTILE_URL,
                  raw="\f".join(pages).encode(), pages=pages)
    d = r.document.id
    r.meetings = [meeting]
    r.questions = [Question(f"{d}-q1", d, 1, HOSTILE_TEXT, kind="member",
                            questioner="<img src=x onerror=alert(1)>Mallory", meeting_id=meeting.id, page=2)]
    r.responses = [Response(f"{d}-q1-r1", f"{d}-q1", d, 1, "It was not cut. <script>evil()</script>", page=2)]
    return r


def build_archive(path: Path) -> dict:
    """Write the test archive to `path` (named archive.db so Datasette serves it as "archive")."""
    db = open_archive(path)
    docs = {"pack": question_pack(), "scrutiny": scrutiny_minutes(), "council": council_minutes(),
            "hostile": hostile_document()}
    for records in docs.values():
        save_document(db, records)
    record_failure(db, "fixtures/documents/broken.pdf", "not a PDF (pdfminer: no /Root object)",
                   council=COUNCIL, extractor_version="test")
    db.conn.execute("PRAGMA journal_mode = DELETE")  # served immutable: no -wal beside it
    db.close()
    return {name: r.document.id for name, r in docs.items()}


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    path = tmp_path_factory.mktemp("publish") / "archive.db"
    ids = build_archive(path)
    return path, ids


def metadata() -> dict:
    return yaml.safe_load(METADATA.read_text())


@pytest.fixture
def ds(archive):
    return Datasette([], immutables=[str(archive[0])], metadata=metadata(), plugins_dir=str(PLUGINS),
                     settings=SETTINGS)


async def rows(ds, path: str) -> list[dict]:
    response = await ds.client.get(path)
    assert response.status_code == 200, (path, response.text[:500])
    return response.json()["rows"]


def search_url(q: str, **filters) -> str:
    from urllib.parse import urlencode
    return "/archive/search.json?" + urlencode({"q": q, "_shape": "objects", **filters})


# -- metadata --------------------------------------------------------------------------------------

def test_metadata_describes_every_table_and_column(archive):
    """Every visible table and view, and each of its columns, has a description; internals are hidden."""
    import sqlite3
    conn = sqlite3.connect(archive[0])
    tables = metadata()["databases"]["archive"]["tables"]
    names = [r[0] for r in conn.execute("select name from sqlite_master where type in ('table', 'view')")]
    for name in names:
        assert name in tables, f"{name} not in datasette_metadata.yml"
        if "_fts" in name or name == "schema_version" or name.startswith("crawl_"):
            assert tables[name].get("hidden") is True, name
            continue
        assert tables[name].get("description"), name
        columns = [r[1] for r in conn.execute(f"pragma table_info([{name}])")]
        assert set(columns) <= set(tables[name].get("columns", {})), (name, set(columns) - set(tables[name]["columns"]))


async def test_site_settings_and_hidden_tables(ds):
    """No arbitrary SQL; internal tables are not listed; canned queries are."""
    assert (await ds.client.get("/archive.json?sql=select+1")).status_code == 403
    data = (await ds.client.get("/archive.json")).json()
    visible = {t["name"] for t in data["tables"] if not t["hidden"]}
    assert "questions" in visible and "schema_version" not in visible
    assert not any("_fts" in name for name in visible)
    assert set(QUERIES) <= {q["name"] for q in data["queries"]}
    assert (await ds.client.get("/-/metadata.json")).json()["title"] == "Council minutes archive"


async def test_facets_from_metadata(ds):
    data = (await ds.client.get("/archive/meetings.json?_extra=facet_results")).json()
    assert {"council", "body", "status"} <= set(data["facet_results"])


async def test_default_table_search_still_works(ds):
    found = await rows(ds, "/archive/questions.json?_search=compensation&_shape=objects")
    assert [r["questioner"] for r in found] == ["David Barrett"]


# -- search ----------------------------------------------------------------------------------------

async def test_search_finds_questions_and_responses_with_snippet_and_citation(ds, archive):
    found = await rows(ds, search_url("compensation"))
    assert {r["record_type"] for r in found} == {"question", "response"}
    question = next(r for r in found if r["record_type"] == "question")
    assert "<mark>compensation</mark>" in question["snippet"]
    assert question["question_link"] == f"/archive/question?id={archive[1]['pack']}-q1"
    assert question["citation"] == ("Herefordshire Council, 000_e415bac42ba79459.txt, p. 1, "
                                    "fixtures/documents/herefordshire/000_e415bac42ba79459.txt")


async def test_search_ranks_by_bm25(ds):
    """Porter stemming: "foster carers" finds the foster-carer question and answer, best first."""
    found = await rows(ds, search_url("foster carers"))
    assert found and all("foster" in r["snippet"].lower() for r in found)
    assert [r["rank"] for r in found] == sorted(r["rank"] for r in found)


@pytest.mark.parametrize("q, expected", [
    ('"public inquiry"', {"Hannah Currie", "Cabinet Member Children and Young People"}),
    ("inquir*", {"Hannah Currie", "Cabinet Member Children and Young People"}),
    ('"public inquiry" -secretary', {"Hannah Currie"}),
    ("disciplinary Keehan", {"Barrington"}),
    ("disciplinary -Keehan", set()),
    ("disciplinary OR compensation", {"Barrington", "David Barrett", None}),
    ("OR", set()),
])
async def test_search_syntax(ds, q, expected):
    found = await rows(ds, search_url(q))
    assert {r["person"] for r in found} == expected


@pytest.mark.parametrize("q", ['"', "AND", "foo(", "-", "*", "OR NOT", "NEAR(a b)", "text:foo", "^", '"""',
                               "'; drop table questions; --", "a" * 2000, "\x00", "😀 care"])
async def test_hostile_search_input_never_errors(ds, q):
    await rows(ds, search_url(q))  # asserts 200


async def test_operator_words_are_searched_as_words(ds):
    found = await rows(ds, search_url("secretary AND state"))
    assert [r["record_type"] for r in found] == ["response"]


@pytest.mark.parametrize("filters, expected", [
    ({"council": "herefordshire"}, {"David Barrett", "Barrington"}),
    ({"body": "scrutiny"}, set()),
    ({"date_from": "2019-01-01", "date_to": "2019"}, {"Barrington"}),
    ({"date_from": "2020-01-01"}, set()),
    ({"person": "barrett"}, {"David Barrett"}),
    ({"kind": "member"}, set()),
])
async def test_search_filters(ds, filters, expected):
    found = await rows(ds, search_url("action OR compensation", **filters))
    assert {r["questioner"] for r in found if r["record_type"] == "question"} == expected


async def test_search_filters_on_question_kind_and_body(ds):
    assert {r["person"] for r in await rows(ds, search_url("inquiry", body="Young People Scrutiny"))} == {
        "Hannah Currie", "Cabinet Member Children and Young People"}
    assert [r["kind"] for r in await rows(ds, search_url("foster", kind="member"))] == ["member"]


# -- the other canned queries ----------------------------------------------------------------------

async def test_question_shows_parent_responses_and_supplementaries(ds, archive):
    doc = archive[1]["scrutiny"]
    thread = await rows(ds, f"/archive/question.json?_shape=objects&id={doc}-pq1")
    assert [r["relation"] for r in thread] == ["question", "supplementary", "response to supplementary"]
    supplementary = await rows(ds, f"/archive/question.json?_shape=objects&id={doc}-pq1s")
    assert [r["relation"] for r in supplementary] == ["parent question", "question", "response"]
    assert supplementary[2]["citation"].startswith(f"{COUNCIL}, {SCRUTINY}, 2024-07-30, 001_084bcb77530a1605.txt, p. 1")
    assert supplementary[2]["page_link"] == f"/archive/pages/{doc},1"


async def test_resolutions_search_and_listing(ds):
    found = await rows(ds, "/archive/resolutions.json?_shape=objects&q=correct+record")
    assert len(found) == 1 and "<mark>correct</mark>" in found[0]["snippet"]
    everything = await rows(ds, "/archive/resolutions.json?_shape=objects&q=")
    assert [r["date"] for r in everything] == ["2024-07-30", "2019-01-18"]
    assert not await rows(ds, "/archive/resolutions.json?_shape=objects&q=" + "%22")


async def test_open_actions_by_council_and_age(ds):
    found = await rows(ds, "/archive/open_actions.json?_shape=objects")
    assert [r["date"] for r in found] == ["2019-01-18", "2024-07-30"]
    assert found[0]["age"] == "over a year" and found[0]["age_days"] > 365
    owned = await rows(ds, "/archive/open_actions.json?_shape=objects&person=complaints")
    assert len(owned) == 1 and owned[0]["body"] == SCRUTINY


async def test_meeting_lists_everything_recorded(ds):
    found = await rows(ds, "/archive/meeting.json?_shape=objects&id=m-scrutiny-2024-07-30")
    sections = [r["section"] for r in found]
    assert sections == ["attendance", "attendance", "agenda item", "agenda item", "question", "question",
                        "resolution", "action"]
    assert all(r["citation"].startswith(f"{COUNCIL}, {SCRUTINY}, 2024-07-30") for r in found)


async def test_coverage_counts_documents_per_committee_and_month(ds):
    found = await rows(ds, "/archive/coverage.json?_shape=objects&council=herefordshire")
    by_key = {(r["committee"], r["month"]): r for r in found}
    assert by_key[(SCRUTINY, "2024-07")]["questions"] == 2
    assert by_key[("Council", "2019-01")]["documents"] == 1
    assert by_key[(None, None)]["documents"] == 1  # the question pack names no meeting


async def test_failures_lists_reasons(ds):
    found = await rows(ds, "/archive/failures.json?_shape=objects")
    assert [r["reason"] for r in found] == ["not a PDF (pdfminer: no /Root object)"]


@pytest.mark.parametrize("name", QUERIES)
async def test_every_canned_query_renders_html(ds, archive, name):
    response = await ds.client.get(f"/archive/{name}?q=foster&id={archive[1]['pack']}-q2")
    assert response.status_code == 200


# -- citations, feed, escaping ---------------------------------------------------------------------

async def test_citations_view_links_pdf_page(ds, archive):
    found = await rows(ds, "/archive/citations.json?_shape=objects&record_type=question&document=hostile.pdf")
    assert found[0]["source"] == HOSTILE_URL + "#page=2"
    assert found[0]["citation"] == f"Example <i>Borough</i>, Cabinet, 2025-02-03, hostile.pdf, p. 2, {HOSTILE_URL}"
    page = (await ds.client.get(found[0]["page_link"] + ".json?_shape=objects")).json()["rows"][0]
    assert HOSTILE_TEXT in page["text"]


async def test_atom_feed_for_search(ds, archive):
    response = await ds.client.get("/archive/search.atom?q=compensation")
    assert response.status_code == 200 and "atom" in response.headers["content-type"]
    feed = ET.fromstring(response.text)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert feed.find("a:title", ns).text == "Search questions and answers: compensation"
    entries = feed.findall("a:entry", ns)
    assert len(entries) == 2
    titles = {e.find("a:title", ns).text for e in entries}
    assert "Question from David Barrett" in titles
    link = next(e for e in entries if e.find("a:title", ns).text == "Question from David Barrett").find("a:link", ns)
    assert link.get("href") == f"http://localhost/archive/question?id={archive[1]['pack']}-q1"


async def test_atom_feed_with_no_hits_is_valid(ds):
    response = await ds.client.get("/archive/search.atom?q=zzzzunknownword")
    assert response.status_code == 200
    assert ET.fromstring(response.text).find("{http://www.w3.org/2005/Atom}entry") is None


async def test_atom_feed_escapes_markup(ds):
    response = await ds.client.get("/archive/search.atom?q=budget")
    assert "<script>" not in response.text and "&lt;script&gt;" in response.text
    assert ET.fromstring(response.text)  # well-formed


@pytest.mark.parametrize("path", ["/archive/search?q=budget", "/archive/question?id={hostile}-q1",
                                  "/archive/questions", "/archive/pages", "/archive/meeting?id=m-hostile",
                                  "/archive/citations", "/archive/meetings"])
async def test_document_markup_is_escaped_in_html(ds, archive, path):
    response = await ds.client.get(path.format(hostile=archive[1]["hostile"]))
    assert response.status_code == 200
    html = response.text
    assert "<script>alert(" not in html and "<script>evil()" not in html
    assert "<img src=x" not in html and "<i>Borough</i>" not in html
    assert "&lt;script&gt;" in html or "&lt;i&gt;Borough" in html


async def test_search_highlight_is_the_only_markup(ds):
    html = (await ds.client.get("/archive/search?q=budget")).text
    assert "<mark>budget</mark>" in html
    assert "&lt;b&gt;cut&lt;/b&gt;" in html
    assert '<a href="/archive/question?id=' in html


async def test_broad_search_ranks_the_newest_matches(tmp_path):
    """Over 5,000 matches, only the 1,000 most recently added are ranked (keeps common words fast):
    the results are still bm25-ordered, and all come from the newest 1,000 questions."""
    path = tmp_path / "archive.db"
    build_archive(path)
    db = open_archive(path)
    doc = db.execute("select id from documents where filename = 'hostile.pdf'").fetchone()[0]
    with db.atomic():
        db["questions"].insert_all(
            {"id": f"bulk-{n}", "document_id": doc, "seq": 100 + n, "kind": "public", "page": 1,
             # the older questions are shorter, so bm25 over all matches would rank them first
             "text": "Will the council publish the budget" + " for schools" * (n >= 5000) * (1 + n % 3) + "?"}
            for n in range(6000))
    db.conn.execute("PRAGMA journal_mode = DELETE")
    db.close()
    ds = Datasette([], immutables=[str(path)], metadata=metadata(), plugins_dir=str(PLUGINS), settings=SETTINGS)
    found = [r for r in await rows(ds, search_url("budget")) if r["record_type"] == "question"]
    assert len(found) >= 49 and all(r["rank"] is not None for r in found)
    assert [r["rank"] for r in found] == sorted(r["rank"] for r in found)
    assert all(int(r["question_id"].split("-")[1]) >= 5000 for r in found if r["question_id"].startswith("bulk-"))


def _plugin(name):
    import importlib.util
    spec = importlib.util.spec_from_file_location(name, PLUGINS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("text, expected", [
    ("foster care", '(("foster" "care"))'),
    ('"home to school" -bus plac*', '(("home to school" "plac"*)) NOT "bus"'),
    ("adoption OR fostering", '(("adoption") OR ("fostering"))'),
    ('foo( AND "', '(("foo" "AND"))'),
    ("-", '""'), ("*", '""'), ("-bus", '""'), ("", '""'), (None, '""'),
])
def test_fts_query_builds_valid_fts5(text, expected):
    import sqlite3
    fts_query = _plugin("archive_search").fts_query
    assert fts_query(text) == expected
    conn = sqlite3.connect(":memory:")
    conn.execute("create virtual table t using fts5(x, tokenize='porter')")
    conn.execute("select * from t where t match ?", [fts_query(text)]).fetchall()  # no syntax error


async def test_atom_content_is_previewed_and_escaped_in_html(ds):
    """The feed's full-text column is cut to a preview on the HTML page (rows stay readable) and,
    like every other value, escaped; the JSON keeps the whole text."""
    assert "<script>evil()" not in (await ds.client.get("/archive/search?q=foster")).text
    html = (await ds.client.get("/archive/search?q=adoption")).text
    full = await rows(ds, "/archive/search.json?q=adoption&_shape=objects")
    long_ones = [r["atom_content"] for r in full if len(r["atom_content"] or "") > _plugin("archive_search").ATOM_PREVIEW]
    assert long_ones and all(text not in html for text in long_ones)
    assert all(text[:80] in html for text in long_ones if "<" not in text[:80] and "&" not in text[:80])
