//! The parts many pages show (an item's card, a link to an entry, a partner's link, a tag's
//! link, a catalogue entry's view), made and hashed once per render of a live preview and
//! carried by their hash in every view that shows them (see [`view::Shared`]); and [`Given`],
//! through which the builders of an item's page and a catalogue entry take them without
//! being given the site, so that a live preview knows everything those views are made from.

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
    /// Whether the last render's hashes were kept (see [`KeptParts`]): the site then differs
    /// from the last render's only in the texts of some entries, and every page is given
    /// what it was given then, but for those texts.
    pub(super) carried: bool,
    /// The parts made from an entry whose text changed since the last render.
    changed: rustc_hash::FxHashSet<Slot>,
}

/// The hashes of a render's [`Parts`], for the next render of a live preview: where the site
/// changed only in some entries' texts, the cards, links and tag links of every other entry
/// are made from the same as before, and their hashes are kept instead of taken again.
///
/// That holds by what each part is made from: a card from its item's entry and number
/// ([`entry_card`]), a link from its entry ([`entry_link`]), a partner's link from the
/// partner and the settings ([`partner_link_of`]), a tag's link from the tag and the settings
/// ([`tag_link`]), each with the theme's words: none is given the site. The catalogue's
/// entries are made from more than their own item, and are hashed again at every render.
pub struct KeptParts {
    /// What every page was given (the settings and the theme's words) at that render.
    global: u64,
    cards: Vec<Option<u64>>,
    links: Vec<Option<u64>>,
    partners: Vec<Option<u64>>,
    tag_links: Vec<Option<u64>>,
}

impl Parts {
    /// The parts of a render of `site`; with `kept`, the hashes of the last render for every
    /// part not made from an entry in `changed` (see [`KeptParts`]): `site` must then differ
    /// from the last render's only in the texts of the entries in `changed`.
    pub(super) fn of(site: &Site, global: u64, kept: Option<(&KeptParts, &[Ref])>) -> Parts {
        let links =
            site.items.len() + site.partners.len() + site.partnerships.len() + site.pages.len();
        let none = KeptParts {
            global,
            cards: Vec::new(),
            links: Vec::new(),
            partners: Vec::new(),
            tag_links: Vec::new(),
        };
        let (kept, changed, carried) = match kept {
            Some((kept, changed)) if kept.global == global => (kept, changed, true),
            _ => (&none, &[][..], false),
        };
        let changed: rustc_hash::FxHashSet<Slot> = changed
            .iter()
            .flat_map(|&r| {
                let own = match r {
                    Ref::Item(x) => Some(Slot::Card(x)),
                    Ref::Partner(p) => Some(Slot::Partner(p)),
                    _ => None,
                };
                own.into_iter().chain([Slot::Link(Parts::slot(site, r))])
            })
            .collect();
        let unchanged = |slot: Slot| !changed.contains(&slot);
        Parts {
            cards: view::SharedHashes::with_kept(site.items.len(), &kept.cards, |x| {
                unchanged(Slot::Card(x))
            }),
            links: view::SharedHashes::with_kept(links, &kept.links, |slot| {
                unchanged(Slot::Link(slot))
            }),
            partners: view::SharedHashes::with_kept(site.partners.len(), &kept.partners, |p| {
                unchanged(Slot::Partner(p))
            }),
            catalogue_entries: view::SharedHashes::with_slots(site.items.len()),
            tag_links: view::SharedHashes::with_kept(site.tags.len(), &kept.tag_links, |_| true),
            tags: site
                .tags
                .iter()
                .enumerate()
                .map(|(i, t)| (t.name.clone(), i))
                .collect(),
            carried,
            changed,
        }
    }

    /// Whether the part in `slot` is made from an entry whose text changed since the last
    /// render (see [`Parts::carried`]).
    pub(super) fn changed(&self, slot: Slot) -> bool {
        self.changed.contains(&slot)
    }

    /// The hashes this render took, for the next (see [`KeptParts`]).
    pub(super) fn kept(&self, global: u64) -> KeptParts {
        KeptParts {
            global,
            cards: self.cards.taken(),
            links: self.links.taken(),
            partners: self.partners.taken(),
            tag_links: self.tag_links.taken(),
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

/// A shared part, by its table and slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Slot {
    Card(usize),
    /// By [`Parts::slot`].
    Link(usize),
    Partner(usize),
    TagLink(usize),
}

/// The shared parts as a page's builder takes them, without the site: a builder given only
/// this and its own entry can show nothing else of the site (see [`super::entry_pages`]).
/// Given by [`Renderer::noting`], it notes each part taken.
pub(super) struct Given<'a> {
    site: &'a Site,
    pub(super) words: &'a Words,
    parts: &'a Parts,
    pub(super) hashing: bool,
    base_url: Option<&'a str>,
    /// The parts taken, when they are noted.
    taken: Option<std::cell::RefCell<Vec<Slot>>>,
}

impl<'a> Given<'a> {
    fn take(&self, slot: Slot) {
        if let Some(taken) = &self.taken {
            taken.borrow_mut().push(slot);
        }
    }

    /// The parts taken (none unless noted).
    pub(super) fn into_taken(self) -> Vec<Slot> {
        self.taken.map(|t| t.into_inner()).unwrap_or_default()
    }

    /// Item `x`'s card, for a view.
    pub(super) fn card(&self, x: usize) -> view::Shared<Card<'a>> {
        let (site, words) = (self.site, self.words);
        self.take(Slot::Card(x));
        self.parts.cards.get(x, self.hashing, || {
            let it = &site.items[x];
            entry_card(&it.entry, words, it.number)
        })
    }

    /// A link to `r`, for a view.
    pub(super) fn link(&self, r: Ref) -> view::Shared<Link<'a>> {
        let (site, words) = (self.site, self.words);
        let slot = Parts::slot(site, r);
        self.take(Slot::Link(slot));
        self.parts
            .links
            .get(slot, self.hashing, || entry_link(site.entry(r), words))
    }

    /// Partner `p`'s link with its sector, for a view.
    pub(super) fn partner(&self, p: usize) -> view::Shared<PartnerLink<'a>> {
        let site = self.site;
        self.take(Slot::Partner(p));
        self.parts.partners.get(p, self.hashing, || {
            partner_link_of(&site.partners[p], &site.config)
        })
    }

    /// Links to the pages of the tags an entry writes as `names`, for a view.
    pub(super) fn tag_links(&self, names: &[String]) -> Vec<view::Shared<TagLink<'a>>> {
        let site = self.site;
        names
            .iter()
            .filter_map(|n| match self.parts.tags.get(n.as_str()) {
                // The model made the tag's slug from this very name.
                Some(&t) if !site.tags[t].slug.is_empty() => {
                    self.take(Slot::TagLink(t));
                    Some(self.parts.tag_links.get(t, self.hashing, || {
                        tag_link(&site.config, n, &site.tags[t].slug)
                    }))
                }
                _ => {
                    let slug = crate::base::slug::slugify(n, site.config.language);
                    (!slug.is_empty())
                        .then(|| view::Shared::Shown(tag_link(&site.config, n, &slug)))
                }
            })
            .collect()
    }

    /// Where a catalogue entry links to item `c`: its entry on the same page when `c` is in a
    /// catalogue, else its own page. Made from no text (whether `c` is in a catalogue, its
    /// kind and id), so it is not a part that is noted.
    pub(super) fn catalogue_href(&self, c: usize, root: &str) -> String {
        let target = &self.site.items[c];
        match target.catalogue {
            Some(_) => format!("#{}-{}", target.entry.kind.folder(), target.entry.id),
            None => format!("{root}{}", target.entry.url()),
        }
    }

    /// A job for the page at `path`, with what every page's layout needs.
    pub(super) fn job(
        &self,
        path: String,
        template: &'static str,
        title: &str,
        section: &str,
    ) -> Job {
        let mut context = View::new(self.hashing);
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
}

impl<'a> Renderer<'a> {
    /// The shared parts, for a page's builder.
    pub(super) fn parts(&self) -> Given<'a> {
        Given {
            site: self.site,
            words: self.words,
            parts: self.shared,
            hashing: self.hashing,
            base_url: self.base_url,
            taken: None,
        }
    }

    /// The shared parts for a view made to be hashed, each part taken noted (see
    /// [`Renderer::kept_or_hashed`]).
    pub(super) fn noting(&self) -> Given<'a> {
        Given {
            hashing: true,
            taken: Some(Default::default()),
            ..self.parts()
        }
    }

    /// Item `x`'s card, for a view.
    pub(super) fn card(&self, x: usize) -> view::Shared<Card<'a>> {
        self.parts().card(x)
    }

    /// A link to `r`, for a view.
    pub(super) fn link(&self, r: Ref) -> view::Shared<Link<'a>> {
        self.parts().link(r)
    }

    /// Partner `p`'s link with its sector, for a view.
    pub(super) fn partner(&self, p: usize) -> view::Shared<PartnerLink<'a>> {
        self.parts().partner(p)
    }

    /// Links to items, for a view.
    pub(super) fn item_links(&self, items: &[usize]) -> Vec<view::Shared<Link<'a>>> {
        items.iter().map(|&x| self.link(Ref::Item(x))).collect()
    }
}
