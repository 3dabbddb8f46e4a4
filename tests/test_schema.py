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
