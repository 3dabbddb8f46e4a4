"""People resolution (issue 8): names printed in several documents resolve to one person each,
different people never merge, and an uncertain match stays unlinked.

Archives are built with schema.load.save_document from records carrying the real names and
text of the Herefordshire seeds (fixtures/documents/herefordshire/), the way extraction
prints them: "Ms. Hannah Currie Hereford" in the 2024 supplementary pack, "Hannah Currie" in
the 2022 question pack, "Councillor DB Wilcox (Chairman)" in the 2019 Council minutes.
"""
from __future__ import annotations

import hashlib

import pytest
from click.testing import CliRunner

from extract.people import Mention, Resolver, parse_name
from ingest.cli import cli
from ingest.link import LinkError, link_archive
from schema import open_archive
from schema.load import save_document
from schema.records import Attendance, Document, DocumentRecords, Meeting, Question, Resolution, Response

from .conftest import SEEDS

COUNCIL = "Herefordshire Council"


def seed_text(name: str, marker: str, length: int = 300, end: str = None) -> str:
    """A real passage from a seed file (from `marker`, `length` characters or up to and
    including `end`), so tests run on the documents' own wording."""
    path = next(SEEDS.glob(f"{name}_*.txt"))
    text = path.read_text(encoding="utf-8")
    start = text.index(marker)
    stop = text.index(end, start) + len(end) if end else start + length
    return text[start:stop]


class Doc:
    """Build one document's records tersely: Doc("d1", date=...).q("Hannah Currie", "...")."""

    def __init__(self, name, *, date=None, body="Children and Young People Scrutiny Committee", council=COUNCIL):
        self.id = hashlib.sha256(f"{name}|{council}".encode()).hexdigest()
        self.records = DocumentRecords(document=Document(
            id=self.id, filename=f"{name}.txt", sha256=self.id, size=1, content_type="text/plain",
            council=council, extractor_version="test"))
        self.meeting_id = None
        if date:
            self.meeting_id = f"m-{self.id[:12]}"
            self.records.meetings.append(Meeting(id=self.meeting_id, council=council, body=body, date=date,
                                                 document_id=self.id))
            self.records.document.meeting_id = self.meeting_id
        self.seq = 0

    def q(self, questioner=None, text="", *, raw=None, title=None, location=None, kind="public", parent=None,
          responder=None):
        self.seq += 1
        qid = f"{self.id[:16]}-q{self.seq}"
        self.records.questions.append(Question(
            id=qid, document_id=self.id, seq=self.seq, text=text, kind=kind, questioner=questioner,
            questioner_raw=raw or questioner, questioner_title=title, questioner_location=location,
            meeting_id=self.meeting_id, parent_id=parent, is_supplementary=int(parent is not None)))
        if responder:
            self.records.responses.append(Response(id=f"{qid}-r1", question_id=qid, document_id=self.id, seq=1,
                                                   text="Response.", responder=responder))
        return qid

    def attend(self, name, role="present", *, title=None, note=None, position=None, raw=None):
        self.records.attendance.append(Attendance(
            meeting_id=self.meeting_id, document_id=self.id, name=name, role=role, title=title, note=note,
            position=position, raw=raw))

    def resolution(self, text, mover=None, seconder=None):
        self.seq += 1
        self.records.resolutions.append(Resolution(id=f"{self.id[:16]}-r{self.seq}", document_id=self.id,
                                                   seq=self.seq, text=text, mover=mover, seconder=seconder,
                                                   meeting_id=self.meeting_id))

    def save(self, db):
        save_document(db, self.records)
        return self


def seeds_archive(path, *, people_file=None, split=True):
    """Seeds 000, 001 and 004 as extraction records them, plus a later meeting where two
    Wilcoxes sit and a "Cllr Wilcox" moves a motion. With split=False the questioner strings
    are left raw (as when names.split_person finds no pattern), so the linker must take
    "Ms. Hannah Currie Hereford" apart itself."""
    db = open_archive(path)
    pack = Doc("000_e415bac42ba79459", date="2022-12-13")  # question pack for the 13/12/22 meeting: names without titles
    pack.q("Hannah Currie", seed_text("000", "There are some very bold statements", end="in the past three months?"))
    pack.q("Maggie Steel", seed_text("000", "The focus of the Children", end="harmed them?"))
    pack.q("Reid", seed_text("000", "The Children’s [Services] Improvement Plan"), raw="Ms Reid, Hereford",
           title="Ms", location="Hereford")
    pack.save(db)

    mins = Doc("001_084bcb77530a1605", date="2024-07-30")
    mins.attend("Toni Fagan", title="Councillor", position="chair", raw="Councillor Toni Fagan (chairperson)")
    for name in ("Liz Harvey", "Clare Davies", "Dave Davies", "Robert Highfield", "Ben Proctor"):
        mins.attend(name, title="Councillor")
    mins.attend("Tina Russell", "in_attendance", note="Corporate Director Children and Young People")
    mins.attend("Simon Cann", "in_attendance", note="Committee Clerk")
    rows = [("Hannah Currie", "Ms", "Ms. Hannah Currie Hereford", "Hereford", "Given the issues raised historically"),
            ("James McGeown", "Mr", "Mr. James McGeown Weobley", "Weobley", "Thank you for most useful answer"),
            ("Megan McGeown", "Mrs", "Mrs. Megan McGeown Weobley", "Weobley", "I believe you have misunderstood"),
            ("Maggie Steel", "Ms", "Ms. Maggie Steel Hereford", "Hereford", "My question is this, how will you")]
    for name, title, raw, place, marker in rows:
        if split:
            mins.q(name, seed_text("001", marker), raw=raw, title=title, location=place,
                   responder="Cabinet Member Children and Young People")
        else:
            mins.q(None, seed_text("001", marker), raw=raw, responder="Cabinet Member Children and Young People")
    mins.save(db)

    council = Doc("004_58a656bbb4bbd1d0", date="2019-01-18", body="Council")
    council.attend("DB Wilcox", title="Councillor", position="chair", raw="Councillor DB Wilcox (Chairman)")
    for name in ("PJ Edwards", "CA Gandy", "BA Durkin"):
        council.attend(name, title="Councillor")
    council.q("CA Gandy", seed_text("004", "What effect will or has there been"), raw="Councillor CA Gandy, Mortimer",
              title="Councillor", location="Mortimer", kind="member",
              responder="Councillor Felicity Norman, Cabinet Member for Children and Families")
    council.q(None, seed_text("004", "There appears to have been"), raw="Name and address supplied")
    council.save(db)

    later = Doc("planted-2019-cabinet", date="2019-03-01", body="Cabinet")
    later.attend("David Wilcox", title="Councillor")
    later.attend("Sarah Wilcox", title="Councillor")
    later.resolution("That the report be noted.", mover="Cllr Wilcox", seconder="Councillor CA Gandy")
    later.save(db)
    link_archive(db, people_file)
    return db


def people_named(db, name):
    return db.execute("select id from people where name = ?", [name]).fetchall()


def question_person(db, raw):
    return db.execute("select questioner_id from questions where questioner_raw = ?", [raw]).fetchone()[0]


@pytest.fixture
def db(tmp_path):
    return seeds_archive(tmp_path / "a.db")


def test_same_person_across_documents_resolves_once(db):
    """"Hannah Currie" (2022 pack) and "Ms. Hannah Currie Hereford" (2024 pack) are one person."""
    for name, raw in (("Hannah Currie", "Ms. Hannah Currie Hereford"), ("Maggie Steel", "Ms. Maggie Steel Hereford")):
        (pid,), = people_named(db, name)
        assert question_person(db, name) == pid
        assert question_person(db, raw) == pid
        aliases = {r[0] for r in db.execute("select alias from person_aliases where person_id = ?", [pid])}
        assert raw in aliases
    assert db.execute("select role, location from people where name = 'Hannah Currie'").fetchone() == ("public", "Hereford")


def test_raw_strings_without_split_resolve_the_same(tmp_path):
    """When extraction could not split the name, the linker strips the title and a known place
    itself (places: the archive's questioner_location values plus people.yml `places`)."""
    people = tmp_path / "people.yml"
    people.write_text("places: [Hereford, Weobley]\n")
    db = seeds_archive(tmp_path / "raw.db", split=False, people_file=people)
    (pid,), = people_named(db, "Hannah Currie")
    assert question_person(db, "Ms. Hannah Currie Hereford") == question_person(db, "Hannah Currie") == pid
    assert len(people_named(db, "Megan McGeown")) == 1
    assert question_person(db, "Mrs. Megan McGeown Weobley") != question_person(db, "Mr. James McGeown Weobley")


def test_different_people_never_merge(db):
    james, megan = question_person(db, "Mr. James McGeown Weobley"), question_person(db, "Mrs. Megan McGeown Weobley")
    assert james and megan and james != megan
    assert len(people_named(db, "Dave Davies")) == 1 and len(people_named(db, "Clare Davies")) == 1
    assert people_named(db, "Dave Davies") != people_named(db, "Clare Davies")
    assert db.execute("select location from people where name = 'James McGeown'").fetchone()[0] == "Weobley"


def test_initials_join_the_full_name_and_uncertain_stays_unlinked(db):
    """"DB Wilcox" is David Wilcox (the only D. Wilcox); "Cllr Wilcox" could be David or Sarah."""
    (david,), = people_named(db, "David Wilcox")
    chair = db.execute("select person_id, method from person_mentions where raw = 'Councillor DB Wilcox (Chairman)'").fetchone()
    assert chair == (david, "initials")
    assert db.execute("select person_id, method from person_mentions where raw = 'Cllr Wilcox'").fetchone() == (None, "ambiguous")
    assert not people_named(db, "DB Wilcox") and not people_named(db, "Wilcox")
    gandy = db.execute("select distinct person_id from person_mentions where raw like '%Gandy%'").fetchall()
    assert len(gandy) == 1 and gandy[0][0] is not None


def test_roles_and_offices_as_stated(db):
    rows = db.execute("""select p.name, r.role, r.date from person_roles r join people p on p.id = r.person_id
                         order by p.name, r.role""").fetchall()
    assert ("Tina Russell", "Corporate Director Children and Young People", "2024-07-30") in rows
    assert ("Felicity Norman", "Cabinet Member for Children and Families", "2019-01-18") in rows
    assert ("Toni Fagan", "chair", "2024-07-30") in rows
    roles = dict(db.execute("select name, role from people").fetchall())
    assert roles["Tina Russell"] == "officer" and roles["Toni Fagan"] == "councillor"
    assert roles["CA Gandy"] == "councillor" and roles["Maggie Steel"] == "public"
    # offices are not people: the responder "Cabinet Member Children and Young People" names nobody
    assert not db.execute("select 1 from people where name like '%Cabinet%' or name like '%supplied%'").fetchall()
    assert db.execute("select count(*) from responses where responder_id is not null").fetchone()[0] == 1


def test_ids_are_deterministic_and_relinking_is_stable(tmp_path, db):
    before = db.execute("select id, name from people order by id").fetchall()
    mentions = db.execute("select table_name, row_id, column_name, person_id, method from person_mentions order by 1, 2, 3").fetchall()
    link_archive(db)
    assert db.execute("select id, name from people order by id").fetchall() == before
    assert db.execute("select table_name, row_id, column_name, person_id, method from person_mentions order by 1, 2, 3").fetchall() == mentions
    other = seeds_archive(tmp_path / "b.db")
    assert other.execute("select id, name from people order by id").fetchall() == before


def test_scoped_by_council(tmp_path, db):
    doc = Doc("elsewhere", date="2024-01-01", council="Shropshire Council")
    doc.q("Hannah Currie", "Another council entirely.")
    doc.save(db)
    link_archive(db)
    ids = people_named(db, "Hannah Currie")
    assert len(ids) == 2


def test_fuzzy_near_spelling_is_linked_with_its_score(db):
    doc = Doc("misspelt", date="2024-09-10")
    doc.q("Hanna Currie", "A further question.", raw="Ms Hanna Currie, Hereford")
    doc.save(db)
    link_archive(db)
    pid, method, score = db.execute(
        "select person_id, method, score from person_mentions where raw = 'Ms Hanna Currie, Hereford'").fetchone()
    assert (pid,) == people_named(db, "Hannah Currie")[0]
    assert method == "fuzzy" and 88 <= score < 100


def test_people_file_applied_first(tmp_path):
    people = tmp_path / "people.yml"
    people.write_text(
        "corrections:\n  'Mr. J. McGeown-Smith': 'James McGeown'\n"
        "people:\n  - name: David Wilcox\n    council: Herefordshire Council\n    aliases: ['Cllr Wilcox']\n")
    db = seeds_archive(tmp_path / "c.db", people_file=people)
    doc = Doc("corrected", date="2024-10-01")
    doc.q(None, "Text.", raw="Mr. J. McGeown-Smith")
    doc.save(db)
    link_archive(db, people)
    (david,), = people_named(db, "David Wilcox")
    assert db.execute("select person_id, method from person_mentions where raw = 'Cllr Wilcox'").fetchone() == (david, "alias")
    assert question_person(db, "Mr. J. McGeown-Smith") == question_person(db, "Mr. James McGeown Weobley")
    assert ("Cllr Wilcox", "people.yml") in db.execute(
        "select alias, source from person_aliases where person_id = ?", [david]).fetchall()


def test_bad_people_file_is_a_clear_error(tmp_path):
    bad = tmp_path / "people.yml"
    bad.write_text("people:\n  - aliases: [x]\n")
    db = open_archive(tmp_path / "d.db")
    with pytest.raises(LinkError, match="needs a name"):
        link_archive(db, bad)
    result = CliRunner().invoke(cli, ["link", str(tmp_path / "d.db"), "--people", str(bad)])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {bad}: every entry under people: needs a name")


def test_link_command_reports(tmp_path, db):
    result = CliRunner().invoke(cli, ["link", str(tmp_path / "a.db")])
    assert result.exit_code == 0, result.output
    assert "people from" in result.output and "left unlinked" in result.output


@pytest.mark.parametrize("raw,key", [
    ("Ms. Hannah Currie Hereford", "hannah currie"),
    ("Councillor DB Wilcox (Chairman)", "db wilcox"),
    ("Councillor David Wilcox", "david wilcox"),
    ("Cllr Wilcox", "wilcox"),
    ("Melissa Portman - Lewis", "melissa portman-lewis"),
    ("Councillor Collins (M)", "m collins"),
    ("Councillor E. O'Donovan", "e odonovan"),
    ("Councilor Tuttle", "tuttle"),
    ("Dave Davies", "david davies"),
])
def test_parse_name_keys(raw, key):
    assert parse_name(raw, places={"hereford"}).key() == key


@pytest.mark.parametrize("raw", ["Name and address supplied", "Cabinet Member Children and Young People",
                                 "The Director for Children and Young People", "Councillor Redstone/Councillor Watkins"])
def test_not_a_person(raw):
    assert parse_name(raw) is None


def test_resolver_prefers_the_one_councillor():
    """"Cllr Jones" between a councillor Jones and a member of the public Jones is the councillor."""
    mentions = [Mention("attendance", "1", "name", "Councillor Amy Jones"),
                Mention("questions", "q1", "questioner", "Mr Bill Jones, Ledbury"),
                Mention("resolutions", "r1", "mover", "Cllr Jones")]
    matches = {m.mention.row_id: m for m in Resolver("x").resolve(mentions)}
    assert matches["r1"].person_id == matches["1"].person_id != matches["q1"].person_id


def test_nickname_initials_match_older_minutes():
    """Herefordshire's "EPJ Harvey" (2019 minutes) and "Liz Harvey" (2024): Liz is Elizabeth, so
    the initials agree and the two are one person; "Cllr Harvey" then has one candidate."""
    mentions = [Mention("attendance", "1", "name", "EPJ Harvey", title="Councillor"),
                Mention("attendance", "2", "name", "Councillor Liz Harvey (vice-chairperson)"),
                Mention("resolutions", "r1", "mover", "Cllr Harvey")]
    matches = {m.mention.row_id: m for m in Resolver("Herefordshire Council").resolve(mentions)}
    assert matches["1"].person_id == matches["2"].person_id == matches["r1"].person_id
    assert (matches["1"].method, matches["r1"].method) == ("initials", "surname")


def test_real_ingest_of_the_seeds(tmp_path):
    """The whole path: `minutes-archive ingest` extracts the seed documents and links people and
    threads at the end. The two public questioners who appear in both the 2022 pack (000) and the
    2024 supplementary pack (001) are one person each; the McGeowns and the Davieses are not
    merged; every supplementary with a parent is in its parent's thread."""
    archive = tmp_path / "seeds.db"
    result = CliRunner().invoke(cli, ["ingest", str(archive), str(SEEDS), "-s", "--council", COUNCIL,
                                      "--cache-dir", str(tmp_path / "cache")])
    assert result.exit_code == 0, result.output
    db = open_archive(archive)
    both = db.execute("""select p.name from questions q join people p on p.id = q.questioner_id
                         group by p.id having count(distinct q.document_id) > 1 order by p.name""").fetchall()
    assert both == [("Hannah Currie",), ("Maggie Steel",)]
    for a, b in (("James McGeown", "Megan McGeown"), ("Dave Davies", "Clare Davies")):
        ids = [people_named(db, name) for name in (a, b)]
        assert len(ids[0]) == len(ids[1]) == 1 and ids[0] != ids[1]
    orphans = db.execute("""select count(*) from questions where parent_id is not null
                            and thread_id is not (select thread_id from questions p where p.id = questions.parent_id)""")
    assert orphans.fetchone()[0] == 0
    assert db.execute("select count(*) from questions where parent_id is not null").fetchone()[0] >= 6
