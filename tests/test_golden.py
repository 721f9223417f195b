"""The built site, byte for byte: a digest of every output file of the real content/ and
the demo catalogue, compared with one recorded in tests/golden/.

A refactoring must leave these unchanged. A change that means to change the output (a
fixed defect, a new page) records the new digests and says so in its commit:

    python tests/test_golden.py --update
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
GOLDEN = HERE / "golden"
SITES = {"content": "built_content", "demo": "built_demo"}


def digest(out: Path) -> dict[str, str]:
    return {str(p.relative_to(out)): hashlib.sha256(p.read_bytes()).hexdigest()[:16]
            for p in sorted(out.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("name", SITES)
def test_built_site_is_byte_identical_to_the_recorded_one(name, request):
    out = request.getfixturevalue(SITES[name])
    recorded = json.loads((GOLDEN / f"{name}.json").read_text(encoding="utf-8"))
    now = digest(out)
    changed = sorted(k for k in recorded.keys() & now.keys() if recorded[k] != now[k])
    assert (sorted(now.keys() - recorded.keys()), sorted(recorded.keys() - now.keys()), changed) == ([], [], []), (
        "the built site differs from tests/golden/ (new, gone, changed files); if that is meant, "
        "run `python tests/test_golden.py --update` and say why in the commit")


if __name__ == "__main__" and sys.argv[1:] == ["--update"]:
    import tempfile

    sys.path.insert(0, str(HERE.parent))
    from ovop_site import build

    for name, src in {"content": HERE.parent / "content", "demo": HERE / "sites" / "demo"}.items():
        with tempfile.TemporaryDirectory() as tmp:
            build(src, Path(tmp) / "public")
            text = json.dumps(digest(Path(tmp) / "public"), indent=1, sort_keys=True) + "\n"
            (GOLDEN / f"{name}.json").write_text(text, encoding="utf-8")
            print(f"tests/golden/{name}.json: {text.count(':')} files")
