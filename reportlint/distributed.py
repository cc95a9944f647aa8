"""``--executor dask``: lint an archive on a dask.distributed cluster.

For archives of millions of reports. Files are sent in batches (one rule set
loaded per batch, not per file); results come back in the order of the paths,
so the output is identical to a local run. Workers must be able to read the
paths and have reportlint installed. Optional: ``pip install 'reportlint[dask]'``.
"""

from __future__ import annotations

import argparse


def run_on_dask(args: argparse.Namespace, paths: list[str], jobs: int) -> list:
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise SystemExit("reportlint: error: --executor dask needs dask.distributed: pip install 'reportlint[dask]'") from None
    from reportlint.cli import lint_batch

    size = max(1, min(200, len(paths) // max(1, jobs * 4) or 1))
    batches = [paths[i:i + size] for i in range(0, len(paths), size)]
    if args.dask_scheduler:
        client, cluster = Client(args.dask_scheduler), None
    else:
        cluster = LocalCluster(n_workers=max(1, jobs), threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    try:
        futures = client.map(lint_batch, [args] * len(batches), batches, pure=False)
        return [result for batch in client.gather(futures) for result in batch]
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
