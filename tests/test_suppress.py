"""Inline suppression comments on real reports, in .txt and .md."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import EXAMPLES, run_json


def _insert(src: Path, dst: Path, before_line: int, directive: str) -> Path:
    lines = src.read_text(encoding="utf-8").split("\n")
    lines.insert(before_line - 1, directive)
    dst.write_text("\n".join(lines), encoding="utf-8")
    return dst


def _rules_at(path: Path) -> list[tuple[str, int]]:
    _, diagnostics = run_json(str(path))
    return [(d["rule"], d["line"]) for d in diagnostics]


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_disable_next_line_silences_one_finding(tmp_path, suffix):
    path = _insert(EXAMPLES / "hongze-2023.txt", tmp_path / f"h{suffix}", 131, "<!-- reportlint: disable-next-line=row-sum -->")
    found = _rules_at(path)
    assert ("gov.row-sum", 132) not in found
    assert not any(rule == "gov.unused-suppression" for rule, _ in found)
    # the comment inside table 四's header block does not disturb the table
    assert not any(rule == "gov.missing-value" for rule, _ in found)


def test_disable_and_enable_block(tmp_path):
    path = _insert(EXAMPLES / "changshou-2020-cells.txt", tmp_path / "c.txt", 615, "<!-- reportlint: disable=stray-text -->")
    found = _rules_at(path)
    assert not [line for rule, line in found if rule == "gov.stray-text" and line > 615]
    assert ("gov.stray-text", 1) in found                  # before the block: still reported
    lines = path.read_text(encoding="utf-8").split("\n")
    lines.insert(620, "<!-- reportlint: enable=stray-text -->")
    path.write_text("\n".join(lines), encoding="utf-8")
    after = [line for rule, line in _rules_at(path) if rule == "gov.stray-text" and line > 621]
    assert after  # re-enabled below the enable comment


def test_disable_file_and_unused_suppressions(tmp_path):
    path = _insert(EXAMPLES / "jili-2020-cells.txt", tmp_path / "j.txt", 1, "<!-- reportlint: disable-file=cjk-space,gov.stray-text -->")
    found = _rules_at(path)
    assert not any(rule in ("gov.cjk-space", "gov.stray-text") for rule, _ in found)
    unused = _insert(EXAMPLES / "shunhe-2020-tabs.txt", tmp_path / "s.txt", 50, "<!-- reportlint: disable-next-line=row-sum -->")
    assert ("gov.unused-suppression", 50) in _rules_at(unused)


def test_an_empty_section_with_only_a_comment_is_still_empty(tmp_path):
    text = (EXAMPLES / "jili-2020-cells.txt").read_text(encoding="utf-8")
    path = tmp_path / "j.txt"
    path.write_text(text.replace("六、其他需要报告的事项\n", "六、其他需要报告的事项\n<!-- reportlint: disable=cjk-space -->\n"), encoding="utf-8")
    assert ("gov.empty-section", 605) in _rules_at(path)
