"""Run the pipeline on one file: read -> normalise -> structure -> checks -> diagnostics."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from reportlint.checks import PASSES, REGISTRY, load_builtin
from reportlint.diagnostics import Diagnostic, Fix
from reportlint.normalise import LineViews
from reportlint.read import DEFAULT_MAX_BYTES, EmptyFile, ReadError, Source, read_source
from reportlint.ruleset import Rule, RuleSet
from reportlint.structure.document import Document
from reportlint.structure.segment import Segmented, segment
from reportlint.suppress import Suppressions
from reportlint.views import has_view

READ_ERROR = "read-error"
INTERNAL_ERROR = "internal-error"


@dataclass(frozen=True)
class Options:
    encoding: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    format: str | None = None
    year: int | None = None
    previous: str | None = None
    fixes: bool = True          # build each diagnostic's fixes (else only mark it fixable)
    read_errors: bool = True    # report an unreadable file as read-error (else skip it with a note)


@dataclass
class FileResult:
    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    source: Source | None = None
    internal_error: bool = False
    skipped: bool = False          # not recognised as a report of any pack's kind
    facts: dict = field(default_factory=dict)   # what the document is: format, year (for audits)
    note: str | None = None        # why a file was skipped, when it is worth saying (empty, unreadable)
    error: str | None = None       # a failure that makes the run exit 2 (a fix that could not be written)
    fixes_applied: int = 0


Locate = Callable[[int, int], tuple[int, int]]


def document(source: Source, pack, options: Options = Options(), containers: Sequence = (),
             locate: Locate | None = None) -> tuple[Document, Segmented | None]:
    """The document a pack reads from ``source``: lines that carry a whole report are cut first.

    ``containers`` and ``locate`` come from a web page's view: the elements holding each line,
    and where each (line, 0-based col) of its text stands in the page (1-based col).
    """
    views = LineViews()
    pieces = segment(source, pack.format, pack.chrome, views)
    if pieces is not None:
        source, containers = pieces.text, pieces.lines_of(containers) if containers else ()

    def where(line: int, col: int) -> tuple[int, int]:
        if pieces is not None:
            line, col = pieces.locate(line, col)
        return locate(line, col) if locate is not None else (line, col + 1)

    doc = Document(source, pack.format, pack.chrome, format_override=options.format, year_override=options.year,
                   previous=options.previous, containers=containers,
                   locate=where if pieces is not None or locate is not None else None, views=views)
    return doc, pieces


def lint_source(source: Source, ruleset: RuleSet, rules: list[Rule], options: Options = Options(), *, only_reports: bool = True,
                containers: Sequence = (), locate: Locate | None = None) -> FileResult:
    """Lint one source with each pack whose kind of report it is (``only_reports``), or with every pack.

    ``containers`` gives, for a web page's text, the elements that hold each line (see ``htmlview``).
    """
    load_builtin()
    result = FileResult(source.path, source=source)
    matched = False
    for pack in ruleset.packs:
        pack_rules = [r for r in rules if r.pack == pack.name]
        if not pack_rules:
            continue
        doc, pieces = document(source, pack, options, containers, locate)
        if only_reports and not doc.is_report:
            continue
        matched = True
        if not result.facts:
            result.facts = {"pack": pack.name, "format": doc.format.value, "year": doc.year.value}
        found = _run(doc, pack_rules, result, fixes=options.fixes)
        result.diagnostics.extend(found if pieces is None else (pieces.map(d) for d in found))
    if not matched:
        result.skipped = True
        return result
    _apply_suppressions(source, rules, result, ruleset.rules)
    result.diagnostics.sort(key=lambda d: d.sort_key)
    return result


def _run(doc: Document, rules: list[Rule], result: FileResult, *, fixes: bool) -> list[Diagnostic]:
    """The diagnostics of ``rules`` on ``doc``, in the document's own lines.

    Checks that visit items (``visits=``) share one walk of those items; a rule's findings keep
    their order either way, and a check that crashes is reported and stops, the others go on.
    """
    out: list[Diagnostic] = []
    walks: dict[str, list[tuple[Rule, Callable, list[Diagnostic]]]] = {}
    for rule in rules:
        kind = REGISTRY[rule.kind]
        try:
            if kind.visits is None:
                for f in kind.fn(doc, rule):
                    out.append(_diagnostic(doc, rule, f, fixes))
            elif (visit := kind.fn(doc, rule)) is not None:
                walks.setdefault(kind.visits, []).append((rule, visit, []))
        except Exception as exc:  # a broken check must never hide the others, nor pass silently
            out.append(_crashed(doc, rule, exc, result))
    for items, visitors in walks.items():
        active = list(visitors)
        try:
            for item in PASSES[items](doc):
                for entry in tuple(active):
                    rule, visit, found = entry
                    try:
                        found.extend(_diagnostic(doc, rule, f, fixes) for f in visit(item))
                    except Exception as exc:
                        found.append(_crashed(doc, rule, exc, result))
                        active.remove(entry)
        except Exception as exc:   # finding the items failed: every check still walking them says so
            for rule, _, found in active:
                found.append(_crashed(doc, rule, exc, result))
        for _, _, found in visitors:
            out.extend(found)
    return out


def _diagnostic(doc: Document, rule: Rule, f, fixes: bool) -> Diagnostic:
    # A rule fixes only when it says so (fixable: true): a user's rule never deletes text by default.
    lazy = rule.fixable and callable(f.fixes)
    multiline = f.end_line is not None and f.end_line != f.line
    return Diagnostic(
        path=doc.path,
        line=f.line,
        column=f.col + 1,
        end_line=f.end_line or f.line,
        end_column=(f.end_col if multiline else max(f.end_col, f.col)) + 1,
        rule=rule.id,
        severity=f.severity or rule.severity,
        message=rule.render(f.fields),
        fixes=((f.fixes() if lazy else f.fixes) if fixes else ()) if rule.fixable else (),
        fixable=rule.fixable and (lazy or bool(f.fixes)),
    )


def _crashed(doc: Document, rule: Rule, exc: Exception, result: FileResult) -> Diagnostic:
    import traceback

    result.internal_error = True
    where = traceback.extract_tb(exc.__traceback__)[-1]
    return Diagnostic(
        doc.path, 1, 1, 1, 1, INTERNAL_ERROR, "error",
        f"rule {rule.id} crashed ({type(exc).__name__}: {exc} at {where.filename}:{where.lineno}); please report this",
    )


def _apply_suppressions(source: Source, rules: list[Rule], result: FileResult, known: list[Rule]) -> None:
    """Drop suppressed diagnostics; report suppressions that suppressed nothing, and names that name no rule (an error)."""
    suppressions = Suppressions.parse(source.lines)
    if not suppressions.items:
        return
    unknown = suppressions.unknown(known)
    if unknown:
        more = f" (and {len(unknown) - 1} more)" if len(unknown) > 1 else ""
        result.error = f"{source.path}:{unknown[0]}{more}"
    result.diagnostics = suppressions.filter(result.diagnostics)
    unused_rule = next((r for r in rules if r.kind == "unused-suppression"), None)
    if unused_rule is None:
        return
    for s in suppressions.unused({r.id for r in rules}):
        what = ", ".join(s.rules) if s.rules else "all rules"
        result.diagnostics.append(Diagnostic(
            source.path, s.line, s.col + 1, s.line, s.end_col + 1, unused_rule.id, unused_rule.severity,
            unused_rule.render({"directive": s.action, "rules": what}),
            fixes=(Fix(s.line, 0, len(source.lines[s.line - 1]), "", line_delete=True),)))


def lint_path(path: str, ruleset: RuleSet, rules: list[Rule], options: Options = Options()) -> FileResult:
    """Lint a file: plain text as it is; a web page, PDF or Word document through its view (reportlint.views)."""
    if not has_view(path):
        try:
            source = read_source(path, encoding=options.encoding, max_bytes=options.max_bytes)
        except ReadError as exc:
            return _unread(path, exc, options)
        return lint_source(source, ruleset, rules, options)
    from reportlint.views import open_view

    try:
        view = open_view(path, encoding=options.encoding, max_bytes=options.max_bytes)
    except ReadError as exc:
        return _unread(path, exc, options)
    result = lint_source(view.text, ruleset, rules, options, containers=view.containers, locate=view.locate)
    result.diagnostics = sorted((view.map(d) for d in result.diagnostics), key=lambda d: d.sort_key)
    result.source = view.shown
    return result


def _unread(path: str, exc: ReadError, options: Options) -> FileResult:
    """An empty file is skipped with a note; another unreadable one is a read-error (or a note, if ignored for it)."""
    if isinstance(exc, EmptyFile):
        return FileResult(path, skipped=True, note=f"{exc}, skipped")
    if not options.read_errors:
        return FileResult(path, skipped=True, note=f"not read ({exc}); read-error is ignored for it")
    return FileResult(path, [Diagnostic(path, 1, 1, 1, 1, READ_ERROR, "error", str(exc))])


def shown_source(path: str, options: Options = Options()) -> Source | None:
    """The lines that output shows under a file's diagnostics (a cached result keeps none), or None if unreadable."""
    try:
        if not has_view(path):
            return read_source(path, encoding=options.encoding, max_bytes=options.max_bytes)
        from reportlint.views import open_view

        return open_view(path, encoding=options.encoding, max_bytes=options.max_bytes).shown
    except ReadError:
        return None

