//! `tabletop plan vocabulary`: the standard actions and roles, for people
//! writing plans and scenarios, and as JSON for their tools.

use std::fmt::Write as _;
use std::process::ExitCode;

use tabletop_core::vocabulary::{ACTIONS, ROLES};

/// `tabletop plan show PLAN`: the plan's roles, actions by phase with their
/// ids, owners and deadlines, triggers and obligations.
pub fn show(name: &str, json: bool) -> anyhow::Result<ExitCode> {
    use tabletop_core::library::{SearchPath, find_plan};
    use tabletop_core::plan::PlanOverview;
    let file = find_plan(name, None, &SearchPath::standard())?;
    let (plan, _) = tabletop_core::load_plan(&file)?;
    let overview = PlanOverview::of(&plan);
    if json {
        println!(
            "{}",
            tabletop_core::json_output::to_string_pretty(&overview)?
        );
    } else {
        for line in overview.lines() {
            println!("{line}");
        }
    }
    Ok(ExitCode::SUCCESS)
}

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
