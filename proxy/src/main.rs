//! logins-proxy: a CORS proxy with a host allowlist for real use, and a stand-in Workspace API
//! for the demo, tests and benchmarks. This is the skeleton; the proxy and the stand-in are
//! built on top of it (see ARCHITECTURE.md).

use logins_core::product::PRODUCT_NAME;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "--help" || a == "-h") {
        println!("{}", usage());
        return;
    }
    eprintln!("{}", usage());
    eprintln!("logins-proxy: not implemented yet; nothing is listening.");
    std::process::exit(2);
}

fn usage() -> String {
    format!("logins-proxy: CORS proxy and stand-in API for {PRODUCT_NAME}\n\nUSAGE: logins-proxy [--help]")
}
