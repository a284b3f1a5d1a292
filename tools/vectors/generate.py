#!/usr/bin/env python3
"""Generate the SDK-HMAC-SHA256 conformance vectors in tests/vectors/ with Huawei's own signer.

How to run (from the repository root; CI never runs this, the JSON files are committed):

    python3 -m venv /tmp/vecvenv
    HOME=/tmp/vechome /tmp/vecvenv/bin/pip install huaweicloudsdkcore
    HOME=/tmp/vechome /tmp/vecvenv/bin/python tools/vectors/generate.py

HOME points at a scratch folder because huaweicloudsdkcore writes a file under $HOME on import.
Vectors were last generated with huaweicloudsdkcore 3.1.219.

Every vector is signed by `huaweicloudsdkcore.signer.signer.Signer.sign` itself; this script only
records what it computed (canonical request and string to sign are captured from the signer's
own `_process_string_to_sign` call). Two deviations from a plain `Signer.sign`, both deliberate:

* Host-less vectors: the Python signer always adds and signs `Host`. The Go SDK (and the docs:
  only X-Sdk-Date is required) also sign without it, and the app offers that mode for proxies
  that cannot forward the target Host. For those vectors `_process_header_host` is replaced by a
  no-op; every canonicalization step is still the official code.
* The "headers" of each vector are exactly the headers the signer signed (the script asserts it),
  as given before signing (the signer rewrites values in place after canonicalizing them).

tests/vectors/access_stages.json holds vectors of the second API the app calls,
`GET /v2/{project_id}/statistics/metrics/access-stages?transaction_id=...` (logon phases), in
each header set the app offers; core/tests/vectors.rs plans each one through the app's own
request path and compares.

The file tests/vectors/huawei_published.json holds the two published examples (Huawei's signing
guide and the Go SDK unit test) with the expected values copied from those sources; this script
rewrites it too, after asserting that the official signer reproduces those published values.
"""

import json
import os
import sys
from types import SimpleNamespace

from huaweicloudsdkcore.sdk_request import SdkRequest
from huaweicloudsdkcore.signer.signer import Signer

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT_DIR = os.path.join(ROOT, "tests", "vectors")

HOST = "workspace.cn-north-4.myhuaweicloud.com"
PROJECT = "0e69423d4400f4a82f67c0059a1e4cc8"
PATH = "/v2/%s/connections/desktops" % PROJECT
DATE = "20240115T083000Z"
AK = "HPUAEXAMPLEAKID00001"
SK = "ExampleSecretAccessKey0000000000000000000"
TOKEN = "gQpjbi1ub3J0aC00RXhhbXBsZVNlY3VyaXR5VG9rZW4-_.~=="


class CapturingSigner(Signer):
    """The official signer, recording the texts it signs."""

    def _process_string_to_sign(self, canonical_request, time):
        result = super()._process_string_to_sign(canonical_request, time)
        self.captured = (canonical_request, result)
        return result


def default_headers(host=HOST, project=PROJECT, date=DATE):
    # What the app signs by default (and what BasicCredentials + the SDK client send).
    return {"Content-Type": "application/json", "Host": host, "X-Project-Id": project, "X-Sdk-Date": date}


def sign(name, query, headers, path=PATH, host=HOST, method="GET", body="", ak=AK, sk=SK, hostless=False):
    signer = CapturingSigner(SimpleNamespace(ak=ak, sk=sk))
    if hostless:
        signer._process_header_host = lambda request: None  # see the module docstring
    request = SdkRequest(
        method=method,
        schema="https",
        host=host,
        resource_path=path,
        query_params=[tuple(pair) for pair in query],
        header_params=dict(headers),
        body=body.encode("utf-8") if body else None,
    )
    signer.sign(request)
    canonical_request, string_to_sign = signer.captured
    authorization = request.header_params["Authorization"]
    signed = authorization.split("SignedHeaders=")[1].split(",")[0].split(";")
    given = sorted(k.lower() for k in headers)
    assert signed == given, "%s: signer signed %s but vector lists %s" % (name, signed, given)
    return {
        "name": name,
        "method": method,
        "host": host,
        "path": path,
        "query": [list(pair) for pair in query],
        "headers": dict(headers),
        "body": body,
        "ak": ak,
        "sk": sk,
        "expected": {
            "canonical_request": canonical_request,
            "string_to_sign": string_to_sign,
            "authorization": authorization,
        },
    }


def published():
    huawei = sign(
        "huawei signing guide worked example",
        [["marker", "13551d6b-755d-4757-b956-536f674975c0"], ["limit", "2"]],
        {"Content-Type": "application/json", "Host": "service.region.example.com", "X-Sdk-Date": "20191115T033655Z"},
        path="/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs",
        host="service.region.example.com",
        ak="QTWAOYTTINDUT2QVKYUC",
        sk="MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc",
    )
    assert huawei["expected"]["string_to_sign"].endswith(
        "b25362e603ee30f4f25e7858e8a7160fd36e803bb2dfe206278659d71a9bcd7a"
    ), "official signer disagrees with the published string to sign"
    assert huawei["expected"]["authorization"].endswith(
        "Signature=7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe"
    ), "official signer disagrees with the published signature"
    go = sign(
        "go sdk unit test, host not signed",
        [["limit", "1"]],
        {"X-Sdk-Date": "20060102T150405Z"},
        path="/path",
        host="example.huaweicloud.com",
        ak="AccessKey",
        sk="SecretKey",
        hostless=True,
    )
    assert go["expected"]["authorization"].endswith(
        "Signature=5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624"
    ), "official signer disagrees with the Go SDK's published signature"
    return [huawei, go]


def generated():
    reserved = "!*'();:@&=+$,/?#[]%"
    long_mixed = ("Ab0-_.~ +@/张😀e\u0301" * 30)[:255]
    hostless = {"X-Sdk-Date": DATE}
    return [
        sign("no parameters, default signed headers", [], default_headers()),
        sign("issue example: user name with @ and a limit",
             [["user_name", "alice@example.com"], ["limit", "50"]], default_headers()),
        sign("paging: offset and limit", [["offset", "258"], ["limit", "1000"]], default_headers()),
        sign("CJK user and computer names",
             [["user_name", "张三"], ["computer_name", "桌面-01"], ["terminal_type", "Windows 10"]],
             default_headers()),
        sign("emoji and a supplementary-plane CJK character",
             [["user_name", "😀 alice"], ["computer_name", "𠀀𠀁"]], default_headers()),
        sign("combining marks and precomposed letters under one key",
             [["user_name", "Jose\u0301"], ["user_name", "José"], ["user_name", "Jose"]], default_headers()),
        sign("spaces: inner, leading, trailing, only", [["user_name", " Alice  Smith "], ["computer_name", " "]],
             default_headers()),
        sign("plus signs are literal, never spaces", [["user_name", "a+b"], ["computer_name", "+"]],
             default_headers()),
        sign("every reserved character in a value", [["user_name", reserved]], default_headers()),
        sign("reserved characters in keys and values",
             [["k" + c, c] for c in reserved] + [["=", "&"]], default_headers()),
        sign("control characters, tab and newline", [["user_name", "a\tb\nc\r\u0001\u007f"]], default_headers()),
        sign("empty-string values", [["user_name", ""], ["computer_name", ""], ["limit", "20"]],
             default_headers()),
        sign("duplicate keys sorted by raw value",
             [["k", "b"], ["k", "a"], ["k", ""], ["k", "é"], ["k", "A"], ["k", "~"], ["k", "%"]], default_headers()),
        sign("keys sorted by raw key, not by encoded text",
             [["~", "1"], ["a", "2"], ["_", "3"], ["Z", "4"], [".", "5"], ["-", "6"], ["é", "7"], ["0", "8"]],
             default_headers()),
        sign("long mixed value at the 255-character cap", [["user_name", long_mixed]], default_headers()),
        sign("very long value (4000 characters)", [["domain", "x" * 3000 + "é" * 1000]], default_headers()),
        sign("all parameters at once",
             [["start_time", "2024-01-14T00:00Z"], ["end_time", "2024-01-15T08:30Z"],
              ["user_name", "王五@corp.example.com"], ["computer_name", "WKS-001"], ["terminal_type", "WI"],
              ["offset", "0"], ["limit", "100"], ["min_network_rtt", "0"], ["max_network_rtt", "300"],
              ["enterprise_project_id", "0"], ["public_ip", "203.0.113.7"], ["domain", "corp.example.com"]],
             default_headers()),
        sign("temporary credentials: security token signed",
             [["limit", "10"]], dict(default_headers(), **{"X-Security-Token": TOKEN})),
        sign("header values are trimmed", [["limit", "10"]],
             {"Content-Type": "application/json", "Host": " " + HOST, "X-Project-Id": "\t" + PROJECT + " ",
              "X-Sdk-Date": DATE}),
        # The signer adds X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD (and signs it) whenever
        # Content-Type does not start with application/json or application/bson, so it is listed.
        sign("non-JSON content type adds a signed x-sdk-content-sha256", [["limit", "10"]],
             {"Content-Type": "text/plain", "Host": HOST, "X-Sdk-Content-Sha256": "UNSIGNED-PAYLOAD",
              "X-Sdk-Date": DATE}),
        sign("POST with UNSIGNED-PAYLOAD uses that instead of the body hash", [],
             {"Content-Type": "application/octet-stream", "Host": HOST, "X-Sdk-Content-Sha256": "UNSIGNED-PAYLOAD",
              "X-Sdk-Date": DATE}, method="POST", body="raw bytes"),
        sign("custom endpoint with a port (stand-in server)", [["limit", "5"]],
             default_headers(host="127.0.0.1:8788"), host="127.0.0.1:8788"),
        sign("percent-encoded non-ASCII project ID in the path", [["limit", "5"]],
             default_headers(project="项目-1"), path="/v2/%E9%A1%B9%E7%9B%AE-1/connections/desktops"),
        sign("path with an escaped reserved character and lowercase hex", [],
             default_headers(project="p@x"), path="/v2/p%40x/connections/desk%2dtops"),
        sign("POST with a JSON body is hashed", [],
             {"Content-Type": "application/json", "Host": HOST, "X-Sdk-Date": DATE},
             method="POST", body='{"user_name":"张三"}'),
        sign("minimal: host and date only", [["user_name", "alice"]], {"Host": HOST, "X-Sdk-Date": DATE}),
        sign("host-less: date only, no query", [], hostless, hostless=True),
        sign("host-less: date only, Unicode and reserved query", [["user_name", "张 +@/"], ["limit", "1"]],
             hostless, hostless=True),
        sign("host-less: date and security token", [["offset", "20"]],
             {"X-Sdk-Date": DATE, "X-Security-Token": TOKEN}, hostless=True),
        sign("host-less: all parameters", [["start_time", "2024-01-14T00:00Z"], ["end_time", "2024-01-15T08:30Z"],
             ["limit", "1000"], ["offset", "3000"], ["min_network_rtt", "10"], ["max_network_rtt", "10"]],
             hostless, hostless=True),
    ]


STAGES_PATH = "/v2/%s/statistics/metrics/access-stages" % PROJECT
TRANSACTION = "5f1c9a2e-7b3d-4c8e-9f10-2a4b6c8d0e1f"


def access_stages():
    tx = [["transaction_id", TRANSACTION]]
    return [
        sign("access stages: default signed headers", tx, default_headers(), path=STAGES_PATH),
        sign("access stages: temporary credentials, security token signed", tx,
             dict(default_headers(), **{"X-Security-Token": TOKEN}), path=STAGES_PATH),
        sign("access stages: minimal, host and date only", tx, {"Host": HOST, "X-Sdk-Date": DATE},
             path=STAGES_PATH),
        sign("access stages: host-less, date only", tx, {"X-Sdk-Date": DATE}, path=STAGES_PATH,
             hostless=True),
        sign("access stages: host-less, date and security token", tx,
             {"X-Sdk-Date": DATE, "X-Security-Token": TOKEN}, path=STAGES_PATH, hostless=True),
        sign("access stages: reserved and non-ASCII characters in the transaction ID",
             [["transaction_id", "tx a+b/c?d=e&f%g 张😀"]], default_headers(), path=STAGES_PATH),
        sign("access stages: stand-in host with a port", tx, default_headers(host="127.0.0.1:8788"),
             path=STAGES_PATH, host="127.0.0.1:8788"),
    ]


def write(name, vectors):
    path = os.path.join(OUT_DIR, name)
    with open(path, "w", encoding="utf-8") as f:
        json.dump({"vectors": vectors}, f, ensure_ascii=False, indent=2)
        f.write("\n")
    print("wrote %d vectors to %s" % (len(vectors), os.path.relpath(path, ROOT)), file=sys.stderr)


if __name__ == "__main__":
    os.makedirs(OUT_DIR, exist_ok=True)
    write("huawei_published.json", published())
    write("official_python_signer.json", generated())
    write("access_stages.json", access_stages())
