//! The default theme is embedded with `include_dir!`, which cannot tell Cargo about the files
//! it reads: this makes any change under `themes/default/` rebuild the binary.
fn main() {
    println!("cargo:rerun-if-changed=themes/default");
}
