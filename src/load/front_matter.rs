//! The front matter of each kind of file, as typed structs. Every struct refuses unknown
//! fields, so a typo such as `partnes:` is an error instead of a silently ignored line.

use super::Date;
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use std::fmt;

/// Declares a front matter struct with the fields every kind shares (`tags`, `draft`, `date`,
/// `updated`) and a `FIELDS` list of every key it takes, for did-you-mean suggestions.
macro_rules! front_matter {
    ($(#[$meta:meta])* $name:ident { $($(#[$fmeta:meta])* $field:ident : $ty:ty),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct $name {
            $($(#[$fmeta])* pub $field: $ty,)*
            #[serde(default)]
            pub tags: Vec<String>,
            #[serde(default)]
            pub draft: bool,
            #[serde(default)]
            pub date: Option<Date>,
            #[serde(default)]
            pub updated: Option<Date>,
            /// Warnings this file silences (used by `check`).
            #[serde(default)]
            pub allow: Vec<String>,
            /// The language the file is written in, when it is not the site's (a quote in
            /// Swedish on a Danish site): pages mark it, so screen readers pronounce it right.
            #[serde(default)]
            pub language: Option<crate::base::Language>,
        }
        impl $name {
            pub const FIELDS: &'static [&'static str] =
                &[$(stringify!($field),)* "tags", "draft", "date", "updated", "allow", "language"];
        }
    };
}

front_matter!(
    /// A partner organisation.
    PartnerMeta {
        name: String,
        /// A shorter form of the name, for places where space is tight (the network drawing).
        #[serde(default)] short_name: Option<String>,
        sector: String,
        #[serde(default)] level: Option<Level>,
        #[serde(default)] website: Option<String>,
        #[serde(default)] logo: Option<String>,
        #[serde(default)] summary: Option<String>,
    }
);

front_matter!(
    /// A partnership of two or more partners.
    PartnershipMeta {
        title: String,
        partners: Vec<MemberRef>,
        #[serde(default)] facilitator: Option<String>,
        #[serde(default)] form: Option<Form>,
        #[serde(default)] start: Option<Date>,
        #[serde(default)] end: Option<Date>,
        #[serde(default)] status: Option<Status>,
        #[serde(default)] goal: Option<String>,
        #[serde(default)] target_group: Option<String>,
        #[serde(default)] milestones: Vec<Milestone>,
        #[serde(default)] agreement: Option<String>,
        /// When the written agreement was signed.
        #[serde(default)] agreed: Option<Date>,
    }
);

front_matter!(
    /// A challenge, opportunity or learning.
    ItemMeta {
        title: String,
        #[serde(default)] partners: Vec<String>,
        #[serde(default)] partnerships: Vec<String>,
        #[serde(default)] catalogue: Option<String>,
        #[serde(default)] number: Option<u32>,
    }
);

front_matter!(
    /// A recommendation: an item that answers challenges.
    RecommendationMeta {
        title: String,
        #[serde(default)] partners: Vec<String>,
        #[serde(default)] partnerships: Vec<String>,
        #[serde(default)] catalogue: Option<String>,
        #[serde(default)] number: Option<u32>,
        #[serde(default)] addresses: Vec<String>,
    }
);

front_matter!(
    /// A quotation; the body is what was said.
    QuoteMeta {
        #[serde(default)] by: Option<String>,
        #[serde(default)] speaker: Option<String>,
        #[serde(default)] partnership: Option<String>,
        #[serde(default)] source: Option<String>,
        #[serde(default)] approved: bool,
    }
);

front_matter!(
    /// A free page (about, method, …).
    PageMeta {
        title: String,
        #[serde(default)] weight: Option<i64>,
    }
);

front_matter!(
    /// The front page's text (`content/_index.md`).
    FrontMeta {
        #[serde(default)] title: Option<String>,
    }
);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Local,
    Regional,
    National,
    European,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Form {
    Network,
    Alliance,
    Partnership,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Planned,
    Active,
    Completed,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Milestone {
    pub date: Date,
    pub title: String,
    #[serde(default)]
    pub done: bool,
}

/// A partner in a partnership's `partners` list: a bare id, or `{id, role, brings,
/// commitment}`.
#[derive(Debug, Clone)]
pub struct MemberRef {
    pub id: String,
    pub role: Option<String>,
    /// The contribution types (keys of site.yaml's `contribution_types`) it agreed to bring.
    pub brings: Vec<String>,
    /// What it committed to, in a few words ("two hours a month").
    pub commitment: Option<String>,
}

impl<'de> Deserialize<'de> for MemberRef {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct MemberVisitor;
        impl<'de> Visitor<'de> for MemberVisitor {
            type Value = MemberRef;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a partner id, or a mapping `{id: ..., role: ..., brings: [...]}`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<MemberRef, E> {
                Ok(MemberRef {
                    id: v.to_string(),
                    role: None,
                    brings: Vec::new(),
                    commitment: None,
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<MemberRef, A::Error> {
                #[derive(Deserialize)]
                #[serde(deny_unknown_fields)]
                struct WithRole {
                    id: String,
                    #[serde(default)]
                    role: Option<String>,
                    #[serde(default)]
                    brings: Vec<String>,
                    #[serde(default)]
                    commitment: Option<String>,
                }
                let m = WithRole::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(MemberRef {
                    id: m.id,
                    role: m.role,
                    brings: m.brings,
                    commitment: m.commitment,
                })
            }
        }
        d.deserialize_any(MemberVisitor)
    }
}
