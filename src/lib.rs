//! tabletop: run cybersecurity tabletop exercises.
//!
//! The library is the domain and knows no terminal: scenario and plan files,
//! their validation, and where they are found.

pub mod diagnostic;
pub mod document;
pub mod engine;
pub mod headless;
pub mod library;
pub mod load;
pub mod located;
pub mod names;
pub mod plan;
pub mod private_file;
pub mod replay;
pub mod report;
pub mod review;
pub mod scenario;
pub mod schema;
pub mod scoring;
pub mod session;
pub mod suggest;
pub mod text;
pub mod time;
pub mod transcript;

pub use diagnostic::{Diagnostic, Severity};
pub use document::{DocumentKind, InvalidFile, SourceFile};
pub use load::{load_plan, load_scenario};
pub use plan::Plan;
pub use scenario::Scenario;
