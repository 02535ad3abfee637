//! The domain of tabletop, with no terminal, command line or async runtime in
//! it: scenario and plan files and their validation, the exercise engine, the
//! transcript, replay and headless runs, scoring, the after-action report and
//! its renderers, annotations, comparing runs and trends. Front ends (the
//! console, the seats server, the commands) drive the engine and read its events.

pub mod annotations;
pub mod archive;
pub mod compare;
pub mod document;
pub mod engine;
pub mod event_filter;
pub mod handout;
pub mod headless;
pub mod json_output;
pub mod library;
pub mod load;
pub mod located;
pub mod msel;
pub mod names;
pub mod plan;
pub mod private_file;
pub mod redaction;
pub mod regular_file;
pub mod replay;
pub mod report;
pub mod retention;
pub mod room_view;
pub mod scenario;
pub mod schema;
pub mod scoring;
pub mod seats;
pub mod session;
pub mod signature;
pub mod suggest;
#[cfg(feature = "synthetic")]
pub mod synthetic;
pub mod text;
pub mod time;
pub mod transcript;
pub mod trends;
pub mod vocabulary;

pub use document::{Diagnostic, DocumentKind, InvalidFile, Severity, SourceFile};
pub use load::{load_plan, load_scenario};
pub use plan::Plan;
pub use scenario::Scenario;
