"""What a check reports: one finding anchored at a line and column span."""

from __future__ import annotations

from dataclasses import dataclass, field

SEVERITIES = ("info", "warning", "error")


def severity_rank(severity: str) -> int:
    return SEVERITIES.index(severity)


@dataclass(frozen=True, slots=True)
class Fix:
    """Replace original columns ``[col, end_col)`` of ``line`` with ``text`` (``line_delete`` drops the line)."""

    line: int
    col: int
    end_col: int
    text: str
    line_delete: bool = False


@dataclass(frozen=True, slots=True)
class Diagnostic:
    path: str
    line: int            # 1-based
    column: int          # 1-based, Unicode code points
    end_line: int
    end_column: int      # 1-based, exclusive
    rule: str
    severity: str
    message: str
    fixes: tuple[Fix, ...] = field(default=(), compare=False)
    # Whether a fix exists. A lint that does not want fixes (no --fix or --diff) leaves
    # ``fixes`` empty and only sets this, so costly fixes are never built for nothing.
    fixable: bool = field(default=False, compare=False)
    # Where to look in a document that is not plain text: the PDF page, or the Word paragraph or
    # table cell ("table 3, row 5, column 7"). ``line`` and ``column`` then refer to the text view
    # that ``reportlint show --text`` prints.
    page: int | None = None
    where: str | None = None

    def __post_init__(self) -> None:
        if self.fixes and not self.fixable:
            object.__setattr__(self, "fixable", True)

    @property
    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.rule)

    @property
    def place(self) -> str | None:
        """The document place a person looks at ("page 4", "table 3, row 5, column 7"), if any."""
        return self.where or (f"page {self.page}" if self.page is not None else None)

    @property
    def location(self) -> str:
        """``path:line:col``, or ``path:page 4:line 12:col 3`` for a place in a PDF or Word document."""
        place = self.place
        if place is None:
            return f"{self.path}:{self.line}:{self.column}"
        return f"{self.path}:{place}:line {self.line}:col {self.column}"

    def as_json(self) -> dict:
        item = {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "fixable": self.fixable,
        }
        if self.page is not None:
            item["page"] = self.page
        if self.where is not None:
            item["where"] = self.where
        return item
