//! The pages of single entries: a partner, a partnership, an item (challenge, opportunity,
//! recommendation, learning, quote) and a free page.

use super::views::*;
use super::*;

impl<'a> Renderer<'a> {
    pub(super) fn entry_job(&self, r: Ref, template: &'static str) -> Job {
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
                body: ShownBody {
                    body: &e.body,
                    root: &root,
                    targets: &e.links,
                    anchors: "",
                    deeper: 0,
                },
                date: date(self.words, e.date),
                updated: date(self.words, e.updated),
                tags: tag_links(self.site, &e.tags),
                // A partner's page lists the items mentioning it under its own heading.
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

    pub(super) fn item_page(&self, i: usize) -> Job {
        let (site, words) = (self.site, self.words);
        let it = &site.items[i];
        let mut job = self.entry_job(Ref::Item(i), "item.html");
        let c = &mut job.context;
        // Its tags stand with its other facts, beside the text.
        c.insert("facts_aside", &true);
        c.insert("number", &it.number);
        // The catalogue it is in, when the site declares catalogues: a number alone does not
        // say whose list it is.
        let catalogue = it
            .catalogue
            .and_then(|ci| site.catalogues.get(ci))
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
                    partnership: link(site, words, Ref::Partnership(m.partnership)),
                    role: m.role.as_deref(),
                    facilitator: site.partnerships[m.partnership].facilitator == Some(i),
                    brings: brings_labels(site, &m.brings),
                    commitment: m.commitment.as_deref(),
                    credited: item_links(site, words, &m.credited),
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
                    },
                )
            }),
        );
        c.insert("neighbours", &self.neighbours(i));
        c.insert("contribution_count", &p.contributions.len());
        c.insert("contributions", &groups);
        c.insert(
            "mentions",
            &p.mentions
                .iter()
                .map(|&x| link(site, words, Ref::Item(x)))
                .collect::<Vec<_>>(),
        );
        job
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
                    partner: partner_link(site, m.partner),
                    role: m.role.as_deref(),
                    facilitator: p.facilitator == Some(m.partner),
                    brings: brings_labels(site, &m.brings),
                    commitment: m.commitment.as_deref(),
                    credited: item_links(site, words, &m.credited),
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

    pub(super) fn free_page(&self, i: usize) -> Job {
        let mut job = self.entry_job(Ref::Page(i), "page.html");
        job.context.insert("facts_aside", &true);
        job
    }
}
