"""The web editor's files (/admin/, admin.py), without a browser: Decap's configuration made
from the registry, the pinned bundle, and a page that carries no content and is not indexed.
The end-to-end test in Chromium is tests/test_admin_e2e.py."""

from __future__ import annotations

import re
import subprocess

import pytest
import yaml

from ovop_site import admin
from ovop_site.kinds import KINDS
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def config(built_content):
    return yaml.safe_load((built_content / "admin" / "config.yml").read_text(encoding="utf-8"))


def test_every_kind_is_a_collection_with_every_field(config):
    collections = {c["name"]: c for c in config["collections"]}
    assert list(collections) == list(KINDS)
    for kind in KINDS.values():
        c = collections[kind.name]
        assert c["folder"] == f"content/{kind.name}" and c["extension"] == "md" and c["i18n"] is True
        fields = {f["name"]: f for f in c["fields"]}
        assert list(fields) == ["id", *kind.field_names, "body"]
        for f in kind.fields:
            widget = fields[f.name]
            assert widget["required"] == f.required
            assert widget["i18n"] is True if f.translated else widget["i18n"] in ("duplicate", False)
            assert widget["label"] == admin.label(f.name)  # Kazakh / Russian
            kk, ru = widget["hint"].split(" / ", 1)  # the field reference's help, in both languages
            assert kk.strip() and kk != ru and re.search("[а-я]", ru) and not re.search("[әғқңөұүһі]", ru)
            if f.ref:
                assert widget["widget"] == "relation" and widget["collection"] == f.ref
                assert widget["value_field"] == "{{slug}}"
                assert widget.get("multiple", False) == f.many


def test_kk_and_ru_files_side_by_side_and_media_inside_content_media(config):
    assert config["i18n"] == {"structure": "multiple_files", "locales": ["kk", "ru"], "default_locale": "kk"}
    assert config["media_folder"] == "content/media" and config["public_folder"] == ""
    assert config["local_backend"] is True and config["locale"] == "ru"
    products = next(c for c in config["collections"] if c["name"] == "products")
    images = next(f for f in products["fields"] if f["name"] == "images")
    assert images["widget"] == "image" and images["multiple"] is True


def test_the_backend_is_github_when_site_yaml_names_the_repository(tmp_path):
    assert admin.config("content", "chamber/ovop")["backend"] == {"name": "github", "repo": "chamber/ovop",
                                                                  "branch": "main"}
    assert admin.config("content")["backend"]["name"] == "git-gateway"


def test_the_admin_page_is_pinned_noindex_and_not_in_the_sitemap(built_content):
    page = (built_content / "admin" / "index.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert f'src="{admin.DECAP_URL}" integrity="{admin.DECAP_SRI}" crossorigin="anonymous"' in page
    assert "@3.16.3/" in admin.DECAP_URL
    assert "/admin/" not in (built_content / "sitemap.xml").read_text(encoding="utf-8")
    # the editor's own script only: no content of the catalogue in the page
    assert re.findall(r"<script[^>]*>", page) == ["<script>", f'<script src="{admin.DECAP_URL}" integrity='
                                                  f'"{admin.DECAP_SRI}" crossorigin="anonymous">',
                                                  '<script src="ovop-cms.js">']


NODE = subprocess.run(["which", "node"], capture_output=True, text=True).stdout.strip()


@pytest.mark.skipif(not NODE, reason="node is not installed")
def test_the_file_format_reads_and_writes_what_the_contract_shows(built_content, tmp_path):
    """ovop-cms.js (run by node): the contract's example file read and written back is the same
    file; an id and empty fields are never written; a single image is still a list."""
    example = (ROOT / "content" / "products" / "tandyr-nan.kk.md").read_text(encoding="utf-8")
    script = (built_content / "admin" / "ovop-cms.js").read_text(encoding="utf-8")
    test = script + """
const fs = require("fs");
const f = window.OVOP_CMS, text = fs.readFileSync(0, "utf8");
const data = f.fromFile(text);
const out = {same: f.toFile(data, []) === text, data};
out.added = f.toFile({title: "Нан: тандыр", id: "x", price: 0, summary: "", images: "a.jpg", tags: [],
                      whatsapp: true, body: "Мәтін"}, ["title", "price", "images", "whatsapp"]);
out.slug = f.slugify("Еңбекшіқазақ ауданы");
console.log(JSON.stringify(out));
"""
    (tmp_path / "t.js").write_text("var window = {};\n" + test, encoding="utf-8")
    import json
    result = json.loads(subprocess.run([NODE, str(tmp_path / "t.js")], input=example, capture_output=True,
                                       text=True, check=True).stdout)
    assert result["same"], result["data"]
    assert result["data"]["tags"] == ["нан", "тандыр", "күнделікті"] and result["data"]["price"] == 200
    assert result["added"] == '---\ntitle: "Нан: тандыр"\nprice: 0\nimages: [a.jpg]\nwhatsapp: true\n---\nМәтін\n'
    assert result["slug"] == "enbekshikazak-audany"
