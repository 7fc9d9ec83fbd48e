//! What a live preview remembers between renders, so that it renders a page (or a catalogue
//! entry, or a drawing) again only when what it is given changed: each page's view hash, the
//! catalogue's entries, the drawings, the hashes of the parts many pages show, and what each
//! item's page and catalogue entry took of them.

use super::*;

/// See [`Target::preview`].
#[derive(Clone, Copy)]
pub struct Preview<'t> {
    pub before: &'t Seen,
    pub now: &'t Seeing,
    /// The site differs from the one `before` was rendered from only in the text of some
    /// entries (body, summary, source), not in any front matter, relation or wikilink target.
    /// The data exports are then as before: they are made from names and relations, never
    /// from a text (`tests/live.rs` holds them to that), and are the largest files to make.
    pub texts_only: bool,
    /// When `texts_only`: the entries whose text changed, every one of them.
    pub changed: &'t [Ref],
}

/// What a live preview remembers of the pages it rendered, so that it renders a page again
/// only when what the page is given changed.
#[derive(Default)]
pub struct Seen {
    /// Each page's path with the hash of its view when it was last rendered.
    pub views: FxHashMap<String, u64>,
    /// The parts of pages (the network's drawings) as last made, by the hash of their inputs.
    pub fragments: FxHashMap<u64, std::sync::Arc<str>>,
    /// The catalogue's entries as last rendered, by their key: the catalogue of a large site
    /// holds thousands, and an edit changes one.
    pub entries: FxHashMap<u64, std::sync::Arc<str>>,
    /// The hashes of the parts many views show.
    pub(super) parts: Option<parts::KeptParts>,
    /// For each item, its page ([`ITEM_PAGE`]) and its catalogue entry
    /// ([`CATALOGUE_ENTRY`]) as last hashed, with the shared parts each took.
    pub(super) taken: [Vec<Option<Taken>>; 2],
}

/// A view's hash with the shared parts it took.
pub(super) type Taken = (u64, std::sync::Arc<[parts::Slot]>);
/// See [`Seen::taken`].
pub(super) const ITEM_PAGE: usize = 0;
/// See [`Seen::taken`].
pub(super) const CATALOGUE_ENTRY: usize = 1;

/// What one render of a live preview saw: every page's view hash (rendered or not) and the
/// catalogue entries it used.
#[derive(Default)]
pub struct Seeing {
    pub(super) views: Mutex<FxHashMap<String, u64>>,
    pub(super) fragments: Mutex<FxHashMap<u64, std::sync::Arc<str>>>,
    /// The catalogue's entries, when the catalogue was rendered; else those `before` had
    /// stay (the catalogue's view, and so each entry's key, is then as before).
    pub(super) entries: Mutex<Option<FxHashMap<u64, std::sync::Arc<str>>>>,
    pub(super) parts: Mutex<Option<parts::KeptParts>>,
    pub(super) taken: [std::sync::OnceLock<Box<[std::sync::OnceLock<Taken>]>>; 2],
}

impl Seeing {
    /// Room for as many pages and catalogue entries as `before` saw: the maps are filled by
    /// every render of a preview, and a large site's would otherwise be grown step by step.
    pub fn sized_as(before: &Seen) -> Seeing {
        Seeing {
            views: Mutex::new(FxHashMap::with_capacity_and_hasher(
                before.views.len(),
                Default::default(),
            )),
            fragments: Mutex::new(FxHashMap::with_capacity_and_hasher(
                before.fragments.len(),
                Default::default(),
            )),
            entries: Mutex::new(None),
            parts: Mutex::new(None),
            taken: Default::default(),
        }
    }

    /// A place for each of `n` items in table `table` of [`Seen::taken`].
    pub(super) fn taken(&self, table: usize, n: usize) -> &[std::sync::OnceLock<Taken>] {
        self.taken[table].get_or_init(|| (0..n).map(|_| std::sync::OnceLock::new()).collect())
    }

    /// What the next render compares with; `before` is what this render compared with.
    pub fn into_seen(self, before: Seen) -> Seen {
        let entries = self.entries.into_inner().unwrap_or_else(|e| e.into_inner());
        Seen {
            views: self.views.into_inner().unwrap_or_else(|e| e.into_inner()),
            fragments: self
                .fragments
                .into_inner()
                .unwrap_or_else(|e| e.into_inner()),
            entries: entries.unwrap_or(before.entries),
            parts: self.parts.into_inner().unwrap_or_else(|e| e.into_inner()),
            taken: self.taken.map(|table| {
                table
                    .into_inner()
                    .map(|views| views.into_iter().map(|v| v.into_inner()).collect())
                    .unwrap_or_default()
            }),
        }
    }
}

impl<'a> Renderer<'a> {
    /// A costly part of a page (the network's drawing), made by `make` from
    /// what hashes as `inputs`. While views are hashed the part stands for that hash, so it is
    /// not made at all; a live preview reuses the part made last time from the same inputs.
    pub(super) fn part<E>(
        &self,
        inputs: u64,
        make: impl FnOnce() -> Result<std::sync::Arc<str>, E>,
    ) -> Result<std::sync::Arc<str>, E> {
        let Some(preview) = self.preview else {
            return make();
        };
        let key = {
            use std::hash::Hasher;
            let mut h = rustc_hash::FxHasher::default();
            h.write_u64(self.global);
            h.write_u64(inputs);
            h.finish()
        };
        let known = preview.before.fragments.get(&key).cloned();
        if self.hashing {
            if let (Some(part), Ok(mut now)) = (known, preview.now.fragments.lock()) {
                now.insert(key, part);
            }
            return Ok(format!("{key:016x}").into());
        }
        let part = match known {
            Some(part) => part,
            None => make()?,
        };
        if let Ok(mut now) = preview.now.fragments.lock() {
            now.insert(key, part.clone());
        }
        Ok(part)
    }

    /// The hash of item `x`'s view in `table` ([`Seen::taken`]), made by `hash` (with the
    /// shared parts it took) unless, after an edit of texts only, neither the item nor a
    /// shared part the view took was made from a text that changed: the view is made from
    /// those alone (`entry_pages::item_job`, `site_pages::catalogue_entry_job`), and nothing
    /// else of the site changed, so its last hash is kept.
    pub(super) fn kept_or_hashed(
        &self,
        table: usize,
        x: usize,
        hash: impl FnOnce() -> (u64, Vec<parts::Slot>),
    ) -> u64 {
        let Some(preview) = self.preview else {
            return hash().0;
        };
        let kept = match preview.before.taken[table].get(x) {
            Some(Some((hash, taken)))
                if self.shared.carried
                    && !self.shared.changed(parts::Slot::Card(x))
                    && !taken.iter().any(|&slot| self.shared.changed(slot)) =>
            {
                Some((*hash, taken.clone()))
            }
            _ => None,
        };
        let (hash, taken) = kept.unwrap_or_else(|| {
            let (hash, taken) = hash();
            (hash, taken.into())
        });
        let _ = preview.now.taken(table, self.site.items.len())[x].set((hash, taken));
        hash
    }
}
