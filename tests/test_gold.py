"""The shared gold: build an archive from the seed documents with the real CLI and score it
with the shared scorer (`../shared/eval/score.py`). Ratchet: each figure is the value reached
when this test was written, rounded down; raise it when extraction improves, never lower it."""
import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from ingest.cli import cli

from .conftest import SHARED

GOLD = SHARED / "gold"
SEEDS = SHARED / "seeds"
SCORER = SHARED / "eval" / "score.py"

pytestmark = pytest.mark.skipif(not (GOLD.is_dir() and SEEDS.is_dir() and SCORER.is_file()),
                                reason="../shared (gold, seeds, scorer) is not available")

#: record type -> F1 floor (minutes structure: issue 5)
F1_FLOORS = {"agenda_items": 1.0, "resolutions": 1.0, "actions": 1.0, "attendance": 1.0}
MEETING_FIELD_FLOORS = {"body": 1.0, "date": 1.0, "start_time": 1.0, "venue": 1.0, "chair": 1.0}
OVERALL_FLOOR = 0.97


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("gold")
    archive = tmp / "gold.db"
    result = CliRunner().invoke(cli, ["ingest", str(archive), str(SEEDS), "-s", "--cache-dir", str(tmp / "cache")],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    out = subprocess.run([sys.executable, str(SCORER), str(GOLD), str(archive), "--json", "--verbose"],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


@pytest.mark.parametrize("record_type,floor", sorted(F1_FLOORS.items()))
def test_record_type_f1(report, record_type, floor):
    got = report["types"][record_type]
    misses = [n for n in report["notes"] if record_type[:-1].replace("_", " ") in n]
    assert got["f1"] >= floor, (got, misses)


@pytest.mark.parametrize("field,floor", sorted(MEETING_FIELD_FLOORS.items()))
def test_meeting_field_accuracy(report, field, floor):
    assert report["meeting_fields"][field]["accuracy"] >= floor, report["notes"]


def test_overall(report):
    assert report["overall_f1"] >= OVERALL_FLOOR, report["notes"]
