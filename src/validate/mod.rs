//! Whole-site checks: every id unique within its kind, every reference (partners, partnerships,
//! facilitators, quotes' speakers, recommendations' challenges, sectors, wikilinks) pointing at
//! something that exists. All problems are collected before the build stops, each pointing at
//! the value in the file with a suggestion.

use crate::base::Language;
use crate::base::diagnostic::{Diagnostic, Diagnostics, did_you_mean};
use crate::base::messages::ErrorText;
use crate::base::yaml;
use crate::load::{Document, Kind, LoadedSite, Meta};
use logo::check_logo;
use rustc_hash::FxHashMap as HashMap;
pub use settings::check_base_url_option;
use settings::check_config;

mod logo;
mod settings;

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
    // A number is unique among the items of one kind in one catalogue.
    let mut numbers: HashMap<(Option<&str>, Kind, u32), usize> = HashMap::default();
    for (i, doc) in site.documents.iter().enumerate() {
        check_document(site, &index, doc, &mut errors);
        let catalogue = match &doc.meta {
            Meta::Item(m, _) => m.catalogue.as_deref(),
            _ => None,
        };
        if let Meta::Item(m, _) = &doc.meta
            && let Some(n) = m.number
            && let Some(&other) = numbers.get(&(catalogue, doc.kind, n))
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
            numbers.insert((catalogue, doc.kind, n), i);
        }
    }
    if let Some(front) = &site.front {
        if let Some(title) = &front.title
            && let Some(e) = blank("title", title)
        {
            let at = yaml::find_key(&front.text, "title").unwrap_or(0);
            errors.push(e.diagnostic(front.file.clone(), site.config.language).at(
                &front.text,
                at,
                5,
            ));
        }
        check_wikilinks(
            site,
            &index,
            &front.file,
            &|| front.text.as_str(),
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

/// An error when a title or name would show as nothing: an empty `<h1>` and links without
/// text, which a screen reader announces as "link" and a sighted reader cannot see.
fn blank(field: &str, text: &str) -> Option<ErrorText> {
    crate::base::text::is_blank(text).then(|| ErrorText::EmptyTitle {
        field: field.to_string(),
        invisible: !text.is_empty(),
    })
}

/// The byte offset of a front matter key in a document, or the front matter's start.
fn key_at(doc: &Document, key: &str) -> usize {
    let fm = doc.front_matter.clone();
    yaml::find_key(&doc.text[fm.clone()], key).map_or(fm.start, |at| fm.start + at)
}

/// The titles and names of a document that pages show as headings and link texts.
fn check_titles(doc: &Document, language: Language, errors: &mut Diagnostics) {
    // Where the field is, found only for an error: finding it reads the file's text again.
    let mut field = |key: &str, shown_as: String, text: &str, at: &dyn Fn() -> usize| {
        if let Some(e) = blank(&shown_as, text) {
            errors.push(
                e.diagnostic(doc.file.clone(), language)
                    .at(&doc.text, at(), key.len()),
            );
        }
    };
    match &doc.meta {
        Meta::Partner(m) => field("name", "name".into(), &m.name, &|| key_at(doc, "name")),
        Meta::Partnership(m) => {
            field("title", "title".into(), &m.title, &|| key_at(doc, "title"));
            // A milestone's title is found as the n-th `title:` after `milestones:`.
            let fm = doc.front_matter.clone();
            let milestone_at = |n: usize| {
                let mut at = key_at(doc, "milestones");
                for _ in 0..=n {
                    let next = doc
                        .text
                        .get(at + 1..fm.end)
                        .and_then(|rest| yaml::find_key(rest, "title"))
                        .map(|i| at + 1 + i);
                    if let Some(next) = next {
                        at = next;
                    }
                }
                at
            };
            for (n, milestone) in m.milestones.iter().enumerate() {
                field(
                    "title",
                    format!("milestones[{n}].title"),
                    &milestone.title,
                    &|| milestone_at(n),
                );
            }
        }
        Meta::Item(m, _) => field("title", "title".into(), &m.title, &|| key_at(doc, "title")),
        Meta::Page(m) => field("title", "title".into(), &m.title, &|| key_at(doc, "title")),
        // A quote's speaker is who it is attributed to, after the dash.
        Meta::Quote(q) => {
            if let Some(speaker) = &q.speaker {
                field("speaker", "speaker".into(), speaker, &|| {
                    key_at(doc, "speaker")
                });
            }
        }
    }
}

/// Adds to a did-you-mean the characters by which `written` differs from `meant` when the
/// two look the same.
fn with_lookalikes(
    mut d: Diagnostic,
    written: &str,
    meant: Option<&str>,
    language: Language,
) -> Diagnostic {
    let Some(meant) = meant else { return d };
    let differences = crate::base::text::lookalikes(written, meant);
    if !differences.is_empty() {
        let note = crate::base::messages::lookalike_note(written, meant, &differences, language);
        d.help = Some(match d.help {
            Some(help) => format!("{help} {note}"),
            None => note,
        });
    }
    d
}

fn check_document(site: &LoadedSite, index: &Index, doc: &Document, errors: &mut Diagnostics) {
    let broken = |kind: Kind, value: &str| {
        let id = value.rsplit('/').next().unwrap_or(value);
        site.broken.iter().any(|(k, i)| *k == kind && i == id)
    };
    // Errors found beside the references', added after them.
    let mut more = Diagnostics::default();
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
                let d = ErrorText::UnknownSector {
                    sector: p.sector.clone(),
                    suggestion: suggestion.clone(),
                    sectors: keys.iter().map(|k| k.to_string()).collect(),
                }
                .diagnostic(doc.file.clone(), site.config.language)
                .at(
                    &doc.text,
                    yaml::find_value(&doc.text, doc.front_matter.clone(), "sector", &p.sector),
                    p.sector.len(),
                );
                errors.push(with_lookalikes(
                    d,
                    &p.sector,
                    suggestion.as_deref(),
                    site.config.language,
                ));
            }
            if let Some(logo) = &p.logo {
                check_logo(site, doc, logo, errors);
            }
        }
        Meta::Partnership(p) => {
            for m in &p.partners {
                field("partners", Kind::Partner, &m.id);
                for t in &m.brings {
                    check_known(
                        doc,
                        "partners",
                        t,
                        &site.config.contribution_types.keys().collect::<Vec<_>>(),
                        site.config.language,
                        &mut more,
                        |value, suggestion, types| ErrorText::UnknownContributionType {
                            value,
                            suggestion,
                            types,
                        },
                    );
                }
            }
            if let Some(f) = &p.facilitator {
                field("facilitator", Kind::Partner, f);
            }
            // `end: 2021` after `start: 2021-03` is fine: a date covers the whole year or month.
            if let (Some(start), Some(end)) = (p.start, p.end)
                && end.last_day() < start.first_day()
            {
                let end = end.to_string();
                errors.push(
                    ErrorText::EndBeforeStart {
                        start: start.to_string(),
                        end: end.clone(),
                    }
                    .diagnostic(doc.file.clone(), site.config.language)
                    .at(
                        &doc.text,
                        yaml::find_value(&doc.text, doc.front_matter.clone(), "end", &end),
                        end.len(),
                    ),
                );
            }
        }
        Meta::Item(m, addresses) => {
            let catalogues: Vec<&String> = site.config.catalogues.keys().collect();
            if let Some(c) = &m.catalogue {
                check_known(
                    doc,
                    "catalogue",
                    c,
                    &catalogues,
                    site.config.language,
                    &mut more,
                    |value, suggestion, catalogues| ErrorText::UnknownCatalogue {
                        value,
                        suggestion,
                        catalogues,
                    },
                );
            } else if m.number.is_some() && !catalogues.is_empty() {
                more.push(
                    ErrorText::NumberWithoutCatalogue {
                        catalogues: catalogues.iter().map(|c| c.to_string()).collect(),
                    }
                    .diagnostic(doc.file.clone(), site.config.language)
                    .at(&doc.text, key_at(doc, "number"), 6),
                );
            }
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
    errors.extend(more);
    check_titles(doc, site.config.language, errors);
    check_wikilinks(site, index, &doc.file, &|| &*doc.text, &doc.body, errors);
}

/// An error when `value`, written under `key`, is not one of `known` (site.yaml's keys of
/// some list), with the nearest as a suggestion.
fn check_known(
    doc: &Document,
    key: &str,
    value: &str,
    known: &[&String],
    language: Language,
    errors: &mut Diagnostics,
    error: impl Fn(String, Option<String>, Vec<String>) -> ErrorText,
) {
    if known.iter().any(|k| *k == value) {
        return;
    }
    let suggestion = did_you_mean(value, known.iter().map(|k| k.as_str())).map(str::to_string);
    let d = error(
        value.to_string(),
        suggestion.clone(),
        known.iter().map(|k| k.to_string()).collect(),
    )
    .diagnostic(doc.file.clone(), language)
    .at(
        &doc.text,
        yaml::find_value(&doc.text, doc.front_matter.clone(), key, value),
        value.len().max(1),
    );
    errors.push(with_lookalikes(d, value, suggestion.as_deref(), language));
}

/// Checks a body's wikilinks, except those to files that failed to load (already reported).
fn check_wikilinks<'a>(
    site: &LoadedSite,
    index: &Index,
    file: &str,
    text: &dyn Fn() -> &'a str,
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

fn check_wikilink<'a>(
    index: &Index,
    file: &str,
    text: &dyn Fn() -> &'a str,
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
    let meant = match &error {
        ErrorText::UnknownWikilink {
            suggestion: Some(s),
            ..
        } => Some(s.rsplit('/').next().unwrap_or(s).to_string()),
        _ => None,
    };
    let id = link.target.rsplit('/').next().unwrap_or(&link.target);
    let d = error
        .diagnostic(file, language)
        .at(text(), link.offset, link.target.len() + 4);
    errors.push(with_lookalikes(d, id, meant.as_deref(), language));
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
    let (written, meant) = match &error {
        ErrorText::UnknownReference { id, suggestion, .. } => (id.clone(), suggestion.clone()),
        _ => (String::new(), None),
    };
    let d = error
        .diagnostic(doc.file.clone(), language)
        .at(&doc.text, at, value.len());
    with_lookalikes(d, &written, meant.as_deref(), language)
}
