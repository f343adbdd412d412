"""Durable store: SQLAlchemy 2 (SQLite by default, PostgreSQL via DATABASE_URL) + files on disk.

Tables: cases (the validated case snapshot, which holds SSNs: it never leaves the database except
into the documents), jobs, documents (one audit record per generated file) and tokens (API tokens;
only the sha256 of the secret is stored).

Everything the API and the workers share lives here, not in Redis: RQ jobs carry only our job id.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import tempfile
import uuid
import weakref
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    create_engine,
    event,
    select,
    text,
)
from sqlalchemy.exc import IntegrityError, OperationalError, ProgrammingError
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, sessionmaker

ROLES = ("clerk", "attorney", "admin")
JOB_STATUSES = ("queued", "running", "finished", "failed")
TOKEN_PREFIX = "dg_"
# Namespace for deterministic document ids: uuid5(NS, f"{job_id}:{document}:{format}")
DOCUMENT_ID_NAMESPACE = uuid.UUID("6f1f3c1e-5b7a-4c1e-9a53-2d1c0e6b8a41")


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def canonical_json(data: Any) -> bytes:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str).encode()


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def document_id_for(job_id: str, document: str, fmt: str) -> str:
    return str(uuid.uuid5(DOCUMENT_ID_NAMESPACE, f"{job_id}:{document}:{fmt}"))


class Base(DeclarativeBase):
    pass


class CaseRow(Base):
    __tablename__ = "cases"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    snapshot: Mapped[dict] = mapped_column(JSON, nullable=False)
    sha256: Mapped[str] = mapped_column(String(64), nullable=False, index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, nullable=False)


class JobRow(Base):
    __tablename__ = "jobs"
    __table_args__ = (UniqueConstraint("submitted_by", "idempotency_key", name="uq_jobs_idempotency"),)
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), nullable=False, index=True)
    status: Mapped[str] = mapped_column(String(16), nullable=False, default="queued")
    documents: Mapped[list] = mapped_column(JSON, nullable=False)
    result: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    error: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    submitted_by: Mapped[str] = mapped_column(String(32), nullable=False, index=True)
    idempotency_key: Mapped[str | None] = mapped_column(String(255), nullable=True)
    request_sha256: Mapped[str] = mapped_column(String(64), nullable=False)
    attempts: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, nullable=False)
    started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class DocumentRow(Base):
    __tablename__ = "documents"
    __table_args__ = (UniqueConstraint("job_id", "document", "format", name="uq_documents_job_doc_fmt"),)
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    job_id: Mapped[str] = mapped_column(ForeignKey("jobs.id"), nullable=False, index=True)
    document: Mapped[str] = mapped_column(String(64), nullable=False)
    format: Mapped[str] = mapped_column(String(8), nullable=False)
    template: Mapped[str] = mapped_column(String(255), nullable=False)  # template id@version
    rules_version: Mapped[str] = mapped_column(String(64), nullable=False)
    schedule_id: Mapped[str | None] = mapped_column(String(128), nullable=True)
    inputs_sha256: Mapped[str] = mapped_column(String(64), nullable=False)
    sha256: Mapped[str] = mapped_column(String(64), nullable=False)
    size: Mapped[int] = mapped_column(Integer, nullable=False)
    path: Mapped[str] = mapped_column(Text, nullable=False)  # relative to the documents dir
    created_by: Mapped[str] = mapped_column(String(32), nullable=False)  # token id of the submitter
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, nullable=False)


class TokenRow(Base):
    __tablename__ = "tokens"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(255), nullable=False)
    role: Mapped[str] = mapped_column(String(16), nullable=False)
    secret_sha256: Mapped[str] = mapped_column(String(64), nullable=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, nullable=False)
    revoked: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)


class IdempotencyConflict(Exception):
    """The Idempotency-Key was already used by this token with a different request body."""

    def __init__(self, job_id: str):
        super().__init__("Idempotency-Key reused with a different request body")
        self.job_id = job_id


def _sqlite_pragmas(dbapi_connection, _record):
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


_ENGINES: "weakref.WeakSet" = weakref.WeakSet()


def _after_fork_in_child() -> None:
    # A forked child (an RQ work-horse) must not use the parent's pooled connections.
    for engine in list(_ENGINES):
        engine.dispose(close=False)


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork_in_child)


def _forget_pools_after_fork(engine) -> None:
    _ENGINES.add(engine)


class Store:
    def __init__(self, database_url: str, documents_dir: str | os.PathLike, *, create: bool = True):
        self.url = database_url
        self.documents_dir = Path(documents_dir)
        kwargs: dict[str, Any] = {"future": True}
        if database_url.startswith("sqlite"):
            db_path = database_url.split("///", 1)[-1]
            if db_path and db_path != ":memory:":
                Path(db_path).parent.mkdir(parents=True, exist_ok=True)
            kwargs["connect_args"] = {"timeout": 30, "check_same_thread": False}
        else:
            kwargs["pool_pre_ping"] = True
        self.engine = create_engine(database_url, **kwargs)
        if database_url.startswith("sqlite"):
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self.Session = sessionmaker(self.engine, expire_on_commit=False)
        _forget_pools_after_fork(self.engine)
        if create:
            self.create_schema()

    @classmethod
    def from_config(cls, config) -> "Store":
        return cls(config.effective_database_url, config.documents_dir)

    def create_schema(self) -> None:
        # Several processes may start at once; creating the same table twice is harmless to retry.
        for attempt in range(3):
            try:
                Base.metadata.create_all(self.engine)
                return
            except (IntegrityError, ProgrammingError, OperationalError):
                if attempt == 2:
                    raise

    def dispose(self) -> None:
        self.engine.dispose()

    # ---- health -------------------------------------------------------------------------------
    def ping(self) -> None:
        with self.engine.connect() as conn:
            conn.execute(text("SELECT 1"))

    def check_storage(self) -> None:
        self.documents_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=self.documents_dir, prefix=".readyz-", delete=True) as fh:
            fh.write(b"ok")
            fh.flush()

    # ---- tokens -------------------------------------------------------------------------------
    def create_token(self, name: str, role: str) -> tuple[TokenRow, str]:
        if role not in ROLES:
            raise ValueError(f"role must be one of {', '.join(ROLES)}")
        token_id = secrets.token_hex(6)
        secret = secrets.token_urlsafe(32)
        row = TokenRow(id=token_id, name=name, role=role, secret_sha256=sha256_hex(secret.encode()),
                       created_at=utcnow(), revoked=False)
        with self.Session.begin() as s:
            s.add(row)
        return row, f"{TOKEN_PREFIX}{token_id}_{secret}"

    def authenticate(self, token: str) -> TokenRow | None:
        if not token or not token.startswith(TOKEN_PREFIX):
            return None
        token_id, sep, secret = token[len(TOKEN_PREFIX):].partition("_")
        if not sep or not token_id or not secret or len(token_id) > 32:
            return None
        with self.Session() as s:
            row = s.get(TokenRow, token_id)
        if row is None or row.revoked:
            return None
        if not hmac.compare_digest(row.secret_sha256, sha256_hex(secret.encode())):
            return None
        return row

    def list_tokens(self) -> list[TokenRow]:
        with self.Session() as s:
            return list(s.scalars(select(TokenRow).order_by(TokenRow.created_at)))

    def get_token(self, token_id: str) -> TokenRow | None:
        with self.Session() as s:
            return s.get(TokenRow, token_id)

    def revoke_token(self, token_id: str) -> bool:
        with self.Session.begin() as s:
            row = s.get(TokenRow, token_id)
            if row is None:
                return False
            row.revoked = True
            return True

    # ---- jobs ---------------------------------------------------------------------------------
    def submit(self, *, case_snapshot: dict, documents: list[str], submitted_by: str,
               idempotency_key: str | None, request_sha256: str) -> tuple[JobRow, bool]:
        """Create case + job rows. Returns (job, created). With an idempotency key already used by
        the same token: same request -> (existing job, False); different -> IdempotencyConflict."""
        if idempotency_key:
            existing = self._by_idempotency_key(submitted_by, idempotency_key)
            if existing is not None:
                return self._replay(existing, request_sha256), False
        case_id = str(uuid.uuid4())
        job_id = str(uuid.uuid4())
        now = utcnow()
        try:
            with self.Session.begin() as s:
                s.add(CaseRow(id=case_id, snapshot=case_snapshot, sha256=sha256_hex(canonical_json(case_snapshot)),
                              created_at=now))
                s.flush()
                job = JobRow(id=job_id, case_id=case_id, status="queued", documents=list(documents),
                             submitted_by=submitted_by, idempotency_key=idempotency_key,
                             request_sha256=request_sha256, attempts=0, created_at=now, updated_at=now)
                s.add(job)
        except IntegrityError:
            # A concurrent request with the same idempotency key won the race.
            if idempotency_key:
                existing = self._by_idempotency_key(submitted_by, idempotency_key)
                if existing is not None:
                    return self._replay(existing, request_sha256), False
            raise
        return job, True

    @staticmethod
    def _replay(existing: JobRow, request_sha256: str) -> JobRow:
        if existing.request_sha256 != request_sha256:
            raise IdempotencyConflict(existing.id)
        return existing

    def _by_idempotency_key(self, submitted_by: str, key: str) -> JobRow | None:
        with self.Session() as s:
            return s.scalars(select(JobRow).where(JobRow.submitted_by == submitted_by,
                                                  JobRow.idempotency_key == key)).first()

    def delete_job(self, job_id: str) -> None:
        """Undo a submission that could not be enqueued (no documents exist yet)."""
        with self.Session.begin() as s:
            job = s.get(JobRow, job_id)
            if job is None:
                return
            case = s.get(CaseRow, job.case_id)
            s.delete(job)
            s.flush()
            if case is not None:
                s.delete(case)

    def get_job(self, job_id: str) -> JobRow | None:
        with self.Session() as s:
            return s.get(JobRow, job_id)

    def unfinished_jobs(self, limit: int = 10000) -> list[JobRow]:
        with self.Session() as s:
            return list(s.scalars(select(JobRow).where(JobRow.status.in_(("queued", "running")))
                                  .order_by(JobRow.created_at).limit(limit)))

    def get_case(self, case_id: str) -> CaseRow | None:
        with self.Session() as s:
            return s.get(CaseRow, case_id)

    def _update_job(self, job_id: str, **values) -> JobRow | None:
        with self.Session.begin() as s:
            job = s.get(JobRow, job_id)
            if job is None:
                return None
            for key, value in values.items():
                setattr(job, key, value)
            job.updated_at = utcnow()
            return job

    def mark_running(self, job_id: str) -> JobRow | None:
        with self.Session.begin() as s:
            job = s.get(JobRow, job_id)
            if job is None:
                return None
            job.status = "running"
            job.attempts = (job.attempts or 0) + 1
            job.started_at = job.updated_at = utcnow()
            return job

    def mark_finished(self, job_id: str, result: dict) -> JobRow | None:
        now = utcnow()
        return self._update_job(job_id, status="finished", result=result, error=None, finished_at=now)

    def mark_failed(self, job_id: str, title: str, detail: str) -> JobRow | None:
        return self._update_job(job_id, status="failed", error={"title": title, "detail": detail},
                                finished_at=utcnow())

    def mark_retrying(self, job_id: str) -> JobRow | None:
        return self._update_job(job_id, status="queued")

    # ---- documents ----------------------------------------------------------------------------
    def write_file(self, job_id: str, document_id: str, fmt: str, data: bytes) -> str:
        """Write atomically; returns the path relative to the documents dir."""
        rel = f"{job_id}/{document_id}.{fmt}"
        dest = self.documents_dir / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=dest.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, dest)
        except BaseException:
            try:
                os.unlink(tmp)
            except FileNotFoundError:
                pass
            raise
        return rel

    def file_path(self, rel: str) -> Path:
        path = (self.documents_dir / rel).resolve()
        root = self.documents_dir.resolve()
        if root not in path.parents:
            raise ValueError("document path escapes the documents directory")
        return path

    def upsert_document(self, *, job_id: str, document: str, fmt: str, template: str, rules_version: str,
                        schedule_id: str | None, inputs_sha256: str, sha256: str, size: int, path: str,
                        created_by: str) -> DocumentRow:
        doc_id = document_id_for(job_id, document, fmt)
        values = dict(job_id=job_id, document=document, format=fmt, template=template,
                      rules_version=rules_version, schedule_id=schedule_id, inputs_sha256=inputs_sha256,
                      sha256=sha256, size=size, path=path, created_by=created_by)
        for attempt in range(2):
            try:
                with self.Session.begin() as s:
                    row = s.get(DocumentRow, doc_id)
                    if row is None:
                        row = DocumentRow(id=doc_id, created_at=utcnow(), **values)
                        s.add(row)
                    else:
                        for key, value in values.items():
                            setattr(row, key, value)
                    return row
            except IntegrityError:
                if attempt == 1:
                    raise
        raise AssertionError("unreachable")

    def documents_for(self, job_id: str) -> list[DocumentRow]:
        with self.Session() as s:
            return list(s.scalars(select(DocumentRow).where(DocumentRow.job_id == job_id)
                                  .order_by(DocumentRow.created_at, DocumentRow.document, DocumentRow.format)))

    def get_document(self, document_id: str) -> DocumentRow | None:
        with self.Session() as s:
            return s.get(DocumentRow, document_id)
