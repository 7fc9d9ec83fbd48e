//! The ground floor: the words every stage shares. Kinds and ids, dates, languages, the
//! error texts in every language, diagnostics, the YAML reader and slugs. Nothing here
//! imports from the stages above (load, validate, model, render, write); they all import
//! from here.

pub mod date;
pub mod diagnostic;
pub mod kind;
pub mod language;
pub mod messages;
pub mod slug;
pub mod text;
pub mod yaml;

/// The marker brobygger writes into every output folder it builds: a folder with it is one
/// brobygger may replace.
pub const OUTPUT_MARKER: &str = ".brobygger";

pub use date::Date;
pub use kind::{Kind, is_valid_id};
pub use language::Language;
