use std::time::Instant;
fn main() {
    let root = std::path::PathBuf::from(std::env::args().nth(1).unwrap());
    let t = Instant::now();
    let (loaded, _) = brobygger::load::load_site(&root).unwrap();
    eprintln!("load {:?}", t.elapsed());
    let t = Instant::now();
    let index = brobygger::validate::validate(&loaded).unwrap();
    eprintln!("validate {:?}", t.elapsed());
    let t = Instant::now();
    let site = brobygger::model::build(loaded, &index, false);
    eprintln!("model {:?}", t.elapsed());
    let t = Instant::now();
    let network = brobygger::network::build(&site);
    eprintln!("network {:?}", t.elapsed());
    let t = Instant::now();
    let modelled = brobygger::pipeline::Modelled {
        site: site.into(),
        network: network.into(),
    };
    let files = brobygger::render(&modelled, None).unwrap();
    eprintln!("render {:?}", t.elapsed());
    let t = Instant::now();
    let (n, mb) = (
        files.len(),
        files.iter().map(|f| f.bytes.len()).sum::<usize>() / 1_000_000,
    );
    brobygger::output::write_atomically(
        std::path::Path::new(
            std::env::args()
                .nth(2)
                .as_deref()
                .unwrap_or("/tmp/phase-out"),
        ),
        files,
    )
    .unwrap();
    eprintln!("write {:?} ({n} files, {mb} MB)", t.elapsed());
}
