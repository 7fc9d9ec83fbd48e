//! The command line's own mistakes, said in the terminal's language: clap finds them, and
//! its words are English only.

use brobygger::base::Language;
use brobygger::base::messages::CommandText;
use std::process::ExitCode;

/// A command line that cannot be read: `--help` and `--version` as clap prints them, every
/// mistake said in the language the person at the terminal asked for (`--language`, else the
/// system's), with what to write instead. clap's own words are English only.
pub fn mistake(mistake: clap::Error) -> ExitCode {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if matches!(
        mistake.kind(),
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion
    ) {
        let _ = mistake.print();
        return ExitCode::SUCCESS;
    }
    let args: Vec<String> = std::env::args().skip(1).collect();
    let asked = args.iter().enumerate().find_map(|(i, a)| {
        let value = a
            .strip_prefix("--language=")
            .or_else(|| (a == "--language").then(|| args.get(i + 1).map(String::as_str))?)?;
        match value {
            "da" => Some(Language::Da),
            "sv" => Some(Language::Sv),
            "en" => Some(Language::En),
            _ => None,
        }
    });
    let language = asked
        .or_else(|| Language::from_environment(|name| std::env::var(name).ok()))
        .unwrap_or_default();
    let command = args
        .iter()
        .find(|a| !a.starts_with('-'))
        .cloned()
        .unwrap_or_default();
    let one = |kind| match mistake.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(v)) => v.first().cloned(),
        _ => None,
    };
    let all = |kind| match mistake.get(kind) {
        Some(ContextValue::Strings(v)) => v.clone(),
        Some(ContextValue::String(s)) => vec![s.clone()],
        _ => Vec::new(),
    };
    let option = one(ContextKind::InvalidArg).unwrap_or_default();
    let value = one(ContextKind::InvalidValue).unwrap_or_default();
    let said = match mistake.kind() {
        ErrorKind::InvalidSubcommand => CommandText::UnknownCommand {
            given: one(ContextKind::InvalidSubcommand).unwrap_or_default(),
            suggestion: one(ContextKind::SuggestedSubcommand),
        },
        ErrorKind::UnknownArgument => CommandText::UnknownOption {
            given: option,
            suggestion: one(ContextKind::SuggestedArg),
            command,
        },
        ErrorKind::ValueValidation if option.starts_with("--allow-host") => {
            CommandText::BadHost { value }
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => CommandText::BadValue {
            value,
            option,
            allowed: all(ContextKind::ValidValue),
            command,
        },
        ErrorKind::MissingRequiredArgument => CommandText::MissingArgument {
            what: all(ContextKind::InvalidArg).join(", "),
            command,
        },
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            CommandText::UnknownCommand {
                given: String::new(),
                suggestion: None,
            }
        }
        _ => CommandText::NotUnderstood {
            detail: mistake
                .to_string()
                .lines()
                .next()
                .unwrap_or_default()
                .trim_start_matches("error: ")
                .to_string(),
            command,
        },
    };
    say!("{}", said.text(language));
    ExitCode::from(2)
}
