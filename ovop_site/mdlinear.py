"""Python-Markdown without its quadratic corners: the same HTML for ordinary text.

Python-Markdown (3.11) rescans the rest of a paragraph from every '[' to find its ']'
(upstream issue Python-Markdown/markdown#798) and from every backtick to find the
closing run; it rebuilds the whole paragraph string after every inline match and the
whole document after every fenced code block; its block parser takes blocks from the
front of a list and searches the rest of a block again after every heading or rule; its
raw-HTML reader looks for the next '>' again from every '<'. A body of 16 KB of '['
took 36 seconds. This extension (registered last, under the same names and priorities)
swaps those parts for ones that do the work once per text:

- the inline tree processor applies each inline pattern in one pass over the text and
  joins the result once; a pattern that does not occur is skipped;
- links, images and references find their closing ']' and ')' in tables of bracket
  pairs made once per text; code spans find their closing backticks in a table of runs;
- emphasis looks for the next '*' or '_' with a regular expression and keeps its
  unpaired marks in a queue;
- the block parser keeps its blocks back to front, and indexes the lines of a block that
  could start a heading, rule, quote or link definition; list items, table rows and
  fenced code are split or joined once;
- the raw-HTML reader remembers where it found the next '>', '-->', '?>' or ']]>'.

Each part reproduces upstream's HTML, quirks included: tests/test_markdown_bound.py
compares the two on generated Markdown and on the whole catalogue. The differences are
on purpose and only for text no one writes: a '<' inside a tag's name or unquoted
attribute ends the tag ('<b<div>'); a reference label over 999 characters is not
looked up. What is still slow in bulk (many thousands of lines or marks, deep nesting)
is refused before rendering by mdlimits.py; DepthGuard keeps even that from crashing.
"""

from __future__ import annotations

import bisect
import collections
import itertools
import re
import xml.etree.ElementTree as etree

from markdown import blockparser, blockprocessors, inlinepatterns, preprocessors, treeprocessors, util
from markdown.extensions import Extension, fenced_code
from markdown.extensions.tables import TableProcessor
from markdown.htmlparser import HTMLExtractor, htmlparser, inner_blank_line_re

# Substrings without which an inline pattern cannot match (its regular expression
# requires one of them); the pattern is skipped for a text that has none.
TRIGGERS = {
    "backtick": ("`",), "escape": ("\\",),
    "reference": ("[",), "link": ("[",), "short_reference": ("[",),
    "image_link": ("![",), "image_reference": ("![",), "short_image_ref": ("![",),
    "autolink": ("<",), "automail": ("<",), "html": ("<",),
    "linebreak": ("  \n",), "entity": ("&",), "em_strong": ("*", "_"),
}


class _Context:
    """What the inline tree processor tells a pattern about the text it is given: the
    shift of later positions in the text as upstream would have rebuilt it (placeholders
    are longer or shorter than what they replace), and the position just after the last
    placeholder, where upstream's text would have had the placeholder's last character."""

    __slots__ = ("data", "shift", "after_placeholder")

    def __init__(self, data: str = "", shift: int = 0, after_placeholder: int = -1) -> None:
        self.data, self.shift, self.after_placeholder = data, shift, after_placeholder


class LinearInlineProcessor(treeprocessors.InlineProcessor):
    """The 'inline' tree processor, each pattern applied in one pass.

    Upstream applies a pattern, rebuilds the text with the match replaced by a
    placeholder, and searches again from just after the placeholder; that is a copy of
    the whole paragraph per match. Here the pattern's matches are collected over the
    unchanged text and the text is joined once. A pattern sees the text as it was before
    this pattern's own replacements; the two places where that could differ from upstream
    (a look-behind at the character just after a replacement, and emphasis's cached
    positions) are handled by the patterns below through the _Context they receive.
    """

    def run(self, tree, ancestors=None):
        """Upstream's run, with a queue for the elements still to visit (upstream takes
        them from the front of a list, which moves all the others each time) and each
        child's position counted (upstream looks it up again for every child)."""
        registry = self.inlinePatterns
        triggers = {registry.get_index_for_name(name): t for name, t in TRIGGERS.items() if name in registry}
        self._patterns = [(pattern, triggers.get(i)) for i, pattern in enumerate(registry)]
        self.stashed_nodes = {}
        _TABLES.clear()
        tree_parents = [] if ancestors is None else ancestors[:]
        self.parent_map = {c: p for p in tree.iter() for c in p}
        stack = collections.deque([(tree, tree_parents)])
        self._InlineProcessor__build_ancestors(tree, tree_parents)
        while stack:
            current, parents = stack.popleft()
            self.ancestors = parents
            if current is not tree:
                self.ancestors.append(current.tag.lower())
            insert_queue = []
            i = 0
            while i < len(current):  # upstream's `for child in current`, which sees insertions too
                child = current[i]
                if child.text and not isinstance(child.text, util.AtomicString):
                    self.ancestors.append(child.tag.lower())
                    text = child.text
                    child.text = None
                    lst = self._InlineProcessor__processPlaceholders(self._InlineProcessor__handleInline(text), child)
                    for item in lst:
                        self.parent_map[item[0]] = child
                    stack.extend(lst)
                    insert_queue.append((child, lst))
                    self.ancestors.pop()
                if child.tail:
                    tail = self._InlineProcessor__handleInline(child.tail)
                    dumby = etree.Element("d")
                    child.tail = None
                    tail_result = self._InlineProcessor__processPlaceholders(tail, dumby, False)
                    if dumby.tail:
                        child.tail = dumby.tail
                    pos = i + 1  # upstream: list(current).index(child) + 1, a scan per child
                    tail_result.reverse()
                    for new_child in tail_result:
                        self.parent_map[new_child[0]] = current
                        current.insert(pos, new_child[0])
                if len(child):
                    self.parent_map[child] = current
                    stack.append((child, self.ancestors[:]))
                i += 1
            for element, lst in insert_queue:
                for i, obj in enumerate(lst):
                    element.insert(i, obj[0])
        _TABLES.clear()
        return tree

    def _InlineProcessor__processPlaceholders(self, data, parent, isText=True):  # noqa: N802, N803
        """Upstream's, with the text between elements gathered and joined once (upstream
        appends to an element's text piece by piece, copying it each time)."""
        result = []
        pending: list[str] = []

        def flush():
            if not pending:
                return
            text = pending[0] if len(pending) == 1 else "".join(pending)
            pending.clear()
            if result:
                target = result[-1][0]
                target.tail = target.tail + text if target.tail else text
            elif not isText:
                parent.tail = parent.tail + text if parent.tail else text
            else:
                parent.text = parent.text + text if parent.text else text

        def link_text(text):
            if text:
                pending.append(text)

        prefix = self._InlineProcessor__placeholder_prefix
        start = 0
        while data:
            index = data.find(prefix, start)
            if index != -1:
                id, end = self._InlineProcessor__findPlaceholder(data, index)
                if id in self.stashed_nodes:
                    node = self.stashed_nodes.get(id)
                    if index > 0:
                        link_text(data[start:index])
                    if not isinstance(node, str):
                        inserted = 0  # elements put into node so far: they move the later children
                        for k, child in enumerate([node] + list(node)):
                            if child.tail and child.tail.strip():
                                inserted += self._element_text(node, child, False, k + inserted)
                            if child.text and child.text.strip():
                                added = self._element_text(child, child, True, 0)
                                if child is node:  # put at the start of node, before its children
                                    inserted += added
                    else:
                        link_text(node)
                        start = end
                        continue
                    start = end
                    flush()
                    result.append((node, self.ancestors[:]))
                else:
                    end = index + len(prefix)
                    link_text(data[start:end])
                    start = end
            else:
                text = data[start:]
                if isinstance(data, util.AtomicString):
                    text = util.AtomicString(text)
                link_text(text)
                data = ""
        flush()
        return result

    def _element_text(self, node, subnode, is_text: bool, pos: int) -> int:
        """Upstream's __processElementText, told where subnode is in node (upstream looks it
        up in node's list of children each time); returns how many elements it inserted."""
        if is_text:
            text, subnode.text = subnode.text, None
        else:
            text, subnode.tail = subnode.tail, None
        result = self._InlineProcessor__processPlaceholders(text, subnode, is_text)
        if is_text or node is subnode:
            pos = 0
        for new_child in reversed(result):
            node.insert(pos, new_child[0])
        return len(result)

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:  # noqa: N802
        if isinstance(data, util.AtomicString):
            return data
        patterns = self._patterns
        while patternIndex < len(patterns):
            pattern, triggers = patterns[patternIndex]
            if triggers is None or any(t in data for t in triggers):
                data = self._apply(pattern, data, patternIndex)
            patternIndex += 1
        return data

    def _apply(self, pattern, data: str, index: int) -> str:
        if not isinstance(pattern, inlinepatterns.InlineProcessor):  # an old-style Pattern
            start = 0
            while True:
                data, matched, start = self._InlineProcessor__applyPattern(pattern, data, index, start)
                if not matched:
                    return data
        for exclude in pattern.ANCESTOR_EXCLUDES:
            if exclude.lower() in self.ancestors:
                return data
        regex = pattern.getCompiledRegExp()
        adjacent = getattr(pattern, "adjacent_match", None)
        pieces: list[str] = []
        copied = pos = shift = 0
        after_placeholder = -1
        while True:
            matches = regex.finditer(data, pos)
            if after_placeholder >= 0 and adjacent is not None:
                first = adjacent(data, pos)
                if first is not None:
                    matches = itertools.chain((first,), regex.finditer(data, first.end()))
            for m in matches:
                pattern.context = _Context(data, shift, after_placeholder)
                node, start, end = pattern.handleMatch(m, data)
                if start is not None and end is not None:
                    break
            else:
                break
            if node is None:  # the pattern skips this stretch: search on after it
                pos, after_placeholder = max(end, pos + 1), -1
                continue
            if not isinstance(node, str) and not isinstance(node.text, util.AtomicString):
                for child in [node] + list(node):
                    if child.text:
                        self.ancestors.append(child.tag.lower())
                        child.text = self._InlineProcessor__handleInline(child.text, index + 1)
                        self.ancestors.pop()
                    if child.tail:
                        child.tail = self._InlineProcessor__handleInline(child.tail, index)
            placeholder = self._InlineProcessor__stashNode(node, pattern.type())
            # Upstream slices with these positions: a negative one counts from the end
            # (getLink can return -1). A span that does not move forward still replaces
            # one character, so the pass always ends.
            start, end = (i + len(data) if i < 0 else i for i in (start, end))
            start = max(start, copied)
            end = max(end, start + 1)
            pieces.append(data[copied:start])
            pieces.append(placeholder)
            shift += len(placeholder) - (end - start)
            copied = pos = after_placeholder = end
        if not pieces:
            return data
        pieces.append(data[copied:])
        return "".join(pieces)


# --- links, images, references -------------------------------------------------------

_BRACKETS = re.compile(r"[\[\]]")
_PARENS = re.compile(r"[()]")
_QUOTES = re.compile(r"['\"]")
_LINK_MARKS = re.compile(r"[()'\"]")
_TITLE_END = re.compile(r"['\"][ ]*\)")  # a quote, spaces, ')': where a link title can end


class _LinkTables:
    """For one text: the ']' that closes each '[', the ')' that closes each '(' (a closing
    bracket found by counting from an opening one is the one a left-to-right stack pairs
    with it), and, read when a link needs them, where the parentheses and quotes are."""

    __slots__ = ("data", "brackets", "_parens", "_positions", "_ends")

    def __init__(self, data: str) -> None:
        self.data = data
        self.brackets = self._pairs(data, _BRACKETS, "[")
        self._parens: dict[int, int] | None = None
        self._positions: dict[str, list[int]] | None = None
        self._ends: tuple[int, int] = (-1, -1)  # a search for _TITLE_END: from, found at

    @property
    def parens(self) -> dict[int, int]:
        if self._parens is None:
            self._parens = self._pairs(self.data, _PARENS, "(")
        return self._parens

    @staticmethod
    def _pairs(data: str, regex: re.Pattern, opening: str) -> dict[int, int]:
        pairs, stack = {}, []
        for m in regex.finditer(data):
            i = m.start()
            if data[i] == opening:
                stack.append(i)
            elif stack:
                pairs[stack.pop()] = i
        return pairs

    def positions(self, chars: str) -> list[int]:
        """Sorted positions of '(' , ')', '()', "'", '"' or a quote of either kind."""
        if self._positions is None:
            found: dict[str, list[int]] = {c: [] for c in "()'\""}
            for m in _LINK_MARKS.finditer(self.data):
                found[m.group()].append(m.start())
            found["()"] = sorted(found["("] + found[")"])
            found["'\""] = sorted(found["'"] + found['"'])
            self._positions = found
        return self._positions[chars]

    def first(self, chars: str, start: int, end: int | None = None) -> int:
        """The first position of one of `chars` in [start, end), or -1."""
        where = self.positions(chars)
        i = bisect.bisect_left(where, start)
        return where[i] if i < len(where) and (end is None or where[i] < end) else -1

    def count(self, chars: str, start: int, end: int) -> int:
        where = self.positions(chars)
        return bisect.bisect_left(where, end) - bisect.bisect_left(where, start)

    def title_end(self, start: int):
        """_TITLE_END.search(data, start), remembered: links are read left to right."""
        searched, found = self._ends
        if not (searched <= start <= found):
            m = _TITLE_END.search(self.data, start)
            found = m.start() if m else len(self.data)
            self._ends = (start, found)
        return found if found < len(self.data) else -1


# The tables of the last few texts, shared by the six link patterns (each reads the text
# the one before it left, often unchanged). Emptied for every document.
_TABLES: collections.OrderedDict[int, _LinkTables] = collections.OrderedDict()


def _tables_for(data: str) -> _LinkTables:
    tables = _TABLES.get(id(data))
    if tables is not None and tables.data is data:
        _TABLES.move_to_end(id(data))
        return tables
    tables = _TABLES[id(data)] = _LinkTables(data)
    if len(_TABLES) > 32:
        _TABLES.popitem(last=False)
    return tables


class _LinearLinkMixin:
    """getText and getLink of LinkInlineProcessor, answered from _LinkTables."""

    @staticmethod
    def _tables_for(data: str) -> _LinkTables:
        return _tables_for(data)

    def getText(self, data: str, index: int):  # noqa: N802
        if index < 1 or data[index - 1] != "[":
            return super().getText(data, index)
        close = self._tables_for(data).brackets.get(index - 1)
        if close is None:
            return "", len(data), False  # the text is unused when not handled
        return data[index:close], close + 1, True

    def getLink(self, data: str, index: int):  # noqa: N802
        m = self.RE_LINK.match(data, pos=index)
        if not m or m.group(1):  # no '(' (not a link) or the <destination> form: upstream is quick
            return super().getLink(data, index)
        tables = self._tables_for(data)
        start_index = m.end()
        close = tables.parens.get(m.start())
        q = tables.first("'\"", start_index, len(data) if close is None else close)
        if q < 0:
            # Without a quote, upstream only counts parentheses: it ends at the partner.
            if close is None:
                return "", None, index, False
            return self.unescape(data[start_index:close]).strip(), None, close + 1, True
        return self._after_quote(data, tables, start_index, q)

    def _after_quote(self, data: str, tables: _LinkTables, start_index: int, q: int):
        """What upstream's character loop in getLink returns once it meets a quote at `q`
        (before the parentheses close), found in the tables instead of read char by char.

        From the first quote on, upstream takes the text as a title: the link ends at the
        first ')' right after (spaces aside) a closing quote, that is the same quote again,
        or the other kind of quote met a second time. Failing that, at the end of the text
        it falls back on the parenthesis that brings its backtrack count (the parentheses
        still open at the quote) to zero, counting every parenthesis after the quote."""
        quote = data[q]
        other = "'" if quote == '"' else '"'
        alt = tables.first(other, q + 1)  # the first quote of the other kind: alt_quote
        end = q + 1
        while (t := tables.title_end(end)) >= 0:
            before = t  # the quote just before the ')' (spaces between)
            paren = data.index(")", t)
            if data[before] == quote and before != q:
                href = data[start_index:q]
                title = data[q + 1:before]
                return self._link(href, title, paren + 1)
            if data[before] == other and alt >= 0 and before != alt:
                href = data[start_index:alt]
                title = data[alt + 1:before]
                return self._link(href, title, paren + 1)
            end = t + 1
        backtrack = 1 + tables.count("(", start_index, q) - tables.count(")", start_index, q)
        parens = tables.positions("()")
        k = bisect.bisect_right(parens, q) + backtrack - 1
        if k >= len(parens):
            return "", None, start_index, False
        last_bracket = parens[k] + 1 if data[parens[k]] == ")" else -1
        return self._link(data[start_index:last_bracket - 1], None, last_bracket)

    def _link(self, href: str, title: str | None, index: int):
        if title is not None:
            title = self.RE_TITLE_CLEAN.sub(" ", inlinepatterns.dequote(self.unescape(title.strip())))
        return self.unescape(href).strip(), title, index, True


class _LinkOrImageMixin(_LinearLinkMixin):
    def handleMatch(self, m, data):  # noqa: N802
        # Upstream's, with the destination read before the text is copied out: most
        # '[' are not links, and copying the text of each is quadratic when they nest.
        close = self._tables_for(data).brackets.get(m.end(0) - 1)
        if close is None:
            return None, None, None
        href, title, index, handled = self.getLink(data, close + 1)
        if not handled:
            return None, None, None
        return self._element(data[m.end(0):close], href, title), m.start(0), index


class LinkProcessor(_LinkOrImageMixin, inlinepatterns.LinkInlineProcessor):
    def _element(self, text, href, title):
        el = etree.Element("a")
        el.text = text
        el.set("href", href)
        if title is not None:
            el.set("title", title)
        return el


class ImageProcessor(_LinkOrImageMixin, inlinepatterns.ImageInlineProcessor):
    def _element(self, text, src, title):
        el = etree.Element("img")
        el.set("src", src)
        if title is not None:
            el.set("title", title)
        el.set("alt", self.unescape(text))
        return el


# A reference label longer than this is not looked up (CommonMark's limit is 999 too);
# upstream lower-cases the text inside every pair of brackets, nested ones included.
MAX_LABEL = 999


class _ReferenceMixin(_LinearLinkMixin):
    def handleMatch(self, m, data):  # noqa: N802
        # Upstream's: the text, then the label ('[text][label]', or the text itself);
        # here the label first, and the text copied out only for a known label.
        start = m.end(0)
        close = self._tables_for(data).brackets.get(start - 1)
        if close is None:
            return None, None, None
        end = close + 1
        label = None
        if not self._label_is_text:
            found = self.RE_LINK.match(data, pos=end)
            if not found:
                return None, None, None
            label, end = found.group(1).lower(), found.end(0)
        if not label:  # '[text]' or '[text][]': the text is the label
            if close - start > MAX_LABEL:
                return None, m.start(0), end  # upstream's answer for an unknown label
            label = data[start:close].lower()
        label = self.NEWLINE_CLEANUP_RE.sub(" ", label)
        if label not in self.md.references:
            return None, m.start(0), end
        href, title = self.md.references[label]
        return self.makeTag(href, title, data[start:close]), m.start(0), end


class ReferenceProcessor(_ReferenceMixin, inlinepatterns.ReferenceInlineProcessor):
    _label_is_text = False


class ShortReferenceProcessor(_ReferenceMixin, inlinepatterns.ShortReferenceInlineProcessor):
    _label_is_text = True


class ImageReferenceProcessor(_ReferenceMixin, inlinepatterns.ImageReferenceInlineProcessor):
    _label_is_text = False


class ShortImageReferenceProcessor(_ReferenceMixin, inlinepatterns.ShortImageReferenceInlineProcessor):
    _label_is_text = True


# --- code spans ----------------------------------------------------------------------

_TICKS = re.compile("`+")


class _TickRuns:
    """The backtick runs of one text: where each is, the runs of each length, and the
    longest run (first of them) from each run to the end."""

    __slots__ = ("data", "starts", "ends", "by_length", "longest")

    def __init__(self, data: str) -> None:
        self.data = data
        self.starts, self.ends = [], []
        self.by_length: dict[int, list[int]] = {}
        for i, m in enumerate(_TICKS.finditer(data)):
            self.starts.append(m.start())
            self.ends.append(m.end())
            self.by_length.setdefault(m.end() - m.start(), []).append(i)
        n = len(self.starts)
        self.longest = [(0, -1)] * (n + 1)
        for i in range(n - 1, -1, -1):
            length = self.ends[i] - self.starts[i]
            self.longest[i] = (length, i) if length >= self.longest[i + 1][0] else self.longest[i + 1]


class BacktickProcessor(inlinepatterns.BacktickInlineProcessor):
    """find_code_spans answered from _TickRuns, with upstream's results."""

    # BACKTICK_RE without its look-behinds: what upstream matches just after a placeholder
    ADJACENT = re.compile(r"(?:((?:\\{2})+)(?=`+)|`)")
    _runs: _TickRuns | None = None

    def adjacent_match(self, data: str, pos: int):
        # Only a backslash before `pos` makes the look-behind differ from upstream's
        # (where the character before is the placeholder's end).
        if pos > 0 and data[pos - 1] == "\\":
            return self.ADJACENT.match(data, pos)
        return None

    def find_code_spans(self, start: int, text: str):
        if self._runs is None or self._runs.data is not text:
            self._runs = _TickRuns(text)
        runs = self._runs
        r = bisect.bisect_right(runs.starts, start) - 1
        if r < 0 or runs.ends[r] <= start:
            return super().find_code_spans(start, text)
        max_ticks = runs.ends[r] - start
        start = runs.ends[r]
        same = runs.by_length.get(max_ticks, ())
        j = bisect.bisect_right(same, r)
        if j < len(same):
            return start, runs.starts[same[j]]
        longest, i = runs.longest[r + 1]
        if 0 < longest < max_ticks:
            return start - (max_ticks - longest), runs.starts[i]
        return start + max_ticks, None


# --- emphasis ------------------------------------------------------------------------

class _Match:
    """A regular-expression match moved back into the full text (see get_match)."""

    __slots__ = ("_m", "_shift")

    def __init__(self, m: re.Match, shift: int) -> None:
        self._m, self._shift = m, shift

    def start(self, group=0):
        return self._m.start(group) + self._shift

    def end(self, group=0):
        return self._m.end(group) + self._shift

    def group(self, *groups):
        return self._m.group(*groups)

    @property
    def lastgroup(self):
        return self._m.lastgroup


_RUN = re.compile(r"\*+|_+")


class DelimiterProcessor(inlinepatterns.DelimiterProcessor):
    """Emphasis (* and _) as upstream, with a regular-expression search for the next
    mark, a queue for the unpaired marks, and positions kept as upstream's rebuilt text
    would have them."""

    context = _Context()
    _then = 0  # the shift when the cached regions were found

    def add(self, token, tags, smart=False, double=False):
        super().add(token, tags, smart, double)
        self._tokens_re = re.compile("|".join(re.escape(t) for t in self.tokens))

    def get_match(self, data, start):
        ctx = self.context
        if start == ctx.after_placeholder and ctx.data is data:
            # Upstream's text has the placeholder's last character (not a space, not a
            # word character, not a mark) just before `start`.
            run = _RUN.match(data, start)
            probe = util.ETX + data[start:(run.end() if run else start) + 2]
            for d in self.delimiters.values():
                m = d.boundary.match(probe, 1)
                if m is not None:
                    return _Match(m, start - 1)
            return None
        return super().get_match(data, start)

    def search(self, data, start):
        for found in self._tokens_re.finditer(data, start):
            i = found.start()
            d = self.delimiters[data[i]]
            m = d.boundary.match(data, i)
            if m is not None:
                if not d.stack and m.lastgroup[0] == "e":
                    continue
                return m
        return None

    def handleMatch(self, m, data):  # noqa: N802
        if self.regions:
            return self.get_cached_result(m.start(0), data)
        self._then = self.context.shift if self.context.data is data else 0
        el, start, end = super().handleMatch(m, data)
        if self.stack:
            self.stack = _Queue(self.stack)
        return el, start, end

    def get_cached_result(self, pos, data):
        # Upstream's rule, in the positions of its rebuilt text: regions were found when
        # the text was shifted by _then, `pos` is in text shifted by `now`.
        now = self.context.shift if self.context.data is data else 0
        regions = self.regions
        vpos, cache_pos = pos + now, self.cache_pos + self._then
        offset = vpos - cache_pos if vpos != cache_pos else vpos - (regions[self.cache_index][0] + self._then)
        offset += self._then - now
        start, end = regions[self.cache_index][0], regions[self.cache_index][3]
        el, count = self._build_element(data, self.cache_index, offset)
        self.increment_next_position(start, count)
        return el, start + offset, end + offset

    def reset(self):
        super().reset()
        self.stack = []


class _Queue(list):
    """The sorted unpaired marks, taken from the front without moving the rest."""

    def __init__(self, items):
        super().__init__(items)
        self._head = 0

    def pop(self, index=-1):
        if index == 0:
            if self._head >= super().__len__():
                raise IndexError("pop from empty queue")
            self._head += 1
            return super().__getitem__(self._head - 1)
        return super().pop(index)

    def __len__(self):
        return super().__len__() - self._head

    def __bool__(self):
        return self.__len__() > 0


# --- blocks --------------------------------------------------------------------------

class _Blocks:
    """The parser's list of blocks, kept back to front: taking the first block and putting
    one back in front are O(1) (upstream's list.pop(0) moves every other block). A block
    put back that is the end of the block just taken (what is left after a heading, a
    rule or a definition) is noted as part of it, for BlockParser.first_match."""

    __slots__ = ("_reversed", "_parser", "_taken")

    def __init__(self, blocks, parser: BlockParser) -> None:
        self._reversed = list(blocks)[::-1]
        self._parser = parser
        self._taken = None
        for block in self._reversed:  # a block parsed on its own: the start of the block taken last
            parser.note_part(block, parser.taken, suffix=False)

    def pop(self, index: int = 0) -> str:
        if index != 0:
            raise IndexError("only the first block can be taken")
        self._taken = self._parser.taken = self._reversed.pop()
        return self._taken

    def insert(self, index: int, block: str) -> None:
        if index != 0:
            raise IndexError("only the first block can be put back")
        self._parser.note_part(block, self._taken, suffix=True)
        self._reversed.append(block)

    def __getitem__(self, index: int) -> str:
        return self._reversed[-index - 1]

    def __setitem__(self, index: int, block: str) -> None:
        self._reversed[-index - 1] = block

    def __len__(self) -> int:
        return len(self._reversed)

    def __bool__(self) -> bool:
        return bool(self._reversed)

    def __iter__(self):
        return reversed(self._reversed)


class _Kind:
    """A block processor's search for its line anywhere in a block: the real regular
    expression, a cheap one for the lines it could start on, how many characters before
    the line the real one starts (its '\n'), and how many lines it can read."""

    def __init__(self, real: re.Pattern, candidate: str, back: int, lines: int) -> None:
        self.real, self.candidate, self.back, self.lines = real, re.compile(candidate, re.M), back, lines


KINDS = {
    "hash": _Kind(blockprocessors.HashHeaderProcessor.RE, r"^#", 1, 1),
    "hr": _Kind(blockprocessors.HRProcessor.SEARCH_RE, r"^[ ]{0,3}[-_*]", 0, 1),
    "quote": _Kind(blockprocessors.BlockQuoteProcessor.RE, r"^[ ]{0,3}>", 1, 1),
    "reference": _Kind(blockprocessors.ReferenceProcessor.RE, r"^[ ]{0,3}\[", 0, 3),
}


class _LineIndex:
    """For one whole block and one _Kind: the lines a match could start on, where the
    text that decides each one ends, and those where the real expression matches."""

    __slots__ = ("candidates", "decided_by", "hits")

    def __init__(self, root: str, kind: _Kind) -> None:
        self.candidates = [m.start() for m in kind.candidate.finditer(root)]
        self.decided_by, self.hits = [], []
        for q in self.candidates:
            end = q - 1
            for _ in range(kind.lines):
                end = root.find("\n", end + 1)
                if end < 0:
                    end = len(root)
                    break
            self.decided_by.append(end)
            if kind.real.match(root, q - kind.back if q else 0):
                self.hits.append(q)


class BlockParser(blockparser.BlockParser):
    """Python-Markdown's block parser with _Blocks, and first_match: a heading, rule,
    quote or definition processor looks for its line in what is left of a block, again
    after every split; upstream searches the rest each time, here the lines are indexed
    once per block."""

    def parseDocument(self, lines):  # noqa: N802
        self.origins: dict[int, tuple[str, str, int]] = {}  # id(part) → (part, whole block, offset)
        self.indexes: dict[tuple[int, str], tuple[str, _LineIndex]] = {}
        self.taken = None
        try:
            return super().parseDocument(lines)
        finally:
            self.origins, self.indexes, self.taken = {}, {}, None

    def parseBlocks(self, parent, blocks):  # noqa: N802
        blocks = blocks if isinstance(blocks, _Blocks) else _Blocks(blocks, self)
        processors = getattr(self, "_processors", None)
        if processors is None or len(processors) != len(self.blockprocessors):
            processors = self._processors = list(self.blockprocessors)
        while blocks:
            for processor in processors:
                if processor.test(parent, blocks[0]):
                    if processor.run(parent, blocks) is not False:
                        break

    def origin(self, block: str) -> tuple[str, int]:
        entry = getattr(self, "origins", {}).get(id(block))
        if entry is not None and entry[0] is block:
            return entry[1], entry[2]
        return block, 0

    def note_part(self, part: str, whole: str | None, suffix: bool) -> None:
        """Remember that `part` is the end (suffix) or the start of `whole`, when it is."""
        if whole is None or not hasattr(self, "origins") or not part or len(part) > len(whole):
            return
        offset = len(whole) - len(part) if suffix else 0
        if not (whole.endswith(part) if suffix else whole.startswith(part)):
            return
        root, base = self.origin(whole)
        start = base + offset
        if start and root[start - 1] != "\n":
            return  # not at a line start: indexed lines would not line up
        self.origins[id(part)] = (part, root, start)

    def first_match(self, block: str, name: str):
        """KINDS[name].real.search(block), from the index of the whole block."""
        kind = KINDS[name]
        root, k = self.origin(block)
        if root is block or len(block) < 4096:  # searched once or twice, or short: no index needed
            return kind.real.search(block)
        key = (id(root), name)
        entry = self.indexes.get(key) if hasattr(self, "indexes") else None
        if entry is None or entry[0] is not root:
            entry = (root, _LineIndex(root, kind))
            if hasattr(self, "indexes"):
                self.indexes[key] = entry
        index = entry[1]
        end = k + len(block)
        lo = bisect.bisect_left(index.candidates, k)
        hi = bisect.bisect_left(index.candidates, end, lo)
        if lo == hi:
            return None
        # Lines decided by text inside this block match here as in the whole block;
        # the last line or two may read past its end and are tried here.
        safe = bisect.bisect_right(index.decided_by, end, lo, hi)
        h = bisect.bisect_left(index.hits, k)
        if h < len(index.hits) and index.hits[h] < (index.candidates[safe] if safe < hi else end):
            q = index.hits[h] - k
            m = kind.real.match(block, q - kind.back if q else 0)
            if m is not None:
                return m
            return kind.real.search(block)  # cannot happen; stay correct if it does
        for i in range(safe, hi):
            q = index.candidates[i] - k
            m = kind.real.match(block, q - kind.back if q else 0)
            if m is not None:
                return m
        return None


class HashHeaderProcessor(blockprocessors.HashHeaderProcessor):
    def test(self, parent, block):
        return self.parser.first_match(block, "hash") is not None

    def run(self, parent, blocks):
        block = blocks.pop(0)
        m = self.parser.first_match(block, "hash")
        before = block[:m.start()]
        after = block[m.end():]
        if before:
            self.parser.parseBlocks(parent, [before])
        h = etree.SubElement(parent, "h%d" % len(m.group("level")))
        h.text = m.group("header").strip()
        if after:
            if self.parser.state.isstate("looselist"):
                after = self.looseDetab(after)
            blocks.insert(0, after)


class HRProcessor(blockprocessors.HRProcessor):
    def test(self, parent, block):
        m = self.parser.first_match(block, "hr")
        if m:
            self.match = m
            return True
        return False


class BlockQuoteProcessor(blockprocessors.BlockQuoteProcessor):
    def test(self, parent, block):
        return self.parser.first_match(block, "quote") is not None and not util.nearing_recursion_limit()

    def run(self, parent, blocks):
        block = blocks.pop(0)
        m = self.parser.first_match(block, "quote")
        if m:
            before = block[:m.start()]
            self.parser.parseBlocks(parent, [before])
            block = "\n".join([self.clean(line) for line in block[m.start():].split("\n")])
        sibling = self.lastChild(parent)
        if sibling is not None and sibling.tag == "blockquote":
            quote = sibling
        else:
            quote = etree.SubElement(parent, "blockquote")
        self.parser.state.set("blockquote")
        self.parser.parseChunk(quote, block)
        self.parser.state.reset()


class ReferenceBlockProcessor(blockprocessors.ReferenceProcessor):
    def run(self, parent, blocks):
        block = blocks.pop(0)
        m = self.parser.first_match(block, "reference")
        if m:
            start = end = m.start()
            for m in self.RE.finditer(block, start):
                if m.start() > start and (block[end:m.start()].strip("\n") or "\n" in m.group()):
                    break
                id = m.group(1).strip().lower()
                link = m.group(2).lstrip("<").rstrip(">")
                title = m.group(5) or m.group(6)
                self.parser.md.references[id] = (link, title)
                end = m.end()
            if block[end:].strip():
                blocks.insert(0, block[end:].lstrip("\n"))
            if block[:start].strip():
                blocks.insert(0, block[:start].rstrip("\n"))
            return True
        blocks.insert(0, block)
        return False


class SetextHeaderProcessor(blockprocessors.SetextHeaderProcessor):
    def run(self, parent, blocks):
        lines = blocks.pop(0).split("\n", 2)  # upstream splits every line of the block
        level = 1 if lines[1].startswith("=") else 2
        h = etree.SubElement(parent, "h%d" % level)
        h.text = lines[0].strip()
        if len(lines) > 2:
            blocks.insert(0, lines[2])


class _ListItemsMixin:
    def test(self, parent, block):
        # Like upstream's blockquotes: no deeper list near Python's recursion limit (the
        # block stays a paragraph), so that a thousand nested lists cannot crash.
        return super().test(parent, block) and not util.nearing_recursion_limit()

    def get_items(self, block: str) -> list[str]:
        """Upstream's get_items, each item's lines joined once at the end."""
        items: list[list[str]] = []
        indent = " " * self.tab_length
        for line in block.split("\n"):
            m = self.CHILD_RE.match(line)
            if m:
                if not items and self.TAG == "ol":
                    self.STARTSWITH = re.match(r"(\d+)", m.group(1)).group()
                items.append([m.group(3)])
            elif self.INDENT_RE.match(line):
                if items[-1][0].startswith(indent):
                    items[-1].append(line)
                else:
                    items.append([line])
            else:
                items[-1].append(line)
        return ["\n".join(item) for item in items]


class OListProcessor(_ListItemsMixin, blockprocessors.OListProcessor):
    pass


class ListIndentProcessor(blockprocessors.ListIndentProcessor):
    def test(self, parent, block):
        return super().test(parent, block) and not util.nearing_recursion_limit()


class UListProcessor(_ListItemsMixin, blockprocessors.UListProcessor):
    pass


class LinearTableProcessor(TableProcessor):
    """The tables extension's processor; its test reads only the lines it needs (upstream
    splits and strips every line of every block it is shown), and a row is split with
    indexes instead of rescanning the row for every backtick and pipe."""

    def test(self, parent, block):
        first = block.find("\n")
        if first < 0:
            return False  # one line is never a table
        header0 = block[:first].strip(" ")
        second_end = block.find("\n", first + 1)
        row1 = block[first + 1:second_end if second_end >= 0 else len(block)].strip(" ")
        self.border = 0
        if header0.startswith("|"):
            self.border |= 1  # PIPE_LEFT
        if self.RE_END_BORDER.search(header0) is not None:
            self.border |= 2  # PIPE_RIGHT
        row = self._split_row(header0)
        row0_len = len(row)
        is_table = row0_len > 1
        if not is_table and row0_len == 1 and self.border:
            for line in _lines_from(block, first + 1):
                line = line.strip(" ")
                is_table = line.startswith("|") or self.RE_END_BORDER.search(line) is not None
                if not is_table:
                    break
        if is_table:
            row = self._split_row(row1)
            is_table = (len(row) == row0_len) and set("".join(row)) <= set("|:- ")
            if is_table:
                self.separator = row
        return is_table

    def _split(self, row: str) -> list[str]:
        pipes, tics, tic_points = [], [], []
        for m in self.RE_CODE_PIPES.finditer(row):
            if m.group(2):
                tics.append(len(m.group(2)) - 1)
                tic_points.append((m.start(2), m.end(2) - 1, 1))
            elif m.group(3):
                tics.append(len(m.group(3)))
                tic_points.append((m.start(3), m.end(3) - 1, 0))
            elif m.group(5):
                pipes.append(m.start(5))
        where: dict[int, list[int]] = {}
        for i, size in enumerate(tics):
            where.setdefault(size, []).append(i)
        regions = []
        pos = 0
        while pos < len(tics):
            size = tics[pos] - tic_points[pos][2]
            same = where.get(size, ()) if size else ()
            j = bisect.bisect_right(same, pos)
            if j < len(same):
                regions.append((tic_points[pos][0], tic_points[same[j]][1]))
                pos = same[j] + 1
            else:
                pos += 1
        elements, start, r = [], 0, 0
        for pipe in pipes:
            while r < len(regions) and regions[r][1] < pipe:
                r += 1
            if r < len(regions) and regions[r][0] <= pipe <= regions[r][1]:
                continue
            elements.append(row[start:pipe])
            start = pipe + 1
        elements.append(row[start:])
        return elements


def _lines_from(text: str, start: int):
    while start <= len(text):
        end = text.find("\n", start)
        if end < 0:
            yield text[start:]
            return
        yield text[start:end]
        start = end + 1


# --- raw HTML blocks -----------------------------------------------------------------

# Python-Markdown's tolerant start-tag pattern, with '<' no longer allowed inside a tag
# name, an attribute name or a bare value: '<a <a <a …' was one tag running to the end
# of the text, scanned again from every '<'.
_LOCATE_START_TAG_END = re.compile(r"""
  <[a-zA-Z][^`\t\n\r\f />\x00<]*
  (?:[\s/]*
    (?:(?<=['"\s/])[^`\s/><][^\s/=><]*
      (?:\s*=+\s*
        (?:'[^']*'
          |"[^"]*"
          |(?!['"])[^`>\s<]*
         )
         (?:\s*,)*
       )?(?:\s|/(?!>))*
     )*
   )?
  \s*
""", re.VERBOSE)
_BLANK_LINES_AT = re.compile(r"([ ]*\n){2}")
_GT = re.compile(">")


class LinearHTMLExtractor(HTMLExtractor):
    """Python-Markdown's raw-HTML extractor without rescans to the end of the text.

    Upstream looks for the next '>', '?>', ']]>' or '-->' from every '<' that opens
    something, and copies the rest of the text to test for a blank line after a tag.
    Here a search remembers where it found its match (or that there is none), so the
    next search for the same thing from a position before that match answers at once;
    the results are the same.
    """

    def reset(self):
        super().reset()
        self._found: dict[object, tuple[str, int, int, re.Match | None]] = {}

    def _search(self, pattern: re.Pattern, pos: int):
        """pattern.search(self.rawdata, pos), remembered."""
        rawdata = self.rawdata
        known = self._found.get(pattern)
        if known is not None and known[0] is rawdata and known[1] <= pos <= known[2]:
            m = known[3]
            if m is None or pos <= m.start():
                return m
        m = pattern.search(rawdata, pos)
        self._found[pattern] = (rawdata, pos, m.start() if m else len(rawdata), m)
        return m

    def _find(self, needle: str, pos: int) -> int:
        m = self._search(_LITERALS.setdefault(needle, re.compile(re.escape(needle))), pos)
        return m.start() if m else -1

    def check_for_whole_start_tag(self, i):
        rawdata = self.rawdata
        m = _LOCATE_START_TAG_END.match(rawdata, i)
        j = m.end()
        nxt = rawdata[j:j + 1]
        if nxt == ">":
            return j + 1
        if nxt == "/":
            if rawdata.startswith("/>", j):
                return j + 2
            if rawdata.startswith("/", j):
                return -1
            return j if j > i else i + 1
        if nxt == "":
            return -1
        if nxt in "abcdefghijklmnopqrstuvwxyz=/ABCDEFGHIJKLMNOPQRSTUVWXYZ":
            return -1
        return j if j > i else i + 1

    def parse_starttag(self, i):
        # Upstream's, with the tag name and attributes read only up to the tag's end
        # (past it, upstream reads on to the end of a long name and then drops it).
        if self.rawdata[i:i + 3] == "</>":
            self.handle_data(self.rawdata[i:i + 3])
            return i + 3
        self._HTMLExtractor__starttag_text = None
        endpos = self.check_for_whole_start_tag(i)
        if endpos < 0:
            self.handle_data(self.rawdata[i:i + 1])
            return i + 1
        rawdata = self.rawdata
        self._HTMLExtractor__starttag_text = rawdata[i:endpos]
        attrs = []
        match = htmlparser.tagfind_tolerant.match(rawdata, i + 1, endpos)
        k = match.end()
        self.lasttag = tag = match.group(1).lower()
        while k < endpos:
            m = htmlparser.attrfind_tolerant.match(rawdata, k, endpos)
            if not m:
                break
            attrname, rest, attrvalue = m.group(1, 2, 3)
            if not rest:
                attrvalue = None
            elif attrvalue[:1] == "'" == attrvalue[-1:] or attrvalue[:1] == '"' == attrvalue[-1:]:
                attrvalue = attrvalue[1:-1]
            if attrvalue:
                attrvalue = htmlparser.unescape(attrvalue)
            attrs.append((attrname.lower(), attrvalue))
            k = m.end()
        end = rawdata[k:endpos].strip()
        if end not in (">", "/>"):
            self.handle_data(rawdata[i:endpos])
            return endpos
        if end.endswith("/>"):
            self.handle_startendtag(tag, attrs)
        else:
            if tag in self.CDATA_CONTENT_ELEMENTS:
                self.set_cdata_mode(tag)
            self.handle_starttag(tag, attrs)
        return endpos

    def parse_endtag(self, i):
        rawdata = self.rawdata
        start = rawdata[i:i + 3]
        c = ord(start[-1])
        if len(start) < 3 or not (65 <= c <= 90 or 97 <= c <= 122):
            self.handle_data(rawdata[i:i + 2])
            return i + 2
        gt = self._find(">", i + 1)  # the standard library's parse_endtag from here on
        if gt < 0:
            self.handle_data(rawdata[i:i + 2])
            return i + 2
        gtpos = gt + 1
        match = htmlparser.endtagfind.match(rawdata, i, gtpos)
        if not match:
            if self.cdata_elem is not None:
                self.handle_data(rawdata[i:gtpos])
                return gtpos
            namematch = htmlparser.tagfind_tolerant.match(rawdata, i + 2, gtpos)
            if not namematch:
                if rawdata[i:i + 3] == "</>":
                    return i + 3
                return self.parse_bogus_comment(i)
            tagname = namematch.group(1).lower()
            gtpos = self._find(">", namematch.end())
            self.handle_endtag(tagname)
            return gtpos + 1
        elem = match.group(1).lower()
        if self.cdata_elem is not None and elem != self.cdata_elem:
            self.handle_data(rawdata[i:gtpos])
            return gtpos
        self.handle_endtag(elem)
        self.clear_cdata_mode()
        return gtpos

    def parse_bogus_comment(self, i, report=0):
        rawdata = self.rawdata
        pos = self._find(">", i + 2)
        if pos == -1:
            return -1
        self.handle_empty_tag(rawdata[i:pos + 1], is_block=False)
        return pos + 1

    def parse_pi(self, i):
        if self.at_line_start() or self.intail:
            match = self._search(htmlparser.piclose, i + 2)
            if not match:
                return -1
            self.handle_pi(self.rawdata[i + 2:match.start()])
            return match.end()
        self.handle_data("<?")
        return i + 2

    def parse_comment(self, i, report=True):
        rawdata = self.rawdata
        match = self._search(_COMMENT_CLOSE, i + 4)
        if not match:
            self.handle_data("<")
            return i + 1
        if report:
            self.handle_comment(rawdata[i + 4:match.start()])
        return match.end()

    def parse_marked_section(self, i, report=1):
        rawdata = self.rawdata
        name, j = self._scan_name(i + 3, i)
        if j < 0:
            return j
        if name in {"temp", "cdata", "ignore", "include", "rcdata"}:
            match = self._search(_MARKED_SECTION_CLOSE, i + 3)
        elif name in {"if", "else", "endif"}:
            match = self._search(_MS_MARKED_SECTION_CLOSE, i + 3)
        else:
            raise AssertionError("unknown status keyword %r in marked section" % rawdata[i + 3:j])
        if not match:
            return -1
        if report:
            self.unknown_decl(rawdata[i + 3:match.start(0)])
        return match.end(0)

    def parse_html_declaration(self, i):
        rawdata = self.rawdata
        if (self.at_line_start() or self.intail) and rawdata[i:i + 9].lower() == "<!doctype":
            gtpos = self._find(">", i + 9)
            if gtpos == -1:
                self.handle_data(rawdata[i:i + 1])  # upstream's -1 at the end of the data
                return i + 1
            self.handle_decl(rawdata[i + 2:gtpos])
            return gtpos + 1
        return super().parse_html_declaration(i)

    def get_endtag_text(self, tag: str) -> str:
        start = self.line_offset + self.offset
        gt = self._find(">", start)
        return self.rawdata[start:gt + 1] if gt >= 0 else f"</{tag}>"

    def handle_endtag(self, tag: str):
        # upstream's, testing for a blank line after the tag without copying the rest
        text = self.get_endtag_text(tag)
        if self.inraw:
            self._cache.append(text)
            if tag in self.stack:
                while self.stack:
                    if self.stack.pop() == tag:
                        break
            if len(self.stack) == 0:
                if _BLANK_LINES_AT.match(self.rawdata, self.line_offset + self.offset + len(text)):
                    self._cache.append("\n")
                else:
                    self.intail = True
                self.inraw = False
                self.cleandoc.append(self.md.htmlStash.store("".join(self._cache)))
                self.cleandoc.append("\n\n")
                self._cache = []
        else:
            self.cleandoc.append(text)
            self.close_inline_tag(tag)

    def handle_empty_tag(self, data: str, is_block: bool):
        if self.inraw or self.intail:
            self._cache.append(data)
        elif self.at_line_start() and is_block:
            if _BLANK_LINES_AT.match(self.rawdata, self.line_offset + self.offset + len(data)):
                data += "\n"
            else:
                self.intail = True
            item = self.cleandoc[-1] if self.cleandoc else ""
            if not item.endswith("\n\n") and item.endswith("\n"):
                self.cleandoc.append("\n")
            self.cleandoc.append(self.md.htmlStash.store(data))
            self.cleandoc.append("\n\n")
        else:
            self.cleandoc.append(data)

    def inline_close_follows(self, text: str) -> bool:
        if not self.inline_stack:
            return False
        start = self.line_offset + self.offset + len(text)
        blank = self._search(inner_blank_line_re, start)
        end = blank.start() if blank else len(self.rawdata)
        for tag in self.inline_stack:
            pattern = _CLOSING_TAGS.get(tag)
            if pattern is None:
                pattern = _CLOSING_TAGS[tag] = re.compile(rf"</\s*{re.escape(tag)}\s*>", re.I)
            m = self._search(pattern, start)
            if m is not None and m.end() <= end:
                return True
        return False


_LITERALS: dict[str, re.Pattern] = {}
_CLOSING_TAGS: dict[str, re.Pattern] = {}
_COMMENT_CLOSE = re.compile(r"--!?>")  # markdown.htmlparser.commentclose
_MARKED_SECTION_CLOSE = re.compile(r"]\s*]\s*>")
_MS_MARKED_SECTION_CLOSE = re.compile(r"]\s*>")


class HtmlBlockPreprocessor(preprocessors.HtmlBlockPreprocessor):
    def run(self, lines):
        source = "\n".join(lines)
        parser = LinearHTMLExtractor(self.md)
        parser.feed(source)
        parser.close()
        return "".join(parser.cleandoc).split("\n")


# --- fenced code ---------------------------------------------------------------------

_FENCE_OPEN = re.compile(r"^(?:~{3,}|`{3,})", re.M)
_FENCE_CLOSE = re.compile(r"^(~{3,}|`{3,})[ ]*$", re.M)


class _Fences:
    """For one text: the lines that could open a fence, and for each fence (character
    and length) the lines that could close it. An opening line with no closing line of
    its own fence after it cannot start a code block: upstream's expression tries it
    anyway, reading to the end of the text."""

    def __init__(self, text: str) -> None:
        self.openers = [m.start() for m in _FENCE_OPEN.finditer(text)]
        self.closers: dict[str, list[int]] = {}
        for m in _FENCE_CLOSE.finditer(text):
            self.closers.setdefault(m.group(1), []).append(m.start())

    def search(self, regex: re.Pattern, text: str, pos: int):
        """regex.search(text, pos) for FENCED_BLOCK_RE."""
        for i in range(bisect.bisect_left(self.openers, pos), len(self.openers)):
            p = self.openers[i]
            closers = self.closers.get(_FENCE_RUN.match(text, p).group(), ())
            if bisect.bisect_right(closers, p) == len(closers):
                continue
            m = regex.match(text, p)
            if m is not None:
                return m
        return None


_FENCE_RUN = re.compile(r"~+|`+")


class FencedBlockPreprocessor(fenced_code.FencedBlockPreprocessor):
    """The fenced_code extension's preprocessor, joining the text once (upstream rebuilds
    the whole text after every code block) and skipping fences that are never closed."""

    def run(self, lines):
        if not self.checked_for_deps:
            for ext in self.md.registeredExtensions:
                if isinstance(ext, fenced_code.CodeHiliteExtension):
                    self.codehilite_conf = ext.getConfigs()
                if isinstance(ext, fenced_code.AttrListExtension):
                    self.use_attr_list = True
            self.checked_for_deps = True
        text = "\n".join(lines)
        fences = _Fences(text)
        pieces: list[str] = []
        copied = index = 0
        while True:
            m = fences.search(self.FENCED_BLOCK_RE, text, index)
            if not m:
                break
            lang, id, classes, config = None, "", [], {}
            if m.group("attrs"):
                attrs, remainder = fenced_code.get_attrs_and_remainder(m.group("attrs"))
                if remainder:
                    index = m.end("attrs")
                    continue
                id, classes, config = self.handle_attrs(attrs)
                if len(classes):
                    lang = classes.pop(0)
            else:
                if m.group("lang"):
                    lang = m.group("lang")
                if m.group("hl_lines"):
                    config["hl_lines"] = fenced_code.parse_hl_lines(m.group("hl_lines"))
            if (self.codehilite_conf and self.codehilite_conf["use_pygments"]
                    and config.get("use_pygments", True)):
                local_config = self.codehilite_conf.copy()
                local_config.update(config)
                if classes:
                    local_config["css_class"] = "{} {}".format(" ".join(classes), local_config["css_class"])
                highliter = fenced_code.CodeHilite(m.group("code"), lang=lang,
                                                   style=local_config.pop("pygments_style", "default"),
                                                   **local_config)
                code = highliter.hilite(shebang=False)
            else:
                id_attr = lang_attr = class_attr = kv_pairs = ""
                if lang:
                    prefix = self.config.get("lang_prefix", "language-")
                    lang_attr = f' class="{prefix}{fenced_code._escape_attrib_html(lang)}"'
                if classes:
                    class_attr = f' class="{fenced_code._escape_attrib_html(" ".join(classes))}"'
                if id:
                    id_attr = f' id="{fenced_code._escape_attrib_html(id)}"'
                if self.use_attr_list and config and not config.get("use_pygments", False):
                    kv_pairs = "".join(f' {fenced_code.sanitize_name(k)}="{fenced_code._escape_attrib_html(v)}"'
                                       for k, v in config.items() if k != "use_pygments")
                code = self._escape(m.group("code"))
                code = f"<pre{id_attr}{class_attr}><code{lang_attr}{kv_pairs}>{code}</code></pre>"
            placeholder = self.md.htmlStash.store(code)
            pieces += [text[copied:m.start()], "\n", placeholder, "\n"]
            copied = index = m.end()
        if not pieces:
            return text.split("\n")
        pieces.append(text[copied:])
        return "".join(pieces).split("\n")


# --- a last guard --------------------------------------------------------------------

# Elements nested deeper than this are flattened to their text. Bodies within the limits
# of mdlimits.py nest a hundred levels at most (lists, quotes and emphasis together);
# the serializer and the toc extension recurse once per level, and Python stops at a
# thousand.
MAX_TREE_DEPTH = 250


class DepthGuard(treeprocessors.Treeprocessor):
    """Keep the tree shallow enough to serialize, whatever the parser built."""

    def run(self, root):
        stack = [(root, 0)]
        while stack:
            el, depth = stack.pop()
            if depth >= MAX_TREE_DEPTH and len(el):
                text = "".join(el.itertext())  # iterative in the C ElementTree
                del el[:]
                el.text = text
                continue
            stack.extend((child, depth + 1) for child in el)


# --- the extension -------------------------------------------------------------------

class Linear(Extension):
    """Register the replacements in place of Python-Markdown's own parts (same names and
    priorities). Load it after the other extensions (tables)."""

    def extendMarkdown(self, md):  # noqa: N802
        md.parser.__class__ = BlockParser
        blocks = md.parser.blockprocessors
        blocks.register(ListIndentProcessor(md.parser), "indent", 90)
        blocks.register(HashHeaderProcessor(md.parser), "hashheader", 70)
        blocks.register(SetextHeaderProcessor(md.parser), "setextheader", 60)
        blocks.register(HRProcessor(md.parser), "hr", 50)
        blocks.register(OListProcessor(md.parser), "olist", 40)
        blocks.register(UListProcessor(md.parser), "ulist", 30)
        blocks.register(BlockQuoteProcessor(md.parser), "quote", 20)
        blocks.register(ReferenceBlockProcessor(md.parser), "reference", 15)
        if "table" in blocks:
            old = blocks["table"]
            blocks.register(LinearTableProcessor(md.parser, old.config), "table", 75)
        md.preprocessors.register(HtmlBlockPreprocessor(md), "html_block", 20)
        if "fenced_code_block" in md.preprocessors:
            old = md.preprocessors["fenced_code_block"]
            md.preprocessors.register(FencedBlockPreprocessor(md, old.config), "fenced_code_block", 25)
        inline = md.inlinePatterns
        inline.register(BacktickProcessor(inlinepatterns.BACKTICK_RE), "backtick", 190)
        inline.register(ReferenceProcessor(inlinepatterns.REFERENCE_RE, md), "reference", 170)
        inline.register(LinkProcessor(inlinepatterns.LINK_RE, md), "link", 160)
        inline.register(ImageProcessor(inlinepatterns.IMAGE_LINK_RE, md), "image_link", 150)
        inline.register(ImageReferenceProcessor(inlinepatterns.IMAGE_REFERENCE_RE, md), "image_reference", 140)
        inline.register(ShortReferenceProcessor(inlinepatterns.REFERENCE_RE, md), "short_reference", 130)
        inline.register(ShortImageReferenceProcessor(inlinepatterns.IMAGE_REFERENCE_RE, md), "short_image_ref", 125)
        delimiters = DelimiterProcessor("*", "strong,em", md)
        delimiters.add("_", "strong,em", smart=True)
        inline.register(delimiters, "em_strong", 60)
        md.treeprocessors.register(LinearInlineProcessor(md), "inline", 20)
        md.treeprocessors.register(DepthGuard(md), "depth_guard", 19)
