"""Unit tests of the intake API with Flask's test client (fakeredis + SQLite in a temp dir)."""
from __future__ import annotations

import copy
import io
import json

import pytest

from .conftest import example_case, filled_intake_pdf

PROBLEM = "application/problem+json"


def assert_problem(resp, status: int, title: str | None = None) -> dict:
    assert resp.status_code == status, resp.get_data(as_text=True)
    assert resp.mimetype == PROBLEM
    body = resp.get_json(force=True)
    assert body["status"] == status
    assert isinstance(body["title"], str) and body["title"]
    assert isinstance(body["detail"], str) and body["detail"]
    assert "type" in body
    assert "Traceback" not in resp.get_data(as_text=True)
    if title is not None:
        assert body["title"] == title
    return body


# ---- health ---------------------------------------------------------------------------------
def test_healthz_and_readyz(service):
    assert service.client.get("/healthz").get_json() == {"status": "ok"}
    body = service.client.get("/readyz").get_json()
    assert body == {"status": "ready", "checks": {"redis": "ok", "database": "ok", "storage": "ok"}}


def test_readyz_names_the_failed_dependency(service):
    class DownRedis:
        def ping(self):
            import redis

            raise redis.exceptions.ConnectionError("down")

    service.app.extensions["docgen"].redis = DownRedis()
    body = assert_problem(service.client.get("/readyz"), 503)
    assert body["checks"] == {"redis": "unavailable", "database": "ok", "storage": "ok"}
    assert "redis" in body["detail"]


def test_request_id_is_echoed_or_generated(service):
    resp = service.client.get("/healthz", headers={"X-Request-ID": "abc-123"})
    assert resp.headers["X-Request-ID"] == "abc-123"
    generated = service.client.get("/healthz", headers={"X-Request-ID": "bad id with spaces"})
    assert generated.headers["X-Request-ID"] != "bad id with spaces"
    assert len(generated.headers["X-Request-ID"]) == 32


# ---- auth -----------------------------------------------------------------------------------
@pytest.mark.parametrize("headers", [
    {},
    {"Authorization": "Bearer"},
    {"Authorization": "Basic dXNlcjpwYXNz"},
    {"Authorization": "Bearer dg_nope_nope"},
    {"Authorization": "Bearer not-a-token"},
])
def test_missing_or_bad_token_is_401(service, headers):
    for method, url in (("post", "/api/v1/jobs"), ("get", "/api/v1/jobs/x"), ("get", "/api/v1/documents/x"),
                        ("post", "/api/v1/intake"), ("get", "/api/v1/catalog"), ("get", "/api/v1/tokens")):
        resp = getattr(service.client, method)(url, headers=headers)
        body = assert_problem(resp, 401, "Unauthorized")
        assert resp.headers["WWW-Authenticate"].startswith("Bearer")
        assert body["instance"] == url


def test_tampered_secret_is_401(service):
    good = service.tokens["clerk"]
    assert_problem(service.client.get("/api/v1/catalog", headers={"Authorization": f"Bearer {good[:-2]}xx"}), 401)


def test_revoked_token_is_401(service):
    assert service.client.get("/api/v1/jobs/nope", headers=service.h("attorney")).status_code == 404
    service.store.revoke_token(service.token_ids["attorney"])
    assert_problem(service.client.get("/api/v1/jobs/nope", headers=service.h("attorney")), 401)


def test_token_secret_is_stored_hashed(service):
    secret = service.tokens["clerk"]
    row = service.store.get_token(service.token_ids["clerk"])
    assert secret.split("_", 2)[2] not in row.secret_sha256
    assert len(row.secret_sha256) == 64


def test_auth_matrix_for_jobs_and_documents(service):
    ids = {}
    for who in ("clerk", "attorney", "attorney2", "admin"):
        resp = service.submit(who=who)
        assert resp.status_code == 202, resp.get_data(as_text=True)
        ids[who] = resp.get_json()["id"]
    service.run_queue()
    # who may see whose job: clerk/admin all, attorneys only their own (others: 404, not 403)
    for viewer in ("clerk", "attorney", "attorney2", "admin"):
        for owner, job_id in ids.items():
            resp = service.client.get(f"/api/v1/jobs/{job_id}", headers=service.h(viewer))
            visible = viewer in ("clerk", "admin") or viewer == owner
            if visible:
                assert resp.status_code == 200
                doc = resp.get_json()["documents"][0]
                assert service.client.get(doc["url"], headers=service.h(viewer)).status_code == 200
            else:
                assert_problem(resp, 404, "Not Found")
                own = service.client.get(f"/api/v1/jobs/{ids[viewer]}", headers=service.h(viewer)).get_json()
                doc_url = service.client.get(f"/api/v1/jobs/{job_id}", headers=service.h("clerk")).get_json()["documents"][0]["url"]
                assert_problem(service.client.get(doc_url, headers=service.h(viewer)), 404)
                assert own["id"] == ids[viewer]
    # a job that does not exist looks exactly like one you may not see
    a = service.client.get("/api/v1/jobs/00000000-0000-0000-0000-000000000000", headers=service.h("attorney")).get_json()
    b = service.client.get(f"/api/v1/jobs/{ids['clerk']}", headers=service.h("attorney")).get_json()
    a.pop("instance"), b.pop("instance")
    assert a == b


def test_token_admin_api_requires_admin(service):
    for who in ("clerk", "attorney"):
        assert_problem(service.client.get("/api/v1/tokens", headers=service.h(who)), 403, "Forbidden")
        assert_problem(service.client.post("/api/v1/tokens", json={"name": "x", "role": "clerk"},
                                           headers=service.h(who)), 403)
    resp = service.client.post("/api/v1/tokens", json={"name": "new clerk", "role": "clerk"}, headers=service.h("admin"))
    assert resp.status_code == 201
    created = resp.get_json()
    assert created["role"] == "clerk" and created["token"].startswith("dg_")
    assert service.client.get("/api/v1/jobs/nope", headers={"Authorization": f"Bearer {created['token']}"}).status_code == 404
    listed = service.client.get("/api/v1/tokens", headers=service.h("admin")).get_json()["tokens"]
    assert created["id"] in [t["id"] for t in listed]
    assert all("token" not in t and "secret_sha256" not in t for t in listed)
    assert service.client.delete(f"/api/v1/tokens/{created['id']}", headers=service.h("admin")).status_code == 204
    assert_problem(service.client.get("/api/v1/jobs/nope", headers={"Authorization": f"Bearer {created['token']}"}), 401)
    assert_problem(service.client.delete("/api/v1/tokens/nope", headers=service.h("admin")), 404)
    body = assert_problem(service.client.post("/api/v1/tokens", json={"name": "", "role": "boss"},
                                              headers=service.h("admin")), 422)
    assert {e["field"] for e in body["errors"]} == {"name", "role"}


# ---- jobs -----------------------------------------------------------------------------------
def test_submit_poll_download(service):
    resp = service.submit(documents=["support-order", "worksheet"])
    assert resp.status_code == 202
    body = resp.get_json()
    assert set(body) == {"id", "status", "url"}
    assert body["status"] == "queued" and body["url"] == f"/api/v1/jobs/{body['id']}"
    assert resp.headers["Location"] == body["url"]
    queued = service.client.get(body["url"], headers=service.h()).get_json()
    assert queued["status"] == "queued" and queued["documents"] == [] and queued["error"] is None
    service.run_queue()
    job = service.client.get(body["url"], headers=service.h()).get_json()
    assert job["status"] == "finished", job
    assert job["error"] is None
    assert job["result"]["monthly_support"] and job["result"]["schedule"]["id"]
    from docgen.catalog import DOCUMENTS

    expected = {(d, f) for d in ("support-order", "worksheet") for f in DOCUMENTS[d].formats}
    assert {(d["document"], d["format"]) for d in job["documents"]} == expected
    for d in job["documents"]:
        assert set(d) == {"id", "document", "format", "url", "sha256"}
        file = service.client.get(d["url"], headers=service.h())
        assert file.status_code == 200
        if d["format"] == "pdf":
            assert file.mimetype == "application/pdf" and file.data.startswith(b"%PDF")
        else:
            assert file.mimetype.endswith("wordprocessingml.document") and file.data[:2] == b"PK"
        assert "attachment" in file.headers["Content-Disposition"]
        assert f".{d['format']}" in file.headers["Content-Disposition"]
        import hashlib

        assert hashlib.sha256(file.data).hexdigest() == d["sha256"]
    # audit record
    rec = service.store.get_document(job["documents"][0]["id"])
    assert rec.rules_version and "@" in rec.template and len(rec.inputs_sha256) == 64
    assert rec.created_by == service.token_ids["clerk"]


def test_rerunning_a_job_does_not_duplicate_documents(service):
    job_id = service.submit(documents=["support-order"]).get_json()["id"]
    service.run_queue()
    first = {d.id: d.sha256 for d in service.store.documents_for(job_id)}
    from worker import jobs

    # as if a worker crashed after storing the documents but before marking the job finished
    service.store.mark_running(job_id)
    jobs.set_store(service.store)
    try:
        jobs.generate_documents(job_id)
    finally:
        jobs.set_store(None)
    again = service.store.documents_for(job_id)
    assert {d.id for d in again} == set(first)
    assert len(again) == len(first)


def test_default_documents_when_omitted(service):
    resp = service.submit(documents=None)
    assert resp.status_code == 202
    assert service.store.get_job(resp.get_json()["id"]).documents == ["support-order"]


def test_invalid_case_is_422_with_parse_case_errors(service):
    from rules.model import CaseValidationError, parse_case

    bad = example_case()
    bad["children"][0]["date_of_birth"] = "not-a-date"
    with pytest.raises(CaseValidationError) as excinfo:
        parse_case(bad)
    body = assert_problem(service.submit(case=bad), 422, "Invalid input")
    assert body["errors"] == excinfo.value.errors  # same messages as the CLI
    assert any(e["field"] == "children[0].date_of_birth" for e in body["errors"])


def test_error_bodies_never_echo_ssns(service):
    bad = example_case()
    bad["petitioner"]["ssn"] = "123456789x"
    bad["children"][0]["date_of_birth"] = "321-54-9876"
    resp = service.submit(case=bad)
    assert resp.status_code == 422
    text = resp.get_data(as_text=True)
    assert "321-54-9876" not in text and "123456789" not in text


@pytest.mark.parametrize("body,status,field", [
    ({"documents": ["support-order"]}, 422, "case"),
    ({"case": [], "documents": ["support-order"]}, 422, "case"),
    ({"case": "x"}, 422, "case"),
    ({"case": {}, "documents": "nope"}, 422, "documents[0]"),
    ({"case": {}, "documents": []}, 422, "documents"),
    ({"case": {}, "documents": ["support-order", "no-such-doc"]}, 422, "documents[1]"),
])
def test_job_body_errors(service, body, status, field):
    resp = service.client.post("/api/v1/jobs", json=body, headers=service.h())
    problem = assert_problem(resp, status)
    assert field in [e["field"] for e in problem["errors"]]


def test_malformed_json_is_400(service):
    resp = service.client.post("/api/v1/jobs", data="{not json", content_type="application/json", headers=service.h())
    assert_problem(resp, 400, "Bad Request")
    resp = service.client.post("/api/v1/jobs", data="[1, 2]", content_type="application/json", headers=service.h())
    assert_problem(resp, 400)


def test_wrong_content_type_is_415(service):
    resp = service.client.post("/api/v1/jobs", data="case=1", content_type="text/plain", headers=service.h())
    assert_problem(resp, 415, "Unsupported Media Type")


def test_too_large_body_is_413(tmp_path):
    from .conftest import Service

    svc = Service(tmp_path, max_upload_bytes=10_000)
    resp = svc.client.post("/api/v1/jobs", data=b"{" + b" " * 200_000 + b"}", content_type="application/json",
                           headers=svc.h())
    assert_problem(resp, 413)


def test_unknown_route_404_and_wrong_method_405(service):
    assert_problem(service.client.get("/api/v1/nope", headers=service.h()), 404, "Not Found")
    resp = service.client.delete("/api/v1/jobs", headers=service.h())
    assert_problem(resp, 405, "Method Not Allowed")
    assert "POST" in resp.headers["Allow"]


def test_unhandled_exception_is_500_problem_without_details(service, monkeypatch):
    def boom(*a, **k):
        raise RuntimeError("secret 123-45-6789 detail")

    monkeypatch.setattr(service.store, "get_job", boom)
    resp = service.client.get("/api/v1/jobs/abc", headers=service.h())
    body = assert_problem(resp, 500, "Internal Server Error")
    assert "123-45-6789" not in resp.get_data(as_text=True) and "RuntimeError" not in body["detail"]


def test_queue_down_is_503_and_leaves_no_job(service, monkeypatch):
    import redis

    def down(*a, **k):
        raise redis.exceptions.ConnectionError("refused")

    monkeypatch.setattr(service.app.extensions["docgen"].queue, "enqueue", down)
    resp = service.submit()
    assert_problem(resp, 503)
    assert resp.headers["Retry-After"]
    from sqlalchemy import func, select

    from docgen.store import JobRow

    with service.store.Session() as s:
        assert s.scalar(select(func.count()).select_from(JobRow)) == 0


# ---- idempotency ----------------------------------------------------------------------------
def test_idempotency_key_replays_the_same_job(service):
    first = service.submit(**{"Idempotency-Key": "k-1"})
    again = service.submit(**{"Idempotency-Key": "k-1"})
    assert first.status_code == again.status_code == 202
    assert first.get_json()["id"] == again.get_json()["id"]
    assert again.headers["Idempotent-Replayed"] == "true"
    assert service.redis.llen("rq:queue:docgen") == 1  # enqueued once
    # the same key from another token is another job
    other = service.submit(who="attorney", **{"Idempotency-Key": "k-1"})
    assert other.get_json()["id"] != first.get_json()["id"]
    # no key: a new job each time
    assert service.submit().get_json()["id"] != service.submit().get_json()["id"]


def test_idempotency_key_with_a_different_body_is_422(service):
    service.submit(**{"Idempotency-Key": "k-2"})
    changed = example_case()
    changed["petitioner"]["income"]["gross_amount"] = "4100.00"
    body = assert_problem(service.submit(case=changed, **{"Idempotency-Key": "k-2"}), 422,
                          "Idempotency key reused")
    assert "Idempotency-Key" in body["detail"]
    assert_problem(service.submit(documents=["worksheet"], **{"Idempotency-Key": "k-2"}), 422)


def test_idempotency_key_too_long_is_400(service):
    assert_problem(service.submit(**{"Idempotency-Key": "x" * 300}), 400)


# ---- PDF intake -----------------------------------------------------------------------------
def _upload(service, data: bytes, who="clerk", documents=None, filename="intake.pdf", **headers):
    form = {"form": (io.BytesIO(data), filename, "application/pdf")}
    if documents is not None:
        form["documents"] = documents
    return service.client.post("/api/v1/intake", data=form, content_type="multipart/form-data",
                               headers=service.h(who, **headers))


def test_intake_form_is_served(service):
    resp = service.client.get("/api/v1/intake/form.pdf")
    assert resp.status_code == 200 and resp.mimetype == "application/pdf"
    from docgen.pdfforms import read_fields

    assert read_fields(resp.data)["form.id"] == "docgen-intake-v1"


def test_pdf_intake_creates_the_same_case_as_json(service):
    case = example_case()
    resp = _upload(service, filled_intake_pdf(case), documents="support-order,worksheet")
    assert resp.status_code == 202, resp.get_data(as_text=True)
    job = service.store.get_job(resp.get_json()["id"])
    assert job.documents == ["support-order", "worksheet"]
    from rules.model import parse_case

    snapshot = service.store.get_case(job.case_id).snapshot
    expected = parse_case(case).model_dump(mode="json")
    # the form has no room for lien details; everything it carries must round-trip
    for key in ("case", "petitioner", "respondent", "children", "arrears"):
        assert snapshot[key] == expected[key], key
    service.run_queue()
    assert service.client.get(f"/api/v1/jobs/{job.id}", headers=service.h()).get_json()["status"] == "finished"


def test_intake_maps_dotted_fields():
    from docgen.intake_pdf import fields_to_case

    case = fields_to_case({"form.id": "docgen-intake-v1", "case.number": " 2025 D 1 ", "case.ivd": True,
                           "children.0.name": "A", "children.1.name": "", "children.2.name": "C",
                           "petitioner.income.gross_amount": "100", "petitioner.income.self_employed": False,
                           "respondent.name": ""})
    assert case == {"schema_version": 1, "case": {"number": "2025 D 1", "ivd": True},
                    "children": [{"name": "A"}, {"name": "C"}],
                    "petitioner": {"income": {"gross_amount": "100", "self_employed": False}}}


def test_intake_invalid_values_are_422_with_fields(service):
    case = example_case()
    case["children"][0]["date_of_birth"] = "2015-13-45"
    body = assert_problem(_upload(service, filled_intake_pdf(case)), 422, "Invalid input")
    assert "children[0].date_of_birth" in [e["field"] for e in body["errors"]]


def test_intake_foreign_pdf_is_422(service):
    from pypdf import PdfWriter

    w = PdfWriter()
    w.add_blank_page(612, 792)
    buf = io.BytesIO()
    w.write(buf)
    assert_problem(_upload(service, buf.getvalue()), 422, "Not our intake form")
    # another fillable form of ours is not the intake form either
    from docgen.pdfforms import FORMS_DIR

    other = (FORMS_DIR / "income-withholding-notice.pdf").read_bytes()
    assert_problem(_upload(service, other), 422, "Not our intake form")


def test_intake_broken_pdf_is_422(service):
    data = filled_intake_pdf(example_case())
    broken = data[: len(data) // 3]
    assert_problem(_upload(service, broken), 422)
    assert_problem(_upload(service, b"%PDF-1.7\n garbage garbage"), 422)


def test_intake_not_a_pdf_is_415(service):
    assert_problem(_upload(service, b"hello, world"), 415, "Not a PDF")


def test_intake_empty_file_is_400(service):
    assert_problem(_upload(service, b""), 400)


def test_intake_encrypted_pdf_is_422(service):
    from pypdf import PdfReader, PdfWriter

    w = PdfWriter(clone_from=PdfReader(io.BytesIO(filled_intake_pdf(example_case()))))
    w.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    buf = io.BytesIO()
    w.write(buf)
    assert_problem(_upload(service, buf.getvalue()), 422, "Encrypted PDF")


def test_intake_missing_file_is_422(service):
    resp = service.client.post("/api/v1/intake", data={"documents": "support-order"},
                               content_type="multipart/form-data", headers=service.h())
    body = assert_problem(resp, 422)
    assert body["errors"][0]["field"] == "form"


def test_intake_needs_multipart(service):
    resp = service.client.post("/api/v1/intake", json={"x": 1}, headers=service.h())
    assert_problem(resp, 415)


def test_intake_over_the_size_limit_is_413(tmp_path):
    from .conftest import Service

    svc = Service(tmp_path, max_upload_bytes=50_000)
    data = filled_intake_pdf(example_case())
    padded = data + b"%" + b"x" * 60_000 + b"\n"  # still a PDF, but too big
    assert_problem(_upload(svc, padded), 413)
    # and far over: Flask's MAX_CONTENT_LENGTH stops it before we read it
    assert_problem(_upload(svc, data + b"%" + b"x" * 300_000), 413)


def test_intake_unknown_documents_is_422(service):
    body = assert_problem(_upload(service, filled_intake_pdf(example_case()), documents="nope"), 422)
    assert body["errors"][0]["field"] == "documents[0]"


# ---- failures -------------------------------------------------------------------------------
def test_a_job_that_raises_is_failed_with_a_reason_and_others_finish(service):
    bad = service.submit().get_json()["id"]
    good = service.submit().get_json()["id"]
    # corrupt the stored snapshot: the worker's parse_case will reject it
    from docgen.store import CaseRow

    with service.store.Session.begin() as s:
        row = s.get(CaseRow, service.store.get_job(bad).case_id)
        snap = copy.deepcopy(row.snapshot)
        snap["children"][0]["date_of_birth"] = "garbage"
        row.snapshot = snap
    service.run_queue()
    failed = service.client.get(f"/api/v1/jobs/{bad}", headers=service.h()).get_json()
    assert failed["status"] == "failed"
    assert failed["error"]["title"] == "Invalid case"
    assert "children[0].date_of_birth" in failed["error"]["detail"]
    assert failed["documents"] == []
    ok = service.client.get(f"/api/v1/jobs/{good}", headers=service.h()).get_json()
    assert ok["status"] == "finished"


def test_transient_failure_is_retried(service, monkeypatch):
    """An OSError on the first attempt: RQ schedules a retry (interval 1 s), the job then finishes."""
    import docgen

    real = docgen.render
    calls = {"n": 0}

    def flaky(*a, **k):
        calls["n"] += 1
        if calls["n"] == 1:
            raise OSError("disk hiccup")
        return real(*a, **k)

    monkeypatch.setattr(docgen, "render", flaky)
    job_id = service.submit().get_json()["id"]
    service.run_queue()
    assert service.client.get(f"/api/v1/jobs/{job_id}", headers=service.h()).get_json()["status"] == "queued"
    from rq import Queue
    from rq.job import Job

    rq_job = Job.fetch(job_id, connection=service.redis)
    assert rq_job.retries_left == 2
    # move the scheduled retry to the queue (what the scheduler does after the interval)
    q = Queue("docgen", connection=service.redis)
    for jid in q.scheduled_job_registry.get_job_ids():
        q.scheduled_job_registry.remove(jid)
        q.enqueue_job(Job.fetch(jid, connection=service.redis))
    service.run_queue()
    assert service.client.get(f"/api/v1/jobs/{job_id}", headers=service.h()).get_json()["status"] == "finished"


def test_failed_job_error_carries_no_ssn(service, monkeypatch):
    import docgen

    def leaky(document, case, result, fmt):
        raise ValueError(f"could not place {case.respondent.ssn} on the page")

    monkeypatch.setattr(docgen, "render", leaky)
    job_id = service.submit().get_json()["id"]
    service.run_queue()
    job = service.client.get(f"/api/v1/jobs/{job_id}", headers=service.h()).get_json()
    assert job["status"] == "failed" and job["error"]["title"] == "Document generation failed"
    assert "123-45-6789" not in json.dumps(job)
    # and nothing with the SSN reached Redis (job hashes, result streams, registries)
    assert_no_ssn_in_redis(service.redis, [b"123-45-6789", b"321-54-9876"])


def _unpack(blob: bytes) -> bytes:
    """RQ stores exception strings zlib-compressed and base64-encoded."""
    import base64
    import zlib

    try:
        return zlib.decompress(base64.b64decode(blob, validate=True))
    except Exception:
        try:
            return zlib.decompress(blob)
        except Exception:
            return b""


def assert_no_ssn_in_redis(conn, ssns):
    seen = 0
    for key in conn.scan_iter("*"):
        kind = conn.type(key)
        blobs = [key]
        if kind == b"hash":
            blobs += list(conn.hgetall(key).values())
        elif kind == b"list":
            blobs += conn.lrange(key, 0, -1)
        elif kind == b"string":
            blobs.append(conn.get(key) or b"")
        elif kind == b"zset":
            blobs += [m for m, _ in conn.zrange(key, 0, -1, withscores=True)]
        elif kind == b"stream":
            for _id, fields in conn.xrange(key):
                blobs += list(fields.values())
        seen += 1
        blobs += [_unpack(b) for b in blobs]
        for blob in blobs:
            for ssn in ssns:
                assert ssn not in blob, key
    assert seen


def test_a_job_lost_from_the_queue_is_enqueued_again(service):
    from datetime import timedelta

    from docgen.store import JobRow, utcnow

    job_id = service.submit().get_json()["id"]
    service.redis.flushall()  # Redis lost its data (or the API died between commit and enqueue)
    assert service.client.get(f"/api/v1/jobs/{job_id}", headers=service.h()).get_json()["status"] == "queued"
    assert service.redis.llen("rq:queue:docgen") == 0  # too recent to call lost
    with service.store.Session.begin() as s:
        s.get(JobRow, job_id).updated_at = utcnow() - timedelta(minutes=5)
    assert service.client.get(f"/api/v1/jobs/{job_id}", headers=service.h()).get_json()["status"] == "queued"
    assert service.redis.llen("rq:queue:docgen") == 1
    service.run_queue()
    assert service.client.get(f"/api/v1/jobs/{job_id}", headers=service.h()).get_json()["status"] == "finished"


def test_a_job_rq_gave_up_on_is_reported_failed(service):
    from rq.job import Job, JobStatus

    job_id = service.submit().get_json()["id"]
    Job.fetch(job_id, connection=service.redis).set_status(JobStatus.FAILED)
    job = service.client.get(f"/api/v1/jobs/{job_id}", headers=service.h()).get_json()
    assert job["status"] == "failed" and job["error"]["title"] == "Worker lost"


def test_a_document_the_case_cannot_support_fails_at_once_with_the_reason(service):
    case = example_case()
    case.pop("lien", None)
    job_id = service.submit(case=case, documents=["notice-of-lien"]).get_json()["id"]
    service.run_queue()
    job = service.client.get(f"/api/v1/jobs/{job_id}", headers=service.h()).get_json()
    assert job["status"] == "failed"
    assert job["error"]["title"] == "Document not applicable"
    assert job["error"]["detail"].startswith("notice-of-lien: lien:")
    from rq.job import Job

    assert Job.fetch(job_id, connection=service.redis).retries_left == 0  # not retried
