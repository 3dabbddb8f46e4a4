import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
DOCUMENTS = FIXTURES / "documents"
SEEDS = DOCUMENTS / "herefordshire"
SHARED = ROOT.parent / "shared"


def fixture_path(*parts) -> Path:
    return DOCUMENTS.joinpath(*parts)


def read_fixture(*parts):
    """A fixture document as its reader sees it (the ReadResult), the reader chosen by the file
    name as ingest chooses it."""
    from extract import content_type_for, read

    path = fixture_path(*parts)
    return read(path.read_bytes(), content_type_for(path.name))


@pytest.fixture
def archive_path(tmp_path):
    return tmp_path / "archive.db"


@pytest.fixture
def seeds_dir(tmp_path):
    """A private copy of the five Herefordshire seed documents."""
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    return target
