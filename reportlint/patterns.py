"""Refuse regular expressions from data files that could take exponential time, before they run.

Python's ``re`` backtracks, and matching cannot be interrupted: a rule file with
``(.*a){20}`` or ``(a|aa)+$`` could hold a run (and every pre-commit) for minutes on
one line. Rule, format and preset patterns are therefore checked when they are
loaded (with the file and line of the pattern) and refused when

- they are longer than ``MAX_LENGTH`` characters;
- a group repeated more than a few times contains a repetition, unless the group
  also has a required character that none of those inner repetitions can match
  (``(?:>\\s*[^>]+){2,}`` is fine: each ``>`` starts a new round; in ``(.*a){20}`` the
  ``.*`` can swallow the ``a``, so there are exponentially many ways to split);
- a group repeated more than a few times holds alternatives that can start the same
  way (``(a|aa)+``), unless they are plain strings none of which begins another.

The check is conservative: it may refuse a pattern that would have been fast, and
says how to rewrite it. It reads the parse tree of CPython's own ``re`` parser.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

MAX_LENGTH = 2000
_FEW = 3   # a group repeated at most this many times is not a risk

try:
    from re import _constants as _c
    from re import _parser
except ImportError:  # pragma: no cover - before Python 3.11
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _parser  # type: ignore[no-redef]

_REPEATS = {_c.MAX_REPEAT, _c.MIN_REPEAT}
_CATEGORY: dict[object, Callable[[str], bool]] = {
    _c.CATEGORY_DIGIT: str.isdecimal, _c.CATEGORY_NOT_DIGIT: lambda ch: not ch.isdecimal(),
    _c.CATEGORY_SPACE: str.isspace, _c.CATEGORY_NOT_SPACE: lambda ch: not ch.isspace(),
    _c.CATEGORY_WORD: lambda ch: ch.isalnum() or ch == "_", _c.CATEGORY_NOT_WORD: lambda ch: not (ch.isalnum() or ch == "_"),
}


def refusal(pattern: str, flags: int = 0) -> str | None:
    """Why ``pattern`` is refused (a phrase to follow "regular expression ..."), or None if it is allowed."""
    if len(pattern) > MAX_LENGTH:
        return f"is {len(pattern)} characters long; at most {MAX_LENGTH} are allowed"
    try:
        tree = _parser.parse(pattern, flags)
    except (re.error, RecursionError, OverflowError):
        return None   # compiling reports the syntax error itself
    ignore_case = bool((flags | tree.state.flags) & re.IGNORECASE)
    try:
        return _walk(list(tree), ignore_case)
    except RecursionError:
        return "is nested too deeply to check"


def _walk(items: list, ignore_case: bool) -> str | None:
    for op, av in items:
        if op in _REPEATS:
            low, high, body = av
            if high > _FEW:
                problem = _repeated_body(list(body), ignore_case)
                if problem:
                    return problem
            found = _walk(list(body), ignore_case)
        else:
            found = next((f for sub in _children(op, av) if (f := _walk(sub, ignore_case))), None)
        if found:
            return found
    return None


def _children(op, av) -> Iterable[list]:
    if op == _c.SUBPATTERN:
        yield list(av[-1])
    elif op == _c.BRANCH:
        yield from (list(b) for b in av[1])
    elif op in (_c.ASSERT, _c.ASSERT_NOT):
        yield list(av[1])
    elif op == getattr(_c, "ATOMIC_GROUP", None):
        yield list(av)
    elif op == getattr(_c, "POSSESSIVE_REPEAT", None):
        yield list(av[2])
    elif op == _c.GROUPREF_EXISTS:
        yield list(av[1])
        if av[2] is not None:
            yield list(av[2])


class _Chars:
    """The characters one pattern item can match: a small finite set, or a test (``finite`` None)."""

    def __init__(self, finite: frozenset[str] | None, test: Callable[[str], bool]) -> None:
        self.finite = finite
        self.test = test

    def overlaps(self, other: _Chars | None) -> bool:
        if other is None:
            return True
        if self.finite is not None:
            return any(other.test(ch) for ch in self.finite)
        if other.finite is not None:
            return any(self.test(ch) for ch in other.finite)
        return True   # two open-ended sets: assume they share a character


def _chars(item: tuple, ignore_case: bool) -> _Chars | None:
    """What the first character matched by one parsed item can be; None if unknown."""
    op, av = item
    fold = (lambda ch: {ch, ch.lower(), ch.upper()}) if ignore_case else (lambda ch: {ch})
    if op == _c.LITERAL:
        chars = frozenset(fold(chr(av)))
        return _Chars(chars, lambda ch: bool(fold(ch) & chars))
    if op == _c.IN:
        finite = _finite_class(av)
        if finite is not None:
            finite = frozenset(c for ch in finite for c in fold(ch))
        return _Chars(finite, lambda ch: any(_in_class(av, c) for c in fold(ch)))
    if op == _c.NOT_LITERAL:
        return _Chars(None, lambda ch: chr(av) not in fold(ch))
    if op == _c.ANY:
        return _Chars(None, lambda ch: ch != "\n")
    if op in _REPEATS and av[0] >= 1 and len(av[2]):
        return _chars(list(av[2])[0], ignore_case)
    if op == _c.SUBPATTERN and len(av[-1]):
        return _chars(list(av[-1])[0], ignore_case)
    return None


def _finite_class(members: list, limit: int = 512) -> frozenset[str] | None:
    out: set[str] = set()
    for op, av in members:
        if op == _c.LITERAL:
            out.add(chr(av))
        elif op == _c.RANGE and av[1] - av[0] < limit:
            out.update(chr(c) for c in range(av[0], av[1] + 1))
        else:
            return None
    return frozenset(out) if len(out) <= limit else None


def _in_class(members: list, ch: str) -> bool:
    negate = False
    hit = False
    for op, av in members:
        if op == _c.NEGATE:
            negate = True
        elif op == _c.LITERAL:
            hit = hit or chr(av) == ch
        elif op == _c.RANGE:
            hit = hit or av[0] <= ord(ch) <= av[1]
        elif op == _c.CATEGORY:
            test = _CATEGORY.get(av)
            hit = hit or (test(ch) if test else True)
        else:
            return True
    return hit != negate


def _repeated_body(body: list, ignore_case: bool) -> str | None:
    """The problem with ``body`` repeated many times, or None."""
    inner = [(_chars(list(b)[0], ignore_case) if len(b) == 1 else None) for b in _inner_repeats(body)]
    if inner and not _separated(body, inner, ignore_case):
        return ("repeats a group that itself repeats something, with no required character to tell the rounds apart, "
                "which can take exponential time; make the inner part match fewer characters, or add a separator")
    for op, av in _flatten(body):
        if op == _c.BRANCH and _ambiguous(av[1], ignore_case):
            return ("repeats a choice between alternatives that can start the same way (as in (a|aa)+), "
                    "which can take exponential time; make the alternatives start differently")
    return None


def _flatten(items: list) -> Iterable[tuple]:
    """The items of ``items`` and of its groups (not of nested repeats: those are checked on their own)."""
    for op, av in items:
        if op == _c.SUBPATTERN:
            yield from _flatten(list(av[-1]))
        else:
            yield op, av


def _inner_repeats(body: list) -> Iterable[list]:
    """What each repetition (that can match more than once) inside ``body`` repeats, at any depth."""
    for op, av in body:
        if op in _REPEATS:
            if av[1] > 1:
                yield list(av[2])
            yield from _inner_repeats(list(av[2]))
        else:
            for sub in _children(op, av):
                yield from _inner_repeats(sub)


def _separated(items: list, inner: list, ignore_case: bool) -> bool:
    """Whether every match of ``items`` has a character that none of the ``inner`` repetitions can match."""
    for op, av in _flatten(items):
        if op == _c.BRANCH:
            if all(_separated(list(b), inner, ignore_case) for b in av[1]):
                return True
        elif op in _REPEATS:
            if av[0] >= 1 and _separated(list(av[2]), inner, ignore_case):
                return True
        elif op in (_c.LITERAL, _c.IN):
            chars = _chars((op, av), ignore_case)
            if chars is not None and chars.finite is not None and not any(chars.overlaps(other) for other in inner):
                return True
    return False


def _ambiguous(branches: list, ignore_case: bool) -> bool:
    """Whether two alternatives can begin the same way: one's leading text begins the other's, or their first characters overlap."""
    heads = [_split_literal(list(b), ignore_case) for b in branches]
    for i, (text_a, rest_a) in enumerate(heads):
        for text_b, rest_b in heads[i + 1:]:
            if text_a and text_b:
                k = min(len(text_a), len(text_b))
                if text_a[:k] == text_b[:k]:
                    return True     # (a|aa), (ab|abc): one can stop where the other goes on
                continue            # they differ at a fixed character: never both match
            first_a = _chars((_c.LITERAL, ord(text_a[0])), ignore_case) if text_a else (_chars(rest_a[0], ignore_case) if rest_a else None)
            first_b = _chars((_c.LITERAL, ord(text_b[0])), ignore_case) if text_b else (_chars(rest_b[0], ignore_case) if rest_b else None)
            if first_a is None or first_a.overlaps(first_b):
                return True
    return False


def _split_literal(items: list, ignore_case: bool) -> tuple[str, list]:
    """The plain text an alternative starts with (case-folded if ``ignore_case``) and the items after it."""
    n = 0
    while n < len(items) and items[n][0] == _c.LITERAL:
        n += 1
    text = "".join(chr(av) for _, av in items[:n])
    return (text.lower() if ignore_case else text), items[n:]
