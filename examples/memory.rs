//! Where a build's memory goes: the heap held after each stage and the peak within it, counted
//! by a global allocator (heaptrack gives up on large builds here). Pages are rendered and
//! dropped, not written, so the figures are the program's own.
//!
//! `cargo run --release --example memory -- SITE`

// The renderer's callbacks return the library's `Diagnostic`, as its own do.
#![allow(clippy::result_large_err)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

struct Counting;

static NOW: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let now = NOW.fetch_add(layout.size(), Relaxed) + layout.size();
        PEAK.fetch_max(now, Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        NOW.fetch_sub(layout.size(), Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new: usize) -> *mut u8 {
        // Counted as the old and new blocks both held, as they are while the bytes move.
        let now = NOW.fetch_add(new, Relaxed) + new;
        PEAK.fetch_max(now, Relaxed);
        NOW.fetch_sub(layout.size(), Relaxed);
        unsafe { System.realloc(ptr, layout, new) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

static STARTED: std::sync::Mutex<Option<std::time::Instant>> = std::sync::Mutex::new(None);

fn stage(name: &str) {
    let mib = |b: usize| b as f64 / 1048576.0;
    let mut started = STARTED.lock().unwrap();
    let took = started.map_or(0, |t| t.elapsed().as_millis());
    eprintln!(
        "{name:<28} held {:>8.1} MiB   peak within {:>8.1} MiB   {took:>6} ms",
        mib(NOW.load(Relaxed)),
        mib(PEAK.load(Relaxed))
    );
    PEAK.store(NOW.load(Relaxed), Relaxed);
    *started = Some(std::time::Instant::now());
}

fn main() {
    let root = std::path::PathBuf::from(std::env::args().nth(1).expect("a site folder"));
    *STARTED.lock().unwrap() = Some(std::time::Instant::now());
    let mut pipeline = brobygger::pipeline::Pipeline::new(&root, false);
    let validated = pipeline.validate().expect("a valid site");
    stage("load + validate");
    let pending = brobygger::check::Pending::of(&validated.loaded);
    stage("warnings' sources");
    let modelled = pipeline.model(validated);
    stage("model + network");
    // As a build does: what the pipeline keeps for a next run goes, and the warnings are
    // counted first, after which the files' texts go too.
    drop(pipeline);
    let site = &*modelled.site;
    let published = brobygger::check::published_files(&site.root, &site.config).unwrap_or_default();
    let warnings = pending.count(site, &published, brobygger::load::Date::today());
    stage(&format!("warnings ({warnings})"));
    let (site, network) = (&*modelled.site, &*modelled.network);
    let files = brobygger::search::files(site);
    let bytes: usize = files.iter().map(|f| f.bytes.len()).sum();
    drop(files);
    stage(&format!("search index ({} MB)", bytes / 1_000_000));
    use brobygger::{network::export::render, plan::Export};
    for export in Export::ALL {
        let bytes = render(site, network, export).len();
        stage(&format!("{export:?} ({} KB)", bytes / 1000));
    }
    let theme = brobygger::render::theme::Theme::load(&site.root, &site.config).unwrap();
    let written = AtomicUsize::new(0);
    brobygger::render::render_site(
        site,
        network,
        &theme,
        &Default::default(),
        &|f| {
            written.fetch_add(f.bytes.len(), Relaxed);
            Ok(())
        },
        Some(&|_, fill| fill(&mut std::io::sink())),
    )
    .unwrap();
    stage(&format!(
        "render ({} MB)",
        written.load(Relaxed) / 1_000_000
    ));
}
