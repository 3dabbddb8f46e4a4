"""The archive's contract (records) and its database (shape, open, load)."""
from __future__ import annotations

from pathlib import Path

import sqlite_utils

SCHEMA_VERSION = 1
SCHEMA_SQL = Path(__file__).with_name("archive.sql")


class SchemaMismatch(Exception):
    pass


def open_archive(path, *, create: bool = True) -> sqlite_utils.Database:
    """Open (and if needed create) an archive with foreign keys on and the schema applied.

    An archive written by an older schema is refused with a message telling the user to
    rebuild, rather than silently mixing shapes."""
    from .load import ensure_shape

    db = sqlite_utils.Database(path)
    db.conn.execute("PRAGMA foreign_keys = ON")
    db.conn.execute("PRAGMA journal_mode = WAL")
    db.conn.execute("PRAGMA busy_timeout = 5000")
    # WAL's recommended setting: a commit no longer waits for the disk (opening a new archive
    # took 36 ms of fsyncs, 10 ms without). The archive cannot be corrupted by a crash; at worst
    # the last documents of a run are rolled back, and the next run loads them again.
    db.conn.execute("PRAGMA synchronous = NORMAL")
    if "schema_version" in db.table_names():
        row = db.execute("select version from schema_version").fetchone()
        if row and row[0] != SCHEMA_VERSION:
            raise SchemaMismatch(
                f"{path}: archive schema version {row[0]}, this tool writes {SCHEMA_VERSION}: "
                "ingest into a new archive file")
    ensure_shape(db)
    return db
