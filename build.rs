//! The default theme and the starter sites are embedded with `include_dir!`, which cannot tell
//! Cargo about the files it reads: this makes any change under them rebuild the binary.
fn main() {
    println!("cargo:rerun-if-changed=themes/default");
    println!("cargo:rerun-if-changed=src/init/scaffold");
}
