//! logins-proxy: a CORS proxy with a host allowlist for real use, and a stand-in Workspace API
//! for the demo, tests and benchmarks. See proxy/README.md.

use clap::Parser;
use logins_core::product::PRODUCT_NAME;
use logins_proxy::access_log::stderr_sink;
use logins_proxy::config::Args;

#[tokio::main]
async fn main() {
    let args = Args::parse();
    let listen = args.listen;
    let limits = args.server_limits();
    let banner_args = args.clone();
    let started = std::time::Instant::now();
    let (config, data) = match args.into_config(stderr_sink()) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("logins-proxy: {e}");
            std::process::exit(2);
        }
    };
    let listener = match tokio::net::TcpListener::bind(listen).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("logins-proxy: cannot listen on {listen}: {e}");
            std::process::exit(1);
        }
    };
    let addr = listener.local_addr().unwrap_or(listen);
    eprintln!("{PRODUCT_NAME} proxy listening on http://{addr}");
    eprintln!("  proxy URL convention: http://{addr}/https://<allowed host>/<path>");
    eprintln!(
        "  allowed upstream hosts: {}",
        banner_args.allow_host.join(", ")
    );
    if let Some(projects) = data {
        eprintln!(
            "  stand-in: {} records (seed {}) generated in {} ms",
            projects.iter().map(|(_, n, _)| n).sum::<usize>(),
            banner_args.seed,
            started.elapsed().as_millis()
        );
        eprintln!("  endpoint: https://workspace.cn-north-4.myhuaweicloud.com (through the proxy) or http://{addr} (direct)");
        if banner_args.hostile {
            eprintln!(
                "  hostile: {} hostile records mixed in (tests only)",
                logins_proxy::standin::hostile::records(0).len()
            );
        }
        for (id, records, listed) in &projects {
            if banner_args.live {
                eprintln!(
                    "  demo project ID: {id} ({listed} records now, {records} by a week from now)"
                );
            } else {
                eprintln!("  demo project ID: {id} ({records} records)");
            }
        }
        if banner_args.live {
            eprintln!("  live: records keep arriving (20 s to 2.5 min late) and ongoing sessions end as time passes");
            if let Some(at) = banner_args.incident_at {
                eprintln!(
                    "  incident: from {} for {} min, about half the logins fail, the others at 600-900 ms RTT",
                    logins_core::time::format::format_unix(at),
                    banner_args.incident_minutes
                );
            }
        }
        if let Some(start) = banner_args.test_clock {
            eprintln!(
                "  test clock (tests only): stopped at {}; POST http://{addr}/__standin/clock?now=UNIX sets it",
                logins_core::time::format::format_unix(start)
            );
        }
        eprintln!("  demo AK: {}", banner_args.ak);
        eprintln!("  demo SK: {}", banner_args.sk);
        eprintln!("  demo IAM token (X-Auth-Token): {}", banner_args.token);
        if let (Some(ak), Some(sk), Some(token)) = (
            &banner_args.temporary_ak,
            &banner_args.temporary_sk,
            &banner_args.security_token,
        ) {
            eprintln!("  temporary AK / SK / security token: {ak} / {sk} / {token}");
        }
    }
    if let Some(dir) = &banner_args.serve_dir {
        eprintln!("  serving {} at http://{addr}/", dir.display());
        if banner_args.stand_in {
            eprintln!("  app: open http://{addr}/ (its first screen is prefilled for this stand-in from /app-config.json)");
        }
    }
    if banner_args.stand_in {
        if let Some(name) = &banner_args.reject_user_name {
            eprintln!("  test hook: user_name {name:?} is answered 400 WKS.0002");
        }
    }
    let app = logins_proxy::app::build(config);
    tokio::select! {
        _ = logins_proxy::server::serve(listener, app, limits) => {}
        _ = tokio::signal::ctrl_c() => eprintln!("logins-proxy: stopping"),
    }
}
