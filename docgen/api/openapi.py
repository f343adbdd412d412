"""OpenAPI 3.1 description of the service. tests/service/test_openapi.py keeps it true: every route
in the Flask app is described here and every path/method described here exists."""
from __future__ import annotations

from copy import deepcopy


def _problem(desc: str) -> dict:
    return {"description": desc, "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}


def _json(desc: str, ref: str) -> dict:
    return {"description": desc, "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{ref}"}}}}


_AUTH_ERRORS = {"401": _problem("No token, or an invalid or revoked token.")}
_ID = {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}

_DOC: dict = {
    "openapi": "3.1.0",
    "info": {
        "title": "docgen intake API",
        "version": "1.0.0",
        "description": "Illinois child support documents: submit a case (JSON or our fillable intake PDF), "
                       "poll the job, download the documents. Every error is application/problem+json "
                       "(RFC 9457). Send X-Request-ID to correlate logs; it is echoed back.",
    },
    "servers": [{"url": "/"}],
    "security": [{"bearer": []}],
    "paths": {
        "/api/v1/openapi.json": {"get": {
            "summary": "This description", "security": [], "operationId": "openapi",
            "responses": {"200": {"description": "OpenAPI document", "content": {"application/json": {}}}}}},
        "/api/v1/catalog": {"get": {
            "summary": "Documents this service can generate", "operationId": "catalog",
            "responses": {"200": _json("The document catalog", "Catalog"), **_AUTH_ERRORS}}},
        "/api/v1/jobs": {"post": {
            "summary": "Submit a case and the documents to generate", "operationId": "createJob",
            "parameters": [{"name": "Idempotency-Key", "in": "header", "required": False,
                            "schema": {"type": "string", "maxLength": 255},
                            "description": "Retrying with the same token and key returns the same job; "
                                           "the same key with a different body is 422."}],
            "requestBody": {"required": True, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/JobRequest"}}}},
            "responses": {
                "202": _json("Accepted (or the replay of an earlier submission with this Idempotency-Key)", "JobAccepted"),
                "400": _problem("Malformed JSON or header"),
                **_AUTH_ERRORS,
                "403": _problem("Role not allowed"),
                "413": _problem("Body over the size limit"),
                "415": _problem("Not application/json"),
                "422": _problem("Invalid case or documents (errors[] lists field and message), or Idempotency-Key reused with another body"),
                "503": _problem("Queue unavailable"),
            }}},
        "/api/v1/intake": {"post": {
            "summary": "Submit a filled copy of the intake PDF form", "operationId": "intakePdf",
            "requestBody": {"required": True, "content": {"multipart/form-data": {"schema": {
                "type": "object", "required": ["form"],
                "properties": {"form": {"type": "string", "format": "binary", "description": "the filled intake PDF"},
                               "documents": {"type": "array", "items": {"type": "string"},
                                             "description": "document ids (repeat the field or comma-separate); default: support-order"}}}}}},
            "parameters": [{"name": "Idempotency-Key", "in": "header", "required": False, "schema": {"type": "string"}}],
            "responses": {
                "202": _json("Accepted", "JobAccepted"),
                "400": _problem("Empty upload or malformed request"),
                **_AUTH_ERRORS,
                "403": _problem("Role not allowed"),
                "413": _problem("File over the size limit (default 5 MB)"),
                "415": _problem("Not multipart/form-data, or the file is not a PDF"),
                "422": _problem("Not our intake form, damaged or encrypted PDF, or invalid values (errors[])"),
                "503": _problem("Queue unavailable"),
            }}},
        "/api/v1/intake/form.pdf": {"get": {
            "summary": "The blank intake form", "security": [], "operationId": "intakeForm",
            "responses": {"200": {"description": "Fillable PDF", "content": {"application/pdf": {}}},
                          "404": _problem("Form not installed")}}},
        "/api/v1/jobs/{id}": {"get": {
            "summary": "Job status, calculation result and documents", "operationId": "getJob",
            "parameters": [_ID],
            "responses": {"200": _json("The job", "Job"), **_AUTH_ERRORS,
                          "404": _problem("No such job, or not yours (attorney)")}}},
        "/api/v1/documents/{id}": {"get": {
            "summary": "Download one generated document", "operationId": "getDocument",
            "parameters": [_ID],
            "responses": {"200": {"description": "The file (Content-Disposition names it; ETag is its sha256)",
                                  "content": {"application/pdf": {}, "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {}}},
                          **_AUTH_ERRORS, "404": _problem("No such document, or not yours")}}},
        "/api/v1/tokens": {
            "get": {"summary": "List API tokens (admin)", "operationId": "listTokens",
                    "responses": {"200": _json("Tokens (never their secrets)", "TokenList"), **_AUTH_ERRORS,
                                  "403": _problem("Admin only")}},
            "post": {"summary": "Create an API token (admin)", "operationId": "createToken",
                     "requestBody": {"required": True, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/TokenRequest"}}}},
                     "responses": {"201": _json("The token; `token` is shown only here", "Token"),
                                   "400": _problem("Malformed JSON"), **_AUTH_ERRORS, "403": _problem("Admin only"),
                                   "422": _problem("Invalid name or role")}}},
        "/api/v1/tokens/{id}": {"delete": {
            "summary": "Revoke an API token (admin)", "operationId": "revokeToken", "parameters": [_ID],
            "responses": {"204": {"description": "Revoked"}, **_AUTH_ERRORS, "403": _problem("Admin only"),
                          "404": _problem("No such token")}}},
        "/healthz": {"get": {
            "summary": "Liveness: the process answers", "security": [], "operationId": "healthz",
            "responses": {"200": {"description": "Up", "content": {"application/json": {}}}}}},
        "/readyz": {"get": {
            "summary": "Readiness: Redis, database and document storage reachable", "security": [],
            "operationId": "readyz",
            "responses": {"200": {"description": "Ready", "content": {"application/json": {}}},
                          "503": _problem("Not ready; `checks` names what failed")}}},
    },
    "components": {
        "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer",
                                       "description": "`docgen tokens create --role clerk|attorney|admin --name NAME`"}},
        "schemas": {
            "Problem": {"type": "object", "required": ["type", "title", "status", "detail"], "properties": {
                "type": {"type": "string"}, "title": {"type": "string"}, "status": {"type": "integer"},
                "detail": {"type": "string"}, "instance": {"type": "string"},
                "errors": {"type": "array", "items": {"type": "object", "required": ["field", "message"], "properties": {
                    "field": {"type": "string", "examples": ["children[0].date_of_birth"]}, "message": {"type": "string"}}}}}},
            "JobRequest": {"type": "object", "required": ["case"], "properties": {
                "case": {"type": "object", "description": "The case input, schema_version 1 (see CONTRACT.md)"},
                "documents": {"type": "array", "minItems": 1, "items": {"type": "string", "enum": []},
                    "description": "Every format of each document is generated. Default: [\"support-order\"] "
                                   "(the judicial or administrative order, by the case's kind)."}}},
            "JobAccepted": {"type": "object", "required": ["id", "status", "url"], "properties": {
                "id": {"type": "string"}, "status": {"type": "string"}, "url": {"type": "string"}}},
            "Job": {"type": "object", "required": ["id", "status", "result", "documents", "error"], "properties": {
                "id": {"type": "string"},
                "status": {"type": "string", "enum": ["queued", "running", "finished", "failed"]},
                "result": {"type": ["object", "null"], "description": "The calc object (CONTRACT.md) once finished"},
                "documents": {"type": "array", "items": {"type": "object", "required": ["id", "document", "format", "url", "sha256"], "properties": {
                    "id": {"type": "string"}, "document": {"type": "string"}, "format": {"type": "string", "enum": ["pdf", "docx"]},
                    "url": {"type": "string"}, "sha256": {"type": "string"}}}},
                "error": {"type": ["object", "null"], "properties": {"title": {"type": "string"}, "detail": {"type": "string"}}},
                "created_at": {"type": "string", "format": "date-time"},
                "updated_at": {"type": "string", "format": "date-time"}}},
            "Catalog": {"type": "object", "properties": {"documents": {"type": "array", "items": {"type": "object", "properties": {
                "id": {"type": "string"}, "title": {"type": "string"}, "formats": {"type": "array", "items": {"type": "string"}}}}}}},
            "TokenRequest": {"type": "object", "required": ["name", "role"], "properties": {
                "name": {"type": "string"}, "role": {"type": "string", "enum": ["clerk", "attorney", "admin"]}}},
            "Token": {"type": "object", "properties": {
                "id": {"type": "string"}, "name": {"type": "string"}, "role": {"type": "string"},
                "revoked": {"type": "boolean"}, "created_at": {"type": "string"}, "token": {"type": "string"}}},
            "TokenList": {"type": "object", "properties": {"tokens": {"type": "array", "items": {"$ref": "#/components/schemas/Token"}}}},
        },
    },
}


def openapi_document() -> dict:
    doc = deepcopy(_DOC)
    try:
        from docgen.catalog import DOCUMENTS

        ids = list(DOCUMENTS)
    except ImportError:  # pragma: no cover
        ids = []
    doc["components"]["schemas"]["JobRequest"]["properties"]["documents"]["items"]["enum"] = ids
    return doc
