"""The service commands (`register(cli)` adds them to the main group)."""
from __future__ import annotations

import click
from click.testing import CliRunner

from docgen.service_cli import register


def _cli():
    @click.group()
    def cli():
        pass

    register(cli)
    return cli


def test_register_adds_the_commands():
    assert {"serve", "worker", "tokens", "verify"} <= set(_cli().commands)


def test_tokens_create_prints_the_token_on_its_last_line(tmp_path, monkeypatch):
    monkeypatch.setenv("DOCGEN_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    runner = CliRunner()
    result = runner.invoke(_cli(), ["tokens", "create", "--role", "attorney", "--name", "A. Lawyer"])
    assert result.exit_code == 0, result.output
    token = result.output.strip().splitlines()[-1]
    assert token.startswith("dg_")
    from docgen.config import Config
    from docgen.store import Store

    store = Store.from_config(Config.from_env())
    row = store.authenticate(token)
    assert row.role == "attorney" and row.name == "A. Lawyer"
    listed = runner.invoke(_cli(), ["tokens", "list"]).output
    assert row.id in listed and token not in listed
    assert runner.invoke(_cli(), ["tokens", "revoke", row.id]).exit_code == 0
    assert store.authenticate(token) is None
    bad = runner.invoke(_cli(), ["tokens", "create", "--role", "boss", "--name", "x"])
    assert bad.exit_code == 2


def test_verify_unknown_document_exits_2(tmp_path, monkeypatch):
    monkeypatch.setenv("DOCGEN_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    result = CliRunner().invoke(_cli(), ["verify", "nope"])
    assert result.exit_code == 2


def test_verify_detects_a_tampered_file(service):
    from worker.verify import verify_document

    job_id = service.submit(documents=["support-order"]).get_json()["id"]
    service.run_queue()
    docs = service.store.documents_for(job_id)
    for doc in docs:
        report = verify_document(service.store, doc.id)
        assert report.ok, report
    path = service.store.file_path(docs[0].path)
    path.write_bytes(path.read_bytes() + b"\n")
    assert not verify_document(service.store, docs[0].id).ok


def test_worker_without_redis_url_refuses(tmp_path, monkeypatch):
    monkeypatch.setenv("DOCGEN_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("REDIS_URL", raising=False)
    result = CliRunner().invoke(_cli(), ["worker", "--burst"])
    assert result.exit_code != 0 and "REDIS_URL" in str(result.exception or result.output)
