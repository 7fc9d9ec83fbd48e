//! `new`: starts a content file of a kind, with the kind's fields filled in or shown as
//! comments, named after its title the site language's way.

use crate::base::Language;
use crate::base::diagnostic::did_you_mean;
use crate::config::Config;
use crate::load::{Date, Kind};
use std::path::{Path, PathBuf};

/// Why `new` wrote nothing.
#[derive(Debug)]
pub enum NewError {
    UnknownKind(String, Option<&'static str>),
    Exists(PathBuf),
    EmptyTitle,
    Io(PathBuf, std::io::Error),
}

impl std::fmt::Display for NewError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NewError::UnknownKind(k, Some(s)) => {
                write!(f, "unknown kind \"{k}\"; did you mean \"{s}\"?")
            }
            NewError::UnknownKind(k, None) => write!(
                f,
                "unknown kind \"{k}\"; the kinds are: {}",
                Kind::ALL
                    .iter()
                    .map(|k| k.name())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            NewError::Exists(p) => {
                let shown = p.strip_prefix(".").unwrap_or(p);
                write!(
                    f,
                    "{} already exists; choose another title, or edit that file",
                    shown.display()
                )
            }
            NewError::EmptyTitle => write!(f, "the title gives no id: use letters or digits"),
            NewError::Io(p, e) => write!(f, "cannot write {}: {e}", p.display()),
        }
    }
}

impl std::error::Error for NewError {}

/// The words for each kind: English singular and plural, then the Danish and Swedish ones.
const KIND_WORDS: &[(Kind, &[&str])] = &[
    (
        Kind::Partner,
        &["partner", "partners", "partnere", "partnerne"],
    ),
    (
        Kind::Partnership,
        &[
            "partnership",
            "partnerships",
            "partnerskab",
            "partnerskaber",
            "partnerskap",
        ],
    ),
    (
        Kind::Challenge,
        &[
            "challenge",
            "challenges",
            "udfordring",
            "udfordringer",
            "utmaning",
            "utmaningar",
        ],
    ),
    (
        Kind::Opportunity,
        &[
            "opportunity",
            "opportunities",
            "mulighed",
            "muligheder",
            "möjlighet",
            "möjligheter",
        ],
    ),
    (
        Kind::Recommendation,
        &[
            "recommendation",
            "recommendations",
            "anbefaling",
            "anbefalinger",
            "rekommendation",
            "rekommendationer",
        ],
    ),
    (
        Kind::Learning,
        &[
            "learning",
            "learnings",
            "læringspunkt",
            "læringspunkter",
            "lærdom",
            "lärdom",
            "lärdomar",
            "erfaring",
            "erfaringer",
        ],
    ),
    (Kind::Quote, &["quote", "quotes", "citat", "citater"]),
    (
        Kind::Page,
        &["page", "pages", "side", "sider", "sida", "sidor"],
    ),
];

/// The kind a word names, in English, Danish or Swedish, singular or plural, in any case.
pub fn kind_from_word(word: &str) -> Result<Kind, NewError> {
    let w = word.trim().to_lowercase();
    let folded = fold(&w);
    for (kind, words) in KIND_WORDS {
        if words.iter().any(|k| *k == w || fold(k) == folded) {
            return Ok(*kind);
        }
    }
    let all = KIND_WORDS.iter().flat_map(|(_, w)| w.iter().copied());
    Err(NewError::UnknownKind(
        word.to_string(),
        did_you_mean(&w, all),
    ))
}

/// Æ, ø, å, ä, ö written the ASCII way, so `laeringspunkt` and `mojlighet` are understood.
fn fold(s: &str) -> String {
    s.replace('æ', "ae")
        .replace(['ø', 'ö'], "o")
        .replace(['å', 'ä'], "a")
        .replace("oe", "o")
        .replace("aa", "a")
}

/// Creates the file for a new `kind` titled `title` in the site at `root`; returns its path.
pub fn new(
    root: &Path,
    config: &Config,
    kind: Kind,
    title: &str,
    today: Date,
    first_partners: &[String],
) -> Result<PathBuf, NewError> {
    let words: String = if kind == Kind::Quote {
        title
            .split_whitespace()
            .take(6)
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        title.to_string()
    };
    let id = crate::base::slug::slugify(&words, config.language);
    if id.is_empty() {
        return Err(NewError::EmptyTitle);
    }
    let dir = root.join("content").join(kind.folder());
    let path = dir.join(format!("{id}.md"));
    if path.exists() {
        return Err(NewError::Exists(path));
    }
    std::fs::create_dir_all(&dir).map_err(|e| NewError::Io(dir.clone(), e))?;
    let text = front_matter(config, kind, title, today, first_partners);
    // create_new: never replace a file, even one made between the check above and now.
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                NewError::Exists(path.clone())
            } else {
                NewError::Io(path.clone(), e)
            }
        })?;
    std::io::Write::write_all(&mut file, text.as_bytes())
        .map_err(|e| NewError::Io(path.clone(), e))?;
    Ok(path)
}

fn yaml_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| format!("\"{}\"", s.replace('"', "'")))
}

fn front_matter(
    config: &Config,
    kind: Kind,
    title: &str,
    today: Date,
    partners: &[String],
) -> String {
    let t = yaml_string(title);
    let sector = config
        .sectors
        .keys()
        .next()
        .cloned()
        .unwrap_or_else(|| "research".into());
    let sectors = config
        .sectors
        .keys()
        .cloned()
        .collect::<Vec<_>>()
        .join(" | ");
    let two = match partners {
        [a, b, ..] => format!("[{a}, {b}]"),
        [a] => format!("[{a}]"),
        [] => "[]".to_string(),
    };
    let text_hint = match config.language {
        Language::Da => "Skriv teksten her.",
        Language::Sv => "Skriv texten här.",
        Language::En => "Write the text here.",
    };
    let common = format!("tags: []\ndate: {today}\n# updated: {today}\n# draft: true\n");
    match kind {
        Kind::Partner => format!(
            "---\nname: {t}\nsector: {sector}   # one of: {sectors}\n# level: local   # local | regional | national | european\n# website: https://example.org\n# logo: images/logo.png   # a file under static/\n# summary: One sentence on who they are.\n{common}---\n{text_hint}\n"
        ),
        Kind::Partnership => format!(
            "---\ntitle: {t}\npartners: {two}   # two or more partner ids, or {{id: ..., role: ...}}\n# facilitator: partner-id   # the brobygger\n# form: partnership   # network | alliance | partnership\n# start: {today}\n# end: {today}\nstatus: planned   # planned | active | completed\n# goal: What the partnership wants to achieve.\n# target_group: Who it is for.\n# milestones:\n#   - {{date: {today}, title: Kick-off, done: false}}\n# agreement: https://example.org/agreement.pdf\n{common}---\n{text_hint}\n"
        ),
        Kind::Challenge | Kind::Opportunity | Kind::Learning | Kind::Recommendation => {
            let addresses = if kind == Kind::Recommendation {
                "addresses: []   # the ids of the challenges it answers\n"
            } else {
                ""
            };
            format!(
                "---\ntitle: {t}\n# number: 1   # its place in the catalogue\npartners: []   # the partners who contributed it\npartnerships: []   # where it arose\n{addresses}{common}---\n{text_hint}\n"
            )
        }
        Kind::Quote => {
            let speaker = match config.language {
                Language::Da => "projektdeltager",
                Language::Sv => "projektdeltagare",
                Language::En => "project participant",
            };
            format!(
                "---\n# by: partner-id   # who said it, if they speak for a partner\nspeaker: {speaker}\n# partnership: partnership-id\n# source: the document or event it is from\napproved: false   # true once the person quoted has consented; until then it is not published\n{common}---\n{title}\n"
            )
        }
        Kind::Page => format!(
            "---\ntitle: {t}\n# weight: 1   # its place in the menu\n{common}---\n{text_hint}\n"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn kinds_in_three_languages() {
        for (word, kind) in [
            ("udfordring", Kind::Challenge),
            ("Udfordringer", Kind::Challenge),
            ("utmaningar", Kind::Challenge),
            ("læringspunkt", Kind::Learning),
            ("laeringspunkt", Kind::Learning),
            ("möjlighet", Kind::Opportunity),
            ("mojlighet", Kind::Opportunity),
            ("partners", Kind::Partner),
            ("partnerskab", Kind::Partnership),
            ("CITAT", Kind::Quote),
            ("sida", Kind::Page),
        ] {
            assert_eq!(kind_from_word(word).unwrap(), kind, "{word}");
        }
        match kind_from_word("udfordrng") {
            Err(NewError::UnknownKind(_, Some(s))) => assert_eq!(s, "udfordring"),
            other => panic!("{other:?}"),
        }
    }
}
