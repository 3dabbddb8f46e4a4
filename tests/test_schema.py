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
