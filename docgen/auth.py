"""API tokens: `Authorization: Bearer dg_<id>_<secret>`; the store keeps only sha256(secret).

Roles: clerk (every job), attorney (only the jobs its own token submitted), admin (everything, plus
token management). Unknown, malformed or revoked token -> 401; a job the caller may not see -> 404.
"""
from __future__ import annotations

from functools import wraps

from flask import current_app, g, request

ROLES = ("clerk", "attorney", "admin")


class Unauthorized(Exception):
    def __init__(self, detail: str):
        super().__init__(detail)
        self.detail = detail


class Forbidden(Exception):
    def __init__(self, detail: str):
        super().__init__(detail)
        self.detail = detail


def bearer_token() -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        return None
    return value.strip()


def current_token():
    """Authenticate the request (once) and return the token row; raise Unauthorized otherwise."""
    if "docgen_token" in g:
        return g.docgen_token
    raw = bearer_token()
    if raw is None:
        raise Unauthorized("Send an API token: Authorization: Bearer <token>.")
    row = current_app.extensions["docgen"].store.authenticate(raw)
    if row is None:
        raise Unauthorized("The API token is not valid.")
    g.docgen_token = row
    return row


def require(*roles: str):
    """Decorator: the caller must be authenticated and (if roles are given) hold one of them."""

    def decorator(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            token = current_token()
            if roles and token.role not in roles:
                raise Forbidden(f"This needs the {' or '.join(roles)} role.")
            return view(*args, **kwargs)

        return wrapper

    return decorator


def can_see_job(token, job) -> bool:
    if token.role in ("clerk", "admin"):
        return True
    return job.submitted_by == token.id
