//! `tabletop plan vocabulary`: the standard actions and roles, for people
//! writing plans and scenarios, and as JSON for their tools.

use std::fmt::Write as _;
use std::process::ExitCode;

use tabletop_core::vocabulary::{ACTIONS, ROLES};

pub fn vocabulary(json: bool) -> anyhow::Result<ExitCode> {
    if json {
        let value = serde_json::json!({ "actions": ACTIONS, "roles": ROLES });
        println!("{}", tabletop_core::json_output::to_string_pretty(&value)?);
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Standard actions: scenarios expect these ids; a plan action uses one or names it in `implements`.\n"
    );
    let _ = writeln!(out, "{:<30} {:<6} TITLE", "ID", "CSF");
    for a in ACTIONS {
        let _ = writeln!(out, "{:<30} {:<6} {}", a.id, a.category, a.title);
        let _ = writeln!(out, "{:<30}        {}", "", a.definition);
    }
    let _ = writeln!(
        out,
        "\nStandard roles: scenarios name these ids; a plan role uses one or names it in `implements`.\n"
    );
    for r in ROLES {
        let _ = writeln!(out, "{:<30} {}", r.id, r.title);
        let _ = writeln!(out, "{:<30} {}", "", r.definition);
    }
    print!("{out}");
    Ok(ExitCode::SUCCESS)
}
