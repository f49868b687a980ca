"""Derive tests/data/v3_openapi_paths.txt (one `METHOD /path` a line) from the official v3 OpenAPI spec.

    python tests/data/derive_v3_paths.py [path/to/nylas-v3-openapi.yml]

The default spec path is ../shared/reference/nylas-v3-openapi.yml beside the repository. Only the method and
path list is kept in the repository, not the spec.
"""
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
METHODS = ("get", "put", "post", "delete", "patch")


def main() -> None:
    spec = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE.parents[2] / "shared" / "reference" / "nylas-v3-openapi.yml"
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    doc = yaml.load(spec.read_text(encoding="utf-8"), Loader=loader)
    lines = sorted(f"{m.upper()} {p}" for p, item in doc["paths"].items() for m in item if m in METHODS)
    header = f"# Derived from {spec.name} (openapi {doc.get('openapi')}, info.version {doc['info'].get('version')}) by derive_v3_paths.py\n"
    (HERE / "v3_openapi_paths.txt").write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} method+path pairs")


if __name__ == "__main__":
    main()
