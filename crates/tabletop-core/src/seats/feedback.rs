//! The hot wash's participant feedback: each objective rated 1 to 5, what
//! went well, what to improve, and anything else. Anonymous by design: kept
//! in its own 0600 file beside the transcript, never in it, holding no seat,
//! role, name or time, in an order shuffled at every write; shown only as
//! totals, and only once enough people have answered that no answer can be
//! told apart.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rand::TryRng;
use rand::seq::SliceRandom;
use serde::{Deserialize, Serialize};

use crate::scenario::Scenario;
use crate::text::visible;

/// Nothing is shown until this many have answered.
pub const MINIMUM_ANSWERS: usize = 3;

/// The most each free text may hold, in characters.
pub const TEXT_LIMIT: usize = 2000;

/// One participant's answers, as the form sends them and the file keeps them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeedbackForm {
    /// Objective id to rating, 1 (not met) to 5 (fully met).
    #[serde(default)]
    pub ratings: BTreeMap<String, u8>,
    #[serde(default)]
    pub strengths: String,
    #[serde(default)]
    pub improvements: String,
    #[serde(default)]
    pub comments: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FeedbackError {
    #[error("no objective `{0}` in this exercise")]
    UnknownObjective(String),
    #[error("a rating is from 1 to 5")]
    Rating,
    #[error("each answer is at most {TEXT_LIMIT} characters")]
    TooLong,
    #[error("the form is empty: rate an objective or write something")]
    Empty,
    #[error("this seat has already sent its feedback")]
    AlreadySent,
    #[error("could not keep the feedback: {0}")]
    Write(String),
}

impl FeedbackForm {
    pub fn check(&self, scenario: &Scenario) -> Result<(), FeedbackError> {
        for (id, rating) in &self.ratings {
            if !scenario.objectives.iter().any(|o| o.id.as_str() == id) {
                return Err(FeedbackError::UnknownObjective(visible(id)));
            }
            if !(1..=5).contains(rating) {
                return Err(FeedbackError::Rating);
            }
        }
        let texts = [&self.strengths, &self.improvements, &self.comments];
        if texts.iter().any(|t| t.chars().count() > TEXT_LIMIT) {
            return Err(FeedbackError::TooLong);
        }
        if self.ratings.is_empty() && texts.iter().all(|t| t.trim().is_empty()) {
            return Err(FeedbackError::Empty);
        }
        Ok(())
    }
}

/// The feedback file of a transcript: `T.jsonl.feedback`.
pub fn feedback_path(transcript: &Path) -> PathBuf {
    PathBuf::from(format!("{}.feedback", transcript.display()))
}

/// Reads the answers kept beside a transcript (none when there is no file).
pub fn read_feedback(transcript: &Path) -> std::io::Result<Vec<FeedbackForm>> {
    let path = feedback_path(transcript);
    if !path.exists() {
        return Ok(Vec::new());
    }
    let bytes = crate::regular_file::read(&path, 64 << 20)?;
    let text = String::from_utf8_lossy(&bytes);
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).map_err(std::io::Error::other))
        .collect()
}

/// Takes the answers while the seats are open after the end. Which seats
/// have answered is kept in memory only, to refuse a second form.
#[derive(Debug)]
pub struct FeedbackStore {
    path: PathBuf,
    inner: Mutex<Kept>,
}

#[derive(Debug, Default)]
struct Kept {
    forms: Vec<FeedbackForm>,
    answered: HashSet<String>,
}

impl FeedbackStore {
    pub fn new(transcript: &Path) -> Self {
        let forms = read_feedback(transcript).unwrap_or_default();
        Self {
            path: feedback_path(transcript),
            inner: Mutex::new(Kept {
                forms,
                answered: HashSet::new(),
            }),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// How many have answered.
    pub fn answers(&self) -> usize {
        self.lock().forms.len()
    }

    pub fn sent(&self, seat: &str) -> bool {
        self.lock().answered.contains(seat)
    }

    /// Keeps a seat's form: the whole file is written again, shuffled, so
    /// neither the file nor its order says who answered when.
    pub fn add(
        &self,
        seat: &str,
        form: FeedbackForm,
        scenario: &Scenario,
    ) -> Result<usize, FeedbackError> {
        form.check(scenario)?;
        let mut kept = self.lock();
        if kept.answered.contains(seat) {
            return Err(FeedbackError::AlreadySent);
        }
        let mut forms = kept.forms.clone();
        forms.push(FeedbackForm {
            strengths: form.strengths.trim().to_string(),
            improvements: form.improvements.trim().to_string(),
            comments: form.comments.trim().to_string(),
            ratings: form.ratings,
        });
        let mut seed = [0u8; 32];
        rand::rngs::SysRng
            .try_fill_bytes(&mut seed)
            .map_err(|e| FeedbackError::Write(e.to_string()))?;
        let mut rng: rand::rngs::StdRng = rand::SeedableRng::from_seed(seed);
        forms.shuffle(&mut rng);
        let mut text = String::new();
        for form in &forms {
            text.push_str(
                &serde_json::to_string(form).map_err(|e| FeedbackError::Write(e.to_string()))?,
            );
            text.push('\n');
        }
        crate::private_file::write_private(&self.path, text.as_bytes())
            .map_err(|e| FeedbackError::Write(e.to_string()))?;
        kept.forms = forms;
        kept.answered.insert(seat.to_string());
        Ok(kept.forms.len())
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Kept> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// The feedback as the report shows it: totals only, and nothing at all
/// under [`MINIMUM_ANSWERS`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "shown", rename_all = "snake_case")]
pub enum FeedbackSummary {
    /// Too few answers to show any without telling who said what.
    Withheld { answers: usize },
    Shown {
        answers: usize,
        objectives: Vec<ObjectiveRating>,
        /// Each list sorted, so its order says nothing of who answered when.
        strengths: Vec<String>,
        improvements: Vec<String>,
        comments: Vec<String>,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ObjectiveRating {
    pub id: String,
    pub text: String,
    /// How many rated it, and how many gave each of 1 to 5.
    pub rated: usize,
    pub counts: [usize; 5],
    /// The mean rating, to one decimal place; `None` when nobody rated it.
    pub mean: Option<f64>,
}

impl FeedbackSummary {
    pub fn of(forms: &[FeedbackForm], scenario: &Scenario) -> Self {
        let answers = forms.len();
        if answers < MINIMUM_ANSWERS {
            return Self::Withheld { answers };
        }
        let objectives = scenario
            .objectives
            .iter()
            .map(|o| {
                let mut counts = [0usize; 5];
                for form in forms {
                    if let Some(&r) = form.ratings.get(o.id.as_str())
                        && (1..=5).contains(&r)
                    {
                        counts[usize::from(r) - 1] += 1;
                    }
                }
                let rated: usize = counts.iter().sum();
                let total: usize = counts.iter().enumerate().map(|(i, c)| (i + 1) * c).sum();
                ObjectiveRating {
                    id: o.id.to_string(),
                    text: visible(&o.text),
                    rated,
                    counts,
                    mean: (rated > 0).then(|| (total as f64 / rated as f64 * 10.0).round() / 10.0),
                }
            })
            .collect();
        let texts = |pick: fn(&FeedbackForm) -> &String| {
            let mut out: Vec<String> = forms
                .iter()
                .map(pick)
                .filter(|t| !t.trim().is_empty())
                .map(|t| visible(t))
                .collect();
            out.sort();
            out
        };
        Self::Shown {
            answers,
            objectives,
            strengths: texts(|f| &f.strengths),
            improvements: texts(|f| &f.improvements),
            comments: texts(|f| &f.comments),
        }
    }

    /// The mean of every rating given, for trends.
    pub fn overall_mean(&self) -> Option<f64> {
        match self {
            Self::Withheld { .. } => None,
            Self::Shown { objectives, .. } => {
                let (sum, n) = objectives.iter().fold((0usize, 0usize), |(s, n), o| {
                    let total: usize = o.counts.iter().enumerate().map(|(i, c)| (i + 1) * c).sum();
                    (s + total, n + o.rated)
                });
                (n > 0).then(|| (sum as f64 / n as f64 * 10.0).round() / 10.0)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::bundled_file;
    use crate::session::Exercise;

    fn scenario() -> std::sync::Arc<Scenario> {
        Exercise::load(
            bundled_file("ransomware-file-servers.toml").unwrap(),
            bundled_file("plans/hipaa-healthcare.toml").unwrap(),
        )
        .unwrap()
        .scenario
    }

    fn form(scenario: &Scenario, rating: u8, said: &str) -> FeedbackForm {
        FeedbackForm {
            ratings: [(scenario.objectives[0].id.to_string(), rating)].into(),
            strengths: said.into(),
            ..Default::default()
        }
    }

    #[test]
    fn feedback_is_kept_apart_private_without_seats_and_shown_only_from_three() {
        let dir = tempfile::tempdir().unwrap();
        let transcript = dir.path().join("t.jsonl");
        let scenario = scenario();
        let store = FeedbackStore::new(&transcript);
        store
            .add("legal", form(&scenario, 4, "calm heads"), &scenario)
            .unwrap();
        assert_eq!(
            store.add("legal", form(&scenario, 1, "again"), &scenario),
            Err(FeedbackError::AlreadySent)
        );
        store
            .add("ciso", form(&scenario, 2, "fast calls"), &scenario)
            .unwrap();
        let kept = read_feedback(&transcript).unwrap();
        assert_eq!(
            FeedbackSummary::of(&kept, &scenario),
            FeedbackSummary::Withheld { answers: 2 }
        );
        store
            .add("it", form(&scenario, 5, "good logs"), &scenario)
            .unwrap();
        let file = std::fs::read_to_string(feedback_path(&transcript)).unwrap();
        for seat in ["legal", "ciso", "\"it\""] {
            assert!(!file.contains(seat), "{seat} is in the feedback file");
        }
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(feedback_path(&transcript))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
        let FeedbackSummary::Shown {
            objectives,
            strengths,
            ..
        } = FeedbackSummary::of(&read_feedback(&transcript).unwrap(), &scenario)
        else {
            panic!("three answers are shown");
        };
        assert_eq!(objectives[0].mean, Some(3.7));
        assert_eq!(objectives[0].counts, [0, 1, 0, 1, 1]);
        assert_eq!(strengths, ["calm heads", "fast calls", "good logs"]);
    }

    #[test]
    fn a_form_out_of_bounds_is_refused() {
        let scenario = scenario();
        let mut bad = form(&scenario, 6, "x");
        assert_eq!(bad.check(&scenario), Err(FeedbackError::Rating));
        bad.ratings = [("nope".to_string(), 3)].into();
        assert!(matches!(
            bad.check(&scenario),
            Err(FeedbackError::UnknownObjective(_))
        ));
        assert_eq!(
            FeedbackForm::default().check(&scenario),
            Err(FeedbackError::Empty)
        );
        let long = FeedbackForm {
            comments: "x".repeat(TEXT_LIMIT + 1),
            ..Default::default()
        };
        assert_eq!(long.check(&scenario), Err(FeedbackError::TooLong));
    }
}
