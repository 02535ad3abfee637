//! `tabletop schema scenario|plan`: prints a JSON Schema.

use std::process::ExitCode;

use crate::cli::SchemaKind;

pub fn run(kind: SchemaKind) -> anyhow::Result<ExitCode> {
    let schema = match kind {
        SchemaKind::Scenario => tabletop_core::schema::scenario_schema(),
        SchemaKind::Plan => tabletop_core::schema::plan_schema(),
        SchemaKind::Script => tabletop_core::schema::script_schema(),
    };
    println!("{}", serde_json::to_string_pretty(&schema)?);
    Ok(ExitCode::SUCCESS)
}
