"""Service benchmark: latency from POST /api/v1/jobs to "all documents ready" for one support order
(docx + pdf), with 1 and 2 workers, and sustained jobs/minute.

Starts its own redis-server on a free loopback port (temp dir), the API (waitress, in this process,
on loopback) and N `docgen worker` processes; all bounded in count and time, all stopped at the end.

    .venv/bin/python bench/service.py [--jobs 20] [--burst 30] [--workers 1,2] [--fork]

Targets: median <= 0.5 s and p95 <= 1.0 s with an idle worker.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MAX_WORKERS = 8
PHASE_TIMEOUT = 180.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http(method: str, url: str, body: dict | None = None, token: str | None = None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method)
    if data is not None:
        req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(req, timeout=30) as resp:
        return resp.status, json.loads(resp.read())


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    k = (len(values) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def descendants(pid: int) -> list[int]:
    out = []
    try:
        kids = [int(x) for x in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except (OSError, ValueError):
        return out
    for kid in kids:
        out += [kid] + descendants(kid)
    return out


class Bench:
    def __init__(self, fork: bool):
        self.tmp = Path(tempfile.mkdtemp(prefix="docgen-bench-"))
        self.fork = fork
        self.redis_port = free_port()
        self.redis_url = f"redis://127.0.0.1:{self.redis_port}/0"
        self.workers: list[subprocess.Popen] = []
        self.redis = None
        self.server = None

    def start(self) -> None:
        redis_server = shutil.which("redis-server")
        if not redis_server:
            sys.exit("redis-server is not installed (apt-get install redis-server)")
        self.redis = subprocess.Popen([redis_server, "--port", str(self.redis_port), "--bind", "127.0.0.1",
                                       "--dir", str(self.tmp), "--save", "", "--appendonly", "no"],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        import redis

        conn = redis.Redis.from_url(self.redis_url)
        deadline = time.time() + 10
        while True:
            try:
                conn.ping()
                break
            except redis.exceptions.ConnectionError:
                if time.time() > deadline:
                    raise
                time.sleep(0.05)
        self.conn = conn
        os.environ["DOCGEN_LOG_LEVEL"] = "WARNING"
        from waitress import create_server

        from docgen.api import create_app
        from docgen.config import Config
        from docgen.logging_setup import configure_logging
        from docgen.store import Store

        configure_logging("WARNING")
        self.config = Config.from_env(data_dir=self.tmp / "var", redis_url=self.redis_url, database_url=None)
        self.config = self.config.with_(database_url=None)
        store = Store.from_config(self.config)
        _row, self.token = store.create_token("bench", "clerk")
        app = create_app(self.config, store=store, redis=conn)
        self.server = create_server(app, host="127.0.0.1", port=0, threads=8)
        self.base = f"http://127.0.0.1:{self.server.effective_port}"
        threading.Thread(target=self.server.run, daemon=True).start()

    def scale(self, n: int) -> None:
        n = min(n, MAX_WORKERS)
        env = dict(os.environ, REDIS_URL=self.redis_url, DOCGEN_DATA_DIR=str(self.config.data_dir),
                   DOCGEN_LOG_LEVEL="WARNING",
                   PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
        env.pop("DATABASE_URL", None)
        while len(self.workers) < n:
            cmd = [sys.executable, "-m", "docgen.service_cli", "worker"] + (["--fork"] if self.fork else [])
            self.workers.append(subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
                                                 stderr=subprocess.DEVNULL, start_new_session=True))
        from rq import Worker

        deadline = time.time() + 30
        while Worker.count(connection=self.conn) < n:
            if time.time() > deadline:
                raise RuntimeError("workers did not start")
            time.sleep(0.05)

    def run_job(self, case: dict) -> float:
        t0 = time.perf_counter()
        status, body = http("POST", self.base + "/api/v1/jobs", {"case": case, "documents": ["support-order"]},
                            self.token)
        assert status == 202, body
        self.wait(body["url"], t0)
        return time.perf_counter() - t0

    def wait(self, url: str, t0: float) -> dict:
        while True:
            _, job = http("GET", self.base + url, token=self.token)
            if job["status"] == "finished":
                return job
            if job["status"] == "failed":
                raise RuntimeError(f"job failed: {job['error']}")
            if time.perf_counter() - t0 > PHASE_TIMEOUT:
                raise TimeoutError("job did not finish in time")
            time.sleep(0.01)

    def sustained(self, case: dict, count: int) -> float:
        t0 = time.perf_counter()
        urls = []
        for _ in range(count):
            status, body = http("POST", self.base + "/api/v1/jobs", {"case": case, "documents": ["support-order"]},
                                self.token)
            urls.append(body["url"])
        for url in urls:
            self.wait(url, t0)
        return count / (time.perf_counter() - t0) * 60

    def stop(self) -> None:
        family = [pid for w in self.workers for pid in descendants(w.pid)]
        for w in self.workers:
            try:
                os.killpg(w.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        for w in self.workers:
            try:
                w.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(w.pid, signal.SIGKILL)
        for pid in family:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        if self.server is not None:
            self.server.close()
        if self.redis is not None:
            self.redis.terminate()
            self.redis.wait(10)
        shutil.rmtree(self.tmp, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--jobs", type=int, default=20, help="sequential jobs for latency (per worker count)")
    ap.add_argument("--burst", type=int, default=30, help="jobs submitted at once for jobs/minute")
    ap.add_argument("--workers", default="1,2", help="worker counts to measure (max 8)")
    ap.add_argument("--fork", action="store_true", help="fork-per-job workers (docgen worker --fork)")
    args = ap.parse_args()
    case = json.loads((ROOT / "examples" / "case-basic.json").read_text())
    bench = Bench(args.fork)
    results = []
    try:
        bench.start()
        for n in [int(x) for x in args.workers.split(",")]:
            bench.scale(n)
            for _ in range(3):  # warm-up: the first job in a worker starts its PDF converter
                bench.run_job(case)
            lat = [bench.run_job(case) for _ in range(args.jobs)]
            jpm = bench.sustained(case, args.burst)
            row = {"workers": n, "mode": "fork" if args.fork else "simple", "jobs": args.jobs,
                   "median_s": round(statistics.median(lat), 3), "p95_s": round(percentile(lat, 0.95), 3),
                   "max_s": round(max(lat), 3), "jobs_per_minute": round(jpm, 1)}
            results.append(row)
            print(f"{n} worker(s) [{row['mode']}]: POST -> documents ready: median {row['median_s']:.3f} s, "
                  f"p95 {row['p95_s']:.3f} s, max {row['max_s']:.3f} s over {args.jobs} jobs; "
                  f"sustained {row['jobs_per_minute']:.0f} jobs/min ({args.burst} submitted at once)", flush=True)
    finally:
        bench.stop()
    ok = all(r["median_s"] <= 0.5 and r["p95_s"] <= 1.0 for r in results)
    print(f"targets (median <= 0.5 s, p95 <= 1.0 s): {'met' if ok else 'NOT met'}")
    print(json.dumps(results))


if __name__ == "__main__":
    main()
