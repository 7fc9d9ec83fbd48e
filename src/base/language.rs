//! The languages a site, its messages and its built-in words can be in.

use serde::{Deserialize, Serialize};

/// The languages the built-in words exist in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    Da,
    Sv,
    #[default]
    En,
}

impl Language {
    pub fn code(self) -> &'static str {
        match self {
            Language::Da => "da",
            Language::Sv => "sv",
            Language::En => "en",
        }
    }
}
