"""Read YAML as plain text values that keep their line numbers.

PyYAML would guess types the YAML 1.1 way (`phone: 087…` as octal, `yes` as True,
`2024-06-13` as a date) and keep the last of two duplicate keys. Instead we walk the
parser's events and build a small tree of strings, so each field decides what its text
means (schema.py), and so anchors, aliases, tags and duplicate keys become problems with
a line number rather than silent behaviour. No alias is ever expanded, so an
"alias bomb" costs nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from .messages import M

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

NULLS = {"", "~", "null", "Null", "NULL"}


@dataclass
class Scalar:
    value: str
    line: int          # 1-based file line
    quoted: bool = False

    @property
    def is_null(self) -> bool:
        return not self.quoted and self.value in NULLS


@dataclass
class Seq:
    items: list
    line: int


@dataclass
class Map:
    line: int
    items: dict = field(default_factory=dict)      # key -> node
    key_lines: dict = field(default_factory=dict)  # key -> 1-based line of the key


Node = Scalar | Seq | Map


class YAMLProblem(Exception):
    def __init__(self, line: int, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.line, self.message, self.hint = line, message, hint


_VALUE_WITH_COLON = M("unexpected ':' (a value that contains ': ' must be put in quotes)")
_INDENTED_FIELD = re.compile(r"[ \t]+[^\s:#'\"\[\]{}-][^:]*:(?:[ \t]|$)")


# PyYAML's own words, for programmers, turned into an editor's.
_PLAIN = [
    ("found character '\\t'", M("a tab character is used here; YAML needs spaces for indentation")),
    ("found a tab character", M("a tab character is used here; YAML needs spaces for indentation")),
    ("found unexpected end of stream", M("a quote or bracket opened on this line is never closed")),
    ("could not find expected ':'", M("a line is missing ':' between the field name and its value")),
    ("mapping values are not allowed", _VALUE_WITH_COLON),
    ("found unknown escape character", M("unknown escape with '\\' inside double quotes (use single quotes)")),
    ("hexdecimal number", M("unknown escape with '\\' inside double quotes (use single quotes)")),
    ("expected escape sequence of", M("unknown escape with '\\' inside double quotes (use single quotes)")),
    ("found unexpected document indicator",
     M("a '---' line inside a quoted value; close the quotes before that line")),
    ("while scanning a block scalar",
     M("after '|' or '>' the text must start on the next line, indented (or put the value in quotes)")),
    ("directive", M("a line cannot start with '%' unless it is in quotes")),
    ("incompatible YAML document", M("a line cannot start with '%' unless it is in quotes")),
    ("version number", M("a line cannot start with '%' unless it is in quotes")),
    ("tag handle", M("'!' starts a YAML tag, which is not allowed (put the value in quotes)")),
    ("while scanning a tag", M("'!' starts a YAML tag, which is not allowed (put the value in quotes)")),
    ("tag URI", M("'!' starts a YAML tag, which is not allowed (put the value in quotes)")),
    ("block sequence entries are not allowed",
     M("a value cannot start with '- ' unless it is in quotes (list items go on the next lines)")),
    ("did not find expected key", M("the indentation is off, or a value is not closed")),
    ("did not find expected ',' or ']'", M("a list in [ ] is not closed with ']'")),
    ("did not find expected ',' or '}'", M("a map in { } is not closed with '}'")),
    ("found undefined alias", M("'*' starts an alias, which is not allowed (put the value in quotes)")),
    ("expected alphabetic or numeric character", M("'&' or '*' is not allowed here (put the value in quotes)")),
    ("found character '@' that cannot start any token", M("a value cannot start with '@' unless it is in quotes")),
    ("found character '`' that cannot start any token", M("a value cannot start with '`' unless it is in quotes")),
    ("found character '%' that cannot start any token", M("a value cannot start with '%' unless it is in quotes")),
    # libyaml (CSafeLoader) does not name the character; parse() names it from the text
    ("found character that cannot start any token", None),
    ("mapping keys are not allowed", M("a value cannot start with '? ' unless it is in quotes")),
    ("did not find expected node content", M("a value is missing here, or a '[' or '{' is never closed")),
    ("while parsing a block collection",
     M("the indentation is off: this line is inside a list, but does not start with '- '")),
    ("found invalid Unicode character escape code",
     M("an escape like '\\u…' inside double quotes is not a real character (use single quotes)")),
    ("exceeded maximum nesting depth", M("lists or maps are nested too deeply")),
    ("expected <document start>", M("unexpected text (is a line missing 'field: '?)")),
    ("expected a single document", M("a '---' line inside the fields; the fields must end at the second '---'")),
]


def _plain(err: yaml.MarkedYAMLError, char: str = "") -> str:
    text = f"{err.context or ''} {err.problem or ''}"
    if char == "\t" and "cannot start any token" in text:
        return M("a tab character is used here; YAML needs spaces for indentation")
    for needle, plain in _PLAIN:
        if needle in text:
            if plain is None:
                return M("a value cannot start with '%(char)s' unless it is in quotes", char=char) if char else \
                    M("a value cannot start with 'this character' unless it is in quotes")
            return plain
    return M("this is not valid YAML (%(error)s)", error=(err.problem or err.context or "syntax error").strip())


# Characters YAML refuses to read (C0/C1 controls other than tab and line ends), whose
# PyYAML message names no line ("position 102", in bytes), and the line breaks YAML 1.1
# counts but editors do not see (U+0085, U+2028 and U+2029, as pasted from a word
# processor), which would shift every line number after them: find them first.
INVISIBLE = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff"  # never valid in an HTML page
_CONTROL = re.compile(f"[{INVISIBLE}\u2028\u2029]")
INVISIBLE_RE = re.compile(f"[{INVISIBLE}]")


def _line(ev: yaml.Event) -> int:
    """The 0-based line an event starts at (PyYAML's parser always marks it)."""
    return ev.start_mark.line if ev.start_mark is not None else 0


def parse(text: str, first_line: int = 1) -> Node | None:
    """Parse one YAML document into Scalars/Seqs/Maps; `first_line` is the file line of
    the text's first line. Raises YAMLProblem for the first syntax error; collects nothing
    else (structural problems such as duplicate keys are raised too, at their line)."""
    offset = first_line
    bad = _CONTROL.search(text)
    if bad:
        raise YAMLProblem(text.count("\n", 0, bad.start()) + offset,
                          M("an invisible character (%(code)s) is on this line", code=f"U+{ord(bad[0]):04X}"),
                          M("delete it (it usually comes with text copied from another program)"))
    try:
        events = iter(yaml.parse(text, Loader=_Loader))
        root = None
        for ev in events:
            if isinstance(ev, (yaml.StreamStartEvent, yaml.DocumentStartEvent)):
                continue
            if isinstance(ev, (yaml.DocumentEndEvent, yaml.StreamEndEvent)):
                break
            root = _node(ev, events, offset)
        for ev in events:
            if isinstance(ev, yaml.DocumentStartEvent):
                raise YAMLProblem(_line(ev) + offset,
                                  M("a second YAML document starts here ('---'); the fields must end at the second "
                                    "'---'"))
        return root
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        if err.context_mark and ("end of stream" in (err.problem or "") or
                                 (err.context or "").startswith("while parsing a flow")):
            mark = err.context_mark  # where the quote or bracket was opened
        line = (mark.line + offset) if mark else offset
        char, row = "", ""
        if err.problem_mark:
            rows = text.split("\n")
            row = rows[err.problem_mark.line] if err.problem_mark.line < len(rows) else ""
            char = row[err.problem_mark.column:err.problem_mark.column + 1]
        message = _plain(err, char)
        if message == _VALUE_WITH_COLON and _INDENTED_FIELD.match(row):
            # "price_unit: шт.\n  summary: x": not a value with ': ', but a field indented by mistake
            message = M("this line is indented, so YAML reads it as part of the value above; "
                        "start each field at the beginning of its line")
        raise YAMLProblem(line, message) from None
    except yaml.YAMLError as err:  # reader errors: control characters and the like
        raise YAMLProblem(offset, M("this is not valid YAML (%(error)s)", error=str(err))) from None


def _check(ev, offset: int) -> int:
    line = _line(ev) + offset
    if getattr(ev, "anchor", None) is not None:
        raise YAMLProblem(line, M("anchors ('%(anchor)s') are not allowed; write the value out in full",
                                  anchor=f"&{ev.anchor}"))
    tag = getattr(ev, "tag", None)
    if tag is not None:
        raise YAMLProblem(line, M("YAML tags ('%(tag)s') are not allowed; write plain values",
                                  tag=tag.replace("tag:yaml.org,2002:", "!!")))
    return line


MAX_DEPTH = 20  # fields need 3 levels at most; deeper is a mistake, and must not exhaust the stack


def _node(ev, events, offset: int, depth: int = 0) -> Node:
    if depth > MAX_DEPTH:
        raise YAMLProblem(_line(ev) + offset, M("lists or maps are nested too deeply"))
    if isinstance(ev, yaml.AliasEvent):
        raise YAMLProblem(_line(ev) + offset,
                          M("aliases ('%(alias)s') are not allowed; write the value out in full",
                            alias=f"*{ev.anchor}"))
    line = _check(ev, offset)
    if isinstance(ev, yaml.ScalarEvent):
        return Scalar(ev.value, line, quoted=ev.style not in (None, ""))
    if isinstance(ev, yaml.SequenceStartEvent):
        items: list[Node] = []
        for sub in events:
            if isinstance(sub, yaml.SequenceEndEvent):
                return Seq(items, line)
            items.append(_node(sub, events, offset, depth + 1))
    if isinstance(ev, yaml.MappingStartEvent):
        mapping = Map(line)
        for sub in events:
            if isinstance(sub, yaml.MappingEndEvent):
                return mapping
            key = _node(sub, events, offset, depth + 1)
            value = _node(next(events), events, offset, depth + 1)
            if not isinstance(key, Scalar) or key.is_null:
                raise YAMLProblem(key.line, M("a field name must be a plain word like 'title'"))
            if key.value in mapping.items:
                raise YAMLProblem(key.line, M("'%(name)s' is given twice (first on line %(line)s); keep one",
                                              name=key.value, line=mapping.key_lines[key.value]))
            mapping.items[key.value] = value
            mapping.key_lines[key.value] = key.line
    raise YAMLProblem(_line(ev) + offset, M("unexpected YAML structure"))
