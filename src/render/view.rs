//! What a page is given to show: its template's context, and, for a live preview, a hash of
//! that context. The preview renders a page again only when its hash changed; because the hash
//! is taken of exactly what the template receives, it can never miss something a template
//! reads, whatever a template or a page builder is changed to show.
//!
//! A preview first builds every page's view in *hashing* mode ([`hashing`]): each value is
//! hashed as it is put in and nothing is kept, and a body (the largest value of most pages)
//! hashes by what makes it, not by its resolved HTML ([`ShownBody`]). Only the pages whose
//! hash changed are built again, for Tera, and rendered.

use crate::markdown::{Body, LinkTarget};
use rustc_hash::FxHasher;
use serde::{Serialize, Serializer};
use std::borrow::Cow;
use std::cell::Cell;
use std::hash::{Hash, Hasher};
use tera::Context;

thread_local! {
    static HASHING: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f` with every [`View`] it makes hashing instead of keeping what is put in.
pub(super) fn hashing<R>(f: impl FnOnce() -> R) -> R {
    let before = HASHING.replace(true);
    let result = f();
    HASHING.set(before);
    result
}

/// Whether views are being built to be hashed (see [`hashing`]).
pub(super) fn is_hashing() -> bool {
    HASHING.get()
}

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
    /// As bytes, as they are (the editing forms' Decap bundle).
    Bytes { path: String, bytes: Vec<u8> },
}

impl Made {
    pub fn path(&self) -> &str {
        match self {
            Made::Template(job) => &job.path,
            Made::Text { path, .. } | Made::Bytes { path, .. } => path,
        }
    }

    /// The hash of everything the page is given, with `global` (what every page is given).
    /// Meaningful for a page made while [`hashing`].
    pub fn hash(&self, global: u64) -> u64 {
        let mut h = FxHasher::default();
        h.write_u64(global);
        h.write(self.path().as_bytes());
        match self {
            Made::Template(job) => {
                h.write(job.template.as_bytes());
                h.write_u64(job.context.hash.finish());
            }
            Made::Text { text, .. } => h.write(text.as_bytes()),
            Made::Bytes { bytes, .. } => h.write(bytes),
        }
        h.finish()
    }
}

/// A template's context; while [`hashing`], only the hash of what is put into it.
pub(super) struct View {
    context: Context,
    hash: FxHasher,
    hashing: bool,
}

impl View {
    pub fn new() -> View {
        View {
            context: Context::new(),
            hash: FxHasher::default(),
            hashing: is_hashing(),
        }
    }

    pub fn insert<T: Serialize + ?Sized>(&mut self, key: impl Into<Cow<'static, str>>, value: &T) {
        let key = key.into();
        if self.hashing {
            hash_value(&mut self.hash, &key, value);
        } else {
            self.context.insert(key, value);
        }
    }

    /// What Tera is given; empty for a view built while [`hashing`].
    pub fn context(&self) -> &Context {
        debug_assert!(!self.hashing, "a hashed view has no context to render");
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

/// A body as one page shows it: resolved for that page ([`Body::resolve`]) when Tera takes
/// it. While [`hashing`] it stands for what makes it (the body's fingerprint and the
/// arguments of `resolve`), which hashes in time that does not grow with the text.
pub(super) struct ShownBody<'a> {
    pub body: &'a Body,
    pub root: &'a str,
    pub targets: &'a [LinkTarget],
    pub anchors: &'a str,
    /// How many levels its headings move down.
    pub deeper: u8,
}

impl ShownBody<'_> {
    fn resolve(&self) -> String {
        if self.deeper == 0 {
            self.body.resolve(self.root, self.targets, self.anchors)
        } else {
            self.body
                .resolve_deeper(self.root, self.targets, self.anchors, self.deeper)
        }
    }
}

impl Serialize for ShownBody<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if is_hashing() {
            let mut h = FxHasher::default();
            (
                self.body.fingerprint,
                self.root,
                self.targets,
                self.anchors,
                self.deeper,
            )
                .hash(&mut h);
            serializer.serialize_u64(h.finish())
        } else {
            serializer.serialize_str(&self.resolve())
        }
    }
}
