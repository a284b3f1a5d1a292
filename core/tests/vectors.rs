//! Conformance: every vector in `tests/vectors/*.json` (made by Huawei's official Python signer,
//! plus the published worked examples) must be reproduced exactly, by the client-side signer and
//! by the server-side verifier.

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::{TimeZone, Utc};
use logins_core::api::credentials::Credentials;
use logins_core::api::encoding::canonical_query_string;
use logins_core::api::endpoint::{region, Endpoint};
use logins_core::api::query::QueryForm;
use logins_core::api::request::{plan_request, HeaderSet, RequestPlan};
use logins_core::api::secret::Secret;
use logins_core::api::sign::{
    parse_authorization, sign, verify, IncomingRequest, SignError, SigningInput,
};
use logins_core::stages::AccessStagesRequest;
use serde::Deserialize;

#[derive(Deserialize)]
struct File {
    vectors: Vec<Vector>,
}

#[derive(Clone, Deserialize)]
struct Vector {
    name: String,
    method: String,
    #[allow(dead_code)] // informational: the signed host is the Host header's value
    host: String,
    path: String,
    query: Vec<(String, String)>,
    headers: BTreeMap<String, String>,
    body: String,
    ak: String,
    sk: String,
    expected: Expected,
}

#[derive(Clone, Deserialize, PartialEq, Eq, Debug)]
struct Expected {
    canonical_request: String,
    string_to_sign: String,
    authorization: String,
}

fn vectors_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors")
}

/// Every vector of every `*.json` file, tagged with its file name.
fn load_all() -> Vec<(String, Vector)> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(vectors_dir())
        .expect("tests/vectors exists")
        .map(|entry| entry.expect("readable entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    let mut all = Vec::new();
    for path in files {
        let text = std::fs::read_to_string(&path).expect("readable vector file");
        let file: File = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("{} is not in the vector format: {e}", path.display()));
        let file_name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        assert!(!file.vectors.is_empty(), "{file_name} has no vectors");
        all.extend(file.vectors.into_iter().map(|v| (file_name.clone(), v)));
    }
    all
}

fn compute(v: &Vector) -> Result<Expected, SignError> {
    let query: Vec<(&str, &str)> = v
        .query
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let headers: Vec<(&str, &str)> = v
        .headers
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let signed = sign(
        &SigningInput {
            method: &v.method,
            path: &v.path,
            query: &query,
            headers: &headers,
            body: v.body.as_bytes(),
        },
        &v.ak,
        &Secret::new(v.sk.clone()),
    )?;
    Ok(Expected {
        canonical_request: signed.canonical_request,
        string_to_sign: signed.string_to_sign,
        authorization: signed.authorization,
    })
}

/// Checks the verifier the stand-in server uses: the request as it arrives on the wire (query
/// string as the app sends it, extra unsigned headers) must verify against the vector's header.
fn verify_as_server(v: &Vector, authorization: &str) -> Result<(), SignError> {
    let auth = parse_authorization(authorization)?;
    let raw_query = canonical_query_string(&v.query);
    let mut headers: Vec<(&str, &str)> = v
        .headers
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    headers.push(("Accept", "application/json"));
    headers.push(("Authorization", authorization));
    let request = IncomingRequest {
        method: &v.method,
        path: &v.path,
        query: &raw_query,
        headers: &headers,
        body: v.body.as_bytes(),
    };
    verify(&request, &auth, &Secret::new(v.sk.clone())).map(|_| ())
}

#[test]
fn every_vector_in_every_file_matches_exactly() {
    let all = load_all();
    assert!(
        !all.is_empty(),
        "no vectors found in {}",
        vectors_dir().display()
    );
    let mut failures = Vec::new();
    for (file, v) in &all {
        match compute(v) {
            Ok(got) if got == v.expected => {}
            Ok(got) => failures.push(format!(
                "{file} / {}:\n  expected {:?}\n  got      {:?}",
                v.name, v.expected, got
            )),
            Err(e) => failures.push(format!("{file} / {}: {e}", v.name)),
        }
        if let Err(e) = verify_as_server(v, &v.expected.authorization) {
            failures.push(format!(
                "{file} / {}: server-side verify failed: {e}",
                v.name
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} vectors failed:\n{}",
        failures.len(),
        all.len(),
        failures.join("\n")
    );
}

#[test]
fn the_published_examples_and_enough_official_vectors_are_present() {
    let all = load_all();
    let names: Vec<&str> = all.iter().map(|(_, v)| v.name.as_str()).collect();
    assert!(names.contains(&"huawei signing guide worked example"));
    assert!(names.contains(&"go sdk unit test, host not signed"));
    let official = all
        .iter()
        .filter(|(file, _)| file == "official_python_signer.json")
        .count();
    assert!(
        official >= 15,
        "only {official} vectors from the official signer"
    );
    let hostless = all
        .iter()
        .filter(|(_, v)| !v.headers.keys().any(|k| k.eq_ignore_ascii_case("host")))
        .count();
    assert!(hostless >= 3, "only {hostless} host-less vectors");
}

/// Changing one character anywhere that matters must break the match: in the signature the
/// server is handed (its check is exact), in a query value, or in a signed header value.
#[test]
fn a_vector_changed_by_one_character_fails() {
    for (_, v) in load_all() {
        let mut tampered = v.clone();
        let auth = &mut tampered.expected.authorization;
        let last = auth.pop().expect("non-empty authorization");
        auth.push(if last == '0' { '1' } else { '0' });
        assert_eq!(
            verify_as_server(&v, &tampered.expected.authorization),
            Err(SignError::SignatureMismatch),
            "{}",
            v.name
        );

        if let Some(pair) = tampered.query.first_mut() {
            pair.1.push('x');
            let got = compute(&tampered).expect("still signable");
            assert_ne!(got.authorization, v.expected.authorization, "{}", v.name);
        }

        let mut tampered = v.clone();
        if let Some(value) = tampered.headers.get_mut("X-Sdk-Date") {
            // 20240115T083000Z -> ...083001Z: still a valid date, one character different.
            value.replace_range(14..15, if &value[14..15] == "1" { "2" } else { "1" });
            let got = compute(&tampered).expect("still signable");
            assert_ne!(got.authorization, v.expected.authorization, "{}", v.name);
            assert_eq!(
                verify_as_server(&tampered, &v.expected.authorization),
                Err(SignError::SignatureMismatch),
                "{}",
                v.name
            );
        }
    }
}

fn vector(name: &str) -> Vector {
    load_all()
        .into_iter()
        .map(|(_, v)| v)
        .find(|v| v.name == name)
        .unwrap_or_else(|| panic!("vector {name:?} not found"))
}

/// The plan's canonical request, string to sign and `Authorization` are the vector's, exactly.
fn assert_plan_matches(plan: &RequestPlan, expected: &Expected, name: &str) {
    assert_eq!(
        plan.canonical_request(),
        Some(expected.canonical_request.as_str()),
        "{name}"
    );
    assert_eq!(
        plan.string_to_sign(),
        Some(expected.string_to_sign.as_str()),
        "{name}"
    );
    assert_eq!(
        plan.header("Authorization"),
        Some(expected.authorization.as_str()),
        "{name}"
    );
}

/// The app's path (form → `Query` → `RequestPlan`) produces the official signer's exact output.
#[test]
fn request_plans_match_the_official_signer() {
    let now = Utc
        .with_ymd_and_hms(2024, 1, 15, 8, 30, 0)
        .single()
        .expect("valid time");
    let endpoint = region("cn-north-4").expect("known region").endpoint();
    let cases = [
        ("all parameters at once", HeaderSet::Default, ""),
        (
            "issue example: user name with @ and a limit",
            HeaderSet::Default,
            "",
        ),
        (
            "temporary credentials: security token signed",
            HeaderSet::Default,
            "token",
        ),
        (
            "minimal: host and date only",
            HeaderSet::Minimal { sign_host: true },
            "",
        ),
        (
            "host-less: date and security token",
            HeaderSet::Minimal { sign_host: false },
            "token",
        ),
        (
            "host-less: all parameters",
            HeaderSet::Minimal { sign_host: false },
            "",
        ),
    ];
    for (name, header_set, token) in cases {
        let v = vector(name);
        let mut form = QueryForm {
            project_id: v
                .path
                .split('/')
                .nth(2)
                .expect("project segment")
                .to_owned(),
            ..QueryForm::default()
        };
        for (key, value) in &v.query {
            let slot = match key.as_str() {
                "start_time" => &mut form.start_time,
                "end_time" => &mut form.end_time,
                "user_name" => &mut form.user_name,
                "computer_name" => &mut form.computer_name,
                "terminal_type" => &mut form.terminal_type,
                "offset" => &mut form.offset,
                "limit" => &mut form.limit,
                "min_network_rtt" => &mut form.min_network_rtt,
                "max_network_rtt" => &mut form.max_network_rtt,
                "enterprise_project_id" => &mut form.enterprise_project_id,
                "public_ip" => &mut form.public_ip,
                "domain" => &mut form.domain,
                other => panic!("{name}: not an API parameter: {other}"),
            };
            *slot = value.clone();
        }
        let query = form.validate().unwrap_or_else(|e| panic!("{name}: {e}"));
        let token = if token.is_empty() {
            String::new()
        } else {
            v.headers
                .get("X-Security-Token")
                .cloned()
                .expect("token header")
        };
        let creds = Credentials::access_key(&v.ak, &v.sk, &token).expect("valid credentials");
        let plan = plan_request(&endpoint, &query, &creds, header_set, now);
        assert_plan_matches(&plan, &v.expected, name);
    }
}

/// The second API's path (access stages, `ApiCall` for `AccessStagesRequest`) goes through the
/// same `plan_request` and produces the official signer's exact output, in every header set.
#[test]
fn access_stages_plans_match_the_official_signer() {
    let now = Utc
        .with_ymd_and_hms(2024, 1, 15, 8, 30, 0)
        .single()
        .expect("valid time");
    let vectors: Vec<Vector> = load_all()
        .into_iter()
        .filter(|(file, _)| file == "access_stages.json")
        .map(|(_, v)| v)
        .collect();
    assert!(
        vectors.len() >= 7,
        "only {} access-stages vectors",
        vectors.len()
    );
    for v in vectors {
        let name = &v.name;
        let has = |header: &str| v.headers.contains_key(header);
        let header_set = match (has("Content-Type"), has("Host")) {
            (true, _) => HeaderSet::Default,
            (false, sign_host) => HeaderSet::Minimal { sign_host },
        };
        let endpoint = if v.host.starts_with("workspace.") {
            region("cn-north-4").expect("known region").endpoint()
        } else {
            Endpoint::custom(&format!("http://{}", v.host)).expect("custom endpoint")
        };
        let project_id = v.path.split('/').nth(2).expect("project segment");
        let query = QueryForm {
            project_id: project_id.to_owned(),
            ..QueryForm::default()
        }
        .validate()
        .unwrap_or_else(|e| panic!("{name}: {e}"));
        let [(key, transaction_id)] = v.query.as_slice() else {
            panic!("{name}: one query parameter expected");
        };
        assert_eq!(key, "transaction_id", "{name}");
        let call = AccessStagesRequest::new(&query, transaction_id).expect("a transaction ID");
        let token = v
            .headers
            .get("X-Security-Token")
            .cloned()
            .unwrap_or_default();
        let creds = Credentials::access_key(&v.ak, &v.sk, &token).expect("valid credentials");
        let plan = plan_request(&endpoint, &call, &creds, header_set, now);
        assert_eq!(plan.path(), v.path, "{name}");
        assert_plan_matches(&plan, &v.expected, name);
    }
}
