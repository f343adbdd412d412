"""Fixtures for the service tests: an app on fakeredis + SQLite in a temp dir, tokens for each
role, a real redis-server on a free loopback port, real `docgen worker` subprocesses."""
from __future__ import annotations

import glob
import json
import os
import pwd
import shutil
import tempfile
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
PYTHON = sys.executable


def example_case(name: str = "case-basic.json") -> dict:
    return json.loads((EXAMPLES / name).read_text())


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Service:
    def __init__(self, tmp_path: Path, **config):
        import fakeredis

        from docgen.api import create_app
        from docgen.config import Config
        from docgen.store import Store

        self.data_dir = tmp_path / "var"
        cfg = {"data_dir": self.data_dir, "redis_url": None}
        cfg.update(config)
        self.config = Config.from_env(**cfg)
        if "database_url" not in config:
            self.config = self.config.with_(database_url=None)
        self.store = Store.from_config(self.config)
        self.redis = fakeredis.FakeRedis(server=fakeredis.FakeServer())
        self.app = create_app(self.config, store=self.store, redis=self.redis)
        self.client = self.app.test_client()
        self.tokens = {}
        self.token_ids = {}
        for key, role in (("clerk", "clerk"), ("attorney", "attorney"), ("attorney2", "attorney"),
                          ("admin", "admin")):
            row, secret = self.store.create_token(f"test {key}", role)
            self.tokens[key] = secret
            self.token_ids[key] = row.id

    def h(self, who: str = "clerk", **extra) -> dict:
        headers = {"Authorization": f"Bearer {self.tokens[who]}"}
        headers.update(extra)
        return headers

    def submit(self, case=None, documents=("support-order",), who="clerk", **headers):
        body = {"case": case if case is not None else example_case()}
        if documents is not None:
            body["documents"] = list(documents)
        return self.client.post("/api/v1/jobs", json=body, headers=self.h(who, **headers))

    def run_queue(self) -> None:
        """Run every queued job in this process (SimpleWorker, burst) on the fake Redis."""
        from worker import jobs
        from worker.runner import EmbeddedWorker

        jobs.set_store(self.store)
        try:
            EmbeddedWorker([self.config.queue_name], connection=self.redis).work(burst=True)
        finally:
            jobs.set_store(None)


@pytest.fixture
def service(tmp_path):
    svc = Service(tmp_path)
    yield svc
    svc.store.dispose()


# ---- real Redis -----------------------------------------------------------------------------
REDIS_SERVER = shutil.which("redis-server")
requires_redis = pytest.mark.skipif(
    REDIS_SERVER is None, reason="redis-server is not installed (apt-get install redis-server); CI installs it")


class RedisServer:
    def __init__(self, directory: Path, port: int | None = None):
        self.dir = directory
        self.port = port or free_port()
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> "RedisServer":
        self.dir.mkdir(parents=True, exist_ok=True)
        self.proc = subprocess.Popen(
            [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1", "--dir", str(self.dir),
             "--appendonly", "yes", "--appendfsync", "always", "--save", "", "--daemonize", "no",
             "--protected-mode", "yes", "--logfile", str(self.dir / "redis.log")],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        import redis

        deadline = time.time() + 10
        while time.time() < deadline:
            try:
                if redis.Redis.from_url(self.url).ping():
                    return self
            except redis.exceptions.RedisError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            import redis

            try:
                redis.Redis.from_url(self.url).shutdown(nosave=False)
            except redis.exceptions.RedisError:
                pass
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None


@pytest.fixture
def redis_server(tmp_path):
    if REDIS_SERVER is None:
        pytest.skip("redis-server is not installed (apt-get install redis-server); CI installs it")
    server = RedisServer(tmp_path / "redis").start()
    yield server
    server.stop()


# ---- real worker processes ----------------------------------------------------------------
FAST_WORKER_ENV = {
    # recover a killed worker's job within a few seconds instead of about a minute
    "DOCGEN_WORKER_MONITOR_INTERVAL": "1",
    "DOCGEN_WORKER_HEARTBEAT_GRACE": "2",
    "DOCGEN_WORKER_MAINTENANCE_INTERVAL": "2",
}


class Workers:
    def __init__(self, env: dict, log_dir: Path):
        self.env = env
        self.log_dir = log_dir
        self.procs: list[subprocess.Popen] = []

    def start(self, extra_env: dict | None = None, name: str | None = None, args=()) -> subprocess.Popen:
        env = dict(self.env)
        env.update(extra_env or {})
        cmd = [PYTHON, "-m", "docgen.service_cli", "worker", *args]
        if name:
            cmd += ["--name", name]
        log = open(self.log_dir / f"worker-{len(self.procs)}.log", "wb")
        proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
                                start_new_session=True)
        proc.log_path = log.name  # type: ignore[attr-defined]
        self.procs.append(proc)
        return proc

    def stop_all(self) -> None:
        leftovers = [pid for proc in self.procs for pid in descendants(proc.pid)]
        for proc in self.procs:
            if proc.poll() is None:
                try:
                    os.killpg(proc.pid, signal.SIGTERM)
                except ProcessLookupError:
                    pass
        for proc in self.procs:
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                try:
                    os.killpg(proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                proc.wait()
        # e.g. a LibreOffice started by a job runs in its own process group
        for pid in leftovers:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


def descendants(pid: int) -> list[int]:
    """All child processes of pid, recursively (Linux /proc)."""
    out: list[int] = []
    try:
        kids = [int(x) for x in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except (FileNotFoundError, ProcessLookupError, ValueError):
        return out
    for kid in kids:
        out.append(kid)
        out += descendants(kid)
    return out


def make_real_service(tmp_path, redis_server, database_url: str | None = None) -> Service:
    """The API in-process (Flask test client) on a real Redis + SQLite (or PostgreSQL); workers as
    subprocesses via `svc.workers.start()`."""
    svc = Service(tmp_path, redis_url=redis_server.url, **({"database_url": database_url} if database_url else {}))
    if database_url:  # a clean schema per test
        from docgen.store import Base

        Base.metadata.drop_all(svc.store.engine)
        Base.metadata.create_all(svc.store.engine)
        for key, role in (("clerk", "clerk"), ("attorney", "attorney"), ("attorney2", "attorney"), ("admin", "admin")):
            row, secret = svc.store.create_token(f"test {key}", role)
            svc.tokens[key], svc.token_ids[key] = secret, row.id
    import redis as redis_lib

    svc.redis = redis_lib.Redis.from_url(redis_server.url)
    from docgen.api import create_app

    svc.app = create_app(svc.config, store=svc.store, redis=svc.redis)
    svc.client = svc.app.test_client()
    env = dict(os.environ)
    env.update(FAST_WORKER_ENV)
    env.update({"REDIS_URL": redis_server.url, "DOCGEN_DATA_DIR": str(svc.data_dir),
                "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
                "DOCGEN_LOG_LEVEL": "INFO"})
    env.pop("DATABASE_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    env.pop("DOCGEN_TEST_JOB_DELAY", None)
    svc.workers = Workers(env, tmp_path)
    svc.redis_server = redis_server
    return svc


@pytest.fixture
def real_service(tmp_path, redis_server):
    svc = make_real_service(tmp_path, redis_server)
    yield svc
    svc.workers.stop_all()
    svc.store.dispose()


def wait_for_job(client, headers, job_id: str, timeout: float = 30.0, until=("finished", "failed")) -> dict:
    deadline = time.time() + timeout
    body = None
    while time.time() < deadline:
        resp = client.get(f"/api/v1/jobs/{job_id}", headers=headers)
        assert resp.status_code == 200, resp.get_data(as_text=True)
        body = resp.get_json()
        if body["status"] in until:
            return body
        time.sleep(0.1)
    raise AssertionError(f"job {job_id} still {body and body['status']} after {timeout}s")


def filled_intake_pdf(case: dict) -> bytes:
    """Fill our published intake form with a case's values (dotted field names)."""
    from docgen.pdfforms import get_form

    form = get_form("intake-form")
    values: dict = {}

    def walk(prefix, node):
        if isinstance(node, dict):
            for k, v in node.items():
                walk(f"{prefix}.{k}" if prefix else k, v)
        elif isinstance(node, list):
            for i, v in enumerate(node):
                walk(f"{prefix}.{i}", v)
        elif prefix in form.fields and node is not None:
            values[prefix] = node if isinstance(node, bool) else str(node)

    walk("", case)
    return form.fill(values, flatten=False)


# ---- real PostgreSQL ------------------------------------------------------------------------
def _pg_bin() -> Path | None:
    for name in ("initdb", "pg_ctl"):
        if shutil.which(name) is None:
            break
    else:
        return Path(shutil.which("initdb")).parent
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


@pytest.fixture(scope="session")
def postgres_url():
    try:
        import psycopg  # noqa: F401
    except ImportError:
        pytest.skip("psycopg is not installed (pip install 'psycopg[binary]')")
    bindir = _pg_bin()
    if bindir is None:
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) not found; apt-get install postgresql")
    run_as: list[str] = []
    owner = None
    if os.geteuid() == 0:  # initdb refuses to run as root
        try:
            owner = pwd.getpwnam("postgres")
        except KeyError:
            pytest.skip("running as root and there is no 'postgres' user to run initdb as")
        run_as = ["runuser", "-u", "postgres", "--"]
    base = Path(tempfile.mkdtemp(prefix="docgen-pg-"))
    if owner:
        os.chown(base, owner.pw_uid, owner.pw_gid)
    data = base / "data"
    port = free_port()
    subprocess.run(run_as + [str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust",
                             "-E", "UTF8", "--no-sync"], check=True, capture_output=True)
    subprocess.run(run_as + [str(bindir / "pg_ctl"), "-D", str(data), "-w", "-l", str(base / "log"), "-o",
                             f"-p {port} -k {base} -c listen_addresses=127.0.0.1 -c fsync=off", "start"],
                   check=True, capture_output=True)
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(run_as + [str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
                       capture_output=True)
        shutil.rmtree(base, ignore_errors=True)


