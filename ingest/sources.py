"""What to ingest: files and folders walked into Sources, unsupported files named and refused."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from extract import SUFFIX_TYPES


@dataclass
class Source:
    """Where a document came from: a local path or a URL, plus provenance for the archive."""

    name: str  # path or URL, as shown to the user and stored in ingest_failures
    filename: str  # base name, as stored in documents.filename
    path: Optional[str] = None
    url: Optional[str] = None
    council: Optional[str] = None
    content_type: Optional[str] = None
    provenance: Optional[str] = None  # JSON text
    problem: Optional[str] = None  # set when the file is refused before reading

    def read_bytes(self) -> bytes:
        return Path(self.path).read_bytes()


def walk(paths, council=None):
    """Yield a Source for every file under `paths` (sorted, hidden files skipped). Files of an
    unsupported type are yielded with `problem` set, so they are reported, not silently skipped."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file()
                           and not any(part.startswith(".") for part in p.relative_to(path).parts))
        else:
            files = [path]
        for file in files:
            yield source_for(file, council)


def source_for(file: Path, council=None) -> Source:
    source = Source(name=str(file), filename=file.name, path=str(file), council=council,
                    content_type=SUFFIX_TYPES.get(file.suffix.lower()))
    if not file.exists():
        source.problem = "no such file"
    elif source.content_type is None:
        source.problem = f"unsupported file type ({file.suffix or 'no extension'})"
    return source
