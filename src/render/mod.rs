//! Rendering: turns the [`Site`] model into the files of the built site with Tera and the
//! theme. Every page is rendered once, in parallel; each page's context holds only what that
//! page shows, and what every page shows (site title, menu, words) sits once in Tera's global
//! context.

mod network_pages;
pub mod theme;
mod views;

use crate::base::diagnostic::{Diagnostic, Diagnostics};
use crate::config::Compliance;
use crate::load::Kind;
use crate::model::{Ref, Site, url_of};
use crate::network::Network;
use crate::plan::{Page, Planned};
use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera};
use theme::{Theme, Words};
use views::*;

pub use crate::output::OutputFile;

/// Options that change what is rendered.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// Overrides `base_url` of site.yaml.
    pub base_url: Option<String>,
}

/// A page to render: where it goes, with which template, and its own context.
struct Job {
    path: String,
    template: &'static str,
    context: Context,
}

pub use crate::plan::Unit;

/// Which units to render, and where each file goes.
pub struct Target<'t> {
    pub wanted: &'t (dyn Fn(Unit) -> bool + Sync),
    /// Called for each file as soon as it is ready, from several threads at once.
    pub emit: &'t (dyn Fn(Unit, OutputFile) -> Result<(), Diagnostic> + Sync),
    /// Catalogue entries rendered before, for a live preview.
    pub fragments: Option<&'t Fragments>,
}

/// The catalogue's entries as rendered before, by digest (see `live::digest`): the catalogue
/// of a large site holds thousands, and an edit changes one.
#[derive(Default)]
pub struct Fragments {
    /// For each item of the site, its catalogue entry's digest.
    pub digests: Vec<u64>,
    pub rendered: std::sync::Mutex<std::collections::HashMap<u64, std::sync::Arc<str>>>,
}

/// Renders every page and copies the theme's and site's static files, handing each file to
/// `emit` as soon as it is ready (from several threads at once), so a build can write pages
/// while others are still rendering and never hold the whole site in memory.
/// Returns the number of files emitted.
pub fn render_site(
    site: &Site,
    network: &Network,
    theme: &Theme,
    options: &RenderOptions,
    emit: &(dyn Fn(OutputFile) -> Result<(), Diagnostic> + Sync),
) -> Result<usize, Diagnostics> {
    let generated = std::sync::Mutex::new(std::collections::HashSet::new());
    let count = render_units(
        site,
        network,
        theme,
        options,
        &Target {
            wanted: &|unit| unit != Unit::Statics,
            emit: &|_, f| {
                if let Ok(mut g) = generated.lock() {
                    g.insert(f.path.clone());
                }
                emit(f)
            },
            fragments: None,
        },
    )?;
    let generated = generated.into_inner().unwrap_or_default();
    let statics = static_files(site, theme, options)?;
    check_clashes(
        statics
            .iter()
            .map(|f| f.path.as_str())
            .filter(|p| generated.contains(*p)),
    )?;
    let n = statics.len();
    statics
        .into_iter()
        .try_for_each(emit)
        .map_err(|d| Diagnostics(vec![d]))?;
    Ok(count + n)
}

/// Renders the units `target` wants. Returns the number of files emitted.
pub fn render_units(
    site: &Site,
    network: &Network,
    theme: &Theme,
    options: &RenderOptions,
    target: &Target,
) -> Result<usize, Diagnostics> {
    let words = theme.words(site.config.language)?;
    let base_url = base_url(site, options);
    let tera = build_tera(site, theme, &words, base_url.as_deref())?;
    let renderer = Renderer {
        site,
        network,
        words: &words,
        base_url: base_url.as_deref(),
        tera: &tera,
        fragments: target.fragments,
    };
    let count = std::sync::atomic::AtomicUsize::new(0);
    let emit = |unit: Unit, f: OutputFile| {
        count.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        (target.emit)(unit, f)
    };
    let plan = crate::plan::plan(site, base_url.as_deref());
    let wanted = target.wanted;
    // The search index is made beside the pages: it is one large job.
    let (pages, search) = rayon::join(
        || {
            plan.par_iter()
                .filter(|p| wanted(p.page.unit()))
                .try_for_each(|p| renderer.file(p, &plan).and_then(|f| emit(p.page.unit(), f)))
        },
        || {
            if wanted(Unit::SearchIndex) {
                crate::search::files(site)
                    .into_iter()
                    .try_for_each(|f| emit(Unit::SearchIndex, f))
            } else {
                Ok(())
            }
        },
    );
    pages.map_err(|d| Diagnostics(vec![d]))?;
    search.map_err(|d| Diagnostics(vec![d]))?;
    if wanted(Unit::Statics) {
        for f in static_files(site, theme, options)? {
            emit(Unit::Statics, f).map_err(|d| Diagnostics(vec![d]))?;
        }
    }
    Ok(count.into_inner())
}

fn base_url(site: &Site, options: &RenderOptions) -> Option<String> {
    options
        .base_url
        .clone()
        .or_else(|| site.config.base_url.clone())
        .map(|u| if u.ends_with('/') { u } else { format!("{u}/") })
}

/// The theme's static files, robots.txt and the site's `static/` folder, which overrides the
/// theme's files of the same name.
pub fn static_files(
    site: &Site,
    theme: &Theme,
    options: &RenderOptions,
) -> Result<Vec<OutputFile>, Diagnostics> {
    let mut statics: std::collections::BTreeMap<String, Vec<u8>> = theme.statics.clone();
    statics.insert(
        "robots.txt".into(),
        robots(base_url(site, options).as_deref()).into_bytes(),
    );
    statics.extend(crate::load::read_static(&site.root, &site.config)?);
    Ok(statics
        .into_iter()
        .map(|(path, bytes)| OutputFile { path, bytes })
        .collect())
}

/// A static file may not silently replace a generated page: each path in `clashing` (a static
/// file's that is also a page's) is an error.
pub fn check_clashes<'p>(clashing: impl IntoIterator<Item = &'p str>) -> Result<(), Diagnostics> {
    let mut clashes = Diagnostics::default();
    for path in clashing {
        clashes.push(
            Diagnostic::error("static-clash", format!("static/{path}"), "this file has the path of a page the site generates")
                .with_help("rename or move it; to change how generated pages look, override a template in a theme instead"),
        );
    }
    if clashes.has_errors() {
        return Err(clashes);
    }
    Ok(())
}

fn build_tera(
    site: &Site,
    theme: &Theme,
    words: &Words,
    base_url: Option<&str>,
) -> Result<Tera, Diagnostics> {
    let mut tera = Tera::new();
    tera.autoescape_on([".html", ".xml"]);
    tera.add_raw_templates(
        theme
            .templates
            .iter()
            .map(|(n, s)| (n.as_str(), s.as_str())),
    )
    .map_err(|e| template_error(&e, "(theme)"))?;
    let g = tera.global_context();
    g.insert("site", &site_view(site, words, base_url));
    g.insert("t", &words.words);
    Ok(tera)
}

/// The first of a list of diagnostics that holds at least one.
fn first(d: Diagnostics) -> Diagnostic {
    d.0.into_iter()
        .next()
        .unwrap_or_else(|| Diagnostic::error("template", "(theme)", "template error"))
}

fn template_error(e: &tera::Error, page: &str) -> Diagnostics {
    let mut message = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        message.push_str(&format!(": {s}"));
        source = s.source();
    }
    Diagnostics(vec![
        Diagnostic::error(
            "template",
            "(theme)",
            format!("template error while rendering {page}: {message}"),
        )
        .with_help("check the theme's template at the line named above"),
    ])
}

#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    description: Option<&'a str>,
    lang: &'static str,
    base_url: Option<&'a str>,
    menu: Vec<Link<'a>>,
    sections: Vec<Section<'a>>,
    statement: Option<StatementLink>,
    has_tags: bool,
}

#[derive(Serialize)]
struct Section<'a> {
    key: &'static str,
    url: String,
    label: &'a str,
}

#[derive(Serialize)]
struct StatementLink {
    url: String,
    external: bool,
}

fn site_view<'a>(site: &'a Site, words: &'a Words, base_url: Option<&'a str>) -> SiteView<'a> {
    let mut sections: Vec<Section> = [Kind::Partner, Kind::Partnership]
        .into_iter()
        .chain(Kind::ITEMS)
        .map(|k| Section {
            key: k.folder(),
            url: format!("{}/index.html", k.folder()),
            label: words.get(k.folder()),
        })
        .collect();
    sections.push(Section {
        key: "catalogue",
        url: "catalogue/index.html".into(),
        label: words.get("catalogue"),
    });
    sections.push(Section {
        key: "contributions",
        url: "contributions/index.html".into(),
        label: words.get("contributions"),
    });
    sections.push(Section {
        key: "network",
        url: "network/index.html".into(),
        label: words.get("network"),
    });
    let statement =
        crate::plan::statement(site).map(|(url, external)| StatementLink { url, external });
    SiteView {
        title: &site.config.title,
        description: site.config.description.as_deref(),
        lang: site.config.language.code(),
        base_url,
        menu: (0..site.pages.len())
            .map(|i| link(site, words, Ref::Page(i)))
            .collect(),
        sections,
        statement,
        has_tags: !site.tags.is_empty(),
    }
}

struct Renderer<'a> {
    site: &'a Site,
    /// Computed from the model, beside it.
    network: &'a Network,
    words: &'a Words,
    base_url: Option<&'a str>,
    /// For the parts of large pages that are rendered in parallel before the page itself.
    tera: &'a Tera,
    fragments: Option<&'a Fragments>,
}

impl<'a> Renderer<'a> {
    fn render(&self, job: Job) -> Result<OutputFile, Diagnostic> {
        let html = self
            .tera
            .render(job.template, &job.context)
            .map_err(|e| first(template_error(&e, &job.path)))?;
        Ok(OutputFile {
            path: job.path,
            bytes: html.into_bytes(),
        })
    }

    /// A job for the page at `path`, with what every page's layout needs.
    fn job(&self, path: String, template: &'static str, title: &str, section: &str) -> Job {
        let mut context = Context::new();
        context.insert("root", &root_of(&path));
        context.insert("page_title", title);
        context.insert("section", section);
        let canonical = self
            .base_url
            .map(|b| format!("{b}{}", path.strip_suffix("index.html").unwrap_or(&path)));
        context.insert("canonical", &canonical);
        Job {
            path,
            template,
            context,
        }
    }

    fn entry_job(&self, r: Ref, template: &'static str) -> Job {
        let e = self.site.entry(r);
        let mut job = self.job(e.url(), template, &e.title, e.kind.folder());
        let root = root_of(&job.path);
        job.context.insert(
            "entry",
            &EntryView {
                id: &e.id,
                title: &e.title,
                lang: e.lang,
                kind: e.kind.name(),
                kind_label: kind_label(self.words, e.kind, false),
                kind_plural: kind_label(self.words, e.kind, true),
                kind_url: format!("{}/index.html", e.kind.folder()),
                body: e.body.resolve(&root, &e.links, ""),
                date: date(self.words, e.date),
                updated: date(self.words, e.updated),
                tags: tag_links(self.site, &e.tags),
                // A partner's page lists the items mentioning it as contributions already.
                mentioned_by: e
                    .mentioned_by
                    .iter()
                    .filter(|r| !(e.kind == Kind::Partner && matches!(r, Ref::Item(_))))
                    .map(|&r| link(self.site, self.words, r))
                    .collect(),
            },
        );
        job
    }

    fn item_page(&self, i: usize) -> Job {
        let (site, words) = (self.site, self.words);
        let it = &site.items[i];
        let mut job = self.entry_job(Ref::Item(i), "item.html");
        let c = &mut job.context;
        c.insert("number", &it.number);
        c.insert(
            "partners",
            &it.partners
                .iter()
                .map(|&p| partner_link(site, p))
                .collect::<Vec<_>>(),
        );
        c.insert(
            "partnerships",
            &it.partnerships
                .iter()
                .map(|&p| link(site, words, Ref::Partnership(p)))
                .collect::<Vec<_>>(),
        );
        c.insert(
            "addresses",
            &it.addresses
                .iter()
                .map(|&x| card(site, words, x))
                .collect::<Vec<_>>(),
        );
        c.insert(
            "addressed_by",
            &it.addressed_by
                .iter()
                .map(|&x| card(site, words, x))
                .collect::<Vec<_>>(),
        );
        c.insert(
            "quote",
            &it.quote.as_ref().map(|q| QuoteView {
                by: q.by.map(|p| partner_link(site, p)),
                speaker: q.speaker.as_deref(),
                source: q.source.as_deref(),
            }),
        );
        job
    }

    fn partner_page(&self, i: usize) -> Job {
        let (site, words) = (self.site, self.words);
        let p = &site.partners[i];
        let mut job = self.entry_job(Ref::Partner(i), "partner.html");
        let c = &mut job.context;
        c.insert(
            "sector",
            &SectorView {
                key: &p.sector,
                label: site.config.sector_label(&p.sector),
            },
        );
        c.insert("level", &p.level.map(|l| words.get(level_key(l))));
        c.insert("website", &safe_external(&p.website));
        // A logo is a file's path inside static/ (validate checks that it is one), so it is
        // at that path from the site root.
        let root = root_of(&job.path);
        let logo = p
            .logo
            .as_deref()
            .filter(|l| crate::markdown::is_local(l))
            .map(|l| format!("{root}{l}"));
        c.insert("logo", &logo);
        c.insert("summary", &p.summary);
        c.insert(
            "memberships",
            &p.memberships
                .iter()
                .map(|m| MembershipView {
                    partnership: link(site, words, Ref::Partnership(m.partnership)),
                    role: m.role.as_deref(),
                    facilitator: site.partnerships[m.partnership].facilitator == Some(i),
                })
                .collect::<Vec<_>>(),
        );
        let groups = group_by_kind(
            words,
            p.contributions.iter().map(|contribution| {
                let it = &site.items[contribution.item];
                (
                    it.entry.kind,
                    ContributionView {
                        item: card(site, words, contribution.item),
                        named: contribution.named,
                        quoted: contribution.quoted,
                        mentioned: contribution.mentioned,
                    },
                )
            }),
        );
        c.insert("neighbours", &self.neighbours(i));
        c.insert("contribution_count", &p.contributions.len());
        c.insert("contributions", &groups);
        job
    }

    fn partnership_page(&self, i: usize) -> Job {
        let (site, words) = (self.site, self.words);
        let p = &site.partnerships[i];
        let mut job = self.entry_job(Ref::Partnership(i), "partnership.html");
        let c = &mut job.context;
        c.insert(
            "members",
            &p.members
                .iter()
                .map(|m| MemberView {
                    partner: partner_link(site, m.partner),
                    role: m.role.as_deref(),
                    facilitator: p.facilitator == Some(m.partner),
                })
                .collect::<Vec<_>>(),
        );
        c.insert("facilitator", &p.facilitator.map(|f| partner_link(site, f)));
        let sectors = |keys: &'a [String]| -> Vec<SectorView<'a>> {
            keys.iter()
                .map(|k| SectorView {
                    key: k,
                    label: site.config.sector_label(k),
                })
                .collect()
        };
        c.insert("sectors_covered", &sectors(&p.sectors_covered));
        c.insert("sectors_missing", &sectors(&p.sectors_missing));
        c.insert("form", &p.form.map(|f| words.get(form_key(f))));
        c.insert("status", &p.status.map(|s| words.get(status_key(s))));
        c.insert("start", &date(words, p.start));
        c.insert("end", &date(words, p.end));
        c.insert("goal", &p.goal);
        c.insert("target_group", &p.target_group);
        c.insert("agreement", &safe_external(&p.agreement));
        let mut milestones: Vec<&crate::load::Milestone> = p.milestones.iter().collect();
        milestones.sort_by_key(|m| m.date);
        c.insert(
            "milestones",
            &milestones
                .iter()
                .map(|m| MilestoneView {
                    date: date(words, Some(m.date)),
                    title: &m.title,
                    done: m.done,
                })
                .collect::<Vec<_>>(),
        );
        c.insert(
            "items",
            &group_by_kind(
                words,
                p.items
                    .iter()
                    .map(|&x| (site.items[x].entry.kind, card(site, words, x))),
            ),
        );
        job
    }

    fn free_page(&self, i: usize) -> Job {
        self.entry_job(Ref::Page(i), "page.html")
    }

    /// The pages made of the whole site that `wanted` asks for: front page, indexes,
    /// catalogue, contributions, network, tags, feed, sitemap, 404 and the accessibility
    /// statement. Each group is made in parallel: some of them (the catalogue, the kind
    /// indexes) are large.
    /// The file `planned` names; `plan` is the whole site's, for the sitemap.
    fn file(&self, planned: &Planned, plan: &[Planned]) -> Result<OutputFile, Diagnostic> {
        let job = match planned.page {
            Page::Entry(Ref::Item(i)) => self.item_page(i),
            Page::Entry(Ref::Partner(i)) => self.partner_page(i),
            Page::Entry(Ref::Partnership(i)) => self.partnership_page(i),
            Page::Entry(Ref::Page(i)) => self.free_page(i),
            Page::Front => self.front_page(),
            Page::KindIndex(kind) => self.kind_index(kind),
            Page::Catalogue => self.catalogue_page()?,
            Page::Contributions => self.contributions_page(),
            Page::Network(order) => self.network_page(order),
            Page::Tags => self.tags_index(),
            Page::Tag(i) => self.tag_page(i),
            Page::Search => self.search_page(),
            Page::Accessibility => self.statement_page(),
            Page::StatementRedirect => self.statement_redirect(),
            Page::NotFound => self.not_found(),
            Page::Feed => self.feed(),
            Page::Sitemap => self.sitemap(plan),
            Page::Data(export) => {
                let text = crate::network::export::render(self.site, self.network, export);
                return Ok(OutputFile {
                    path: planned.path.clone(),
                    bytes: text.into_bytes(),
                });
            }
        };
        debug_assert_eq!(job.path, planned.path, "the plan and the page agree");
        self.render(job)
    }

    fn front_page(&self) -> Job {
        let (site, words) = (self.site, self.words);
        let mut front = self.job(
            "index.html".into(),
            "index.html",
            &site.config.title,
            "home",
        );
        let kinds_count: Vec<Figure> = Kind::ITEMS
            .iter()
            .map(|&k| Figure {
                label: words.get(k.folder()),
                value: site.items_of(k).count(),
                url: Some(format!("{}/index.html", k.folder())),
            })
            .collect();
        let sectors_used = site
            .config
            .sectors
            .keys()
            .filter(|s| site.partners.iter().any(|p| &&p.sector == s))
            .count();
        let figures = vec![
            Figure {
                label: words.get("partners"),
                value: site.partners.len(),
                url: Some("partners/index.html".into()),
            },
            Figure {
                label: words.get("sectors"),
                value: sectors_used,
                url: Some("contributions/index.html".into()),
            },
            Figure {
                label: words.get("partnerships"),
                value: site.partnerships.len(),
                url: Some("partnerships/index.html".into()),
            },
            Figure {
                label: words.get("facilitators"),
                value: site.facilitators().len(),
                url: None,
            },
        ];
        front.context.insert("figures", &figures);
        front.context.insert("item_figures", &kinds_count);
        front.context.insert("front_title", &site.front.title);
        front
            .context
            .insert("body", &site.front.body.resolve("", &site.front_links, ""));
        front.context.insert(
            "partnerships",
            &(0..site.partnerships.len())
                .map(|i| link(site, words, Ref::Partnership(i)))
                .collect::<Vec<_>>(),
        );
        front
    }

    fn kind_index(&self, kind: Kind) -> Job {
        let (site, words) = (self.site, self.words);
        let path = format!("{}/index.html", kind.folder());
        let mut job = self.job(path, "list.html", words.get(kind.folder()), kind.folder());
        let cards: Vec<Card> = match kind {
            Kind::Partner => site
                .partners
                .iter()
                .map(|p| entry_card(&p.entry, words, None))
                .collect(),
            Kind::Partnership => site
                .partnerships
                .iter()
                .map(|p| entry_card(&p.entry, words, None))
                .collect(),
            Kind::Page => site
                .pages
                .iter()
                .map(|p| entry_card(&p.entry, words, None))
                .collect(),
            _ => site
                .items_of(kind)
                .map(|(i, _)| card(site, words, i))
                .collect(),
        };
        job.context.insert("kind", kind.folder());
        job.context.insert("heading", words.get(kind.folder()));
        job.context
            .insert("intro", words.get(&format!("{}_intro", kind.folder())));
        job.context.insert("cards", &cards);
        job
    }

    /// The catalogue: its entries (thousands, on a large site) are rendered in parallel with
    /// `catalogue_entry.html`, and the page puts them together.
    fn catalogue_page(&self) -> Result<Job, Diagnostic> {
        let (site, words) = (self.site, self.words);
        let mut catalogue = self.job(
            "catalogue/index.html".into(),
            "catalogue.html",
            words.get("catalogue"),
            "catalogue",
        );
        let root = "../";
        let mut sections = Vec::new();
        for &k in &Kind::CATALOGUE {
            let items: Vec<(usize, &crate::model::Item)> = site.items_of(k).collect();
            let entries = items
                .par_iter()
                .map(|&(i, it)| {
                    let known = self.fragments.and_then(|f| {
                        let digest = *f.digests.get(i)?;
                        let rendered = f.rendered.lock().ok()?;
                        rendered.get(&digest).cloned()
                    });
                    if let Some(html) = known {
                        return Ok(html);
                    }
                    let entry = CatalogueEntry {
                        url: it.entry.url(),
                        id: &it.entry.id,
                        number: it.number,
                        title: &it.entry.title,
                        lang: it.entry.lang,
                        // In the catalogue a body sits under an h3 (the entry's title).
                        body: it.entry.body.resolve_deeper(
                            root,
                            &it.entry.links,
                            &format!("{}-{}-", k.folder(), it.entry.id),
                            2,
                        ),
                        addresses: it.addresses.iter().map(|&c| card(site, words, c)).collect(),
                        addressed_by: it
                            .addressed_by
                            .iter()
                            .map(|&c| card(site, words, c))
                            .collect(),
                    };
                    let mut context = Context::new();
                    context.insert("root", root);
                    context.insert("kind", k.folder());
                    context.insert("it", &entry);
                    let html: std::sync::Arc<str> = self
                        .tera
                        .render("catalogue_entry.html", &context)
                        .map_err(|e| first(template_error(&e, "catalogue/index.html")))?
                        .into();
                    if let Some(f) = self.fragments
                        && let (Some(&digest), Ok(mut rendered)) =
                            (f.digests.get(i), f.rendered.lock())
                    {
                        rendered.insert(digest, html.clone());
                    }
                    Ok(html)
                })
                .collect::<Result<Vec<std::sync::Arc<str>>, Diagnostic>>()?;
            sections.push(CatalogueSection {
                kind: k.folder(),
                label: words.get(k.folder()),
                count: items.len(),
                html: entries.concat(),
            });
        }
        catalogue.context.insert("sections", &sections);
        Ok(catalogue)
    }

    fn tags_index(&self) -> Job {
        let site = self.site;
        let mut tags = self.job(
            "tags/index.html".into(),
            "tags.html",
            self.words.get("tags"),
            "tags",
        );
        tags.context.insert(
            "tags",
            &site
                .tags
                .iter()
                .map(|t| TagCount {
                    name: &t.name,
                    url: format!("tags/{}/index.html", t.slug),
                    count: t.members.len(),
                })
                .collect::<Vec<_>>(),
        );
        tags
    }

    fn tag_page(&self, i: usize) -> Job {
        let (site, words) = (self.site, self.words);
        let t = &site.tags[i];
        let mut job = self.job(
            format!("tags/{}/index.html", t.slug),
            "tag.html",
            &t.name,
            "tags",
        );
        job.context.insert("tag", &t.name);
        job.context.insert(
            "members",
            &t.members
                .iter()
                .map(|&r| link(site, words, r))
                .collect::<Vec<_>>(),
        );
        job
    }

    /// The search page; its script reads the kind labels and the status sentences from it.
    fn search_page(&self) -> Job {
        let words = self.words;
        let mut job = self.job(
            "search/index.html".into(),
            "search.html",
            words.get("search"),
            "search",
        );
        let labels: serde_json::Map<String, serde_json::Value> = Kind::ALL
            .iter()
            .map(|k| (k.name().to_string(), words.get(k.name()).into()))
            .collect();
        let sentences = serde_json::json!({
            "results": words.get("search_results"),
            "none": words.get("search_none"),
            "short": words.get("search_short"),
        });
        job.context.insert(
            "labels_json",
            &serde_json::Value::Object(labels).to_string(),
        );
        job.context.insert("words_json", &sentences.to_string());
        job
    }

    fn statement_redirect(&self) -> Job {
        let mut job = self.job(
            "was/index.html".into(),
            "redirect.html",
            self.words.get("accessibility_statement"),
            "",
        );
        job.context.insert(
            "target",
            crate::plan::statement_url(self.site).unwrap_or(""),
        );
        job
    }

    fn statement_page(&self) -> Job {
        let words = self.words;
        let mut job = self.job(
            "accessibility/index.html".into(),
            "accessibility.html",
            words.get("accessibility_statement"),
            "accessibility",
        );
        if let Some(a) = &self.site.config.accessibility {
            let compliance = a.compliance.map(|c| {
                words.get(match c {
                    Compliance::Full => "compliance_full",
                    Compliance::Partial => "compliance_partial",
                    Compliance::None => "compliance_none",
                })
            });
            job.context.insert("compliance", &compliance);
            job.context.insert("assessed", &date(words, a.assessed));
            job.context.insert("contact", &a.contact);
            job.context.insert("method", &a.method);
            job.context.insert("issues", &a.issues);
        }
        job
    }

    fn not_found(&self) -> Job {
        let mut not_found = self.job(
            "404.html".into(),
            "404.html",
            self.words.get("not_found"),
            "",
        );
        // The 404 page is served at any depth: with a base URL its links can be absolute.
        not_found
            .context
            .insert("root", &self.base_url.unwrap_or(""));
        not_found
    }

    /// Every page of the plan a reader navigates to, with full addresses.
    fn sitemap(&self, plan: &[Planned]) -> Job {
        let site = self.site;
        let base = self.base_url.unwrap_or("");
        let mut sitemap = self.job("sitemap.xml".into(), "sitemap.xml", "", "");
        let urls: Vec<SitemapUrl> = plan
            .iter()
            .filter(|p| p.page.in_sitemap())
            .map(|p| {
                let dir = p.path.strip_suffix("index.html").unwrap_or(&p.path);
                let lastmod = match p.page {
                    Page::Entry(r) => {
                        let e = site.entry(r);
                        e.updated.or(e.date).map(|d| d.to_string())
                    }
                    _ => None,
                };
                SitemapUrl {
                    loc: format!("{base}{dir}"),
                    lastmod,
                }
            })
            .collect();
        sitemap.context.insert("urls", &urls);
        sitemap
    }

    fn contributions_page(&self) -> Job {
        let (site, words) = (self.site, self.words);
        let mut job = self.job(
            "contributions/index.html".into(),
            "contributions.html",
            words.get("contributions"),
            "contributions",
        );
        let kinds: Vec<&str> = Kind::ITEMS.iter().map(|&k| words.get(k.folder())).collect();
        // A partners × partnerships matrix grows with the square of the site and is unreadable
        // past a few dozen columns: larger sites get a table of each partner's partnerships.
        let matrix = site.partnerships.len() <= MATRIX_COLUMNS;
        let rows: Vec<ContributionRow> = site
            .partners
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let mut counts = vec![0usize; Kind::ITEMS.len()];
                for c in &p.contributions {
                    if let Some(k) = Kind::ITEMS
                        .iter()
                        .position(|&k| k == site.items[c.item].entry.kind)
                    {
                        counts[k] += 1;
                    }
                }
                let role = |m: &'a crate::model::Membership| {
                    m.role.as_deref().unwrap_or_else(|| words.get("member"))
                };
                let mut roles: Vec<Option<&str>> = Vec::new();
                let mut memberships = Vec::new();
                if matrix {
                    roles = vec![None; site.partnerships.len()];
                    for m in &p.memberships {
                        roles[m.partnership] = Some(role(m));
                    }
                } else {
                    memberships = p
                        .memberships
                        .iter()
                        .map(|m| MembershipView {
                            partnership: link(site, words, Ref::Partnership(m.partnership)),
                            role: Some(role(m)),
                            facilitator: false,
                        })
                        .collect();
                }
                ContributionRow {
                    partner: partner_link(site, i),
                    total: p.contributions.len(),
                    counts,
                    roles,
                    memberships,
                }
            })
            .collect();
        job.context.insert("kinds", &kinds);
        job.context.insert("rows", &rows);
        job.context.insert("matrix", &matrix);
        job.context.insert(
            "partnerships",
            &(0..site.partnerships.len())
                .map(|i| link(site, words, Ref::Partnership(i)))
                .collect::<Vec<_>>(),
        );
        job
    }

    fn feed(&self) -> Job {
        const FEED_ENTRIES: usize = 50;
        let (site, words) = (self.site, self.words);
        let mut dated: Vec<Ref> = site
            .all_refs()
            .filter(|&r| site.entry(r).date.is_some())
            .collect();
        dated.sort_by_key(|&r| {
            let e = site.entry(r);
            (
                std::cmp::Reverse(e.updated.max(e.date)),
                e.kind,
                e.id.clone(),
            )
        });
        dated.truncate(FEED_ENTRIES);
        let base = self.base_url.unwrap_or("");
        let entries: Vec<FeedEntry> = dated
            .iter()
            .map(|&r| {
                let e = site.entry(r);
                let when = e
                    .updated
                    .max(e.date)
                    .map(|d| format!("{d}T00:00:00Z"))
                    .unwrap_or_default();
                FeedEntry {
                    id: format!("{base}{}/{}/", e.kind.folder(), e.id),
                    url: format!("{base}{}", url_of(e.kind, &e.id)),
                    title: &e.title,
                    kind_label: kind_label(words, e.kind, false),
                    updated: when,
                    summary: &e.summary,
                }
            })
            .collect();
        let mut job = self.job("atom.xml".into(), "atom.xml", &site.config.title, "");
        job.context.insert(
            "updated",
            &entries
                .first()
                .map_or_else(|| "1970-01-01T00:00:00Z".to_string(), |e| e.updated.clone()),
        );
        job.context.insert(
            "feed_id",
            &if base.is_empty() {
                format!(
                    "urn:brobygger:{}",
                    crate::base::slug::slugify(&site.config.title, site.config.language)
                )
            } else {
                base.to_string()
            },
        );
        job.context.insert("base", base);
        job.context.insert("entries", &entries);
        job
    }
}

fn robots(base_url: Option<&str>) -> String {
    let mut s = String::from("User-agent: *\nAllow: /\n");
    if let Some(b) = base_url {
        s.push_str(&format!("Sitemap: {b}sitemap.xml\n"));
    }
    s
}

fn level_key(l: crate::load::Level) -> &'static str {
    use crate::load::Level::*;
    match l {
        Local => "level_local",
        Regional => "level_regional",
        National => "level_national",
        European => "level_european",
    }
}

fn form_key(f: crate::load::Form) -> &'static str {
    use crate::load::Form::*;
    match f {
        Network => "form_network",
        Alliance => "form_alliance",
        Partnership => "form_partnership",
    }
}

fn status_key(s: crate::load::Status) -> &'static str {
    use crate::load::Status::*;
    match s {
        Planned => "status_planned",
        Active => "status_active",
        Completed => "status_completed",
    }
}

#[derive(Serialize)]
struct EntryView<'a> {
    id: &'a str,
    title: &'a str,
    lang: Option<&'static str>,
    kind: &'static str,
    kind_label: &'a str,
    kind_plural: &'a str,
    kind_url: String,
    body: String,
    date: Option<DateView>,
    updated: Option<DateView>,
    tags: Vec<TagLink<'a>>,
    mentioned_by: Vec<Link<'a>>,
}

#[derive(Serialize)]
struct QuoteView<'a> {
    by: Option<PartnerLink<'a>>,
    speaker: Option<&'a str>,
    source: Option<&'a str>,
}

#[derive(Serialize)]
struct SectorView<'a> {
    key: &'a str,
    label: &'a str,
}

#[derive(Serialize)]
struct MembershipView<'a> {
    partnership: Link<'a>,
    role: Option<&'a str>,
    facilitator: bool,
}

#[derive(Serialize)]
struct ContributionView<'a> {
    item: Card<'a>,
    named: bool,
    quoted: bool,
    mentioned: bool,
}

#[derive(Serialize)]
struct MemberView<'a> {
    partner: PartnerLink<'a>,
    role: Option<&'a str>,
    facilitator: bool,
}

#[derive(Serialize)]
struct MilestoneView<'a> {
    date: Option<DateView>,
    title: &'a str,
    done: bool,
}

#[derive(Serialize)]
struct Figure<'a> {
    label: &'a str,
    value: usize,
    url: Option<String>,
}

#[derive(Serialize)]
struct CatalogueSection<'a> {
    kind: &'static str,
    label: &'a str,
    count: usize,
    /// The section's entries, rendered.
    html: String,
}

#[derive(Serialize)]
struct CatalogueEntry<'a> {
    url: String,
    id: &'a str,
    number: Option<u32>,
    title: &'a str,
    lang: Option<&'static str>,
    body: String,
    addresses: Vec<Card<'a>>,
    addressed_by: Vec<Card<'a>>,
}

#[derive(Serialize)]
struct ContributionRow<'a> {
    partner: PartnerLink<'a>,
    total: usize,
    counts: Vec<usize>,
    /// Per partnership, the partner's role there: for the matrix.
    roles: Vec<Option<&'a str>>,
    /// The partner's partnerships: for the list, when there are too many for a matrix.
    memberships: Vec<MembershipView<'a>>,
}

/// The most partnerships the contributions page shows as matrix columns.
const MATRIX_COLUMNS: usize = 30;

#[derive(Serialize)]
struct TagCount<'a> {
    name: &'a str,
    url: String,
    count: usize,
}

#[derive(Serialize)]
struct FeedEntry<'a> {
    id: String,
    url: String,
    title: &'a str,
    kind_label: &'a str,
    updated: String,
    summary: &'a str,
}

#[derive(Serialize)]
struct SitemapUrl {
    loc: String,
    lastmod: Option<String>,
}
