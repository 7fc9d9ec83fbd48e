//! What templates see: small serializable views of the model, made per page from borrowed
//! data. Nothing here decides anything; every relation was computed in `model`.

use super::theme::Words;
use super::view::Shared;
use crate::load::{Date, Kind};
use crate::markdown::is_dangerous_url;
use crate::model::{Entry, Item, Partner, Ref, Site, url_of};
use crate::plan::Page;
use serde::Serialize;
use std::borrow::Cow;

/// A link to a page of the site, with what a list needs to show about it.
#[derive(Debug, Serialize)]
pub struct Link<'a> {
    pub url: String,
    pub title: &'a str,
    /// The title's language when it is not the site's.
    pub lang: Option<&'static str>,
    pub kind: &'static str,
    pub kind_label: &'a str,
}

/// An item as a list shows it.
#[derive(Debug, Serialize)]
pub struct Card<'a> {
    pub id: &'a str,
    pub url: String,
    pub title: &'a str,
    /// The title's and summary's language when it is not the site's.
    pub lang: Option<&'static str>,
    pub kind: &'static str,
    pub kind_label: &'a str,
    pub number: Option<u32>,
    pub summary: &'a str,
    pub date: Option<DateView<'a>>,
}

/// A date as a template is given it: `iso` (as written) and `text` (in the site's language).
/// Both are made from the date and the theme's words alone, and every view's hash holds the
/// words (`templates::build_tera`): so while hashed ([`super::view::is_hashing`]) a date
/// stands for itself, and its texts are made only for a page that is rendered (a site of
/// 10,000 items shows some 30,000 dates).
#[derive(Debug, Clone, Copy)]
pub struct DateView<'w> {
    date: Date,
    words: &'w Words,
}

impl Serialize for DateView<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        if super::view::is_hashing() {
            let Date { year, month, day } = self.date;
            return (year, month, day).serialize(serializer);
        }
        let mut view = serializer.serialize_struct("DateView", 2)?;
        view.serialize_field("iso", &self.date.to_string())?;
        view.serialize_field("text", &self.words.date(self.date))?;
        view.end()
    }
}

pub fn date(words: &Words, d: Option<Date>) -> Option<DateView<'_>> {
    d.map(|date| DateView { date, words })
}

pub fn kind_label(words: &Words, kind: Kind, plural: bool) -> &str {
    words.get(if plural { kind.folder() } else { kind.name() })
}

pub fn link<'a>(site: &'a Site, words: &'a Words, r: Ref) -> Link<'a> {
    entry_link(site.entry(r), words)
}

/// A link to entry `e`, made from the entry alone (see [`super::parts::KeptParts`]).
pub fn entry_link<'a>(e: &'a Entry, words: &'a Words) -> Link<'a> {
    Link {
        url: e.url(),
        title: &e.title,
        lang: e.lang,
        kind: e.kind.name(),
        kind_label: kind_label(words, e.kind, false),
    }
}

pub fn card<'a>(site: &'a Site, words: &'a Words, item: usize) -> Card<'a> {
    let it: &Item = &site.items[item];
    entry_card(&it.entry, words, it.number)
}

pub fn entry_card<'a>(e: &'a Entry, words: &'a Words, number: Option<u32>) -> Card<'a> {
    Card {
        id: &e.id,
        url: e.url(),
        title: &e.title,
        lang: e.lang,
        kind: e.kind.name(),
        kind_label: kind_label(words, e.kind, false),
        number,
        summary: &e.summary,
        date: date(words, e.date),
    }
}

/// A partner link that also says which sector it is in.
#[derive(Debug, Serialize)]
pub struct PartnerLink<'a> {
    pub url: String,
    pub title: &'a str,
    pub sector: &'a str,
    pub sector_label: &'a str,
}

pub fn partner_link<'a>(site: &'a Site, p: usize) -> PartnerLink<'a> {
    partner_link_of(&site.partners[p], &site.config)
}

/// A partner's link, made from the partner and the settings alone (see
/// [`super::parts::KeptParts`]).
pub fn partner_link_of<'a>(
    partner: &'a Partner,
    config: &'a crate::config::Config,
) -> PartnerLink<'a> {
    PartnerLink {
        url: url_of(Kind::Partner, &partner.entry.id),
        title: &partner.entry.title,
        sector: &partner.sector,
        sector_label: config.sector_label(&partner.sector),
    }
}

/// A link to a tag's page, with the tag's label (site.yaml's, or the tag made readable).
#[derive(Debug, Serialize)]
pub struct TagLink<'a> {
    pub name: Cow<'a, str>,
    pub url: String,
}

/// The link to the page of the tag an entry writes as `name`, whose slug is `slug` (a name
/// that makes no slug has no page, and no link).
pub fn tag_link<'a>(config: &'a crate::config::Config, name: &str, slug: &str) -> TagLink<'a> {
    TagLink {
        name: config.tag_label(name, slug),
        url: format!("tags/{slug}/index.html"),
    }
}

/// A group of items of one kind, counted.
#[derive(Debug, Serialize)]
pub struct Group<'a, T: Serialize> {
    pub kind: &'static str,
    pub label: &'a str,
    pub count: usize,
    pub items: Vec<T>,
}

/// Groups items (given in site order, so grouped by kind already) into one group per kind.
pub fn group_by_kind<'a, T: Serialize>(
    words: &'a Words,
    items: impl IntoIterator<Item = (Kind, T)>,
) -> Vec<Group<'a, T>> {
    let mut groups: Vec<Group<'a, T>> = Vec::new();
    for (kind, item) in items {
        match groups.last_mut() {
            Some(g) if g.kind == kind.folder() => {
                g.items.push(item);
                g.count += 1;
            }
            _ => groups.push(Group {
                kind: kind.folder(),
                label: kind_label(words, kind, true),
                count: 1,
                items: vec![item],
            }),
        }
    }
    groups
}

/// An outside URL given in front matter, unless it would run script.
pub fn safe_external(url: &Option<String>) -> Option<&str> {
    url.as_deref().filter(|u| !is_dangerous_url(u))
}

/// How deep a page is: the prefix that leads from it back to the site root, `../` once per
/// folder.
pub fn root_of(path: &str) -> Cow<'static, str> {
    // Every page's view holds it: pages this deep take a slice, not a new string.
    const UP: &str = "../../../../../../../../";
    let depth = path.bytes().filter(|&b| b == b'/').count();
    match UP.get(..3 * depth) {
        Some(up) => up.into(),
        None => "../".repeat(depth).into(),
    }
}

#[derive(Serialize)]
pub(super) struct EntryView<'a> {
    pub(super) id: &'a str,
    pub(super) title: &'a str,
    pub(super) lang: Option<&'static str>,
    pub(super) kind: &'static str,
    pub(super) kind_label: &'a str,
    pub(super) kind_plural: &'a str,
    pub(super) kind_url: String,
    pub(super) body: super::view::ShownBody<'a>,
    pub(super) date: Option<DateView<'a>>,
    pub(super) updated: Option<DateView<'a>>,
    pub(super) tags: Vec<Shared<TagLink<'a>>>,
    pub(super) mentioned_by: Vec<Shared<Link<'a>>>,
}

#[derive(Serialize)]
pub(super) struct QuoteView<'a> {
    pub(super) by: Option<Shared<PartnerLink<'a>>>,
    pub(super) speaker: Option<&'a str>,
    pub(super) source: Option<&'a str>,
}

#[derive(Serialize)]
pub(super) struct SectorView<'a> {
    pub(super) key: &'a str,
    pub(super) label: &'a str,
}

#[derive(Serialize)]
pub(super) struct MembershipView<'a> {
    pub(super) partnership: Shared<Link<'a>>,
    pub(super) role: Option<&'a str>,
    pub(super) facilitator: bool,
    /// What it agreed to bring there, as labels.
    pub(super) brings: Vec<&'a str>,
    pub(super) commitment: Option<&'a str>,
    /// The items credited to it there.
    pub(super) credited: Vec<Shared<Link<'a>>>,
}

#[derive(Serialize)]
pub(super) struct ContributionView<'a> {
    pub(super) item: Shared<Card<'a>>,
    pub(super) named: bool,
    pub(super) quoted: bool,
}

#[derive(Serialize)]
pub(super) struct MemberView<'a> {
    pub(super) partner: Shared<PartnerLink<'a>>,
    pub(super) role: Option<&'a str>,
    pub(super) facilitator: bool,
    /// What it agreed to bring, as labels.
    pub(super) brings: Vec<&'a str>,
    pub(super) commitment: Option<&'a str>,
    /// The items credited to it in this partnership.
    pub(super) credited: Vec<Shared<Link<'a>>>,
}

/// The labels of contribution types, in the order written.
pub fn brings_labels<'a>(site: &'a Site, keys: &'a [String]) -> Vec<&'a str> {
    keys.iter()
        .map(|k| site.config.contribution_type_label(k))
        .collect()
}

#[derive(Serialize)]
pub(super) struct MilestoneView<'a> {
    pub(super) date: Option<DateView<'a>>,
    pub(super) title: &'a str,
    pub(super) done: bool,
}

/// How many items of each kind a catalogue holds.
#[derive(Serialize)]
pub(super) struct CatalogueFigure<'a> {
    pub(super) title: &'a str,
    pub(super) url: String,
    pub(super) kinds: Vec<Figure<'a>>,
}

#[derive(Serialize)]
pub(super) struct Figure<'a> {
    pub(super) label: &'a str,
    pub(super) value: usize,
    pub(super) url: Option<String>,
    /// Its bar's length, and where it starts in a stacked bar, in percent of the largest
    /// figure (or sum) beside it.
    pub(super) share: u32,
    pub(super) offset: u32,
    /// The kind it counts (its folder's name), when it counts one: the bar's pattern.
    pub(super) kind: &'static str,
}

/// One sector on the front page: in how many partnerships it has a member.
#[derive(Serialize)]
pub(super) struct SectorCoverage<'a> {
    pub(super) label: &'a str,
    pub(super) partnerships: usize,
    pub(super) partners: usize,
    /// `partnerships` in percent of all partnerships: the bar's length.
    pub(super) share: u32,
}

/// The network as the front page announces it: its size and who holds it together.
#[derive(Serialize)]
pub(super) struct NetworkTeaser<'a> {
    pub(super) partners: usize,
    pub(super) connections: usize,
    /// The partners whose leaving would split the network, most in between first.
    pub(super) bridges: Vec<PartnerLink<'a>>,
    /// After the bridges: how many more there are, or why there are none.
    pub(super) bridges_text: Option<String>,
    /// The partners with the most connections, most first, in whole ties.
    pub(super) connectors: Vec<Connector<'a>>,
    /// Instead of the list, when more partners share the most connections than fit.
    pub(super) connectors_text: Option<String>,
}

#[derive(Serialize)]
pub(super) struct Connector<'a> {
    pub(super) partner: PartnerLink<'a>,
    pub(super) connections: usize,
}

/// An item among the most recent, with the day that makes it so (its update, else its date).
#[derive(Serialize)]
pub(super) struct RecentItem<'a> {
    pub(super) item: Card<'a>,
    pub(super) when: Option<DateView<'a>>,
}

/// `part` in percent of `whole`, rounded; a part of something is never drawn as nothing.
pub(super) fn share(part: usize, whole: usize) -> u32 {
    if whole == 0 || part == 0 {
        return 0;
    }
    ((part * 100 + whole / 2) / whole).clamp(1, 100) as u32
}

/// One catalogue on the catalogue page, with its sections (one per kind).
#[derive(Serialize)]
pub(super) struct CatalogueView<'a> {
    /// Its anchor; empty for the one catalogue of a site that declares none, which is shown
    /// without a heading of its own.
    pub(super) id: &'a str,
    pub(super) title: Option<&'a str>,
    pub(super) source: Option<&'a str>,
    pub(super) url: Option<&'a str>,
    pub(super) count: usize,
    /// The heading level of its sections.
    pub(super) level: u8,
    pub(super) sections: Vec<CatalogueSection<'a>>,
}

#[derive(Serialize)]
pub(super) struct CatalogueSection<'a> {
    /// The section's anchor.
    pub(super) id: String,
    pub(super) kind: &'static str,
    pub(super) label: &'a str,
    pub(super) count: usize,
    /// The section's entries, rendered.
    pub(super) html: String,
}

/// A challenge or recommendation an entry of the catalogue points to: at its place on the
/// catalogue page when it is in a catalogue, else at its own page.
#[derive(Serialize)]
pub(super) struct CatalogueLink<'a> {
    pub(super) card: Shared<Card<'a>>,
    pub(super) href: String,
}

#[derive(Serialize)]
pub(super) struct CatalogueEntry<'a> {
    pub(super) url: String,
    pub(super) id: &'a str,
    pub(super) number: Option<u32>,
    pub(super) title: &'a str,
    pub(super) lang: Option<&'static str>,
    pub(super) body: super::view::ShownBody<'a>,
    pub(super) addresses: Vec<CatalogueLink<'a>>,
    pub(super) addressed_by: Vec<CatalogueLink<'a>>,
}

#[derive(Serialize)]
pub(super) struct ContributionRow<'a> {
    pub(super) partner: PartnerLink<'a>,
    pub(super) total: usize,
    pub(super) counts: Vec<usize>,
    /// Per partnership, the partner's role there: for the matrix.
    pub(super) roles: Vec<Option<&'a str>>,
    /// The partner's partnerships: for the list, when there are too many for a matrix.
    pub(super) memberships: Vec<MembershipView<'a>>,
}

/// The most partnerships the contributions page shows as matrix columns.
pub(super) const MATRIX_COLUMNS: usize = 30;

#[derive(Serialize)]
pub(super) struct TagCount<'a> {
    pub(super) name: Cow<'a, str>,
    pub(super) url: String,
    pub(super) count: usize,
}

#[derive(Serialize)]
pub(super) struct FeedEntry<'a> {
    pub(super) id: String,
    pub(super) url: String,
    pub(super) title: &'a str,
    pub(super) kind_label: &'a str,
    pub(super) updated: String,
    pub(super) summary: &'a str,
}

/// One page's line of the sitemap: `loc` (its address) and `lastmod` (its date, as written).
/// While hashed ([`super::view::is_hashing`]) it stands for what makes it: an entry's page by
/// its kind and id (its path is made from them alone, `model::url_of`), another page by its
/// path, and the date as a date; the sitemap of a large site lists thousands, and a live
/// preview hashes it at every save.
pub(super) struct SitemapUrl<'a> {
    pub(super) base: &'a str,
    pub(super) page: Page,
    pub(super) site: &'a Site,
}

impl Serialize for SitemapUrl<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let entry = match self.page {
            Page::Entry(r) => Some(self.site.entry(r)),
            _ => None,
        };
        let lastmod = entry.and_then(|e| e.updated.or(e.date));
        if super::view::is_hashing() {
            let date = lastmod.map(|Date { year, month, day }| (year, month, day));
            return match entry {
                Some(e) => (self.base, e.kind.folder(), &e.id, date).serialize(serializer),
                None => (self.base, self.page.path(self.site), date).serialize(serializer),
            };
        }
        let path = self.page.path(self.site);
        let dir = path.strip_suffix("index.html").unwrap_or(&path);
        let mut url = serializer.serialize_struct("SitemapUrl", 2)?;
        url.serialize_field("loc", &format!("{}{dir}", self.base))?;
        url.serialize_field("lastmod", &lastmod.map(|d| d.to_string()))?;
        url.end()
    }
}
