"""Scale-out on Dask distributed: the same pipeline on every worker, results through Parquet.

``kilde ingest INPUT --workers N`` starts a local cluster of N worker processes;
``--scheduler tcp://host:8786`` joins a running cluster. The driver reads the input,
skips what the store already holds, and sends batches of articles to the workers.
Each worker loads the pipeline once, analyses its batch and writes one Parquet file
per table into the spool directory; the driver then loads the partitions into the
store, ``GROUP`` of them in one transaction (so a crash loses at most the partitions
in flight, and a re-run redoes exactly those). On a multi-machine cluster the spool
directory must be a path every worker and the driver can reach (a shared filesystem):
pass ``--spool``.
"""
from __future__ import annotations

import os
import pickle
import shutil
import tempfile
import threading
import uuid
from pathlib import Path
from typing import Any

from kilde.article import Article, Reject
from kilde.store import Store

_NLP: dict[str | None, Any] = {}  # per worker process: the loaded pipeline, by model


def _pipeline(model: str | None) -> Any:
    if model not in _NLP:
        from kilde.nlp.pipeline import load

        _NLP[model] = load(model)
    return _NLP[model]


def analyse_partition(articles: list[Article], rejects: list[Reject], model: str | None, spool: str) -> dict[str, Any]:
    """Run on a worker: analyse ``articles`` and write each table's rows to ``spool`` as Parquet."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from kilde.analyse import analyse
    from kilde.store.db import batch_tables, batch_terms

    analysed = []
    for item in analyse(articles, _pipeline(model)):
        if isinstance(item, Reject):
            rejects.append(item)
        elif isinstance(item, tuple):
            analysed.append(item)
    tables = {table: pa.Table.from_pylist(rows) for table, rows in batch_tables(analysed, rejects).items() if rows}
    if "articles" in tables:
        tables["terms"] = batch_terms(tables["articles"])
    part = uuid.uuid4().hex
    paths = {}
    for table, data in tables.items():
        paths[table] = os.path.join(spool, f"{part}.{table}.parquet")
        pq.write_table(data, paths[table])
    return {"paths": paths, "ids": [a.id for a, _ in analysed], "rejects": rejects}


def _analyse_pickled(batch: bytes, model: str | None, spool: str) -> dict[str, Any]:
    """``analyse_partition`` of a batch the driver pickled. Dask's scheduler passes bytes on as they are,
    where it would unpickle a list of articles and pickle it again for the worker: 24 batches of 256
    articles cost the driver 0.18 s of CPU as bytes, 0.45 s as lists (measured on 2 workers)."""
    return analyse_partition(*pickle.loads(batch), model, spool)


# Partitions stored in one transaction: a commit costs the driver about 17 ms of CPU, as much as
# inserting 200 articles' rows, so 4 partitions of 256 articles take 0.10 ms of its CPU per article
# against 0.15 one by one (measured on 6,000 articles with one DuckDB thread).
GROUP = 4


class DaskEngine:
    """Analyses batches on a Dask cluster; the driver stores the partitions in order as they complete.
    The engine closes the client it is given, and the local cluster the client started, if any."""

    def __init__(self, client: Any, model: str | None = None, spool: str | Path | None = None) -> None:
        self.client = client
        self.model = model
        self.peak_rss: int | None = None  # the workers' largest, read when the analysis is finished
        self._closing: threading.Thread | None = None
        workers = len(client.scheduler_info().get("workers", {})) or 1
        self.group = GROUP
        self.in_flight = 2 * workers + self.group - 1  # each worker keeps one batch queued while the driver stores
        # The driver's DuckDB on one thread: the workers have the cores (0.15 against 0.18 ms of CPU per
        # article stored, measured with DuckDB reading the partitions)
        self.store_threads = 1
        self._own_spool = spool is None
        self.spool = str(spool or tempfile.mkdtemp(prefix="kilde-spool-"))
        os.makedirs(self.spool, exist_ok=True)

    def submit(self, articles: list[Article], rejects: list[Reject]) -> Any:
        if not articles:
            return {"paths": {}, "ids": [], "rejects": rejects}
        batch = pickle.dumps((articles, rejects), protocol=pickle.HIGHEST_PROTOCOL)
        return self.client.submit(_analyse_pickled, batch, self.model, self.spool, pure=False)

    def collect(self, handles: list[Any], store: Store, replaced: list[str]) -> tuple[int, list[Reject]]:
        results = [h if isinstance(h, dict) else h.result() for h in handles]
        # a batch with nothing to analyse holds only read rejects: stored first, in a transaction of
        # their own (a stored reject is not stored again, so a crash between the two loses nothing)
        unsent = [r for res in results if not res["paths"] for r in res["rejects"]]
        if unsent:
            store.write([], unsent)
        paths: dict[str, list[str]] = {}
        for res in results:
            for table, path in res["paths"].items():
                paths.setdefault(table, []).append(path)
        if paths:
            store.write_parquet(paths, [i for res in results for i in res["ids"]], replaced)
            for path in (p for files in paths.values() for p in files):
                os.remove(path)
        return sum(len(res["ids"]) for res in results), [r for res in results for r in res["rejects"]]

    def worker_peak_rss(self) -> int:
        """The largest peak resident memory of any worker, in MB."""
        if self.peak_rss is None:
            self.peak_rss = max(self.client.run(_peak_rss).values(), default=0)
        return self.peak_rss

    def finish(self) -> None:
        """Every batch is stored: a local cluster the client started is shut down in the background while
        the driver links stories (on 20,000 articles the shutdown took 0.5 s, the linking 0.8 s), its
        workers' peak memory read first. The client of a cluster joined with ``--scheduler`` stays open
        until ``close`` (the cluster itself stays up)."""
        if self.client.cluster is not None and self._closing is None:
            self.worker_peak_rss()
            self._closing = threading.Thread(target=_release, args=(self.client,), name="kilde-dask-close")
            self._closing.start()

    def close(self) -> None:
        if self._closing is not None:
            self._closing.join()
        else:
            _release(self.client)
        if self._own_spool:
            shutil.rmtree(self.spool, ignore_errors=True)


def _release(client: Any) -> None:
    """Close ``client`` and the local cluster it started, if any."""
    cluster = client.cluster
    client.close()
    if cluster is not None:
        cluster.close()


def _peak_rss() -> int:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


# How Kilde's local cluster differs from Dask's defaults, all measured on 2 cores:
# - Dask starts workers with MALLOC_TRIM_THRESHOLD_=65536 so that they hand memory back early; for
#   the pipeline's many small allocations that costs a fifth of the CPU (17.6 -> 21.7 ms per
#   article), and a worker stays under 0.5 GB without it (dropped from the environment below);
# - each worker samples its own stack every 10 ms for Dask's profiler, and the nanny and scheduler
#   poll memory and system load 10 and 2 times a second: without them, 2,000 articles on 2 workers
#   took 31.5-31.9 s instead of 33.8-34.7 s (driver CPU 8.5 against 9.2 s, workers 49 against 53 s);
# - every scheduler, nanny and worker checks its event loop's health every 20 ms: an idle local
#   cluster of 2 workers then costs 6.5% of a core in the driver (which hosts the scheduler and
#   the nannies) and 2.5% in each worker; checked once a second (a blocked loop is still reported
#   after 3 s), 1.4% and 0.5%.
LOCAL_CLUSTER_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.worker.memory.monitor-interval": "2s",
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.admin.tick.interval": "1s",
}


def connect(workers: int | None = None, scheduler: str | None = None) -> Any:
    """A Dask client: on a new local cluster of ``workers`` processes, or on the cluster at ``scheduler``."""
    import dask
    from distributed import Client, LocalCluster

    if scheduler:
        return Client(scheduler)
    spawn_environ = dask.config.get("distributed.nanny.pre-spawn-environ", {})
    environ = {k: v for k, v in spawn_environ.items() if k != "MALLOC_TRIM_THRESHOLD_"}
    trim = spawn_environ.get("MALLOC_TRIM_THRESHOLD_")
    if trim is not None and os.environ.get("MALLOC_TRIM_THRESHOLD_") == str(trim):
        # put there by a nanny of an earlier cluster in this process (a nanny sets its variables in
        # this process's environment before it spawns a worker, and the new workers would inherit it)
        del os.environ["MALLOC_TRIM_THRESHOLD_"]
    with dask.config.set(LOCAL_CLUSTER_CONFIG | {"distributed.nanny.pre-spawn-environ": environ}):
        cluster = LocalCluster(n_workers=workers or 1, threads_per_worker=1, processes=True, dashboard_address=None,
                               silence_logs=40)
    client = Client(cluster)
    cpus = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []
    if len(cluster.workers) <= len(cpus):
        client.run(_pin_to_cpu, cpus)
    return client


def _pin_to_cpu(cpus: list[int], dask_worker: Any) -> int:
    """Keep local worker ``n`` (every thread of its process) on the n-th of ``cpus``.

    On 2 cores, 2 pinned workers analysed 4,000 articles in 43.7 s against 46.1 s unpinned (mean
    of 6 alternated pairs: 5 won, 1 tied), and their CPU time fell as much; presumably because
    a worker no longer moves between the cores when the driver that feeds it wakes up, and
    keeps its caches (not measured). The driver is not pinned and runs wherever there is room.
    A worker that its nanny restarts after a crash runs unpinned.
    """
    cpu = cpus[int(dask_worker.name) % len(cpus)]
    threads = os.listdir("/proc/self/task") if os.path.isdir("/proc/self/task") else ["0"]
    for thread in threads:
        os.sched_setaffinity(int(thread), {cpu})
    return cpu
