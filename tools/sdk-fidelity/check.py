#!/usr/bin/env python3
"""Fidelity check of the stand-in with the official Huawei Cloud Python SDK (not run by CI).

Points huaweicloudsdkworkspace's ListLoginRecordsNewRequest at a running stand-in, pages
through every record, and shows that (1) the SDK's SDK-HMAC-SHA256 signatures are accepted,
(2) a wrong SK is rejected with 401 APIGW.0301, (3) the SDK's models parse every record.
Then ShowUserAccessStagesRequest (logon phases) for a sample of those records' transaction IDs:
(4) every answer parses into the SDK's UserAccessStage models and agrees with its record (a
failed login has a failed phase with an error code; the phases of a successful one add up to its
setup time within a second), (5) an unknown ID has no stages, (6) a wrong SK is rejected.

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
    parser.add_argument("--stages", type=int, default=300,
                        help="how many records' logon phases to read (failed ones first)")
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

    check_access_stages(good, bad, records, args.stages)
    print("OK")


def utc_seconds(text):
    from datetime import datetime, timezone
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc).timestamp()


def check_access_stages(good, bad, records, count):
    from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException
    from huaweicloudsdkworkspace.v2 import ShowUserAccessStagesRequest
    from huaweicloudsdkworkspace.v2.model import UserAccessStage

    with_id = [r for r in records if r.transaction_id]
    failed = [r for r in with_id if r.connection_failure_reason]
    succeeded = [r for r in with_id if not r.connection_failure_reason]
    sample = failed[: count // 3]
    sample += succeeded[: max(0, count - len(sample))]
    started = time.monotonic()
    stage_count, failed_phases = 0, 0
    for record in sample:
        response = good.show_user_access_stages(
            ShowUserAccessStagesRequest(transaction_id=record.transaction_id)
        )
        assert response.username == record.user_name, (response.username, record.user_name)
        stages = response.stages or []
        assert stages, f"no stages for {record.transaction_id}"
        for stage in stages:
            assert isinstance(stage, UserAccessStage), type(stage)
        stage_count += len(stages)
        if record.connection_failure_reason:
            bad_stages = [s for s in stages if s.is_success is False]
            assert len(bad_stages) == 1 and bad_stages[0].error_code, stages
            assert bad_stages[0].error_msg == record.connection_failure_reason
            failed_phases += 1
        else:
            setup_ms = 1000 * (utc_seconds(record.connection_setup_time) - utc_seconds(record.connection_start_time))
            total = sum(s.duration for s in stages)
            assert abs(total - setup_ms) < 1000, (total, setup_ms)
            assert stages[0].start_time == 1000 * utc_seconds(record.connection_start_time)
    elapsed = time.monotonic() - started
    print(f"access stages: {len(sample)} records ({failed_phases} failed logins) read by "
          f"ShowUserAccessStagesRequest, {stage_count} UserAccessStage models, all consistent "
          f"with their records, in {elapsed:.1f} s")

    empty = good.show_user_access_stages(ShowUserAccessStagesRequest(transaction_id="no-such-login"))
    assert not empty.stages, empty
    print("unknown transaction_id: 200 with no stages")
    try:
        bad.show_user_access_stages(ShowUserAccessStagesRequest(transaction_id=sample[0].transaction_id))
    except ClientRequestException as e:
        assert e.status_code == 401 and e.error_code == "APIGW.0301", (e.status_code, e.error_code)
        print(f"access stages with a wrong SK rejected: {e.status_code} {e.error_code}")
    else:
        sys.exit("a wrong SK was accepted by the access-stages API")


if __name__ == "__main__":
    main()
