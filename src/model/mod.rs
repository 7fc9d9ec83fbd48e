//! The knowledge base in memory: partners, partnerships, items and pages with every reference
//! resolved to an index, and every reverse link (a partner's contributions, a partnership's
//! items, a challenge's recommendations, what mentions what) computed once, here, so templates
//! only read.

mod catalogues;
mod links;

use crate::base::slug::{collation_key, slugify};
use crate::config::Config;
use crate::load::{self, Date, Document, Kind, LoadedSite, Meta};
use crate::markdown::{Body, LinkTarget};
use crate::validate::Index;
use catalogues::{catalogue_index, catalogues_of};
use links::{collect_tags, link_back, ref_index};
use std::collections::BTreeMap;

/// A pointer to one published thing in the [`Site`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Ref {
    Partner(usize),
    Partnership(usize),
    Item(usize),
    Page(usize),
}

/// What every published thing has.
#[derive(Debug, Clone)]
pub struct Entry {
    pub kind: Kind,
    pub id: String,
    pub title: String,
    pub file: String,
    pub tags: Vec<String>,
    pub date: Option<Date>,
    pub updated: Option<Date>,
    pub body: std::sync::Arc<Body>,
    /// Where each of the body's wikilinks leads.
    pub links: Vec<LinkTarget>,
    /// The start of the body, plain, for cards, feeds and search results: its wikilinks show
    /// their targets' titles, as on the page.
    pub summary: String,
    /// What links here with a wikilink.
    pub mentioned_by: Vec<Ref>,
    /// A hash of the source file, to tell whether the page needs rendering again.
    pub source: u64,
    /// The language code of the text when it differs from the site's (`sv` on a Danish site).
    pub lang: Option<&'static str>,
}

impl Entry {
    /// The page's URL relative to the site root.
    pub fn url(&self) -> String {
        url_of(self.kind, &self.id)
    }
}

pub fn url_of(kind: Kind, id: &str) -> String {
    // Built in one allocation: a live preview makes some 50,000 of these per save.
    let folder = kind.folder();
    let mut url = String::with_capacity(folder.len() + id.len() + "//index.html".len());
    url.push_str(folder);
    url.push('/');
    url.push_str(id);
    url.push_str("/index.html");
    url
}

#[derive(Debug, Clone)]
pub struct Partner {
    pub entry: Entry,
    /// The name to draw where space is tight; the full name when none is given.
    pub short_name: Option<String>,
    pub sector: String,
    pub level: Option<load::Level>,
    pub website: Option<String>,
    pub logo: Option<String>,
    pub summary: Option<String>,
    /// The partnerships it is in, with its role there.
    pub memberships: Vec<Membership>,
    /// Every item it contributed, in site order: the items that credit it.
    pub contributions: Vec<Contribution>,
    /// The items whose body mentions it with a wikilink, in site order. A mention points a
    /// reader somewhere; it is never a contribution and never ties partners together.
    pub mentions: Vec<usize>,
}

/// A partner's place in one partnership, seen from the partner.
#[derive(Debug, Clone)]
pub struct Membership {
    pub partnership: usize,
    pub role: Option<String>,
    /// The contribution types it agreed to bring there.
    pub brings: Vec<String>,
    pub commitment: Option<String>,
    /// The items credited to it that arose in that partnership (see [`Member::credited`]).
    pub credited: Vec<usize>,
}

/// A partner's part in one item it is credited on: named in its `partners`, or its quote's
/// `by`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Contribution {
    pub item: usize,
    pub named: bool,
    pub quoted: bool,
}

/// A partner's place in one partnership, seen from the partnership.
#[derive(Debug, Clone)]
pub struct Member {
    pub partner: usize,
    pub role: Option<String>,
    /// The contribution types (keys of site.yaml's `contribution_types`) it agreed to bring.
    pub brings: Vec<String>,
    pub commitment: Option<String>,
    /// What it delivered there: the items that credit it and list this partnership, and its
    /// quotes given in this partnership, in site order.
    pub credited: Vec<usize>,
}

#[derive(Debug, Clone)]
pub struct Partnership {
    pub entry: Entry,
    pub members: Vec<Member>,
    pub facilitator: Option<usize>,
    pub form: Option<load::Form>,
    pub start: Option<Date>,
    pub end: Option<Date>,
    pub status: Option<load::Status>,
    pub goal: Option<String>,
    pub target_group: Option<String>,
    pub milestones: Vec<load::Milestone>,
    pub agreement: Option<String>,
    /// When the agreement was signed.
    pub agreed: Option<Date>,
    /// Sector keys its members cover and lack, in site.yaml's order.
    pub sectors_covered: Vec<String>,
    pub sectors_missing: Vec<String>,
    /// The items that arose in it.
    pub items: Vec<usize>,
}

#[derive(Debug, Clone)]
pub struct Item {
    pub entry: Entry,
    /// Its catalogue, by its place in [`Site::catalogues`]: none for an item in no catalogue.
    pub catalogue: Option<usize>,
    pub number: Option<u32>,
    pub partners: Vec<usize>,
    pub partnerships: Vec<usize>,
    /// For a recommendation: the challenges it answers.
    pub addresses: Vec<usize>,
    /// For a challenge: the recommendations that answer it.
    pub addressed_by: Vec<usize>,
    pub quote: Option<Quote>,
}

#[derive(Debug, Clone)]
pub struct Quote {
    pub by: Option<usize>,
    pub speaker: Option<String>,
    pub source: Option<String>,
}

/// A catalogue of numbered items from one source: one of site.yaml's `catalogues`, or the
/// one catalogue of a site that declares none.
#[derive(Debug, Clone)]
pub struct Catalogue {
    /// Its id; empty for the catalogue of a site that declares none.
    pub id: String,
    /// Its title and source; none for the catalogue of a site that declares none.
    pub declared: Option<crate::config::CatalogueConfig>,
}

#[derive(Debug, Clone)]
pub struct Page {
    pub entry: Entry,
    pub weight: i64,
}

#[derive(Debug, Clone)]
pub struct Tag {
    pub name: String,
    pub slug: String,
    pub members: Vec<Ref>,
}

/// The whole knowledge base, ready to render.
#[derive(Debug, Clone)]
pub struct Site {
    pub config: Config,
    pub root: std::path::PathBuf,
    pub front: load::FrontPage,
    pub front_links: Vec<LinkTarget>,
    pub partners: Vec<Partner>,
    pub partnerships: Vec<Partnership>,
    /// Challenges, opportunities, recommendations, learnings and quotes, grouped by kind in
    /// that order, each kind in catalogue order (number, then title).
    pub items: Vec<Item>,
    pub pages: Vec<Page>,
    pub tags: Vec<Tag>,
    /// The catalogues in site.yaml's order.
    pub catalogues: Vec<Catalogue>,
}

impl Site {
    /// The published entry of `kind` with `id`, if there is one.
    pub fn find(&self, kind: Kind, id: &str) -> Option<Ref> {
        let found = |e: &Entry| e.kind == kind && e.id == id;
        match kind {
            Kind::Partner => self
                .partners
                .iter()
                .position(|p| found(&p.entry))
                .map(Ref::Partner),
            Kind::Partnership => self
                .partnerships
                .iter()
                .position(|p| found(&p.entry))
                .map(Ref::Partnership),
            Kind::Page => self
                .pages
                .iter()
                .position(|p| found(&p.entry))
                .map(Ref::Page),
            _ => self
                .items
                .iter()
                .position(|p| found(&p.entry))
                .map(Ref::Item),
        }
    }

    /// Entry `r`, to change in place (a live preview's edit of a body).
    pub fn entry_mut(&mut self, r: Ref) -> &mut Entry {
        match r {
            Ref::Partner(i) => &mut self.partners[i].entry,
            Ref::Partnership(i) => &mut self.partnerships[i].entry,
            Ref::Item(i) => &mut self.items[i].entry,
            Ref::Page(i) => &mut self.pages[i].entry,
        }
    }

    pub fn entry(&self, r: Ref) -> &Entry {
        match r {
            Ref::Partner(i) => &self.partners[i].entry,
            Ref::Partnership(i) => &self.partnerships[i].entry,
            Ref::Item(i) => &self.items[i].entry,
            Ref::Page(i) => &self.pages[i].entry,
        }
    }

    /// The items of `catalogue`, in catalogue order.
    pub fn catalogue_items(&self, catalogue: usize) -> impl Iterator<Item = (usize, &Item)> {
        self.items
            .iter()
            .enumerate()
            .filter(move |(_, it)| it.catalogue == Some(catalogue))
    }

    pub fn items_of(&self, kind: Kind) -> impl Iterator<Item = (usize, &Item)> {
        self.items
            .iter()
            .enumerate()
            .filter(move |(_, it)| it.entry.kind == kind)
    }

    /// The distinct partners that facilitate a partnership.
    pub fn facilitators(&self) -> Vec<usize> {
        let mut f: Vec<usize> = self
            .partnerships
            .iter()
            .filter_map(|p| p.facilitator)
            .collect();
        f.sort_unstable();
        f.dedup();
        f
    }

    pub fn all_refs(&self) -> impl Iterator<Item = Ref> + '_ {
        (0..self.partners.len())
            .map(Ref::Partner)
            .chain((0..self.partnerships.len()).map(Ref::Partnership))
            .chain((0..self.items.len()).map(Ref::Item))
            .chain((0..self.pages.len()).map(Ref::Page))
    }
}

/// Whether a document appears in the built site: not a draft (unless drafts are wanted), and
/// for a quote, approved by the one quoted.
fn published(doc: &Document, drafts: bool) -> bool {
    (drafts || !doc.meta.draft()) && !matches!(&doc.meta, Meta::Quote(q) if !q.approved)
}

/// Builds the model from a validated site. `drafts` publishes drafts too.
pub fn build(loaded: LoadedSite, index: &Index, drafts: bool) -> Site {
    let LoadedSite {
        root,
        config,
        front,
        documents,
        ..
    } = loaded;
    // Site order: by kind, then catalogue number, then title as the language sorts it.
    let mut order: Vec<usize> = (0..documents.len())
        .filter(|&i| published(&documents[i], drafts))
        .collect();
    let catalogues = catalogues_of(&config);
    let catalogue_of = |d: &Document| match &d.meta {
        Meta::Item(m, _) if Kind::CATALOGUE.contains(&d.kind) => catalogue_index(&config, m),
        _ => None,
    };
    let keys: Vec<(Kind, i64, usize, Option<u32>, &str)> = documents
        .iter()
        .map(|d| {
            let weight = if let Meta::Page(p) = &d.meta {
                p.weight.unwrap_or(i64::MAX)
            } else {
                0
            };
            let number = if let Meta::Item(m, _) = &d.meta {
                m.number
            } else {
                None
            };
            (
                d.kind,
                weight,
                catalogue_of(d).unwrap_or(usize::MAX),
                number.or(Some(u32::MAX)),
                d.sort_key.as_str(),
            )
        })
        .collect();
    let item_catalogues: Vec<Option<usize>> = documents.iter().map(catalogue_of).collect();
    order.sort_by(|&a, &b| {
        keys[a]
            .cmp(&keys[b])
            .then_with(|| documents[a].id.cmp(&documents[b].id))
    });

    // Document position → its Ref in the site, for the published ones.
    let mut refs: Vec<Option<Ref>> = vec![None; documents.len()];
    let (mut np, mut nps, mut ni, mut npg) = (0, 0, 0, 0);
    for &i in &order {
        let counter = match documents[i].kind {
            Kind::Partner => (&mut np, Ref::Partner as fn(usize) -> Ref),
            Kind::Partnership => (&mut nps, Ref::Partnership as fn(usize) -> Ref),
            Kind::Page => (&mut npg, Ref::Page as fn(usize) -> Ref),
            _ => (&mut ni, Ref::Item as fn(usize) -> Ref),
        };
        refs[i] = Some(counter.1(*counter.0));
        *counter.0 += 1;
    }
    let ref_of =
        |kind: Kind, reference: &str| index.resolve(kind, reference).ok().and_then(|i| refs[i]);
    let index_of = |kind: Kind, reference: &str| ref_of(kind, reference).map(ref_index);
    let mut titles: Vec<String> = documents.iter().map(Document::title).collect();
    // A quote's title is the start of what was said, where a wikilink shows its target's
    // title (a quote's own, for a quote, as a page would show it; as written, unpublished).
    let quote_titles: Vec<(usize, String)> = documents
        .iter()
        .enumerate()
        .filter(|(_, d)| d.kind == Kind::Quote && !d.body.links.is_empty())
        .map(|(i, d)| {
            let shown: Vec<LinkTarget> = d
                .body
                .links
                .iter()
                .map(|l| LinkTarget {
                    url: None,
                    title: match index.resolve_any(&l.target) {
                        Ok((_, j)) if refs[j].is_some() => titles[j].clone(),
                        _ => l.target.clone(),
                    },
                    lang: None,
                })
                .collect();
            (i, load::quote_title(&d.body.summary(&shown)))
        })
        .collect();
    for (i, title) in quote_titles {
        titles[i] = title;
    }
    let ids: Vec<String> = documents.iter().map(|d| d.id.clone()).collect();
    let site_language = config.language;
    let lang_of = |d: &Document| {
        d.meta
            .language()
            .filter(|&l| l != site_language)
            .map(|l| l.code())
    };
    let langs: Vec<Option<&'static str>> = documents.iter().map(lang_of).collect();
    let link_targets = |body: &Body| -> (Vec<LinkTarget>, Vec<Ref>) {
        let mut mentions = Vec::new();
        let targets = body
            .links
            .iter()
            .map(|l| match index.resolve_any(&l.target) {
                Ok((kind, i)) => {
                    let r = refs[i];
                    mentions.extend(r);
                    match r {
                        Some(_) => LinkTarget {
                            url: Some(url_of(kind, &ids[i])),
                            title: titles[i].clone(),
                            lang: langs[i],
                        },
                        // Nothing of an unpublished draft or quote may show: not even its title.
                        None => LinkTarget {
                            url: None,
                            title: l.target.clone(),
                            lang: None,
                        },
                    }
                }
                Err(_) => LinkTarget {
                    url: None,
                    title: l.target.clone(),
                    lang: None,
                },
            })
            .collect();
        (targets, mentions)
    };

    let mut site = Site {
        config,
        root,
        front: load::FrontPage::default(),
        front_links: Vec::new(),
        partners: Vec::with_capacity(np),
        partnerships: Vec::with_capacity(nps),
        items: Vec::with_capacity(ni),
        pages: Vec::with_capacity(npg),
        tags: Vec::new(),
        catalogues,
    };
    let mut mentions: Vec<(Ref, Vec<Ref>)> = Vec::new();
    // Resolving every wikilink is the largest part of the work, and each document's is its own.
    let mut resolved: Vec<Option<(Vec<LinkTarget>, Vec<Ref>)>> = {
        use rayon::prelude::*;
        documents
            .par_iter()
            .enumerate()
            .map(|(i, d)| refs[i].map(|_| link_targets(&d.body)))
            .collect()
    };
    let mut documents: Vec<Option<Document>> = documents.into_iter().map(Some).collect();
    for &i in &order {
        let Some(doc) = documents[i].take() else {
            continue;
        };
        let this = refs[i].expect("published documents have a ref");
        let (links, mentioned) = resolved[i].take().unwrap_or_default();
        mentions.push((this, mentioned));
        let (date, updated) = doc.meta.dates();
        let summary = doc.body.summary(&links);
        let entry = Entry {
            kind: doc.kind,
            title: titles[i].clone(),
            id: doc.id,
            file: doc.file,
            tags: doc.meta.tags().to_vec(),
            date,
            updated,
            body: doc.body,
            links,
            summary,
            mentioned_by: Vec::new(),
            source: doc.source_hash,
            lang: langs[i],
        };
        match doc.meta {
            Meta::Partner(m) => site.partners.push(Partner {
                entry,
                short_name: m.short_name.filter(|s| !crate::base::text::is_blank(s)),
                sector: m.sector,
                level: m.level,
                website: m.website,
                logo: m.logo,
                summary: m.summary,
                memberships: Vec::new(),
                contributions: Vec::new(),
                mentions: Vec::new(),
            }),
            Meta::Partnership(m) => {
                // A partner listed twice is a member once, with the first role given.
                let mut seen = std::collections::HashSet::new();
                let mut members: Vec<Member> = m
                    .partners
                    .iter()
                    .filter_map(|p| {
                        index_of(Kind::Partner, &p.id).map(|partner| Member {
                            partner,
                            role: p.role.clone(),
                            brings: p.brings.clone(),
                            commitment: p.commitment.clone(),
                            credited: Vec::new(),
                        })
                    })
                    .filter(|member| seen.insert(member.partner))
                    .collect();
                let facilitator = m
                    .facilitator
                    .as_deref()
                    .and_then(|f| index_of(Kind::Partner, f));
                if let Some(f) = facilitator
                    && !members.iter().any(|mb| mb.partner == f)
                {
                    members.push(Member {
                        partner: f,
                        role: None,
                        brings: Vec::new(),
                        commitment: None,
                        credited: Vec::new(),
                    });
                }
                site.partnerships.push(Partnership {
                    entry,
                    members,
                    facilitator,
                    form: m.form,
                    start: m.start,
                    end: m.end,
                    status: m.status,
                    goal: m.goal,
                    target_group: m.target_group,
                    milestones: m.milestones,
                    agreement: m.agreement,
                    agreed: m.agreed,
                    sectors_covered: Vec::new(),
                    sectors_missing: Vec::new(),
                    items: Vec::new(),
                });
            }
            Meta::Item(m, addresses) => site.items.push(Item {
                entry,
                catalogue: item_catalogues[i],
                number: m.number,
                partners: m
                    .partners
                    .iter()
                    .filter_map(|p| index_of(Kind::Partner, p))
                    .collect(),
                partnerships: m
                    .partnerships
                    .iter()
                    .filter_map(|p| index_of(Kind::Partnership, p))
                    .collect(),
                addresses: addresses
                    .iter()
                    .filter_map(|c| index_of(Kind::Challenge, c))
                    .collect(),
                addressed_by: Vec::new(),
                quote: None,
            }),
            Meta::Quote(q) => site.items.push(Item {
                entry,
                catalogue: None,
                number: None,
                partners: Vec::new(),
                partnerships: q
                    .partnership
                    .iter()
                    .filter_map(|p| index_of(Kind::Partnership, p))
                    .collect(),
                addresses: Vec::new(),
                addressed_by: Vec::new(),
                quote: Some(Quote {
                    by: q.by.as_deref().and_then(|b| index_of(Kind::Partner, b)),
                    speaker: q.speaker,
                    source: q.source,
                }),
            }),
            Meta::Page(m) => site.pages.push(Page {
                entry,
                weight: m.weight.unwrap_or(0),
            }),
        }
    }
    if let Some(front) = front {
        let (links, _) = link_targets(&front.body);
        site.front_links = links;
        site.front = front;
    }
    link_back(&mut site, mentions);
    site.tags = collect_tags(&site);
    site
}
