//! Builds the example knowledge base shipped in the repository and checks what a reader sees,
//! by parsing the built HTML. Expectations are computed from the content files themselves,
//! independently of the generator's model.

mod common;

use common::*;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The example site, built once for all tests in this file.
fn built() -> &'static Path {
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    OUT.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap().keep();
        let out = dir.join("public");
        build(&repo(), &out);
        out
    })
}

/// A content file: its front matter as YAML and its body.
struct Source {
    kind: String,
    id: String,
    meta: Value,
    body: String,
}

fn sources() -> Vec<Source> {
    let content = repo().join("content");
    let mut v = Vec::new();
    for e in walkdir::WalkDir::new(&content)
        .into_iter()
        .filter_map(Result::ok)
    {
        let p = e.path();
        if p.extension().is_none_or(|x| x != "md") || p.file_name().unwrap() == "_index.md" {
            continue;
        }
        let text = read(p);
        let rest = text.strip_prefix("---\n").expect("front matter");
        let (yaml, body) = rest.split_once("\n---\n").expect("closed front matter");
        v.push(Source {
            kind: p
                .strip_prefix(&content)
                .unwrap()
                .components()
                .next()
                .unwrap()
                .as_os_str()
                .to_string_lossy()
                .into(),
            id: p.file_stem().unwrap().to_string_lossy().into(),
            meta: serde_saphyr::from_str(yaml).unwrap(),
            body: body.to_string(),
        });
    }
    v
}

/// The mapping under `key` in the example's site.yaml, in the order it is written there.
fn site_mapping(key: &str) -> Vec<(String, Value)> {
    #[derive(serde::Deserialize)]
    #[serde(untagged)]
    enum Field {
        Mapping(indexmap::IndexMap<String, Value>),
        Other(#[allow(dead_code)] Value),
    }
    let site: indexmap::IndexMap<String, Field> =
        serde_saphyr::from_str(&read(&repo().join("site.yaml"))).unwrap();
    match site.get(key) {
        Some(Field::Mapping(m)) => m.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
        _ => panic!("site.yaml: `{key}` is not a mapping"),
    }
}

fn published(s: &Source) -> bool {
    s.meta.get("draft").and_then(Value::as_bool) != Some(true)
        && (s.kind != "quotes" || s.meta.get("approved").and_then(Value::as_bool) == Some(true))
}

fn strings(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::Array(s)) => s
            .iter()
            .filter_map(|x| match x {
                Value::String(s) => Some(s.clone()),
                Value::Object(m) => m.get("id").and_then(Value::as_str).map(String::from),
                _ => None,
            })
            .collect(),
        Some(Value::String(s)) => vec![s.clone()],
        _ => vec![],
    }
}

/// Wikilink targets in a body, outside code.
fn wikilinks(body: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_fence = false;
    for line in body.lines() {
        if line.trim_start().starts_with("```") {
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            continue;
        }
        let line: String = line.split('`').step_by(2).collect::<Vec<_>>().join("");
        let mut rest = line.as_str();
        while let Some(i) = rest.find("[[") {
            let after = &rest[i + 2..];
            let Some(j) = after.find("]]") else { break };
            let target = after[..j].split('|').next().unwrap().trim();
            out.push(target.rsplit('/').next().unwrap().to_string());
            rest = &after[j + 2..];
        }
    }
    out
}

/// Every credited item (a partner in `partners`, a quote's `by`) is on its partner's page
/// under contributions, and every item or free page that only points at the partner with a
/// wikilink is under mentions: the two are never mixed.
#[test]
fn each_partner_page_lists_exactly_the_items_that_credit_it_and_those_that_mention_it() {
    let sources = sources();
    let item_kinds = [
        "challenges",
        "opportunities",
        "recommendations",
        "learnings",
        "quotes",
    ];
    type Listed = BTreeMap<String, BTreeSet<(String, String)>>;
    let mut credited: Listed = BTreeMap::new();
    for s in sources.iter().filter(|s| s.kind == "partners") {
        credited.insert(s.id.clone(), BTreeSet::new());
    }
    let mut mentioned = credited.clone();
    for s in sources
        .iter()
        .filter(|s| item_kinds.contains(&s.kind.as_str()) && published(s))
    {
        let mut who = strings(s.meta.get("partners"));
        who.extend(strings(s.meta.get("by")));
        for p in who {
            let p = p.rsplit('/').next().unwrap().to_string();
            credited
                .get_mut(&p)
                .expect("known partner")
                .insert((s.kind.clone(), s.id.clone()));
        }
        for p in wikilinks(&s.body) {
            if let Some(set) = mentioned.get_mut(&p) {
                set.insert((s.kind.clone(), s.id.clone()));
            }
        }
    }
    // A free page that points at a partner is listed under its mentions too: one section.
    for s in sources.iter().filter(|s| s.kind == "pages" && published(s)) {
        for p in wikilinks(&s.body) {
            if let Some(set) = mentioned.get_mut(&p) {
                set.insert((s.kind.clone(), s.id.clone()));
            }
        }
    }
    assert!(
        credited.values().any(|v| v.len() >= 3),
        "the example site has partners with several contributions"
    );
    assert!(
        mentioned.values().any(|v| !v.is_empty()),
        "the example site has partners that are mentioned"
    );
    let targets = |page: &scraper::Html, css: &str| -> BTreeSet<(String, String)> {
        select(page, css)
            .iter()
            .filter_map(|a| target_of(a.value().attr("href").unwrap()))
            .collect()
    };
    for (partner, items) in &credited {
        let page = html(&built().join(format!("partners/{partner}/index.html")));
        assert_eq!(
            &targets(&page, ".contributions li a"),
            items,
            "contributions on the page of partner {partner}"
        );
        let heading = text(&select(&page, "#contributions-heading")[0]);
        assert!(
            heading.contains(&format!("({} ", items.len())),
            "count in {heading:?} for {partner}"
        );
        assert_eq!(
            &targets(&page, ".mentions li a"),
            &mentioned[partner],
            "mentions on the page of partner {partner}"
        );
    }
}

/// Each catalogue of site.yaml, in its order, under its own heading with its source, holds
/// exactly the items that name it, numbered items first in number order; items of no
/// catalogue are not on the page; the front page counts each catalogue apart.
#[test]
fn catalogue_page_shows_each_catalogue_apart_in_number_order() {
    let sources = sources();
    let declared = site_mapping("catalogues");
    assert!(!declared.is_empty(), "the example declares its catalogues");
    let page = html(&built().join("catalogue/index.html"));
    let shown: Vec<String> = select(&page, "section.catalogue")
        .iter()
        .map(|s| s.value().attr("id").unwrap().to_string())
        .collect();
    assert_eq!(
        shown,
        declared
            .iter()
            .map(|(id, _)| id.clone())
            .collect::<Vec<_>>(),
        "catalogues in site.yaml order"
    );
    let front = html(&built().join("index.html"));
    let figures: Vec<String> = select(&front, ".catalogue-figures li")
        .iter()
        .map(text)
        .collect();
    let mut on_page = BTreeSet::new();
    for (n, (id, c)) in declared.iter().enumerate() {
        let title = c["title"].as_str().unwrap();
        assert_eq!(text(&select(&page, &format!("#{id}-heading"))[0]), title);
        let source = text(&select(&page, &format!("#{id} .catalogue-source"))[0]);
        assert!(
            source.contains(
                c["source"]
                    .as_str()
                    .unwrap()
                    .split_whitespace()
                    .next()
                    .unwrap()
            ),
            "{source}"
        );
        let mut counts = Vec::new();
        for kind in ["challenges", "opportunities", "recommendations"] {
            let ids: Vec<String> = select(&page, &format!("#{id}-{kind} .catalogue-entry"))
                .iter()
                .map(|e| {
                    let a = e.value().attr("id").unwrap();
                    a.strip_prefix(&format!("{kind}-")).unwrap().to_string()
                })
                .collect();
            let expected: BTreeSet<String> = sources
                .iter()
                .filter(|s| s.kind == kind && published(s))
                .filter(|s| s.meta.get("catalogue").and_then(Value::as_str) == Some(id))
                .map(|s| s.id.clone())
                .collect();
            assert_eq!(
                ids.iter().cloned().collect::<BTreeSet<_>>(),
                expected,
                "{kind} in the catalogue {id}"
            );
            let number = |id: &String| {
                sources
                    .iter()
                    .find(|s| s.kind == kind && &s.id == id)
                    .unwrap()
                    .meta
                    .get("number")
                    .and_then(Value::as_u64)
            };
            let numbers: Vec<u64> = ids.iter().filter_map(number).collect();
            let mut sorted = numbers.clone();
            sorted.sort();
            assert_eq!(numbers, sorted, "{kind} numbers in order");
            if let Some(i) = ids.iter().position(|id| number(id).is_none()) {
                assert_eq!(i, numbers.len(), "{kind}: numbered entries come first");
            }
            if !ids.is_empty() {
                counts.push(format!("{} {}", ids.len(), kind_word(kind)));
            }
            on_page.extend(ids.into_iter().map(|i| (kind, i)));
        }
        assert_eq!(figures[n], format!("{title}: {}", counts.join(", ")));
    }
    let all: BTreeSet<(&str, String)> = select(&page, ".catalogue-entry")
        .iter()
        .map(|e| {
            let (kind, id) = e.value().attr("id").unwrap().split_once('-').unwrap();
            let kind = ["challenges", "opportunities", "recommendations"]
                .into_iter()
                .find(|k| *k == kind)
                .unwrap();
            (kind, id.to_string())
        })
        .collect();
    assert_eq!(all, on_page, "no item of no catalogue on the page");
    // The 'Tre Partnerskaber' catalogue: 8 challenges, 8 opportunities, 10 recommendations.
    for (kind, n) in [
        ("challenges", 8),
        ("opportunities", 8),
        ("recommendations", 10),
    ] {
        let numbered: BTreeSet<u64> = sources
            .iter()
            .filter(|s| s.kind == kind)
            .filter(|s| {
                s.meta.get("catalogue").and_then(Value::as_str) == Some("tre-partnerskaber")
            })
            .filter_map(|s| s.meta.get("number").and_then(Value::as_u64))
            .collect();
        assert_eq!(numbered, (1..=n).collect(), "{kind} numbered 1..{n}");
    }
}

fn kind_word(kind: &str) -> &'static str {
    match kind {
        "challenges" => "udfordringer",
        "opportunities" => "muligheder",
        _ => "anbefalinger",
    }
}

#[test]
fn partnership_pages_name_their_missing_sectors() {
    let sources = sources();
    let sectors: Vec<(String, String)> = site_mapping("sectors")
        .into_iter()
        .map(|(k, v)| (k, v.as_str().unwrap().to_string()))
        .collect();
    let sector_of: BTreeMap<&str, &str> = sources
        .iter()
        .filter(|s| s.kind == "partners")
        .map(|s| (s.id.as_str(), s.meta["sector"].as_str().unwrap()))
        .collect();
    let mut some_missing = false;
    for s in sources
        .iter()
        .filter(|s| s.kind == "partnerships" && published(s))
    {
        let mut members = strings(s.meta.get("partners"));
        members.extend(strings(s.meta.get("facilitator")));
        let covered: BTreeSet<&str> = members
            .iter()
            .map(|m| sector_of[m.rsplit('/').next().unwrap()])
            .collect();
        let missing: Vec<String> = sectors
            .iter()
            .filter(|(k, _)| !covered.contains(k.as_str()))
            .map(|(_, label)| label.clone())
            .collect();
        some_missing |= !missing.is_empty();
        let page = html(&built().join(format!("partnerships/{}/index.html", s.id)));
        let shown: Vec<String> = select(&page, ".coverage-list .missing .sector-name")
            .iter()
            .map(text)
            .collect();
        assert_eq!(shown, missing, "missing sectors of {}", s.id);
    }
    assert!(
        some_missing,
        "the example has partnerships that miss sectors"
    );
}

#[test]
fn every_internal_link_is_relative_and_resolves() {
    let out = built();
    let mut checked = 0;
    for file in files(out) {
        if file.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let page = html(&out.join(&file));
        for e in select(&page, "[href], [src]") {
            let url = e.value().attr("href").or(e.value().attr("src")).unwrap();
            if url.contains(':') || url.starts_with('#') {
                continue; // external, mailto:, or an anchor on the same page
            }
            assert!(
                !url.starts_with('/'),
                "{}: root-relative link {url}",
                file.display()
            );
            let path = url.split(['#', '?']).next().unwrap();
            let target = out.join(file.parent().unwrap()).join(path);
            assert!(
                target.is_file(),
                "{}: link {url} leads to no file",
                file.display()
            );
            checked += 1;
        }
    }
    assert!(checked > 500, "checked {checked} links");
}

#[test]
fn front_page_shows_the_sites_figures() {
    let sources = sources();
    let page = html(&built().join("index.html"));
    let figures: Vec<String> = select(&page, ".figures li").iter().map(text).collect();
    let partners = sources
        .iter()
        .filter(|s| s.kind == "partners" && published(s))
        .count();
    let partnerships = sources
        .iter()
        .filter(|s| s.kind == "partnerships" && published(s))
        .count();
    let challenges = sources
        .iter()
        .filter(|s| s.kind == "challenges" && published(s))
        .count();
    for (n, word) in [
        (partners, "Partnere"),
        (partnerships, "Partnerskaber"),
        (challenges, "Udfordringer"),
    ] {
        assert!(
            figures.contains(&format!("{n} {word}")),
            "{n} {word} in {figures:?}"
        );
    }
    assert_eq!(select(&page, "h1").len(), 1);
    assert_eq!(select(&page, "html")[0].value().attr("lang"), Some("da"));
}

#[test]
fn contributions_page_has_real_tables_with_headers() {
    let page = html(&built().join("contributions/index.html"));
    let tables = select(&page, "table");
    assert_eq!(tables.len(), 2);
    for t in tables {
        let doc = scraper::Html::parse_fragment(&t.html());
        assert!(!select(&doc, "thead th[scope=col]").is_empty());
        assert!(!select(&doc, "tbody th[scope=row]").is_empty());
    }
}

#[test]
fn no_page_repeats_an_id() {
    let out = built();
    for file in files(out)
        .into_iter()
        .filter(|f| f.extension().is_some_and(|e| e == "html"))
    {
        let page = html(&out.join(&file));
        let mut seen = BTreeSet::new();
        for e in select(&page, "[id]") {
            let id = e.value().attr("id").unwrap().to_string();
            assert!(
                seen.insert(id.clone()),
                "{}: id {id:?} appears twice",
                file.display()
            );
        }
        for a in select(&page, "a[href^='#']") {
            let target = percent_decode(&a.value().attr("href").unwrap()[1..]);
            assert!(
                target.is_empty() || seen.contains(&target),
                "{}: #{target} leads nowhere",
                file.display()
            );
        }
    }
}

/// Decodes `%XX` escapes, as a browser does with a link's fragment before looking for the id.
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match (
            bytes[i],
            bytes
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(std::str::from_utf8(h).ok()?, 16).ok()),
        ) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[test]
fn the_swedish_quote_is_marked_as_swedish_wherever_it_shows() {
    let out = built();
    // Its own page: the quote itself.
    let page = html(&out.join("quotes/vinster-aat-alle/index.html"));
    let quote = select(&page, "blockquote");
    assert_eq!(quote[0].value().attr("lang"), Some("sv"));
    assert_eq!(page.root_element().value().attr("lang"), Some("da"));
    // Links that show its words: its partner's contributions, a card list, a wikilink.
    for (file, css) in [
        (
            "partners/vaestmanlands-kommuner-och-landsting/index.html",
            "a[href$='quotes/vinster-aat-alle/index.html']",
        ),
        (
            "quotes/index.html",
            "a[href$='vinster-aat-alle/index.html']",
        ),
        ("partnerships/dropin/index.html", "a.wikilink span"),
    ] {
        let doc = html(&out.join(file));
        let found: Vec<_> = select(&doc, css)
            .into_iter()
            .filter(|e| text(e).contains("Samarbetet ska göra skillnad"))
            .collect();
        assert!(!found.is_empty(), "{file}: no link showing the quote");
        for e in found {
            assert_eq!(e.value().attr("lang"), Some("sv"), "{file}: {}", e.html());
        }
    }
    // A Danish text is not marked.
    let challenge = html(&out.join("challenges/manglende-mandat/index.html"));
    assert!(select(&challenge, "main [lang]").is_empty());
}

/// Fenced `markdown`/`yaml` blocks of the project's own documentation (README and docs/),
/// with the file they are in. docs/sources.md is left out: it quotes the sources.
fn doc_blocks() -> Vec<(String, String)> {
    let mut docs = vec![repo().join("README.md")];
    docs.extend(
        files(&repo().join("docs"))
            .into_iter()
            .filter(|p| p.extension().is_some_and(|x| x == "md") && !p.ends_with("sources.md"))
            .map(|p| repo().join("docs").join(p)),
    );
    let mut out = Vec::new();
    for path in docs {
        let name = path.strip_prefix(repo()).unwrap().display().to_string();
        let mut block: Option<String> = None;
        for line in read(&path).lines() {
            let t = line.trim_start();
            match &mut block {
                None if t == "```markdown" || t == "```yaml" => block = Some(String::new()),
                Some(b) if t == "```" => {
                    out.push((name.clone(), std::mem::take(b)));
                    block = None;
                }
                Some(b) => {
                    b.push_str(t);
                    b.push('\n');
                }
                None => {}
            }
        }
    }
    out
}

/// `field: value` in a block, without a trailing comment.
fn field<'a>(block: &'a str, name: &str) -> Option<&'a str> {
    block.lines().find_map(|l| {
        let v = l.strip_prefix(name)?.strip_prefix(':')?;
        Some(v.split(" #").next().unwrap().trim())
    })
}

#[test]
fn the_docs_credit_the_example_partners_only_with_what_the_example_gives_them() {
    let sources = sources();
    let partners: BTreeSet<&str> = sources
        .iter()
        .filter(|s| s.kind == "partners")
        .map(|s| s.id.as_str())
        .collect();
    // (number, partner) pairs the example's catalogue items credit, and (partner, role) pairs
    // its partnerships give.
    let credited: BTreeSet<(u64, String)> = sources
        .iter()
        .filter_map(|s| Some((s.meta.get("number")?.as_u64()?, s)))
        .flat_map(|(n, s)| {
            strings(s.meta.get("partners"))
                .into_iter()
                .map(move |p| (n, p))
        })
        .collect();
    let roles: BTreeSet<(String, String)> = sources
        .iter()
        .filter(|s| s.kind == "partnerships")
        .filter_map(|s| s.meta.get("partners")?.as_array())
        .flatten()
        .filter_map(|m| {
            Some((
                m.get("id")?.as_str()?.to_string(),
                m.get("role")?.as_str()?.to_string(),
            ))
        })
        .collect();
    let mut wrong = Vec::new();
    for (file, block) in doc_blocks() {
        if let (Some(n), Some(list)) = (field(&block, "number"), field(&block, "partners")) {
            let n: u64 = n.parse().unwrap();
            for p in list.trim_matches(['[', ']']).split(',').map(str::trim) {
                if partners.contains(p) && !credited.contains(&(n, p.to_string())) {
                    wrong.push(format!("{file}: credits {p} with number {n}"));
                }
            }
        }
        let lines: Vec<&str> = block.lines().collect();
        for (i, l) in lines.iter().enumerate() {
            let Some(id) = l.strip_prefix("- id:").map(str::trim) else {
                continue;
            };
            let role = lines.get(i + 1).and_then(|r| r.strip_prefix("role:"));
            if let Some(role) = role.map(str::trim)
                && partners.contains(id)
                && !roles.contains(&(id.to_string(), role.to_string()))
            {
                wrong.push(format!("{file}: gives {id} the role {role}"));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "the docs say what the example (and its sources) do not; use a made-up partner \
         (eksempel-kommune) or the example's own facts:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_catalogue_numbers_are_those_docs_sources_md_records_from_the_source() {
    let text = read(&repo().join("docs/sources.md"));
    let table = text
        .split("### Tre Partnerskaber")
        .nth(1)
        .expect("docs/sources.md has the Tre Partnerskaber table")
        .split("###")
        .next()
        .unwrap();
    let mut recorded: BTreeMap<(String, String), u64> = BTreeMap::new();
    for row in table.lines().filter(|l| l.starts_with("| ")) {
        let cells: Vec<&str> = row.split('|').map(str::trim).collect();
        let Ok(n) = cells[1].parse::<u64>() else {
            continue;
        };
        for (kind, cell) in ["challenges", "opportunities", "recommendations"]
            .iter()
            .zip(&cells[2..5])
        {
            if !cell.is_empty() {
                recorded.insert((kind.to_string(), cell.trim_matches('`').to_string()), n);
            }
        }
    }
    assert_eq!(
        recorded.len(),
        8 + 8 + 10,
        "the catalogue's 8 + 8 + 10 items"
    );
    let numbered: BTreeMap<(String, String), u64> = sources()
        .into_iter()
        .filter_map(|s| {
            Some((
                (s.kind.clone(), s.id.clone()),
                s.meta.get("number")?.as_u64()?,
            ))
        })
        .collect();
    assert_eq!(numbered, recorded);
}

#[test]
fn no_page_shows_a_date_that_no_file_gives() {
    let mut written = String::new();
    for f in files(&repo().join("content")) {
        written.push_str(&read(&repo().join("content").join(f)));
    }
    written.push_str(&read(&repo().join("site.yaml")));
    let mut shown = BTreeSet::new();
    for f in files(built()) {
        if f.extension().is_some_and(|x| x == "html") {
            for t in select(&html(&built().join(&f)), "time[datetime]") {
                // A date at the precision written: `2019`, `2019-03` or `2019-03-01`.
                let datetime = t.value().attr("datetime").unwrap();
                shown.insert(datetime.split('T').next().unwrap_or(datetime).to_string());
            }
        }
    }
    assert!(shown.len() > 2, "dates found on the pages: {shown:?}");
    for d in shown {
        assert!(
            written.contains(&d),
            "a page shows {d}, which no file gives"
        );
    }
}
