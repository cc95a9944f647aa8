"""The pre-commit hook, run for real with ``pre-commit try-repo`` against this repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT

PRE_COMMIT = [sys.executable, "-m", "pre_commit"]


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory) -> Path:
    """A committed snapshot of this repository (try-repo clones a git repository)."""
    pytest.importorskip("pre_commit")
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    snapshot = tmp_path_factory.mktemp("reportlint-repo")
    shutil.copytree(ROOT, snapshot, dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns(".git", ".venv", "venv", "__pycache__", "*.egg-info", "build", "dist", ".pytest_cache"))
    _git(snapshot, "init", "-q", "-b", "main")
    _git(snapshot, "add", "-A")
    _git(snapshot, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "snapshot")
    return snapshot


def _try_repo(hook_repo: Path, docs: Path, *files: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PRE_COMMIT_HOME": str(hook_repo.parent / "pre-commit-home")}
    return subprocess.run([*PRE_COMMIT, "try-repo", str(hook_repo), "reportlint", "--files", *files],
                          cwd=docs, capture_output=True, text=True, env=env, timeout=900)


def test_hook_fails_on_a_broken_report_and_passes_on_a_fixed_one(hook_repo, tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    _git(docs, "init", "-q")
    broken = (EXAMPLES / "shunhe-2020-tabs.txt").read_text(encoding="utf-8")
    # Break one count: 一、本年新收 自然人 23 -> 24 makes its row, and the balance, wrong.
    broken_text = broken.replace("一、本年新收政府信息公开申请数量\t\t23\t", "一、本年新收政府信息公开申请数量\t\t24\t", 1)
    assert broken_text != broken
    (docs / "broken.txt").write_text(broken_text, encoding="utf-8")
    (docs / "fixed.txt").write_text(broken, encoding="utf-8")
    _git(docs, "add", "-A")

    bad = _try_repo(hook_repo, docs, "broken.txt")
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "gov.row-sum" in bad.stdout and "broken.txt:50:" in bad.stdout

    good = _try_repo(hook_repo, docs, "fixed.txt")
    assert good.returncode == 0, good.stdout + good.stderr
    assert "Passed" in good.stdout


def test_hook_takes_pdf_and_word_files(hook_repo, tmp_path):
    """The hooks match .pdf and .docx by extension (identify has no .docx tag) and the hook env can read them."""
    import docx

    pdf = ROOT.parent / "shared" / "corpus" / "hongze-2023.pdf"
    if not pdf.exists():
        pytest.skip("../shared/corpus is not beside the repository")
    docs = tmp_path / "docs"
    docs.mkdir()
    _git(docs, "init", "-q")
    shutil.copy(pdf, docs / "hongze-2023.PDF")
    word = docx.Document()
    word.add_paragraph("这不是年度报告")
    word.save(str(docs / "notes.docx"))
    _git(docs, "add", "-A")
    run = _try_repo(hook_repo, docs, "hongze-2023.PDF", "notes.docx")
    assert run.returncode == 1, run.stdout + run.stderr
    assert "hongze-2023.PDF:page 4:line 131:col 10: error gov.row-sum" in run.stdout
    assert "1 skipped as not a report" in run.stdout     # the .docx was read, and is not a report


def _readme_snippet() -> str:
    """The .pre-commit-config.yaml the README shows, exactly as written."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("# .pre-commit-config.yaml in a document repository")
    return readme[start:readme.index("```", start)]


def test_the_readme_snippet_works_as_written_from_a_clone(hook_repo, tmp_path):
    """Only the path of the clone differs from the README; the rev it names exists."""
    snippet = _readme_snippet()
    assert "/srv/reportlint" in snippet and "rev: main" in snippet
    docs = tmp_path / "docs"
    docs.mkdir()
    _git(docs, "init", "-q")
    (docs / ".pre-commit-config.yaml").write_text(snippet.replace("/srv/reportlint", str(hook_repo)), encoding="utf-8")
    broken = (EXAMPLES / "shunhe-2020-tabs.txt").read_text(encoding="utf-8")
    (docs / "broken.txt").write_text(broken.replace("一、本年新收政府信息公开申请数量\t\t23\t", "一、本年新收政府信息公开申请数量\t\t24\t", 1), encoding="utf-8")
    (docs / "fixed.txt").write_text(broken, encoding="utf-8")
    _git(docs, "add", "-A")
    env = {**os.environ, "PRE_COMMIT_HOME": str(hook_repo.parent / "pre-commit-home")}
    run = [*PRE_COMMIT, "run", "reportlint", "--files"]
    bad = subprocess.run([*run, "broken.txt"], cwd=docs, capture_output=True, text=True, env=env, timeout=900)
    assert bad.returncode == 1 and "gov.row-sum" in bad.stdout, bad.stdout + bad.stderr
    good = subprocess.run([*run, "fixed.txt"], cwd=docs, capture_output=True, text=True, env=env, timeout=900)
    assert good.returncode == 0 and "Passed" in good.stdout, good.stdout + good.stderr
