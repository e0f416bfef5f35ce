"""Worker processes live only as long as the process that drives the batch.

A pool's workers are children of the driver; killed with SIGKILL, the driver cannot tell them
to stop, and they would run on for ever holding the output folder's lock. So each worker asks
Linux to kill it when its parent dies (prctl PR_SET_PDEATHSIG), and on every system also
watches its parent from a thread and exits when the parent is gone. Workers ignore Ctrl-C
(the terminal sends it to the whole process group, and the driver decides how to stop) and
die at once on SIGTERM, which is how the driver stops them.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time

_PR_SET_PDEATHSIG = 1
#: How often a worker looks for its parent where the kernel cannot tell it.
POLL_SECONDS = 0.5


def bind_to_driver(driver_pid: int) -> None:
    """The pool's initializer: run in each worker as it starts."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A forked worker inherits the command's SIGTERM handler (raise KeyboardInterrupt, for the
    # driver to unwind); a worker told to stop just stops.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _ask_kernel()
    if os.getppid() != driver_pid:  # the driver died before the request took effect
        os._exit(1)
    threading.Thread(target=_watch, args=(driver_pid,), name="watch-driver",
                     daemon=True).start()


def _ask_kernel() -> None:
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass  # the watching thread still ends the worker


def _watch(driver_pid: int) -> None:
    while True:
        time.sleep(POLL_SECONDS)
        if os.getppid() != driver_pid:
            os._exit(1)
