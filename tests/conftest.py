from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def pack():
    from reportlint.ruleset import load_ruleset

    return load_ruleset()


def run_cli(*args: str, cwd: Path | None = None, stdin: str | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run the real CLI in a fresh interpreter."""
    return subprocess.run([sys.executable, "-m", "reportlint", *args], capture_output=True, text=True, cwd=cwd, input=stdin, timeout=120,
                          env={**os.environ, **env} if env else None)


def run_json(*args: str, cwd: Path | None = None) -> tuple[int, list[dict]]:
    proc = run_cli("--format", "json", *args, cwd=cwd)
    assert proc.returncode in (0, 1), proc.stderr
    return proc.returncode, json.loads(proc.stdout)


def report_files() -> list[Path]:
    """The shipped examples, plus the shared seeds and corpus when they sit beside the repository."""
    files = sorted(EXAMPLES.glob("*.txt"))
    for folder in ("seeds", "corpus"):
        files += sorted((SHARED / folder).glob("*.txt"))
    return files
