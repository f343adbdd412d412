"""Logs are JSON lines with the request id, and carry no personal data."""
from __future__ import annotations

import io
import json
import logging

from docgen.logging_setup import JsonFormatter, scrub

from .conftest import example_case


def test_scrub_masks_ssns():
    assert scrub("ssn 123-45-6789 and 987654321") == "ssn ***-**-**** and ***-**-****"
    assert scrub("2025-06-02") == "2025-06-02"


def test_request_logs_are_json_lines_without_personal_data(service):
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    try:
        case = example_case()
        resp = service.client.post("/api/v1/jobs", json={"case": case, "documents": ["support-order"]},
                                   headers=service.h(**{"X-Request-ID": "req-42"}))
        assert resp.status_code in (202, 422)
        bad = example_case()
        bad["children"][0]["date_of_birth"] = "nope"
        service.client.post("/api/v1/jobs", json={"case": bad}, headers=service.h())
        service.run_queue()
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)
    lines = [json.loads(line) for line in stream.getvalue().splitlines() if line.strip()]
    assert lines, "no logs"
    for entry in lines:
        assert {"ts", "level", "logger", "msg"} <= set(entry)
    access = [e for e in lines if e["msg"] == "request" and e.get("request_id") == "req-42"]
    assert access and access[0]["status"] in (202, 422) and access[0]["path"] == "/api/v1/jobs"
    text = stream.getvalue()
    for secret in ("321-54-9876", "123-45-6789", "Maria Lopez", "Daniel Lopez", "Sofia", "Oak Ridge",
                   "Prairie Freight"):
        assert secret not in text, secret


def test_worker_logs_carry_the_submitting_request_id(service):
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    lg = logging.getLogger("docgen.worker")
    lg.addHandler(handler)
    old = lg.level
    lg.setLevel(logging.INFO)
    try:
        resp = service.client.post("/api/v1/jobs", json={"case": example_case(), "documents": ["worksheet"]},
                                   headers=service.h(**{"X-Request-ID": "req-worker-7"}))
        assert resp.status_code == 202
        service.run_queue()
    finally:
        lg.removeHandler(handler)
        lg.setLevel(old)
    finished = [json.loads(x) for x in stream.getvalue().splitlines() if '"job finished"' in x]
    assert finished and finished[0]["request_id"] == "req-worker-7"
