//! Whole-site checks: every id unique within its kind, every reference (partners, partnerships,
//! facilitators, quotes' speakers, recommendations' challenges, sectors, wikilinks) pointing at
//! something that exists. All problems are collected before the build stops, each pointing at
//! the value in the file with a suggestion.

use crate::base::Language;
use crate::base::diagnostic::{Diagnostic, Diagnostics, did_you_mean};
use crate::base::messages::ErrorText;
use crate::base::yaml;
use crate::load::{Document, Kind, LoadedSite, Meta};
use rustc_hash::FxHashMap as HashMap;

/// Where each id lives: kind → id → position in [`LoadedSite::documents`].
#[derive(Debug, Default)]
pub struct Index {
    by_kind: HashMap<Kind, HashMap<String, usize>>,
}

impl Index {
    pub fn get(&self, kind: Kind, id: &str) -> Option<usize> {
        self.by_kind.get(&kind).and_then(|m| m.get(id)).copied()
    }

    fn ids(&self, kind: Kind) -> impl Iterator<Item = &str> {
        self.by_kind
            .get(&kind)
            .into_iter()
            .flat_map(|m| m.keys().map(String::as_str))
    }

    /// Resolves a wikilink target (`id` or `kind/id`) to (kind, document position).
    pub fn resolve_any(&self, target: &str) -> Result<(Kind, usize), RefError> {
        if let Some((folder, id)) = target.split_once('/') {
            let kind = Kind::from_folder(folder).ok_or(RefError::UnknownKind)?;
            return self
                .get(kind, id)
                .map(|i| (kind, i))
                .ok_or(RefError::Unknown);
        }
        let hits: Vec<(Kind, usize)> = Kind::ALL
            .iter()
            .filter_map(|&k| self.get(k, target).map(|i| (k, i)))
            .collect();
        match hits.as_slice() {
            [one] => Ok(*one),
            [] => Err(RefError::Unknown),
            many => Err(RefError::Ambiguous(many.iter().map(|(k, _)| *k).collect())),
        }
    }

    /// Resolves a field's reference (`id` or `kind/id`) that must be of `kind`.
    pub fn resolve(&self, kind: Kind, reference: &str) -> Result<usize, RefError> {
        let id = match reference.split_once('/') {
            Some((folder, id)) => match Kind::from_folder(folder) {
                Some(k) if k == kind => id,
                Some(k) => return Err(RefError::WrongKind(k)),
                None => return Err(RefError::UnknownKind),
            },
            None => reference,
        };
        self.get(kind, id).ok_or(RefError::Unknown)
    }
}

#[derive(Debug)]
pub enum RefError {
    Unknown,
    UnknownKind,
    WrongKind(Kind),
    Ambiguous(Vec<Kind>),
}

/// Checks the loaded site as a whole and returns the id index the model is built from.
pub fn validate(site: &LoadedSite) -> Result<Index, Diagnostics> {
    let mut index = Index::default();
    let mut errors = Diagnostics::default();
    for (i, doc) in site.documents.iter().enumerate() {
        let ids = index.by_kind.entry(doc.kind).or_default();
        if let Some(&first) = ids.get(&doc.id) {
            errors.push(
                ErrorText::DuplicateId {
                    id: doc.id.clone(),
                    other_file: site.documents[first].file.clone(),
                    folder: doc.kind.folder(),
                }
                .diagnostic(doc.file.clone(), site.config.language),
            );
        } else {
            ids.insert(doc.id.clone(), i);
        }
    }
    check_config(site, &mut errors);
    let mut numbers: HashMap<(Kind, u32), usize> = HashMap::default();
    for (i, doc) in site.documents.iter().enumerate() {
        check_document(site, &index, doc, &mut errors);
        if let Meta::Item(m, _) = &doc.meta
            && let Some(n) = m.number
            && let Some(&other) = numbers.get(&(doc.kind, n))
        {
            errors.push(
                ErrorText::DuplicateNumber {
                    number: n.to_string(),
                    other_file: site.documents[other].file.clone(),
                    kind: doc.kind,
                }
                .diagnostic(doc.file.clone(), site.config.language)
                .at(
                    &doc.text,
                    yaml::find_value(
                        &doc.text,
                        doc.front_matter.clone(),
                        "number",
                        &n.to_string(),
                    ),
                    n.to_string().len(),
                ),
            );
        } else if let Meta::Item(m, _) = &doc.meta
            && let Some(n) = m.number
        {
            numbers.insert((doc.kind, n), i);
        }
    }
    if let Some(front) = &site.front {
        check_wikilinks(
            site,
            &index,
            &front.file,
            &front.text,
            &front.body,
            &mut errors,
        );
    }
    if errors.has_errors() {
        errors.sort();
        Err(errors)
    } else {
        Ok(index)
    }
}

/// The settings in site.yaml that lead somewhere: `base_url` becomes the start of every link
/// on the 404 page, and `theme` names a folder that is read whole.
fn check_config(site: &LoadedSite, errors: &mut Diagnostics) {
    let file = crate::config::FILE_NAME;
    // Read again only to point at the line: this runs only when something is wrong.
    let text = || {
        let site = crate::load::site_folder::SiteFolder::new(&site.root);
        crate::load::settings::read_text(&site).unwrap_or_default()
    };
    let at_key = |d: Diagnostic, key: &str, len: usize| {
        let text = text();
        let offset = yaml::find_key(&text, key).unwrap_or(0);
        d.at(&text, offset, len)
    };
    if let Some(url) = &site.config.base_url
        && crate::markdown::is_dangerous_url(url)
    {
        errors.push(
            at_key(
                Diagnostic::error(
                    "bad-url",
                    file,
                    format!("`base_url` \"{url}\" is not a web address: it would run a script in readers' browsers"),
                ),
                "base_url",
                8,
            )
            .with_help("write the address the site is published at, such as `base_url: https://example.org/kb/`, or remove the line"),
        );
    }
    if let Some(theme) = &site.config.theme {
        let plain = std::path::Path::new(theme)
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)));
        if theme.is_empty() || !plain || theme.contains(['/', '\\']) {
            errors.push(
                at_key(
                    Diagnostic::error(
                        "unknown-theme",
                        file,
                        format!("`theme` \"{theme}\" is not the name of a folder in themes/"),
                    ),
                    "theme",
                    5,
                )
                .with_help("write only the name of a folder inside themes/, such as `theme: egen`, or remove the line to use the built-in theme"),
            );
        }
    }
}

fn check_document(site: &LoadedSite, index: &Index, doc: &Document, errors: &mut Diagnostics) {
    let broken = |kind: Kind, value: &str| {
        let id = value.rsplit('/').next().unwrap_or(value);
        site.broken.iter().any(|(k, i)| *k == kind && i == id)
    };
    let mut field = |key: &str, kind: Kind, value: &str| match index.resolve(kind, value) {
        Err(RefError::Unknown) if broken(kind, value) => {}
        Err(e) => errors.push(reference_error(
            index,
            doc,
            key,
            kind,
            value,
            e,
            site.config.language,
        )),
        Ok(_) => {}
    };
    match &doc.meta {
        Meta::Partner(p) => {
            if !site.config.sectors.contains_key(&p.sector) {
                let keys: Vec<&str> = site.config.sectors.keys().map(String::as_str).collect();
                let suggestion = did_you_mean(&p.sector, keys.iter().copied()).map(str::to_string);
                errors.push(
                    ErrorText::UnknownSector {
                        sector: p.sector.clone(),
                        suggestion,
                        sectors: keys.iter().map(|k| k.to_string()).collect(),
                    }
                    .diagnostic(doc.file.clone(), site.config.language)
                    .at(
                        &doc.text,
                        yaml::find_value(&doc.text, doc.front_matter.clone(), "sector", &p.sector),
                        p.sector.len(),
                    ),
                );
            }
        }
        Meta::Partnership(p) => {
            for m in &p.partners {
                field("partners", Kind::Partner, &m.id);
            }
            if let Some(f) = &p.facilitator {
                field("facilitator", Kind::Partner, f);
            }
        }
        Meta::Item(m, addresses) => {
            for p in &m.partners {
                field("partners", Kind::Partner, p);
            }
            for p in &m.partnerships {
                field("partnerships", Kind::Partnership, p);
            }
            for c in addresses {
                field("addresses", Kind::Challenge, c);
            }
        }
        Meta::Quote(q) => {
            if let Some(by) = &q.by {
                field("by", Kind::Partner, by);
            }
            if let Some(p) = &q.partnership {
                field("partnership", Kind::Partnership, p);
            }
        }
        Meta::Page(_) => {}
    }
    check_wikilinks(site, index, &doc.file, &doc.text, &doc.body, errors);
}

/// Checks a body's wikilinks, except those to files that failed to load (already reported).
fn check_wikilinks(
    site: &LoadedSite,
    index: &Index,
    file: &str,
    text: &str,
    body: &crate::markdown::Body,
    errors: &mut Diagnostics,
) {
    for link in &body.links {
        let id = link.target.rsplit('/').next().unwrap_or(&link.target);
        if !site.broken.iter().any(|(_, i)| i == id) {
            check_wikilink(index, file, text, link, site.config.language, errors);
        }
    }
}

fn check_wikilink(
    index: &Index,
    file: &str,
    text: &str,
    link: &crate::markdown::WikiLink,
    language: Language,
    errors: &mut Diagnostics,
) {
    if link.target.is_empty() {
        return; // reported when the body was parsed
    }
    let Err(e) = index.resolve_any(&link.target) else {
        return;
    };
    let target = link.target.clone();
    let error = match e {
        RefError::Ambiguous(kinds) => ErrorText::AmbiguousWikilink {
            options: kinds
                .iter()
                .map(|k| format!("[[{}/{}]]", k.folder(), link.target))
                .collect(),
            target,
        },
        RefError::UnknownKind => ErrorText::UnknownKindWikilink { target },
        _ => {
            let (kind_hint, id) = match link.target.split_once('/') {
                Some((f, id)) => (Kind::from_folder(f), id),
                None => (None, link.target.as_str()),
            };
            let kinds: Vec<Kind> = kind_hint.map_or(Kind::ALL.to_vec(), |k| vec![k]);
            let all: Vec<&str> = kinds.iter().flat_map(|&k| index.ids(k)).collect();
            let suggestion = match (did_you_mean(id, all.iter().copied()), kind_hint) {
                (Some(s), Some(k)) => Some(format!("{}/{s}", k.folder())),
                (Some(s), None) => Some(s.to_string()),
                (None, _) => None,
            };
            ErrorText::UnknownWikilink {
                id: id.to_string(),
                target,
                suggestion,
            }
        }
    };
    errors.push(
        error
            .diagnostic(file, language)
            .at(text, link.offset, link.target.len() + 4),
    );
}

fn reference_error(
    index: &Index,
    doc: &Document,
    key: &str,
    kind: Kind,
    value: &str,
    e: RefError,
    language: Language,
) -> Diagnostic {
    let at = yaml::find_value(&doc.text, doc.front_matter.clone(), key, value);
    let error = match e {
        RefError::WrongKind(actual) => ErrorText::WrongKindReference {
            key: key.to_string(),
            kind,
            value: value.to_string(),
            actual,
        },
        RefError::UnknownKind => ErrorText::UnknownKindReference {
            kind,
            value: value.to_string(),
        },
        _ => {
            let id = value.rsplit('/').next().unwrap_or(value);
            let ids: Vec<&str> = index.ids(kind).collect();
            ErrorText::UnknownReference {
                kind,
                value: value.to_string(),
                id: id.to_string(),
                suggestion: did_you_mean(id, ids.iter().copied()).map(str::to_string),
            }
        }
    };
    error
        .diagnostic(doc.file.clone(), language)
        .at(&doc.text, at, value.len())
}
