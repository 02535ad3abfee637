//! Reviewing saved transcripts: opening long ones quickly, trainers'
//! annotations, comparing two runs and following scores across many.

pub mod annotations;
pub mod compare;
pub mod index;
pub mod trends;
pub mod trends_html;

pub use annotations::{Annotation, AnnotationKind, AnnotationStore, Attachment};
pub use index::TranscriptIndex;
