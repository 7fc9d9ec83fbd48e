//! `check`: the questions the seed documents teach a facilitator to ask of a partnership
//! (is someone only on paper? is there a bridge-builder? which sectors are missing? is every
//! challenge answered?) and the mistakes readers would notice (images without alt text,
//! skipped headings, broken links, stale or unapproved content), as warnings with a stable
//! code that a file or the site can silence with `allow:`.

mod messages;

use crate::base::Language;
use crate::base::diagnostic::{Diagnostic, Diagnostics};
use crate::base::yaml;
use crate::load::{self, Date, Kind, LoadedSite, Meta, Source};
use crate::model::{self, Site};
use messages::Finding;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;
use std::path::Path;

pub use messages::CODES;

/// Checks the site in `root` as of `today`: `Err` with the build's errors, or `Ok` with the
/// warnings that are not silenced, in file order.
pub fn check(root: &Path, today: Date) -> Result<Diagnostics, Diagnostics> {
    check_with(&mut crate::pipeline::Pipeline::new(root, false), today)
}

/// [`check`] with a pipeline that keeps what it read between runs: the live preview checks
/// again after each save, reading only the files that changed.
pub fn check_with(
    pipeline: &mut crate::pipeline::Pipeline,
    today: Date,
) -> Result<Diagnostics, Diagnostics> {
    let crate::pipeline::Validated { loaded, index } = pipeline.validate()?;
    let pending = Pending::of(&loaded);
    let site = model::build(loaded, &index, false);
    let published = published_files(&site.root, &site.config)?;
    Ok(pending.warnings(&site, &published, today))
}

/// The errors [`check_with`] finds, without looking for warnings: what the editing forms need
/// to try a save.
pub fn errors_with(pipeline: &mut crate::pipeline::Pipeline) -> Diagnostics {
    match pipeline.validate() {
        Err(errors) => errors,
        Ok(v) => published_files(&v.loaded.root, &v.loaded.config)
            .err()
            .unwrap_or_default(),
    }
}

/// The paths of the files published as they are (the site's `static/` and the theme's), which
/// links in bodies may name; or the errors `build` meets when it copies them and the forms'
/// bundle: a link out of the site folder, a file too large or unreadable. `check` names them
/// too, so that a site it passes also builds.
pub fn published_files(
    root: &Path,
    config: &crate::config::Config,
) -> Result<HashSet<String>, Diagnostics> {
    let mut errors = Diagnostics::default();
    let mut published = HashSet::new();
    match load::read_static(root, config) {
        Ok(files) => published.extend(files.into_iter().map(|(path, _)| path)),
        Err(found) => errors.extend(found),
    }
    match crate::render::theme::Theme::load(root, config) {
        Ok(theme) => published.extend(theme.statics.into_keys()),
        Err(found) => errors.extend(found),
    }
    if config.cms.is_some() {
        for file in [
            crate::plan::AdminFile::Bundle,
            crate::plan::AdminFile::BundleLicence,
        ] {
            if let Err(found) = crate::cms::read_admin_file(root, file, config.language) {
                errors.push(found);
            }
        }
    }
    if errors.has_errors() {
        Err(errors)
    } else {
        Ok(published)
    }
}

/// What the warnings need from the files as loaded (their texts, `allow:` lists, quotes that
/// never reach the model), taken before the files become the model. `build` takes it from the
/// files it has loaded anyway, so that counting the warnings reads nothing twice.
pub struct Pending {
    sources: Sources,
    found: Vec<(String, Placed, Finding)>,
}

impl Pending {
    pub fn of(loaded: &LoadedSite) -> Pending {
        let mut found = Vec::new();
        unpublished_quotes(loaded, &mut found);
        Pending {
            sources: Sources::of(loaded),
            found,
        }
    }

    /// The findings about `site` that are not silenced, by file, with what places them.
    fn unsilenced(self, site: &Site, published: &HashSet<String>, today: Date) -> Unsilenced {
        let Pending { sources, mut found } = self;
        let site_allow = &site.config.allow;
        partners_and_partnerships(site, today, &mut found);
        items(site, today, &mut found);
        bodies(site, published, &mut found);
        colliding_tags(site, &mut found);
        if site.config.cms.is_some()
            && !site
                .root
                .join(crate::plan::AdminFile::Bundle.path())
                .is_file()
        {
            let settings = sources.texts.get(crate::config::FILE_NAME);
            let at = settings
                .and_then(|t| yaml::find_key(&t.text(), "cms"))
                .unwrap_or(0);
            found.push((
                crate::config::FILE_NAME.into(),
                Placed::Offset(at, 3),
                Finding::CmsBundleMissing,
            ));
        }

        for code in site_allow {
            if !CODES.contains(&code.as_str()) {
                found.push((
                    crate::config::FILE_NAME.into(),
                    Placed::Key("allow"),
                    Finding::UnknownAllow { code: code.clone() },
                ));
            }
        }
        for (file, allow) in &sources.allow {
            for code in allow.iter().filter(|c| !CODES.contains(&c.as_str())) {
                found.push((
                    file.clone(),
                    Placed::Key("allow"),
                    Finding::UnknownAllow { code: code.clone() },
                ));
            }
        }
        found.retain(|(file, _, finding)| {
            let code = finding.code();
            let silenced = site_allow.iter().any(|c| c == code)
                || sources
                    .allow
                    .get(file)
                    .is_some_and(|a| a.iter().any(|c| c == code));
            // `allow:` never silences its own unknown codes.
            !silenced || matches!(finding, Finding::UnknownAllow { .. })
        });
        // A file's text is read again for its findings, which come one file after another.
        found.sort_by(|a, b| a.0.cmp(&b.0));
        (sources, found)
    }

    /// The warnings about `site`, modelled from the files without drafts, as of `today`;
    /// `published` are the paths of the files copied as they are ([`published_files`]).
    pub fn warnings(self, site: &Site, published: &HashSet<String>, today: Date) -> Diagnostics {
        let language = site.config.language;
        let (sources, found) = self.unsilenced(site, published, today);
        let mut warnings = Diagnostics::default();
        for file in found.chunk_by(|a, b| a.0 == b.0) {
            warnings.extend(sources.place_all(file, language));
        }
        warnings.sort();
        warnings
    }

    /// How many [`warnings`](Self::warnings) there are, reading again only the files where
    /// two findings say the same (the same place would make them one warning): a build
    /// counts its warnings and shows none.
    pub fn count(self, site: &Site, published: &HashSet<String>, today: Date) -> usize {
        let language = site.config.language;
        let (sources, found) = self.unsilenced(site, published, today);
        let mut count = 0;
        for file in found.chunk_by(|a, b| a.0 == b.0) {
            let mut said: Vec<String> = file.iter().map(|f| f.2.text(language).0).collect();
            said.sort();
            said.dedup();
            count += if said.len() == file.len() {
                file.len()
            } else {
                let mut placed = Diagnostics(sources.place_all(file, language));
                placed.sort();
                placed.len()
            };
        }
        count
    }
}

/// The findings not silenced, sorted by file, and the files' sources.
type Unsilenced = (Sources, Vec<(String, Placed, Finding)>);

/// Where in a file a finding points.
#[derive(Clone)]
enum Placed {
    /// At a front matter key's line.
    Key(&'static str),
    /// At a value under a front matter key.
    Value(&'static str, String),
    /// At a byte offset of the file (in the body).
    Offset(usize, usize),
}

/// The text, front matter and `allow:` of every file, kept for placing findings after the
/// model (which keeps only what pages show) has been built.
struct Sources {
    /// Where each text is: the content files' are read again for their findings only.
    texts: HashMap<String, Source>,
    front_matter: HashMap<String, Range<usize>>,
    allow: BTreeMap<String, Vec<String>>,
}

impl Sources {
    fn of(loaded: &LoadedSite) -> Sources {
        let mut s = Sources {
            texts: HashMap::new(),
            front_matter: HashMap::new(),
            allow: BTreeMap::new(),
        };
        for d in &loaded.documents {
            s.texts.insert(d.file.clone(), d.text.clone());
            s.front_matter
                .insert(d.file.clone(), d.front_matter.clone());
            if !d.meta.allow().is_empty() {
                s.allow.insert(d.file.clone(), d.meta.allow().to_vec());
            }
        }
        if let Some(f) = &loaded.front {
            s.texts
                .insert(f.file.clone(), Source::held(f.text.as_str().into()));
        }
        let site = load::site_folder::SiteFolder::new(&loaded.root);
        if let Ok(text) = crate::load::settings::read_text(&site) {
            s.front_matter
                .insert(crate::config::FILE_NAME.into(), 0..text.len());
            s.texts
                .insert(crate::config::FILE_NAME.into(), Source::held(text.into()));
        }
        s
    }

    /// Places the findings of one file, reading its text once.
    fn place_all(&self, file: &[(String, Placed, Finding)], language: Language) -> Vec<Diagnostic> {
        let Some((name, _, _)) = file.first() else {
            return Vec::new();
        };
        let text = self.texts.get(name).map_or_else(|| "".into(), Source::text);
        file.iter()
            .map(|(name, placed, finding)| {
                self.place(name, &text, placed.clone(), finding.clone(), language)
            })
            .collect()
    }

    fn place(
        &self,
        file: &str,
        text: &str,
        placed: Placed,
        finding: Finding,
        language: Language,
    ) -> Diagnostic {
        let fm = self.front_matter.get(file).cloned().unwrap_or(0..0);
        let (message, help) = finding.text(language);
        let d = Diagnostic::error(finding.code(), file, message)
            .warning()
            .with_help(help);
        match placed {
            Placed::Key(key) => match yaml::find_key(&text[fm.clone()], key) {
                Some(at) => d.at(text, fm.start + at, key.len()),
                None => d.at(text, fm.start, 3),
            },
            Placed::Value(key, value) => d.at(
                text,
                yaml::find_value(text, fm, key, &value),
                value.chars().count(),
            ),
            Placed::Offset(at, len) => d.at(text, at, len),
        }
    }
}

/// Quotes never reach the model unless approved, so they are checked as loaded.
fn unpublished_quotes(loaded: &LoadedSite, found: &mut Vec<(String, Placed, Finding)>) {
    for d in &loaded.documents {
        if let Meta::Quote(q) = &d.meta {
            if d.meta.draft() {
                continue;
            }
            if !q.approved {
                found.push((
                    d.file.clone(),
                    Placed::Key("approved"),
                    Finding::QuoteNotApproved,
                ));
            }
            if q.source.as_deref().is_none_or(|s| s.trim().is_empty()) {
                found.push((
                    d.file.clone(),
                    Placed::Offset(d.front_matter.start, 3),
                    Finding::QuoteWithoutSource,
                ));
            }
        }
    }
}

fn partners_and_partnerships(site: &Site, today: Date, found: &mut Vec<(String, Placed, Finding)>) {
    for p in &site.partners {
        if p.memberships.is_empty() && p.contributions.is_empty() {
            found.push((
                p.entry.file.clone(),
                Placed::Key("name"),
                Finding::PartnerWithoutContribution {
                    name: p.entry.title.clone(),
                },
            ));
        }
    }
    for p in &site.partnerships {
        let file = &p.entry.file;
        if p.facilitator.is_none() {
            found.push((
                file.clone(),
                Placed::Key("title"),
                Finding::PartnershipWithoutFacilitator {
                    title: p.entry.title.clone(),
                },
            ));
        }
        if !p.sectors_missing.is_empty() {
            let missing = p
                .sectors_missing
                .iter()
                .map(|k| site.config.sector_label(k).to_string())
                .collect();
            found.push((
                file.clone(),
                Placed::Key("partners"),
                Finding::SectorsMissing {
                    title: p.entry.title.clone(),
                    missing,
                },
            ));
        }
        if matches!(
            p.status,
            Some(load::Status::Active | load::Status::Completed)
        ) && p.agreement.is_none()
            && p.agreed.is_none()
        {
            found.push((
                file.clone(),
                Placed::Key("status"),
                Finding::PartnershipWithoutAgreement {
                    title: p.entry.title.clone(),
                },
            ));
        }
        for m in &p.members {
            if !m.brings.is_empty() && m.credited.is_empty() {
                let partner = &site.partners[m.partner].entry;
                found.push((
                    file.clone(),
                    Placed::Value("partners", partner.id.clone()),
                    Finding::AgreedButNotDelivered {
                        partner: partner.title.clone(),
                        brings: m
                            .brings
                            .iter()
                            .map(|b| site.config.contribution_type_label(b).to_string())
                            .collect(),
                    },
                ));
            }
        }
        if p.status == Some(load::Status::Active)
            && let Some(end) = p.end
            && end.last_day() < today
        {
            found.push((
                file.clone(),
                Placed::Key("status"),
                Finding::PartnershipEndedButActive { end },
            ));
        }
    }
}

/// How long an item may go without an update before `check` calls it stale.
const STALE_AFTER_DAYS: i64 = 730;

fn items(site: &Site, today: Date, found: &mut Vec<(String, Placed, Finding)>) {
    for it in &site.items {
        let e = &it.entry;
        match e.kind {
            Kind::Challenge if it.addressed_by.is_empty() => {
                found.push((
                    e.file.clone(),
                    Placed::Key("title"),
                    Finding::ChallengeUnanswered {
                        title: e.title.clone(),
                    },
                ));
            }
            Kind::Recommendation if it.addresses.is_empty() => {
                found.push((
                    e.file.clone(),
                    Placed::Key("title"),
                    Finding::RecommendationAddressesNothing {
                        title: e.title.clone(),
                    },
                ));
            }
            _ => {}
        }
        let (key, last) = match (e.updated, e.date) {
            (Some(u), _) => ("updated", u),
            (None, Some(d)) => ("date", d),
            _ => continue,
        };
        if today.days_since_epoch() - last.last_day().days_since_epoch() > STALE_AFTER_DAYS {
            found.push((e.file.clone(), Placed::Key(key), Finding::Stale { last }));
        }
    }
}

/// Images, headings and links in every body.
fn bodies(site: &Site, statics: &HashSet<String>, found: &mut Vec<(String, Placed, Finding)>) {
    // Every page of the built site (the page plan, the one list `build` renders), with the
    // heading ids of those that show a body.
    let none: &[String] = &[];
    let base_url = site.config.base_url.as_deref();
    let mut pages: HashMap<String, &[String]> = crate::plan::plan(site, base_url)
        .into_iter()
        .map(|p| {
            let ids = match p.page {
                crate::plan::Page::Entry(r) => &site.entry(r).body.heading_ids[..],
                crate::plan::Page::Front => &site.front.body.heading_ids[..],
                _ => none,
            };
            (p.path, ids)
        })
        .collect();
    pages.insert("robots.txt".into(), none);
    let mut each = |file: &str, dir: &str, own: &str, body: &crate::markdown::Body| {
        for &at in &body.images_without_alt {
            found.push((
                file.to_string(),
                Placed::Offset(at, 3),
                Finding::ImageWithoutAlt,
            ));
        }
        // The page's title is the h1; a body written with `#` headings renders one level
        // deeper. Levels are checked as rendered and reported as written.
        let shift = u8::from(body.headings_shifted);
        let mut previous = 1u8;
        for &(written, at) in &body.outline {
            let level = written + shift;
            if level > previous + 1 {
                let finding = Finding::HeadingLevelSkipped {
                    written,
                    expected: previous + 1 - shift,
                };
                found.push((
                    file.to_string(),
                    Placed::Offset(at, usize::from(written)),
                    finding,
                ));
            }
            previous = level;
        }
        for (url, at, len) in &body.local_links {
            if let Some(problem) = broken(url, dir, own, &pages, statics) {
                found.push((file.to_string(), Placed::Offset(*at, *len), problem));
            }
        }
    };
    for r in site.all_refs() {
        let e = site.entry(r);
        let url = e.url();
        let dir = url.trim_end_matches("index.html");
        each(&e.file, dir, &url, &e.body);
    }
    if !site.front.file.is_empty() {
        each(&site.front.file, "", "index.html", &site.front.body);
    }
}

/// Why a link from the page at `own` (in folder `dir`) leads nowhere, if it does.
fn broken(
    url: &str,
    dir: &str,
    own: &str,
    pages: &HashMap<String, &[String]>,
    statics: &HashSet<String>,
) -> Option<Finding> {
    let (path, anchor) = match url.split_once('#') {
        Some((p, a)) => (p, Some(a)),
        None => (url, None),
    };
    let path = path.split('?').next().unwrap_or(path);
    let target = if path.is_empty() {
        own.to_string()
    } else {
        let mut parts: Vec<&str> = if path.starts_with('/') {
            Vec::new()
        } else {
            dir.split('/').filter(|s| !s.is_empty()).collect()
        };
        for seg in path.split('/') {
            match seg {
                "" | "." => {}
                ".." => {
                    if parts.pop().is_none() {
                        return Some(Finding::BrokenLink {
                            url: url.to_string(),
                        });
                    }
                }
                s => parts.push(s),
            }
        }
        let joined = parts.join("/");
        if path.ends_with('/') || joined.is_empty() {
            format!("{joined}/index.html")
                .trim_start_matches('/')
                .to_string()
        } else {
            joined
        }
    };
    let ids = match pages
        .get(&target)
        .or_else(|| pages.get(&format!("{target}/index.html")))
    {
        Some(ids) => *ids,
        None if statics.contains(&target) => return None,
        None => {
            return Some(Finding::BrokenLink {
                url: url.to_string(),
            });
        }
    };
    match anchor {
        Some(a) if !a.is_empty() && !ids.is_empty() && !ids.iter().any(|id| id == a) => {
            Some(Finding::BrokenAnchor {
                url: url.to_string(),
                anchor: a.to_string(),
            })
        }
        Some(a) if !a.is_empty() && ids.is_empty() && target == own => {
            Some(Finding::BrokenAnchor {
                url: url.to_string(),
                anchor: a.to_string(),
            })
        }
        _ => None,
    }
}

/// Tags spelt two ways that end up as one tag page (`Møder`, `moeder`, `MØDER`).
fn colliding_tags(site: &Site, found: &mut Vec<(String, Placed, Finding)>) {
    let mut uses: Vec<(&str, &str)> = Vec::new(); // (file, tag as written)
    for r in site.all_refs() {
        let e = site.entry(r);
        for t in &e.tags {
            uses.push((&e.file, t));
        }
    }
    uses.sort();
    let mut first: HashMap<String, (&str, &str)> = HashMap::new();
    for (file, tag) in uses {
        let slug = crate::base::slug::slugify(tag, site.config.language);
        match first.get(&slug) {
            Some((other_file, spelling)) if *spelling != tag => found.push((
                file.to_string(),
                Placed::Value("tags", tag.to_string()),
                Finding::CollidingNames {
                    written: tag.to_string(),
                    other: spelling.to_string(),
                    other_file: other_file.to_string(),
                },
            )),
            Some(_) => {}
            None => {
                first.insert(slug, (file, tag));
            }
        }
    }
}
