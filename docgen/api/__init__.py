"""Flask application factory for the intake API (`/api/v1`) and health checks.

    app = create_app()                       # configuration from the environment
    app = create_app({"data_dir": "/srv/docgen", "redis_url": "redis://..."})
    app = create_app(Config(...), redis=fakeredis_connection, store=store)

Without a Redis URL and without an injected connection the app uses an in-memory fakeredis server
(embedded mode: `docgen serve` runs a worker thread on that same connection).
"""
from __future__ import annotations

import logging
import re
import time
import uuid
from dataclasses import dataclass, field

from flask import Flask, g, request

from docgen.config import Config
from docgen.logging_setup import request_id_var
from docgen.store import Store

log = logging.getLogger("docgen.api")
_REQUEST_ID_RE = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
# multipart framing around an upload; the file itself is checked against the exact limit
MULTIPART_SLACK = 64 * 1024


@dataclass
class Services:
    config: Config
    store: Store
    redis: object
    queue: object = field(default=None)


def make_redis(config: Config):
    if config.redis_url:
        from redis import Redis

        return Redis.from_url(config.redis_url, socket_connect_timeout=5, socket_timeout=10,
                              health_check_interval=30)
    import fakeredis

    return fakeredis.FakeRedis(server=fakeredis.FakeServer())


def create_app(config: Config | dict | None = None, *, store: Store | None = None, redis=None) -> Flask:
    if config is None:
        config = Config.from_env()
    elif isinstance(config, dict):
        config = Config.from_env(**config)
    from rq import Queue

    store = store or Store.from_config(config)
    redis = redis if redis is not None else make_redis(config)
    services = Services(config=config, store=store, redis=redis,
                        queue=Queue(config.queue_name, connection=redis))

    app = Flask(__name__, static_folder=None)
    app.json.sort_keys = False
    app.config["MAX_CONTENT_LENGTH"] = config.max_upload_bytes + MULTIPART_SLACK
    app.config["DOCGEN_MAX_UPLOAD_BYTES"] = config.max_upload_bytes
    app.extensions["docgen"] = services

    from docgen.api.health import bp as health_bp
    from docgen.api.problems import register_error_handlers
    from docgen.api.routes import bp as api_bp

    app.register_blueprint(api_bp, url_prefix="/api/v1")
    app.register_blueprint(health_bp)
    register_error_handlers(app)

    @app.before_request
    def _request_id():
        rid = request.headers.get("X-Request-ID", "")
        if not _REQUEST_ID_RE.match(rid):
            rid = uuid.uuid4().hex
        g.request_id = rid
        g.request_started = time.perf_counter()
        g.request_id_token = request_id_var.set(rid)

    @app.after_request
    def _access_log(response):
        rid = g.get("request_id")
        if rid:
            response.headers["X-Request-ID"] = rid
        response.headers.setdefault("Cache-Control", "no-store")
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        started = g.get("request_started")
        token = g.get("docgen_token")
        log.info("request", extra={
            "method": request.method,
            "path": request.path,  # ids only: no personal data ever goes in a URL
            "status": response.status_code,
            "duration_ms": round((time.perf_counter() - started) * 1000, 1) if started else None,
            "token_id": token.id if token is not None else None,
        })
        return response

    @app.teardown_request
    def _reset_request_id(_exc):
        tok = g.pop("request_id_token", None)
        if tok is not None:
            request_id_var.reset(tok)

    return app
