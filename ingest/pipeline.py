"""Orchestration: source -> cache -> extract -> load, one document at a time.

A document is skipped when the archive already holds its bytes (sha256) at the current
EXTRACTOR_VERSION, so reruns are cheap and `rebuild` only re-extracts what changed. A document
that fails is recorded in `ingest_failures` (once per file and reason) and the run goes on.
"""
from __future__ import annotations

import collections
import concurrent.futures
import contextlib
from concurrent.futures.process import BrokenProcessPool
import gc
import hashlib
import json
import logging
import os
from dataclasses import dataclass, field

from extract import EXTRACTOR_VERSION, ReadError, content_type_for, estimated_pages, extract_document, warm_up
from schema.load import record_failure, save_document

from .cache import Cache
from .sources import Source

log = logging.getLogger("minutes_archive")

LOADED, SKIPPED, FAILED = "loaded", "skipped", "failed"


class IngestError(Exception):
    """One document failed; str() is the one-line message: "<file>: <reason>"."""


@dataclass
class Summary:
    loaded: int = 0
    skipped: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, outcome: str) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)

    def line(self) -> str:
        return (f"{self.loaded} loaded, {self.skipped} unchanged, {self.failed} failed")


def already_loaded(db, sha: str) -> bool:
    row = db.execute("select extractor_version from documents where id = ?", [sha]).fetchone()
    return row is not None and row[0] == EXTRACTOR_VERSION


def fail(db, source: Source, reason: str, sha=None) -> IngestError:
    """Record a failure (unless the same file already failed for the same reason) and return
    the exception to raise."""
    exists = db.execute(
        "select 1 from ingest_failures where path = ? and coalesce(sha256, '') = ? and reason = ?",
        [source.name, sha or "", reason]).fetchone()
    if not exists:
        record_failure(db, source.name, reason, sha256=sha, council=source.council,
                       extractor_version=EXTRACTOR_VERSION)
    return IngestError(f"{source.name}: {reason}")


def prepare(db, source: Source, raw: bytes | None, cache: Cache, *, force: bool = False):
    """Read a source's bytes and keep them in the raw cache. Returns (raw, sha256), or None when
    the archive already holds these bytes at the current extractor version; raises IngestError."""
    if source.problem:
        raise fail(db, source, source.problem)
    if raw is None:
        try:
            raw = source.read_bytes()
        except OSError as exc:
            raise fail(db, source, f"cannot read ({exc.strerror or exc})") from None
    if not raw:
        raise fail(db, source, "empty file")
    sha = hashlib.sha256(raw).hexdigest()
    if not force and already_loaded(db, sha):
        return None
    try:
        cache.put(raw, sha)
    except OSError as exc:
        raise fail(db, source, f"cannot write to the raw cache ({exc.strerror or exc})", sha) from None
    return raw, sha


def extract_source(source: Source, raw: bytes):
    """Extraction alone (no database), safe to run in a worker process: returns the records, or
    the one-line reason the document cannot be read."""
    try:
        return extract_document(raw, source.filename, source.content_type, council=source.council,
                                path=source.path, url=source.url, provenance=source.provenance)
    except ReadError as exc:
        return str(exc)
    except Exception as exc:  # a bug in extraction must not stop a bulk run
        log.debug("extraction crashed on %s", source.name, exc_info=True)
        return f"extraction failed ({type(exc).__name__}: {exc})"


def save_extracted(db, source: Source, extracted, sha: str) -> str:
    """Load what extract_source returned, in one transaction. Returns LOADED; raises IngestError."""
    if isinstance(extracted, str):
        raise fail(db, source, extracted, sha)
    try:
        save_document(db, extracted)
    except Exception as exc:
        log.debug("load failed on %s", source.name, exc_info=True)
        raise fail(db, source, f"could not be loaded ({type(exc).__name__}: {exc})", sha) from None
    with db.atomic():
        db.execute("delete from ingest_failures where path = ? or sha256 = ?", [source.name, sha])
    return LOADED


def load_bytes(db, source: Source, raw: bytes, sha: str) -> str:
    return save_extracted(db, source, extract_source(source, raw), sha)


def process(db, source: Source, raw: bytes | None, cache: Cache, *, force: bool = False) -> str:
    """Ingest one document. Returns LOADED or SKIPPED; raises IngestError on failure."""
    prepared = prepare(db, source, raw, cache, force=force)
    if prepared is None:
        return SKIPPED
    return load_bytes(db, source, *prepared)


def default_workers() -> int:
    """Extraction processes for bulk runs: one per core (the database writer is the main process)."""
    return max(1, os.cpu_count() or 1)


#: Documents read ahead of the one being loaded: while one worker reads a 500-page pack, the
#: others go on with up to this many documents after it instead of waiting for it to load.
WINDOW_PER_WORKER = 8
WINDOW_BYTES = 256 * 2**20  # unsent raw bytes held at once


@dataclass
class _Job:
    source: Source
    sha: str
    raw: bytes | None  # until sent to a worker
    pages: float  # estimated work (extract.estimated_pages)
    future: concurrent.futures.Future | None = None
    longest: bool = False  # started ahead of older documents for being the longest


def run_ingest(db, sources, cache: Cache, *, force=False, strict=False, on_error=None,
               progress=None, workers=None) -> Summary:
    """Ingest every source; `on_error(message)` is told about each failure. With `strict`, the
    first failure stops the run (the IngestError propagates).

    With more than one worker, extraction (the CPU-bound part) runs in a process pool while this
    process reads files, fills the cache and writes each document in its own transaction, in the
    order given; a window of documents is read ahead (WINDOW_PER_WORKER, WINDOW_BYTES), so
    memory stays bounded."""
    summary = Summary()
    sources = progress or sources
    workers = default_workers() if workers is None else workers

    def failed(exc):
        summary.add(FAILED)
        summary.errors.append(str(exc))
        if on_error:
            on_error(str(exc))
        if strict:
            raise exc

    if workers <= 1:
        for source in sources:
            try:
                summary.add(process(db, source, None, cache, force=force))
            except IngestError as exc:
                failed(exc)
        return summary

    window = collections.deque()  # _Job, in the order given: loaded in this order
    seen = set()  # the same bytes twice in one run (a file in two folders) load once
    warmed = []

    def load_oldest():
        job = window.popleft()
        try:
            extracted = job.future.result()
        except BrokenProcessPool:
            extracted = "extraction failed (its worker process died)"
        try:
            summary.add(save_extracted(db, job.source, extracted, job.sha))
        except IngestError as exc:
            failed(exc)

    def submit(pool, job):
        """Start the job's extraction: in the pool, or here when the pool has broken."""
        if not warmed:  # the pool forks its workers at the first submit: they inherit this
            warm_up()   # (a rerun that skips every document never loads spaCy)
            gc.freeze()
            warmed.append(True)
        raw, job.raw = job.raw, None
        try:
            job.future = pool.submit(extract_source, job.source, raw)
        except BrokenProcessPool:
            job.future = concurrent.futures.Future()
            job.future.set_result(extract_source(job.source, raw))

    def start_jobs(pool):
        """Give the workers documents until each has one and one more is queued (see next_job)."""
        running = [job for job in window if job.future is not None and not job.future.done()]
        waiting = [job for job in window if job.future is None]
        while waiting and len(running) < workers + 1:
            job = next_job(waiting, running)
            waiting.remove(job)
            submit(pool, job)
            running.append(job)
        return running

    def step(pool):
        """Keep every worker busy and load the oldest document once it is extracted; else wait
        for any extraction to finish."""
        running = start_jobs(pool)
        if window[0].future is not None and window[0].future.done():
            load_oldest()
        else:
            concurrent.futures.wait([job.future for job in running], return_when=concurrent.futures.FIRST_COMPLETED)

    def next_job(waiting, running):
        """One worker reads the longest waiting document, the others the oldest: the oldest keep
        loading in order as they are done, and a 100-page pack is not left to run alone at the
        end while the other workers idle. The two ends meet once the window is empty."""
        if any(job.longest for job in running):
            return waiting[0]
        job = max(waiting, key=lambda job: job.pages)
        job.longest = True
        return job

    def full() -> bool:
        return len(window) >= WINDOW_PER_WORKER * workers or sum(len(j.raw or b"") for j in window) > WINDOW_BYTES

    with _collector_frozen(), concurrent.futures.ProcessPoolExecutor(workers) as pool:
        try:
            for source in sources:
                try:
                    prepared = prepare(db, source, None, cache, force=force)
                except IngestError as exc:
                    if strict:  # what came before the failure still loads, as in a serial run
                        while window:
                            step(pool)
                    failed(exc)
                    continue
                if prepared is None or prepared[1] in seen:
                    summary.add(SKIPPED)
                    continue
                seen.add(prepared[1])
                raw, sha = prepared
                kind = source.content_type or content_type_for(source.filename, raw)
                window.append(_Job(source, sha, raw, estimated_pages(raw, kind)))
                start_jobs(pool)  # the workers start on the first documents while the rest are read
                while full():
                    step(pool)
            while window:
                step(pool)
        except BaseException:
            pool.shutdown(cancel_futures=True)
            raise
    return summary


@contextlib.contextmanager
def _collector_frozen():
    """Forked workers share this process's objects (the loaded pipeline, spaCy's vocabulary)
    until they write to them, and a garbage collection writes to every object it scans. Frozen,
    those objects are never scanned: no copied pages, no time spent in each worker on them."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def stored_sources(db, *, everything=False):
    """Sources for the documents held in the archive: all, or those extracted by an older
    extractor version."""
    sql = "select * from documents where superseded_by is null"  # a superseded version stays as it is
    if not everything:
        sql += " and extractor_version != ?"
    cursor = db.execute(sql, [] if everything else [EXTRACTOR_VERSION])
    columns = [c[0] for c in cursor.description]
    for row in cursor.fetchall():
        doc = dict(zip(columns, row))
        yield doc["sha256"], Source(
            name=doc["url"] or doc["path"] or doc["filename"], filename=doc["filename"],
            path=doc["path"], url=doc["url"], council=doc["council"],
            content_type=doc["content_type"], provenance=doc["provenance"])


def run_rebuild(db, cache: Cache, *, everything=False, on_error=None) -> Summary:
    """Re-extract documents from the raw cache (no network, no source files needed)."""
    summary = Summary()
    for sha, source in list(stored_sources(db, everything=everything)):
        if sha not in cache:
            summary.add(FAILED)
            message = f"{source.name}: not in the raw cache ({cache.path_for(sha)})"
            summary.errors.append(message)
            if on_error:
                on_error(message)
            continue
        try:
            summary.add(load_bytes(db, source, cache.get(sha), sha))
        except IngestError as exc:
            summary.add(FAILED)
            summary.errors.append(str(exc))
            if on_error:
                on_error(str(exc))
    return summary


def provenance_json(**fields) -> str:
    return json.dumps({k: v for k, v in fields.items() if v is not None}, sort_keys=True)
