//! Entry point of the browser app: mount only. Everything else is in the library so the browser
//! tests can mount the same components.

fn main() {
    logins_viewer::start();
}
