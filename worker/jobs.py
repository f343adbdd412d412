"""RQ job functions. They take our job id only: the case snapshot (with SSNs) stays in the store.

`generate_documents(job_id)` is idempotent: document ids are deterministic per
(job, document, format) and records are upserted, files replaced atomically, so running the same job
again after a crash rewrites the same records instead of adding new ones.

Failures: `on_job_failure` (an RQ failure callback, run before RQ decides on a retry) sorts them.
Transient faults (I/O, database or Redis connection, worker lost, timeout) keep RQ's Retry
(max 3, after 1, 5, 15 s; the worker's scheduler re-enqueues them) and the job shows `queued` again;
anything else (invalid snapshot, rendering bug) cannot succeed on a rerun, so retries are cancelled
and the job is marked failed at once with a title/detail free of personal data.

Test hook: DOCGEN_TEST_JOB_DELAY (seconds, float) sleeps after each stored document so fault tests
can kill a worker mid-job. It is read only when set; never set it in production.
"""
from __future__ import annotations

import logging
import os
import time
from typing import Any

from docgen.logging_setup import scrub
from docgen.store import Store, canonical_json, document_id_for, sha256_hex

log = logging.getLogger("docgen.worker")

RETRY_MAX = 3
RETRY_INTERVALS = [1, 5, 15]

_store: Store | None = None


def set_store(store: Store | None) -> None:
    """Use this store for jobs in this process (embedded mode); default: from the environment."""
    global _store
    _store = store


def get_store() -> Store:
    global _store
    if _store is None:
        from docgen.config import Config

        _store = Store.from_config(Config.from_env())
    return _store


def _transient_types() -> tuple[type[BaseException], ...]:
    types: list[type[BaseException]] = [OSError, TimeoutError, ConnectionError]
    try:
        import redis.exceptions as rex

        types += [rex.ConnectionError, rex.TimeoutError, rex.BusyLoadingError]
    except ImportError:  # pragma: no cover
        pass
    try:
        import sqlalchemy.exc as sex

        types += [sex.OperationalError, sex.DisconnectionError, sex.InterfaceError]
    except ImportError:  # pragma: no cover
        pass
    try:
        from rq.exceptions import AbandonedJobError
        from rq.timeouts import JobTimeoutException

        types += [AbandonedJobError, JobTimeoutException]
    except ImportError:  # pragma: no cover
        pass
    return tuple(types)


class JobError(Exception):
    """What a failed job raises to RQ: a scrubbed message and our classification, no chained
    original (RQ stores the exception text and traceback in Redis, which must hold no SSN)."""

    def __init__(self, title: str, detail: str, transient: bool, error_type: str):
        super().__init__(f"{title}: {detail}")
        self.title, self.detail, self.transient, self.error_type = title, detail, transient, error_type


def is_transient(exc: BaseException | None) -> bool:
    if isinstance(exc, JobError):
        return exc.transient
    return exc is not None and isinstance(exc, _transient_types())


def describe_failure(exc_type, exc: BaseException | None) -> tuple[str, str]:
    """A (title, detail) pair for the job's status. No case data: field paths and messages only."""
    if isinstance(exc, JobError):
        return exc.title, exc.detail
    name = getattr(exc_type, "__name__", "Error")
    if name == "CaseValidationError":
        errors = getattr(exc, "errors", None) or []
        detail = "; ".join(f"{e.get('field')}: {e.get('message')}" for e in errors if isinstance(e, dict))
        return "Invalid case", scrub(detail or "The stored case does not validate.")[:1000]
    if name == "DocumentNotApplicable":
        return "Document not applicable", scrub(str(exc))[:500] + " (submit the job without that document)"
    if name == "AbandonedJobError":
        return "Worker lost", "The worker running this job stopped unexpectedly, and retries are exhausted."
    if name == "JobTimeoutException":
        return "Timed out", "Generating the documents took longer than the job timeout."
    if is_transient(exc):
        return "Temporary failure", f"{name}; retries are exhausted."
    message = scrub(str(exc) if exc is not None else "")[:500]
    return "Document generation failed", f"{name}: {message}" if message else name


def on_job_failure(job, connection, exc_type, exc_value, tb) -> None:
    """RQ failure callback (runs in the worker before RQ decides whether to retry)."""
    job_id = job.args[0] if job.args else job.id
    store = get_store()
    if not is_transient(exc_value):
        job.retries_left = 0  # a rerun cannot fix it: fail now instead of after 21 s of retries
    retrying = bool(job.retries_left and job.retries_left > 0)
    title, detail = describe_failure(exc_type, exc_value)
    error_type = exc_value.error_type if isinstance(exc_value, JobError) else getattr(exc_type, "__name__", "?")
    log.warning("job failed", extra={"job_id": job_id, "error_type": error_type,
                                     "retrying": retrying, "retries_left": job.retries_left or 0})
    try:
        if retrying:
            store.mark_retrying(job_id)
        else:
            store.mark_failed(job_id, title, detail)
    except Exception:
        log.exception("could not record the failure", extra={"job_id": job_id})


def _test_delay() -> float:
    raw = os.environ.get("DOCGEN_TEST_JOB_DELAY")
    try:
        return float(raw) if raw else 0.0
    except ValueError:
        return 0.0


def generate_documents(job_id: str) -> dict[str, Any]:
    """Compute the case and render every requested document/format; store files + records."""
    from docgen.logging_setup import request_id_var

    token = request_id_var.set(_submitting_request_id())
    try:
        return _generate(job_id)
    except Exception as exc:
        title, detail = describe_failure(type(exc), exc)
        raise JobError(title, detail, is_transient(exc), type(exc).__name__) from None
    finally:
        request_id_var.reset(token)


def _submitting_request_id() -> str | None:
    try:
        from rq import get_current_job

        job = get_current_job()
        return (job.meta or {}).get("request_id") if job is not None else None
    except Exception:
        return None


def _generate(job_id: str) -> dict[str, Any]:
    import docgen
    import rules
    from docgen.catalog import DOCUMENTS
    from rules.model import parse_case

    started = time.perf_counter()
    store = get_store()
    job = store.get_job(job_id)
    if job is None:
        log.warning("job not in store", extra={"job_id": job_id})
        return {"status": "missing"}
    if job.status == "finished":
        return {"status": "finished", "documents": len(store.documents_for(job_id))}
    store.mark_running(job_id)
    case_row = store.get_case(job.case_id)
    case = parse_case(case_row.snapshot)
    result = rules.compute(case)
    calc = result.to_contract()
    rules_version = str(getattr(rules, "RULES_VERSION", "unknown"))
    schedule = calc.get("schedule") or {}
    delay = _test_delay()
    count = 0
    for document in job.documents:
        spec = DOCUMENTS[document]
        template = f"{spec.id}@{spec.version}"  # the version hashes every template file the document uses
        for fmt in spec.formats:
            try:
                data = docgen.render(document, case, result, fmt)
            except Exception as exc:
                if type(exc).__name__ == "DocumentNotApplicable":
                    exc.args = (f"{document}: {exc}",)
                raise
            doc_id = document_id_for(job_id, document, fmt)
            inputs_sha = sha256_hex(canonical_json({
                "case": case_row.snapshot, "document": document, "format": fmt,
                "template": template, "rules_version": rules_version, "schedule": schedule,
            }))
            rel = store.write_file(job_id, doc_id, fmt, data)
            store.upsert_document(job_id=job_id, document=document, fmt=fmt, template=template,
                                  rules_version=rules_version, schedule_id=schedule.get("id"),
                                  inputs_sha256=inputs_sha, sha256=sha256_hex(data), size=len(data),
                                  path=rel, created_by=job.submitted_by)
            count += 1
            if delay:
                time.sleep(delay)
    store.mark_finished(job_id, calc)
    log.info("job finished", extra={"job_id": job_id, "documents": count,
                                    "duration_ms": round((time.perf_counter() - started) * 1000, 1)})
    return {"status": "finished", "documents": count}


def enqueue(queue, job_id: str, *, timeout: int = 120, request_id: str | None = None):
    """Put our job on the RQ queue: only the id (and the submitting request's id, for log
    correlation) travels through Redis."""
    from rq import Callback, Retry

    return queue.enqueue(
        generate_documents, job_id,
        job_id=job_id,
        job_timeout=timeout,
        retry=Retry(max=RETRY_MAX, interval=RETRY_INTERVALS),
        on_failure=Callback(on_job_failure),
        result_ttl=3600,
        failure_ttl=7 * 24 * 3600,
        description=f"generate_documents({job_id})",
        meta={"request_id": request_id} if request_id else None,
    )
