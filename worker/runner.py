"""Worker start-up.

- `run_worker(config)`: the `docgen worker` process: an RQ worker with the scheduler (needed for
  Retry intervals), after `docgen.preload()`. Default `DocgenWorker` (SimpleWorker: jobs run in the
  warm worker process, heartbeats from a thread); `--fork` for RQ's fork-per-job Worker.
- `EmbeddedRunner`: for `docgen serve` without REDIS_URL: a SimpleWorker in a thread on fakeredis
  (no fork, no signal handlers, TimerDeathPenalty instead of SIGALRM) plus a scheduler thread.

Tuning (environment; defaults in brackets):
  DOCGEN_WORKER_MONITOR_INTERVAL  [10] seconds between heartbeats while a job runs
  DOCGEN_WORKER_HEARTBEAT_GRACE   [30] seconds past a missed heartbeat before a job counts as
                                   abandoned (RQ's fixed value is 60)
  DOCGEN_WORKER_MAINTENANCE_INTERVAL [30] seconds between registry clean-ups (RQ default 600);
                                   the clean-up is what re-queues jobs of a worker that died
So a job whose worker was SIGKILLed is retried by another worker after roughly
monitor + grace + maintenance seconds (≈ 70 s by default).
"""
from __future__ import annotations

import logging
import os
import threading

from rq import Queue, SimpleWorker, Worker
from rq.timeouts import TimerDeathPenalty

log = logging.getLogger("docgen.worker")


def _env_int(name: str, default: int) -> int:
    try:
        return int(os.environ.get(name) or default)
    except ValueError:
        return default


class _TunedHeartbeat:
    heartbeat_grace = 30

    def get_heartbeat_ttl(self, job, working_time: float = 0.0) -> int:  # type: ignore[override]
        if job.timeout and job.timeout > 0:
            remaining = job.timeout - working_time
            return int(max(1, min(remaining, self.job_monitoring_interval))) + self.heartbeat_grace
        return int(self.job_monitoring_interval) + self.heartbeat_grace

    @property
    def dequeue_timeout(self) -> int:  # wake up for maintenance even when idle
        return max(1, min(self.worker_ttl - 15, int(self.maintenance_interval)))


class _HeartbeatThread(_TunedHeartbeat):
    """For workers that run the job in their own process (no work-horse to monitor): a thread keeps
    the job's heartbeat alive while it runs, so a short abandoned-job window is safe."""

    def execute_job(self, job, queue):  # type: ignore[override]
        from rq.worker import WorkerStatus

        execution = self.prepare_execution(job)
        stop = threading.Event()

        def beat():
            while not stop.wait(self.job_monitoring_interval):
                try:
                    self.maintain_heartbeats(job, execution)
                except Exception:  # Redis blip: the next beat retries
                    log.warning("heartbeat failed", extra={"job_id": job.id})

        beater = threading.Thread(target=beat, name="docgen-heartbeat", daemon=True)
        beater.start()
        try:
            self.perform_job(job, queue, execution)
        finally:
            stop.set()
            beater.join()
        self.set_state(WorkerStatus.IDLE)


class DocgenWorker(_HeartbeatThread, SimpleWorker):
    """The default `docgen worker`: runs jobs in its own (warm) process. Templates and the
    LibreOffice converter started by `docgen.preload()`/the first job stay up across jobs; a forked
    work-horse would start its own converter for every job (about 1 s). Job timeouts are SIGALRM
    (we are the main thread). If the process dies, the job is retried by RQ's abandoned-job
    clean-up in another worker. `--max-jobs` recycles the process."""


class DocgenForkingWorker(_TunedHeartbeat, Worker):
    """`docgen worker --fork`: RQ's classic fork-per-job worker (isolation over speed)."""


class EmbeddedWorker(_HeartbeatThread, SimpleWorker):
    """Runs jobs in its own thread: no fork, no signal handlers, timer-based job timeouts."""

    death_penalty_class = TimerDeathPenalty

    def _install_signal_handlers(self):
        pass

    def dequeue_job_and_maintain_ttl(self, timeout, max_idle_time=None):
        if timeout is None:  # burst mode
            return super().dequeue_job_and_maintain_ttl(timeout, max_idle_time)
        # wait in 1 s slices so stop() is noticed promptly; None ends the work loop
        while not self._stop_requested:
            result = super().dequeue_job_and_maintain_ttl(1, max_idle_time=1)
            if result is not None:
                return result
        return None


def worker_kwargs() -> dict:
    return dict(
        job_monitoring_interval=_env_int("DOCGEN_WORKER_MONITOR_INTERVAL", 10),
        maintenance_interval=_env_int("DOCGEN_WORKER_MAINTENANCE_INTERVAL", 30),
    )


def _preload() -> None:
    import docgen

    preload = getattr(docgen, "preload", None)
    if callable(preload):
        preload()
    import rules  # noqa: F401  (warm the rules tables too)


def run_worker(config, *, burst: bool = False, name: str | None = None, fork: bool = False,
               max_jobs: int | None = None) -> bool:
    from redis import Redis

    from docgen.logging_setup import configure_logging

    configure_logging(config.log_level)
    if not config.redis_url:
        raise SystemExit("docgen worker needs REDIS_URL (the embedded worker runs inside `docgen serve`).")
    _preload()
    connection = Redis.from_url(config.redis_url)
    queue = Queue(config.queue_name, connection=connection)
    worker_class = DocgenForkingWorker if fork else DocgenWorker
    worker = worker_class([queue], connection=connection, name=name, **worker_kwargs())
    worker.heartbeat_grace = _env_int("DOCGEN_WORKER_HEARTBEAT_GRACE", 30)
    log.info("worker starting", extra={"queue": config.queue_name, "worker": worker.name, "pid": os.getpid(),
                                       "forking": fork})
    return worker.work(burst=burst, with_scheduler=True, logging_level=config.log_level, max_jobs=max_jobs)


class EmbeddedRunner:
    """Worker + scheduler threads in this process, sharing one (fake)redis connection."""

    def __init__(self, connection, queue_name: str, store):
        from worker import jobs

        jobs.set_store(store)
        self.connection = connection
        self.queue = Queue(queue_name, connection=connection)
        self.worker = EmbeddedWorker([self.queue], connection=connection, **worker_kwargs())
        self.worker.heartbeat_grace = _env_int("DOCGEN_WORKER_HEARTBEAT_GRACE", 30)
        self._stop = threading.Event()
        self.threads: list[threading.Thread] = []

    def start(self) -> None:
        _preload()
        t = threading.Thread(target=self._work, name="docgen-embedded-worker", daemon=True)
        s = threading.Thread(target=self._schedule, name="docgen-embedded-scheduler", daemon=True)
        self.threads = [t, s]
        t.start()
        s.start()

    def _work(self) -> None:
        try:
            self.worker.work(with_scheduler=False, logging_level=logging.getLevelName(log.getEffectiveLevel()))
        except Exception:
            log.exception("embedded worker stopped")

    def _schedule(self) -> None:
        # RQScheduler.work() installs signal handlers and forks, and its locks are Lua scripts that
        # fakeredis cannot run; with one process there is nothing to lock against, so drive the
        # scheduler by hand: every second, move due retries (ScheduledJobRegistry) to the queue.
        from rq.scheduler import RQScheduler

        scheduler = RQScheduler([self.queue], connection=self.connection)
        scheduler._connection = self.connection  # share the in-memory server
        scheduler._acquired_locks = {self.queue.name}
        scheduler.prepare_registries([self.queue.name])
        while not self._stop.is_set():
            try:
                scheduler.enqueue_scheduled_jobs()
            except Exception:
                log.exception("embedded scheduler tick failed")
            self._stop.wait(1.0)

    def stop(self, timeout: float = 30.0) -> None:
        """Stop taking jobs; wait (up to timeout) for the job in progress."""
        self._stop.set()
        self.worker._stop_requested = True
        for t in self.threads:
            t.join(timeout)
