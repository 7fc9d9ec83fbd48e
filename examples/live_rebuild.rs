//! Times a live preview's rebuilds after one-item edits, step by step, without HTTP:
//! `cargo run --release --example live_rebuild -- SITE [EDITS]`. The site's files are edited
//! (a sentence appended to items), so run it on a copy.
use brobygger::live::{Changes, LiveSite};
use brobygger::render::RenderOptions;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let root = std::path::PathBuf::from(std::env::args().nth(1).expect("a site folder"));
    let edits: usize = std::env::args().nth(2).map_or(20, |n| n.parse().unwrap());
    let mut live = LiveSite::new(&root, false, RenderOptions::default());
    let first = live.rebuild(&Changes::all()).expect("the site builds");
    eprintln!("first build: {} ms", first.took.as_millis());
    live.finish_search().unwrap();
    let mut items: Vec<std::path::PathBuf> = std::fs::read_dir(root.join("content/challenges"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    items.sort();
    let mut totals: Vec<f64> = Vec::new();
    for n in 0..edits {
        let item = &items[(n * 7919) % items.len()];
        let mut text = std::fs::read_to_string(item).unwrap();
        text.push_str(&format!("\nEn sætning nummer {n}.\n"));
        std::fs::write(item, text).unwrap();
        let rebuilt = live
            .rebuild(&Changes {
                content: vec![item.clone()],
                ..Changes::default()
            })
            .unwrap();
        let steps: Vec<String> = rebuilt
            .steps
            .iter()
            .map(|(s, d)| format!("{s} {:.1}", d.as_secs_f64() * 1e3))
            .collect();
        eprintln!(
            "edit {n}: {:.1} ms ({}), {} units",
            rebuilt.took.as_secs_f64() * 1e3,
            steps.join(", "),
            rebuilt.units
        );
        totals.push(rebuilt.took.as_secs_f64() * 1e3);
        if std::env::var_os("SKIP_SEARCH").is_none() {
            live.finish_search().unwrap();
        }
    }
    totals.sort_by(f64::total_cmp);
    println!(
        "median rebuild: {:.1} ms over {edits} edits",
        totals[totals.len() / 2]
    );
}
