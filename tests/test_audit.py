"""`reportlint audit`: the summary, and the HTML report rendered in a real headless browser."""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest

from conftest import EXAMPLES, run_cli


@pytest.fixture(scope="module")
def audited(tmp_path_factory):
    root = tmp_path_factory.mktemp("audit")
    archive = root / "archive"
    shutil.copytree(EXAMPLES, archive, ignore=shutil.ignore_patterns("plugin"))
    (archive / "broken.txt").write_bytes(b"\x00\x01binary")
    page = root / "audit.html"
    proc = run_cli("audit", "--no-cache", "--html", str(page), str(archive), cwd=root)
    return proc, page


def test_summary_table(audited):
    proc, _ = audited
    out = proc.stdout
    assert proc.returncode == 1
    assert re.search(r"Audited 8 files: 7 reports, 0 not reports, 1 unreadable; \d+ errors", out)
    for title in ("Findings per rule", "Worst files", "Reports by format and year"):
        assert title in out
    assert re.search(r"2019 format\s+│\s+2020\s+│\s+4", out) and re.search(r"2021 format\s+│\s+2024\s+│\s+1", out)
    assert "\x1b[" not in out  # no colour, no progress bar off a terminal


def test_html_is_self_contained(audited):
    _, page = audited
    text = page.read_text(encoding="utf-8")
    assert "<svg" in text and "gov.row-sum" in text and "xinle-2019-traditional-pipes.txt" in text
    assert not re.search(r"""(?:src|href)=["']https?://""", text)  # no external assets


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def test_html_renders_in_headless_chromium(audited, tmp_path):
    browser = _chromium()
    if browser is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed; .ci/run installs Debian's chromium")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    _, page = audited
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}"]
    dom = subprocess.run([browser, *flags, "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120).stdout
    assert 'id="chart"' in dom and dom.count('class="bar"') >= 5 and 'id="totals"' in dom
    shot = tmp_path / "audit.png"
    subprocess.run([browser, *flags, "--window-size=1000,1400", f"--screenshot={shot}", page.as_uri()], capture_output=True, timeout=120)
    assert shot.exists() and shot.stat().st_size > 10_000  # a rendered page, not a blank one
