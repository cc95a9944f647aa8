"""``--executor dask``: lint an archive on a dask.distributed cluster.

For archives of millions of reports. Files are sent in batches (one rule set
loaded per batch, not per file); results come back in the order of the paths,
so the output is identical to a local run. Workers must be able to read the
paths and have reportlint installed. Optional: ``pip install 'reportlint[dask]'``.

The runner passes its batch function in, so this module imports nothing of
reportlint's (no import cycle with ``reportlint.runner``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

CONNECT_TIMEOUT = "10s"


class DaskError(Exception):
    """The cluster cannot be used: not installed, or the scheduler cannot be reached."""


def run_on_dask(lint_batch: Callable[[Any, list[str]], list], options: Any, paths: list[str], jobs: int) -> list:
    """``lint_batch(options, batch)`` for batches of ``paths`` on the cluster ``options.dask_scheduler`` (or a local one)."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise DaskError("--executor dask needs dask.distributed: pip install 'reportlint[dask]'") from None
    size = max(1, min(200, len(paths) // max(1, jobs * 4) or 1))
    batches = [paths[i:i + size] for i in range(0, len(paths), size)]
    cluster = None
    try:
        if options.dask_scheduler:
            client = Client(options.dask_scheduler, timeout=CONNECT_TIMEOUT)
        else:
            cluster = LocalCluster(n_workers=max(1, jobs), threads_per_worker=1, processes=True, dashboard_address=None)
            client = Client(cluster)
    except (OSError, TimeoutError, ValueError) as exc:
        raise DaskError(f"cannot reach the dask scheduler {options.dask_scheduler or '(local cluster)'}: {exc}") from None
    try:
        futures = client.map(lint_batch, [options] * len(batches), batches, pure=False)
        return [result for batch in client.gather(futures) for result in batch]
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
