"""Structured JSON-line logs. One object per line: ts, level, logger, msg, request_id (+ extras).

Personal data never goes in: callers log ids, counts and timings only (no names, no SSNs, no request
bodies). As a second line of defence, anything shaped like an SSN is masked in every message.
"""
from __future__ import annotations

import contextvars
import json
import logging
import re
import sys
from datetime import datetime, timezone

request_id_var: contextvars.ContextVar[str | None] = contextvars.ContextVar("docgen_request_id", default=None)

_SSN_RE = re.compile(r"\b\d{3}-?\d{2}-?\d{4}\b")
_STANDARD = set(vars(logging.makeLogRecord({})).keys()) | {"message", "asctime"}


def scrub(text: str) -> str:
    """Mask SSN-shaped digit runs (###-##-#### or 9 digits)."""
    return _SSN_RE.sub("***-**-****", text)


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "ts": datetime.fromtimestamp(record.created, timezone.utc).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": scrub(record.getMessage()),
        }
        rid = getattr(record, "request_id", None) or request_id_var.get()
        if rid:
            entry["request_id"] = rid
        for key, value in record.__dict__.items():
            if key in _STANDARD or key.startswith("_") or key in entry or key == "request_id":
                continue
            entry[key] = value if isinstance(value, (int, float, bool, type(None))) else scrub(str(value))
        if record.exc_info and record.exc_info[0] is not None:
            # Exception type only: tracebacks can carry local values (case data).
            entry["exc_type"] = record.exc_info[0].__name__
        return json.dumps(entry, ensure_ascii=False)


_configured = False


def configure_logging(level: str | int = "INFO", stream=None) -> None:
    """Route the root logger (and rq's) to one JSON-lines handler on stderr. Idempotent."""
    global _configured
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    if _configured:
        root.setLevel(level)
        return
    for h in list(root.handlers):
        root.removeHandler(h)
    root.addHandler(handler)
    root.setLevel(level)
    # rq attaches its own colourised handlers unless its loggers already have one.
    for name in ("rq", "rq.worker", "rq.scheduler", "rq.job", "rq.queue"):
        lg = logging.getLogger(name)
        for h in list(lg.handlers):
            lg.removeHandler(h)
        lg.addHandler(handler)
        lg.propagate = False
        lg.setLevel(level)
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    logging.getLogger("waitress").setLevel(logging.WARNING)
    _configured = True
