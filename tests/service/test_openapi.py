"""The OpenAPI description is kept true: every route is described, every described route exists."""
from __future__ import annotations

import re

IGNORED_METHODS = {"HEAD", "OPTIONS"}


def app_routes(app) -> set[tuple[str, str]]:
    out = set()
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        path = re.sub(r"<(?:[^:>]+:)?([^>]+)>", "{id}", rule.rule)
        for method in rule.methods - IGNORED_METHODS:
            out.add((path, method.lower()))
    return out


def described_routes(doc) -> set[tuple[str, str]]:
    return {(path, method) for path, item in doc["paths"].items() for method in item
            if method in {"get", "post", "put", "patch", "delete"}}


def test_openapi_matches_the_routes(service):
    resp = service.client.get("/api/v1/openapi.json")
    assert resp.status_code == 200
    doc = resp.get_json()
    assert doc["openapi"].startswith("3.")
    assert app_routes(service.app) == described_routes(doc)


def test_openapi_refs_resolve(service):
    doc = service.client.get("/api/v1/openapi.json").get_json()
    text = str(doc)
    for ref in set(re.findall(r"#/components/schemas/(\w+)", text)):
        assert ref in doc["components"]["schemas"], ref


def test_every_operation_lists_its_errors_as_problems(service):
    doc = service.client.get("/api/v1/openapi.json").get_json()
    for path, item in doc["paths"].items():
        for method, op in item.items():
            assert op.get("operationId"), (path, method)
            for status, resp in op["responses"].items():
                if status.startswith(("4", "5")):
                    assert "application/problem+json" in resp["content"], (path, method, status)
            if op.get("security", doc["security"]):
                assert "401" in op["responses"], (path, method)
