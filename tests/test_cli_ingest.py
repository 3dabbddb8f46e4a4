"""End-to-end: `minutes-archive ingest` on real files builds an archive; bad files are refused
with one line each, recorded, and never leave rows behind."""
import shutil
import sqlite3

from click.testing import CliRunner

from ingest.cli import cli

from .conftest import SHARED, fixture_path


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def count(db_path, sql):
    return sqlite3.connect(db_path).execute(sql).fetchone()[0]


def test_ingest_seeds_then_rerun_changes_nothing(archive_path, seeds_dir):
    result = run("ingest", archive_path, seeds_dir, "--council", "Herefordshire Council")
    assert result.exit_code == 0, result.output
    assert "5 loaded, 0 unchanged, 0 failed" in result.output
    assert count(archive_path, "select count(*) from documents") == 5
    assert count(archive_path, "select count(distinct council) from documents") == 1
    before = sqlite3.connect(archive_path).execute("select id, ingested_at from documents order by id").fetchall()
    again = run("ingest", archive_path, seeds_dir)
    assert again.exit_code == 0
    assert "0 loaded, 5 unchanged, 0 failed" in again.output
    after = sqlite3.connect(archive_path).execute("select id, ingested_at from documents order by id").fetchall()
    assert before == after


def test_raw_bytes_kept_in_content_addressed_cache(archive_path, seeds_dir):
    run("ingest", archive_path, seeds_dir)
    cache = archive_path.with_name(archive_path.name + ".cache")
    sha = count(archive_path, "select sha256 from documents where filename like '000_%'")
    assert (cache / sha[:2] / sha).read_bytes() == (seeds_dir / "000_e415bac42ba79459.txt").read_bytes()


def test_bad_files_are_named_recorded_and_the_rest_loads(archive_path, tmp_path, seeds_dir):
    folder = tmp_path / "mixed"
    folder.mkdir()
    shutil.copy(seeds_dir / "004_58a656bbb4bbd1d0.txt", folder)
    (folder / "empty.pdf").write_bytes(b"")
    (folder / "random.pdf").write_bytes(bytes(range(256)) * 40)
    (folder / "setup.exe").write_bytes(b"MZ\x90\x00")
    good_pdf = SHARED / "corpus/uk/souldern-parish-council/parish-council-2025-11-27-minutes.pdf"
    if good_pdf.exists():
        (folder / "truncated.pdf").write_bytes(good_pdf.read_bytes()[:3000])
    result = CliRunner().invoke(cli, ["ingest", str(archive_path), str(folder)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    lines = [line for line in result.output.splitlines() if line.startswith("Error:")]
    assert f"Error: {folder / 'empty.pdf'}: empty file" in lines
    assert f"Error: {folder / 'setup.exe'}: unsupported file type (.exe)" in lines
    assert any(line.startswith(f"Error: {folder / 'random.pdf'}: ") for line in lines)
    failures = count(archive_path, "select count(*) from ingest_failures")
    assert failures == len(lines)
    assert count(archive_path, "select count(*) from documents") == 1
    # a second run adds nothing
    again = CliRunner().invoke(cli, ["ingest", str(archive_path), str(folder)])
    assert again.exit_code == 1
    assert count(archive_path, "select count(*) from ingest_failures") == failures
    assert count(archive_path, "select count(*) from documents") == 1


def test_strict_stops_at_first_failure(archive_path, tmp_path, seeds_dir):
    folder = tmp_path / "strict"
    folder.mkdir()
    (folder / "a-empty.txt").write_bytes(b"")
    shutil.copy(seeds_dir / "004_58a656bbb4bbd1d0.txt", folder / "b.txt")
    result = CliRunner().invoke(cli, ["ingest", str(archive_path), str(folder), "--strict"])
    assert result.exit_code == 1
    assert count(archive_path, "select count(*) from documents") == 0


def test_records_prints_json_without_a_database(tmp_path):
    result = run("records", fixture_path("herefordshire", "004_58a656bbb4bbd1d0.txt"))
    assert result.exit_code == 0
    import json
    data = json.loads(result.output)
    assert data["document"]["filename"] == "004_58a656bbb4bbd1d0.txt"
    assert not list(tmp_path.iterdir())


def test_rebuild_reextracts_from_cache(archive_path, seeds_dir):
    run("ingest", archive_path, seeds_dir)
    db = sqlite3.connect(archive_path)
    db.execute("update documents set extractor_version = 'old'")
    db.commit()
    shutil.rmtree(seeds_dir)  # rebuild needs only the cache
    result = run("rebuild", archive_path)
    assert result.exit_code == 0, result.output
    assert "5 loaded" in result.output
    assert count(archive_path, "select count(*) from documents where extractor_version = 'old'") == 0


def test_parallel_and_serial_ingest_build_the_same_archive(tmp_path, seeds_dir):
    """Extraction in worker processes must not change what is loaded, nor its order."""
    from ingest.cache import Cache
    from ingest.pipeline import run_ingest
    from ingest.sources import walk
    from schema import open_archive

    tables = ["meetings", "attendance", "agenda_items", "questions", "responses", "resolutions", "actions"]
    contents = []
    for workers in (1, 2):
        db = open_archive(tmp_path / f"w{workers}.db")
        summary = run_ingest(db, list(walk([seeds_dir])), Cache(tmp_path / f"c{workers}"), workers=workers)
        assert summary.line() == "5 loaded, 0 unchanged, 0 failed"
        contents.append({t: sorted(map(repr, db.execute(f"select * from {t}").fetchall())) for t in tables})
        db.close()
    assert contents[0] == contents[1]
    assert contents[0]["questions"]


def test_workers_inherit_a_warmed_extractor_and_a_rerun_never_warms_it(tmp_path, seeds_dir, monkeypatch):
    """The extractor (spaCy, its matchers) is built once, before the workers fork, and not at
    all when every document is already in the archive."""
    import extract
    from extract import questions, rules
    from ingest import pipeline
    from ingest.cache import Cache
    from ingest.sources import walk
    from schema import open_archive

    extract.warm_up()
    assert rules.nlp.cache_info().currsize == 1
    assert questions._lead_matcher()[0] is rules.nlp()  # one tokenizer, not two
    built = rules._matcher.cache_info().currsize
    for path in sorted(seeds_dir.iterdir()):
        extract.extract_document(path.read_bytes(), path.name)
    assert rules._matcher.cache_info().currsize == built  # nothing left for a worker to build
    calls = []
    monkeypatch.setattr(pipeline, "warm_up", lambda: calls.append(1))
    db = open_archive(tmp_path / "a.db")
    first = pipeline.run_ingest(db, list(walk([seeds_dir])), Cache(tmp_path / "c"), workers=2)
    again = pipeline.run_ingest(db, list(walk([seeds_dir])), Cache(tmp_path / "c"), workers=2)
    assert (first.line(), again.line()) == ("5 loaded, 0 unchanged, 0 failed", "0 loaded, 5 unchanged, 0 failed")
    assert calls == [1]


def _slow_first(source, raw):
    """Extraction as in a worker, the first document taking a second (a 500-page pack); each
    writes down when it finished."""
    import time
    from pathlib import Path

    from ingest import pipeline

    if source.filename.startswith("00"):
        time.sleep(1.0)
    result = pipeline._real_extract_source(source, raw)
    Path(source.path).with_suffix(".done").write_text(repr(time.monotonic()))
    return result


def test_a_slow_document_does_not_hold_up_the_documents_after_it(tmp_path, monkeypatch):
    """While one worker reads a long document, the others go on with the documents after it
    (they are read ahead), and everything still loads in the order given."""
    from ingest import pipeline
    from ingest.cache import Cache
    from ingest.sources import walk
    from schema import open_archive

    folder = tmp_path / "docs"
    folder.mkdir()
    for n in range(12):
        (folder / f"{n:02d}.txt").write_text(f"Minutes of the meeting number {n}\n\n1. Apologies\nNone.\n")
    monkeypatch.setattr(pipeline, "_real_extract_source", pipeline.extract_source, raising=False)
    monkeypatch.setattr(pipeline, "extract_source", _slow_first)
    db = open_archive(tmp_path / "a.db")
    summary = pipeline.run_ingest(db, list(walk([folder])), Cache(tmp_path / "c"), workers=2)
    assert summary.line() == "12 loaded, 0 unchanged, 0 failed"
    finished = {p.stem: float(p.read_text()) for p in folder.glob("*.done")}
    assert max(t for name, t in finished.items() if name != "00") < finished["00"]
    loaded = [r[0] for r in db.execute("select filename from documents order by rowid")]
    assert loaded == sorted(loaded)


def _timed(source, raw):
    """Extraction as in a worker, writing down when it started; none ends before the folder is
    read through (its "all-read" mark), the longest document (a 500-page pack) a second later."""
    import time
    from pathlib import Path

    from ingest import pipeline

    Path(source.path).with_suffix(".started").write_text(repr(time.monotonic()))
    while not (Path(source.path).parent / "all-read").exists():
        time.sleep(0.01)
    time.sleep(1.0 if source.filename.startswith("11") else 0.01)
    return pipeline._real_extract_source(source, raw)


def _marking_the_end(sources, folder):
    yield from sources
    (folder / "all-read").touch()


def test_the_longest_document_starts_first_wherever_it_comes(tmp_path, monkeypatch):
    """A long pack last in a folder is started at once, not after the rest (which would leave
    one worker reading it alone at the end); documents still load in the order given."""
    from ingest import pipeline
    from ingest.cache import Cache
    from ingest.sources import walk
    from schema import open_archive

    folder = tmp_path / "docs"
    folder.mkdir()
    for n in range(12):
        padding = "None.\n" * (20_000 if n == 11 else 10)  # 11: the longest by far
        (folder / f"{n:02d}.txt").write_text(f"Minutes of the meeting number {n}\n\n1. Apologies\n{padding}")
    monkeypatch.setattr(pipeline, "_real_extract_source", pipeline.extract_source, raising=False)
    monkeypatch.setattr(pipeline, "extract_source", _timed)
    db = open_archive(tmp_path / "a.db")
    summary = pipeline.run_ingest(db, _marking_the_end(walk([folder]), folder), Cache(tmp_path / "c"), workers=2)
    assert summary.line() == "12 loaded, 0 unchanged, 0 failed"
    started = sorted(folder.glob("*.started"), key=lambda p: float(p.read_text()))
    # the first three start as they are read (a worker does not wait for the folder); the long
    # one is next as soon as the worker reading the longest is free (give or take the document
    # another worker starts at the same moment), not twelfth
    assert "11" in [p.stem for p in started[:5]]
    loaded = [r[0] for r in db.execute("select filename from documents order by rowid")]
    assert loaded == sorted(loaded)


def test_workers_start_while_the_rest_of_the_folder_is_read(tmp_path, monkeypatch):
    """Extraction starts with the first document, not once the read-ahead window is full or the
    sources run out (a crawl yields a document every few seconds)."""
    import time

    from ingest import pipeline
    from ingest.cache import Cache
    from ingest.sources import walk
    from schema import open_archive

    folder = tmp_path / "docs"
    folder.mkdir()
    for n in range(4):
        (folder / f"{n:02d}.txt").write_text(f"Minutes of the meeting number {n}\n\n1. Apologies\nNone.\n")
    yielded = []

    def slowly(sources):
        for source in sources:
            time.sleep(0.5)
            yielded.append(time.monotonic())
            yield source
        (folder / "all-read").touch()

    monkeypatch.setattr(pipeline, "_real_extract_source", pipeline.extract_source, raising=False)
    monkeypatch.setattr(pipeline, "extract_source", _timed)
    db = open_archive(tmp_path / "a.db")
    summary = pipeline.run_ingest(db, slowly(list(walk([folder]))), Cache(tmp_path / "c"), workers=2)
    assert summary.line() == "4 loaded, 0 unchanged, 0 failed"
    assert float((folder / "00.started").read_text()) < yielded[-1]


def test_same_file_twice_in_one_run_loads_once(archive_path, tmp_path, seeds_dir):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        shutil.copy(seeds_dir / "004_58a656bbb4bbd1d0.txt", tmp_path / folder / "x.txt")
    result = run("ingest", archive_path, tmp_path / "a", tmp_path / "b")
    assert "1 loaded, 1 unchanged, 0 failed" in result.output


def test_strict_in_parallel_keeps_what_came_before_the_failure(archive_path, seeds_dir):
    result = CliRunner().invoke(cli, ["ingest", str(archive_path), str(seeds_dir), "/nonexistent.pdf", "--strict"])
    assert result.exit_code == 1
    assert count(archive_path, "select count(*) from documents") == 5


def test_unwritable_cache_is_a_one_line_failure(archive_path, tmp_path, seeds_dir):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = CliRunner().invoke(cli, ["ingest", str(archive_path), str(seeds_dir / "000_e415bac42ba79459.txt"),
                                      "--cache-dir", str(blocker / "sub")])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "cannot write to the raw cache" in result.output
    assert count(archive_path, "select count(*) from documents") == 0


def test_bad_pages_option_is_a_usage_error():
    result = CliRunner().invoke(cli, ["blocks", str(fixture_path("herefordshire", "003_aadda3c5b76c8e7f.txt")),
                                      "--pages", "x"])
    assert result.exit_code == 2
    assert "expected page numbers" in result.output


def test_a_worker_that_dies_fails_its_documents_without_a_traceback(archive_path, tmp_path, seeds_dir, monkeypatch):
    """A library crashing a worker process (segfault, OOM kill) fails the documents in flight,
    one line each, and the run goes on; a rerun retries them."""
    import os

    import ingest.pipeline as pipeline
    from ingest.cache import Cache
    from ingest.sources import walk
    from schema import open_archive

    real = pipeline.extract_document

    def crash_on_001(raw, filename, *args, **kwargs):
        if filename.startswith("001_"):
            os._exit(9)
        return real(raw, filename, *args, **kwargs)

    monkeypatch.setattr(pipeline, "extract_document", crash_on_001)  # inherited by forked workers
    db = open_archive(archive_path)
    messages = []
    summary = pipeline.run_ingest(db, list(walk([seeds_dir])), Cache(tmp_path / "c"), workers=2,
                                  on_error=messages.append)
    assert summary.failed >= 1 and summary.loaded + summary.failed == 5
    assert any("001_" in m and "worker process died" in m for m in messages)
    monkeypatch.setattr(pipeline, "extract_document", real)
    again = pipeline.run_ingest(db, list(walk([seeds_dir])), Cache(tmp_path / "c"), workers=2)
    assert again.failed == 0 and db.execute("select count(*) from documents").fetchone()[0] == 5
