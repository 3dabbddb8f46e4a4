"""`make bench`: run every benchmarks/bench_*.py (or those named on the command line).

Each bench module has a `main()` that measures its subject *and* a baseline in the same run,
prints ratios, and writes its results to benchmarks/results/<name>.json (committed)."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv):
    sys.path.insert(0, str(HERE.parent))
    wanted = set(argv)
    for path in sorted(HERE.glob("bench_*.py")):
        name = path.stem[len("bench_"):]
        if wanted and name not in wanted:
            continue
        print(f"== {name}", flush=True)
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        module.main()


if __name__ == "__main__":
    main(sys.argv[1:])
