//! The front page: the site's figures, and drawn overviews of what it holds (sectors across
//! the partnerships, the catalogues), its most recent items and a teaser of the network.

use super::network_pages::fill;
use super::views::*;
use super::*;

impl<'a> Renderer<'a> {
    pub(super) fn front_page(&self) -> Job {
        let (site, words) = (self.site, self.words);
        let mut front = self.job(
            Page::Front.path(site),
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
                share: 0,
                offset: 0,
                kind: "",
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
                share: 0,
                offset: 0,
                kind: "",
            },
            Figure {
                label: words.get("sectors"),
                value: sectors_used,
                url: Some("contributions/index.html".into()),
                share: 0,
                offset: 0,
                kind: "",
            },
            Figure {
                label: words.get("partnerships"),
                value: site.partnerships.len(),
                url: Some("partnerships/index.html".into()),
                share: 0,
                offset: 0,
                kind: "",
            },
            Figure {
                label: words.get("facilitators"),
                value: site.facilitators().len(),
                url: None,
                share: 0,
                offset: 0,
                kind: "",
            },
        ];
        // How many items each catalogue holds, by kind: the catalogues of a site are counted
        // apart, so two sources' numbers are not added into one.
        let catalogue_figures: Vec<CatalogueFigure> = site
            .catalogues
            .iter()
            .enumerate()
            .map(|(ci, c)| CatalogueFigure {
                title: c
                    .declared
                    .as_ref()
                    .map_or_else(|| words.get("catalogue"), |d| d.title.as_str()),
                url: if c.id.is_empty() {
                    "catalogue/index.html".into()
                } else {
                    format!("catalogue/index.html#{}", c.id)
                },
                kinds: Kind::CATALOGUE
                    .iter()
                    .map(|&k| Figure {
                        label: words.get(k.folder()),
                        value: site
                            .catalogue_items(ci)
                            .filter(|(_, it)| it.entry.kind == k)
                            .count(),
                        url: None,
                        share: 0,
                        offset: 0,
                        kind: k.folder(),
                    })
                    .filter(|f| f.value > 0)
                    .collect(),
            })
            .filter(|c| !c.kinds.is_empty())
            .collect();
        // Each catalogue is one stacked bar, of a length to compare with the others'.
        let largest = catalogue_figures
            .iter()
            .map(|c| c.kinds.iter().map(|f| f.value).sum::<usize>())
            .max()
            .unwrap_or(0);
        let mut catalogue_figures = catalogue_figures;
        for c in &mut catalogue_figures {
            let mut before = 0;
            for f in &mut c.kinds {
                f.offset = share(before, largest);
                before += f.value;
                f.share = share(before, largest).saturating_sub(f.offset);
            }
        }
        front.context.insert("coverage", &self.sector_coverage());
        front.context.insert("recent", &self.recent_items(5));
        front.context.insert("network", &self.network_teaser(3));
        front
            .context
            .insert("catalogue_figures", &catalogue_figures);
        front.context.insert("figures", &figures);
        front.context.insert("item_figures", &kinds_count);
        front.context.insert("front_title", &site.front.title);
        front.context.insert(
            "body",
            &ShownBody {
                body: &site.front.body,
                root: "",
                targets: &site.front_links,
                anchors: "",
                deeper: 0,
            },
        );
        front.context.insert(
            "partnerships",
            &(0..site.partnerships.len())
                .map(|i| link(site, words, Ref::Partnership(i)))
                .collect::<Vec<_>>(),
        );
        front
    }

    /// Each sector of site.yaml, in its order: how many partnerships have a member from it,
    /// and how many partners it has.
    fn sector_coverage(&self) -> Vec<SectorCoverage<'a>> {
        let site = self.site;
        let total = site.partnerships.len();
        site.config
            .sectors
            .iter()
            .map(|(key, label)| {
                let partnerships = site
                    .partnerships
                    .iter()
                    .filter(|p| p.sectors_covered.contains(key))
                    .count();
                SectorCoverage {
                    label,
                    partnerships,
                    partners: site.partners.iter().filter(|p| &p.sector == key).count(),
                    share: share(partnerships, total),
                }
            })
            .collect()
    }

    /// The `n` items changed or dated last, newest first, each with that day.
    fn recent_items(&self, n: usize) -> Vec<RecentItem<'a>> {
        let (site, words) = (self.site, self.words);
        let mut dated: Vec<(crate::load::Date, usize)> = site
            .items
            .iter()
            .enumerate()
            .filter_map(|(i, it)| Some((it.entry.updated.max(it.entry.date)?, i)))
            .collect();
        // Newest first; on the same day, in site order. Only the first `n` are shown: they are
        // picked out before they are sorted.
        let newest_first = |&(d, i): &(crate::load::Date, usize)| (std::cmp::Reverse(d), i);
        if n > 0 && dated.len() > n {
            dated.select_nth_unstable_by_key(n - 1, newest_first);
            dated.truncate(n);
        }
        dated.sort_by_key(newest_first);
        dated
            .into_iter()
            .take(n)
            .map(|(d, i)| RecentItem {
                item: card(site, words, i),
                when: date(words, Some(d)),
            })
            .collect()
    }

    /// The network in figures: who holds it together (its cut vertices, most in between
    /// first) and who has the most connections. A list never ends inside a tie: when more
    /// partners share a place than fit, they are counted instead of some being picked by
    /// their place in the site's files, which would look like a ranking.
    fn network_teaser(&self, n: usize) -> NetworkTeaser<'a> {
        let (site, words) = (self.site, self.words);
        let m = &self.network.metrics;
        let mut bridges = m.articulation_points.clone();
        bridges.sort_by(|&a, &b| {
            m.betweenness[b]
                .total_cmp(&m.betweenness[a])
                .then(a.cmp(&b))
        });
        let more_bridges = bridges.len().saturating_sub(n);
        let groups = m.component_sizes.iter().filter(|&&s| s > 1).count();
        let bridges_text = if more_bridges > 0 {
            Some(fill(
                words.get("and_more"),
                &[("count", more_bridges.to_string())],
            ))
        } else if bridges.is_empty() && groups > 1 {
            Some(fill(
                words.get("teaser_apart"),
                &[("groups", groups.to_string())],
            ))
        } else if bridges.is_empty() {
            Some(words.get("network_no_bridges").to_string())
        } else {
            None
        };
        let mut connected: Vec<usize> = (0..site.partners.len())
            .filter(|&p| m.degree.get(p).is_some_and(|d| *d > 0))
            .collect();
        connected.sort_by(|&a, &b| m.degree[b].cmp(&m.degree[a]).then(a.cmp(&b)));
        // Whole ties only: the list stops before the first degree that would not fit whole.
        let mut shown = 0;
        while shown < connected.len() {
            let degree = m.degree[connected[shown]];
            let tie = connected[shown..]
                .iter()
                .take_while(|&&p| m.degree[p] == degree)
                .count();
            if shown + tie > n {
                break;
            }
            shown += tie;
        }
        let connectors_text = (shown == 0 && !connected.is_empty()).then(|| {
            let top = m.degree[connected[0]];
            fill(
                words.get("teaser_tied"),
                &[
                    (
                        "count",
                        connected
                            .iter()
                            .take_while(|&&p| m.degree[p] == top)
                            .count()
                            .to_string(),
                    ),
                    ("connections", top.to_string()),
                ],
            )
        });
        NetworkTeaser {
            partners: site.partners.len(),
            // Each tie between two partners counts once at each end.
            connections: m.degree.iter().sum::<usize>() / 2,
            bridges: bridges
                .into_iter()
                .take(n)
                .map(|p| partner_link(site, p))
                .collect(),
            bridges_text,
            connectors: connected
                .into_iter()
                .take(shown)
                .map(|p| Connector {
                    partner: partner_link(site, p),
                    connections: m.degree[p],
                })
                .collect(),
            connectors_text,
        }
    }
}
