//! The MSEL's columns: the common ones exercise designers use (HSEEP and CISA
//! templates name them in a few ways), and tabletop's own, which make an
//! export lossless.

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    /// `scenario`, `inject` (the default) or `wildcard`.
    Kind,
    Id,
    Number,
    /// Time into the exercise (facilitation time): becomes `at`.
    Time,
    /// A gap after the inject before: `after`.
    After,
    /// Story time: `story`.
    ScenarioTime,
    From,
    To,
    Method,
    Title,
    Message,
    ExpectedAction,
    /// Scored plan actions: `expects`.
    Expects,
    Objective,
    Notes,
    Questions,
    /// The decision as TOML (prompt, owners, countdown, options).
    Decision,
    /// Decision options written "(a) ... (b) ..." (plain MSELs).
    Options,
    Requires,
    Unless,
    Sets,
    End,
    /// Artefacts as TOML.
    Artefacts,
    /// Any other field of the row, as TOML.
    Extra,
}

impl Column {
    /// Every column, in the order an export writes them.
    pub const ALL: [Column; 24] = [
        Column::Kind,
        Column::Id,
        Column::Number,
        Column::Time,
        Column::After,
        Column::ScenarioTime,
        Column::From,
        Column::To,
        Column::Method,
        Column::Title,
        Column::Message,
        Column::ExpectedAction,
        Column::Expects,
        Column::Objective,
        Column::Notes,
        Column::Questions,
        Column::Decision,
        Column::Options,
        Column::Requires,
        Column::Unless,
        Column::Sets,
        Column::End,
        Column::Artefacts,
        Column::Extra,
    ];

    /// The header an export writes.
    pub fn header(self) -> &'static str {
        match self {
            Column::Kind => "Kind",
            Column::Id => "Id",
            Column::Number => "Inject #",
            Column::Time => "Time",
            Column::After => "After",
            Column::ScenarioTime => "Scenario Time",
            Column::From => "From",
            Column::To => "To",
            Column::Method => "Delivery Method",
            Column::Title => "Title",
            Column::Message => "Message",
            Column::ExpectedAction => "Expected Player Action",
            Column::Expects => "Expects",
            Column::Objective => "Objective",
            Column::Notes => "Controller Notes",
            Column::Questions => "Questions",
            Column::Decision => "Decision",
            Column::Options => "Options",
            Column::Requires => "Requires",
            Column::Unless => "Unless",
            Column::Sets => "Sets",
            Column::End => "End",
            Column::Artefacts => "Artefacts",
            Column::Extra => "Extra",
        }
    }

    /// The name `--map COLUMN=FIELD` takes for it.
    pub fn field(self) -> &'static str {
        match self {
            Column::Kind => "kind",
            Column::Id => "id",
            Column::Number => "number",
            Column::Time => "at",
            Column::After => "after",
            Column::ScenarioTime => "story",
            Column::From => "from",
            Column::To => "to",
            Column::Method => "channel",
            Column::Title => "title",
            Column::Message => "body",
            Column::ExpectedAction => "expected_action",
            Column::Expects => "expects",
            Column::Objective => "objectives",
            Column::Notes => "facilitator",
            Column::Questions => "questions",
            Column::Decision => "decision",
            Column::Options => "options",
            Column::Requires => "requires",
            Column::Unless => "unless",
            Column::Sets => "sets",
            Column::End => "end",
            Column::Artefacts => "artefacts",
            Column::Extra => "extra",
        }
    }

    pub fn from_field(name: &str) -> Option<Column> {
        Column::ALL.into_iter().find(|c| c.field() == name.trim())
    }

    /// Recognises a header as the common templates write it.
    pub fn recognise(header: &str) -> Option<Column> {
        let key: String = header
            .to_lowercase()
            .chars()
            .filter(|c| c.is_alphanumeric() || *c == '#')
            .collect();
        let column = match key.as_str() {
            "kind" | "type" | "rowtype" => Column::Kind,
            "id" | "injectid" => Column::Id,
            "inject#" | "injectno" | "injectnumber" | "#" | "no" | "number" | "msel#"
            | "eventno" | "event#" | "serial" => Column::Number,
            "time" | "exercisetime" | "deliverytime" | "timeintoexercise" | "facilitationtime"
            | "at" | "t" | "elapsedtime" | "plannedtime" => Column::Time,
            "after" | "gap" | "interval" => Column::After,
            "scenariotime" | "storytime" | "scenariodatetime" | "scenariodate" | "storydate" => {
                Column::ScenarioTime
            }
            "from" | "sender" | "source" | "originator" => Column::From,
            "to" | "recipient" | "recipients" | "player" | "players" | "audience" => Column::To,
            "method" | "deliverymethod" | "delivery" | "mode" | "channel" | "medium" => {
                Column::Method
            }
            "title" | "subject" | "injecttitle" | "event" | "eventtitle" | "heading" => {
                Column::Title
            }
            "message" | "inject" | "description" | "injectdescription" | "eventdescription"
            | "body" | "text" | "content" => Column::Message,
            "expectedplayeraction"
            | "expectedplayeractions"
            | "expectedaction"
            | "expectedactions"
            | "expectedresponse"
            | "expectedoutcome" => Column::ExpectedAction,
            "expects" | "planactions" | "scoredactions" => Column::Expects,
            "objective"
            | "objectives"
            | "corecapability"
            | "capability"
            | "capabilities"
            | "objectivecapability" => Column::Objective,
            "notes" | "controllernotes" | "facilitatornotes" | "controllernote" | "remarks"
            | "evaluatornotes" => Column::Notes,
            "questions" | "discussionquestions" => Column::Questions,
            "decision" => Column::Decision,
            "options" | "decisionoptions" | "choices" => Column::Options,
            "requires" | "condition" | "conditions" => Column::Requires,
            "unless" => Column::Unless,
            "sets" | "flags" => Column::Sets,
            "end" | "ends" => Column::End,
            "artefacts" | "artifacts" | "attachments" => Column::Artefacts,
            "extra" => Column::Extra,
            _ => return None,
        };
        Some(column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_template_headers() {
        for (header, column) in [
            ("Inject #", Column::Number),
            ("Scenario Time", Column::ScenarioTime),
            ("Delivery Method", Column::Method),
            ("Expected Player Action", Column::ExpectedAction),
            ("Core Capability", Column::Objective),
            ("Controller Notes", Column::Notes),
            ("Inject", Column::Message),
        ] {
            assert_eq!(Column::recognise(header), Some(column), "{header}");
        }
        assert_eq!(Column::recognise("Weather"), None);
    }

    #[test]
    fn every_export_header_is_recognised_as_itself() {
        for column in Column::ALL {
            assert_eq!(Column::recognise(column.header()), Some(column));
            assert_eq!(Column::from_field(column.field()), Some(column));
        }
    }
}
