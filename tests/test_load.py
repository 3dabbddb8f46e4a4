"""One transaction per document: a load that fails halfway leaves the archive as it was."""
import pytest

from extract import extract_document
from schema import open_archive
from schema.load import save_document
from schema.records import Question

from .conftest import fixture_path

SEED = fixture_path("herefordshire", "004_58a656bbb4bbd1d0.txt")


def snapshot(db):
    """Row counts per table (FTS5 shadow tables hold merge segments, not rows: left out)."""
    return {t: db.execute(f"select count(*) from [{t}]").fetchone()[0] for t in db.table_names() if "_fts_" not in t}


def records_for(path):
    return extract_document(path.read_bytes(), path.name)


def test_failing_halfway_leaves_no_rows(tmp_path):
    db = open_archive(tmp_path / "a.db")
    before = snapshot(db)
    records = records_for(SEED)
    # a question whose parent does not exist violates a foreign key after documents/pages are written
    records.questions.append(Question(id="broken", document_id=records.document.id, seq=999, text="x",
                                      parent_id="no-such-question"))
    with pytest.raises(Exception):
        save_document(db, records)
    assert snapshot(db) == before


def test_reload_replaces_rows_instead_of_adding(tmp_path):
    db = open_archive(tmp_path / "a.db")
    records = records_for(SEED)
    save_document(db, records)
    first = snapshot(db)
    save_document(db, records_for(SEED))
    assert snapshot(db) == first


def test_failed_reload_keeps_previous_version(tmp_path):
    db = open_archive(tmp_path / "a.db")
    save_document(db, records_for(SEED))
    first = snapshot(db)
    records = records_for(SEED)
    records.pages[0].method = None  # NOT NULL column: fails after the old rows were deleted
    with pytest.raises(Exception):
        save_document(db, records)
    assert snapshot(db) == first
