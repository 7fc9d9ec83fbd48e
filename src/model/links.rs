//! The reverse links, computed once: what mentions what, each partner's contributions and
//! mentions (two relations, never mixed), and the tags with their members.

use super::*;

pub(super) fn ref_index(r: Ref) -> usize {
    match r {
        Ref::Partner(i) | Ref::Partnership(i) | Ref::Item(i) | Ref::Page(i) => i,
    }
}

/// Computes every reverse relation from the forward ones.
pub(super) fn link_back(site: &mut Site, mentions: Vec<(Ref, Vec<Ref>)>) {
    for (pi, p) in site.partnerships.iter().enumerate() {
        for m in &p.members {
            site.partners[m.partner].memberships.push(Membership {
                partnership: pi,
                role: m.role.clone(),
                brings: m.brings.clone(),
                commitment: m.commitment.clone(),
                credited: Vec::new(),
            });
        }
    }
    let sectors: Vec<String> = site.config.sectors.keys().cloned().collect();
    for p in &mut site.partnerships {
        let covered: Vec<&str> = p
            .members
            .iter()
            .map(|m| site.partners[m.partner].sector.as_str())
            .collect();
        p.sectors_covered = sectors
            .iter()
            .filter(|s| covered.contains(&s.as_str()))
            .cloned()
            .collect();
        p.sectors_missing = sectors
            .iter()
            .filter(|s| !covered.contains(&s.as_str()))
            .cloned()
            .collect();
    }
    for (source, targets) in mentions {
        for t in targets {
            let list = match t {
                Ref::Partner(i) => &mut site.partners[i].entry.mentioned_by,
                Ref::Partnership(i) => &mut site.partnerships[i].entry.mentioned_by,
                Ref::Item(i) => &mut site.items[i].entry.mentioned_by,
                Ref::Page(i) => &mut site.pages[i].entry.mentioned_by,
            };
            // Sources come in order, so a repeat (two links from one page) is the last one.
            if list.last() != Some(&source) {
                list.push(source);
            }
        }
    }
    for ii in 0..site.items.len() {
        let (named, quoted, partnerships, addresses) = {
            let it = &site.items[ii];
            (
                it.partners.clone(),
                it.quote.as_ref().and_then(|q| q.by),
                it.partnerships.clone(),
                it.addresses.clone(),
            )
        };
        for &p in &partnerships {
            site.partnerships[p].items.push(ii);
            // What each member delivered in the partnership: the items crediting it there.
            for m in &mut site.partnerships[p].members {
                if named.contains(&m.partner) || quoted == Some(m.partner) {
                    m.credited.push(ii);
                }
            }
        }
        for c in addresses {
            site.items[c].addressed_by.push(ii);
        }
        let mut contributors: BTreeMap<usize, Contribution> = BTreeMap::new();
        let blank = Contribution {
            item: ii,
            named: false,
            quoted: false,
        };
        for p in named {
            contributors.entry(p).or_insert(blank).named = true;
        }
        if let Some(p) = quoted {
            contributors.entry(p).or_insert(blank).quoted = true;
        }
        for (p, c) in contributors {
            site.partners[p].contributions.push(c);
        }
    }
    for (pi, p) in site.partnerships.iter().enumerate() {
        for m in &p.members {
            if let Some(ms) = site.partners[m.partner]
                .memberships
                .iter_mut()
                .find(|ms| ms.partnership == pi)
            {
                ms.credited = m.credited.clone();
            }
        }
    }
    // Mentions of partners in item bodies are kept apart from contributions.
    for p in &mut site.partners {
        p.mentions = p
            .entry
            .mentioned_by
            .iter()
            .filter_map(|r| if let Ref::Item(i) = r { Some(*i) } else { None })
            .collect();
        p.mentions.sort_unstable();
        p.mentions.dedup();
    }
}

pub(super) fn collect_tags(site: &Site) -> Vec<Tag> {
    let lang = site.config.language;
    let mut tags: BTreeMap<String, Tag> = BTreeMap::new();
    // A site has few distinct tags and many uses of each: each is slugged once.
    let mut slugs: rustc_hash::FxHashMap<&str, String> = Default::default();
    for r in site.all_refs() {
        for name in &site.entry(r).tags {
            let slug = slugs
                .entry(name.as_str())
                .or_insert_with(|| slugify(name, lang))
                .clone();
            if slug.is_empty() {
                continue;
            }
            let tag = tags.entry(slug.clone()).or_insert_with(|| Tag {
                name: name.clone(),
                slug,
                members: Vec::new(),
            });
            // Refs come in order, so a repeat (a tag written twice on one page) is the last one.
            if tag.members.last() != Some(&r) {
                tag.members.push(r);
            }
        }
    }
    let mut tags: Vec<Tag> = tags.into_values().collect();
    tags.sort_by_cached_key(|t| collation_key(&t.name, lang));
    tags
}
