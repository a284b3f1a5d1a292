#!/usr/bin/env python3
"""Fidelity check of the stand-in with the official Huawei Cloud Python SDK (not run by CI).

Points huaweicloudsdkworkspace's ListLoginRecordsNewRequest at a running stand-in, pages
through every record, and shows that (1) the SDK's SDK-HMAC-SHA256 signatures are accepted,
(2) a wrong SK is rejected with 401 APIGW.0301, (3) the SDK's models parse every record.

Usage (from the repository root):
    cargo run -p logins-proxy -- --stand-in --records 100000 &
    python3 tools/sdk-fidelity/check.py --endpoint http://127.0.0.1:8787

On first run it creates a virtual environment next to this file (or at $FIDELITY_VENV) and
installs huaweicloudsdkworkspace there; HOME is pointed at a scratch folder because the SDK
writes a file under $HOME on import.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
VENV = os.environ.get("FIDELITY_VENV", os.path.join(HERE, ".venv"))

# The stand-in's printed demo credentials (logins-proxy --stand-in defaults).
DEMO_AK = "DEMOAKLOGINSVIEWER01"
DEMO_SK = "demoSKloginsViewerNotASecret0000000000001"
DEMO_PROJECT = "0e69423d4400f4a82f67c0059a1e4cc8"


def ensure_sdk():
    try:
        import huaweicloudsdkworkspace  # noqa: F401
        return
    except ImportError:
        pass
    python = os.path.join(VENV, "bin", "python")
    if os.path.abspath(sys.executable) == os.path.abspath(python):
        sys.exit("huaweicloudsdkworkspace is not importable even inside the venv")
    if not os.path.exists(python):
        print(f"creating {VENV} and installing huaweicloudsdkworkspace ...", flush=True)
        subprocess.check_call([sys.executable, "-m", "venv", VENV])
        subprocess.check_call([python, "-m", "pip", "install", "-q", "huaweicloudsdkworkspace"])
    os.execv(python, [python, *sys.argv])


def client(endpoint, ak, sk, project):
    from huaweicloudsdkcore.auth.credentials import BasicCredentials
    from huaweicloudsdkcore.http.http_config import HttpConfig
    from huaweicloudsdkworkspace.v2 import WorkspaceClient

    config = HttpConfig.get_default_config()
    config.timeout = (5, 60)
    config.retry_times = 0
    return (
        WorkspaceClient.new_builder()
        .with_credentials(BasicCredentials(ak, sk, project))
        .with_endpoints([endpoint])
        .with_http_config(config)
        .build()
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--endpoint", default="http://127.0.0.1:8787")
    parser.add_argument("--ak", default=DEMO_AK)
    parser.add_argument("--sk", default=DEMO_SK)
    parser.add_argument("--project-id", default=DEMO_PROJECT)
    parser.add_argument("--limit", type=int, default=1000)
    args = parser.parse_args()

    os.environ["HOME"] = tempfile.mkdtemp(prefix="sdk-home-")
    ensure_sdk()
    from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException
    from huaweicloudsdkworkspace.v2 import ListLoginRecordsNewRequest
    from huaweicloudsdkworkspace.v2.model import Record

    fields = set(Record.openapi_types)
    good = client(args.endpoint, args.ak, args.sk, args.project_id)

    started = time.monotonic()
    offset, total, records, pages = 0, None, [], 0
    while True:
        response = good.list_login_records_new(
            ListLoginRecordsNewRequest(offset=offset, limit=args.limit)
        )
        pages += 1
        if total is None:
            total = response.total_count
        assert response.total_count == total, "total_count changed while paging"
        page = response.records or []
        for record in page:
            assert isinstance(record, Record), type(record)
        records.extend(page)
        offset += len(page)
        if len(page) < args.limit or offset >= total:
            break
    elapsed = time.monotonic() - started

    assert len(records) == total, f"read {len(records)} of {total}"
    keys = {
        (r.transaction_id, r.user_name, r.connection_start_time, r.computer_name, r.terminal_mac)
        for r in records
    }
    ongoing = sum(1 for r in records if r.connection_end_time is None)
    failures = sum(1 for r in records if r.connection_failure_reason)
    print(f"signed requests accepted: {pages} pages, {len(records)} of total_count {total} records "
          f"parsed into {Record.__name__} ({len(fields)} fields) in {elapsed:.1f} s "
          f"({len(records) / elapsed:.0f} records/s)")
    print(f"distinct records: {len(keys)}; ongoing: {ongoing}; failed: {failures}")

    bad = client(args.endpoint, args.ak, args.sk[:-1] + ("x" if args.sk[-1] != "x" else "y"), args.project_id)
    try:
        bad.list_login_records_new(ListLoginRecordsNewRequest(limit=1))
    except ClientRequestException as e:
        assert e.status_code == 401 and e.error_code == "APIGW.0301", (e.status_code, e.error_code)
        print(f"wrong SK rejected: {e.status_code} {e.error_code} ({e.error_msg})")
    else:
        sys.exit("a wrong SK was accepted")

    try:
        good.list_login_records_new(ListLoginRecordsNewRequest(limit=1001))
    except ClientRequestException as e:
        print(f"limit=1001 rejected: {e.status_code} {e.error_code}")
    else:
        sys.exit("limit=1001 was accepted")
    print("OK")


if __name__ == "__main__":
    main()
