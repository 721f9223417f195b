"""Measure the image cache: a catalogue of N photo-like 4000 × 3000 photos built cold, then
again with nothing changed (in this process, --jobs 1, so every encode is counted).

    python scripts/image_cache.py --photos 8
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from test_images import photo  # noqa: E402

from helpers import minimal_site, write_tree  # noqa: E402
from ovop_site import build, images, sharecard  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--photos", type=int, default=8)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        files = minimal_site()
        for i in range(args.photos):
            files[f"products/p{i}.kk.md"] = (f"---\ntitle: Өнім {i}\nentrepreneur: shonzhy-bakery\ncategory: food\n"
                                             f"images: [p{i}.jpg]\n---\n")
            files[f"media/p{i}.jpg"] = photo(seed=i)
        write_tree(root / "content", files)
        # a new --out each time: the same site built again into the same folder would be left
        # as it is (nothing changed) or linked from the last one, encoding nothing either way
        for n, (label, cache) in enumerate((("cold", root / "cache"), ("unchanged", root / "cache"),
                                            ("--no-cache", None))):
            images.stats.update(encoded=0, cached=0)
            sharecard.stats.update(drawn=0, cached=0)
            started = time.perf_counter()
            build(root / "content", root / f"out{n}", jobs=1, cache=cache)
            print(f"{label:>10}: {time.perf_counter() - started:6.2f} s; images encoded {images.stats['encoded']}, "
                  f"from the cache {images.stats['cached']}; cards drawn {sharecard.stats['drawn']}, "
                  f"from the cache {sharecard.stats['cached']}")


if __name__ == "__main__":
    main()
