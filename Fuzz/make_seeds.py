#!/usr/bin/env python3
"""Writes the hand-made seed inputs of the fuzzers.

    python3 Fuzz/make_seeds.py OUTDIR     # writes OUTDIR/request-body/* and OUTDIR/request-target/*

Fuzz/corpus/<target>/ holds the minimized corpus (seeds plus what the fuzzers found, merged
with -merge=1, file names are SHA-1s). This script is how the seeds were made, so they can be
regenerated or extended; run.sh adds them to every run.
"""
import json
import os
import sys

JOB_ID = "1b4e28ba-2fa1-41d2-883f-0016d3cca427"


def body_seeds():
    seeds = {}

    def add(name, value):
        seeds[name] = value if isinstance(value, bytes) else json.dumps(value, ensure_ascii=False).encode()

    # POST /api/imports, one valid body per source type, plus variants.
    add("create-jira", {"source_type": "jira", "source_config": {
        "base_url": "https://example.atlassian.net", "email": "ops@example.com",
        "api_token": "secret-token-123", "project_key": "OPS"}})
    add("create-jira-full", {"source_type": "jira", "source_config": {
        "base_url": "  https://jira.example.com:8443/path?q=1#f ", "email": "a@b",
        "api_token": "t0ken-value", "project_key": " PRJ\t", "extra": [1, 2]},
        "options": {"batch_size": 1000, "preview_limit": 0, "unknown": True},
        "tenant_id": "tenant-a", "correlation_id": "corr:1/2@x-y_z.", "ignored": None})
    add("create-servicenow", {"source_type": "servicenow", "source_config": {
        "instance_url": "http://[::1]:8080", "username": "svc", "password": "hunter2hunter2"},
        "options": None, "tenant_id": None})
    add("create-github", {"source_type": "github", "source_config": {
        "token": "ghp_abcdefghijklmnop", "owner": "octo", "repo": "hello-world"},
        "options": {"batch_size": 1e2, "preview_limit": 10.0}})
    add("create-gitlab-int", {"source_type": "gitlab", "source_config": {
        "token": "glpat-1234567890", "project_id": 42}})
    add("create-gitlab-string", {"source_type": "gitlab", "source_config": {
        "token": "glpat-1234567890", "project_id": "group/project", "base_url": "https://gitlab.example.org"}})
    add("create-invalid-mix", {"source_type": "svn", "source_config": {"base_url": "ftp://user:pw@host"},
        "options": {"batch_size": 0, "preview_limit": -1}, "tenant_id": "bad tenant", "correlation_id": 5})
    add("create-url-edge", {"source_type": "jira", "source_config": {
        "base_url": "HTTPS://host:65536", "email": "@x", "api_token": " ", "project_key": ""}})
    add("create-unicode", {"source_type": "github", "source_config": {
        "token": "\u00a0tok\u3000", "owner": "\u00e9quipe", "repo": "r\u00e9po\u0301 \u2028"}})
    add("create-not-object", [{"source_type": "jira"}])

    # PATCH /api/imports/{id}
    add("patch-status", {"status": "processing"})
    add("patch-progress", {"progress": {"total_items": 100, "processed_items": 40, "failed_items": 2}})
    add("patch-all", {"status": "completed", "progress": {"total_items": 3, "processed_items": 3,
        "percentage": 99.5}, "error": None})
    add("patch-error", {"status": "failed", "error": "upstream returned 500 \u2013 retry later"})
    add("patch-invalid", {"status": "done", "progress": {"total_items": -1, "processed_items": 1.5,
        "failed_items": 9007199254740992, "bogus": 1}, "error": 7, "extra": True})
    add("patch-overflow", b'{"progress":{"total_items":9007199254740991,"processed_items":9007199254740991,'
                          b'"failed_items":9223372036854775807}}')
    add("patch-empty", {})

    # Stored job documents (ImportJob(parsing:)).
    base = {"job_id": JOB_ID, "request_id": "req-1", "status": "pending", "source_type": "jira",
            "created_at": "2024-01-03T10:30:00Z", "updated_at": "2024-01-03T10:30:00.123Z",
            "tenant_id": None, "correlation_id": None, "progress": None, "error": None,
            "started_at": None, "completed_at": None, "options": {"batch_size": 100, "preview_limit": 10},
            "source": {"base_url": "https://example.atlassian.net", "email": "ops@example.com",
                       "project_key": "OPS"}}
    add("document-pending", base)
    add("document-processing", dict(base, status="processing", tenant_id="t1", correlation_id="c1",
        progress={"total_items": 10, "processed_items": 5, "failed_items": 1, "percentage": 60},
        started_at="2024-02-29T23:59:59.999999999Z"))
    add("document-failed", dict(base, status="failed", error="boom\n\"quoted\"", started_at="0000-01-01T00:00:00Z",
        completed_at="9999-12-31T23:59:59.9Z", source={"project_id": 7}, source_type="gitlab"))
    add("document-bad-dates", dict(base, created_at="2023-02-29T10:00:00Z", updated_at="2024-13-01T00:00:00+01:00"))

    # JSON edge cases.
    raw = {
        "json-numbers": b'[0,-0,-0.0,1e308,1E-400,123456789012345678901234567890,-9223372036854775808,'
                        b'9223372036854775807,9223372036854775808,0.1,2.5e-3,1e22,1e23,9007199254740993,'
                        b'4.9e-324,1.7976931348623157e308]',
        "json-bad-numbers": b'[01, 1., .5, -, 1e, 1e+, +1, 0x10, NaN, Infinity, 1e400]',
        "json-strings": b'["\\u0000\\u001f\\"\\\\\\/\\b\\f\\n\\r\\t","\\ud83d\\ude00","\\u00e9","e\\u0301",'
                        b'"\xf0\x9f\x98\x80","\xe2\x80\xa8","\xc3\xa9"]',
        "json-bad-strings": b'["\\ud800","\\udc00x","\\u12G4","\x01","\xc0\xaf","\xed\xa0\x80","\xf4\x90\x80\x80"',
        "json-keys-many": ("{" + ",".join('"k%d":%d' % (i, i) for i in range(20)) + "}").encode(),
        "json-duplicate-key": b'{"a":1,"b":2,"a":3}',
        "json-duplicate-key-many": ("{" + ",".join('"k%d":%d' % (i, i) for i in range(15)) + ',"k3":0}').encode(),
        "json-deep-64": b"[" * 64 + b"]" * 64,
        "json-deep-65": b"[" * 65 + b"]" * 65,
        "json-deep-objects": b'{"a":' * 30 + b'{}' + b'}' * 30,
        "json-whitespace": b' \t\r\n{ "a" : [ true , false , null ] }\n',
        "json-trailing": b'{"a":1},',
        "json-trailing-comma": b'{"a":[1,2,],}',
        "json-comment": b'// c\n{"a":1 /* x */}',
        "json-literals": b'[true,false,null,tru,nul,fals]',
        "json-empty": b"",
        "json-scalar-string": b'"2024-01-03T10:30:00.123456Z"',
        "timestamp-raw": b"2024-02-29T12:34:56.7Z",
        "timestamp-bad": b"2023-02-29T24:60:60.1234567890Z",
    }
    seeds.update(raw)
    return seeds


def target_seeds():
    targets = [
        "/", "*", "", "/health", "/health/", "/ready", "/metrics", "/openapi.json",
        "/api/imports", "/api/imports/", "/api/imports?limit=5&status=pending",
        "/api/imports?limit=100&offset=1000000000&status=completed&source_type=gitlab",
        "/api/imports?limit=0&offset=-1&status=bogus&source_type=svn",
        "/api/imports?limit=+7&offset=0010&status=&source_type=",
        "/api/imports?limit=9999999999999999999999&offset=1e3",
        "/api/imports?status=pend%69ng&source_type=git%6Cab&x=%zz&y=%4&z=%",
        "/api/imports?name+with+plus=value+with+plus&=empty&novalue&&a=b=c",
        "/api/imports?q=%E2%82%AC%C3%A9%FF%FE%00#frag?x=1",
        "/api/imports#only-fragment",
        "?limit=5",
        "#x",
        "/api/imports/" + JOB_ID,
        "/api/imports/" + JOB_ID.upper() + "/",
        "/api/imports/" + JOB_ID + "/cancel",
        "/api/imports/" + JOB_ID + "/cancel/",
        "/api/imports//cancel",
        "/api/imports/x/y/cancel",
        "/api/imports/%2F/cancel",
        "/api/imports/\u00e9t\u00e9",
        "/api/imports/caf\u00e9\u0301/",
        "/api/imports/\u0627\u0644\u0639\u0631\u0628\u064a\u0629/",
        "/api/imports/\U0001F1E9\U0001F1EA/cancel",
        "/api/imports/\r\n/",
        "http://example.com/api/imports?limit=1",
    ]
    seeds = {}
    for index, target in enumerate(targets):
        seeds["target-%02d" % index] = target.encode("utf-8", "surrogatepass")
    seeds["target-invalid-utf8"] = b"/api/imports/\xff\xfe/cancel?x=\xc3"
    seeds["target-overlong"] = b"/api/imports\xc0\xaf?limit=\xe0\x80\x80"
    return seeds


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "corpus")
    for target, seeds in (("request-body", body_seeds()), ("request-target", target_seeds())):
        directory = os.path.join(out, target)
        os.makedirs(directory, exist_ok=True)
        for name, data in seeds.items():
            with open(os.path.join(directory, "seed-" + name), "wb") as handle:
                handle.write(data)
        print("%s: %d seeds in %s" % (target, len(seeds), directory))


if __name__ == "__main__":
    main()
