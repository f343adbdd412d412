"""Liveness (/healthz: the process answers) and readiness (/readyz: Redis, database, storage)."""
from __future__ import annotations

import logging

from flask import Blueprint, current_app, jsonify

from docgen.api.problems import problem_response

bp = Blueprint("health", __name__)
log = logging.getLogger("docgen.api")


@bp.get("/healthz")
def healthz():
    return jsonify({"status": "ok"})


@bp.get("/readyz")
def readyz():
    services = current_app.extensions["docgen"]
    checks: dict[str, str] = {}
    for name, probe in (("redis", lambda: services.redis.ping()),
                        ("database", services.store.ping),
                        ("storage", services.store.check_storage)):
        try:
            probe()
            checks[name] = "ok"
        except Exception as exc:
            log.warning("readiness check failed", extra={"check": name, "error_type": type(exc).__name__})
            checks[name] = "unavailable"
    failed = [k for k, v in checks.items() if v != "ok"]
    if failed:
        return problem_response(503, "Service Unavailable", f"Not ready: {', '.join(failed)} unavailable.",
                                checks=checks)
    return jsonify({"status": "ready", "checks": checks})
