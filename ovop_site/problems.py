"""Problems found in content: collected during a build, reported all at once.

Every problem names a file and a 1-based line in it, and says in plain words what is
wrong, with a hint where one helps:

    content/products/x.kk.md:4: unknown district 'uigur'; did you mean 'uygur'?
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from rapidfuzz import process
from rapidfuzz.distance import Indel, LCSseq

from .messages import DEFAULT, MN, M, say


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    message: str
    hint: str = ""
    # the message and hint as made (messages.Msg), to be said in the editor's language
    said: tuple = field(default=(), compare=False, repr=False)

    def __str__(self) -> str:
        text = f"{self.path}:{self.line}: {self.message}"
        return f"{text}; {self.hint}" if self.hint else text

    def parts(self, lang: str = DEFAULT) -> tuple[str, str]:
        """(message, hint) in `lang`."""
        if lang == DEFAULT or not self.said:
            return self.message, self.hint
        message, hint = (printable(say(m, lang)) for m in self.said)
        return message, hint

    def text(self, lang: str = DEFAULT) -> str:
        """`path:line: message; hint` in `lang` (the path and line as they are)."""
        if lang == DEFAULT or not self.said:
            return str(self)
        message, hint = self.parts(lang)
        return f"{self.path}:{self.line}: {message}; {hint}" if hint else f"{self.path}:{self.line}: {message}"


# Characters that must not reach the terminal as they are: line breaks would split one
# problem over several lines, escapes (ESC [ …) would drive the terminal, and bidi
# controls would reorder what the editor reads. Values are echoed in messages
# ("not '…'"), so they are shown the way one writes them in double quotes: '\n', '\x1b'.
# A file name that is not UTF-8 arrives with its bytes as lone surrogates (U+DC80-U+DCFF);
# they are shown as the bytes they stand for: '\xff'.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\udc80-\udcff]")
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(char: str) -> str:
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"
    return _ESCAPES.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def printable(text: str) -> str:
    r"""One line with nothing invisible or active in it: a line break becomes '\n'."""
    return _UNPRINTABLE.sub(lambda m: _escape(m[0]), text)


class Problems:
    """An append-only collection; stages add to it and keep going."""

    def __init__(self) -> None:
        self._items: set[Problem] = set()

    def add(self, path: str, line: int, message: str, hint: str = "") -> None:
        self._items.add(Problem(printable(str(path)), max(1, int(line)), printable(message), printable(hint),
                                (message, hint)))

    def __bool__(self) -> bool:
        return bool(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[Problem]:
        return iter(sorted(self._items))

    def files(self) -> list[str]:
        return sorted({p.path for p in self._items})

    def report(self, lang: str = DEFAULT) -> str:
        """Grouped by file (sorted by path, then line), then a one-line count; in `lang`."""
        lines = [p.text(lang) for p in self]
        n, f = len(self._items), len(self.files())
        count = M("%(problems)s in %(files)s; nothing was written, the previous site is unchanged.",
                  problems=MN("%(num)s problem", "%(num)s problems", n),
                  files=MN("%(num)s file", "%(num)s files", f))
        lines.append(say(count, lang))
        return "\n".join(lines)


class ContentError(Exception):
    """Raised by build() when content breaks the contract; carries every problem found."""

    def __init__(self, problems: Problems) -> None:
        super().__init__(f"{len(problems)} content problem(s)")
        self.problems = problems


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """'did you mean 'uygur'?' for the closest known choice, or '' when nothing is close."""
    best = closest(word, choices)
    return M("did you mean '%(value)s'?", value=best) if best is not None else ""


_DIFFLIB_ALONE = 200  # choices; up to this many, difflib alone is fast enough
_FIRST = 32           # the choices looked at first in a long list


def _bound(a: str, b: str) -> float:
    """2·LCS/T, computed as difflib computes its ratio 2·M/T (the same float when M = LCS)."""
    return 2.0 * LCSseq.similarity(a, b) / (len(a) + len(b)) if a or b else 1.0


def closest(word: str, choices: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The choice difflib.get_close_matches(word, choices, n=1, cutoff) gives, found fast
    in long lists (a folder of 20,000 photos: about 2 ms instead of 0.6 s).

    difflib's ratio is 2·M/T, M being the characters of its matching blocks, a common
    subsequence, so never more than the longest one (LCS): 2·LCS/T bounds it. rapidfuzz
    computes that bound for every choice at C speed (its Indel similarity) and hands back
    the best few; difflib scores them, best bound first, until no bound can beat the best
    score found. Only if a choice beyond those few could still win (ties) are all choices
    near the best score looked at. The result is difflib's, ties included (the greater
    string wins)."""
    pool = choices if isinstance(choices, (list, tuple, set, frozenset)) else list(choices)
    if len(pool) <= _DIFFLIB_ALONE:
        close = difflib.get_close_matches(word, sorted(set(pool)), n=1, cutoff=cutoff)
        return close[0] if close else None
    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(word)  # as get_close_matches does: the choice is seq1
    best: tuple[float, str] | None = None
    for limit in (_FIRST, None):
        floor = best[0] if best else cutoff
        # rapidfuzz's own cutoff test is not exact at the boundary (0.6 misses a bound of
        # exactly 0.6): a margin here, the exact bound below
        found = process.extract(word, pool, scorer=Indel.normalized_similarity, score_cutoff=floor - 0.01,
                                limit=limit)
        bounds = sorted(((b, x) for b, x in ((_bound(word, x), x) for x, _, _ in found) if b >= cutoff),
                        reverse=True)
        for bound, x in bounds:
            if best is not None and (bound, x) < best:
                break
            matcher.set_seq1(x)
            score = matcher.ratio()
            if score >= cutoff and (best is None or (score, x) > best):
                best = (score, x)
        if limit is None or len(found) < limit or (best and found[-1][1] + 1e-6 < best[0]):
            break  # every choice not looked at has a bound below the best score
    return best[1] if best else None
