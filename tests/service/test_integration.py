"""Integration: a real redis-server on a free loopback port, real `docgen worker` subprocesses
(forking RQ workers with the scheduler), the API in-process, SQLite + files in a temp dir.

Fault tests: a worker SIGKILLed mid-job (its job is retried by another worker, no duplicate
documents), Redis restarted with queued jobs (appendonly: nothing lost), a job that raises."""
from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from .conftest import (PYTHON, ROOT, descendants, example_case, filled_intake_pdf, free_port,
                       make_real_service, requires_redis, wait_for_job)

pytestmark = requires_redis


def _wait(predicate, timeout: float, what: str, interval: float = 0.05):
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out waiting for {what}")


def _wait_workers(svc, n: int, timeout: float = 20.0):
    from rq import Worker

    _wait(lambda: Worker.count(connection=svc.redis) >= n, timeout, f"{n} workers")


def _open(fmt: str, data: bytes) -> str:
    if fmt == "pdf":
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data))
        text = "\n".join(page.extract_text() or "" for page in reader.pages)
        fields = reader.get_fields() or {}
        return text + "\n" + "\n".join(str(f.get("/V", "")) for f in fields.values())
    import docx

    d = docx.Document(io.BytesIO(data))
    parts = [p.text for p in d.paragraphs]
    for table in d.tables:
        for row in table.rows:
            parts += [c.text for c in row.cells]
    return "\n".join(parts)


def test_json_and_pdf_intake_end_to_end(real_service):
    svc = real_service
    svc.workers.start()
    svc.workers.start()
    _wait_workers(svc, 2)
    case = example_case()
    documents = ["support-order", "worksheet", "income-withholding-notice"]
    r1 = svc.client.post("/api/v1/jobs", json={"case": case, "documents": documents}, headers=svc.h())
    assert r1.status_code == 202, r1.get_data(as_text=True)
    form = {"form": (io.BytesIO(filled_intake_pdf(case)), "intake.pdf", "application/pdf"),
            "documents": "support-order"}
    r2 = svc.client.post("/api/v1/intake", data=form, content_type="multipart/form-data", headers=svc.h("attorney"))
    assert r2.status_code == 202, r2.get_data(as_text=True)

    job1 = wait_for_job(svc.client, svc.h(), r1.get_json()["id"], timeout=60)
    job2 = wait_for_job(svc.client, svc.h("attorney"), r2.get_json()["id"], timeout=60)
    assert job1["status"] == job2["status"] == "finished", (job1["error"], job2["error"])
    assert job1["result"]["monthly_support"] == job2["result"]["monthly_support"]
    from docgen.catalog import DOCUMENTS

    assert len(job1["documents"]) == sum(len(DOCUMENTS[d].formats) for d in documents)
    for d in job1["documents"] + job2["documents"]:
        who = "clerk" if d in job1["documents"] else "attorney"
        resp = svc.client.get(d["url"], headers=svc.h(who))
        assert resp.status_code == 200
        text = _open(d["format"], resp.data)
        assert text.strip(), f"{d['document']}.{d['format']} has no text"
    order = next(d for d in job1["documents"] if d["document"] == "support-order" and d["format"] == "docx")
    assert case["case"]["number"] in _open("docx", svc.client.get(order["url"], headers=svc.h()).data)

    # docgen verify re-renders from the stored inputs and compares content
    env = dict(svc.workers.env)
    for d in job1["documents"][:2]:
        out = subprocess.run([PYTHON, "-m", "docgen.service_cli", "verify", d["id"], "--json"], env=env,
                             cwd=ROOT, capture_output=True, text=True, timeout=60)
        report = json.loads(out.stdout.strip().splitlines()[-1])
        assert out.returncode == 0 and report["ok"], (out.stdout, out.stderr[-2000:])

    # nothing personal in Redis: not in keys, job hashes or queues
    ssns = [case["petitioner"]["ssn"].encode(), case["respondent"]["ssn"].encode()]
    for key in svc.redis.scan_iter("*"):
        kind = svc.redis.type(key)
        blobs = [key]
        if kind == b"hash":
            blobs += list(svc.redis.hgetall(key).values())
        elif kind == b"list":
            blobs += svc.redis.lrange(key, 0, -1)
        elif kind == b"string":
            blobs.append(svc.redis.get(key) or b"")
        for blob in blobs:
            for ssn in ssns:
                assert ssn not in blob, key
    # ... nor in worker logs
    for proc in svc.workers.procs:
        log = Path(proc.log_path).read_bytes()
        for ssn in ssns:
            assert ssn not in log
        assert b"Maria Lopez" not in log


@pytest.mark.parametrize("mode", ["simple", "fork"])
def test_sigkill_a_worker_mid_job_the_job_is_retried_elsewhere_without_duplicates(real_service, mode):
    from rq import Worker

    svc = real_service
    args = ["--fork"] if mode == "fork" else []
    slow = {"DOCGEN_TEST_JOB_DELAY": "1.0"}
    # The survivor starts first so it holds the scheduler lock (retries are scheduled, and a killed
    # scheduler's lock would otherwise block them for RQ's 60 s lock TTL).
    svc.workers.start(slow, name="survivor", args=args)
    _wait(lambda: svc.redis.get("rq:scheduler-lock:docgen"), 20, "scheduler lock")
    victim = svc.workers.start(slow, name="victim", args=args)
    _wait_workers(svc, 2)
    ids = [svc.submit(documents=["support-order"]).get_json()["id"] for _ in range(2)]

    def victim_job():
        w = Worker.find_by_key("rq:worker:victim", connection=svc.redis)
        return w.get_current_job_id() if w else None

    job_id = _wait(victim_job, 20, "the victim to take a job")
    # kill it after it stored its first document (mid-job)
    _wait(lambda: len(svc.store.documents_for(job_id)) >= 1, 20, "a first document")
    family = descendants(victim.pid)  # work-horse (fork mode), scheduler, LibreOffice
    os.killpg(victim.pid, signal.SIGKILL)
    for pid in family:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    victim.wait(5)

    for jid in ids:
        job = wait_for_job(svc.client, svc.h(), jid, timeout=60)
        assert job["status"] == "finished", job["error"]
        kinds = [(d["document"], d["format"]) for d in job["documents"]]
        assert len(kinds) == len(set(kinds)), "duplicate documents"
    from docgen.catalog import DOCUMENTS

    killed = svc.store.get_job(job_id)
    assert killed.attempts >= 2
    assert len(svc.store.documents_for(job_id)) == len(DOCUMENTS["support-order"].formats)


def test_redis_restart_with_queued_jobs_loses_nothing(real_service):
    svc = real_service
    ids = [svc.submit(documents=["worksheet"]).get_json()["id"] for _ in range(3)]
    assert svc.redis.llen("rq:queue:docgen") == 3
    svc.redis_server.stop()
    svc.redis_server.start()  # same port and directory: reloads the append-only file
    svc.redis.connection_pool.disconnect()
    assert svc.redis.llen("rq:queue:docgen") == 3
    svc.workers.start()
    for jid in ids:
        assert wait_for_job(svc.client, svc.h(), jid, timeout=60)["status"] == "finished"


def test_a_failing_job_records_why_and_others_finish(real_service):
    svc = real_service
    bad = svc.submit().get_json()["id"]
    good = svc.submit().get_json()["id"]
    from docgen.store import CaseRow

    with svc.store.Session.begin() as s:
        row = s.get(CaseRow, svc.store.get_job(bad).case_id)
        snap = json.loads(json.dumps(row.snapshot))
        snap["respondent"]["income"]["frequency"] = "fortnightly"
        row.snapshot = snap
    svc.workers.start()
    failed = wait_for_job(svc.client, svc.h(), bad, timeout=60)
    assert failed["status"] == "failed"
    assert failed["error"]["title"] == "Invalid case"
    assert "respondent.income.frequency" in failed["error"]["detail"]
    assert "123-45-6789" not in json.dumps(failed)
    assert wait_for_job(svc.client, svc.h(), good, timeout=60)["status"] == "finished"


def test_serve_embedded_mode(tmp_path):
    """`docgen serve` with no REDIS_URL: API + worker thread on fakeredis, SQLite on disk."""
    port = free_port()
    env = dict(os.environ)
    env.pop("REDIS_URL", None)
    env.pop("DATABASE_URL", None)
    env.update({"DOCGEN_DATA_DIR": str(tmp_path / "var"), "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))})
    proc = subprocess.Popen([PYTHON, "-m", "docgen.service_cli", "serve", "--port", str(port)], env=env, cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, start_new_session=True)
    try:
        lines = []
        while True:
            line = proc.stdout.readline()
            assert line, f"serve exited early: {lines}"
            lines.append(line.strip())
            if line.startswith("dg_"):
                token = line.strip()
                break
        assert any("embedded mode" in x for x in lines)
        assert any(f"http://127.0.0.1:{port}" in x for x in lines)
        base = f"http://127.0.0.1:{port}"
        _wait(lambda: _http(base + "/healthz")[0] == 200, 20, "serve to answer")
        assert _http(base + "/readyz")[0] == 200
        auth = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        status, body, _ = _http(base + "/api/v1/jobs", json.dumps({"case": example_case(),
                                                                  "documents": ["support-order"]}).encode(), auth)
        assert status == 202, body
        job_url = base + json.loads(body)["url"]

        def finished():
            st, b, _ = _http(job_url, headers=auth)
            job = json.loads(b)
            return job if job["status"] in ("finished", "failed") else None

        job = _wait(finished, 60, "the embedded worker")
        assert job["status"] == "finished", job["error"]
        status, data, headers = _http(base + job["documents"][0]["url"], headers=auth)
        assert status == 200 and headers["Content-Type"] in (
            "application/pdf", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        status, body, _ = _http(base + "/api/v1/jobs", b"{}", {"Content-Type": "application/json"})
        assert status == 401 and json.loads(body)["status"] == 401
    finally:
        family = descendants(proc.pid)
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        for pid in family:  # e.g. LibreOffice, in its own process group
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


def _http(url, data: bytes | None = None, headers: dict | None = None):
    req = urllib.request.Request(url, data=data, headers=headers or {}, method="POST" if data is not None else "GET")
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:
            return resp.status, resp.read(), dict(resp.headers)
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read(), dict(exc.headers)
    except OSError:
        return 0, b"", {}


def test_end_to_end_on_postgresql(tmp_path, redis_server, postgres_url):
    """API and a worker process sharing a real PostgreSQL (DATABASE_URL) instead of SQLite."""
    svc = make_real_service(tmp_path, redis_server, database_url=postgres_url)
    try:
        assert svc.store.url.startswith("postgresql")
        svc.workers.start()
        resp = svc.client.post("/api/v1/jobs", json={"case": example_case(), "documents": ["worksheet"]},
                               headers=svc.h("attorney", **{"Idempotency-Key": "pg-1"}))
        assert resp.status_code == 202
        again = svc.client.post("/api/v1/jobs", json={"case": example_case(), "documents": ["worksheet"]},
                                headers=svc.h("attorney", **{"Idempotency-Key": "pg-1"}))
        assert again.get_json()["id"] == resp.get_json()["id"]
        job = wait_for_job(svc.client, svc.h("attorney"), resp.get_json()["id"], timeout=60)
        assert job["status"] == "finished", job["error"]
        assert job["documents"] and all(len(d["sha256"]) == 64 for d in job["documents"])
        assert svc.client.get(job["documents"][0]["url"], headers=svc.h("attorney")).status_code == 200
        assert svc.client.get(f"/api/v1/jobs/{job['id']}", headers=svc.h("attorney2")).status_code == 404
        assert svc.client.get("/readyz").status_code == 200
    finally:
        svc.workers.stop_all()
        svc.store.dispose()
