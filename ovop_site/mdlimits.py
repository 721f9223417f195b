"""Limits on a Markdown body, checked before anything is rendered.

Python-Markdown, even with the linear parts of mdlinear.py, spends some tens of
microseconds on every block, list item, table cell, link or emphasis, and recurses once
per level of nested lists. A body may be up to 1 MiB (load.MAX_TEXT_BYTES): a megabyte
of '- a' lines or of '*a' is hundreds of thousands of elements, and a thousand nested
lists is a crash. So a body is refused, with a problem at the line where it goes over,
when it has more of these than any page written by a person has: these limits are far
above the sample catalogue (its longest body is 2 KB and 21 lines, with lists one level
deep) and keep the worst body within the size limit under 2 seconds of rendering on the
development machine (about 1 s at most; tests/test_markdown_bound.py).

    body_problems(text) → [(line index in the body, message, hint)]

The counts are simple readings of the text (lines, marks, how deep the starts of lines
nest), not a parse; they can only be too high for text no one would write, such as a
line starting with twenty '>'. Everything is counted with regular expressions or once
per line or mark, so the check itself is linear.
"""

from __future__ import annotations

import bisect
import itertools
import re

from .messages import M

MAX_LINES = 10_000       # lines in one body
MAX_MARKS = 10_000       # formatting marks: runs of * _ `, and each [ < & \ |
MAX_NESTING = 20         # lists and quotes inside each other, on one line
MAX_NESTED_TOTAL = 20_000  # those levels added up over all lines
MAX_EMPHASIS = 50        # * and _ open at once around a word (each one is a level)
MAX_HTML_OPEN = 50       # raw HTML elements open at once
MAX_BLOCK_SPLITS = 100   # headings, rules, underlines, link definitions in one block

# One mark per construct a renderer handles on its own: a run of the same * _ or `
# (one emphasis or code span), and each character that can start a link, a tag, an
# entity, an escape or a table cell.
_MARK = re.compile(r"\*+|_+|`+|[\[<&\\|]")
_RUN = re.compile(r"\*+|_+")
_LINE_PREFIX = re.compile(r"((?:[ ]{0,3}>[ ]?)*)([ ]*)((?:(?:[-*+]|\d+\.)[ ]+)*)")
_LIST_MARK = re.compile(r"(?:[-*+]|\d+\.)[ ]+")
_LIST_LINE = re.compile(r"^[ >]*(?:[-*+]|\d+\.)[ ]", re.M)
# More quote and list marks at the start of a line than the limit (each mark after its own
# run of spaces, so that there is one way to match: no backtracking).
_DEEP_PREFIX = re.compile(r"^(?:[ ]*(?:>|(?:[-*+]|\d+\.)[ ])){" + str(MAX_NESTING + 1) + "}", re.M)
_BLANK = re.compile(r"\n[ \t]*\n")
_SPLITTER = re.compile(
    r"^(?:[ ]{0,3}#"                               # '# heading'
    r"|[ ]{0,3}([-*_])(?:[ ]{0,2}\1){2,}[ ]*$"     # rule: '---', '* * *'
    r"|(?:=+|-+)[ ]*$"                             # setext underline
    r"|[ ]{0,3}\[[^\[\]\n]*\]:)",                  # '[id]: http://…'
    re.M)
# A tag: '<name' then a blank, '/' or '>' (not '<http://…>' or '<me@…>', which are links).
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)(?=[\s/>])[^<>]*?(/?)>")
# Elements that never hold others, or that the next one like them closes: not counted.
_NOT_NESTING = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
                "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "option",
                "optgroup", "colgroup", "caption", "rb", "rt", "rp"}


def body_problems(text: str) -> list[tuple[int, str, str]]:
    """(0-based line in `text`, message, hint) for each limit `text` goes over (the first
    place for each)."""
    text = text.expandtabs(4)
    lines = text.count("\n") + 1
    if lines > MAX_LINES:
        return [(MAX_LINES, M("the text is %(lines)s lines long; the limit is %(limit)s lines", lines=f"{lines:,}",
                               limit=f"{MAX_LINES:,}"),
                 M("split it into several entries or pages"))]
    if len(_MARK.findall(text)) > MAX_MARKS:
        over = next(itertools.islice(_MARK.finditer(text), MAX_MARKS, None))
        return [(text.count("\n", 0, over.start()),
                 M("the text has more than %(limit)s formatting marks (* _ ` [ < & \\ |) by this line",
                   limit=f"{MAX_MARKS:,}"),
                 M("no page needs that many; remove marks that are not meant as formatting, "
                   "or split the text into several entries"))]
    return [p for p in (_nesting(text), _emphasis(text), _html(text), _splits(text)) if p]


def _nesting(text: str):
    """Lists and quotes nested on one line: each '>' is a quote; each list mark at a
    deeper indent than the list marks of the lines before is a list inside those, and so
    is each further mark on the same line ('- - a'). Python-Markdown reads a line once
    per level it is nested in, so the levels of all lines add up to the work."""
    list_lines = len(_LIST_LINE.findall(text))
    most = text.count(">") + len(_LIST_MARK.findall(text)) + list_lines * (text.count("\n") + 1)
    if list_lines <= MAX_NESTING and most <= MAX_NESTED_TOTAL and not _DEEP_PREFIX.search(text):
        return None  # no line can nest that deep, nor all of them add up to that much
    indents: list[int] = []  # indents of the lists the current line is inside
    quotes_before, previous_blank, total = 0, True, 0
    for i, line in enumerate(text.split("\n")):
        if not line.strip():
            previous_blank = True
            continue
        m = _LINE_PREFIX.match(line)
        assert m is not None  # every group of the pattern may be empty
        quotes = m.group(1).count(">")
        indent = len(m.group(2))
        marks = len(_LIST_MARK.findall(m.group(3)))
        if quotes != quotes_before or (previous_blank and indent == 0 and not marks):
            indents = []  # another quote, or a paragraph of its own: the lists before have ended
        if marks:
            while indents and indents[-1] >= indent:
                indents.pop()
            indents.append(indent)
        quotes_before, previous_blank = quotes, False
        depth = quotes + len(indents) + max(marks - 1, 0)
        total += depth
        if depth > MAX_NESTING:
            return (i, M("this line is nested %(depth)s levels deep (lists and quotes inside each other); "
                         "the limit is %(limit)s", depth=depth, limit=MAX_NESTING),
                    M("use fewer levels: remove some of the '-', '*', '1.' or '>' marks, or spaces, "
                      "at the start of the line"))
        if total > MAX_NESTED_TOTAL:
            return (i, M("the lists and quotes are too large: by this line their levels add up to %(total)s "
                         "(a line counts once for each list or quote it is in); the limit is %(limit)s",
                         total=f"{total:,}", limit=f"{MAX_NESTED_TOTAL:,}"),
                    M("split the text into several entries, or nest the lists less deeply"))
    return None


def _emphasis(text: str):
    """* and _ around words nested inside each other: the most marks open at once that
    are closed later in the same paragraph (unclosed ones stay plain text)."""
    if "*" not in text and "_" not in text:
        return None
    blanks = [m.start() for m in _BLANK.finditer(text)]
    runs = []  # (start, end, char, can_open, can_close)
    for m in _RUN.finditer(text):
        s, e = m.span()
        if s and text[s - 1] == "\\":
            continue
        before = text[s - 1] if s else " "
        after = text[e] if e < len(text) else " "
        if m.group()[0] == "*":
            can_open, can_close = not after.isspace(), not before.isspace()
        else:  # '_' inside a word is a letter, not a mark
            can_open = not after.isspace() and not (before.isalnum() or before == "_")
            can_close = not before.isspace() and not (after.isalnum() or after == "_")
        runs.append((s, e, m.group()[0], can_open, can_close))
    closed = _pair(runs, blanks, None)
    worst = _pair(runs, blanks, closed)
    if worst is None:
        return None
    depth, pos = worst
    return (text.count("\n", 0, pos),
            M("too many nested emphasis marks (* or _) on this line: %(depth)s open at once; the limit is %(limit)s",
              depth=depth, limit=MAX_EMPHASIS),
            M("remove the extra '*' or '_' marks"))


def _pair(runs, blanks, closed):
    """Without `closed`: the set of runs that some later run closes. With it: the first
    (depth, position) where the marks of such runs open at once go over MAX_EMPHASIS."""
    stacks: dict[str, list[list[int]]] = {"*": [], "_": []}  # [index, marks left]
    found: set[int] = set()
    paragraph = -1
    open_marks = 0
    for index, (s, e, char, can_open, can_close) in enumerate(runs):
        here = bisect.bisect_left(blanks, s)
        if here != paragraph:  # a new paragraph: nothing stays open across a blank line
            paragraph = here
            stacks = {"*": [], "_": []}
            open_marks = 0
        stack = stacks[char]
        length = e - s
        if can_close and stack:
            while length and stack:
                top = stack[-1]
                used = min(length, top[1])
                top[1] -= used
                length -= used
                found.add(top[0])
                if closed is not None and top[0] in closed:
                    open_marks -= used
                if not top[1]:
                    stack.pop()
        elif can_open:
            stack.append([index, length])
            if closed is not None and index in closed:
                open_marks += length
                if open_marks > MAX_EMPHASIS:
                    return open_marks, s
    return found if closed is None else None


def _html(text: str):
    """Raw HTML elements open inside each other."""
    stack: list[str] = []
    for m in _TAG.finditer(text):
        closing, name, self_closing = m.group(1), m.group(2).lower(), m.group(3)
        if closing:
            if name in stack:
                while stack.pop() != name:
                    pass
        elif name not in _NOT_NESTING and not self_closing:
            stack.append(name)
            if len(stack) > MAX_HTML_OPEN:
                return (text.count("\n", 0, m.start()),
                        M("more than %(limit)s HTML tags are open at once here", limit=MAX_HTML_OPEN),
                        M("close each tag (like </div>) or remove the tags; the text needs no HTML"))
    return None


def _splits(text: str):
    """Headings, rules, underlines and link definitions in one block (no blank line
    between them): Python-Markdown copies the rest of the block at each one."""
    count, block = 0, 0
    blanks = [m.start() for m in _BLANK.finditer(text)]
    for m in _SPLITTER.finditer(text):
        here = bisect.bisect_left(blanks, m.start())
        if here != block:
            block, count = here, 0
        count += 1
        if count > MAX_BLOCK_SPLITS:
            return (text.count("\n", 0, m.start()),
                    M("more than %(limit)s headings, rules or link definitions follow each other "
                      "here without a blank line", limit=MAX_BLOCK_SPLITS),
                    M("put a blank line before each heading and after each rule"))
    return None
