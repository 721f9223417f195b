"""`ovop new KIND "Title"`: start an entry with one file per language of the site.

    ovop new product "Қаймақ, 0,5 л"     → content/products/kaimak-0-5-l.kk.md and .ru.md

The id is made from the title by the slug rule of slugs.py (README, "Slugs"). The title
goes into the file of its language: Kazakh when it has a letter only Kazakh uses
(ә ғ қ ң ө ұ ү һ і), else Russian when it is Cyrillic, else the site's first language;
the other files get the field empty, to be translated. The shared required fields (a
product's `entrepreneur` and `category`, an exhibition's `date` and `district`…) are
written once, empty, in the first language's file, each with a comment listing the ids
it can take (with their names). Every field comes from the registry (kinds.py), so a new
required field appears here by itself. Until the empty fields are filled, `ovop check`
names each of them; once filled, the entry passes. Nothing is ever overwritten.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from . import latin, load, yamltext
from .kinds import KINDS, Kind
from .messages import M
from .problems import Problems
from .schema import ID_RE, RESERVED_PAGE_IDS, Date, Field, Invalid, LangList, Ref
from .slugs import slugify

KAZAKH_LETTERS = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
MAX_LISTED = 60  # ids listed in a comment; past that, the folder to look in

# what the comments say, per language (another language of the site gets the English ones)
WORDS = {
    "kk": {
        "new": "Жаңа жазба ({noun}). Бос өрістерді толтырып, тексеріңіз: ovop check",
        "translate": "{field}: қазақша жазыңыз",
        "ref": "{field}: төмендегі id-лердің бірін жазыңыз",
        "more": "…тағы {n}: {folder}/ қалтасын қараңыз",
        "none": "{field}: әлі ешқайсысы жоқ; алдымен оны қосыңыз: ovop new {noun} \"…\"",
        "date": "{field}: күні ЖЖЖЖ-АА-КК түрінде, мысалы 2024-06-13",
        "fill": "{field}: толтырыңыз",
        "optional": "Қосымша өрістер (қажет болса): {fields}",
        "nouns": {"district": "аудан", "category": "санат", "entrepreneur": "кәсіпкер", "product": "өнім",
                  "exhibition": "көрме", "page": "бет"},
    },
    "ru": {
        "new": "Новая запись ({noun}). Заполните пустые поля и проверьте: ovop check",
        "translate": "{field}: впишите по-русски",
        "ref": "{field}: впишите один из id ниже",
        "more": "…и ещё {n}: см. папку {folder}/",
        "none": "{field}: пока нет ни одного; сначала добавьте: ovop new {noun} \"…\"",
        "date": "{field}: дата в виде ГГГГ-ММ-ДД, например 2024-06-13",
        "fill": "{field}: заполните",
        "optional": "Необязательные поля (при необходимости): {fields}",
        "nouns": {"district": "район", "category": "категория", "entrepreneur": "предприниматель",
                  "product": "продукт", "exhibition": "выставка", "page": "страница"},
    },
    "en": {
        "new": "New entry ({noun}). Fill in the empty fields, then check: ovop check",
        "translate": "{field}: write it in this file's language",
        "ref": "{field}: write one of the ids below",
        "more": "…and {n} more: see the folder {folder}/",
        "none": "{field}: there is none yet; add one first: ovop new {noun} \"…\"",
        "date": "{field}: a date written YYYY-MM-DD, like 2024-06-13",
        "fill": "{field}: fill it in",
        "optional": "Optional fields (add them if needed): {fields}",
        "nouns": {},
    },
}


class Refused(Exception):
    """The entry cannot be started as asked (it exists, no id can be made, …): one line."""


def title_language(title: str, languages: tuple[str, ...]) -> str:
    """The language a title is written in, as far as its letters tell."""
    if "kk" in languages and any(c in KAZAKH_LETTERS for c in title):
        return "kk"
    if "ru" in languages and any("\u0400" <= c <= "\u04ff" for c in title):
        return "ru"
    return languages[0]


def _languages(content: Path) -> tuple[str, ...]:
    """The site's languages that have files, from site.yaml (kk, ru when it cannot be read);
    kk-Latn is made from the kk files (latin.py) and has none."""
    problems = Problems()
    text = load.read_text(content / load.SITE_FILE, load.SITE_FILE, problems)
    node = load.parse_fields(text, 1, load.SITE_FILE, problems) if text is not None else None
    try:
        if node is not None and "languages" in node.items:
            return latin.written(LangList().parse(node.items["languages"], "languages"))
    except Invalid:
        pass
    return ("kk", "ru")


def _names(content: Path, kind: Kind, lang: str) -> dict[str, str]:
    """id → its name (from its file in `lang`, or any file) for every entry of `kind`."""
    folder = content / kind.name
    found: dict[str, str] = {}
    try:
        files = sorted(p for p in folder.iterdir() if p.is_file() and p.name.endswith(".md"))
    except OSError:
        return found
    for path in files:
        pieces = path.name.split(".")
        if len(pieces) != 3 or not ID_RE.fullmatch(pieces[0]):
            continue
        eid, file_lang = pieces[0], pieces[1]
        if eid in found and file_lang != lang:
            continue
        problems = Problems()
        text = load.read_text(path, str(path), problems)
        split = load.split_front_matter(text, str(path), problems) if text is not None else None
        fields = load.parse_fields(split[0], 2, str(path), problems) if split is not None else None
        label = fields.items.get(kind.label) if fields is not None else None
        name = label.value.strip() if isinstance(label, yamltext.Scalar) and not label.is_null else ""
        if name or eid not in found:
            found[eid] = name
    return found


_PLAIN = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`][^#]*")


def yaml_text(value: str) -> str:
    """A text as a YAML value: plain where YAML reads it back as the same text, else in
    double quotes."""
    if _PLAIN.fullmatch(value) and ": " not in value and not value.endswith((" ", ":")) \
            and value.lower() not in ("null", "true", "false", "yes", "no", "on", "off", "~") \
            and not re.fullmatch(r"[-+.\d_eE]+", value):
        return value
    return json.dumps(value, ensure_ascii=False)


def _words(lang: str) -> dict:
    return WORDS.get(lang, WORDS["en"])


def _ref_lines(f: Field, content: Path, lang: str) -> list[str]:
    assert isinstance(f.type, Ref)
    w, target = _words(lang), KINDS[f.type.kind]
    names = _names(content, target, lang)
    if not names:
        return [f"# {w['none'].format(field=f.name, noun=target.noun)}", f"{f.name}:"]
    lines = [f"# {w['ref'].format(field=f.name)}"]
    for eid, name in list(names.items())[:MAX_LISTED]:
        lines.append(f"#   {eid}" + (f" — {name}" if name else ""))
    if len(names) > MAX_LISTED:
        lines.append(f"#   {w['more'].format(n=len(names) - MAX_LISTED, folder=target.name)}")
    return lines + [f"{f.name}:"]


def _field_lines(f: Field, content: Path, lang: str, value: str | None) -> list[str]:
    w = _words(lang)
    if value is not None:
        return [f"{f.name}: {yaml_text(value)}"]
    if f.translated:
        return [f"# {w['translate'].format(field=f.name)}", f"{f.name}:"]
    if isinstance(f.type, Ref):
        return _ref_lines(f, content, lang)
    if isinstance(f.type, Date):
        return [f"# {w['date'].format(field=f.name)}", f"{f.name}:"]
    return [f"# {w['fill'].format(field=f.name)}", f"{f.name}:"]


def entry_text(kind: Kind, content: Path, lang: str, first: bool, title: str | None) -> str:
    """One language file of a new entry: its required fields (the shared ones only in the
    first language's file), with comments in that language."""
    w = _words(lang)
    noun = w["nouns"].get(kind.noun, kind.noun)
    lines = ["---", f"# {w['new'].format(noun=noun)}"]
    for f in kind.fields:
        if not f.required or not (f.translated or first):
            continue
        lines += _field_lines(f, content, lang, title if f.name == kind.label else None)
    optional = [f.name for f in kind.fields if not f.required and (f.translated or first)]
    if optional:
        lines.append(f"# {w['optional'].format(fields=', '.join(optional))}")
    lines += ["---", ""]
    return "\n".join(lines)


def new_entry(content: str | os.PathLike, noun: str, title: str, eid: str | None = None) -> list[str]:
    """Write the files of a new entry; return their paths (as shown). Raises Refused."""
    kind = next((k for k in KINDS.values() if k.noun == noun), None)
    if kind is None:
        raise Refused(M("unknown kind '%(noun)s'; use one of: %(kinds)s", noun=noun,
                          kinds=", ".join(k.noun for k in KINDS.values())))
    root = Path(content)
    title = " ".join(title.split())
    if not title:
        raise Refused(M("the title is empty; write it in quotes, like: %(example)s",
                        example='ovop new product "Қаймақ"'))
    languages = _languages(root)
    lang = title_language(title, languages)
    eid = eid if eid is not None else slugify(title, lang)
    if not eid:
        raise Refused(M("no id can be made from '%(title)s'; give one with %(option)s, like %(example)s", title=title,
                          option="--id", example="--id kaimak"))
    if not ID_RE.fullmatch(eid):
        raise Refused(M("'%(value)s' is not a valid id: lowercase latin letters, digits and single hyphens",
                        value=eid))
    if kind.name == "pages" and eid in RESERVED_PAGE_IDS:
        raise Refused(M("'%(value)s' cannot be the id of a page: the site uses that address; "
                        "choose another with %(option)s", value=eid, option="--id"))
    folder = root / kind.name
    existing = sorted(p.name for p in folder.glob(f"{eid}.*.md")) if folder.is_dir() else []
    if existing:
        raise Refused(M("%(path)s already exists; nothing was written (choose another id with %(option)s)",
                          path=os.path.join(content, kind.name, existing[0]), option="--id"))
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for i, file_lang in enumerate(languages):
        path = folder / f"{eid}.{file_lang}.md"
        text = entry_text(kind, root, file_lang, i == 0, title if file_lang == lang else None)
        try:
            with open(path, "x", encoding="utf-8") as f:  # never replaces a file made meanwhile
                f.write(text)
        except FileExistsError:
            raise Refused(M("%(path)s already exists", path=os.path.join(content, kind.name, path.name))) from None
        written.append(os.path.join(content, kind.name, path.name))
    return written
