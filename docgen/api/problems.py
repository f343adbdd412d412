"""RFC 9457 problem details: every error leaves as application/problem+json, never a traceback."""
from __future__ import annotations

import logging

from flask import Flask, Response, json, request
from werkzeug.exceptions import HTTPException

from docgen.logging_setup import scrub

PROBLEM_TYPE = "application/problem+json"
log = logging.getLogger("docgen.api")


class Problem(Exception):
    def __init__(self, status: int, title: str, detail: str, *, type_: str = "about:blank",
                 errors: list[dict] | None = None, headers: dict | None = None, **extra):
        super().__init__(detail)
        self.status = status
        self.title = title
        self.detail = detail
        self.type = type_
        self.errors = errors
        self.headers = headers or {}
        self.extra = extra


def problem_response(status: int, title: str, detail: str, *, type_: str = "about:blank",
                     errors: list[dict] | None = None, headers: dict | None = None, **extra) -> Response:
    body = {"type": type_, "title": title, "status": status, "detail": scrub(detail), "instance": request.path}
    if errors is not None:
        body["errors"] = [{"field": str(e.get("field", "")), "message": scrub(str(e.get("message", "")))}
                          for e in errors]
    body.update(extra)
    resp = Response(json.dumps(body), status=status, mimetype=PROBLEM_TYPE)
    for key, value in (headers or {}).items():
        resp.headers[key] = value
    return resp


_DETAILS = {
    400: "The request is malformed.",
    401: "Send an API token: Authorization: Bearer <token>.",
    403: "Your token's role does not allow this.",
    404: "There is nothing here (or you may not see it).",
    405: "This method is not allowed on this resource.",
    413: "The request body is larger than the limit.",
    415: "The request's content type is not supported here.",
    422: "The request could not be processed.",
    500: "Something went wrong on our side. The request id identifies it in our logs.",
    503: "A service this needs is unavailable; try again shortly.",
}


def register_error_handlers(app: Flask) -> None:
    from docgen.auth import Forbidden, Unauthorized
    from docgen.intake_pdf import IntakeError

    @app.errorhandler(Problem)
    def _problem(exc: Problem):
        return problem_response(exc.status, exc.title, exc.detail, type_=exc.type, errors=exc.errors,
                                headers=exc.headers, **exc.extra)

    @app.errorhandler(Unauthorized)
    def _unauthorized(exc: Unauthorized):
        return problem_response(401, "Unauthorized", exc.detail, headers={"WWW-Authenticate": 'Bearer realm="docgen"'})

    @app.errorhandler(Forbidden)
    def _forbidden(exc: Forbidden):
        return problem_response(403, "Forbidden", exc.detail)

    @app.errorhandler(IntakeError)
    def _intake(exc: IntakeError):
        return problem_response(exc.status, exc.title, exc.detail, type_=exc.type)

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException):
        status = exc.code or 500
        headers = {}
        if status == 405 and getattr(exc, "valid_methods", None):
            headers["Allow"] = ", ".join(exc.valid_methods)
        if status == 413:
            limit = app.config.get("DOCGEN_MAX_UPLOAD_BYTES")
            detail = f"The request body is larger than the limit of {limit} bytes." if limit else _DETAILS[413]
        else:
            detail = _DETAILS.get(status) or (exc.description or exc.name)
        return problem_response(status, exc.name, detail, headers=headers)

    @app.errorhandler(Exception)
    def _unhandled(exc: Exception):
        # Log the type only: messages and tracebacks can hold case data.
        log.error("unhandled error", extra={"error_type": type(exc).__name__, "path": request.path})
        return problem_response(500, "Internal Server Error", _DETAILS[500])
