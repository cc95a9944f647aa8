"""Pipeline step 4: check kinds.

A check kind is a generator ``check(doc, rule) -> Iterator[Finding]``
registered under a name with ``@check_kind``. A YAML rule names its kind,
gives the parameters the kind declares, and a message template whose named
fields the kind fills in. Findings carry positions; the engine turns them into
diagnostics with the rule's id, severity and rendered message.

A kind that looks at one item at a time (a prose line, a paragraph) says which
with ``visits=``: it is then ``check(doc, rule) -> visit | None``, and ``visit(item)``
gives the item's findings. The engine walks each kind of item once per document
for every check that visits it (``PASSES``), instead of once per check.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from reportlint.diagnostics import Fix

if TYPE_CHECKING:
    from reportlint.ruleset import Rule
    from reportlint.structure.document import Document


@dataclass(frozen=True, slots=True)
class Finding:
    line: int
    col: int                 # 0-based original column
    end_col: int             # 0-based, exclusive
    fields: dict[str, Any]
    end_line: int | None = None
    # The fixes, or a function that builds them when building them is costly: the engine
    # calls it only when fixes are wanted (--fix, --diff, rule tests); a callable marks the
    # finding fixable.
    fixes: tuple[Fix, ...] | Callable[[], tuple[Fix, ...]] = ()
    severity: str | None = None   # overrides the rule's severity for this finding (a milder case)


CheckFn = Callable[["Document", "Rule"], Iterator[Finding]]
Visit = Callable[[Any], Iterable[Finding]]


def _prose_paragraphs(doc: Document) -> Iterable:
    from reportlint.checks.prose import prose_paragraphs

    return prose_paragraphs(doc)


# The items a check may visit, each walked once per document for all the checks that visit it.
PASSES: dict[str, Callable[[Document], Iterable]] = {
    "prose lines": lambda doc: doc.prose,               # running text: not chrome, headings or tables
    "text lines": lambda doc: doc.text_lines,           # every line but page chrome
    "paragraphs": lambda doc: doc.paragraphs,
    "prose paragraphs": _prose_paragraphs,              # paragraphs, and lines that carry several sentences
}


@dataclass(frozen=True, slots=True)
class CheckKind:
    name: str
    fn: CheckFn
    fields: frozenset[str]                 # message fields the kind provides
    params: dict[str, type | tuple[type, ...]] = field(default_factory=dict)
    required: frozenset[str] = frozenset()
    summary: str = ""
    validate: Callable[[Any], None] | None = None   # called with the params Node at load time
    visits: str | None = None              # a key of PASSES: fn(doc, rule) gives a visit(item), or None

    def run(self, doc: Document, rule: Rule) -> Iterator[Finding]:
        """The rule's findings on ``doc``, in order, walking its items itself (the engine shares the walk)."""
        if self.visits is None:
            yield from self.fn(doc, rule)
            return
        visit = self.fn(doc, rule)
        if visit is not None:
            for item in PASSES[self.visits](doc):
                yield from visit(item)


REGISTRY: dict[str, CheckKind] = {}


def check_kind(
    name: str,
    *,
    fields: set[str],
    params: dict[str, type | tuple[type, ...]] | None = None,
    required: set[str] | None = None,
    validate: Callable[[Any], None] | None = None,
    visits: str | None = None,
) -> Callable[[CheckFn], CheckFn]:
    """Register a check kind; ``validate(params_node)`` may raise DataError at rule-load time.

    With ``visits`` (a key of ``PASSES``) the function returns a ``visit(item)`` for the document, or None.
    """
    if visits is not None and visits not in PASSES:
        raise ValueError(f"check kind {name}: visits must be one of {', '.join(PASSES)}")

    def register(fn: CheckFn) -> CheckFn:
        summary = (fn.__doc__ or "").strip().splitlines()[0] if fn.__doc__ else ""
        REGISTRY[name] = CheckKind(name, fn, frozenset(fields), params or {}, frozenset(required or ()), summary, validate, visits)
        return fn

    return register


_plugins_loaded = False


def load_builtin() -> dict[str, CheckKind]:
    """Every check kind: the built-in modules and those of installed plugins (``reportlint.checks``)."""
    global _plugins_loaded
    # Importing the modules registers their kinds.
    from reportlint.checks import (  # noqa: F401
        arithmetic, body_name, crossyear, enumeration, hygiene, labels, placeholder, prose_sum, prose_table, repeated, sections, substitution, template, text, values, years,
    )

    if not _plugins_loaded:
        _plugins_loaded = True
        from reportlint.plugins import entry_points
        from reportlint.yamlio import DataError

        for ep in entry_points(group="reportlint.checks"):
            try:
                ep.load()
            except Exception as exc:  # a broken plugin must say which one it is
                raise DataError(f"entry point {ep.name} = {ep.value}", None, f"plugin failed to load: {type(exc).__name__}: {exc}") from None
    return REGISTRY
