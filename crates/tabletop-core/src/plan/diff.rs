//! What changed between two plans, or two versions of one: roles, phases,
//! triggers, actions (owners, deadlines, weights) and obligations, so a
//! trainer can tell a better score from an easier plan.

use serde::Serialize;

use super::{Level, Plan};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    Added,
    Removed,
    Changed,
}

/// One thing that differs, with what about it differs.
#[derive(Debug, Clone, Serialize)]
pub struct Change {
    /// `role`, `phase`, `trigger`, `action` or `obligation`.
    pub what: &'static str,
    pub id: String,
    pub kind: ChangeKind,
    /// For a change: "deadline: 72h → 24h", one per field.
    pub details: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PlanDiff {
    pub from: String,
    pub to: String,
    pub changes: Vec<Change>,
}

impl PlanDiff {
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// "3 actions, 1 obligation", for one line in a report.
    pub fn summary(&self) -> String {
        let mut counts: Vec<(&str, usize)> = Vec::new();
        for c in &self.changes {
            match counts.iter_mut().find(|(w, _)| *w == c.what) {
                Some((_, n)) => *n += 1,
                None => counts.push((c.what, 1)),
            }
        }
        counts
            .iter()
            .map(|(w, n)| format!("{n} {w}{}", if *n == 1 { "" } else { "s" }))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// One line per change, for the terminal.
    pub fn lines(&self) -> Vec<String> {
        use crate::text::visible;
        let mut out = vec![format!("{} → {}", visible(&self.from), visible(&self.to))];
        if self.changes.is_empty() {
            out.push("no differences in roles, phases, triggers, actions or obligations".into());
        }
        for c in &self.changes {
            let sign = match c.kind {
                ChangeKind::Added => "+",
                ChangeKind::Removed => "-",
                ChangeKind::Changed => "~",
            };
            out.push(format!("{sign} {} {}", c.what, visible(&c.id)));
            for d in &c.details {
                out.push(format!("    {}", visible(d)));
            }
        }
        out
    }
}

fn field(out: &mut Vec<String>, name: &str, a: String, b: String) {
    if a != b {
        let shown = |s: String| {
            if s.is_empty() {
                "(none)".to_string()
            } else {
                s
            }
        };
        out.push(format!("{name}: {} → {}", shown(a), shown(b)));
    }
}

fn list(items: &[crate::located::Located<String>]) -> String {
    items
        .iter()
        .map(|i| i.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn opt<T: ToString>(value: Option<&T>) -> String {
    value.map_or(String::new(), ToString::to_string)
}

/// Pairs items of two lists by id: removed, changed (with details), added.
fn compare<'a, T>(
    what: &'static str,
    a: &'a [T],
    b: &'a [T],
    id: impl Fn(&T) -> &str,
    details: impl Fn(&T, &T) -> Vec<String>,
    out: &mut Vec<Change>,
) {
    for x in a {
        match b.iter().find(|y| id(y) == id(x)) {
            None => out.push(Change {
                what,
                id: id(x).to_string(),
                kind: ChangeKind::Removed,
                details: Vec::new(),
            }),
            Some(y) => {
                let d = details(x, y);
                if !d.is_empty() {
                    out.push(Change {
                        what,
                        id: id(x).to_string(),
                        kind: ChangeKind::Changed,
                        details: d,
                    });
                }
            }
        }
    }
    for y in b.iter().filter(|y| !a.iter().any(|x| id(x) == id(y))) {
        out.push(Change {
            what,
            id: id(y).to_string(),
            kind: ChangeKind::Added,
            details: Vec::new(),
        });
    }
}

pub fn diff(a: &Plan, b: &Plan) -> PlanDiff {
    let mut changes = Vec::new();
    compare(
        "role",
        &a.roles,
        &b.roles,
        |r| r.id.as_str(),
        |x, y| {
            let mut d = Vec::new();
            field(&mut d, "name", x.name.clone(), y.name.clone());
            field(
                &mut d,
                "implements",
                opt(x.implements.as_deref()),
                opt(y.implements.as_deref()),
            );
            d
        },
        &mut changes,
    );
    compare(
        "phase",
        &a.phases,
        &b.phases,
        |p| p.id.as_str(),
        |x, y| {
            let mut d = Vec::new();
            field(&mut d, "name", x.name.clone(), y.name.clone());
            d
        },
        &mut changes,
    );
    compare(
        "trigger",
        &a.triggers,
        &b.triggers,
        |t| t.id.as_str(),
        |x, y| {
            let mut d = Vec::new();
            field(&mut d, "raised by", list(&x.raised_by), list(&y.raised_by));
            d
        },
        &mut changes,
    );
    compare(
        "action",
        &a.actions,
        &b.actions,
        |t| t.id.as_str(),
        |x, y| {
            let mut d = Vec::new();
            field(&mut d, "owner", x.owner.to_string(), y.owner.to_string());
            field(&mut d, "also", list(&x.also), list(&y.also));
            field(&mut d, "phase", x.phase.to_string(), y.phase.to_string());
            field(
                &mut d,
                "deadline",
                opt(x.deadline.as_deref()),
                opt(y.deadline.as_deref()),
            );
            field(
                &mut d,
                "from",
                opt(x.from.as_deref()),
                opt(y.from.as_deref()),
            );
            field(
                &mut d,
                "weight",
                x.weight().to_string(),
                y.weight().to_string(),
            );
            let level = |l: Level| {
                if l == Level::Required {
                    "required"
                } else {
                    "recommended"
                }
            };
            field(
                &mut d,
                "level",
                level(x.level).into(),
                level(y.level).into(),
            );
            field(
                &mut d,
                "implements",
                opt(x.implements.as_deref()),
                opt(y.implements.as_deref()),
            );
            field(&mut d, "title", x.title.clone(), y.title.clone());
            d
        },
        &mut changes,
    );
    compare(
        "obligation",
        &a.obligations,
        &b.obligations,
        |o| o.id.as_str(),
        |x, y| {
            let mut d = Vec::new();
            field(
                &mut d,
                "deadline",
                x.deadline.to_string(),
                y.deadline.to_string(),
            );
            field(&mut d, "from", x.from.to_string(), y.from.to_string());
            field(&mut d, "met by", list(&x.actions), list(&y.actions));
            field(&mut d, "regime", x.regime.clone(), y.regime.clone());
            d
        },
        &mut changes,
    );
    let name = |p: &Plan| format!("{} {}", p.plan.id.as_str(), p.plan.version);
    PlanDiff {
        from: name(a),
        to: name(b),
        changes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::bundled_file;
    use crate::load::load_plan;

    #[test]
    fn a_plan_differs_from_itself_in_nothing_and_a_change_is_named() {
        let source = bundled_file("plans/gdpr-midsize.toml").unwrap();
        let (a, _) = load_plan(&source).unwrap();
        assert!(diff(&a, &a).is_empty());
        let changed = source
            .text
            .replacen("deadline = \"72h\"", "deadline = \"24h\"", 1)
            .replacen("version = \"4.1\"", "version = \"5.0\"", 1);
        let (b, _) = load_plan(&crate::SourceFile::new("b", changed)).unwrap();
        let d = diff(&a, &b);
        assert_eq!(d.to, "gdpr-midsize 5.0");
        assert!(
            d.changes
                .iter()
                .any(|c| c.details.iter().any(|x| x == "deadline: 72h → 24h")),
            "{:#?}",
            d.changes
        );
    }
}
