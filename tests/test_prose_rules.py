"""The prose rules of issue 15 on the real reports: silent where the text is right, and finding
each injected slip (a doubled word, a breakdown with one number changed, a wrong word from the
list, the body's name with one character changed) at its exact line and column, in every seed
and corpus file, while the same sentences written correctly stay silent."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SHARED
from reportlint.checks.body_name import place_levels
from reportlint.checks.prose import prose_paragraphs, title
from reportlint.engine import document, lint_path
from reportlint.read import read_source
from reportlint.views import open_view
from reportlint.ruleset import load_ruleset

RULESET = load_ruleset()
PROSE = ("gov.repeated-phrase", "gov.prose-sum", "gov.typo", "gov.body-name", "gov.text-table-mismatch")
RULES = [r for r in RULESET.rules if r.id in PROSE]
FILES = sorted(p for folder in ("seeds", "corpus") for p in (SHARED / folder).glob("*")
               if p.suffix in (".txt", ".md", ".html") and p.name != "MANIFEST.md")

# What each corpus file's expected.yaml lists as definite defects of these rules: (rule, line, column).
EXPECTED = {
    "kewei-2024.md": {("gov.repeated-phrase", 34, 31), ("gov.typo", 200, 28), ("gov.text-table-mismatch", 43, 8),
                      # definite: false in the facts (解读类 may be counted inside another category): a real discrepancy all the same
                      ("gov.prose-sum", 65, 11)},
    "pingtan-2019.txt": {("gov.prose-sum", 10, 603), ("gov.repeated-phrase", 10, 1263), ("gov.typo", 10, 5396), ("gov.typo", 10, 5379)},
    "pingtan-2019.html": {("gov.prose-sum", 349, 2861), ("gov.repeated-phrase", 349, 4902), ("gov.typo", 349, 162639), ("gov.typo", 349, 162622),
                          ("gov.body-name", 305, 63)},   # 来源：平潭县人民政府
    "pingtan-2021.txt": {("gov.repeated-phrase", 10, 1574), ("gov.body-name", 10, 57)},
}

pytestmark = pytest.mark.skipif(not FILES, reason="the shared seeds and corpus are not beside the repository")


def _found(path: Path) -> list[tuple[str, int, int, str]]:
    result = lint_path(str(path), RULESET, RULES)
    return [(d.rule, d.line, d.column, d.message) for d in result.diagnostics]


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_only_the_real_defects_are_reported(path):
    # kewei's 2139 is definite: false in its facts; 1744+393+21+2 = 2160 all the same.
    assert {(rule, line, col) for rule, line, col, _ in _found(path)} == EXPECTED.get(path.name, set())


def _document(path: Path):
    view = open_view(str(path))
    doc, pieces = document(view.text, RULESET.primary, containers=view.containers, locate=view.locate)
    return doc, view, pieces


def _insertion_point(path: Path) -> tuple[int, int, str]:
    """(line, 0-based column just after a 。 of the report's prose, in the file itself; the body's name)."""
    doc, view, pieces = _document(path)
    found = title(doc)
    assert found is not None and found.body, f"{path.name}: no title with the issuing body"
    for paragraph in prose_paragraphs(doc):
        i = paragraph.text.find("。", 10)
        if i < 0 or paragraph.where(i) < found.start:
            continue
        line, col = paragraph.where(i)
        if pieces is not None:
            line, col = pieces.locate(line, col)
        line, col = view.locate(line, col)
        return line, col, found.body
    raise AssertionError(f"{path.name}: no prose sentence to inject into")


def _misspelt(body: str) -> str:
    """The body's name with the first character of its last place level changed (OCR-like)."""
    levels = place_levels(body)
    k = len("".join(levels[:-1]))
    return body[:k] + ("甲" if body[k] != "甲" else "乙") + body[k + 1:]


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_injected_slips_are_found_and_correct_text_is_not(path, tmp_path):
    line, col, body = _insertion_point(path)
    wrong_name = _misspelt(body)
    slips = f"{wrong_name}认真落实审核审核制度。共发布信息100条，其中政策文件30条、工作动态50条、其他信息10条。工作程度残差不齐。"
    right = f"{body}研究研究，常常听取意见。共发布信息100条，其中政策文件30条、工作动态60条、其他信息10条。工作程度参差不齐。"
    lines = read_source(str(path)).text.split("\n")
    lines[line - 1] = lines[line - 1][:col] + slips + right + lines[line - 1][col:]
    edited = tmp_path / path.name
    edited.write_text("\n".join(lines), encoding="utf-8")

    at = col + 1   # 1-based column of the first inserted character
    shift = len(slips + right)
    before = set(_found(path))
    # The file's own findings stay; those after the insertion on its line move right by ``shift``.
    new = [(rule, ln, c) for rule, ln, c, message in _found(edited)
           if (rule, ln, c - shift if ln == line and c >= at + shift else c, message) not in before]
    assert sorted(new) == sorted([
        ("gov.body-name", line, at),
        ("gov.repeated-phrase", line, at + len(wrong_name) + 4),
        ("gov.prose-sum", line, at + slips.index("共")),
        ("gov.typo", line, at + slips.index("残差不齐")),
    ])


def test_body_name_variants_match_as_the_hanzi_class_pattern_did():
    """One character of the place changed to another hanzi, found left to right, never overlapping; a
    changed character that is not a hanzi is no match, and the search goes on from the next position."""
    import random
    import re

    from reportlint.checks.body_name import _misspellings, _variants
    from reportlint.checks.hygiene import HAN

    body = "淮安市洪泽区人民政府"
    rng = random.Random(15)
    for name, pattern in _variants(body, 4):
        slow = re.compile(pattern.pattern.replace(").", f")[{HAN}]"))   # the pattern as it was: a hanzi class
        for _ in range(300):
            pieces = [name, name.replace(name[1], "择", 1), name.replace(name[1], "1", 1), "人民政府", "洪", "x", "。"]
            text = "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 8)))
            assert [m.span() for m in _misspellings(pattern, name, text)] == [m.span() for m in slow.finditer(text)], text
