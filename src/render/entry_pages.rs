//! The pages of single entries: a partner, a partnership, an item (challenge, opportunity,
//! recommendation, learning, quote) and a free page.

use super::network_pages::fill;
use super::parts::{Given, Slot};
use super::views::*;
use super::*;
use crate::model::{Entry, Item};
use serde::Serialize;

/// The job of entry `e`'s page with what every entry's page shows. Given the entry and the
/// shared parts only (no site), so it shows nothing else (see [`item_job`]).
fn entry_job<'a>(given: &Given<'a>, e: &'a Entry, template: &'static str) -> Job {
    let words = given.words;
    let mut job = given.job(e.url(), template, &e.title, e.kind.folder());
    let root = root_of(&job.path);
    job.context.insert(
        "entry",
        &EntryView {
            id: &e.id,
            title: &e.title,
            lang: e.lang,
            kind: e.kind.name(),
            kind_label: kind_label(words, e.kind, false),
            kind_plural: kind_label(words, e.kind, true),
            kind_url: format!("{}/index.html", e.kind.folder()),
            body: ShownBody {
                body: &e.body,
                root: &root,
                targets: &e.links,
                anchors: "",
                deeper: 0,
            },
            date: date(words, e.date),
            updated: date(words, e.updated),
            tags: given.tag_links(&e.tags),
            // A partner's page lists what mentions it (items and pages) in one section
            // of its own, apart from its contributions.
            mentioned_by: e
                .mentioned_by
                .iter()
                .filter(|_| e.kind != Kind::Partner)
                .map(|&r| given.link(r))
                .collect(),
        },
    );
    job
}

/// The job of an item's page: made from the item, the site's catalogues (from site.yaml) and
/// the shared parts it takes, never from the site. So, after an edit of texts only, a live
/// preview knows the page is as before when the item and the parts it took are
/// ([`Renderer::item_page_taken`]).
fn item_job<'a>(given: &Given<'a>, it: &'a Item, catalogues: &'a [crate::model::Catalogue]) -> Job {
    let words = given.words;
    let mut job = entry_job(given, &it.entry, "item.html");
    let c = &mut job.context;
    // Its tags stand with its other facts, beside the text.
    c.insert("facts_aside", &true);
    c.insert("number", &it.number);
    // The catalogue it is in, when the site declares catalogues: a number alone does not
    // say whose list it is.
    let catalogue = it
        .catalogue
        .and_then(|ci| catalogues.get(ci))
        .and_then(|c| {
            c.declared.as_ref().map(|d| Link {
                url: format!("catalogue/index.html#{}", c.id),
                title: &d.title,
                lang: None,
                kind: "catalogue",
                kind_label: words.get("catalogue"),
            })
        });
    c.insert("catalogue", &catalogue);
    c.insert(
        "partners",
        &it.partners
            .iter()
            .map(|&p| given.partner(p))
            .collect::<Vec<_>>(),
    );
    c.insert(
        "partnerships",
        &it.partnerships
            .iter()
            .map(|&p| given.link(Ref::Partnership(p)))
            .collect::<Vec<_>>(),
    );
    c.insert(
        "addresses",
        &it.addresses
            .iter()
            .map(|&x| given.card(x))
            .collect::<Vec<_>>(),
    );
    c.insert(
        "addressed_by",
        &it.addressed_by
            .iter()
            .map(|&x| given.card(x))
            .collect::<Vec<_>>(),
    );
    c.insert(
        "quote",
        &it.quote.as_ref().map(|q| QuoteView {
            by: q.by.map(|p| given.partner(p)),
            speaker: q.speaker.as_deref(),
            source: q.source.as_deref(),
        }),
    );
    job
}

impl<'a> Renderer<'a> {
    pub(super) fn entry_job(&self, r: Ref, template: &'static str) -> Job {
        entry_job(&self.parts(), self.site.entry(r), template)
    }

    pub(super) fn item_page(&self, i: usize) -> Job {
        item_job(&self.parts(), &self.site.items[i], &self.site.catalogues)
    }

    /// Item `i`'s page made to be hashed, with the shared parts it took.
    pub(super) fn item_page_taken(&self, i: usize) -> (Job, Vec<Slot>) {
        let given = self.noting();
        let job = item_job(&given, &self.site.items[i], &self.site.catalogues);
        (job, given.into_taken())
    }

    pub(super) fn partner_page(&self, i: usize) -> Job {
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
                    partnership: self.link(Ref::Partnership(m.partnership)),
                    role: m.role.as_deref(),
                    facilitator: site.partnerships[m.partnership].facilitator == Some(i),
                    brings: brings_labels(site, &m.brings),
                    commitment: m.commitment.as_deref(),
                    credited: self.item_links(&m.credited),
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
                        item: self.card(contribution.item),
                        named: contribution.named,
                        quoted: contribution.quoted,
                    },
                )
            }),
        );
        c.insert("neighbours", &self.neighbours(i));
        c.insert("contribution_count", &p.contributions.len());
        c.insert("contributions", &groups);
        // Items first, then the free pages that mention it: one list, one heading.
        c.insert(
            "mentions",
            &p.mentions
                .iter()
                .map(|&x| self.link(Ref::Item(x)))
                .chain(
                    p.entry
                        .mentioned_by
                        .iter()
                        .filter(|r| matches!(r, Ref::Page(_)))
                        .map(|&r| self.link(r)),
                )
                .collect::<Vec<_>>(),
        );
        c.insert("glance", &self.partner_glance(i));
        job
    }

    /// The drawings at the top of a partner's page: its contributions by kind, by partnership
    /// (with what it agreed to bring there) and by year. Made from the partner's own lists, so
    /// the cost grows with what the partner did, not with the site.
    fn partner_glance(&self, i: usize) -> Option<Glance<'a>> {
        let (site, words) = (self.site, self.words);
        let p = &site.partners[i];
        if p.contributions.is_empty() && p.memberships.iter().all(|m| m.brings.is_empty()) {
            return None;
        }
        let mut by_kind: Vec<charts::Bar> = Vec::new();
        for c in &p.contributions {
            let label = kind_label(words, site.items[c.item].entry.kind, true);
            match by_kind.last_mut() {
                Some(b) if b.label == label => b.value += 1,
                _ => by_kind.push(charts::Bar { label, value: 1 }),
            }
        }
        let agreed: Vec<AgreedRow> = p
            .memberships
            .iter()
            .map(|m| AgreedRow {
                partnership: link(site, words, Ref::Partnership(m.partnership)),
                role: m.role.as_deref(),
                brings: brings_labels(site, &m.brings),
                commitment: m.commitment.as_deref(),
                delivered: m.credited.len(),
            })
            .collect();
        let outside = p
            .contributions
            .iter()
            .filter(|c| {
                !site.items[c.item]
                    .partnerships
                    .iter()
                    .any(|x| p.memberships.iter().any(|m| m.partnership == *x))
            })
            .count();
        let bar_labels: Vec<String> = agreed
            .iter()
            .map(|a| {
                if a.brings.is_empty() {
                    a.partnership.title.to_string()
                } else {
                    format!(
                        "{} ({}: {})",
                        a.partnership.title,
                        words.get("brings").to_lowercase(),
                        a.brings.join(", ")
                    )
                }
            })
            .collect();
        let mut by_partnership: Vec<charts::Bar> = bar_labels
            .iter()
            .zip(&agreed)
            .map(|(label, a)| charts::Bar {
                label,
                value: a.delivered,
            })
            .collect();
        if outside > 0 && !p.memberships.is_empty() {
            by_partnership.push(charts::Bar {
                label: words.get("outside_partnerships"),
                value: outside,
            });
        }
        let mut years: std::collections::BTreeMap<u16, usize> = Default::default();
        let mut undated = 0;
        for c in &p.contributions {
            match site.items[c.item].entry.date {
                Some(d) => *years.entry(d.year).or_default() += 1,
                None => undated += 1,
            }
        }
        let year_labels: Vec<String> = match (years.keys().next(), years.keys().last()) {
            (Some(&a), Some(&b)) => (a..=b).map(|y| y.to_string()).collect(),
            _ => Vec::new(),
        };
        let by_year: Vec<charts::Bar> = year_labels
            .iter()
            .map(|y| charts::Bar {
                label: y,
                value: y
                    .parse()
                    .ok()
                    .and_then(|y| years.get(&y))
                    .copied()
                    .unwrap_or(0),
            })
            .collect();
        let drawing = |heading: &str, bars: &[charts::Bar], columns: bool| -> Option<Chart> {
            (!bars.is_empty()).then(|| {
                let alt = alt_text(heading, bars, words);
                Chart {
                    svg: view::Drawing {
                        name: "bars",
                        inputs: BarsDrawn {
                            alt,
                            bars: bars
                                .iter()
                                .map(|b| (b.label.to_string(), b.value))
                                .collect(),
                            columns,
                        },
                        draw: BarsDrawn::draw,
                    },
                    rows: bars
                        .iter()
                        .map(|b| ChartRow {
                            label: b.label.to_string(),
                            value: b.value,
                        })
                        .collect(),
                }
            })
        };
        Some(Glance {
            by_kind: drawing(words.get("contributions_by_kind"), &by_kind, false),
            by_partnership: if p.memberships.is_empty() {
                None
            } else {
                drawing(words.get("by_partnership"), &by_partnership, false)
            },
            outside,
            agreed,
            by_year: drawing(words.get("by_year"), &by_year, true),
            undated: (undated > 0 && !years.is_empty())
                .then(|| fill(words.get("undated"), &[("count", undated.to_string())])),
        })
    }

    pub(super) fn partnership_page(&self, i: usize) -> Job {
        let (site, words) = (self.site, self.words);
        let p = &site.partnerships[i];
        let mut job = self.entry_job(Ref::Partnership(i), "partnership.html");
        let c = &mut job.context;
        c.insert(
            "members",
            &p.members
                .iter()
                .map(|m| MemberView {
                    partner: self.partner(m.partner),
                    role: m.role.as_deref(),
                    facilitator: p.facilitator == Some(m.partner),
                    brings: brings_labels(site, &m.brings),
                    commitment: m.commitment.as_deref(),
                    credited: self.item_links(&m.credited),
                })
                .collect::<Vec<_>>(),
        );
        c.insert("facilitator", &p.facilitator.map(|f| self.partner(f)));
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
        c.insert("coverage", &coverage(site, words, p));
        c.insert("form", &p.form.map(|f| words.get(form_key(f))));
        c.insert("status", &p.status.map(|s| words.get(status_key(s))));
        c.insert("start", &date(words, p.start));
        c.insert("end", &date(words, p.end));
        c.insert("goal", &p.goal);
        c.insert("target_group", &p.target_group);
        c.insert("agreement", &safe_external(&p.agreement));
        c.insert("agreed", &date(words, p.agreed));
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
        let marks: Vec<(String, charts::Mark)> = milestones
            .iter()
            .map(|m| {
                (
                    words.date(m.date),
                    charts::Mark {
                        at: charts::when(m.date),
                        title: &m.title,
                        done: m.done,
                    },
                )
            })
            .collect();
        let milestones_svg = (!marks.is_empty()).then(|| {
            let alt = fill(
                words.get("milestones_alt"),
                &[
                    ("count", marks.len().to_string()),
                    (
                        "done",
                        marks.iter().filter(|(_, m)| m.done).count().to_string(),
                    ),
                ],
            );
            view::Drawing {
                name: "milestones",
                inputs: (alt, marks, (words.get("done"), words.get("not_done"))),
                draw: |(alt, marks, state)| charts::milestones(alt, marks, *state),
            }
        });
        c.insert("milestones_svg", &milestones_svg);
        c.insert(
            "items",
            &group_by_kind(
                words,
                p.items
                    .iter()
                    .map(|&x| (site.items[x].entry.kind, self.card(x))),
            ),
        );
        job
    }

    pub(super) fn free_page(&self, i: usize) -> Job {
        let mut job = self.entry_job(Ref::Page(i), "page.html");
        job.context.insert("facts_aside", &true);
        job
    }
}

/// A drawing and the figures it draws, for the table beside it.
#[derive(Serialize)]
pub(super) struct Chart {
    pub(super) svg: view::Drawing<BarsDrawn>,
    pub(super) rows: Vec<ChartRow>,
}

#[derive(Serialize)]
pub(super) struct ChartRow {
    pub(super) label: String,
    pub(super) value: usize,
}

/// What a bar or column chart is drawn from.
#[derive(Serialize)]
pub(super) struct BarsDrawn {
    alt: String,
    bars: Vec<(String, usize)>,
    columns: bool,
}

impl BarsDrawn {
    fn draw(&self) -> String {
        let bars: Vec<charts::Bar> = self
            .bars
            .iter()
            .map(|(label, value)| charts::Bar {
                label,
                value: *value,
            })
            .collect();
        if self.columns {
            charts::columns(&self.alt, &bars)
        } else {
            charts::bars(&self.alt, &bars)
        }
    }
}

/// What a partner agreed to bring to one partnership, and what it delivered there.
#[derive(Serialize)]
pub(super) struct AgreedRow<'a> {
    pub(super) partnership: Link<'a>,
    pub(super) role: Option<&'a str>,
    pub(super) brings: Vec<&'a str>,
    pub(super) commitment: Option<&'a str>,
    pub(super) delivered: usize,
}

/// The top of a partner's page.
#[derive(Serialize)]
pub(super) struct Glance<'a> {
    pub(super) by_kind: Option<Chart>,
    pub(super) by_partnership: Option<Chart>,
    /// Its contributions in none of its partnerships.
    pub(super) outside: usize,
    pub(super) agreed: Vec<AgreedRow<'a>>,
    pub(super) by_year: Option<Chart>,
    /// Says how many contributions have no date, when some have one.
    pub(super) undated: Option<String>,
}

/// A drawing's text alternative: its heading and every figure, then where the table is.
pub(super) fn alt_text(heading: &str, bars: &[charts::Bar], words: &Words) -> String {
    let figures: Vec<String> = bars
        .iter()
        .map(|b| format!("{} {}", b.label, b.value))
        .collect();
    format!(
        "{heading}: {}. {}",
        figures.join("; "),
        words.get("chart_same_as_table")
    )
}

/// A partnership's sector coverage: every sector of the site, covered or missing.
#[derive(Serialize)]
pub(super) struct Coverage<'a> {
    pub(super) svg: view::Drawing<(String, Vec<charts::Cell>)>,
    pub(super) summary: String,
    pub(super) missing: Option<String>,
    pub(super) cells: Vec<CoverageCell<'a>>,
}

#[derive(Serialize)]
pub(super) struct CoverageCell<'a> {
    pub(super) key: &'a str,
    pub(super) label: &'a str,
    pub(super) covered: bool,
}

/// The coverage strip of partnership `p`, with the same in words for the list beside it.
pub(super) fn coverage<'a>(
    site: &'a Site,
    words: &'a Words,
    p: &'a crate::model::Partnership,
) -> Coverage<'a> {
    let cells: Vec<CoverageCell> = site
        .config
        .sectors
        .iter()
        .map(|(key, label)| CoverageCell {
            key,
            label,
            covered: p.sectors_covered.contains(key),
        })
        .collect();
    let summary = fill(
        words.get("coverage_summary"),
        &[
            ("covered", p.sectors_covered.len().to_string()),
            ("total", cells.len().to_string()),
        ],
    );
    let missing = (!p.sectors_missing.is_empty()).then(|| {
        fill(
            words.get("coverage_missing"),
            &[(
                "names",
                p.sectors_missing
                    .iter()
                    .map(|k| site.config.sector_label(k))
                    .collect::<Vec<_>>()
                    .join(", "),
            )],
        )
    });
    let alt = match &missing {
        Some(m) => format!("{summary} {m}"),
        None => summary.clone(),
    };
    let svg = view::Drawing {
        name: "coverage",
        inputs: (
            alt,
            cells
                .iter()
                .map(|c| charts::Cell { covered: c.covered })
                .collect::<Vec<_>>(),
        ),
        draw: |(alt, cells)| charts::coverage(alt, cells),
    };
    Coverage {
        svg,
        summary,
        missing,
        cells,
    }
}
