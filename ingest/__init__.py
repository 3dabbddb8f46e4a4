"""Side effects live here: reading files and sites, the raw cache, orchestration, the CLI."""
from .pipeline import run_ingest, run_rebuild

__all__ = ["run_ingest", "run_rebuild"]
