"""Where the tasks of a sweep or batch run: in this process, or on a Dask cluster.

* ``None`` or ``"serial"``: here, one task after the other.
* ``"local[:N]"``: a :class:`dask.distributed.LocalCluster` of ``N`` worker processes (default
  2), one thread each, started here and closed when the run ends; the workers import the
  package as they start and run without the dashboard's profiler (:data:`LOCAL_WORKER_CONFIG`).
* ``"tcp://HOST:PORT"``: an existing Dask scheduler. An address that does not answer within
  :data:`CONNECT_TIMEOUT_S` seconds raises :class:`WupInputError` naming it.

Shared inputs (the stock, the scenario...) are scattered to the workers once and passed to
every task as a future, never embedded in the task graph. Tasks are retried
(:data:`RETRIES` times) when a worker dies; a task that still fails is reported with the
task's number.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from wupmodel.errors import WupInputError

__all__ = ["SerialExecutor", "DaskExecutor", "make_executor", "CONNECT_TIMEOUT_S", "RETRIES"]

CONNECT_TIMEOUT_S = 5.0
RETRIES = 2
#: Dask settings of the workers of a LocalCluster started here. Its statistical profiler
#: (a stack sample every 10 ms) and GIL monitor (every 1 ms) feed a dashboard that is not
#: started (``dashboard_address=None``); on the Drenthe batch they cost the workers about a
#: sixth more CPU time. Memory is still watched, once a second instead of ten times.
#: (Dotted keys: the nanny hands them to ``dask.config.set`` in the worker.)
#: The workers also start without Dask's ``MALLOC_TRIM_THRESHOLD_=65536``: setting that variable
#: switches off glibc's adaptive mmap threshold, so every NumPy array above 128 kB is mapped
#: afresh and page-faulted in; on the Drenthe batch the workers spent about a quarter more CPU
#: time than the serial run on the same work with it, and less without.
LOCAL_WORKER_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.system-monitor.gil.enabled": False,
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.worker.memory.monitor-interval": "1s",
}

Progress = Callable[[int, int], None] | None


class SerialExecutor:
    """Run tasks here, in order."""

    name = "serial"
    n_workers = 1

    def map(
        self, fn: Callable, tasks: Sequence[Any], shared: Any, progress: Progress = None
    ) -> list:
        out = []
        for i, task in enumerate(tasks):
            out.append(fn(shared, task))
            if progress is not None:
                progress(i + 1, len(tasks))
        return out

    def close(self) -> None:
        return None

    def __enter__(self) -> SerialExecutor:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class DaskExecutor:
    """Run tasks on a Dask cluster (a LocalCluster started here, or an existing scheduler).

    Parameters
    ----------
    address
        ``"local[:N]"`` or ``"tcp://HOST:PORT"``.
    """

    def __init__(self, address: str) -> None:
        try:
            import dask
            from distributed import Client, LocalCluster
        except ImportError:  # pragma: no cover - a dependency
            raise WupInputError(
                "--scheduler needs dask.distributed: pip install 'dask[distributed]'"
            ) from None
        self.name = address
        self._cluster = None
        m = re.fullmatch(r"local(?::(\d+))?", address)
        if m:
            n = int(m.group(1) or 2)
            if n < 1:
                raise WupInputError(f"scheduler '{address}': at least one worker is needed")
            # preload: each worker imports the package when it starts, not in its first task
            with dask.config.set(
                {"distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None}
            ):
                self._cluster = LocalCluster(
                    n_workers=n,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    silence_logs=40,
                    config=LOCAL_WORKER_CONFIG,
                    preload=["wupmodel"],
                )
            self.client = Client(self._cluster, timeout=f"{CONNECT_TIMEOUT_S}s")
        elif re.fullmatch(r"(tcp|tls)://[^\s:/]+:\d+", address):
            try:
                self.client = Client(address, timeout=f"{CONNECT_TIMEOUT_S}s")
            except (OSError, TimeoutError) as err:
                raise WupInputError(
                    f"scheduler '{address}' does not answer (no Dask scheduler reachable within "
                    f"{CONNECT_TIMEOUT_S:g} s: {type(err).__name__})",
                    address,
                ) from None
        else:
            raise WupInputError(
                f"scheduler '{address}' not understood; use 'local', 'local:N' or"
                " 'tcp://HOST:PORT'",
                address,
            )
        self.n_workers = max(1, len(self.client.scheduler_info().get("workers", {})))

    def map(
        self, fn: Callable, tasks: Sequence[Any], shared: Any, progress: Progress = None
    ) -> list:
        from distributed import as_completed

        if not tasks:
            return []
        shared_f = self.client.scatter(shared, broadcast=True, hash=False)
        futures = [self.client.submit(fn, shared_f, t, retries=RETRIES, pure=False) for t in tasks]
        order = {f.key: i for i, f in enumerate(futures)}
        out: list = [None] * len(tasks)
        done = 0
        try:
            for fut in as_completed(futures):
                i = order[fut.key]
                try:
                    out[i] = fut.result()
                except WupInputError:
                    raise
                except Exception as err:
                    raise RuntimeError(
                        f"task {i + 1} of {len(tasks)} failed on the Dask cluster '{self.name}'"
                        f" after {RETRIES} retries: {type(err).__name__}: {err}"
                    ) from err
                done += 1
                if progress is not None:
                    progress(done, len(tasks))
        finally:
            for f in futures:
                f.release()
        return out

    def close(self) -> None:
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()

    def __enter__(self) -> DaskExecutor:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def make_executor(spec: Any = None) -> SerialExecutor | DaskExecutor:
    """An executor from ``None``/``"serial"``, ``"local[:N]"``, ``"tcp://..."``, or one as is."""
    if spec is None or spec == "serial":
        return SerialExecutor()
    if isinstance(spec, str):
        return DaskExecutor(spec)
    if hasattr(spec, "map"):
        return spec
    raise WupInputError(f"executor not understood: {spec!r}")
