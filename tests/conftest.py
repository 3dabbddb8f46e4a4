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


@pytest.fixture
def archive_path(tmp_path):
    return tmp_path / "archive.db"


@pytest.fixture
def seeds_dir(tmp_path):
    """A private copy of the five Herefordshire seed documents."""
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    return target
