//! The site-wide pages: the kind indexes, the catalogue, tags, search, the accessibility
//! statement, 404, the feed and the sitemap. The front page is in `front_page.rs`; the
//! contributions page and the partnerships index's cards and timeline in `overview_pages.rs`.

use super::parts::Given;
use super::views::*;
use super::*;

/// An item of a catalogue, with its index in the site.
type CatalogueItem<'s> = (usize, &'s crate::model::Item);

/// What makes one section's entries of the catalogue page: given their kind, the items and
/// the level of their headings.
/// The catalogue page without its entries: see [`Renderer::catalogue_frame`].
struct CatalogueFrame<'s> {
    path: String,
    /// The page's text before the first section's entries, between each two, after the last.
    pieces: Vec<String>,
    sections: Vec<(Kind, Vec<CatalogueItem<'s>>, u8)>,
}

type SectionEntries<'e, 's> =
    dyn FnMut(Kind, &[CatalogueItem<'s>], u8) -> Result<String, Diagnostic> + 'e;

/// The view of one catalogue entry: item `it` of kind `k`, with headings at `level`. Made
/// from the item and the shared parts it takes, never from the site, like an item's page
/// (`entry_pages::item_job`), so a live preview keeps its hash while neither changed.
fn catalogue_entry_job<'a>(
    given: &Given<'a>,
    k: Kind,
    it: &'a crate::model::Item,
    level: u8,
) -> Job {
    let root = "../";
    let to = |c: usize| CatalogueLink {
        card: given.card(c),
        href: given.catalogue_href(c, root),
    };
    let anchors = format!("{}-{}-", k.folder(), it.entry.id);
    let entry = CatalogueEntry {
        url: it.entry.url(),
        id: &it.entry.id,
        number: it.number,
        title: &it.entry.title,
        lang: it.entry.lang,
        // In the catalogue a body sits under the entry's title.
        body: ShownBody {
            body: &it.entry.body,
            root,
            targets: &it.entry.links,
            anchors: &anchors,
            deeper: level - 1,
        },
        addresses: it.addresses.iter().map(|&c| to(c)).collect(),
        addressed_by: it.addressed_by.iter().map(|&c| to(c)).collect(),
    };
    let mut context = View::new(given.hashing);
    context.insert("root", root);
    context.insert("kind", k.folder());
    context.insert("level", &level);
    context.insert("it", &entry);
    Job {
        path: format!("catalogue/index.html#{anchors}"),
        template: "catalogue_entry.html",
        context,
    }
}

impl<'a> Renderer<'a> {
    pub(super) fn kind_index(&self, kind: Kind) -> Job {
        let (site, words) = (self.site, self.words);
        let path = Page::KindIndex(kind).path(site);
        let mut job = self.job(path, "list.html", words.get(kind.folder()), kind.folder());
        let cards: Vec<view::Shared<Card>> = match kind {
            Kind::Partner => site
                .partners
                .iter()
                .map(|p| view::Shared::Shown(entry_card(&p.entry, words, None)))
                .collect(),
            Kind::Partnership => site
                .partnerships
                .iter()
                .map(|p| view::Shared::Shown(entry_card(&p.entry, words, None)))
                .collect(),
            Kind::Page => site
                .pages
                .iter()
                .map(|p| view::Shared::Shown(entry_card(&p.entry, words, None)))
                .collect(),
            _ => site.items_of(kind).map(|(i, _)| self.card(i)).collect(),
        };
        job.context.insert("kind", kind.folder());
        job.context.insert("heading", words.get(kind.folder()));
        job.context
            .insert("intro", words.get(&format!("{}_intro", kind.folder())));
        job.context.insert("cards", &cards);
        if kind == Kind::Partnership {
            self.partnerships_overview(&mut job);
        }
        job
    }

    /// The catalogue page: each catalogue in site.yaml's order, under its own heading with
    /// its source. Its entries (thousands, on a large site) are rendered in parallel with
    /// `catalogue_entry.html`, and the page puts them together.
    pub(super) fn catalogue_page(&self) -> Result<Job, Diagnostic> {
        self.catalogue_job(&mut |k, items, level| self.catalogue_entries(k, items, level))
    }

    /// The catalogue page rendered with a marker in place of each section's entries: the
    /// page's text between the markers, and the sections whose entries go between those
    /// pieces. `None` when a theme's template does not show each section's entries exactly
    /// once as they are: the page is then made whole.
    fn catalogue_frame<'s>(&'s self) -> Result<Option<CatalogueFrame<'s>>, Diagnostic> {
        // NUL never comes from a body (CommonMark makes it U+FFFD), and the page is checked
        // to hold each marker once, in order.
        let marker = |n: usize| format!("\0brobygger-catalogue-section-{n}\0");
        let mut sections: Vec<(Kind, Vec<CatalogueItem>, u8)> = Vec::new();
        let job = self.catalogue_job(&mut |k, items, level| {
            sections.push((k, items.to_vec(), level));
            Ok(marker(sections.len() - 1))
        })?;
        let page = self
            .tera
            .render(job.template, job.context.context())
            .map_err(|e| first(template_error(&e, &job.path)))?;
        let mut pieces = Vec::with_capacity(sections.len() + 1);
        let mut rest = page.as_str();
        for n in 0..sections.len() {
            match rest.split_once(&marker(n)) {
                Some((before, after)) => {
                    pieces.push(before.to_string());
                    rest = after;
                }
                None => return Ok(None),
            }
        }
        pieces.push(rest.to_string());
        if pieces
            .iter()
            .any(|p| p.contains("\0brobygger-catalogue-section-"))
        {
            return Ok(None);
        }
        Ok(Some(CatalogueFrame {
            path: job.path,
            pieces,
            sections,
        }))
    }

    /// Writes the catalogue page through `stream`, its entries rendered a batch at a time, so
    /// the whole page is never held. Returns false, having written nothing, when the page
    /// must be made whole (see [`Self::catalogue_frame`]).
    pub(super) fn stream_catalogue(&self, stream: Stream) -> Result<bool, Diagnostic> {
        /// Entries rendered at once: enough to keep both cores busy, few enough to stay small.
        const BATCH: usize = 128;
        let Some(frame) = self.catalogue_frame()? else {
            return Ok(false);
        };
        let language = self.site.config.language;
        // The writer keeps the error itself (see `Staging::write_streamed`).
        let written = |_: std::io::Error| {
            crate::base::messages::ErrorText::Internal.diagnostic("(output)", language)
        };
        stream(&frame.path, &mut |w| {
            for (n, piece) in frame.pieces.iter().enumerate() {
                w.write_all(piece.as_bytes()).map_err(written)?;
                let Some((k, items, level)) = frame.sections.get(n) else {
                    continue;
                };
                for batch in items.chunks(BATCH) {
                    for entry in self.catalogue_entry_parts(*k, batch, *level)? {
                        w.write_all(entry.as_bytes()).map_err(written)?;
                    }
                }
            }
            Ok(())
        })?;
        Ok(true)
    }

    /// The catalogue page's bytes, put together once from its frame and its entries (which
    /// a live preview mostly takes from the last rebuild): Tera never holds the entries, so a
    /// page of many megabytes is not copied into its context and out again. `None` when the
    /// page must be made whole.
    pub(super) fn catalogue_spliced(&self) -> Result<Option<(String, Vec<u8>)>, Diagnostic> {
        let Some(frame) = self.catalogue_frame()? else {
            return Ok(None);
        };
        let entries = frame
            .sections
            .iter()
            .map(|(k, items, level)| self.catalogue_entry_parts(*k, items, *level))
            .collect::<Result<Vec<_>, _>>()?;
        let size = frame.pieces.iter().map(String::len).sum::<usize>()
            + entries.iter().flatten().map(|e| e.len()).sum::<usize>();
        let mut bytes = Vec::with_capacity(size);
        for (n, piece) in frame.pieces.iter().enumerate() {
            bytes.extend_from_slice(piece.as_bytes());
            for entry in entries.get(n).into_iter().flatten() {
                bytes.extend_from_slice(entry.as_bytes());
            }
        }
        Ok(Some((frame.path, bytes)))
    }

    /// The catalogue page's job, with each section's entries made by `entries`.
    fn catalogue_job<'s>(
        &'s self,
        entries: &mut SectionEntries<'_, 's>,
    ) -> Result<Job, Diagnostic> {
        let (site, words) = (self.site, self.words);
        let mut catalogue = self.job(
            Page::Catalogue.path(self.site),
            "catalogue.html",
            words.get("catalogue"),
            "catalogue",
        );
        let mut views = Vec::new();
        for (ci, c) in site.catalogues.iter().enumerate() {
            // A declared catalogue has a heading of its own (h2): its sections go one deeper.
            let level: u8 = if c.declared.is_some() { 3 } else { 2 };
            let mut sections = Vec::new();
            for &k in &Kind::CATALOGUE {
                let items: Vec<CatalogueItem> = site
                    .catalogue_items(ci)
                    .filter(|(_, it)| it.entry.kind == k)
                    .collect();
                if items.is_empty() && c.declared.is_some() {
                    continue;
                }
                let html = entries(k, &items, level + 1)?;
                sections.push(CatalogueSection {
                    id: if c.id.is_empty() {
                        k.folder().to_string()
                    } else {
                        format!("{}-{}", c.id, k.folder())
                    },
                    kind: k.folder(),
                    label: words.get(k.folder()),
                    count: items.len(),
                    html,
                });
            }
            let declared = c.declared.as_ref();
            views.push(CatalogueView {
                id: &c.id,
                title: declared.map(|d| d.title.as_str()),
                source: declared.map(|d| d.source.as_str()),
                url: declared
                    .and_then(|d| d.url.as_deref())
                    .filter(|u| !crate::markdown::is_dangerous_url(u)),
                count: sections.iter().map(|s| s.count).sum(),
                level,
                sections,
            });
        }
        catalogue.context.insert("catalogues", &views);
        Ok(catalogue)
    }

    /// The entries of one kind of one catalogue, rendered, each with headings at `level`;
    /// for a view made to be hashed, what stands for them: each entry's key (see
    /// [`Self::catalogue_entry_parts`]).
    fn catalogue_entries(
        &self,
        k: Kind,
        items: &[CatalogueItem],
        level: u8,
    ) -> Result<String, Diagnostic> {
        if self.hashing {
            use std::fmt::Write;
            let keys: Vec<u64> = items
                .par_iter()
                .map(|&(x, it)| self.catalogue_entry_key(k, x, it, level))
                .collect();
            let mut html = String::with_capacity(keys.len() * 17);
            for key in keys {
                let _ = write!(html, "{key:016x} ");
            }
            return Ok(html);
        }
        Ok(self.catalogue_entry_parts(k, items, level)?.concat())
    }

    /// What a live preview knows a catalogue entry by: the hash of its view (taken once per
    /// render) with what every page is given.
    fn catalogue_entry_key(&self, k: Kind, x: usize, it: &crate::model::Item, level: u8) -> u64 {
        use std::hash::Hasher;
        debug_assert!(std::ptr::eq(it, &self.site.items[x]));
        let inputs = self.shared.catalogue_entries.hash(x, || {
            self.kept_or_hashed(CATALOGUE_ENTRY, x, || {
                let given = self.noting();
                let job = catalogue_entry_job(&given, k, it, level);
                (Made::Template(job).hash(0), given.into_taken())
            })
        });
        let mut h = rustc_hash::FxHasher::default();
        h.write_u64(self.global);
        h.write_u64(inputs);
        h.finish()
    }

    /// The entries of one kind of one catalogue, each rendered on its own, in order. A live
    /// preview renders only the entries whose key it has not rendered before, and keeps
    /// them all for the next rebuild.
    fn catalogue_entry_parts(
        &self,
        k: Kind,
        items: &[CatalogueItem],
        level: u8,
    ) -> Result<Vec<std::sync::Arc<str>>, Diagnostic> {
        debug_assert!(!self.hashing, "entries are rendered, not hashed, here");
        let render = |x: usize| -> Result<std::sync::Arc<str>, Diagnostic> {
            let job = catalogue_entry_job(&self.parts(), k, &self.site.items[x], level);
            Ok(self
                .tera
                .render(job.template, job.context.context())
                .map_err(|e| first(template_error(&e, "catalogue/index.html")))?
                .into())
        };
        let Some(preview) = self.preview else {
            return items.par_iter().map(|&(x, _)| render(x)).collect();
        };
        let keyed = items
            .par_iter()
            .map(|&(x, it)| {
                let key = self.catalogue_entry_key(k, x, it, level);
                let entry = match preview.before.entries.get(&key) {
                    Some(kept) => kept.clone(),
                    None => render(x)?,
                };
                Ok((key, entry))
            })
            .collect::<Result<Vec<_>, Diagnostic>>()?;
        let entries = keyed.iter().map(|(_, e)| e.clone()).collect();
        if let Ok(mut now) = preview.now.entries.lock() {
            now.get_or_insert_with(Default::default).extend(keyed);
        }
        Ok(entries)
    }

    pub(super) fn tags_index(&self) -> Job {
        let site = self.site;
        let mut tags = self.job(
            Page::Tags.path(site),
            "tags.html",
            self.words.get("tags"),
            "tags",
        );
        let mut counts: Vec<TagCount> = site
            .tags
            .iter()
            .map(|t| TagCount {
                name: site.config.tag_label(&t.name, &t.slug),
                url: format!("tags/{}/index.html", t.slug),
                count: t.members.len(),
            })
            .collect();
        // In the order of what readers see: labels, not the tags as written.
        let lang = site.config.language;
        counts.sort_by_cached_key(|t| crate::base::slug::collation_key(&t.name, lang));
        tags.context.insert("tags", &counts);
        tags
    }

    pub(super) fn tag_page(&self, i: usize) -> Job {
        let site = self.site;
        let t = &site.tags[i];
        let label = site.config.tag_label(&t.name, &t.slug);
        let mut job = self.job(Page::Tag(i).path(site), "tag.html", &label, "tags");
        job.context.insert("tag", &label);
        job.context.insert(
            "members",
            &t.members.iter().map(|&r| self.link(r)).collect::<Vec<_>>(),
        );
        job
    }

    /// The search page; its script reads the kind labels and the status sentences from it.
    pub(super) fn search_page(&self) -> Job {
        let words = self.words;
        let mut job = self.job(
            Page::Search.path(self.site),
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

    pub(super) fn statement_redirect(&self) -> Job {
        let mut job = self.job(
            Page::StatementRedirect.path(self.site),
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

    pub(super) fn statement_page(&self) -> Job {
        let words = self.words;
        let mut job = self.job(
            Page::Accessibility.path(self.site),
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

    pub(super) fn not_found(&self) -> Job {
        let mut not_found = self.job(
            Page::NotFound.path(self.site),
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
    pub(super) fn sitemap(&self) -> Job {
        let site = self.site;
        let base = self.base_url.unwrap_or("");
        let mut sitemap = self.job(Page::Sitemap.path(site), "sitemap.xml", "", "");
        let urls: Vec<SitemapUrl> = crate::plan::pages(site, self.base_url)
            .into_iter()
            .filter(|p| p.in_sitemap())
            .map(|page| SitemapUrl { base, page, site })
            .collect();
        sitemap.context.insert("urls", &urls);
        sitemap
    }

    pub(super) fn feed(&self) -> Job {
        const FEED_ENTRIES: usize = 50;
        let (site, words) = (self.site, self.words);
        let mut dated: Vec<Ref> = site
            .all_refs()
            .filter(|&r| site.entry(r).date.is_some())
            .collect();
        // Newest first, then by kind and id; compared in place, without a key per comparison.
        let newest_first = |&a: &Ref, &b: &Ref| {
            let (a, b) = (site.entry(a), site.entry(b));
            (b.updated.max(b.date))
                .cmp(&a.updated.max(a.date))
                .then(a.kind.cmp(&b.kind))
                .then_with(|| a.id.cmp(&b.id))
        };
        // Only the newest are shown: they are picked out before they are sorted, so a large
        // site's thousands of entries are not all sorted at every save of a live preview.
        if dated.len() > FEED_ENTRIES {
            dated.select_nth_unstable_by(FEED_ENTRIES - 1, newest_first);
            dated.truncate(FEED_ENTRIES);
        }
        dated.sort_by(newest_first);
        let base = self.base_url.unwrap_or("");
        let entries: Vec<FeedEntry> = dated
            .iter()
            .map(|&r| {
                let e = site.entry(r);
                let when = e
                    .updated
                    .max(e.date)
                    .map(|d| format!("{}T00:00:00Z", d.first_day()))
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
        let mut job = self.job(Page::Feed.path(site), "atom.xml", &site.config.title, "");
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
