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

    def __post_init__(self) -> None:
        if self.fixes and not self.fixable:
            object.__setattr__(self, "fixable", True)

    @property
    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.rule)

    def as_json(self) -> dict:
        return {
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
