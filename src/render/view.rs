//! What a page is given to show: its template's context, and, for a live preview, a hash of
//! that context. The preview renders a page again only when its hash changed; because the hash
//! is taken of exactly what the template receives, it can never miss something a template
//! reads, whatever a template or a page builder is changed to show.
//!
//! A preview first builds every page's view in *hashing* mode (by a renderer made to hash,
//! whose [`View`]s are made with `hashing`): each value is hashed as it is put in and nothing
//! is kept, and a body (the largest value of most pages) hashes by what makes it, not by its
//! resolved HTML ([`ShownBody`]). Only the pages whose hash changed are built again, for
//! Tera, and rendered. After an edit of texts only, the views of item pages and catalogue
//! entries whose item and shared parts did not change are not built at all (see
//! [`super::parts::Given`]).
//!
//! Every page's view is hashed at every edit, so hashing must be cheap: values are fed to the
//! hasher by a serializer of its own ([`Hashing`]), not written out as JSON; a card or link
//! that many pages show is hashed once per render and the views carry its hash ([`Shared`]);
//! a drawing hashes by what it is drawn from ([`Drawing`]). Each stands for exactly the value
//! the template would be given, so none of them is a second list of what a page shows.

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

/// Whether the value being serialised is being hashed rather than given to Tera, for the
/// values that stand for something cheaper while hashed ([`ShownBody`], [`Drawing`], a date).
/// True only inside [`hash_value`] and [`hash_of`]: a serialisation runs start to end on one
/// thread, so the flag cannot leak to other work. Whether a *page* is built for hashing is
/// the renderer's own setting, passed to each [`View`], never a thread's: the pages are built
/// on rayon's threads, where a thread waiting inside one page's parallel work may pick up
/// another page's.
pub(super) fn is_hashing() -> bool {
    HASHING.get()
}

/// Serialises `value` into `h` with [`is_hashing`] set.
fn serialize_hashed<T: Serialize + ?Sized>(h: &mut FxHasher, value: &T) {
    let before = HASHING.replace(true);
    // A value that cannot be serialised fails again, with an error, when Tera takes it.
    let _ = value.serialize(Hashing(h));
    HASHING.set(before);
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

    /// Where the page goes, kept.
    pub fn into_path(self) -> String {
        match self {
            Made::Template(job) => job.path,
            Made::Text { path, .. } | Made::Bytes { path, .. } => path,
        }
    }

    /// The hash of everything the page is given, with `global` (what every page is given).
    /// Meaningful for a page made to be hashed.
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

/// A template's context; for a view made to be hashed, only the hash of what is put into it.
pub(super) struct View {
    context: Context,
    hash: FxHasher,
    hashing: bool,
}

impl View {
    /// A view to render, or with `hashing`, only to hash.
    pub fn new(hashing: bool) -> View {
        View {
            context: Context::new(),
            hash: FxHasher::default(),
            hashing,
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

    /// What Tera is given; empty for a view made to be hashed.
    pub fn context(&self) -> &Context {
        debug_assert!(!self.hashing, "a hashed view has no context to render");
        &self.context
    }
}

/// Hashes `key` and `value`: each value is fed to the hasher as it is serialised, with its
/// type and length, so two values that would give Tera different JSON hash differently.
pub(super) fn hash_value<T: Serialize + ?Sized>(h: &mut FxHasher, key: &str, value: &T) {
    h.write(key.as_bytes());
    h.write_u8(0xff);
    serialize_hashed(h, value);
}

/// The hash of `value` alone (see [`hash_value`]).
pub(super) fn hash_of<T: Serialize + ?Sized>(value: &T) -> u64 {
    let mut h = FxHasher::default();
    serialize_hashed(&mut h, value);
    h.finish()
}

/// A serde serializer that feeds a value into a hasher instead of writing it out: no JSON
/// text is made and no string is escaped only to be hashed.
struct Hashing<'h>(&'h mut FxHasher);

/// What [`Hashing`] can report: only what a value's own `Serialize` says.
#[derive(Debug)]
pub(super) struct Unhashable;

impl std::fmt::Display for Unhashable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a value that cannot be serialised")
    }
}

impl std::error::Error for Unhashable {}

impl serde::ser::Error for Unhashable {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        Unhashable
    }
}

// Tags that keep values of different shapes apart ("a" and ["a"], None and "").
const BOOL: u8 = 1;
const INT: u8 = 2;
const FLOAT: u8 = 3;
const STR: u8 = 4;
const NONE: u8 = 5;
const SOME: u8 = 6;
const UNIT: u8 = 7;
const SEQ: u8 = 8;
const MAP: u8 = 9;
const END: u8 = 10;
const BYTES: u8 = 11;

impl Hashing<'_> {
    fn str(&mut self, v: &str) {
        self.0.write_u8(STR);
        self.0.write_usize(v.len());
        self.0.write(v.as_bytes());
    }

    fn int(&mut self, v: u64) {
        self.0.write_u8(INT);
        self.0.write_u64(v);
    }
}

impl<'h> Serializer for Hashing<'h> {
    type Ok = ();
    type Error = Unhashable;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;

    fn serialize_bool(self, v: bool) -> Result<(), Unhashable> {
        self.0.write_u8(BOOL);
        self.0.write_u8(v as u8);
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<(), Unhashable> {
        self.serialize_i64(v.into())
    }
    fn serialize_i16(self, v: i16) -> Result<(), Unhashable> {
        self.serialize_i64(v.into())
    }
    fn serialize_i32(self, v: i32) -> Result<(), Unhashable> {
        self.serialize_i64(v.into())
    }
    fn serialize_i64(mut self, v: i64) -> Result<(), Unhashable> {
        self.int(v as u64);
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Result<(), Unhashable> {
        self.serialize_u64(v.into())
    }
    fn serialize_u16(self, v: u16) -> Result<(), Unhashable> {
        self.serialize_u64(v.into())
    }
    fn serialize_u32(self, v: u32) -> Result<(), Unhashable> {
        self.serialize_u64(v.into())
    }
    fn serialize_u64(mut self, v: u64) -> Result<(), Unhashable> {
        self.int(v);
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> Result<(), Unhashable> {
        self.serialize_f64(v.into())
    }
    fn serialize_f64(self, v: f64) -> Result<(), Unhashable> {
        self.0.write_u8(FLOAT);
        self.0.write_u64(v.to_bits());
        Ok(())
    }
    fn serialize_char(mut self, v: char) -> Result<(), Unhashable> {
        self.str(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(mut self, v: &str) -> Result<(), Unhashable> {
        self.str(v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), Unhashable> {
        self.0.write_u8(BYTES);
        self.0.write_usize(v.len());
        self.0.write(v);
        Ok(())
    }
    fn serialize_none(self) -> Result<(), Unhashable> {
        self.0.write_u8(NONE);
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Unhashable> {
        self.0.write_u8(SOME);
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Unhashable> {
        self.0.write_u8(UNIT);
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Unhashable> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(
        mut self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Unhashable> {
        self.str(variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Unhashable> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        mut self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Unhashable> {
        self.0.write_u8(MAP);
        self.str(variant);
        value.serialize(Hashing(&mut *self.0))?;
        self.0.write_u8(END);
        Ok(())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self, Unhashable> {
        self.0.write_u8(SEQ);
        Ok(self)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self, Unhashable> {
        self.serialize_seq(None)
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self, Unhashable> {
        self.serialize_seq(None)
    }
    fn serialize_tuple_variant(
        mut self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Self, Unhashable> {
        self.0.write_u8(MAP);
        self.str(variant);
        self.0.write_u8(SEQ);
        Ok(self)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self, Unhashable> {
        self.0.write_u8(MAP);
        Ok(self)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, Unhashable> {
        self.serialize_map(None)
    }
    fn serialize_struct_variant(
        mut self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Self, Unhashable> {
        self.0.write_u8(MAP);
        self.str(variant);
        self.0.write_u8(MAP);
        Ok(self)
    }
}

/// The compound parts of a view (lists, tuples, maps, structs) hash each element in turn and
/// then an end mark, one more for a variant (which opened with its name): so `[a, b]` and
/// `[a], [b]` hash apart. One macro, since serde asks for the same few lines per trait.
macro_rules! hash_compound {
    ($($trait:ident :: $method:ident ($($key:ident)?) ends $ends:literal;)*) => {$(
        impl serde::ser::$trait for Hashing<'_> {
            type Ok = ();
            type Error = Unhashable;
            fn $method<T: Serialize + ?Sized>(
                &mut self,
                $($key: &'static str,)?
                value: &T,
            ) -> Result<(), Unhashable> {
                $(self.str($key);)?
                value.serialize(Hashing(&mut *self.0))
            }
            fn end(self) -> Result<(), Unhashable> {
                for _ in 0..$ends {
                    self.0.write_u8(END);
                }
                Ok(())
            }
        }
    )*};
}

hash_compound! {
    SerializeSeq::serialize_element() ends 1;
    SerializeTuple::serialize_element() ends 1;
    SerializeTupleStruct::serialize_field() ends 1;
    SerializeTupleVariant::serialize_field() ends 2;
    SerializeStruct::serialize_field(key) ends 1;
    SerializeStructVariant::serialize_field(key) ends 2;
}

impl serde::ser::SerializeMap for Hashing<'_> {
    type Ok = ();
    type Error = Unhashable;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Unhashable> {
        key.serialize(Hashing(&mut *self.0))
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unhashable> {
        value.serialize(Hashing(&mut *self.0))
    }
    fn end(self) -> Result<(), Unhashable> {
        self.0.write_u8(END);
        Ok(())
    }
}

/// A body as one page shows it: resolved for that page ([`Body::resolve`]) when Tera takes
/// it. While hashed ([`is_hashing`]) it stands for what makes it (the body's fingerprint and the
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

/// A value that many views show (an item's card, a link to an entry, a partner's link). For a
/// view made to be hashed, a view carries the value's hash, taken once per render and kept in
/// [`SharedHashes`], instead of the value: a card on a hundred pages is made and hashed once.
/// The hash is of the value itself, so it changes whenever what the value shows changes.
pub(super) enum Shared<T> {
    Hashed(u64),
    Shown(T),
}

impl<T: Serialize> Serialize for Shared<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Shared::Hashed(hash) => serializer.serialize_u64(*hash),
            Shared::Shown(value) => value.serialize(serializer),
        }
    }
}

/// The hashes of the [`Shared`] values of one render, one slot per value, each filled the
/// first time a view needs it.
#[derive(Default)]
pub(super) struct SharedHashes(Vec<std::sync::OnceLock<u64>>);

impl SharedHashes {
    pub fn with_slots(n: usize) -> SharedHashes {
        SharedHashes((0..n).map(|_| std::sync::OnceLock::new()).collect())
    }

    /// Slots filled with the hashes of `kept` (a last render's [`SharedHashes::taken`]) where
    /// `keep` says a slot's value is made from the same as then; `n` empty slots when `kept`
    /// has another number of slots.
    pub fn with_kept(n: usize, kept: &[Option<u64>], keep: impl Fn(usize) -> bool) -> SharedHashes {
        if kept.len() != n {
            return SharedHashes::with_slots(n);
        }
        SharedHashes(
            kept.iter()
                .enumerate()
                .map(|(slot, hash)| match hash {
                    Some(hash) if keep(slot) => std::sync::OnceLock::from(*hash),
                    _ => std::sync::OnceLock::new(),
                })
                .collect(),
        )
    }

    /// The hashes this render took, by slot.
    pub fn taken(&self) -> Vec<Option<u64>> {
        self.0.iter().map(|h| h.get().copied()).collect()
    }

    /// The hash `hash` takes, once per render for slot `slot`.
    pub fn hash(&self, slot: usize, hash: impl FnOnce() -> u64) -> u64 {
        match self.0.get(slot) {
            Some(kept) => *kept.get_or_init(hash),
            None => hash(),
        }
    }

    /// The value `make` makes, for the view being built: for a view built to be hashed, its
    /// hash, from slot `slot` when another view already needed it.
    pub fn get<T: Serialize>(
        &self,
        slot: usize,
        hashing: bool,
        make: impl FnOnce() -> T,
    ) -> Shared<T> {
        match self.0.get(slot) {
            Some(hash) if hashing => Shared::Hashed(*hash.get_or_init(|| hash_of(&make()))),
            _ => Shared::Shown(make()),
        }
    }
}

/// A drawing made by `draw` from `inputs`. While hashed ([`is_hashing`]) it stands for its
/// inputs, so an SVG is drawn only for a page that is rendered; since `draw` is given nothing
/// else, the same inputs make the same drawing.
pub(super) struct Drawing<I> {
    pub name: &'static str,
    pub inputs: I,
    pub draw: fn(&I) -> String,
}

impl<I: Serialize> Serialize for Drawing<I> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if is_hashing() {
            (self.name, &self.inputs).serialize(serializer)
        } else {
            serializer.serialize_str(&(self.draw)(&self.inputs))
        }
    }
}
