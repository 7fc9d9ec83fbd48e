//! Times a live preview's rebuilds after one-item edits, step by step, without HTTP:
//! `cargo run --release --example live_rebuild -- SITE [EDITS]`. The site's files are edited
//! (a sentence appended to items), so run it on a copy. Besides the time each rebuild took, it
//! tells the processor time it used on all threads: on a machine busy with other work the
//! first grows with the load, the second much less, so compare builds by the second there.
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
    let mut cpu: Vec<f64> = Vec::new();
    for n in 0..edits {
        let item = &items[(n * 7919) % items.len()];
        let mut text = std::fs::read_to_string(item).unwrap();
        text.push_str(&format!("\nEn sætning nummer {n}.\n"));
        std::fs::write(item, text).unwrap();
        let used = cpu_ms();
        let rebuilt = live
            .rebuild(&Changes {
                content: vec![item.clone()],
                ..Changes::default()
            })
            .unwrap();
        let used = cpu_ms() - used;
        let steps: Vec<String> = rebuilt
            .steps
            .iter()
            .map(|(s, d)| format!("{s} {:.1}", d.as_secs_f64() * 1e3))
            .collect();
        eprintln!(
            "edit {n}: {:.1} ms ({}), {} units, {used:.1} ms of processor time",
            rebuilt.took.as_secs_f64() * 1e3,
            steps.join(", "),
            rebuilt.units
        );
        totals.push(rebuilt.took.as_secs_f64() * 1e3);
        cpu.push(used);
        if std::env::var_os("SKIP_SEARCH").is_none() {
            live.finish_search().unwrap();
        }
    }
    totals.sort_by(f64::total_cmp);
    cpu.sort_by(f64::total_cmp);
    println!(
        "median rebuild: {:.1} ms over {edits} edits, {:.1} ms of processor time",
        totals[totals.len() / 2],
        cpu[cpu.len() / 2]
    );
}

/// The processor time this process used so far, on all its threads, in ms.
#[cfg(unix)]
fn cpu_ms() -> f64 {
    // SAFETY: getrusage only writes the struct it is given.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    if unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) } != 0 {
        return f64::NAN;
    }
    let ms = |t: libc::timeval| t.tv_sec as f64 * 1e3 + t.tv_usec as f64 / 1e3;
    ms(usage.ru_utime) + ms(usage.ru_stime)
}

/// Not told on this system.
#[cfg(not(unix))]
fn cpu_ms() -> f64 {
    f64::NAN
}
