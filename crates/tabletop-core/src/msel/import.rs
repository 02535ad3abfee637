//! An MSEL spreadsheet in as a scenario file: columns recognised by their
//! usual names, values matched against the plan, and a `# TODO` at each spot
//! the designer still has to decide.

use toml::{Table, Value};

use super::columns::Column;
use super::decision_text::{decision_from, split_options, title_from};
use super::matching::{
    channel, csf_categories, exercise_time, roles, says_no_action, short_slug, slug, split_list,
    story_time, suggested_actions,
};
use super::sheet::{Cell, Sheet};
use crate::plan::Plan;

/// The scenario file written, and what could not be mapped.
#[derive(Debug, Clone)]
pub struct Imported {
    pub text: String,
    /// One line each, "row 4: ...", in the order met.
    pub todos: Vec<String>,
}

/// Builds a scenario from `sheet` against `plan`. `name` (the file's stem)
/// names a scenario the sheet does not describe itself; `maps` assigns
/// headers the usual names miss.
pub fn import(sheet: &Sheet, plan: &Plan, name: &str, maps: &[(String, Column)]) -> Imported {
    let mut todos = Vec::new();
    let columns: Vec<Option<Column>> = sheet
        .headers
        .iter()
        .map(|h| {
            maps.iter()
                .find(|(header, _)| header.eq_ignore_ascii_case(h.trim()))
                .map(|(_, c)| *c)
                .or_else(|| Column::recognise(h))
        })
        .collect();
    for (header, column) in sheet.headers.iter().zip(&columns) {
        if column.is_none() && !header.trim().is_empty() {
            todos.push(format!(
                "column \"{}\" was not used: name its field with --map \"{}=FIELD\" (fields: {})",
                crate::text::visible(header),
                crate::text::visible(header),
                Column::ALL.map(Column::field).join(", ")
            ));
        }
    }
    let mut builder = Builder {
        plan,
        todos: Vec::new(),
        injects: Vec::new(),
        cards: Vec::new(),
        meta: None,
        objectives: Vec::new(),
        extra_top: Table::new(),
        ids: Vec::new(),
    };
    for (n, row) in sheet.rows.iter().enumerate() {
        let cells = RowCells {
            columns: &columns,
            row,
        };
        builder.row(n + 2, &cells);
    }
    let text = builder.finish(name, &mut todos);
    Imported { text, todos }
}

struct RowCells<'a> {
    columns: &'a [Option<Column>],
    row: &'a [Cell],
}

impl RowCells<'_> {
    fn cell(&self, column: Column) -> Option<&Cell> {
        let i = self.columns.iter().position(|c| *c == Some(column))?;
        self.row.get(i).filter(|c| !c.text().is_empty())
    }

    /// The cell's text, with the apostrophe an export puts before `=`, `+`,
    /// `-` or `@` taken off again.
    fn text(&self, column: Column) -> Option<String> {
        let text = self.cell(column)?.text();
        match text.strip_prefix('\'') {
            Some(rest) if rest.starts_with(['=', '+', '-', '@']) => Some(rest.to_string()),
            _ => Some(text),
        }
    }
}

struct Event {
    table: Table,
    todos: Vec<String>,
}

struct Builder<'p> {
    plan: &'p Plan,
    todos: Vec<String>,
    injects: Vec<Event>,
    cards: Vec<Event>,
    meta: Option<Table>,
    objectives: Vec<(String, String)>,
    extra_top: Table,
    ids: Vec<String>,
}

impl Builder<'_> {
    fn row(&mut self, line: usize, cells: &RowCells<'_>) {
        let kind = cells.text(Column::Kind).unwrap_or_default().to_lowercase();
        match kind.as_str() {
            "scenario" => self.scenario_row(line, cells),
            "wildcard" | "card" => {
                let event = self.event(line, cells, true);
                self.cards.push(event);
            }
            _ => {
                let event = self.event(line, cells, false);
                self.injects.push(event);
            }
        }
    }

    fn scenario_row(&mut self, line: usize, cells: &RowCells<'_>) {
        let mut meta = Table::new();
        if let Some(extra) = cells.text(Column::Extra) {
            match toml::from_str::<Table>(&extra) {
                Ok(mut t) => {
                    if let Some(Value::Table(s)) = t.remove("scenario") {
                        meta = s;
                    }
                    self.extra_top = t;
                }
                Err(e) => self.todos.push(format!(
                    "row {line}: the Extra cell is not TOML ({}); the scenario's settings were left out",
                    e.message()
                )),
            }
        }
        let mut ordered = Table::new();
        for (key, column) in [
            ("id", Column::Id),
            ("title", Column::Title),
            ("summary", Column::Message),
        ] {
            if let Some(text) = cells.text(column) {
                ordered.insert(key.into(), Value::String(text));
            }
        }
        ordered.extend(meta);
        self.meta = Some(ordered);
    }

    fn unique_id(&mut self, wanted: String) -> String {
        let mut id = wanted.clone();
        let mut n = 2;
        while self.ids.contains(&id) {
            id = format!("{wanted}-{n}");
            n += 1;
        }
        self.ids.push(id.clone());
        id
    }

    fn event(&mut self, line: usize, cells: &RowCells<'_>, card: bool) -> Event {
        let mut todos = Vec::new();
        let mut t = Table::new();
        let message = cells.text(Column::Message).unwrap_or_default();
        let number = cells.text(Column::Number);
        let title = cells.text(Column::Title).unwrap_or_else(|| {
            let fallback = match &number {
                Some(n) => format!("Inject {n}"),
                None => format!("Inject on row {line}"),
            };
            title_from(&message).unwrap_or(fallback)
        });
        let id = cells
            .text(Column::Id)
            .filter(|id| crate::names::is_valid_id(id))
            .unwrap_or_else(|| short_slug(&title));
        let id = self.unique_id(id);
        t.insert("id".into(), id.clone().into());
        if let Some(number) = number.filter(|_| !card) {
            t.insert("number".into(), number.into());
        }
        t.insert("title".into(), title.into());
        if let Some(text) = cells.text(Column::ScenarioTime) {
            match story_time(&text) {
                Some(story) if !card => {
                    t.insert("story".into(), story.into());
                }
                Some(_) => {}
                None => todos.push(format!(
                    "scenario time \"{text}\" is not a story time: write \"Day 2 08:30\" or \"+2h\""
                )),
            }
        }
        if !card {
            if let Some(cell) = cells.cell(Column::Time) {
                match exercise_time(cell) {
                    Some(at) => {
                        t.insert("at".into(), at.to_string().into());
                    }
                    None => todos.push(format!(
                        "time \"{}\" is not a time into the exercise (\"0:45\", \"T+0:45\", \"45m\"): delivered when you move on until fixed",
                        cell.text()
                    )),
                }
            }
            if let Some(after) = cells.text(Column::After) {
                if after.parse::<crate::time::HumanDuration>().is_ok() && !t.contains_key("at") {
                    t.insert("after".into(), after.into());
                } else if !t.contains_key("at") {
                    todos.push(format!("\"{after}\" is not a length of time for `after`"));
                }
            }
        }
        if let Some(from) = cells.text(Column::From) {
            t.insert("from".into(), from.into());
        }
        if let Some(method) = cells.text(Column::Method) {
            match channel(&method) {
                Some(c) => {
                    t.insert("channel".into(), c.into());
                }
                None => todos.push(format!(
                    "delivery method \"{method}\" has no channel: choose email, phone, news, ticket, alert, chat, social, letter or meeting"
                )),
            }
        }
        let mut addressed: Vec<String> = Vec::new();
        if let Some(to) = cells.text(Column::To) {
            let (matched, unmatched) = roles(&to, self.plan);
            if let Some(matched) = matched {
                addressed = matched;
            }
            if !addressed.is_empty() {
                t.insert("to".into(), strings(&addressed));
            }
            if !unmatched.is_empty() {
                let known: Vec<String> = self
                    .plan
                    .roles
                    .iter()
                    .map(|r| format!("{} ({})", r.name, r.id))
                    .collect();
                todos.push(format!(
                    "\"{}\" in To is no role of the plan; its roles: {}",
                    unmatched.join("\", \""),
                    known.join(", ")
                ));
            }
        }
        let (body, options) = match cells.text(Column::Options) {
            Some(options) => (message.clone(), Some(options)),
            None => split_options(&message),
        };
        t.insert(
            "body".into(),
            if body.is_empty() {
                todos.push("the row has no message: write the inject's text in `body`".into());
                "(no message in the MSEL)".to_string()
            } else {
                body.clone()
            }
            .into(),
        );
        if let Some(questions) = cells.text(Column::Questions) {
            let list: Vec<String> = questions
                .lines()
                .map(str::trim)
                .filter(|q| !q.is_empty())
                .map(str::to_string)
                .collect();
            t.insert("questions".into(), strings(&list));
        }
        let mut expects: Vec<String> = cells
            .text(Column::Expects)
            .map(|e| split_list(&e))
            .unwrap_or_default();
        if let Some(prose) = cells.text(Column::ExpectedAction) {
            if expects.is_empty() && says_no_action(&prose) {
                t.insert("no_action_expected".into(), prose.clone().into());
            } else if expects.is_empty() {
                expects = suggested_actions(&prose, self.plan);
                if expects.is_empty() {
                    todos.push(format!(
                        "no plan action matched the expected player action \"{prose}\": add expects = [...] (`tabletop plan show {}` lists them)",
                        self.plan.plan.id.as_str()
                    ));
                } else {
                    todos.push(format!(
                        "`expects` was suggested from \"{prose}\": check {}",
                        expects.join(", ")
                    ));
                }
            }
            if !t.contains_key("no_action_expected") {
                t.insert("expected_action".into(), prose.into());
            }
        }
        if !expects.is_empty() {
            t.insert("expects".into(), strings(&expects));
        }
        if let Some(objective) = cells.text(Column::Objective) {
            self.objective(&mut t, &objective);
        }
        if let Some(notes) = cells.text(Column::Notes) {
            let lower = notes.to_lowercase();
            let conditions_have_columns = cells.columns.contains(&Some(Column::Requires));
            let conditional =
                lower.contains(" if ") || lower.starts_with("if ") || lower.contains("only when");
            if conditional && !conditions_have_columns {
                todos.push(
                    "the controller notes hold a condition: say it with `sets` on the inject or option that makes it true and `requires` on the one that depends on it".into(),
                );
            }
            t.insert("facilitator".into(), notes.into());
        }
        for (key, column) in [
            ("sets", Column::Sets),
            ("requires", Column::Requires),
            ("unless", Column::Unless),
        ] {
            if let Some(list) = cells.text(column) {
                t.insert(key.into(), strings(&split_list(&list)));
            }
        }
        if let Some(end) = cells.text(Column::End) {
            let yes = ["yes", "y", "true", "x", "1", "end"].contains(&end.to_lowercase().as_str());
            if yes && !card {
                t.insert("end".into(), true.into());
            }
        }
        if let Some(extra) = cells.text(Column::Extra) {
            match toml::from_str::<Table>(&extra) {
                Ok(extra) => t.extend(extra),
                Err(e) => todos.push(format!("the Extra cell is not TOML: {}", e.message())),
            }
        }
        if let Some(decision) = cells.text(Column::Decision) {
            match toml::from_str::<Table>(&decision) {
                Ok(d) => {
                    t.insert("decision".into(), Value::Table(d));
                }
                Err(e) => todos.push(format!("the Decision cell is not TOML: {}", e.message())),
            }
        } else if let Some(options) = options {
            let decision = decision_from(&body, &options, &addressed, &mut todos);
            t.insert("decision".into(), Value::Table(decision));
        }
        if let Some(artefacts) = cells.text(Column::Artefacts) {
            match toml::from_str::<Table>(&artefacts) {
                Ok(mut a) => {
                    if let Some(list) = a.remove("artefact") {
                        t.insert("artefact".into(), list);
                    }
                }
                Err(e) => todos.push(format!("the Artefacts cell is not TOML: {}", e.message())),
            }
        }
        if !t.contains_key("expects") && !t.contains_key("no_action_expected") {
            todos.push("expects nothing of the team: add expects = [...], or no_action_expected = \"why\" if that is the point".into());
        }
        let todos = todos
            .into_iter()
            .map(|m| format!("row {line} ({id}): {m}"))
            .collect();
        Event { table: t, todos }
    }

    /// An objective cell: objective ids the sheet defines, or the text of
    /// an objective (a new one), and any CSF 2.0 categories it names.
    fn objective(&mut self, t: &mut Table, cell: &str) {
        let defined: Vec<String> = self
            .extra_top
            .get("objective")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|o| o.get("id")?.as_str().map(str::to_string))
            .collect();
        let items = split_list(cell);
        if !items.is_empty() && items.iter().all(|i| defined.contains(i)) {
            t.insert("objectives".into(), strings(&items));
            return;
        }
        let csf = csf_categories(cell);
        if !csf.is_empty() {
            t.insert("csf".into(), strings(&csf));
        }
        let text = cell.trim().to_string();
        let id = match self
            .objectives
            .iter()
            .find(|(_, existing)| *existing == text)
        {
            Some((id, _)) => id.clone(),
            None => {
                // The words without the CSF code: "Detect and declare promptly (DE.AE)".
                let words: String = text.split(['(', ':']).next().unwrap_or(&text).to_string();
                let mut id = short_slug(&words);
                if self.objectives.iter().any(|(o, _)| *o == id) {
                    id = format!("{id}-{}", self.objectives.len() + 1);
                }
                self.objectives.push((id.clone(), text));
                id
            }
        };
        t.insert("objectives".into(), strings(&[id]));
    }

    fn finish(mut self, name: &str, todos: &mut Vec<String>) -> String {
        let plan_id = self.plan.plan.id.to_string();
        let mut meta = self.meta.take().unwrap_or_else(|| {
            let mut m = Table::new();
            m.insert("id".into(), slug(name).into());
            m.insert("title".into(), name.replace(['-', '_'], " ").into());
            m.insert(
                "summary".into(),
                "Imported from a spreadsheet MSEL: write a summary for the room.".into(),
            );
            todos.push("write the scenario's summary and briefing in [scenario]".into());
            m
        });
        if !meta.contains_key("duration") {
            let last = self
                .injects
                .iter()
                .filter_map(|e| {
                    e.table
                        .get("at")?
                        .as_str()?
                        .parse::<crate::time::HumanDuration>()
                        .ok()
                })
                .map(crate::time::HumanDuration::as_secs)
                .max()
                .unwrap_or(0);
            let minutes = (last / 60 + 15).div_ceil(15) * 15;
            meta.insert("duration".into(), format!("{}m", minutes.max(30)).into());
        }
        meta.entry("plan").or_insert_with(|| plan_id.clone().into());
        // The story opens at the first inject's story time, so it never runs back.
        if !meta.contains_key("start")
            && let Some(first) = self
                .injects
                .iter()
                .find_map(|e| e.table.get("story")?.as_str().map(str::to_string))
                .filter(|s| !s.starts_with('+'))
        {
            meta.insert("start".into(), first.into());
        }
        if !meta.contains_key("roles") {
            let mut used: Vec<String> = Vec::new();
            for event in self.injects.iter().chain(&self.cards) {
                let to = event.table.get("to").and_then(Value::as_array);
                let owners = event
                    .table
                    .get("decision")
                    .and_then(|d| d.get("owners"))
                    .and_then(Value::as_array);
                for r in to
                    .into_iter()
                    .chain(owners)
                    .flatten()
                    .filter_map(Value::as_str)
                {
                    if !used.iter().any(|u| u == r) {
                        used.push(r.to_string());
                    }
                }
            }
            if used.is_empty() {
                used = self.plan.roles.iter().map(|r| r.id.to_string()).collect();
                todos.push("no role is addressed by name, so every plan role takes part: trim `roles` in [scenario]".into());
            }
            meta.insert("roles".into(), strings(&used));
        }
        let mut root = Table::new();
        root.insert("scenario".into(), Value::Table(meta));
        if !self.objectives.is_empty() {
            // Each objective is shown by what the injects that test it expect.
            let list: Vec<Value> = self
                .objectives
                .iter()
                .map(|(id, text)| {
                    let mut actions: Vec<String> = Vec::new();
                    let mut decisions: Vec<String> = Vec::new();
                    for event in &self.injects {
                        let names_it = event
                            .table
                            .get("objectives")
                            .and_then(Value::as_array)
                            .is_some_and(|o| o.iter().any(|v| v.as_str() == Some(id)));
                        if !names_it {
                            continue;
                        }
                        let expects = event.table.get("expects").and_then(Value::as_array);
                        for a in expects.into_iter().flatten().filter_map(Value::as_str) {
                            if !actions.iter().any(|x| x == a) {
                                actions.push(a.to_string());
                            }
                        }
                        if event.table.contains_key("decision")
                            && let Some(Value::String(inject)) = event.table.get("id")
                        {
                            decisions.push(inject.clone());
                        }
                    }
                    let mut o = Table::new();
                    o.insert("id".into(), id.clone().into());
                    o.insert("text".into(), text.clone().into());
                    if !actions.is_empty() {
                        o.insert("actions".into(), strings(&actions));
                    }
                    if !decisions.is_empty() {
                        o.insert("decisions".into(), strings(&decisions));
                    }
                    Value::Table(o)
                })
                .collect();
            root.insert("objective".into(), Value::Array(list));
        }
        let wildcards = self.extra_top.remove("wildcards");
        root.extend(std::mem::take(&mut self.extra_top));
        root.insert(
            "inject".into(),
            Value::Array(
                self.injects
                    .iter()
                    .map(|e| Value::Table(e.table.clone()))
                    .collect(),
            ),
        );
        if !self.cards.is_empty() || wildcards.is_some() {
            let mut deck = match wildcards {
                Some(Value::Table(t)) => t,
                _ => {
                    let mut t = Table::new();
                    t.insert("draw".into(), Value::Integer(1));
                    todos.push(
                        "say how many wildcard cards an exercise draws: `draw` in [wildcards]"
                            .into(),
                    );
                    t
                }
            };
            deck.insert(
                "card".into(),
                Value::Array(
                    self.cards
                        .iter()
                        .map(|e| Value::Table(e.table.clone()))
                        .collect(),
                ),
            );
            root.insert("wildcards".into(), Value::Table(deck));
        }
        todos.append(&mut self.todos);
        let text = toml::to_string(&root).unwrap_or_default();
        let text = annotate(&text, "[[inject]]", &self.injects, todos);
        let text = annotate(&text, "[[wildcards.card]]", &self.cards, todos);
        let mut header = format!(
            "# Imported from a spreadsheet MSEL against the plan `{plan_id}`.\n# Check it with `tabletop validate FILE --strict`; each \"# TODO\" marks something to decide.\n"
        );
        if !todos.is_empty() {
            header.push_str(&format!("# {} TODO(s): see each one below.\n", todos.len()));
        }
        format!("{header}\n{text}")
    }
}

/// Puts each event's TODOs as comments above its table header.
fn annotate(text: &str, header: &str, events: &[Event], todos: &mut Vec<String>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut n = 0;
    for line in text.split_inclusive('\n') {
        if line.trim_end() == header {
            if let Some(event) = events.get(n) {
                for todo in &event.todos {
                    // Cell text is untrusted: a comment shows it, never holds
                    // its control characters (which TOML refuses anyway).
                    let todo_shown = crate::text::visible(todo);
                    for (i, part) in todo_shown.lines().enumerate() {
                        let lead = if i == 0 { "# TODO " } else { "#      " };
                        out.push_str(lead);
                        out.push_str(part);
                        out.push('\n');
                    }
                    todos.push(todo.clone());
                }
            }
            n += 1;
        }
        out.push_str(line);
    }
    out
}

fn strings(items: &[String]) -> Value {
    Value::Array(items.iter().cloned().map(Value::String).collect())
}
