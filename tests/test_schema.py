"""The records are the contract: dataclass fields and table columns must agree exactly."""
import dataclasses

import pytest

import extract
import ingest
import schema
from schema import open_archive
from schema.records import TABLES

from .conftest import ROOT


def test_packages_are_ours():
    """`schema` and `extract` share names with PyPI packages: make sure we import our own."""
    for module in (schema, extract, ingest):
        assert ROOT in __import__("pathlib").Path(module.__file__).resolve().parents


@pytest.mark.parametrize("table,record", list(TABLES.items()))
def test_record_fields_match_columns(tmp_path, table, record):
    db = open_archive(tmp_path / "a.db")
    columns = set(db[table].columns_dict)
    fields = {f.name for f in dataclasses.fields(record)}
    assert fields == columns


def test_foreign_keys_are_enforced(tmp_path):
    db = open_archive(tmp_path / "a.db")
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    with pytest.raises(Exception):
        db.execute("insert into questions (id, document_id, seq, text, kind) values ('q', 'nope', 1, 't', 'public')")


def test_open_is_idempotent(tmp_path):
    open_archive(tmp_path / "a.db")
    db = open_archive(tmp_path / "a.db")
    assert db.execute("select count(*) from schema_version").fetchone()[0] == 1
    assert db["questions_fts"].exists()


def test_full_text_index_follows_text_edits_but_not_link_columns(tmp_path):
    """Linking writes person and thread ids on every row: that must not re-index the row's text
    (the update triggers name the indexed columns), while an edit of the text still does."""
    db = open_archive(tmp_path / "a.db")
    with db.atomic():
        db.execute("insert into documents (id, sha256, filename, size, content_type, extractor_version)"
                   " values ('d', 'd', 'd.pdf', 1, 'application/pdf', 'x')")
        db.execute("insert into questions (id, document_id, seq, text, kind) values ('q', 'd', 1, 'foster carers', 'public')")
    changes = db.conn.total_changes
    with db.atomic():
        db.execute("update questions set thread_id = 'q' where id = 'q'")
    assert db.conn.total_changes - changes == 1  # the row alone: no delete and insert in questions_fts

    def hits(word):
        return db.execute("select count(*) from questions_fts where questions_fts match ?", [word]).fetchone()[0]

    assert hits("foster") == 1
    with db.atomic():
        db.execute("update questions set text = 'school transport' where id = 'q'")
    assert (hits("foster"), hits("transport")) == (0, 1)
    reopened = open_archive(tmp_path / "a.db")  # an older archive's broad trigger is narrowed on open
    triggers = [r[0] for r in reopened.execute("select sql from sqlite_master where name like '%_au'")]
    assert triggers and all("AFTER UPDATE OF" in sql for sql in triggers)


FULL_TEXT_TABLES = {"questions", "responses", "resolutions", "agenda_items", "actions", "pages"}


def test_every_full_text_index_stays_in_step_with_its_table(tmp_path, seeds_dir):
    """archive.sql writes each index's three triggers out by hand: FTS5's integrity check (against
    the table's own rows) catches a trigger that names the wrong column or misses an edit, after
    loading, linking, editing every indexed column, reloading and deleting documents."""
    from extract import extract_document
    from ingest.link import link_archive
    from schema.load import delete_document, save_document

    db = open_archive(tmp_path / "a.db")
    indexes = {row[0] for row in db.execute(
        "select name from sqlite_master where type = 'table' and sql like 'CREATE VIRTUAL TABLE%USING FTS5%'")}
    assert indexes == {f"{table}_fts" for table in FULL_TEXT_TABLES}

    def check(step):
        for table in FULL_TEXT_TABLES:
            try:
                db.execute(f"insert into [{table}_fts] ([{table}_fts], rank) values ('integrity-check', 1)")
            except Exception as exc:
                pytest.fail(f"{table}_fts out of step after {step}: {exc}")

    records = [extract_document(path.read_bytes(), path.name) for path in sorted(seeds_dir.iterdir())]
    for found in records:
        save_document(db, found)
    assert all(db[table].count for table in FULL_TEXT_TABLES)  # every index has rows to check
    check("loading")
    link_archive(db)
    check("linking")
    with db.atomic():
        for table in FULL_TEXT_TABLES:
            for column in db.execute(f"select * from [{table}_fts] limit 0").description:
                db.execute(f"update [{table}] set [{column[0]}] = [{column[0]}] || ' edited'"
                           f" where rowid in (select rowid from [{table}] limit 3)")
    check("editing")
    save_document(db, records[0])
    check("reloading")
    with db.atomic():
        delete_document(db, records[1].document.id)
    check("deleting")
