"""A content-addressed store of raw bytes: the archive can always be rebuilt from it.

Files live at <root>/<sha[:2]>/<sha>; a file is written once (to a temporary name, then
renamed) and never rewritten, so a killed run cannot leave a torn file behind."""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

ENV_VAR = "MINUTES_ARCHIVE_CACHE"


def default_root(archive_path) -> Path:
    """`--cache-dir`, else $MINUTES_ARCHIVE_CACHE, else `<archive>.cache/` beside the archive."""
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR])
    archive_path = Path(archive_path)
    return archive_path.with_name(archive_path.name + ".cache")


class Cache:
    def __init__(self, root):
        self.root = Path(root)

    def path_for(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256

    def put(self, raw: bytes, sha256: str | None = None) -> str:
        """Keep `raw` under its SHA-256 (pass it when already known: hashing a 100 MB pack twice is waste)."""
        sha = sha256 or hashlib.sha256(raw).hexdigest()
        target = self.path_for(sha)
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_bytes(raw)
            tmp.replace(target)
        return sha

    def get(self, sha256: str) -> bytes:
        return self.path_for(sha256).read_bytes()

    def __contains__(self, sha256: str) -> bool:
        return self.path_for(sha256).exists()
