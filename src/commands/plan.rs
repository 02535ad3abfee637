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

/// `tabletop plan init`: a starter plan, checked before it is written.
pub fn init(
    org: &str,
    framework: crate::cli::FrameworkArg,
    regimes: &[String],
    country: Option<&str>,
    output: Option<&std::path::Path>,
    force: bool,
) -> anyhow::Result<ExitCode> {
    use tabletop_core::plan::{StarterFramework, StarterOptions, starter_plan};
    let options = StarterOptions {
        organisation: org,
        framework: match framework {
            crate::cli::FrameworkArg::Csf2 => StarterFramework::Csf2,
            crate::cli::FrameworkArg::Sp80061r2 => StarterFramework::Sp80061r2,
        },
        regimes,
        country,
    };
    let text = starter_plan(&options).map_err(|e| anyhow::anyhow!("{e}"))?;
    let name = output.map_or("(standard output)".into(), |p| p.display().to_string());
    let (plan, warnings) =
        tabletop_core::load_plan(&tabletop_core::SourceFile::new(name.clone(), text.clone()))?;
    match output {
        Some(path) => {
            if path.exists() && !force {
                anyhow::bail!(
                    "{} exists: choose another file with -o, or pass --force to replace it",
                    path.display()
                );
            }
            tabletop_core::private_file::write_private(path, text.as_bytes())?;
            eprintln!(
                "tabletop: wrote a starter plan for {} to {}: {} roles, {} actions, {} obligation(s){}; every line marked REVIEW needs checking",
                tabletop_core::text::visible(org),
                tabletop_core::text::visible(&name),
                plan.roles.len(),
                plan.actions.len(),
                plan.obligations.len(),
                if warnings.is_empty() {
                    String::new()
                } else {
                    format!(", {} warning(s) from `tabletop validate`", warnings.len())
                }
            );
        }
        None => print!("{text}"),
    }
    Ok(ExitCode::SUCCESS)
}

/// `tabletop plan import DOCUMENT`: a plan from a Markdown or Word document.
pub fn import(
    document: &std::path::Path,
    org: Option<&str>,
    output: Option<&std::path::Path>,
    force: bool,
) -> anyhow::Result<ExitCode> {
    use anyhow::Context;
    use tabletop_core::plan::import::{docx_blocks, import_plan, markdown_blocks};
    let bytes = tabletop_core::regular_file::read(document, 64 * 1024 * 1024)
        .with_context(|| format!("cannot read {}", document.display()))?;
    let blocks = if bytes.starts_with(b"PK\x03\x04") {
        docx_blocks(&bytes).map_err(|e| anyhow::anyhow!("{}: {e}", document.display()))?
    } else {
        let text = String::from_utf8(bytes).map_err(|_| {
            anyhow::anyhow!(
                "{} is neither a Word document nor UTF-8 Markdown",
                document.display()
            )
        })?;
        markdown_blocks(&text)
    };
    let name = document
        .file_name()
        .map_or("the document".into(), |n| n.to_string_lossy().into_owned());
    let imported = import_plan(&blocks, org, &name);
    let shown = output.map_or("(standard output)".into(), |p| p.display().to_string());
    let valid = match tabletop_core::load_plan(&tabletop_core::SourceFile::new(
        shown.clone(),
        imported.text.clone(),
    )) {
        Ok(_) => true,
        Err(invalid) => {
            eprint!("{}", invalid.render());
            false
        }
    };
    match output {
        Some(path) => {
            if path.exists() && !force {
                anyhow::bail!(
                    "{} exists: choose another file with -o, or pass --force to replace it",
                    path.display()
                );
            }
            tabletop_core::private_file::write_private(path, imported.text.as_bytes())?;
        }
        None => print!("{}", imported.text),
    }
    eprintln!(
        "tabletop: read {} action(s) from {}: an owner for {}, a deadline for {}; {}",
        imported.actions,
        tabletop_core::text::visible(&name),
        imported.owners_read,
        imported.deadlines_read,
        if valid {
            "the plan validates"
        } else {
            "fix the plan above before it validates"
        }
    );
    if !imported.todos.is_empty() {
        eprintln!(
            "{} thing(s) to check, each marked # TODO in the plan:",
            imported.todos.len()
        );
        for todo in &imported.todos {
            eprintln!("  - {}", tabletop_core::text::visible(todo));
        }
    }
    Ok(if valid {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// `tabletop plan diff A B`.
pub fn diff(a: &str, b: &str, json: bool) -> anyhow::Result<ExitCode> {
    use tabletop_core::library::{SearchPath, find_plan};
    let load = |name: &str| -> anyhow::Result<tabletop_core::Plan> {
        let file = find_plan(name, None, &SearchPath::standard())?;
        Ok(tabletop_core::load_plan(&file)?.0)
    };
    let (a, b) = (load(a)?, load(b)?);
    let d = tabletop_core::plan::diff(&a, &b);
    if json {
        println!("{}", tabletop_core::json_output::to_string_pretty(&d)?);
    } else {
        for line in d.lines() {
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
