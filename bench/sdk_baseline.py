#!/usr/bin/env python3
"""Baseline for the app's "Fetch all": the official Huawei Cloud Python SDK reading every record.

Pages through `GET /v2/{project_id}/connections/desktops` with `ListLoginRecordsNewRequest`,
limit 1000, one page after the other, the way its documentation's example (and its users) do,
against the same stand-in the browser benchmark uses. Each run is timed from the first request
to the last record parsed into the SDK's model objects; prints JSON with every run's seconds.

Run by bench/run.sh with the interpreter of the bench-local virtualenv (bench/.venv, from
bench/requirements.txt):

    bench/.venv/bin/python bench/sdk_baseline.py --endpoint http://127.0.0.1:8787 --runs 5
"""

import argparse
import json
import os
import sys
import tempfile
import time

# The stand-in's demo credentials (logins-proxy --stand-in defaults; not secrets).
DEMO_AK = "DEMOAKLOGINSVIEWER01"
DEMO_SK = "demoSKloginsViewerNotASecret0000000000001"
DEMO_PROJECT = "0e69423d4400f4a82f67c0059a1e4cc8"


def client(endpoint):
    from huaweicloudsdkcore.auth.credentials import BasicCredentials
    from huaweicloudsdkcore.http.http_config import HttpConfig
    from huaweicloudsdkworkspace.v2 import WorkspaceClient

    config = HttpConfig.get_default_config()
    config.timeout = (5, 60)
    return (
        WorkspaceClient.new_builder()
        .with_credentials(BasicCredentials(DEMO_AK, DEMO_SK, DEMO_PROJECT))
        .with_endpoints([endpoint])
        .with_http_config(config)
        .build()
    )


def fetch_all(workspace, limit):
    """Every record, page by page; returns (records, pages)."""
    from huaweicloudsdkworkspace.v2 import ListLoginRecordsNewRequest

    records, offset, pages = [], 0, 0
    while True:
        response = workspace.list_login_records_new(
            ListLoginRecordsNewRequest(offset=offset, limit=limit)
        )
        pages += 1
        page = response.records or []
        records.extend(page)
        offset += len(page)
        if len(page) < limit or offset >= response.total_count:
            return records, pages


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--endpoint", required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--limit", type=int, default=1000)
    parser.add_argument("--expect", type=int, help="the number of records every run must read")
    parser.add_argument("--latency-ms", type=int, default=0,
                        help="the stand-in's added latency, recorded in the output")
    args = parser.parse_args()

    # The SDK writes a file under $HOME when imported; keep it out of the user's home.
    os.environ["HOME"] = tempfile.mkdtemp(prefix="sdk-baseline-home-")
    import huaweicloudsdkworkspace

    workspace = client(args.endpoint)
    seconds = []
    for run in range(args.runs):
        started = time.perf_counter()
        records, pages = fetch_all(workspace, args.limit)
        elapsed = time.perf_counter() - started
        if args.expect is not None and len(records) != args.expect:
            sys.exit(f"run {run + 1}: read {len(records)} records, expected {args.expect}")
        seconds.append(elapsed)
        print(f"sdk run {run + 1}: {len(records)} records in {pages} pages, {elapsed:.2f} s",
              file=sys.stderr, flush=True)
    version = getattr(huaweicloudsdkworkspace, "__version__", None)
    if version is None:
        from importlib.metadata import version as dist_version
        version = dist_version("huaweicloudsdkworkspace")
    print(json.dumps({
        "sdk": f"huaweicloudsdkworkspace {version}",
        "python": sys.version.split()[0],
        "records": len(records),
        "pages": pages,
        "latency_ms": args.latency_ms,
        "seconds": seconds,
    }))


if __name__ == "__main__":
    main()
