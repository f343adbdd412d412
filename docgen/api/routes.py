"""The `/api/v1` blueprint: jobs, PDF intake, documents, tokens (admin), OpenAPI description."""
from __future__ import annotations

import logging
from pathlib import Path

from flask import Blueprint, current_app, g, jsonify, request, send_file, url_for

from docgen.api.openapi import openapi_document
from docgen.api.problems import Problem
from docgen.auth import can_see_job, current_token, require
from docgen.store import IdempotencyConflict, canonical_json, sha256_hex

bp = Blueprint("api", __name__)
log = logging.getLogger("docgen.api")

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
PROBLEM_INVALID = "urn:docgen:problem:invalid-input"
MAX_IDEMPOTENCY_KEY = 255


def _services():
    return current_app.extensions["docgen"]


def _not_found(what: str = "job"):
    return Problem(404, "Not Found", f"No such {what} (or you may not see it).")


def _invalid(errors: list[dict], detail: str = "The input is not valid; see errors.") -> Problem:
    return Problem(422, "Invalid input", detail, type_=PROBLEM_INVALID, errors=errors)


def _catalog():
    from docgen.catalog import DOCUMENTS

    return DOCUMENTS


def _default_documents(case) -> list[str]:
    # support-order is the Uniform Order (judicial) or the Administrative Order, by the case's kind
    return ["support-order"]


def _parse_documents(raw, field: str = "documents") -> list[str] | None:
    """None when absent; a de-duplicated list of known ids, or a 422 Problem."""
    if raw is None:
        return None
    if isinstance(raw, str):
        raw = [raw]
    if not isinstance(raw, list) or not raw:
        raise _invalid([{"field": field, "message": "must be a non-empty list of document ids"}])
    catalog = _catalog()
    errors, out = [], []
    for i, item in enumerate(raw):
        if not isinstance(item, str) or item not in catalog:
            errors.append({"field": f"{field}[{i}]",
                           "message": f"unknown document; known: {', '.join(sorted(catalog))}"})
        elif item not in out:
            out.append(item)
    if errors:
        raise _invalid(errors)
    return out


def _validate_case(data) -> object:
    from rules.model import CaseValidationError, parse_case

    if not isinstance(data, dict):
        raise _invalid([{"field": "case", "message": "must be a JSON object (the case input)"}])
    try:
        return parse_case(data)
    except CaseValidationError as exc:
        raise _invalid(list(exc.errors), "The case is not valid; see errors.")


def _submit(case, documents: list[str] | None):
    """Store the snapshot, create the job (idempotently) and enqueue it. Returns a 202 response."""
    from worker.jobs import enqueue

    services = _services()
    token = current_token()
    documents = documents or _default_documents(case)
    snapshot = case.model_dump(mode="json")
    request_sha = sha256_hex(canonical_json({"case": snapshot, "documents": documents}))
    key = request.headers.get("Idempotency-Key")
    if key is not None:
        key = key.strip()
        if not key or len(key) > MAX_IDEMPOTENCY_KEY:
            raise Problem(400, "Bad Request", f"Idempotency-Key must be 1 to {MAX_IDEMPOTENCY_KEY} characters.")
    try:
        job, created = services.store.submit(case_snapshot=snapshot, documents=documents,
                                             submitted_by=token.id, idempotency_key=key,
                                             request_sha256=request_sha)
    except IdempotencyConflict:
        raise Problem(422, "Idempotency key reused",
                      "This Idempotency-Key was already used with a different request body.",
                      type_="urn:docgen:problem:idempotency-key-reused")
    if created:
        try:
            enqueue(services.queue, job.id, timeout=services.config.job_timeout, request_id=g.get("request_id"))
        except Exception as exc:
            log.error("enqueue failed", extra={"job_id": job.id, "error_type": type(exc).__name__})
            services.store.delete_job(job.id)
            raise Problem(503, "Service Unavailable", "The job queue is unavailable; try again shortly.",
                          headers={"Retry-After": "5"})
        log.info("job submitted", extra={"job_id": job.id, "documents": len(documents)})
    url = url_for("api.get_job", job_id=job.id)
    body = {"id": job.id, "status": job.status, "url": url}
    resp = jsonify(body)
    resp.status_code = 202
    resp.headers["Location"] = url
    if not created:
        resp.headers["Idempotent-Replayed"] = "true"
    return resp


@bp.get("/openapi.json")
def openapi():
    return jsonify(openapi_document())


@bp.get("/catalog")
@require()
def catalog():
    docs = [{"id": d.id, "title": d.title, "formats": list(d.formats)} for d in _catalog().values()]
    return jsonify({"documents": docs})


@bp.post("/jobs")
@require("clerk", "attorney", "admin")
def create_job():
    if not request.is_json:
        raise Problem(415, "Unsupported Media Type", "Send the job as application/json.")
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise Problem(400, "Bad Request", "The body must be a JSON object: {\"case\": {...}, \"documents\": [...]}.")
    if "case" not in body:
        raise _invalid([{"field": "case", "message": "is required"}])
    documents = _parse_documents(body.get("documents"))
    case = _validate_case(body["case"])
    return _submit(case, documents)


@bp.post("/intake")
@require("clerk", "attorney", "admin")
def intake_pdf():
    from docgen.intake_pdf import read_intake_pdf

    if request.mimetype != "multipart/form-data":
        raise Problem(415, "Unsupported Media Type",
                      "Upload the filled intake form as multipart/form-data with a `form` file field.")
    upload = request.files.get("form")
    if upload is None:
        raise _invalid([{"field": "form", "message": "is required: the filled intake PDF"}],
                       "No `form` file in the upload.")
    limit = current_app.config["DOCGEN_MAX_UPLOAD_BYTES"]
    data = upload.stream.read(limit + 1)
    if len(data) > limit:
        raise Problem(413, "Content Too Large", f"The form is larger than the limit of {limit} bytes.")
    raw_docs = [d.strip() for v in request.form.getlist("documents") for d in v.split(",") if d.strip()]
    documents = _parse_documents(raw_docs or None)
    case_data = read_intake_pdf(data)
    case = _validate_case(case_data)
    return _submit(case, documents)


@bp.get("/intake/form.pdf")
def intake_form():
    path = _intake_form_path()
    if path is None:
        raise Problem(404, "Not Found", "The blank intake form is not installed.")
    return send_file(path, mimetype="application/pdf", as_attachment=True,
                     download_name="docgen-intake-form.pdf", max_age=0)


def _intake_form_path() -> Path | None:
    candidates = []
    try:
        from docgen.pdfforms import FORMS_DIR

        candidates.append(Path(FORMS_DIR) / "intake-form.pdf")
    except ImportError:
        pass
    candidates.append(Path(__file__).resolve().parents[2] / "templates" / "forms" / "intake-form.pdf")
    for c in candidates:
        if c.is_file():
            return c
    return None


LOST_AFTER_SECONDS = 30


def _reconcile(job):
    """Square the store's view with the queue's for a job the store calls queued/running:
    - RQ gave up on it (e.g. a work-horse killed after its last retry): report it failed;
    - RQ has no such job (the API died between commit and enqueue, or Redis lost its data):
      enqueue it again. The job function is idempotent, so a duplicate run is harmless."""
    if job.status not in ("queued", "running"):
        return job
    from datetime import datetime, timezone

    from rq.exceptions import NoSuchJobError
    from rq.job import Job, JobStatus

    from worker.jobs import enqueue

    services = _services()
    try:
        rq_job = Job.fetch(job.id, connection=services.redis)
        status = rq_job.get_status(refresh=False)
    except NoSuchJobError:
        updated = job.updated_at if job.updated_at.tzinfo else job.updated_at.replace(tzinfo=timezone.utc)
        if (datetime.now(timezone.utc) - updated).total_seconds() > LOST_AFTER_SECONDS:
            try:
                enqueue(services.queue, job.id, timeout=services.config.job_timeout)
                log.warning("re-enqueued a job missing from the queue", extra={"job_id": job.id})
                return services.store.mark_retrying(job.id) or job
            except Exception as exc:
                log.error("re-enqueue failed", extra={"job_id": job.id, "error_type": type(exc).__name__})
        return job
    except Exception:
        return job  # Redis down: report what the store knows
    if status == JobStatus.FAILED:
        fresh = services.store.get_job(job.id)
        if fresh is not None and fresh.status in ("queued", "running"):
            return services.store.mark_failed(job.id, "Worker lost",
                                              "The worker stopped while running this job, and retries are exhausted.")
        return fresh or job
    return job


def job_body(job) -> dict:
    services = _services()
    docs = services.store.documents_for(job.id)
    return {
        "id": job.id,
        "status": job.status,
        "result": job.result,
        "documents": [{"id": d.id, "document": d.document, "format": d.format,
                       "url": url_for("api.get_document", document_id=d.id), "sha256": d.sha256}
                      for d in docs],
        "error": job.error,
        "created_at": job.created_at.isoformat() if job.created_at else None,
        "updated_at": job.updated_at.isoformat() if job.updated_at else None,
    }


@bp.get("/jobs/<job_id>")
@require()
def get_job(job_id: str):
    token = current_token()
    job = _services().store.get_job(job_id) if len(job_id) <= 64 else None
    if job is None or not can_see_job(token, job):
        raise _not_found("job")
    job = _reconcile(job)
    return jsonify(job_body(job))


@bp.get("/documents/<document_id>")
@require()
def get_document(document_id: str):
    token = current_token()
    store = _services().store
    doc = store.get_document(document_id) if len(document_id) <= 64 else None
    job = store.get_job(doc.job_id) if doc is not None else None
    if doc is None or job is None or not can_see_job(token, job):
        raise _not_found("document")
    try:
        path = store.file_path(doc.path)
    except ValueError:
        raise _not_found("document")
    if not path.is_file():
        log.error("document file missing", extra={"document_id": doc.id})
        raise Problem(404, "Not Found", "The document's file is no longer available.")
    resp = send_file(path, mimetype=CONTENT_TYPES.get(doc.format, "application/octet-stream"),
                     as_attachment=True, download_name=f"{doc.document}-{doc.job_id[:8]}.{doc.format}",
                     etag=doc.sha256, max_age=0)
    resp.headers["X-Content-SHA256"] = doc.sha256
    return resp


# ---- tokens (admin) ---------------------------------------------------------------------------
def _token_body(row) -> dict:
    return {"id": row.id, "name": row.name, "role": row.role, "revoked": row.revoked,
            "created_at": row.created_at.isoformat() if row.created_at else None}


@bp.get("/tokens")
@require("admin")
def list_tokens():
    return jsonify({"tokens": [_token_body(t) for t in _services().store.list_tokens()]})


@bp.post("/tokens")
@require("admin")
def create_token():
    from docgen.store import ROLES

    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise Problem(400, "Bad Request", "The body must be a JSON object: {\"name\": ..., \"role\": ...}.")
    errors = []
    name, role = body.get("name"), body.get("role")
    if not isinstance(name, str) or not name.strip() or len(name) > 255:
        errors.append({"field": "name", "message": "is required (1 to 255 characters)"})
    if role not in ROLES:
        errors.append({"field": "role", "message": f"must be one of {', '.join(ROLES)}"})
    if errors:
        raise _invalid(errors)
    row, secret = _services().store.create_token(name.strip(), role)
    body = _token_body(row)
    body["token"] = secret  # shown once; only its hash is stored
    resp = jsonify(body)
    resp.status_code = 201
    return resp


@bp.delete("/tokens/<token_id>")
@require("admin")
def revoke_token(token_id: str):
    if not _services().store.revoke_token(token_id):
        raise _not_found("token")
    return "", 204
