"""Open data: the catalogue as a Frictionless Data Package and as one nested JSON file.

    /data/datapackage.json   the package: licence, and a Table Schema for each CSV file
    /data/districts.csv      one row per entry of the kind, columns from the registry:
    /data/categories.csv       shared fields once, translated ones once per language
    /data/entrepreneurs.csv    (`name_kk`, `name_ru`), references as ids (foreign keys),
    /data/products.csv         images as absolute addresses, `url_<lang>` the entry's page
    /data/exhibitions.csv      in each language (blank where it has none)
    /data/catalogue.json     the whole catalogue nested: districts → entrepreneurs →
                             products, districts → exhibitions; categories beside them

The files hold what the pages show and nothing more: a field is filled only where an
entry's files give it (no contact is ever guessed), and the Markdown bodies are not
included (an editor's HTML comment in a body never reaches a page, so it must not reach
the data either). `added` is the date the feeds use (feeds.added_dates). Made with the
standard library only (csv, json); tests validate the package with `frictionless`.
The licence is site.yaml's `data_licence` (default CC-BY-4.0).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from decimal import Decimal
from typing import Any

from . import latin, urls
from .feeds import added_dates
from .graph import Site
from .kinds import KINDS, Kind
from .models import Record
from .outputs import Output, Producer
from .pages import PageSpec
from .schema import (
    DATA_LICENCES,
    Bool,
    Date,
    Email,
    Field,
    Int,
    LatLon,
    ListOf,
    MediaPath,
    Price,
    Url,
    Year,
)
from .views import page_view
from .views.lang import LangView

TABLES = ("districts", "categories", "entrepreneurs", "products", "exhibitions")
DATED = ("entrepreneurs", "products", "exhibitions")
PACKAGE = "datapackage.json"
CATALOGUE = "catalogue.json"


def _type(f: Field) -> dict[str, Any]:
    """The Table Schema type of a field's column."""
    t = f.type
    if isinstance(t, ListOf):
        return {"type": "array"}
    if isinstance(t, Date):
        return {"type": "date"}
    if isinstance(t, Int | Year):
        return {"type": "integer"}
    if isinstance(t, Price):
        return {"type": "number", "constraints": {"minimum": 0}}
    if isinstance(t, Bool):
        return {"type": "boolean"}
    if isinstance(t, Email):
        return {"type": "string", "format": "email"}
    if isinstance(t, Url | MediaPath):
        return {"type": "string", "format": "uri"}
    return {"type": "string"}


class Table:
    """One kind as a table: its columns (name, Table Schema field) and its rows."""

    def __init__(self, site: Site, kind: Kind, dates: dict[tuple[str, str], dt.date]) -> None:
        self.site, self.kind, self.dates = site, kind, dates
        self.langs = latin.written(site.config.languages)  # kk-Latn is kk transliterated: no columns
        self.base = site.config.base_url

    def columns(self) -> list[dict[str, Any]]:
        cols: list[dict[str, Any]] = [{"name": "id", "type": "string", "constraints": {"required": True}}]
        for f in self.kind.fields:
            if isinstance(f.type, LatLon):
                cols += [{"name": "latitude", "type": "number"}, {"name": "longitude", "type": "number"}]
            elif f.translated:
                cols += [{"name": f"{f.name}_{lang}", **_type(f)} for lang in self.langs]
            else:
                cols.append({"name": f.name, **_type(f)})
        for name, _ in self.kind.derived:
            cols.append({"name": name, "type": "string"})
        cols += [{"name": f"url_{lang}", "type": "string", "format": "uri"} for lang in self.langs]
        return cols

    def foreign_keys(self) -> list[dict[str, Any]]:
        keys = [(f.name, f.ref) for f in self.kind.references if not f.many]
        keys += [(name, "districts") for name, _ in self.kind.derived if name == "district"]
        return [{"fields": name, "reference": {"resource": "" if ref == self.kind.name else ref, "fields": "id"}}
                for name, ref in keys]

    def _value(self, entry: Record, f: Field) -> Any:
        """The field's value as the entry gives it (None where it gives none)."""
        if f.name == "added" and self.kind.name in DATED:
            return self.dates[self.kind.name, entry.id]
        if f.name not in entry.values:
            return None
        value = getattr(entry, f.name)
        if f.ref:
            return [r.id for r in value] if f.many else value.id
        if isinstance(f.type, MediaPath):
            return self.media_url(value)
        if isinstance(f.type, ListOf) and isinstance(f.type.item, MediaPath):
            return [self.media_url(v) for v in value]
        return list(value) if isinstance(value, tuple) else value

    def media_url(self, rel: str) -> str:
        return urls.absolute(self.base, urls.media(self.site.media[rel].published))

    def page_url(self, entry: Record, lang: str) -> str | None:
        shown = entry.has(lang) or self.site.config.untranslated == "show"
        return urls.absolute(self.base, entry.kind.address(lang, entry.id)) if shown else None

    def record(self, entry: Record) -> dict[str, Any]:
        """One entry as {column: value} (values as Python data, None where missing)."""
        row: dict[str, Any] = {"id": entry.id}
        for f in self.kind.fields:
            if isinstance(f.type, LatLon):
                lat, lon = entry.location if entry.location else (None, None)
                row.update(latitude=lat, longitude=lon)
            elif f.translated:
                texts = getattr(entry, f.name)
                for lang in self.langs:
                    value = texts.get(lang)
                    row[f"{f.name}_{lang}"] = list(value) if isinstance(value, tuple) else value
            else:
                row[f.name] = self._value(entry, f)
        for name, _ in self.kind.derived:
            derived = getattr(entry, name, None)
            row[name] = derived.id if isinstance(derived, Record) else derived
        for lang in self.langs:
            row[f"url_{lang}"] = self.page_url(entry, lang)
        return row

    def entries(self) -> list[Record]:
        return [e for _, e in sorted(self.site.kind(self.kind.name).items())]

    def csv(self) -> bytes:
        names = [c["name"] for c in self.columns()]
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\r\n")
        writer.writerow(names)
        for entry in self.entries():
            row = self.record(entry)
            writer.writerow([_cell(row[n]) for n in names])
        return buf.getvalue().encode("utf-8")


def _cell(value: Any) -> str:
    if value is None or value == [] or value == "":
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    return _plain(value)


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value) if not isinstance(value, int | float | str) else str(value)


def _json(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral() else float(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def tables(site: Site) -> dict[str, Table]:
    dates = added_dates(site)
    return {name: Table(site, KINDS[name], dates) for name in TABLES}


def datapackage(site: Site) -> dict[str, Any]:
    config = site.config
    lang = config.default_lang
    licence = config.data_licence
    resources = []
    for name, table in tables(site).items():
        resources.append({
            "name": name, "path": f"{name}.csv", "profile": "tabular-data-resource",
            "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
            "schema": {"fields": table.columns(), "primaryKey": ["id"], "foreignKeys": table.foreign_keys()},
        })
    return {
        "profile": "tabular-data-package",
        "name": "ovop-catalogue",
        "title": config.title[lang],
        "description": config.description[lang],
        "homepage": config.base_url,
        "licenses": [{"name": licence, "path": DATA_LICENCES[licence]}],
        "resources": resources,
    }


def catalogue(site: Site) -> dict[str, Any]:
    """The whole catalogue nested: districts with their entrepreneurs (with their products)
    and exhibitions; categories beside them. Translated fields are {lang: text} maps."""
    all_tables = tables(site)

    def nested(kind: str, entry: Record, drop: tuple[str, ...] = ()) -> dict[str, Any]:
        table = all_tables[kind]
        out: dict[str, Any] = {"id": entry.id}
        row = table.record(entry)
        for f in table.kind.fields:
            if f.name in drop:
                continue
            if isinstance(f.type, LatLon):
                out["location"] = list(entry.location) if entry.location else None
            elif f.translated:
                out[f.name] = {lang: row[f"{f.name}_{lang}"] for lang in table.langs
                               if row[f"{f.name}_{lang}"] is not None}
            else:
                out[f.name] = _json(row[f.name])
        out["url"] = {lang: row[f"url_{lang}"] for lang in table.langs if row[f"url_{lang}"]}
        return out

    districts = []
    for d in all_tables["districts"].entries():
        item = nested("districts", d)
        item["entrepreneurs"] = []
        for ent in sorted(site.referrers("entrepreneurs", "district", d), key=lambda e: e.id):
            e_item = nested("entrepreneurs", ent, drop=("district",))
            e_item["products"] = [nested("products", p, drop=("entrepreneur",))
                                  for p in sorted(site.products_of(ent), key=lambda p: p.id)]
            item["entrepreneurs"].append(e_item)
        item["exhibitions"] = [nested("exhibitions", ex, drop=("district",))
                               for ex in sorted(site.referrers("exhibitions", "district", d), key=lambda e: e.id)]
        districts.append(item)
    config = site.config
    return {
        "title": {lang: config.title[lang] for lang in latin.written(config.languages)},
        "description": {lang: config.description[lang] for lang in latin.written(config.languages)},
        "languages": list(latin.written(config.languages)),
        "base_url": config.base_url, "licence": {"name": config.data_licence,
                                                 "path": DATA_LICENCES[config.data_licence]},
        "districts": districts,
        "categories": [nested("categories", c) for c in all_tables["categories"].entries()],
    }


def _dump(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


class OpenData(Producer):
    """/data/datapackage.json, its CSV files, /data/catalogue.json."""
    name = "opendata"

    def plan(self, ctx, planned):
        yield Output(urls.out_path(urls.data_file(PACKAGE)), self.name, "application/json", key=PACKAGE)
        for name in TABLES:
            yield Output(urls.out_path(urls.data_file(f"{name}.csv")), self.name, "text/csv", key=name)
        yield Output(urls.out_path(urls.data_file(CATALOGUE)), self.name, "application/json", key=CATALOGUE)

    def input_key(self, ctx, output):
        return ctx.inputs and ctx.inputs.key(ctx.inputs.all_key, output.path)

    def produce(self, ctx, output):
        if output.key == PACKAGE:
            return _dump(datapackage(ctx.site))
        if output.key == CATALOGUE:
            return _dump(catalogue(ctx.site))
        return tables(ctx.site)[output.key].csv()


@page_view("opendata")
def open_data_page(v: LangView, spec: PageSpec) -> dict:
    """/<lang>/data/: what the open data holds, its files and licence."""
    ctx = v.common(spec, None, [v.home_crumb()])
    config = v.config
    counts = {name: len(v.site.kind(name)) for name in TABLES}
    ctx.update(
        files=[{"name": f"{name}.csv", "url": urls.data_file(f"{name}.csv"), "kind": name, "rows": counts[name]}
               for name in TABLES],
        package=urls.data_file(PACKAGE), catalogue=urls.data_file(CATALOGUE),
        feed=urls.feed(v.lang), licence={"name": config.data_licence, "url": DATA_LICENCES[config.data_licence]},
        languages=[{"code": lang, "name": v.fmt.language_name(lang)} for lang in latin.written(config.languages)])
    return ctx
