//! The pages that sum the site up in drawings and tables: the partnerships index's cards and
//! timeline (added to the kind index of partnerships) and the contributions page's heat map.
//! Each goes over the partnerships or the partners once; nothing grows with partners × items.

use super::entry_pages::{Coverage, coverage};
use super::network_pages::fill;
use super::views::*;
use super::*;
use serde::Serialize;

impl<'a> Renderer<'a> {
    /// The partnerships index: a card per partnership with its form, status, period, members
    /// and sectors, and a timeline of all of them along shared years.
    pub(super) fn partnerships_overview(&self, job: &mut Job) {
        let (site, words) = (self.site, self.words);
        let label = |key: &'a String| site.config.sector_label(key);
        let cards: Vec<PartnershipCard> = site
            .partnerships
            .iter()
            .map(|p| PartnershipCard {
                card: entry_card(&p.entry, words, None),
                form: p.form.map(|f| words.get(form_key(f))),
                status: p.status.map(|s| words.get(status_key(s))),
                start: date(words, p.start),
                end: date(words, p.end),
                members: p.members.len(),
                covered: p.sectors_covered.iter().map(label).collect(),
                missing: p.sectors_missing.iter().map(label).collect(),
                coverage: coverage(site, words, p),
            })
            .collect();
        let spans: Vec<charts::Span> = site
            .partnerships
            .iter()
            .map(|p| charts::Span {
                label: &p.entry.title,
                from: p.start.map(charts::when),
                // An end written as a year lasts until that year is over.
                to: p.end.map(|d| charts::when(d.last_day()) + 1.0 / 365.0),
                marks: p
                    .milestones
                    .iter()
                    .map(|m| charts::Mark {
                        at: charts::when(m.date),
                        title: &m.title,
                        done: m.done,
                    })
                    .collect(),
            })
            .collect();
        let first_last = {
            let years = site.partnerships.iter().flat_map(|p| {
                p.start
                    .into_iter()
                    .chain(p.end)
                    .chain(p.milestones.iter().map(|m| m.date))
                    .map(|d| d.year)
            });
            years.clone().min().zip(years.max())
        };
        let timeline = first_last.and_then(|(first, last)| {
            let alt = fill(
                words.get("timeline_alt"),
                &[
                    ("first", first.to_string()),
                    ("last", last.to_string()),
                    ("count", spans.len().to_string()),
                ],
            );
            charts::timeline(
                &alt,
                &spans,
                (
                    words.get("done"),
                    words.get("not_done"),
                    words.get("no_period"),
                ),
            )
        });
        let rows: Vec<TimelineRow> = site
            .partnerships
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let mut milestones: Vec<&crate::load::Milestone> = p.milestones.iter().collect();
                milestones.sort_by_key(|m| m.date);
                TimelineRow {
                    partnership: link(site, words, Ref::Partnership(i)),
                    start: date(words, p.start),
                    end: date(words, p.end),
                    milestones: milestones
                        .iter()
                        .map(|m| MilestoneView {
                            date: date(words, Some(m.date)),
                            title: &m.title,
                            done: m.done,
                        })
                        .collect(),
                }
            })
            .collect();
        job.context.insert("partnership_cards", &cards);
        job.context.insert("timeline", &timeline);
        job.context.insert("timeline_rows", &rows);
    }

    pub(super) fn contributions_page(&self) -> Job {
        let (site, words) = (self.site, self.words);
        let mut job = self.job(
            Page::Contributions.path(site),
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
                            partnership: self.link(Ref::Partnership(m.partnership)),
                            role: Some(role(m)),
                            facilitator: false,
                            brings: Vec::new(),
                            commitment: None,
                            credited: Vec::new(),
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
        // The heat map: partners with contributions, most first; the others in one line.
        let mut heat: Vec<&ContributionRow> = rows.iter().filter(|r| r.total > 0).collect();
        heat.sort_by_key(|r| std::cmp::Reverse(r.total));
        let most = heat
            .iter()
            .flat_map(|r| r.counts.iter())
            .copied()
            .max()
            .unwrap_or(0);
        let heat_rows: Vec<HeatRow> = heat
            .iter()
            .map(|r| HeatRow {
                partner: &r.partner,
                total: r.total,
                cells: r
                    .counts
                    .iter()
                    .map(|&n| HeatCell {
                        n,
                        level: shade(n, most),
                    })
                    .collect(),
            })
            .collect();
        let not_yet: Vec<&PartnerLink> = rows
            .iter()
            .filter(|r| r.total == 0)
            .map(|r| &r.partner)
            .collect();
        job.context.insert("heat_rows", &heat_rows);
        job.context.insert("not_yet", &not_yet);
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
}

/// A partnership as the partnerships index shows it.
#[derive(Serialize)]
struct PartnershipCard<'a> {
    card: Card<'a>,
    form: Option<&'a str>,
    status: Option<&'a str>,
    start: Option<DateView<'a>>,
    end: Option<DateView<'a>>,
    members: usize,
    covered: Vec<&'a str>,
    missing: Vec<&'a str>,
    /// Its coverage strip.
    coverage: Coverage<'a>,
}

/// A partnership's row in the table beside the timeline.
#[derive(Serialize)]
struct TimelineRow<'a> {
    partnership: Link<'a>,
    start: Option<DateView<'a>>,
    end: Option<DateView<'a>>,
    milestones: Vec<MilestoneView<'a>>,
}

#[derive(Serialize)]
struct HeatRow<'r, 'a> {
    partner: &'r PartnerLink<'a>,
    total: usize,
    cells: Vec<HeatCell>,
}

#[derive(Serialize)]
struct HeatCell {
    n: usize,
    /// How dark the cell is, 0 (none) to 4 (as many as any cell).
    level: usize,
}

/// The shade of a cell holding `n` when the fullest holds `most`: 1 to 4 by quarters, so any
/// contribution is seen, and 0 for none.
fn shade(n: usize, most: usize) -> usize {
    if n == 0 || most == 0 {
        0
    } else {
        (4 * n).div_ceil(most).clamp(1, 4)
    }
}
