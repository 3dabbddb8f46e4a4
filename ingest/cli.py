"""The `minutes-archive` command: thin click commands over ingest.pipeline and extract."""
from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

import click

from extract import ReadError, content_type_for, extract_document, read
from schema import SchemaMismatch, open_archive

from .cache import Cache, default_root
from .pipeline import IngestError, run_ingest, run_rebuild
from .sources import walk


def _open(archive):
    try:
        return open_archive(archive)
    except SchemaMismatch as exc:
        raise click.ClickException(str(exc)) from None
    except Exception as exc:  # not a SQLite file, unwritable directory, ...
        raise click.ClickException(f"{archive}: cannot open archive ({exc})") from None


def _setup_logging(verbose: bool) -> None:
    logging.basicConfig(level=logging.DEBUG if verbose else logging.WARNING,
                        format="%(levelname)s %(message)s", stream=sys.stderr)


def _report(summary, silent: bool) -> None:
    if not silent:
        click.echo(summary.line(), err=True)
    if summary.failed:
        sys.exit(1)


cache_option = click.option("--cache-dir", type=click.Path(file_okay=False),
                            help="Raw cache folder (default: ARCHIVE.cache/ beside the archive, or $MINUTES_ARCHIVE_CACHE)")
silent_option = click.option("-s", "--silent", is_flag=True, help="No progress bar or summary")
verbose_option = click.option("-v", "--verbose", is_flag=True, help="Log details to stderr")


@click.group()
@click.version_option(package_name="council-minutes-archive")
def cli():
    """Turn council minutes, question packs and agenda pages into a searchable SQLite archive."""


@cli.command()
@click.argument("archive", type=click.Path(dir_okay=False))
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--council", help="Council name recorded on every document")
@click.option("--strict", is_flag=True, help="Stop at the first document that fails")
@click.option("--force", is_flag=True, help="Re-extract documents already in the archive")
@cache_option
@silent_option
@verbose_option
def ingest(archive, paths, council, strict, force, cache_dir, silent, verbose):
    """Ingest files and folders (PDF, DOCX, HTML, XML, TXT, MD) into ARCHIVE.

    Unchanged documents are skipped; bad files are named on stderr, recorded in the
    ingest_failures table, and make the exit status 1."""
    _setup_logging(verbose)
    db = _open(archive)
    cache = Cache(cache_dir or default_root(archive))
    sources = list(walk(paths, council=council))
    on_error = lambda message: click.echo(f"Error: {message}", err=True)  # noqa: E731
    show_bar = not silent and len(sources) > 1
    try:
        with click.progressbar(sources, label="Ingesting", file=sys.stderr,
                               item_show_func=lambda s: s.filename if s else "", hidden=not show_bar) as bar:
            summary = run_ingest(db, sources, cache, force=force, strict=strict, on_error=on_error, progress=bar)
    except IngestError:
        sys.exit(1)
    _link(db)
    _report(summary, silent)


@cli.command()
@click.argument("archive", type=click.Path(dir_okay=False, exists=True))
@click.option("--all", "everything", is_flag=True, help="Re-extract every document, not only stale ones")
@cache_option
@silent_option
@verbose_option
def rebuild(archive, everything, cache_dir, silent, verbose):
    """Re-extract documents from the raw cache after an extractor change."""
    _setup_logging(verbose)
    db = _open(archive)
    cache = Cache(cache_dir or default_root(archive))
    summary = run_rebuild(db, cache, everything=everything,
                          on_error=lambda message: click.echo(f"Error: {message}", err=True))
    _link(db)
    _report(summary, silent)


def _read_file(file):
    raw = Path(file).read_bytes()
    content_type = content_type_for(file, raw)
    if content_type is None:
        raise click.ClickException(f"{file}: unsupported file type ({Path(file).suffix or 'no extension'})")
    return raw, content_type


def _parse_pages(spec):
    if not spec:
        return None
    pages = set()
    try:
        for part in spec.split(","):
            first, _, last = part.partition("-")
            pages.update(range(int(first), int(last or first) + 1))
    except ValueError:
        raise click.BadParameter(f"{spec!r}: expected page numbers like 1-3 or 2,5", param_hint="--pages") from None
    return pages


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False, exists=True))
@click.option("--pages", help="Only these pages, e.g. 1-3 or 2,5")
def blocks(file, pages):
    """Print the Blocks a reader saw in FILE, as JSON (for debugging)."""
    raw, content_type = _read_file(file)
    try:
        result = read(raw, content_type)
    except ReadError as exc:
        raise click.ClickException(f"{file}: {exc}") from None
    wanted = _parse_pages(pages)
    out = [b.to_dict() for b in result.blocks if wanted is None or b.page in wanted]
    click.echo(json.dumps(out, indent=2, ensure_ascii=False))


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False, exists=True))
@click.option("--council", help="Council name recorded on the document")
def records(file, council):
    """Print the records extracted from FILE, as JSON, without touching a database."""
    raw, content_type = _read_file(file)
    try:
        result = extract_document(raw, Path(file).name, content_type, council=council, path=str(file))
    except ReadError as exc:
        raise click.ClickException(f"{file}: {exc}") from None
    data = result.to_dict()
    data.pop("pages")
    click.echo(json.dumps(data, indent=2, ensure_ascii=False))


def _link(db, people_file=None):
    """Resolve people and question threads archive-wide (ingest.link); a bad people file is an error."""
    from .link import LinkError, link_archive

    try:
        summary = link_archive(db, people_file)
    except LinkError as exc:
        raise click.ClickException(str(exc)) from None
    logging.getLogger("minutes_archive").info("linked: %s", summary.line())
    return summary


@cli.command()
@click.argument("archive", type=click.Path(dir_okay=False, exists=True))
@click.option("--people", "people_file", type=click.Path(dir_okay=False),
              help="Corrections and aliases (default: fixtures/people.yml)")
@silent_option
@verbose_option
def link(archive, people_file, silent, verbose):
    """Resolve names to people and link repeated questions into threads, for the whole ARCHIVE.

    Runs after every ingest and rebuild; run it yourself after editing the people file."""
    _setup_logging(verbose)
    summary = _link(_open(archive), people_file)
    if not silent:
        click.echo(summary.line(), err=True)


@cli.command()
@click.argument("archive", type=click.Path(dir_okay=False))
@click.argument("base_url")
@click.option("--since", metavar="DATE", help="First meeting date (YYYY-MM-DD; default: everything on a first "
              "crawl, then the --window)")
@click.option("--until", metavar="DATE", help="Last meeting date (default: a year from today)")
@click.option("--committee", "committees", multiple=True, metavar="ID", help="Only this committee id (repeatable)")
@click.option("--delay", type=float, default=1.0, show_default=True, help="Seconds between requests")
@click.option("--window", type=int, default=60, show_default=True,
              help="Days back from today re-read on every run (minutes appear weeks later)")
@click.option("--max-bytes", type=int, default=50 * 1024 * 1024, show_default=True, help="Size cap per file")
@click.option("--council", help="Council name recorded on every document (default: the site's host)")
@cache_option
@silent_option
@verbose_option
def moderngov(archive, base_url, since, until, committees, delay, window, max_bytes, council, cache_dir,
              silent, verbose):
    """Crawl a ModernGov site (committees, meetings, documents) into ARCHIVE.

    Uses mgWebService.asmx, or the HTML pages where the service is off. Polite (one connection,
    --delay, robots.txt, retries), resumable, and incremental: a rerun fetches only new or changed
    meetings. Failures are named on stderr and make the exit status 1."""
    from .moderngov import CrawlError, Crawler, CrawlOptions, parse_date_option

    _setup_logging(verbose)
    try:
        options = CrawlOptions(council=council, since=parse_date_option(since), until=parse_date_option(until),
                               committees=committees, delay=delay, window=window, max_bytes=max_bytes)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None
    db = _open(archive)
    on_error = lambda message: click.echo(f"Error: {message}", err=True)  # noqa: E731
    try:
        crawler = Crawler(db, base_url, Cache(cache_dir or default_root(archive)), options, on_error=on_error)
        meetings = crawler.list_meetings()
        with click.progressbar(meetings, label="Crawling", file=sys.stderr, hidden=silent,
                               item_show_func=lambda m: f"{crawler.summary.documents} documents loaded, now "
                               f"{m.date} {m.committee}"[:70] if m else "") as bar:
            for listed in bar:
                crawler.crawl_meeting(listed)
        summary = crawler.finish(complete=True)
    except CrawlError as exc:
        raise click.ClickException(str(exc)) from None
    if summary.documents:
        _link(db)
    _report(summary, silent)
