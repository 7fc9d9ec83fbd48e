//! The live preview's promise: after any sequence of edits, the site it serves is exactly the
//! site a full build of the same files makes, while it renders only what an edit touched.

mod common;

use brobygger::live::{Changes, LiveSite};
use brobygger::render::RenderOptions;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const BASE: &str = "http://127.0.0.1:1111/";

fn options() -> RenderOptions {
    RenderOptions {
        base_url: Some(BASE.into()),
    }
}

/// What a full build of `root` makes, in memory; `None` when the site has errors.
fn full_build(root: &Path) -> Option<BTreeMap<String, Vec<u8>>> {
    let modelled = brobygger::load_model(root, false).ok()?;
    let files = brobygger::render(&modelled, Some(BASE.into())).expect("render");
    Some(files.into_iter().map(|f| (f.path, f.bytes)).collect())
}

fn served(live: &LiveSite) -> BTreeMap<String, Vec<u8>> {
    live.files()
        .iter()
        .map(|(p, b)| (p.clone(), b.to_vec()))
        .collect()
}

fn assert_same(live: &BTreeMap<String, Vec<u8>>, full: &BTreeMap<String, Vec<u8>>, what: &str) {
    let only_live: Vec<&String> = live.keys().filter(|k| !full.contains_key(*k)).collect();
    let only_full: Vec<&String> = full.keys().filter(|k| !live.contains_key(*k)).collect();
    let differ: Vec<&String> = live
        .iter()
        .filter(|(k, v)| full.get(*k).is_some_and(|f| f != *v))
        .map(|(k, _)| k)
        .collect();
    assert!(
        only_live.is_empty() && only_full.is_empty() && differ.is_empty(),
        "after {what}: the preview differs from a full build\n  \
         only in the preview: {only_live:?}\n  only in the full build: {only_full:?}\n  \
         different bytes: {differ:?}"
    );
}

/// A small, seeded random number generator (xorshift), so a failing sequence can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[self.below(v.len())]
    }
}

fn md_files(root: &Path, folder: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(root.join("content").join(folder))
        .map(|d| {
            d.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "md"))
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

fn all_md(root: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect();
    v.sort();
    v
}

fn id_of(path: &Path) -> String {
    path.file_stem().unwrap().to_string_lossy().into_owned()
}

/// Whether any other content file names `id` (so removing it would break a reference).
fn referenced(root: &Path, path: &Path) -> bool {
    let id = id_of(path);
    all_md(root)
        .iter()
        .filter(|p| *p != path)
        .any(|p| std::fs::read_to_string(p).unwrap().contains(id.as_str()))
}

fn item_file(root: &Path, rng: &mut Rng) -> PathBuf {
    let folder = *rng.pick(&ITEM_FOLDERS);
    rng.pick(&md_files(root, folder)).clone()
}

fn partner_id(root: &Path, rng: &mut Rng) -> String {
    let partners = md_files(root, "partners");
    let chosen: &PathBuf = rng.pick(&partners);
    id_of(chosen)
}

const ITEM_FOLDERS: [&str; 4] = [
    "challenges",
    "opportunities",
    "recommendations",
    "learnings",
];

/// Makes one random edit of the kinds a facilitator makes; returns what it did and the changes
/// to report.
fn edit(root: &Path, rng: &mut Rng, n: usize) -> (String, Changes) {
    let content = |p: &Path| Changes {
        content: vec![p.to_path_buf()],
        ..Changes::default()
    };
    loop {
        match rng.below(15) {
            0 => {
                let p = rng.pick(&all_md(root)).clone();
                let mut text = std::fs::read_to_string(&p).unwrap();
                text.push_str(&format!("\nEn ny sætning nummer {n} om samarbejde.\n"));
                std::fs::write(&p, text).unwrap();
                return (format!("body of {}", p.display()), content(&p));
            }
            1 => {
                let p = rng.pick(&all_md(root)).clone();
                let text = std::fs::read_to_string(&p).unwrap();
                let Some(line) = text
                    .lines()
                    .find(|l| l.starts_with("title:") || l.starts_with("name:"))
                else {
                    continue;
                };
                let key = line.split(':').next().unwrap();
                let new = text.replacen(line, &format!("{key}: Ny titel {n}"), 1);
                std::fs::write(&p, new).unwrap();
                return (format!("title of {}", p.display()), content(&p));
            }
            2 => {
                let p = rng.pick(&all_md(root)).clone();
                let text = std::fs::read_to_string(&p).unwrap();
                if !text.contains("\ntags: [") {
                    continue;
                }
                let tag = if rng.below(2) == 0 {
                    "ny-tag"
                } else {
                    "andet-tag"
                };
                std::fs::write(
                    &p,
                    text.replacen("\ntags: [", &format!("\ntags: [{tag}-{n}, "), 1),
                )
                .unwrap();
                return (format!("tag on {}", p.display()), content(&p));
            }
            3 => {
                let p = item_file(root, rng);
                let text = std::fs::read_to_string(&p).unwrap();
                let partner = partner_id(root, rng);
                let Some(line) = text.lines().find(|l| l.starts_with("partners: [")) else {
                    continue;
                };
                if line.contains(&partner) {
                    continue;
                }
                let new = text.replacen(line, &line.replacen('[', &format!("[{partner}, "), 1), 1);
                std::fs::write(&p, new).unwrap();
                return (format!("partner {partner} on {}", p.display()), content(&p));
            }
            4 => {
                let folder = *rng.pick(&ITEM_FOLDERS);
                let from = rng.pick(&md_files(root, folder)).clone();
                let to = root.join(format!("content/{folder}/nyt-punkt-{n}.md"));
                let text = std::fs::read_to_string(&from).unwrap();
                let text: String = text
                    .lines()
                    .filter(|l| !l.starts_with("number:"))
                    .map(|l| {
                        if l.starts_with("title:") {
                            format!("title: Nyt punkt {n}\n")
                        } else {
                            format!("{l}\n")
                        }
                    })
                    .collect();
                std::fs::write(&to, text).unwrap();
                return (format!("new {}", to.display()), content(&to));
            }
            5 => {
                let p = item_file(root, rng);
                if referenced(root, &p) {
                    continue;
                }
                std::fs::remove_file(&p).unwrap();
                return (format!("deleted {}", p.display()), content(&p));
            }
            6 => {
                let p = rng.pick(&md_files(root, "partners")).clone();
                let text = std::fs::read_to_string(&p).unwrap();
                let Some(line) = text.lines().find(|l| l.starts_with("sector:")) else {
                    continue;
                };
                let sector = *rng.pick(&["forskning", "offentlig", "civilsamfund", "branche"]);
                std::fs::write(&p, text.replacen(line, &format!("sector: {sector}"), 1)).unwrap();
                return (format!("sector {sector} of {}", p.display()), content(&p));
            }
            7 => {
                let p = item_file(root, rng);
                if referenced(root, &p) {
                    continue;
                }
                let text = std::fs::read_to_string(&p).unwrap();
                if text.contains("\ndraft: true") {
                    continue;
                }
                std::fs::write(&p, text.replacen("---\n", "---\ndraft: true\n", 1)).unwrap();
                return (format!("draft {}", p.display()), content(&p));
            }
            8 => {
                let to = root.join(format!("content/pages/side-{n}.md"));
                let weight = rng.below(5);
                std::fs::write(
                    &to,
                    format!(
                        "---\ntitle: Side {n}\nweight: {weight}\n---\nEn side om [[dropin]].\n"
                    ),
                )
                .unwrap();
                return (format!("new page {}", to.display()), content(&to));
            }
            9 => {
                let dir = root.join("static");
                std::fs::create_dir_all(&dir).unwrap();
                std::fs::write(dir.join(format!("fil-{n}.txt")), format!("fil {n}")).unwrap();
                return (
                    format!("static file {n}"),
                    Changes {
                        statics: true,
                        ..Changes::default()
                    },
                );
            }
            // A mention: shown apart on the partner's page and counted in partners.csv.
            11 => {
                let p = item_file(root, rng);
                let partner = partner_id(root, rng);
                let mut text = std::fs::read_to_string(&p).unwrap();
                text.push_str(&format!("\nSom [[partners/{partner}]] sagde.\n"));
                std::fs::write(&p, text).unwrap();
                return (
                    format!("mention of {partner} in {}", p.display()),
                    content(&p),
                );
            }
            // What a member agreed to bring, beside what is credited to it there.
            12 => {
                let p = rng.pick(&md_files(root, "partnerships")).clone();
                let text = std::fs::read_to_string(&p).unwrap();
                let partner = partner_id(root, rng);
                if text.contains(&format!("id: {partner}\n")) || !text.contains("\npartners:\n") {
                    continue;
                }
                let brings = *rng.pick(&["[viden]", "[viden, data]", "[data]"]);
                let new = text.replacen(
                    "\npartners:\n",
                    &format!(
                        "\npartners:\n  - {{id: {partner}, brings: {brings}, commitment: en time om ugen}}\n"
                    ),
                    1,
                );
                std::fs::write(&p, new).unwrap();
                return (
                    format!("{partner} brings {brings} to {}", p.display()),
                    content(&p),
                );
            }
            // An item moved to the other catalogue, without its number.
            13 => {
                let folder = *rng.pick(&["challenges", "opportunities", "recommendations"]);
                let p = rng.pick(&md_files(root, folder)).clone();
                let text = std::fs::read_to_string(&p).unwrap();
                let Some(line) = text.lines().find(|l| l.starts_with("catalogue:")) else {
                    continue;
                };
                let to = if line.contains("riconfigure") {
                    "tre-partnerskaber"
                } else {
                    "riconfigure"
                };
                let new: String = text
                    .lines()
                    .filter(|l| !l.starts_with("number:"))
                    .map(|l| {
                        if l == line {
                            format!("catalogue: {to}\n")
                        } else {
                            format!("{l}\n")
                        }
                    })
                    .collect();
                std::fs::write(&p, new).unwrap();
                return (
                    format!("{} into the catalogue {to}", p.display()),
                    content(&p),
                );
            }
            // A date written at another precision or moved: it shows on the entry's page,
            // its cards and the partnerships' timeline.
            14 => {
                let p = rng.pick(&all_md(root)).clone();
                let text = std::fs::read_to_string(&p).unwrap();
                let Some(line) = text
                    .lines()
                    .find(|l| l.starts_with("date:") || l.starts_with("updated:"))
                else {
                    continue;
                };
                let key = line.split(':').next().unwrap();
                let date = *rng.pick(&["2019", "2019-03", "2019-03-13", "2021-11-02"]);
                std::fs::write(&p, text.replacen(line, &format!("{key}: {date}"), 1)).unwrap();
                return (format!("{key} {date} of {}", p.display()), content(&p));
            }
            _ => {
                let p = rng.pick(&md_files(root, "partnerships")).clone();
                let text = std::fs::read_to_string(&p).unwrap();
                let partner = partner_id(root, rng);
                if text.contains(&format!("id: {partner}\n")) || !text.contains("\npartners:\n") {
                    continue;
                }
                let new = text.replacen(
                    "\npartners:\n",
                    &format!("\npartners:\n  - id: {partner}\n    role: ny partner\n"),
                    1,
                );
                std::fs::write(&p, new).unwrap();
                return (format!("member {partner} of {}", p.display()), content(&p));
            }
        }
    }
}

#[test]
fn live_equals_full_after_random_edits() {
    // Three sequences by default; BROBYGGER_LIVE_SEED replays one.
    let seeds: Vec<u64> = match std::env::var("BROBYGGER_LIVE_SEED") {
        Ok(s) => vec![s.parse().expect("a number")],
        Err(_) => vec![0x5eed_b20b, 2, 3],
    };
    for seed in seeds {
        random_edits(seed, 40);
    }
}

fn random_edits(seed: u64, edits: usize) {
    let dir = common::example_copy();
    let root = dir.path();
    // The types a member may agree to bring, for the edits that add some.
    let settings = root.join("site.yaml");
    let mut yaml = std::fs::read_to_string(&settings).unwrap();
    if !yaml.contains("\ncontribution_types:") {
        yaml.push_str("contribution_types:\n  viden: Viden\n  data: Data\n");
        std::fs::write(&settings, yaml).unwrap();
    }
    let mut live = LiveSite::new(root, false, options());
    live.rebuild(&Changes::all())
        .expect("the example site builds");
    live.finish_search().unwrap();
    assert_same(
        &served(&live),
        &full_build(root).unwrap(),
        "the first build",
    );

    let mut rng = Rng(seed);
    let mut partial = 0;
    for n in 0..edits {
        let (what, changes) = edit(root, &mut rng, n);
        let result = live.rebuild(&changes);
        let full = full_build(root);
        match (result, full) {
            (Ok(rebuilt), Some(full)) => {
                live.finish_search().unwrap();
                assert_same(
                    &served(&live),
                    &full,
                    &format!("edit {n} (seed {seed}): {what}"),
                );
                if rebuilt.units < 100 {
                    partial += 1;
                }
            }
            (Err(_), None) => {}
            (Ok(_), None) => panic!("edit {n}: {what}: the preview took a site with errors"),
            (Err(e), Some(_)) => panic!("edit {n}: {what}: the preview refused a good site: {e}"),
        }
    }
    // The point of the preview: most edits render a small part of the site.
    assert!(
        partial * 3 >= edits * 2,
        "only {partial} of {edits} edits rendered fewer than 100 units"
    );
}

#[test]
fn an_item_edit_renders_only_the_pages_that_show_it() {
    let dir = common::example_copy();
    let root = dir.path();
    let mut live = LiveSite::new(root, false, options());
    let first = live.rebuild(&Changes::all()).unwrap();
    live.finish_search().unwrap();
    assert!(
        first.units > 100 && first.changed.len() > 150,
        "the first build renders everything: {} units, {} files",
        first.units,
        first.changed.len()
    );

    let file = root.join("content/challenges/manglende-mandat.md");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, format!("{text}\nEn helt ny sætning om mandat.\n")).unwrap();
    let rebuilt = live
        .rebuild(&Changes {
            content: vec![file.clone()],
            ..Changes::default()
        })
        .unwrap();
    // Its own page and the catalogue show the body; nothing else shows more than its title
    // and summary, which did not change.
    assert_eq!(
        rebuilt.changed,
        vec![
            "catalogue/index.html",
            "challenges/manglende-mandat/index.html"
        ],
        "an edit at the end of the body changes its page and the catalogue, no more"
    );
    assert!(rebuilt.units < 10, "rendered {} units", rebuilt.units);
    // An edit of the text alone is put into the last model: no file is loaded or validated
    // again, which at 10,000 items is most of a save's time.
    let steps: Vec<&str> = rebuilt.steps.iter().map(|s| s.0).collect();
    assert_eq!(steps.first(), Some(&"patch"), "steps: {steps:?}");
    assert!(rebuilt.search_pending);
    let search = live.finish_search().unwrap();
    assert!(
        search.changed.iter().all(|p| p.starts_with("search/")) && !search.changed.is_empty(),
        "{:?}",
        search.changed
    );
    let page =
        String::from_utf8(live.files()["challenges/manglende-mandat/index.html"].to_vec()).unwrap();
    assert!(page.contains("En helt ny sætning om mandat."));
}

/// The partnerships index shows each partnership's status, members and milestones: an edit of
/// them renders the index again, as a full build would.
#[test]
fn a_partnerships_status_and_members_reach_the_partnerships_index() {
    one_edit_reaches(
        "content/partnerships/tre-partnerskaber-1.md",
        |text| {
            text.replacen("status: completed", "status: active", 1)
                .replacen("\npartners:\n", "\npartners:\n  - id: vive\n", 1)
                .replacen(
                    "milestones:\n",
                    "milestones:\n  - {date: 2020-06, title: Midtvejsmøde, done: false}\n",
                    1,
                )
        },
        "partnerships/index.html",
        "a partnership's status, a member and a milestone",
    );
}

#[test]
fn an_error_keeps_the_last_good_site() {
    let dir = common::example_copy();
    let root = dir.path();
    let mut live = LiveSite::new(root, false, options());
    live.rebuild(&Changes::all()).unwrap();
    let file = root.join("content/challenges/manglende-mandat.md");
    // An edit of the text first: the error must be found after such a quick rebuild too.
    let mut text = std::fs::read_to_string(&file).unwrap();
    text.push_str("\nEn sætning mere.\n");
    std::fs::write(&file, &text).unwrap();
    live.rebuild(&Changes {
        content: vec![file.clone()],
        ..Changes::default()
    })
    .unwrap();
    let before = served(&live);
    std::fs::write(
        &file,
        text.replacen("partners: [", "partners: [findes-ikke, ", 1),
    )
    .unwrap();
    let changes = Changes {
        content: vec![file.clone()],
        ..Changes::default()
    };
    let errors = live.rebuild(&changes).unwrap_err();
    let e = errors.iter().next().unwrap();
    assert_eq!(e.file, "content/challenges/manglende-mandat.md");
    assert!(e.line > 1, "the error names the line: {e:?}");
    assert_eq!(served(&live), before, "the last good site is still served");
    std::fs::write(&file, &text).unwrap();
    let rebuilt = live.rebuild(&changes).unwrap();
    assert!(rebuilt.changed.is_empty(), "{:?}", rebuilt.changed);
}

#[test]
fn a_refused_link_stops_being_reported_once_it_is_removed() {
    let dir = common::example_copy();
    let root = dir.path();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("x.md"), "---\nname: X\n---\n").unwrap();
    let mut live = LiveSite::new(root, false, options());
    live.rebuild(&Changes::all()).unwrap();
    let link = root.join("content/partners/udenfor.md");
    std::os::unix::fs::symlink(outside.path().join("x.md"), &link).unwrap();
    let changes = Changes {
        content: vec![link.clone()],
        ..Changes::default()
    };
    let errors = live.rebuild(&changes).unwrap_err();
    assert!(
        errors.iter().any(|e| e.code == "link-outside-site"),
        "{errors}"
    );
    std::fs::remove_file(&link).unwrap();
    live.rebuild(&changes)
        .expect("the error went with the link it was about");
}

/// A card (on the kind index, a partner's page, the feed) shows the start of an item's text:
/// an edit of only the first paragraph, a quick rebuild of the text alone, reaches every card.
#[test]
fn an_edit_of_the_first_paragraph_reaches_the_cards() {
    one_edit_reaches(
        "content/challenges/manglende-mandat.md",
        |text| {
            text.replacen(
                "Samarbejde mellem",
                "Et nyt begyndelsesord. Samarbejde mellem",
                1,
            )
        },
        "challenges/index.html",
        "an edit of an item's first paragraph",
    );
}

/// A page that shows another item's summary (here through a site's own templates, as a theme
/// may) is rendered again when that summary changes, though nothing of its own item did: a
/// live preview keeps the hash of an item's page and of its catalogue entry after an edit of
/// texts only only while the parts they show (this card) are as before.
#[test]
fn an_item_page_showing_another_items_summary_follows_it() {
    let dir = common::example_copy();
    let root = dir.path();
    let site_yaml = root.join("site.yaml");
    let settings = std::fs::read_to_string(&site_yaml).unwrap();
    std::fs::write(&site_yaml, format!("{settings}\ntheme: egen\n")).unwrap();
    let templates = root.join("themes/egen/templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(
        templates.join("item.html"),
        "{% extends \"base.html\" %}{% block content %}<h1>{{ entry.title }}</h1>\
         {% for c in addresses %}<p class=\"answers\">{{ c.summary }}</p>{% endfor %}\
         {% endblock content %}",
    )
    .unwrap();
    std::fs::write(
        templates.join("catalogue_entry.html"),
        "<article id=\"{{ kind }}-{{ it.id }}\"><h2>{{ it.title }}</h2>\
         {% for c in it.addresses %}<p class=\"answers\">{{ c.card.summary }}</p>{% endfor %}\
         </article>",
    )
    .unwrap();
    let shown = edit_reaches(
        root,
        "content/challenges/uklart-faelles-handlerum.md",
        |text| {
            text.replacen(
                "Så længe aktørerne",
                "Et nyt første ord. Så længe aktørerne",
                1,
            )
        },
        &[
            "recommendations/aaben-tilgang/index.html",
            "catalogue/index.html",
        ],
        "an edit of a summary another item's page shows",
    );
    let answer = |page: &str| {
        let html = String::from_utf8_lossy(&shown[page]).into_owned();
        let start = html
            .find("id=\"recommendations-aaben-tilgang\"")
            .unwrap_or(0);
        html[start..].contains("<p class=\"answers\">Et nyt første ord.")
    };
    assert!(answer("recommendations/aaben-tilgang/index.html"));
    assert!(
        answer("catalogue/index.html"),
        "the recommendation's catalogue entry shows the challenge's new summary"
    );
}

/// Edits one file of a live preview of the example site with `edit`, then holds the preview
/// to it: `page` is rendered again, and what is served is what a full build makes.
fn one_edit_reaches(file: &str, edit: impl Fn(&str) -> String, page: &str, what: &str) {
    let dir = common::example_copy();
    edit_reaches(dir.path(), file, edit, &[page], what);
}

/// [`one_edit_reaches`] for the site at `root` and each of `pages`; returns what is served.
fn edit_reaches(
    root: &Path,
    file: &str,
    edit: impl Fn(&str) -> String,
    pages: &[&str],
    what: &str,
) -> BTreeMap<String, Vec<u8>> {
    let mut live = LiveSite::new(root, false, options());
    live.rebuild(&Changes::all()).unwrap();
    live.finish_search().unwrap();
    let file = root.join(file);
    let text = std::fs::read_to_string(&file).unwrap();
    let edited = edit(&text);
    assert_ne!(edited, text, "{what}: the edit changes nothing");
    std::fs::write(&file, edited).unwrap();
    let rebuilt = live
        .rebuild(&Changes {
            content: vec![file],
            ..Changes::default()
        })
        .unwrap();
    for page in pages {
        assert!(
            rebuilt.changed.iter().any(|p| p == page),
            "{what}: {page} is not rendered again: {:?}",
            rebuilt.changed
        );
    }
    live.finish_search().unwrap();
    let shown = served(&live);
    assert_same(&shown, &full_build(root).unwrap(), what);
    shown
}

/// The preview keeps the data exports (CSV, JSON, GEXF) through an edit of text alone, as they
/// are made from names and relations, never from a text: after every body is rewritten at
/// once (its wikilinks kept), what it serves is still what a full build makes.
#[test]
fn the_data_exports_stay_right_when_every_text_changes() {
    let dir = common::example_copy();
    let root = dir.path();
    let mut live = LiveSite::new(root, false, options());
    live.rebuild(&Changes::all()).unwrap();
    live.finish_search().unwrap();
    // A quote's title is the start of its text: editing it is more than an edit of text.
    let files: Vec<PathBuf> = all_md(root)
        .into_iter()
        .filter(|p| !p.starts_with(root.join("content/quotes")) && id_of(p) != "_index")
        .collect();
    for (n, file) in files.iter().enumerate() {
        let text = std::fs::read_to_string(file).unwrap();
        let body = 4 + text[4..].find("\n---\n").expect("front matter") + 5;
        let (front, rest) = text.split_at(body);
        std::fs::write(
            file,
            format!("{front}Ny begyndelse {n}. {rest}\n\nEt nyt sidste afsnit {n}.\n"),
        )
        .unwrap();
    }
    let rebuilt = live
        .rebuild(&Changes {
            content: files,
            ..Changes::default()
        })
        .unwrap();
    assert!(
        !rebuilt.changed.iter().any(|p| p.starts_with("data/")),
        "no export shows a text: {:?}",
        rebuilt.changed
    );
    live.finish_search().unwrap();
    assert_same(
        &served(&live),
        &full_build(root).unwrap(),
        "every text rewritten",
    );
}
