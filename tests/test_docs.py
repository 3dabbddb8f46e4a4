"""The README is the front door: its CLI reference must match the real commands."""
import re
import subprocess
import sys

from click.testing import CliRunner

from ingest.cli import cli

from .conftest import ROOT

README = (ROOT / "README.md").read_text()


def test_every_command_has_help_and_is_in_readme():
    for name, command in cli.commands.items():
        assert command.help, f"{name} has no help text"
        assert f"$ minutes-archive {name} --help" in README, f"{name} missing from README"
        assert CliRunner().invoke(cli, [name, "--help"]).exit_code == 0


def test_readme_cli_reference_is_current():
    """Run `cog --check`: fails when a command's --help changed but the README was not regenerated
    (fix with `.venv/bin/cog -r README.md`)."""
    result = subprocess.run([sys.executable, "-m", "cogapp", "--check", "README.md"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_readme_names_the_two_commands():
    assert re.search(r"^make demo\b", README, re.M)
    assert re.search(r"^make test\b", README, re.M)
