//! A scenario out as an MSEL: one row per inject and wildcard card, the
//! common columns first, then tabletop's own, so that importing the export
//! gives the same scenario back.

use toml::{Table, Value};

use super::columns::Column;
use super::sheet::{Cell, Sheet};

/// The MSEL of a scenario file's text (already checked by the loader).
pub fn export(scenario_text: &str) -> Result<Sheet, toml::de::Error> {
    let mut doc: Table = toml::from_str(scenario_text)?;
    let mut rows = Vec::new();

    let mut meta = match doc.remove("scenario") {
        Some(Value::Table(t)) => t,
        _ => Table::new(),
    };
    let mut scenario_row = Row::default();
    scenario_row.set(Column::Kind, "scenario".into());
    scenario_row.set(Column::Id, take_text(&mut meta, "id"));
    scenario_row.set(Column::Title, take_text(&mut meta, "title"));
    scenario_row.set(Column::Message, take_text(&mut meta, "summary"));
    let mut extra = Table::new();
    extra.insert("scenario".into(), Value::Table(meta));
    for key in ["objective", "wildcards"] {
        if let Some(mut value) = doc.remove(key) {
            if let Value::Table(deck) = &mut value {
                deck.remove("card");
            }
            extra.insert(key.into(), value);
        }
    }
    scenario_row.set(Column::Extra, toml_text(&extra));
    rows.push(scenario_row);

    if let Some(Value::Array(injects)) = doc.get("inject") {
        for inject in injects.iter().filter_map(Value::as_table) {
            rows.push(event_row(inject.clone(), "inject"));
        }
    }
    let scenario_doc: Table = toml::from_str(scenario_text)?;
    let cards = scenario_doc
        .get("wildcards")
        .and_then(|w| w.get("card"))
        .and_then(Value::as_array);
    for card in cards.into_iter().flatten().filter_map(Value::as_table) {
        rows.push(event_row(card.clone(), "wildcard"));
    }
    Ok(Sheet {
        headers: Column::ALL.iter().map(|c| c.header().to_string()).collect(),
        rows: rows.into_iter().map(Row::cells).collect(),
    })
}

#[derive(Default)]
struct Row(Vec<(Column, String)>);

impl Row {
    /// Text from the file goes out line by line with control and invisible
    /// characters made visible: a spreadsheet shows data, nothing hidden.
    fn set(&mut self, column: Column, text: String) {
        if !text.is_empty() {
            let shown: Vec<String> = text.split('\n').map(crate::text::visible).collect();
            self.0.push((column, shown.join("\n")));
        }
    }

    fn cells(self) -> Vec<Cell> {
        Column::ALL
            .iter()
            .map(|c| {
                let text = self
                    .0
                    .iter()
                    .find(|(col, _)| col == c)
                    .map_or(String::new(), |(_, t)| t.clone());
                Cell::Text(text)
            })
            .collect()
    }
}

fn event_row(mut event: Table, kind: &str) -> Row {
    let mut row = Row::default();
    row.set(Column::Kind, kind.into());
    row.set(Column::Id, take_text(&mut event, "id"));
    row.set(Column::Number, take_text(&mut event, "number"));
    row.set(Column::Time, take_time(&mut event, "at"));
    row.set(Column::After, take_text(&mut event, "after"));
    row.set(Column::ScenarioTime, take_text(&mut event, "story"));
    row.set(Column::From, take_text(&mut event, "from"));
    row.set(Column::To, take_list(&mut event, "to"));
    row.set(Column::Method, take_text(&mut event, "channel"));
    row.set(Column::Title, take_text(&mut event, "title"));
    row.set(Column::Message, take_text(&mut event, "body"));
    row.set(
        Column::ExpectedAction,
        take_text(&mut event, "expected_action"),
    );
    row.set(Column::Expects, take_list(&mut event, "expects"));
    row.set(Column::Objective, take_list(&mut event, "objectives"));
    row.set(Column::Notes, take_text(&mut event, "facilitator"));
    row.set(Column::Questions, take_lines(&mut event, "questions"));
    if let Some(Value::Table(decision)) = event.remove("decision") {
        row.set(Column::Options, options_text(&decision));
        row.set(Column::Decision, toml_text(&decision));
    }
    row.set(Column::Requires, take_list(&mut event, "requires"));
    row.set(Column::Unless, take_list(&mut event, "unless"));
    row.set(Column::Sets, take_list(&mut event, "sets"));
    if let Some(Value::Boolean(end)) = event.remove("end") {
        row.set(Column::End, if end { "yes".into() } else { String::new() });
    }
    if let Some(artefacts) = event.remove("artefact") {
        let mut t = Table::new();
        t.insert("artefact".into(), artefacts);
        row.set(Column::Artefacts, toml_text(&t));
    }
    if !event.is_empty() {
        row.set(Column::Extra, toml_text(&event));
    }
    row
}

/// The options as a person reads them: "(a) Isolate now (b) Wait".
fn options_text(decision: &Table) -> String {
    let options = decision.get("option").and_then(Value::as_array);
    options
        .into_iter()
        .flatten()
        .enumerate()
        .filter_map(|(n, o)| {
            let label = o.get("label")?.as_str()?;
            let letter = (b'a' + (n % 26) as u8) as char;
            Some(format!("({letter}) {label}"))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn take_text(table: &mut Table, key: &str) -> String {
    match table.remove(key) {
        Some(Value::String(s)) => s,
        Some(other) => other.to_string(),
        None => String::new(),
    }
}

/// `at` written as hours:minutes, the form spreadsheets use (`0:45`).
fn take_time(table: &mut Table, key: &str) -> String {
    let text = take_text(table, key);
    match text.parse::<crate::time::HumanDuration>() {
        Ok(d) if d.as_secs() % 60 == 0 => {
            let minutes = d.as_secs() / 60;
            format!("{}:{:02}", minutes / 60, minutes % 60)
        }
        _ => text,
    }
}

fn take_list(table: &mut Table, key: &str) -> String {
    strings(table.remove(key)).join("; ")
}

fn take_lines(table: &mut Table, key: &str) -> String {
    strings(table.remove(key)).join("\n")
}

fn strings(value: Option<Value>) -> Vec<String> {
    match value {
        Some(Value::Array(items)) => items
            .into_iter()
            .map(|v| match v {
                Value::String(s) => s,
                other => other.to_string(),
            })
            .collect(),
        _ => Vec::new(),
    }
}

fn toml_text(table: &Table) -> String {
    toml::to_string(table)
        .unwrap_or_default()
        .trim()
        .to_string()
}
