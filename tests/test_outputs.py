"""Every output planned: one plan lists every file, producers are the only extension point,
duplicates are refused at planning time, and the sitemap splits past its limit."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import CONTENT, DEMO
from ovop_site import ContentError, build, load_site, outputs
from ovop_site.render import Templates

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def planned(content: Path) -> list[outputs.Output]:
    return outputs.plan(outputs.BuildContext(load_site(content), Templates()))


@pytest.mark.parametrize("which", ["built_content", "built_demo"])
def test_the_plan_lists_exactly_the_files_the_build_writes(which, request):
    built = request.getfixturevalue(which)
    content = CONTENT if which == "built_content" else DEMO
    plan = planned(content)
    written = {str(p.relative_to(built)) for p in built.rglob("*") if p.is_file() and p.name != ".ovop-site"}
    assert {o.path for o in plan} == written
    assert len({o.path for o in plan}) == len(plan)
    kinds = {o.producer for o in plan}
    assert kinds == ({"page", "asset", "sitemap", "robots", "offline", "service-worker", "admin", "sharecard", "search"}
                     | ({"image"} if which == "built_demo" else set())  # originals ("media") only with publish_originals
                     | {"feed", "opendata", "print"})  # feeds.py, opendata.py, printed.py
    html = [o for o in plan if o.producer == "page"]
    assert all(o.media_type == "text/html" for o in html)
    # the sitemap lists the pages planned as in_sitemap, and nothing else
    listed = {loc.text for loc in ET.parse(built / "sitemap.xml").getroot().iter(f"{SM}loc")}
    base = load_site(content).config.base_url
    assert listed == {base + o.key.path.lstrip("/") for o in html if o.in_sitemap}


class ProductsJson(outputs.Producer):
    """A new kind of output, as a future issue would add it: a JSON list per language."""
    name = "products-json"

    def plan(self, ctx, planned):
        for lang in ctx.site.languages:
            yield outputs.Output(f"{lang}/products.json", self.name, "application/json", key=lang)

    def produce(self, ctx, output):
        view = ctx.planner.lang(output.key)
        items = [{"id": p.id, "title": view.name(p).value} for p in view.sort(view.visible(ctx.site.products.values()))]
        return json.dumps(items, ensure_ascii=False).encode()


def test_a_new_output_is_one_producer(tmp_path, monkeypatch):
    monkeypatch.setattr(outputs, "PRODUCERS", [*outputs.PRODUCERS, ProductsJson()])
    out = tmp_path / "public"
    build(CONTENT, out)
    items = json.loads((out / "kk" / "products.json").read_text(encoding="utf-8"))
    assert len(items) == len(load_site(CONTENT).products) and items[0]["title"]


class Clash(outputs.Producer):
    name = "clash"

    def plan(self, ctx, planned):
        yield outputs.Output("kk/index.html", self.name, "text/html")

    def produce(self, ctx, output):
        return b"x"


def test_two_outputs_with_one_path_are_refused_before_anything_is_written(tmp_path, monkeypatch):
    monkeypatch.setattr(outputs, "PRODUCERS", [*outputs.PRODUCERS, Clash()])
    with pytest.raises(outputs.PlanError, match="kk/index.html"):
        build(CONTENT, tmp_path / "public")
    assert not (tmp_path / "public").exists()


def test_an_entry_page_that_clashes_names_the_entry_file(tmp_path, monkeypatch, demo_copy):
    class Squatter(Clash):
        def plan(self, ctx, planned):
            page = next(o for o in planned if o.producer == "page" and o.source)
            yield outputs.Output(page.path, self.name, "text/html")
    monkeypatch.setattr(outputs, "PRODUCERS", [*outputs.PRODUCERS, Squatter()])
    with pytest.raises(ContentError) as err:
        build(demo_copy, tmp_path / "public")
    (problem,) = list(err.value.problems)
    assert problem.path.endswith(".md") and "would be written to" in problem.message


def test_past_the_limit_the_sitemap_is_an_index_of_parts(tmp_path, monkeypatch):
    monkeypatch.setattr(outputs, "SITEMAP_LIMIT", 40)
    out = tmp_path / "public"
    build(CONTENT, out)
    root = ET.parse(out / "sitemap.xml").getroot()
    assert root.tag == f"{SM}sitemapindex"
    parts = [loc.text for loc in root.iter(f"{SM}loc")]
    assert len(parts) >= 2 and parts[0].endswith("/sitemap-1.xml")
    urls = []
    for n in range(1, len(parts) + 1):
        part = ET.parse(out / f"sitemap-{n}.xml").getroot()
        assert part.tag == f"{SM}urlset"
        urls += [loc.text for loc in part.iter(f"{SM}loc")]
    assert len(urls) == len(set(urls)) and all(len(urls[i:i + 40]) <= 40 for i in range(0, len(urls), 40))
    assert "Sitemap: https://" in (out / "robots.txt").read_text() and "sitemap.xml" in (out / "robots.txt").read_text()
