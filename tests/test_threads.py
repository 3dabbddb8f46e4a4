"""Question threads (issue 8): supplementaries, re-asks across meetings and years, explicit
follow-ups, and short generic questions that must not merge.

Built on the seed archive of tests/test_people.py (real names and text from the Herefordshire
seeds), plus later meetings where questions are asked again in other words.
"""
from __future__ import annotations

import numpy as np
import pytest
import yaml

from ingest.link import (Q, ThreadParams, assign_threads, candidate_pairs, content_words, find_links, follow_up_reference,
                         link_archive)

from .test_people import Doc, seed_text, seeds_archive
from .conftest import ROOT

SOCIAL_WORKERS_2022 = seed_text("000", "I want to know how many social workers", 330)
# The same question put again in 2025 by someone else: words dropped, swapped and replaced.
SOCIAL_WORKERS_2025 = (
    "I would like to know how many social workers a child has allocated over a two year period (in 2016/2017 "
    "one child is known to have had 13 in under twelve months, in 2022 8 is common) and what proportion "
    "of children have had a change of social worker in the last three months?")
STEEL_2022 = seed_text("000", "Many families already harmed by the long history", 400)
STEEL_2024 = (
    "Families harmed by the long history of inadequate Children's Services still see no changes on the ground "
    "and their voices are still being ignored. Families affected by historic failings feel abandoned; the same "
    "patterns of the past are alive and well. Will the council invest in the urgent appointment of an "
    "independent body to mediate between families and the departments that harmed them?")


@pytest.fixture
def db(tmp_path):
    db = seeds_archive(tmp_path / "t.db")
    coda = Doc("004-public-questions", date="2019-01-18", body="Council")
    pq2 = coda.q("Coda", seed_text("004", "The Keehan judgements against"), raw="Ms Coda, Peterchurch",
                 title="Ms", location="Peterchurch")
    coda.q("Coda", seed_text("004", "How does the number of social workers currently"), raw="Ms Coda, Peterchurch",
           title="Ms", location="Peterchurch", parent=pq2)
    coda.save(db)
    later = Doc("2024-cabinet-questions", date="2024-11-05", body="Cabinet")
    later.q("Maggie Steel", STEEL_2024, raw="Ms. Maggie Steel Hereford", title="Ms", location="Hereford")
    later.q("Maggie Steel", "Further to my question of 30 July 2024, has the committee met any families since then?",
            raw="Ms. Maggie Steel Hereford", title="Ms", location="Hereford")
    later.save(db)
    again = Doc("2025-scrutiny-questions", date="2025-03-04")
    again.q("Rachel Gallagher", SOCIAL_WORKERS_2025)
    again.save(db)
    for n, (name, date) in enumerate([("Teresa Fenner", "2023-01-10"), ("David Barrett", "2023-06-20"),
                                      ("Teresa Fenner", "2024-02-13")]):
        generic = Doc(f"generic-{n}", date=date)
        generic.q(name, "What is the budget?")
        generic.save(db)
    link_archive(db)
    return db


def thread_of(db, text_start):
    return db.execute("select id, thread_id from questions where text like ? || '%'", [text_start]).fetchone()


def test_supplementary_shares_its_parents_thread(db):
    parent_id, parent_thread = thread_of(db, "The Keehan judgements against")
    child_id, child_thread = thread_of(db, "How does the number of social workers currently")
    assert parent_thread == child_thread == parent_id
    assert db.execute("select method from thread_links where question_id = ? and linked_to = ?",
                      [child_id, parent_id]).fetchone() == ("supplementary",)


def test_reask_across_years_by_another_person_is_threaded(db):
    first_id, first_thread = thread_of(db, "There are some very bold statements")
    later_id, later_thread = thread_of(db, SOCIAL_WORKERS_2025[:40])
    assert first_thread == later_thread == first_id
    method, score = db.execute("select method, score from thread_links where question_id = ?", [later_id]).fetchone()
    assert method == "similar" and score >= 70


def test_reask_by_the_same_person_and_explicit_follow_up(db):
    """Maggie Steel's 2022 question, re-asked in other words in 2024, is one thread with the
    first (the earliest question names the thread). Her "Further to my question of 30 July 2024"
    is linked to the question she asked at that meeting, though the words are different."""
    first_id, first_thread = thread_of(db, "The focus of the Children")
    assert thread_of(db, STEEL_2024[:40])[1] == first_thread == first_id
    follow_id, follow_thread = thread_of(db, "Further to my question of 30 July 2024")
    july_id, july_thread = thread_of(db, "My question is this, how will you")
    assert follow_thread == july_thread == july_id
    assert db.execute("select linked_to, method from thread_links where question_id = ?",
                      [follow_id]).fetchone() == (july_id, "explicit")


def test_generic_short_questions_do_not_merge(db):
    rows = db.execute("select thread_id from questions where text = 'What is the budget?'").fetchall()
    assert len(rows) == 3 and all(r[0] is None for r in rows)


def test_unrelated_questions_stay_apart(db):
    """Different questions at the same meeting (the McGeowns, seed 001) are not threaded."""
    for start in ("Thank you for most useful answer", "I believe you have misunderstood"):
        assert thread_of(db, start)[1] is None


def test_threads_table_describes_each_thread(db):
    first_id, _ = thread_of(db, "There are some very bold statements")
    size, askers, first_date, last_date = db.execute(
        "select size, askers, first_date, last_date from threads where id = ?", [first_id]).fetchone()
    assert (size, askers, first_date, last_date) == (2, 2, "2022-12-13", "2025-03-04")
    assert db.execute("select count(*) from threads").fetchone()[0] == \
        db.execute("select count(distinct thread_id) from questions").fetchone()[0]


def test_relinking_gives_the_same_threads(db):
    before = db.execute("select id, thread_id from questions order by id").fetchall()
    link_archive(db)
    assert db.execute("select id, thread_id from questions order by id").fetchall() == before


@pytest.mark.parametrize("text,expected", [
    ("Further to my question of 3 March 2020, what has changed?", {"date": "2020-03-03"}),
    ("As a follow-up to my previous question in January 2021, ...", {"month": "2021-01"}),
    ("This follows my earlier question about the bypass.", {}),
    ("I asked at the last meeting about potholes.", {}),
    ("What did the council say in its previous report?", None),
])
def test_follow_up_reference(text, expected):
    assert follow_up_reference(text) == expected


def test_blocking_needs_shared_rare_words():
    """Candidates share >= 2 of their k rarest words; a word in too many questions is ignored."""
    texts = ["kington leisure centre roof repair cost", "kington leisure centre roof repairs delayed",
             "ledbury bypass funding", "budget", "budget"]
    words = [content_words(t) for t in texts]
    vocab = {w: i for i, w in enumerate(sorted({w for ws in words for w in ws}))}
    sets = [np.unique([vocab[w] for w in ws]) for ws in words]
    left, right = candidate_pairs(sets, len(vocab), ThreadParams(k=4, min_shared=2))
    assert list(zip(left.tolist(), right.tolist())) == [(0, 1)]


def test_same_meeting_is_not_a_reask():
    a = Q("a", SOCIAL_WORKERS_2025, date="2025-03-04", meeting="m1")
    b = Q("b", SOCIAL_WORKERS_2025, date="2025-03-04", meeting="m1")
    c = Q("c", SOCIAL_WORKERS_2025, date="2026-03-04", meeting="m2")
    links = {(link.question_id, link.linked_to) for link in find_links([a, b, c])}
    assert ("b", "a") not in links and ("a", "b") not in links
    assert {("c", "a")} <= links or {("c", "b")} <= links


def escape_fts(query):
    """Datasette's escape_fts, so the canned queries run on a plain connection."""
    import re

    parts = re.findall(r'"[^"]*"|[^\s"]+', query)
    return " ".join(f'"{p.strip(chr(34))}"' for p in parts if p.strip('"'))


def test_canned_queries_answer(db):
    """The people canned queries, as published in datasette_metadata.yml."""
    queries = yaml.safe_load((ROOT / "datasette_metadata.yml").read_text())["databases"]["archive"]["queries"]
    CANNED_QUERIES = {name: query["sql"] for name, query in queries.items()}
    db.conn.create_function("escape_fts", 1, escape_fts)
    (steel,), = db.execute("select id from people where name = 'Maggie Steel'").fetchall()
    history = db.execute(CANNED_QUERIES["person_history"], {"person": steel}).fetchall()
    assert [r[0] for r in history] == ["2022-12-13", "2024-07-30", "2024-11-05", "2024-11-05"]
    assert {r[6] for r in history} == {"Maggie Steel", "Ms. Maggie Steel Hereford"}
    by_name = db.execute(CANNED_QUERIES["person_history"], {"person": "Steel"}).fetchall()
    assert len(by_name) == 4

    first_id, _ = thread_of(db, "There are some very bold statements")
    later_id, _ = thread_of(db, SOCIAL_WORKERS_2025[:40])
    for asked in (first_id, later_id):
        side_by_side = db.execute(CANNED_QUERIES["thread"], {"question": asked}).fetchall()
        assert [r[-1] for r in side_by_side] == [first_id, later_id]
        assert [r[4] for r in side_by_side] == ["Hannah Currie", "Rachel Gallagher"]

    before = db.execute(CANNED_QUERIES["asked_before"], {"q": "social workers allocated"}).fetchall()
    assert [(r[0], r[1], r[3]) for r in before] == [("2025-03-04", "Rachel Gallagher", "2022-12-13")]
    everything = db.execute(CANNED_QUERIES["asked_before"], {"q": ""}).fetchall()
    assert len(everything) == db.execute(
        "select count(*) from questions where thread_id is not null and thread_id != id").fetchone()[0] >= 4


def test_earliest_means_as_printed_not_by_id_spelling():
    """Seed 004: MQ 1 is question 9 of the document and its supplementary question 10; "q10"
    sorts before "q9" as text, but the thread is named after the question printed first."""
    parent = Q("doc-q9", "What effect will these court cases have?", date="2019-01-18", meeting="m", document="doc", seq=9)
    child = Q("doc-q10", "Will a task and finish group be set up?", date="2019-01-18", meeting="m", document="doc", seq=10,
              parent_id="doc-q9")
    assert assign_threads([parent, child], find_links([parent, child])) == {"doc-q9": "doc-q9", "doc-q10": "doc-q9"}
