"""The web editor at /admin/: Decap CMS configured from the registry of kinds.

`/admin/index.html` loads the pinned Decap CMS bundle (DECAP_URL, checked by its SRI hash),
`/admin/ovop-cms.js` (what Decap cannot be told in its config: how our files are written)
and `/admin/config.yml`, made here from kinds.py:

- every kind is a folder collection `content/<kind>/`, its Kazakh and Russian files side by
  side (`i18n: {structure: multiple_files}`: Decap writes `<id>.kk.md` and `<id>.ru.md`,
  the contract's names); translated fields are `i18n: true`, shared ones `i18n: duplicate`;
- references (district, entrepreneur, category, parent, entrepreneurs) are relation widgets
  that store the id; images go into `content/media/` and are written as paths inside it;
- labels and help are in Kazakh and Russian (Decap's own interface is in Russian: it has
  no Kazakh one);
- an entry's id is typed (or made from the Kazakh title) in an `id` box that only names
  the files: the `ovop-frontmatter` format of ovop-cms.js never writes it into a file, and
  writes the fields the way the contract's examples do (`images: [a.jpg]`), so an edit
  changes only the lines of the fields edited.

The admin pages are not in the sitemap and carry `noindex`. `local_backend: true` makes
the editor use `npx decap-server` when it is opened from localhost (and only then).
"""

from __future__ import annotations

import json
from pathlib import Path

from . import fielddocs
from .kinds import KINDS, Kind
from .outputs import Output, Producer
from .schema import (
    Bool,
    Choice,
    Date,
    Field,
    FieldType,
    Int,
    LatLon,
    ListOf,
    MediaPath,
    Price,
    Ref,
    Text,
    Year,
)

DECAP_VERSION = "3.16.3"
DECAP_URL = f"https://unpkg.com/decap-cms@{DECAP_VERSION}/dist/decap-cms.js"
# sha384 of dist/decap-cms.js of the npm package decap-cms@3.16.3 (tests/test_admin.py checks it
# against the package .ci/run installs)
DECAP_SRI = "sha384-A/Gdn928CNLufmnGWGs9RM4Q9o8bSNLeJERqBFrBjwzL7FRpoLT3MPF8Tl0+Wd2p"
LOCALES = ("kk", "ru")

# Short labels of the fields, Kazakh / Russian (their long help comes from fielddocs.py).
LABELS: dict[str, tuple[str, str]] = {
    "id": ("Идентификатор (латынша)", "Идентификатор (латиницей)"),
    "name": ("Атауы", "Название"),
    "title": ("Атауы", "Название"),
    "name_latn": ("Атауы латынша (kk-Latn)", "Название латиницей (kk-Latn)"),
    "title_latn": ("Атауы латынша (kk-Latn)", "Название латиницей (kk-Latn)"),
    "center": ("Орталығы", "Центр"),
    "region": ("Облысы", "Область"),
    "location": ("Картадағы орны", "Место на карте"),
    "parent": ("Жоғарғы санат", "Родительская категория"),
    "order": ("Реттік нөмірі", "Порядковый номер"),
    "district": ("Аудан", "Район"),
    "village": ("Ауыл", "Село"),
    "since": ("Қай жылдан бері", "С какого года"),
    "summary": ("Қысқаша", "Кратко"),
    "phone": ("Телефон", "Телефон"),
    "whatsapp": ("WhatsApp бар", "Есть WhatsApp"),
    "instagram": ("Instagram", "Instagram"),
    "website": ("Сайт", "Сайт"),
    "email": ("Электрондық пошта", "Электронная почта"),
    "photo": ("Фото", "Фото"),
    "employees": ("Қызметкерлер саны", "Число работников"),
    "entrepreneur": ("Кәсіпкер", "Предприниматель"),
    "category": ("Санат", "Категория"),
    "price": ("Бағасы, ₸", "Цена, ₸"),
    "price_unit": ("Баға неге", "Цена за"),
    "images": ("Суреттер", "Фотографии"),
    "tags": ("Белгілер", "Метки"),
    "certificates": ("Сертификаттар", "Сертификаты"),
    "finalist": ("Финалист болған жылы", "Год в финале"),
    "date": ("Күні", "Дата"),
    "place": ("Өтетін орны", "Место проведения"),
    "participants": ("Қатысушылар саны", "Число участников"),
    "entrepreneurs": ("Қатысқан кәсіпкерлер", "Участники-предприниматели"),
    "menu": ("Мәзірдегі орны", "Место в меню"),
    "body": ("Мәтін", "Текст"),
    "added": ("Каталогқа қосылған күні", "Дата добавления в каталог"),
    "icon": ("Суреті (белгі)", "Картинка (значок)"),
    "photo_alt": ("Суретте не бар (сөзбен)", "Что на фото (словами)"),
    "images_alt": ("Суреттерде не бар (сөзбен, ретімен)", "Что на фотографиях (словами, по порядку)"),
}
ID_HINT = ("Тек жаңа жазба үшін: кіші латын әріптері, сандар және дефис (uygur-nan). Бос қалса, "
           "қазақша атауынан жасалады. / Только для новой записи: строчные латинские буквы, цифры и "
           "дефис (uygur-nan). Если оставить пустым, будет составлен из казахского названия.")
ID_PATTERN = ["^([a-z0-9]+(-[a-z0-9]+)*)?$", "латын әріптері, сандар, дефис / латинские буквы, цифры, дефис"]


def label(name: str) -> str:
    kk, ru = LABELS[name]
    return kk if kk == ru else f"{kk} / {ru}"


def _help(kind: Kind, f: Field) -> str:
    doc = fielddocs.KINDS.get(kind.name, {}).get("fields", {}).get(f.name, {})
    return " / ".join(doc[lang] for lang in LOCALES if doc.get(lang))


def _widget(ftype: FieldType) -> dict:
    """The Decap widget for a field type (lists of media and of references: `multiple`)."""
    if isinstance(ftype, ListOf):
        item = ftype.item
        if isinstance(item, (MediaPath, Ref)):
            return {**_widget(item), "multiple": True}
        return {"widget": "list"}
    if isinstance(ftype, Ref):
        label_field = KINDS[ftype.kind].label
        return {"widget": "relation", "collection": ftype.kind, "value_field": "{{slug}}",
                "search_fields": [label_field, "{{slug}}"], "display_fields": [label_field]}
    if isinstance(ftype, MediaPath):
        return {"widget": "image", "choose_url": False}
    if isinstance(ftype, Bool):
        return {"widget": "boolean", "default": False}
    if isinstance(ftype, Date):
        return {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "YYYY-MM-DD",
                "time_format": False, "picker_utc": True}
    if isinstance(ftype, Price):
        return {"widget": "number", "value_type": "float", "min": 0}
    if isinstance(ftype, Year):
        return {"widget": "number", "value_type": "int", "min": ftype.lo}  # the upper bound moves yearly
    if isinstance(ftype, Int):
        return {"widget": "number", "value_type": "int", "min": ftype.lo, "max": ftype.hi}
    if isinstance(ftype, Choice):
        return {"widget": "select", "options": list(ftype.choices)}
    if isinstance(ftype, LatLon):
        return {"widget": "list", "max": 2, "min": 2}
    return {"widget": "string"}


def field_config(kind: Kind, f: Field) -> dict:
    widget = _widget(f.type)
    # a shared field is copied into every language file; Decap refuses that for its list
    # widget, so a shared list is written in the Kazakh file only (the contract allows both)
    shared = False if widget["widget"] == "list" else "duplicate"
    out = {"name": f.name, "label": label(f.name), **widget, "required": f.required,
           "i18n": True if f.translated else shared}
    hint = _help(kind, f)
    if hint:
        out["hint"] = hint
    return out


def collection(kind: Kind, content: str) -> dict:
    title = fielddocs.KINDS[kind.name]["title"]
    fields = [{"name": "id", "label": label("id"), "widget": "string", "required": False,
               "hint": ID_HINT, "pattern": ID_PATTERN}]
    fields += [field_config(kind, f) for f in kind.fields]
    fields.append({"name": "body", "label": label("body"), "widget": "markdown", "required": False,
                   "i18n": True})
    return {
        "name": kind.name, "label": f"{title['kk']} / {title['ru']}",
        "folder": f"{content}/{kind.name}", "create": True, "extension": "md",
        "format": "ovop-frontmatter", "slug": "{{fields.id}}", "identifier_field": kind.label,
        "summary": "{{" + kind.label + "}} ({{slug}})", "sortable_fields": [kind.label],
        "i18n": True, "editor": {"preview": False}, "fields": fields,
    }


def config(content: str = "content", repo: str | None = None, branch: str = "main") -> dict:
    """Decap's configuration; `content` is the content folder relative to the repository."""
    backend = {"name": "github", "repo": repo, "branch": branch} if repo else {"name": "git-gateway",
                                                                               "branch": branch}
    return {
        "backend": backend,
        "local_backend": True,        # used only when the editor is opened from localhost
        "locale": "ru",               # Decap's own buttons: it has no Kazakh interface
        "media_folder": f"{content}/media",
        "public_folder": "",          # entries write media paths inside content/media/
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "i18n": {"structure": "multiple_files", "locales": list(LOCALES), "default_locale": LOCALES[0]},
        "collections": [collection(kind, content) for kind in KINDS.values()],
    }


def field_kinds() -> dict[str, str]:
    """How ovop-cms.js reads a field's value: 'number', 'bool', 'list' or 'text' (by name: a
    name has one type across kinds)."""
    out = {}
    for kind in KINDS.values():
        for f in kind.fields:
            t = f.type
            out[f.name] = ("list" if isinstance(t, (ListOf, LatLon)) else "bool" if isinstance(t, Bool)
                           else "number" if isinstance(t, (Int, Year, Price)) else "text")
            assert not isinstance(t, Text) or out[f.name] == "text"
    return dict(sorted(out.items()))


def to_yaml(value: object, indent: int = 0) -> str:
    """Plain YAML (a subset: maps, lists, strings, numbers, booleans), keys in given order;
    strings double-quoted (JSON's quoting is valid YAML)."""
    pad = " " * indent
    if isinstance(value, dict):
        lines = []
        for k, v in value.items():
            if isinstance(v, (dict, list)) and v:
                lines.append(f"{pad}{k}:\n{to_yaml(v, indent + 2)}")
            else:
                lines.append(f"{pad}{k}: {to_yaml(v)}")
        return "\n".join(lines)
    if isinstance(value, list):
        if not value:
            return "[]"
        return "\n".join(f"{pad}- {to_yaml(v, indent + 2).lstrip()}" for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, (int, float)):
        return str(value)
    return json.dumps(value, ensure_ascii=False)


INDEX = """<!doctype html>
<html lang="ru">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>Каталог редакторы / Редактор каталога</title>
<script>window.CMS_MANUAL_INIT = true;</script>
<script src="{url}" integrity="{sri}" crossorigin="anonymous"></script>
</head>
<body>
<script src="ovop-cms.js"></script>
</body>
</html>
"""


class Admin(Producer):
    """/admin/index.html, /admin/config.yml and /admin/ovop-cms.js (not in the sitemap)."""
    name = "admin"
    FILES = {"admin/index.html": "text/html", "admin/config.yml": "text/yaml",
             "admin/ovop-cms.js": "text/javascript"}

    def plan(self, ctx, planned):
        for path, media_type in self.FILES.items():
            yield Output(path, self.name, media_type, key=path)

    def input_key(self, ctx, output):
        return ctx.inputs and ctx.inputs.key(ctx.inputs.config_key, output.path)

    def produce(self, ctx, output):
        if output.key == "admin/index.html":
            return INDEX.format(url=DECAP_URL, sri=DECAP_SRI).encode()
        if output.key == "admin/config.yml":
            # the contract's layout: the catalogue is the repository's content/ folder
            cfg = config("content", ctx.site.config.editor_repo or None)
            head = "# Decap CMS configuration, made by ovop_site/admin.py from the registry of kinds\n"
            return (head + to_yaml(cfg) + "\n").encode()
        script = (Path(__file__).parent / "cms" / "ovop-cms.js").read_text(encoding="utf-8")
        return script.replace("/*FIELD_KINDS*/{}", json.dumps(field_kinds(), sort_keys=True)).encode()
