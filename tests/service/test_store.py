"""The store on SQLite (always) and on a real PostgreSQL server (when initdb/pg_ctl exist)."""
from __future__ import annotations

import threading

import pytest

from docgen.store import IdempotencyConflict, Store, document_id_for


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    else:
        url = request.getfixturevalue("postgres_url")
    s = Store(url, tmp_path / "documents")
    if request.param == "postgresql":  # a clean schema per test
        from docgen.store import Base

        Base.metadata.drop_all(s.engine)
        Base.metadata.create_all(s.engine)
    yield s
    s.dispose()


SNAPSHOT = {"schema_version": 1, "case": {"number": "2025 D 1"}, "petitioner": {"ssn": "123-45-6789"}}


def test_submit_and_idempotency(store):
    job, created = store.submit(case_snapshot=SNAPSHOT, documents=["support-order"], submitted_by="t1",
                                idempotency_key="k", request_sha256="a" * 64)
    assert created and job.status == "queued"
    again, created2 = store.submit(case_snapshot=SNAPSHOT, documents=["support-order"], submitted_by="t1",
                                   idempotency_key="k", request_sha256="a" * 64)
    assert not created2 and again.id == job.id
    with pytest.raises(IdempotencyConflict):
        store.submit(case_snapshot=SNAPSHOT, documents=["worksheet"], submitted_by="t1",
                     idempotency_key="k", request_sha256="b" * 64)
    other, created3 = store.submit(case_snapshot=SNAPSHOT, documents=["support-order"], submitted_by="t2",
                                   idempotency_key="k", request_sha256="a" * 64)
    assert created3 and other.id != job.id
    assert store.get_case(job.case_id).snapshot == SNAPSHOT


def test_concurrent_idempotent_submissions_make_one_job(store):
    ids, errors = [], []

    def go():
        try:
            j, _ = store.submit(case_snapshot=SNAPSHOT, documents=["support-order"], submitted_by="t1",
                                idempotency_key="race", request_sha256="a" * 64)
            ids.append(j.id)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=go) for _ in range(8)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    assert not errors and len(set(ids)) == 1


def test_document_upsert_is_idempotent(store):
    job, _ = store.submit(case_snapshot=SNAPSHOT, documents=["support-order"], submitted_by="t1",
                          idempotency_key=None, request_sha256="a" * 64)
    doc_id = document_id_for(job.id, "support-order", "pdf")
    for content in (b"%PDF-first", b"%PDF-second"):
        rel = store.write_file(job.id, doc_id, "pdf", content)
        store.upsert_document(job_id=job.id, document="support-order", fmt="pdf", template="support-order@1",
                              rules_version="r1", schedule_id="s1", inputs_sha256="i" * 64,
                              sha256="h" * 64, size=len(content), path=rel, created_by="t1")
    docs = store.documents_for(job.id)
    assert [d.id for d in docs] == [doc_id]
    assert store.file_path(docs[0].path).read_bytes() == b"%PDF-second"
    assert document_id_for(job.id, "support-order", "pdf") == doc_id  # deterministic


def test_job_lifecycle(store):
    job, _ = store.submit(case_snapshot=SNAPSHOT, documents=["support-order"], submitted_by="t1",
                          idempotency_key=None, request_sha256="a" * 64)
    assert store.mark_running(job.id).attempts == 1
    assert store.mark_retrying(job.id).status == "queued"
    assert store.mark_running(job.id).attempts == 2
    done = store.mark_finished(job.id, {"monthly_support": "1.00"})
    assert done.status == "finished" and done.result == {"monthly_support": "1.00"} and done.error is None
    failed = store.mark_failed(job.id, "T", "D")
    assert failed.error == {"title": "T", "detail": "D"}
    store.delete_job(job.id)
    assert store.get_job(job.id) is None


def test_tokens(store):
    row, secret = store.create_token("someone", "attorney")
    assert store.authenticate(secret).id == row.id
    assert store.authenticate(secret + "x") is None
    assert store.authenticate("dg_" + row.id + "_") is None
    assert store.authenticate("") is None
    store.revoke_token(row.id)
    assert store.authenticate(secret) is None
    with pytest.raises(ValueError):
        store.create_token("x", "superuser")


def test_file_paths_cannot_escape(store):
    with pytest.raises(ValueError):
        store.file_path("../../etc/passwd")


def test_ping_and_storage(store):
    store.ping()
    store.check_storage()


def test_config_database_url_normalisation(tmp_path):
    from docgen.config import Config

    cfg = Config.from_env(data_dir=tmp_path, database_url="postgres://u@h/db")
    assert cfg.effective_database_url == "postgresql+psycopg://u@h/db"
    cfg = Config.from_env(data_dir=tmp_path, database_url=None)
    assert cfg.effective_database_url.startswith("sqlite:///") and cfg.effective_database_url.endswith("docgen.sqlite3")
