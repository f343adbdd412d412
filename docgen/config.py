"""Service configuration, read from the environment (12-factor) with explicit overrides.

Environment variables:
  DOCGEN_DATA_DIR          data directory (SQLite file + documents/), default ./var
  DATABASE_URL             SQLAlchemy URL (postgresql://... or sqlite:///...); default SQLite in the data dir
  REDIS_URL                redis://host:port/db; unset = embedded mode (fakeredis, in-process worker)
  DOCGEN_QUEUE             RQ queue name, default "docgen"
  DOCGEN_MAX_UPLOAD_BYTES  largest accepted request / intake PDF, default 5 MB
  DOCGEN_JOB_TIMEOUT       seconds one job may run before the worker kills it, default 120
  DOCGEN_LOG_LEVEL         default INFO
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path


def _int_env(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return int(raw)


@dataclass(frozen=True)
class Config:
    data_dir: Path = field(default_factory=lambda: Path("./var"))
    database_url: str | None = None
    redis_url: str | None = None
    queue_name: str = "docgen"
    max_upload_bytes: int = 5 * 1024 * 1024
    job_timeout: int = 120
    log_level: str = "INFO"

    @classmethod
    def from_env(cls, **overrides) -> "Config":
        values = dict(
            data_dir=Path(os.environ.get("DOCGEN_DATA_DIR") or "./var"),
            database_url=os.environ.get("DATABASE_URL") or None,
            redis_url=os.environ.get("REDIS_URL") or None,
            queue_name=os.environ.get("DOCGEN_QUEUE") or "docgen",
            max_upload_bytes=_int_env("DOCGEN_MAX_UPLOAD_BYTES", 5 * 1024 * 1024),
            job_timeout=_int_env("DOCGEN_JOB_TIMEOUT", 120),
            log_level=os.environ.get("DOCGEN_LOG_LEVEL") or "INFO",
        )
        known = {f.name for f in fields(cls)}
        for key, value in overrides.items():
            if key not in known:
                raise TypeError(f"unknown config key {key!r}")
            if value is not None:
                values[key] = value
        values["data_dir"] = Path(values["data_dir"])
        return cls(**values)

    def with_(self, **changes) -> "Config":
        return replace(self, **changes)

    @property
    def documents_dir(self) -> Path:
        return self.data_dir / "documents"

    @property
    def effective_database_url(self) -> str:
        if self.database_url:
            url = self.database_url
            # psycopg 3 is the driver we ship; plain postgresql:// would mean psycopg2.
            if url.startswith("postgres://"):
                url = "postgresql://" + url[len("postgres://"):]
            if url.startswith("postgresql://"):
                url = "postgresql+psycopg://" + url[len("postgresql://"):]
            return url
        return f"sqlite:///{(self.data_dir / 'docgen.sqlite3').resolve()}"

    @property
    def embedded(self) -> bool:
        return not self.redis_url
