//! The parts many pages show (an item's card, a link to an entry, a partner's link, a tag's
//! link, a catalogue entry's view), made and hashed once per render of a live preview and
//! carried by their hash in every view that shows them (see [`view::Shared`]).

use super::*;

/// The parts many pages show, hashed once per render of a live preview (see [`view::Shared`]).
#[derive(Default)]
pub(super) struct Parts {
    /// Items' cards, by item.
    pub(super) cards: view::SharedHashes,
    /// Links to entries, by [`Parts::slot`].
    pub(super) links: view::SharedHashes,
    /// Partners' links with their sector, by partner.
    pub(super) partners: view::SharedHashes,
    /// The views of the catalogue's entries, by item: hashed to find which to render again,
    /// and needed again when the catalogue is rendered.
    pub(super) catalogue_entries: view::SharedHashes,
    /// Links to tags' pages, by tag (`Site::tags`), for entries that write the tag's name as
    /// the tag has it: its slug is then known, not made again for each page.
    pub(super) tag_links: view::SharedHashes,
    /// The tags by their name, to find their slot in `tag_links`.
    pub(super) tags: FxHashMap<String, usize>,
}

impl Parts {
    pub(super) fn of(site: &Site) -> Parts {
        Parts {
            cards: view::SharedHashes::with_slots(site.items.len()),
            links: view::SharedHashes::with_slots(
                site.items.len() + site.partners.len() + site.partnerships.len() + site.pages.len(),
            ),
            partners: view::SharedHashes::with_slots(site.partners.len()),
            catalogue_entries: view::SharedHashes::with_slots(site.items.len()),
            tag_links: view::SharedHashes::with_slots(site.tags.len()),
            tags: site
                .tags
                .iter()
                .enumerate()
                .map(|(i, t)| (t.name.clone(), i))
                .collect(),
        }
    }

    /// The slot of the link to `r`.
    pub(super) fn slot(site: &Site, r: Ref) -> usize {
        let (items, partners, partnerships) = (
            site.items.len(),
            site.partners.len(),
            site.partnerships.len(),
        );
        match r {
            Ref::Item(i) => i,
            Ref::Partner(i) => items + i,
            Ref::Partnership(i) => items + partners + i,
            Ref::Page(i) => items + partners + partnerships + i,
        }
    }
}

impl<'a> Renderer<'a> {
    /// Item `x`'s card, for a view.
    pub(super) fn card(&self, x: usize) -> view::Shared<Card<'a>> {
        let (site, words) = (self.site, self.words);
        self.shared
            .cards
            .get(x, self.hashing, || card(site, words, x))
    }

    /// A link to `r`, for a view.
    pub(super) fn link(&self, r: Ref) -> view::Shared<Link<'a>> {
        let (site, words) = (self.site, self.words);
        self.shared
            .links
            .get(Parts::slot(site, r), self.hashing, || link(site, words, r))
    }

    /// Partner `p`'s link with its sector, for a view.
    pub(super) fn partner(&self, p: usize) -> view::Shared<PartnerLink<'a>> {
        let site = self.site;
        self.shared
            .partners
            .get(p, self.hashing, || partner_link(site, p))
    }

    /// Links to the pages of the tags an entry writes as `names`, for a view.
    pub(super) fn tag_links(&self, names: &[String]) -> Vec<view::Shared<TagLink<'a>>> {
        let site = self.site;
        names
            .iter()
            .filter_map(|n| match self.shared.tags.get(n.as_str()) {
                // The model made the tag's slug from this very name.
                Some(&t) if !site.tags[t].slug.is_empty() => Some(self.shared.tag_links.get(
                    t,
                    self.hashing,
                    || tag_link(site, n, &site.tags[t].slug),
                )),
                _ => {
                    let slug = crate::base::slug::slugify(n, site.config.language);
                    (!slug.is_empty()).then(|| view::Shared::Shown(tag_link(site, n, &slug)))
                }
            })
            .collect()
    }

    /// Links to items, for a view.
    pub(super) fn item_links(&self, items: &[usize]) -> Vec<view::Shared<Link<'a>>> {
        items.iter().map(|&x| self.link(Ref::Item(x))).collect()
    }
}
