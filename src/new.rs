//! `new`: starts a content file of a kind, with the kind's fields filled in or shown as
//! comments, named after its title the site language's way.

use crate::base::Language;
use crate::base::diagnostic::{Diagnostic, did_you_mean};
use crate::base::messages::ErrorText;
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
    /// `--sector` names no sector of site.yaml: rendered like the build's own error.
    UnknownSector(Box<Diagnostic>),
    /// `--sector` was given for a kind that has no sector.
    SectorNotForKind(Kind),
    /// `content/` or the kind's folder is a link the site may not follow: writing through it
    /// would put the file outside the site.
    Refused(Box<Diagnostic>),
}

impl NewError {
    /// What went wrong, as the line `new` prints, in `language`.
    pub fn text(&self, language: Language) -> String {
        use crate::base::messages::CommandText;
        let said = match self {
            NewError::UnknownKind(word, suggestion) => CommandText::UnknownKindWord {
                word: word.clone(),
                suggestion: suggestion.map(str::to_string),
            },
            NewError::Exists(p) => CommandText::Exists {
                path: p.strip_prefix(".").unwrap_or(p).display().to_string(),
            },
            NewError::EmptyTitle => CommandText::TitleWithoutId,
            NewError::Io(p, e) => CommandText::CannotWrite {
                path: p.display().to_string(),
                detail: e.into(),
            },
            NewError::UnknownSector(d) | NewError::Refused(d) => return d.message.clone(),
            NewError::SectorNotForKind(kind) => CommandText::SectorNotForKind { kind: *kind },
        };
        said.text(language)
    }
}

impl std::fmt::Display for NewError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.text(Language::En))
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

/// What `new` wrote.
#[derive(Debug)]
pub struct NewFile {
    pub path: PathBuf,
    /// The partner's `sector:` is a placeholder to replace (no `--sector` was given): the
    /// facilitator must be told, and `check` and `build` report it until it is replaced.
    pub sector_to_choose: bool,
}

/// The value `new partner` writes for `sector:` when no `--sector` was given: visibly not a
/// sector, so that `check` and `build` report it (as an unknown sector) until it is replaced.
pub fn sector_placeholder(language: Language) -> &'static str {
    match language {
        Language::Da => "VÆLG-SEKTOR",
        Language::Sv => "VÄLJ-SEKTOR",
        Language::En => "CHOOSE-A-SECTOR",
    }
}

/// The line `new partner` prints, in the site's language, when it wrote the placeholder.
pub fn sector_notice(config: &Config, path: &Path) -> String {
    let keys = config
        .sectors
        .keys()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(", ");
    let placeholder = sector_placeholder(config.language);
    let path = path.strip_prefix(".").unwrap_or(path).display();
    match config.language {
        Language::Da => format!(
            "bemærk: {path} har `sector: {placeholder}`; skriv én af sektorerne fra site.yaml ({keys}) i stedet, eller giv --sector næste gang. Indtil da melder `brobygger check` en fejl."
        ),
        Language::Sv => format!(
            "obs: {path} har `sector: {placeholder}`; skriv en av sektorerna från site.yaml ({keys}) i stället, eller ange --sector nästa gång. Tills dess rapporterar `brobygger check` ett fel."
        ),
        Language::En => format!(
            "note: {path} has `sector: {placeholder}`; write one of the sectors in site.yaml ({keys}) instead, or give --sector next time. Until then `brobygger check` reports an error."
        ),
    }
}

/// The id a new `kind` titled `title` gets, in a site in `language`: a quote's is made of its
/// first six words. The editing forms give a new entry the same (`serve`'s local backend).
pub fn id_of(kind: Kind, title: &str, language: Language) -> String {
    let words: String = if kind == Kind::Quote {
        title
            .split_whitespace()
            .take(6)
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        title.to_string()
    };
    crate::base::slug::slugify(&words, language)
}

/// Creates the file for a new `kind` titled `title` in the site at `root`. `sector` is a
/// partner's sector, checked against site.yaml's; without it a partner gets a placeholder.
pub fn new(
    root: &Path,
    config: &Config,
    kind: Kind,
    title: &str,
    today: Date,
    first_partners: &[String],
    sector: Option<&str>,
) -> Result<NewFile, NewError> {
    if let Some(sector) = sector {
        check_sector(root, config, kind, sector)?;
    }
    let id = id_of(kind, title, config.language);
    if id.is_empty() {
        return Err(NewError::EmptyTitle);
    }
    // The folder is found as the build reads it: a link leading out of the site is refused
    // before anything is written through it.
    let site = crate::load::site_folder::SiteFolder::new(root);
    let folder = format!("content/{}", kind.folder());
    site.entry(
        &folder,
        crate::load::site_folder::Area::Content,
        config.language,
    )
    .map_err(|d| NewError::Refused(Box::new(d)))?;
    let dir = root.join("content").join(kind.folder());
    let path = dir.join(format!("{id}.md"));
    if path.exists() {
        return Err(NewError::Exists(path));
    }
    std::fs::create_dir_all(&dir).map_err(|e| NewError::Io(dir.clone(), e))?;
    let text = front_matter(config, kind, title, today, first_partners, sector);
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
    Ok(NewFile {
        path,
        sector_to_choose: kind == Kind::Partner && sector.is_none(),
    })
}

/// `--sector` belongs to partners only, and must be one of site.yaml's sector keys. An
/// unknown one is reported as the build reports it, pointing at site.yaml's `sectors:`.
fn check_sector(root: &Path, config: &Config, kind: Kind, sector: &str) -> Result<(), NewError> {
    if kind != Kind::Partner {
        return Err(NewError::SectorNotForKind(kind));
    }
    if config.sectors.contains_key(sector) {
        return Ok(());
    }
    let keys: Vec<&str> = config.sectors.keys().map(String::as_str).collect();
    let suggestion = did_you_mean(sector, keys.iter().copied()).map(str::to_string);
    let mut diagnostic = ErrorText::UnknownSector {
        sector: sector.to_string(),
        suggestion,
        sectors: keys.iter().map(|k| k.to_string()).collect(),
    }
    .diagnostic(crate::config::FILE_NAME, config.language);
    if let Ok(text) = std::fs::read_to_string(root.join(crate::config::FILE_NAME)) {
        let at = text
            .match_indices("sectors:")
            .find(|(i, _)| *i == 0 || text.as_bytes()[i - 1] == b'\n')
            .map(|(i, _)| i);
        if let Some(at) = at {
            diagnostic = diagnostic.at(&text, at, "sectors".len());
        }
    }
    Err(NewError::UnknownSector(Box::new(diagnostic)))
}

fn yaml_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| format!("\"{}\"", s.replace('"', "'")))
}

/// The comments and example values in a new file, in the site's language. The field names
/// and the values YAML reads (`planned`, `local`) stay as they are: they are the format.
struct Words {
    one_of: &'static str,
    choose_sector: &'static str,
    no_sectors: &'static str,
    logo: &'static str,
    summary: &'static str,
    partnership_partners: &'static str,
    partner_id: &'static str,
    facilitator: &'static str,
    goal: &'static str,
    target_group: &'static str,
    kick_off: &'static str,
    agreement: &'static str,
    number: &'static str,
    item_partners: &'static str,
    addresses: &'static str,
    by: &'static str,
    speaker: &'static str,
    speaker_note: &'static str,
    partnership_id: &'static str,
    source: &'static str,
    approved: &'static str,
    weight: &'static str,
    text: &'static str,
}

const DA: Words = Words {
    one_of: "én af",
    choose_sector: "skriv én af sektorerne fra site.yaml:",
    no_sectors: "site.yaml har endnu ingen sektorer: tilføj dem under sectors:",
    logo: "en fil i static/",
    summary: "Én sætning om, hvem de er.",
    partnership_partners: "to eller flere partneres id'er, eller {id: ..., role: ...}",
    partner_id: "partner-id",
    facilitator: "brobyggeren: den partner, der faciliterer",
    goal: "Hvad partnerskabet vil opnå.",
    target_group: "Hvem det er for.",
    kick_off: "Opstartsmøde",
    agreement: "https://example.org/aftale.pdf",
    number: "pladsen i inspirationskataloget",
    item_partners: "de partnere, der har bidraget",
    addresses: "id'erne på de udfordringer, den svarer på",
    by: "hvem der sagde det, hvis de taler for en partner",
    speaker: "projektdeltager",
    speaker_note: "en rolle, når citatet ikke er en partners",
    partnership_id: "partnerskab-id",
    source: "det dokument eller den begivenhed, citatet stammer fra",
    approved: "først true, når den citerede har sagt ja; indtil da offentliggøres citatet ikke",
    weight: "pladsen i menuen",
    text: "Skriv teksten her.",
};

const SV: Words = Words {
    one_of: "en av",
    choose_sector: "skriv en av sektorerna från site.yaml:",
    no_sectors: "site.yaml har ännu inga sektorer: lägg till dem under sectors:",
    logo: "en fil i static/",
    summary: "En mening om vilka de är.",
    partnership_partners: "två eller fler partners id:n, eller {id: ..., role: ...}",
    partner_id: "partner-id",
    facilitator: "brobyggaren: den partner som faciliterar",
    goal: "Vad partnerskapet vill uppnå.",
    target_group: "Vilka det är till för.",
    kick_off: "Uppstartsmöte",
    agreement: "https://example.org/avtal.pdf",
    number: "platsen i inspirationskatalogen",
    item_partners: "de partner som har bidragit",
    addresses: "id:na för de utmaningar som den svarar på",
    by: "vem som sa det, om personen talar för en partner",
    speaker: "projektdeltagare",
    speaker_note: "en roll, när citatet inte är en partners",
    partnership_id: "partnerskap-id",
    source: "dokumentet eller evenemanget som citatet kommer från",
    approved: "true först när den som citeras har sagt ja; tills dess publiceras citatet inte",
    weight: "platsen i menyn",
    text: "Skriv texten här.",
};

const EN: Words = Words {
    one_of: "one of",
    choose_sector: "write one of the sectors in site.yaml:",
    no_sectors: "site.yaml has no sectors yet: add them under sectors:",
    logo: "a file under static/",
    summary: "One sentence on who they are.",
    partnership_partners: "two or more partner ids, or {id: ..., role: ...}",
    partner_id: "partner-id",
    facilitator: "the brobygger: the partner who facilitates",
    goal: "What the partnership wants to achieve.",
    target_group: "Who it is for.",
    kick_off: "Kick-off",
    agreement: "https://example.org/agreement.pdf",
    number: "its place in the catalogue",
    item_partners: "the partners who contributed it",
    addresses: "the ids of the challenges it answers",
    by: "who said it, if they speak for a partner",
    speaker: "project participant",
    speaker_note: "a role, when the quote is not a partner's",
    partnership_id: "partnership-id",
    source: "the document or event it is from",
    approved: "true once the person quoted has consented; until then it is not published",
    weight: "its place in the menu",
    text: "Write the text here.",
};

fn words(language: Language) -> &'static Words {
    match language {
        Language::Da => &DA,
        Language::Sv => &SV,
        Language::En => &EN,
    }
}

/// "where it arose", with the pronoun the kind's word takes (Danish: *et* læringspunkt).
fn arose(language: Language, kind: Kind) -> &'static str {
    match (language, kind) {
        (Language::Da, Kind::Learning) => "de partnerskaber, hvor det opstod",
        (Language::Da, _) => "de partnerskaber, hvor den opstod",
        (Language::Sv, _) => "de partnerskap där den uppstod",
        (Language::En, _) => "where it arose",
    }
}

fn front_matter(
    config: &Config,
    kind: Kind,
    title: &str,
    today: Date,
    partners: &[String],
    sector: Option<&str>,
) -> String {
    let w = words(config.language);
    let t = yaml_string(title);
    let two = match partners {
        [a, b, ..] => format!("[{a}, {b}]"),
        [a] => format!("[{a}]"),
        [] => "[]".to_string(),
    };
    let text_hint = w.text;
    let common = format!("tags: []\ndate: {today}\n# updated: {today}\n# draft: true\n");
    match kind {
        Kind::Partner => {
            let sector_lines = match sector {
                Some(s) => {
                    let keys = config
                        .sectors
                        .keys()
                        .map(String::as_str)
                        .collect::<Vec<_>>()
                        .join(" | ");
                    format!("sector: {s}   # {}: {keys}\n", w.one_of)
                }
                None if config.sectors.is_empty() => format!(
                    "sector: {}   # {}\n",
                    sector_placeholder(config.language),
                    w.no_sectors
                ),
                None => {
                    let mut lines = format!(
                        "sector: {}   # {}\n",
                        sector_placeholder(config.language),
                        w.choose_sector
                    );
                    for (key, label) in &config.sectors {
                        lines.push_str(&format!("#   {key}: {label}\n"));
                    }
                    lines
                }
            };
            format!(
                "---\nname: {t}\n{sector_lines}# level: local   # local | regional | national | european\n# website: https://example.org\n# logo: images/logo.png   # {}\n# summary: {}\n{common}---\n{text_hint}\n",
                w.logo, w.summary
            )
        }
        Kind::Partnership => format!(
            "---\ntitle: {t}\npartners: {two}   # {}\n# facilitator: {}   # {}\n# form: partnership   # network | alliance | partnership\n# start: {today}\n# end: {today}\nstatus: planned   # planned | active | completed\n# goal: {}\n# target_group: {}\n# milestones:\n#   - {{date: {today}, title: {}, done: false}}\n# agreement: {}\n{}---\n{text_hint}\n",
            w.partnership_partners,
            w.partner_id,
            w.facilitator,
            w.goal,
            w.target_group,
            w.kick_off,
            w.agreement,
            // A partnership's page shows its dates (start, end, agreed): a date stamped on the
            // day the file was made would read as one of them, so it is left for the user to
            // write.
            common.replace("\ndate: ", "\n# date: ")
        ),
        Kind::Challenge | Kind::Opportunity | Kind::Learning | Kind::Recommendation => {
            let addresses = if kind == Kind::Recommendation {
                format!("addresses: []   # {}\n", w.addresses)
            } else {
                String::new()
            };
            format!(
                "---\ntitle: {t}\n# number: 1   # {}\npartners: []   # {}\npartnerships: []   # {}\n{addresses}{common}---\n{text_hint}\n",
                w.number,
                w.item_partners,
                arose(config.language, kind)
            )
        }
        Kind::Quote => format!(
            "---\n# by: {}   # {}\nspeaker: {}   # {}\n# partnership: {}\n# source: {}\napproved: false   # {}\n{common}---\n{title}\n",
            w.partner_id, w.by, w.speaker, w.speaker_note, w.partnership_id, w.source, w.approved
        ),
        Kind::Page => format!(
            "---\ntitle: {t}\n# weight: 1   # {}\n{common}---\n{text_hint}\n",
            w.weight
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
