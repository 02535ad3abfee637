//! The layers hold: the domain crate pulls in no terminal, command-line,
//! signal or async-runtime crate, not even through another dependency, so
//! any front end (the console, a web server) can be built on it.

use std::collections::{BTreeSet, HashMap};
use std::process::Command;

use serde_json::Value;

/// Every package `package` needs to build (normal dependencies only,
/// followed through the whole graph).
fn dependencies(package: &str) -> BTreeSet<String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    // Only this machine's platform: the lock file's other platforms' crates
    // need not be downloaded to answer.
    let output = Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--locked", "--offline"])
        .args(["--filter-platform", &host_triple()])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo metadata runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let metadata: Value = serde_json::from_slice(&output.stdout).unwrap();
    let names: HashMap<&str, &str> = metadata["packages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["id"].as_str().unwrap(), p["name"].as_str().unwrap()))
        .collect();
    let nodes: HashMap<&str, &Value> = metadata["resolve"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| (n["id"].as_str().unwrap(), n))
        .collect();
    let core = names
        .iter()
        .find(|(_, name)| **name == package)
        .map(|(id, _)| *id)
        .expect("the package is in the workspace");
    let mut seen = BTreeSet::new();
    let mut stack = vec![core];
    while let Some(id) = stack.pop() {
        for dep in nodes[id]["deps"].as_array().unwrap() {
            let normal = dep["dep_kinds"]
                .as_array()
                .unwrap()
                .iter()
                .any(|k| k["kind"].is_null());
            let dep_id = dep["pkg"].as_str().unwrap();
            if normal && seen.insert(names[dep_id].to_string()) {
                stack.push(dep_id);
            }
        }
    }
    seen
}

fn host_triple() -> String {
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let output = Command::new(rustc).arg("-vV").output().expect("rustc runs");
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .find_map(|l| l.strip_prefix("host: "))
        .expect("rustc -vV names the host")
        .to_string()
}

#[test]
fn the_domain_crate_knows_no_terminal_cli_or_async_runtime() {
    let deps = dependencies("tabletop-core");
    assert!(deps.contains("serde"), "the walk found nothing: {deps:?}");
    for banned in [
        "ratatui",
        "crossterm",
        "ratatui-textarea",
        "clap",
        "signal-hook",
        "tokio",
        "async-std",
        "smol",
        "axum",
        "hyper",
        "rustls",
        "tabletop-tui",
        "tabletop-seats",
    ] {
        assert!(
            !deps.contains(banned),
            "tabletop-core depends on {banned}; keep it in a front-end crate"
        );
    }
}

#[test]
fn the_two_front_ends_know_nothing_of_each_other() {
    let tui = dependencies("tabletop-tui");
    assert!(tui.contains("tabletop-core"));
    for banned in ["tabletop-seats", "axum", "tokio", "hyper"] {
        assert!(!tui.contains(banned), "tabletop-tui depends on {banned}");
    }
    let seats = dependencies("tabletop-seats");
    assert!(seats.contains("tabletop-core") && seats.contains("axum"));
    for banned in ["tabletop-tui", "ratatui", "crossterm", "clap"] {
        assert!(
            !seats.contains(banned),
            "tabletop-seats depends on {banned}"
        );
    }
}
