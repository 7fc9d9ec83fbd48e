//! What each unit of the site shows, hashed: a live preview renders a unit again only when its
//! digest changed. A digest covers the unit's own source file and the *face* of every other
//! entry it shows (what a link or a card shows of it: title, summary, number, dates, sector),
//! so an edit of one item reaches exactly the pages that show that item.
//!
//! A digest that leaves out something its page shows would leave a stale page behind; the test
//! `live_equals_full` compares a preview after random edits with a full build to catch that.

use crate::load::Kind;
use crate::model::{Entry, Ref, Site};
use crate::network::Network;
use crate::render::Unit;
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;
use std::hash::{Hash, Hasher};

/// A unit's name that stays the same when other entries are added or removed (a [`Ref`] is a
/// position, which shifts).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum UnitKey {
    Entry(Kind, String),
    Site(Unit),
}

impl UnitKey {
    pub fn of(site: &Site, unit: Unit) -> UnitKey {
        match unit {
            Unit::Entry(r) => {
                let e = site.entry(r);
                UnitKey::Entry(e.kind, e.id.clone())
            }
            other => UnitKey::Site(other),
        }
    }
}

/// Every unit of `site` with its digest, and each item's catalogue entry's digest (for
/// [`crate::render::Fragments`]; 0 for items that are not in the catalogue).
pub fn digests(site: &Site, network: &Network) -> (HashMap<UnitKey, (Unit, u64)>, Vec<u64>) {
    let faces = Faces::of(site);
    let entries: Vec<u64> = (0..site.items.len())
        .map(|i| catalogue_entry(site, &faces, i))
        .collect();
    let global = {
        let mut h = hasher();
        for i in 0..site.pages.len() {
            faces.get(Ref::Page(i)).hash(&mut h);
        }
        site.tags.is_empty().hash(&mut h);
        h.finish()
    };
    let mut out = HashMap::default();
    out.reserve(site.all_refs().count() + 16);
    let refs: Vec<Ref> = site.all_refs().collect();
    let entries_digests: Vec<(UnitKey, (Unit, u64))> = refs
        .par_iter()
        .map(|&r| {
            let d = entry_digest(site, network, &faces, global, r);
            (UnitKey::of(site, Unit::Entry(r)), (Unit::Entry(r), d))
        })
        .collect();
    out.extend(entries_digests);
    let mut add = |unit: Unit, f: &dyn Fn(&mut rustc_hash::FxHasher)| {
        let mut h = hasher();
        global.hash(&mut h);
        f(&mut h);
        out.insert(UnitKey::Site(unit), (unit, h.finish()));
    };
    let all_faces = |h: &mut rustc_hash::FxHasher| {
        for r in site.all_refs() {
            faces.get(r).hash(h);
        }
    };
    add(Unit::Front, &|h| {
        site.front.text.hash(h);
        site.front.title.hash(h);
        hash_links(h, &site.front_links);
        for r in site.all_refs() {
            // The figures count entries and sectors; the list names the partnerships.
            match r {
                Ref::Partner(i) => site.partners[i].sector.hash(h),
                Ref::Partnership(i) => {
                    faces.get(r).hash(h);
                    site.partnerships[i].facilitator.hash(h);
                }
                Ref::Item(i) => (site.items[i].entry.kind, site.items[i].catalogue).hash(h),
                Ref::Page(_) => {}
            }
        }
    });
    for kind in Kind::ALL {
        add(Unit::KindIndex(kind), &|h| {
            for r in site.all_refs().filter(|&r| site.entry(r).kind == kind) {
                faces.get(r).hash(h);
            }
            if kind == Kind::Partnership {
                // The partnerships index shows each one's facts, members, sectors and
                // milestones on its card and timeline.
                for p in &site.partnerships {
                    (p.form.map(|f| f as u8), p.status.map(|s| s as u8)).hash(h);
                    (p.start, p.end, p.members.len()).hash(h);
                    (&p.sectors_covered, &p.sectors_missing).hash(h);
                    for m in &p.milestones {
                        (m.date, &m.title, m.done).hash(h);
                    }
                }
            }
        });
    }
    add(Unit::Catalogue, &|h| entries.hash(h));
    add(Unit::Contributions, &|h| {
        for i in 0..site.partnerships.len() {
            faces.get(Ref::Partnership(i)).hash(h);
        }
        for (i, p) in site.partners.iter().enumerate() {
            faces.get(Ref::Partner(i)).hash(h);
            for c in &p.contributions {
                site.items[c.item].entry.kind.hash(h);
            }
            for m in &p.memberships {
                (m.partnership, &m.role).hash(h);
            }
        }
    });
    add(Unit::Network, &|h| network_hash(site, network, &faces, h));
    add(Unit::Tags, &|h| {
        for t in &site.tags {
            (&t.name, &t.slug).hash(h);
            for &r in &t.members {
                faces.get(r).hash(h);
            }
        }
    });
    add(Unit::Fixed, &|_| {});
    add(Unit::Feed, &all_faces);
    add(Unit::Sitemap, &|h| {
        all_faces(h);
        for t in &site.tags {
            t.slug.hash(h);
        }
    });
    let f_partner = |i: usize| faces.get(Ref::Partner(i));
    add(Unit::Data, &|h| {
        network_hash(site, network, &faces, h);
        for p in &site.partners {
            p.entry.source.hash(h);
            for c in &p.contributions {
                (faces.get(Ref::Item(c.item)), c.named, c.quoted).hash(h);
            }
            for &x in &p.mentions {
                faces.get(Ref::Item(x)).hash(h);
            }
        }
        for p in &site.partnerships {
            p.entry.source.hash(h);
            for m in &p.members {
                (f_partner(m.partner), m.credited.len()).hash(h);
            }
        }
    });
    add(Unit::SearchIndex, &|h| {
        for r in site.all_refs() {
            let e = site.entry(r);
            (faces.get(r), e.source).hash(h);
            hash_links(h, &e.links);
            for &m in &e.mentioned_by {
                faces.get(m).hash(h);
            }
        }
        for (i, it) in site.items.iter().enumerate() {
            // An item is found by the names of its partners and partnerships.
            for &p in &it.partners {
                faces.get(Ref::Partner(p)).hash(h);
            }
            for &p in &it.partnerships {
                faces.get(Ref::Partnership(p)).hash(h);
            }
            i.hash(h);
        }
    });
    (out, entries)
}

/// What an item's entry in the catalogue shows: its text, and the cards of the challenges it
/// answers or that answer it.
fn catalogue_entry(site: &Site, faces: &Faces, i: usize) -> u64 {
    let it = &site.items[i];
    if it.catalogue.is_none() {
        return 0;
    }
    let mut h = hasher();
    (faces.get(Ref::Item(i)), it.entry.source).hash(&mut h);
    hash_links(&mut h, &it.entry.links);
    for &c in &it.addresses {
        faces.get(Ref::Item(c)).hash(&mut h);
    }
    it.addresses.len().hash(&mut h);
    for &c in &it.addressed_by {
        faces.get(Ref::Item(c)).hash(&mut h);
    }
    h.finish()
}

fn hasher() -> rustc_hash::FxHasher {
    rustc_hash::FxHasher::default()
}

/// What other pages show of each entry.
struct Faces {
    partners: Vec<u64>,
    partnerships: Vec<u64>,
    items: Vec<u64>,
    pages: Vec<u64>,
}

impl Faces {
    fn of(site: &Site) -> Faces {
        let face = |e: &Entry, extra: &dyn Fn(&mut rustc_hash::FxHasher)| {
            let mut h = hasher();
            (
                e.kind, &e.id, &e.title, &e.summary, e.date, e.updated, e.lang,
            )
                .hash(&mut h);
            extra(&mut h);
            h.finish()
        };
        Faces {
            partners: site
                .partners
                .iter()
                .map(|p| face(&p.entry, &|h| p.sector.hash(h)))
                .collect(),
            partnerships: site
                .partnerships
                .iter()
                .map(|p| face(&p.entry, &|_| {}))
                .collect(),
            items: site
                .items
                .iter()
                .map(|it| face(&it.entry, &|h| (it.number, it.catalogue).hash(h)))
                .collect(),
            pages: site
                .pages
                .iter()
                .map(|p| face(&p.entry, &|h| p.weight.hash(h)))
                .collect(),
        }
    }

    fn get(&self, r: Ref) -> u64 {
        match r {
            Ref::Partner(i) => self.partners[i],
            Ref::Partnership(i) => self.partnerships[i],
            Ref::Item(i) => self.items[i],
            Ref::Page(i) => self.pages[i],
        }
    }
}

fn hash_links(h: &mut impl Hasher, links: &[crate::markdown::LinkTarget]) {
    for l in links {
        (&l.url, &l.title, l.lang).hash(h);
    }
}

/// The network as its pages and exports show it: who is connected to whom (the metrics follow
/// from that), through what, and who facilitates.
fn network_hash(site: &Site, network: &Network, faces: &Faces, h: &mut rustc_hash::FxHasher) {
    network.graph.hash(h);
    network.facilitators.hash(h);
    for i in 0..site.partners.len() {
        faces.get(Ref::Partner(i)).hash(h);
    }
    for i in 0..site.partnerships.len() {
        faces.get(Ref::Partnership(i)).hash(h);
    }
    for (pair, shared) in &network.shared {
        (pair, &shared.partnerships, &shared.items).hash(h);
    }
}

fn entry_digest(site: &Site, network: &Network, faces: &Faces, global: u64, r: Ref) -> u64 {
    let mut h = hasher();
    global.hash(&mut h);
    let e = site.entry(r);
    (e.source, &e.title, &e.id).hash(&mut h);
    hash_links(&mut h, &e.links);
    for t in &e.tags {
        t.hash(&mut h);
    }
    for &m in &e.mentioned_by {
        faces.get(m).hash(&mut h);
    }
    let f = |r: Ref| faces.get(r);
    match r {
        Ref::Partner(i) => {
            let p = &site.partners[i];
            for m in &p.memberships {
                let facilitator = site.partnerships[m.partnership].facilitator == Some(i);
                (f(Ref::Partnership(m.partnership)), &m.role, facilitator).hash(&mut h);
                (&m.brings, &m.commitment).hash(&mut h);
                for &x in &m.credited {
                    f(Ref::Item(x)).hash(&mut h);
                }
            }
            for c in &p.contributions {
                (f(Ref::Item(c.item)), c.named, c.quoted).hash(&mut h);
            }
            for &x in &p.mentions {
                f(Ref::Item(x)).hash(&mut h);
            }
            for (q, shared) in network.neighbours(i) {
                f(Ref::Partner(q)).hash(&mut h);
                for &x in &shared.partnerships {
                    f(Ref::Partnership(x)).hash(&mut h);
                }
                for &x in &shared.items {
                    f(Ref::Item(x)).hash(&mut h);
                }
            }
        }
        Ref::Partnership(i) => {
            let p = &site.partnerships[i];
            for m in &p.members {
                (f(Ref::Partner(m.partner)), &m.role).hash(&mut h);
                (&m.brings, &m.commitment).hash(&mut h);
                for &x in &m.credited {
                    f(Ref::Item(x)).hash(&mut h);
                }
            }
            p.facilitator.map(|x| f(Ref::Partner(x))).hash(&mut h);
            (&p.sectors_covered, &p.sectors_missing).hash(&mut h);
            for &x in &p.items {
                f(Ref::Item(x)).hash(&mut h);
            }
        }
        Ref::Item(i) => {
            let it = &site.items[i];
            for &p in &it.partners {
                f(Ref::Partner(p)).hash(&mut h);
            }
            for &p in &it.partnerships {
                f(Ref::Partnership(p)).hash(&mut h);
            }
            for &x in it.addresses.iter().chain(&it.addressed_by) {
                f(Ref::Item(x)).hash(&mut h);
            }
            it.quote
                .as_ref()
                .and_then(|q| q.by)
                .map(|p| f(Ref::Partner(p)))
                .hash(&mut h);
        }
        Ref::Page(_) => {}
    }
    h.finish()
}
