//! JSON Schemas of the file formats, for editors with TOML language servers.

use crate::plan::Plan;
use crate::scenario::Scenario;

pub fn scenario_schema() -> serde_json::Value {
    with_title(schemars::schema_for!(Scenario), "tabletop scenario")
}

pub fn plan_schema() -> serde_json::Value {
    with_title(schemars::schema_for!(Plan), "tabletop incident plan")
}

pub fn script_schema() -> serde_json::Value {
    with_title(
        schemars::schema_for!(crate::headless::Script),
        "tabletop response script",
    )
}

fn with_title(schema: schemars::Schema, title: &str) -> serde_json::Value {
    let mut value = schema.to_value();
    if let Some(object) = value.as_object_mut() {
        object.insert("title".into(), title.into());
    }
    value
}
