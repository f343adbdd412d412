"""Embedded mode in-process: the SimpleWorker thread + scheduler thread on fakeredis."""
from __future__ import annotations

import time

from .conftest import wait_for_job


def test_embedded_runner_runs_jobs_and_scheduled_retries(service, monkeypatch):
    import docgen
    from worker.runner import EmbeddedRunner

    real = docgen.render
    calls = {"n": 0}

    def flaky(*a, **k):
        calls["n"] += 1
        if calls["n"] == 1:
            raise ConnectionError("storage blip")
        return real(*a, **k)

    monkeypatch.setattr(docgen, "render", flaky)
    monkeypatch.setenv("DOCGEN_WORKER_MAINTENANCE_INTERVAL", "1")
    runner = EmbeddedRunner(service.redis, service.config.queue_name, service.store)
    runner.start()
    try:
        started = time.time()
        job_id = service.submit().get_json()["id"]
        job = wait_for_job(service.client, service.h(), job_id, timeout=20)
        assert job["status"] == "finished", job["error"]
        assert calls["n"] >= 2  # the first attempt failed, the scheduled retry (after 1 s) succeeded
        assert time.time() - started >= 1.0
        assert service.store.get_job(job_id).attempts == 2
    finally:
        runner.stop()
        from worker import jobs

        jobs.set_store(None)


def test_embedded_job_timeout_uses_a_timer_not_sigalrm(tmp_path, monkeypatch):
    """A job over its timeout in the worker thread is stopped (TimerDeathPenalty) and reported."""
    import docgen
    from worker.runner import EmbeddedRunner

    from .conftest import Service

    monkeypatch.setenv("DOCGEN_WORKER_MAINTENANCE_INTERVAL", "1")
    svc = Service(tmp_path, job_timeout=1)

    def slow(*a, **k):
        for _ in range(100):
            time.sleep(0.05)
        raise AssertionError("not stopped")

    monkeypatch.setattr(docgen, "render", slow)
    runner = EmbeddedRunner(svc.redis, svc.config.queue_name, svc.store)
    runner.start()
    try:
        job_id = svc.submit().get_json()["id"]
        from rq.job import Job

        # the timeout is transient (retried 3 times: 1 + 5 + 15 s); cut that short for the test
        deadline = time.time() + 10
        while time.time() < deadline:
            job = Job.fetch(job_id, connection=svc.redis)
            if job.retries_left is not None and job.retries_left < 3:
                break
            time.sleep(0.1)
        assert job.retries_left == 2
        assert svc.store.get_job(job_id).status == "queued"  # waiting for its retry
    finally:
        runner.stop()
        from worker import jobs

        jobs.set_store(None)
