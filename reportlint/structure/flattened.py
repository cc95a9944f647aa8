"""Cells that extraction ran together: "行政规范性文件693665", table 四 as "25380363300630003".

A run of digits is cut into as many whole numbers as the row has columns, in
every way that satisfies the table's identities (row sums, table 四's group
sums). A run may carry spaces ("230 000023", from padding in the page's cells):
a space always falls between two numbers, so no number is cut across one. One
way: the cells are recovered. Several ways (or none): the table step may still
choose by the identities between rows; otherwise the row is ambiguous and is
reported, never guessed. The search is bounded: numbers have at most seven
digits and no leading zeros, and identities prune as soon as their total is cut.
"""

from __future__ import annotations

_MAX_DIGITS = 7


def splits(digits: str | list[str], columns: tuple[str, ...], identities: tuple[tuple[tuple[str, ...], str], ...], limit: int = 2) -> list[list[int]]:
    """Up to ``limit`` ways to cut ``digits`` (one run, or groups that no number spans) into
    ``len(columns)`` numbers satisfying ``identities``."""
    groups = [digits] if isinstance(digits, str) else list(digits)
    digits = "".join(groups)
    ends, pos = set(), 0
    for g in groups:
        pos += len(g)
        ends.add(pos)
    n = len(columns)
    index = {c: i for i, c in enumerate(columns)}
    checks: dict[int, list[tuple[list[int], int]]] = {}
    for parts, total in identities:
        if total not in index or not all(p in index for p in parts):
            continue
        positions = [index[p] for p in parts] + [index[total]]
        checks.setdefault(max(positions), []).append(([index[p] for p in parts], index[total]))
    found: list[list[int]] = []
    values: list[int] = []

    def walk(start: int) -> None:
        if len(found) >= limit:
            return
        k = len(values)
        if k == n:
            if start == len(digits):
                found.append(list(values))
            return
        remaining = n - k
        if len(digits) - start < remaining or len(digits) - start > remaining * _MAX_DIGITS:
            return
        for width in range(1, min(_MAX_DIGITS, len(digits) - start - remaining + 1) + 1):
            piece = digits[start:start + width]
            if len(piece) > 1 and piece[0] == "0":
                break
            values.append(int(piece))
            if all(sum(values[p] for p in parts) == values[total] for parts, total in checks.get(k, [])):
                walk(start + width)
            values.pop()
            if start + width in ends:
                break   # a number never spans a space

    if digits.isdigit() and n > 1:
        walk(0)
    return found
