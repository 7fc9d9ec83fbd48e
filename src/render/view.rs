//! What a page is given to show: its template's context, and, for a live preview, a hash of
//! that context. The preview renders a page again only when its hash changed; because the hash
//! is taken of exactly what the template receives, it can never miss something a template
//! reads, whatever a template or a page builder is changed to show.

use rustc_hash::FxHasher;
use serde::Serialize;
use std::borrow::Cow;
use std::hash::Hasher;
use tera::Context;

/// A page to render from a template: where it goes, with which template, and its own context.
pub(super) struct Job {
    pub path: String,
    pub template: &'static str,
    pub context: View,
}

/// A page as it is about to be made.
pub(super) enum Made {
    /// From a template and its own context.
    Template(Job),
    /// As text, with no template (the network's data files).
    Text { path: String, text: String },
}

impl Made {
    pub fn path(&self) -> &str {
        match self {
            Made::Template(job) => &job.path,
            Made::Text { path, .. } => path,
        }
    }

    /// The hash of everything the page is given, with `global` (what every page is given).
    pub fn hash(&self, global: u64) -> u64 {
        let mut h = FxHasher::default();
        h.write_u64(global);
        h.write(self.path().as_bytes());
        match self {
            Made::Template(job) => {
                h.write(job.template.as_bytes());
                h.write_u64(job.context.hash.as_ref().map_or(0, Hasher::finish));
            }
            Made::Text { text, .. } => h.write(text.as_bytes()),
        }
        h.finish()
    }
}

/// A template's context that can hash what is put into it.
pub(super) struct View {
    context: Context,
    hash: Option<FxHasher>,
}

impl View {
    /// A context; `hashed` also hashes each value put in, for a live preview.
    pub fn new(hashed: bool) -> View {
        View {
            context: Context::new(),
            hash: hashed.then(FxHasher::default),
        }
    }

    pub fn insert<T: Serialize + ?Sized>(&mut self, key: impl Into<Cow<'static, str>>, value: &T) {
        let key = key.into();
        if let Some(h) = &mut self.hash {
            hash_value(h, &key, value);
        }
        self.context.insert(key, value);
    }

    pub fn context(&self) -> &Context {
        &self.context
    }
}

/// Hashes `key` and `value` as JSON: the same value gives the same bytes, so the same hash.
pub(super) fn hash_value<T: Serialize + ?Sized>(h: &mut FxHasher, key: &str, value: &T) {
    h.write(key.as_bytes());
    h.write_u8(0xff);
    // Writing to a hasher cannot fail; a value that cannot be serialised fails again, with
    // an error, when Tera takes it.
    let _ = serde_json::to_writer(HashWriter(h), value);
    h.write_u8(0xfe);
}

/// Feeds written bytes to a hasher.
struct HashWriter<'h>(&'h mut FxHasher);

impl std::io::Write for HashWriter<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.write(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
