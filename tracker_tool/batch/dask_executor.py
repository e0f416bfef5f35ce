"""Run a batch on an existing Dask cluster, for when one machine's cores are not enough.

Dask is an optional extra, imported only here and only when asked for, so the command line
starts as quickly without it. The cluster's workers must be able to read the returns and write
into the output folder at the same paths (a shared drive), because each worker writes its own
audit workbook.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from tracker_tool.errors import UsageError

#: Seconds to wait for the scheduler before saying it cannot be reached.
CONNECT_TIMEOUT = 10


@contextmanager
def dask_executor(address: str) -> Iterator[tuple[object, int]]:
    """Yield (a concurrent.futures executor on the cluster, its number of worker threads)."""
    try:
        from distributed import Client
    except ImportError:
        raise UsageError("--dask-scheduler needs Dask: pip install 'tracker-tool[dask]'") from None
    try:
        client = Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise UsageError(f"cannot reach the Dask scheduler at {address} ({exc})") from None
    try:
        threads = sum(client.nthreads().values()) or 1
        yield client.get_executor(), threads
    finally:
        client.close()
