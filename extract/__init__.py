"""Pure extraction: bytes in, `schema.records` out. No network, no database.

`extract_document()` is the one public entry point; `read()` exposes the readers' Blocks for
`minutes-archive blocks`. Bump EXTRACTOR_VERSION whenever extraction output changes, so that
`ingest` re-extracts cached documents (a rerun skips documents loaded at the current version).
"""
from __future__ import annotations

import hashlib
import importlib
from pathlib import PurePath

from schema.records import Document, DocumentRecords, Page

from .blocks import ReadError, ReadResult

EXTRACTOR_VERSION = "0.1.1"

#: content type -> (module, function) of the reader; imported lazily so a missing optional
#: dependency only matters for the formats that need it.
READERS = {
    "application/pdf": ("extract.read_pdf", "read_pdf"),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ("extract.read_docx", "read_docx"),
    "text/html": ("extract.read_html", "read_html"),
    "application/xml": ("extract.read_xml", "read_xml"),
    "text/markdown": ("extract.read_text", "read_text"),
    "text/plain": ("extract.read_text", "read_text"),
}

SUFFIX_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".html": "text/html",
    ".htm": "text/html",
    ".aspx": "text/html",
    ".xml": "application/xml",
    ".md": "text/markdown",
    ".markdown": "text/markdown",
    ".txt": "text/plain",
}

__all__ = ["EXTRACTOR_VERSION", "ReadError", "content_type_for", "estimated_pages", "extract_document", "read",
           "warm_up"]


def warm_up() -> None:
    """Import every reader and build what each process builds once (spaCy's tokenizer and
    matchers, the gazetteer). A bulk ingest calls this before forking its workers, which then
    share all of it: otherwise each worker spends about a second importing spaCy and building
    the same tables again before its first document."""
    for module_name in sorted({module for module, _ in READERS.values()}):
        try:
            importlib.import_module(module_name)
        except ImportError:  # an optional format's library is missing: its files fail alone
            pass
    importlib.import_module(f"{__name__}.assemble")  # and with it every record finder
    from . import names, questions, rules

    rules.build()
    questions._lead_matcher()
    names.gazetteer()


def content_type_for(name: str, raw: bytes | None = None) -> str | None:
    """The content type by file name, or None when the format is unsupported.

    The name decides what a file claims to be; the bytes are checked by the reader, so a
    PostScript file named `.pdf` is refused as "not a PDF" rather than read as text."""
    suffix = PurePath(name).suffix.lower()
    if suffix in SUFFIX_TYPES:
        return SUFFIX_TYPES[suffix]
    if raw is not None and not suffix:
        head = raw[:512].lstrip().lower()
        if head.startswith(b"%pdf"):
            return "application/pdf"
        if head.startswith(b"<?xml"):
            return "application/xml"
        if head.startswith((b"<!doctype html", b"<html")):
            return "text/html"
    return None


#: Extraction takes about as long for one text-layer PDF page as for 10 KB of any other format
#: (fixtures/: 3-9 ms a PDF page; 2-20 ms per 10 KB of HTML, DOCX, XML or text). A scanned page
#: costs a hundred times more, which nothing short of reading it tells.
BYTES_LIKE_A_PAGE = 10 * 1024


def estimated_pages(raw: bytes, content_type: str | None) -> float:
    """Roughly how much extracting a document will take, in text-layer PDF pages, for sharing
    work out: a bulk ingest starts the longest documents first."""
    if content_type == "application/pdf":
        from .read_pdf import page_count

        try:
            return page_count(raw)
        except Exception:  # an estimate never stops a run: the reader reports what is wrong
            pass
    return len(raw) / BYTES_LIKE_A_PAGE


def read(raw: bytes, content_type: str, **options) -> ReadResult:
    """Run the reader for `content_type` over `raw`. Raises ReadError with a short reason."""
    if not raw:
        raise ReadError("empty file")
    try:
        module_name, func_name = READERS[content_type]
    except KeyError:
        raise ReadError(f"unsupported content type {content_type}") from None
    reader = getattr(importlib.import_module(module_name), func_name)
    return reader(raw, **options)


def extract_document(raw: bytes, filename: str, content_type: str | None = None, *, council=None,
                     path=None, url=None, provenance=None, **read_options) -> DocumentRecords:
    """Read and extract one document. Raises ReadError when the file cannot be read."""
    from .assemble import assemble

    content_type = content_type or content_type_for(filename, raw)
    if content_type is None:
        raise ReadError("unsupported file type")
    sha = hashlib.sha256(raw).hexdigest()
    result = read(raw, content_type, **read_options)
    document = Document(
        id=sha, sha256=sha, filename=filename, size=len(raw), content_type=content_type,
        path=path, url=url, council=council, title=result.title, page_count=len(result.pages),
        extractor_version=EXTRACTOR_VERSION, provenance=provenance,
    )
    records = DocumentRecords(document=document, pages=[
        Page(document_id=sha, page=p.page, text=p.text, method=p.method, ocr_confidence=p.ocr_confidence)
        for p in result.pages
    ])
    assemble(records, result)
    return records
