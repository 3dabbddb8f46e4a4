"""Write extracted records into the archive: one transaction per document.

save_document() deletes the document's previous rows (children cascade) and inserts the new
ones inside one `BEGIN ... COMMIT`; anything that fails rolls the whole document back, so the
archive never holds half a document. FTS indexes are kept in step by triggers.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import functools

import sqlite_utils

from . import SCHEMA_SQL, SCHEMA_VERSION
from .records import TABLES, DocumentRecords


def ensure_shape(db: sqlite_utils.Database) -> None:
    """Create tables, indexes, views, full-text indexes and triggers if missing, and stamp a new
    archive's schema version. Safe to call on every open. One transaction: a new archive's
    ninety-odd statements commit once, not one commit per full-text index."""
    db.conn.executescript(
        f"BEGIN;\n{SCHEMA_SQL.read_text()}\n"
        f"INSERT INTO schema_version (version) SELECT {SCHEMA_VERSION} WHERE NOT EXISTS (SELECT 1 FROM schema_version);\n"
        "COMMIT;")


def now() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


@functools.cache
def _field_names(record_type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(record_type))


def _row(record) -> dict:
    """A record as a table row. Records are flat, so this is `dataclasses.asdict` without its
    deep copy of every value (a tenth of the loader's time on a 100-page pack)."""
    return {name: getattr(record, name) for name in _field_names(type(record))}


def _rows(records):
    return [_row(r) for r in records]


def save_meeting(db, meeting) -> None:
    """Upsert a meeting shared between documents: fill in what this document knows, never blank
    out what another document said."""
    row = {k: v for k, v in _row(meeting).items() if v is not None}
    existing = db.execute("select * from meetings where id = ?", [meeting.id]).fetchone()
    if existing is None:
        db["meetings"].insert(row)
        return
    current = dict(zip([c[0] for c in db.execute("select * from meetings limit 0").description], existing))
    updates = {k: v for k, v in row.items() if current.get(k) in (None, "")}
    if updates:
        db["meetings"].update(meeting.id, updates)


#: tables whose rows point at a meeting: a meeting no row points at any more is dropped
MEETING_REFERENCES = ("documents", "attendance", "agenda_items", "questions", "resolutions", "actions")


def delete_document(db, document_id: str) -> None:
    """Remove a document and (by cascade) everything extracted from it; drop the meetings it
    pointed at that no other document's rows still point at."""
    meetings = {row[0] for table in MEETING_REFERENCES for row in db.execute(
        f"select meeting_id from [{table}] where {'id' if table == 'documents' else 'document_id'} = ?"
        " and meeting_id is not null", [document_id]).fetchall()}
    db.execute("delete from documents where id = ?", [document_id])
    for meeting_id in meetings:
        if not any(db.execute(f"select 1 from [{table}] where meeting_id = ? limit 1", [meeting_id]).fetchone()
                   for table in MEETING_REFERENCES):
            db.execute("delete from meetings where id = ?", [meeting_id])


def save_document(db: sqlite_utils.Database, records: DocumentRecords) -> None:
    """Replace one document's rows in a single transaction. A document marked superseded stays
    so when re-extracted (`--force`, a new extractor version): only its pages are reloaded."""
    doc = records.document
    doc.ingested_at = doc.ingested_at or now()
    with db.atomic():  # BEGIN ... COMMIT, or ROLLBACK on any exception
        row = db.execute("select superseded_by from documents where id = ?", [doc.id]).fetchone()
        if row and row[0]:
            doc.superseded_by = row[0]
            records = DocumentRecords(document=doc, pages=records.pages, meetings=records.meetings)
        delete_document(db, doc.id)
        for meeting in records.meetings:
            save_meeting(db, meeting)
        db["documents"].insert(_row(doc))
        for table in list(TABLES)[1:]:
            if table == "meetings":
                continue
            rows = _rows(getattr(records, table))
            if rows:
                db[table].insert_all(rows)


def supersede_document(db: sqlite_utils.Database, old_id: str, new_id: str) -> None:
    """Keep an older version of a republished page (a ModernGov meeting whose XML gained its
    minutes) as a document, with its page text, but drop the records extracted from it: the newer
    version's records replace them, so the meeting's items and attendance are not listed twice."""
    if old_id == new_id:
        return
    with db.atomic():
        for table in list(TABLES)[1:]:
            if table not in ("meetings", "pages"):
                db.execute(f"delete from [{table}] where document_id = ?", [old_id])
        db.execute("update documents set superseded_by = ? where id = ?", [new_id, old_id])


def record_failure(db: sqlite_utils.Database, path: str, reason: str, *, sha256=None, council=None,
                   extractor_version=None) -> None:
    """Note a document that did not load, so a user can see what is missing and why."""
    with db.atomic():
        db["ingest_failures"].insert({
            "path": path, "sha256": sha256, "council": council, "reason": reason,
            "extractor_version": extractor_version, "failed_at": now(),
        })
