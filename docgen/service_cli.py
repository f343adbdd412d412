"""Service commands: serve, worker, tokens (create/list/revoke), verify.

Wire into the main click group with `register(cli)`; standalone: `python -m docgen.service_cli ...`.
"""
from __future__ import annotations

import json
import logging
import signal
import sys

import click

log = logging.getLogger("docgen.service")


def _config(**overrides):
    from docgen.config import Config

    return Config.from_env(**overrides)


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8000, show_default=True, type=int, help="TCP port.")
@click.option("--threads", default=8, show_default=True, type=int, help="HTTP worker threads (waitress).")
def serve_cmd(host: str, port: int, threads: int) -> None:
    """Run the intake API. Without REDIS_URL: embedded mode (API + worker in this process on an
    in-memory Redis stand-in; store on disk under DOCGEN_DATA_DIR). With REDIS_URL: the API only;
    run `docgen worker` processes next to it."""
    from waitress import create_server

    from docgen.api import create_app, make_redis
    from docgen.logging_setup import configure_logging
    from docgen.store import Store

    config = _config()
    configure_logging(config.log_level)
    store = Store.from_config(config)
    redis = make_redis(config)
    runner = None
    pending = []
    if config.embedded:
        from worker.runner import EmbeddedRunner

        runner = EmbeddedRunner(redis, config.queue_name, store)
        runner.start()
        # the in-memory queue starts empty: put back what the store says is unfinished
        from worker.jobs import enqueue

        pending = store.unfinished_jobs()
        for job in pending:
            enqueue(runner.queue, job.id, timeout=config.job_timeout)
        _row, token = store.create_token("serve (embedded)", "clerk")
        mode = ("embedded mode: no REDIS_URL, so the API and one worker run in this process on an "
                "in-memory queue (unfinished jobs are re-queued from the store at the next start); set REDIS_URL and run `docgen worker` to scale")
    else:
        token = None
        if not store.list_tokens():
            _row, token = store.create_token("first clerk", "clerk")
        mode = "API only (REDIS_URL set): run `docgen worker` processes for the queue"
    app = create_app(config, store=store, redis=redis)
    server = create_server(app, host=host, port=port, threads=threads, ident="docgen")
    url = f"http://{host}:{server.effective_port}"
    click.echo(f"docgen: {mode}")
    if config.embedded and pending:
        click.echo(f"docgen: re-queued {len(pending)} unfinished job(s) from the store")
    click.echo(f"docgen: data in {config.data_dir.resolve()} ({'SQLite' if not config.database_url else 'DATABASE_URL'})")
    click.echo(f"docgen: serving on {url}  (API: {url}/api/v1/openapi.json)")
    if token:
        click.echo("docgen: first clerk token (shown once; send it as Authorization: Bearer TOKEN):")
        click.echo(token)
    sys.stdout.flush()

    def _terminate(signum, frame):  # SIGTERM: stop like Ctrl-C so exit handlers run
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, _terminate)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        if runner is not None:
            runner.stop()


@click.command("worker")
@click.option("--burst", is_flag=True, help="Quit when the queue is empty.")
@click.option("--name", default=None, help="Worker name (default: random).")
@click.option("--fork", is_flag=True, help="Fork a work-horse per job (RQ's classic Worker): isolation over speed.")
@click.option("--max-jobs", type=int, default=None, help="Exit after this many jobs (let a supervisor restart it).")
def worker_cmd(burst: bool, name: str | None, fork: bool, max_jobs: int | None) -> None:
    """Run an RQ worker (with the scheduler, for retries) on REDIS_URL's docgen queue."""
    from worker.runner import run_worker

    run_worker(_config(), burst=burst, name=name, fork=fork, max_jobs=max_jobs)


@click.group("tokens")
def tokens_group() -> None:
    """Manage API tokens (stored as sha256 hashes only)."""


@tokens_group.command("create")
@click.option("--role", required=True, type=click.Choice(["clerk", "attorney", "admin"]))
@click.option("--name", required=True, help="Who holds it (a person or a system).")
def tokens_create(role: str, name: str) -> None:
    """Create a token; the token itself is printed on the last line, once."""
    from docgen.store import Store

    row, token = Store.from_config(_config()).create_token(name, role)
    click.echo(f"token id {row.id}, role {row.role}, name {row.name!r}")
    click.echo(token)


@tokens_group.command("list")
def tokens_list() -> None:
    """List tokens (never their secrets)."""
    from docgen.store import Store

    for row in Store.from_config(_config()).list_tokens():
        state = "revoked" if row.revoked else "active"
        click.echo(f"{row.id}\t{row.role}\t{state}\t{row.created_at:%Y-%m-%d %H:%M}\t{row.name}")


@tokens_group.command("revoke")
@click.argument("token_id")
def tokens_revoke(token_id: str) -> None:
    """Revoke a token by its id."""
    from docgen.store import Store

    if not Store.from_config(_config()).revoke_token(token_id):
        raise click.ClickException(f"no token {token_id}")
    click.echo(f"revoked {token_id}")


@click.command("verify")
@click.argument("document_id")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def verify_cmd(document_id: str, as_json: bool) -> None:
    """Re-render a stored document from its stored inputs and compare the content.
    Exit 0 when it matches, 1 when it does not, 2 when there is no such document."""
    from docgen.store import Store
    from worker.verify import verify_document

    report = verify_document(Store.from_config(_config()), document_id)
    if as_json:
        click.echo(json.dumps({"document_id": report.document_id, "ok": report.ok, "checks": report.checks,
                               "notes": report.notes}))
    else:
        for key, value in report.checks.items():
            click.echo(f"{key}: {'yes' if value else 'NO'}")
        for note in report.notes:
            click.echo(f"note: {note}")
        click.echo("verified: same content" if report.ok else "NOT verified")
    if not report.checks:
        sys.exit(2)
    sys.exit(0 if report.ok else 1)


def register(cli_group: click.Group) -> None:
    """Add serve, worker, tokens and verify to the main `docgen` click group."""
    for command in (serve_cmd, worker_cmd, tokens_group, verify_cmd):
        cli_group.add_command(command)


@click.group()
def main() -> None:
    """docgen service commands (also available as `docgen serve|worker|tokens|verify`)."""


register(main)

if __name__ == "__main__":
    main()
