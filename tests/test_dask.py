"""--executor dask on a local cluster gives exactly the local run's results."""

from __future__ import annotations

import shutil

import pytest

from conftest import EXAMPLES, run_cli


def test_dask_executor_matches_the_local_run(tmp_path):
    pytest.importorskip("distributed")
    for i in range(2):
        for path in EXAMPLES.glob("*.txt"):
            shutil.copy(path, tmp_path / f"{i}-{path.name}")
    local = run_cli("--format", "json", "--no-cache", "--jobs", "1", str(tmp_path))
    dask = run_cli("--format", "json", "--no-cache", "--executor", "dask", "--jobs", "2", str(tmp_path))
    assert dask.returncode == local.returncode == 1, dask.stderr[-2000:]
    assert dask.stdout == local.stdout
