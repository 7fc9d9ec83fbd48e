//! The kinds of content a knowledge base holds, and what an id may be.

/// What a content file is, named after its folder under `content/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Partner,
    Partnership,
    Challenge,
    Opportunity,
    Recommendation,
    Learning,
    Quote,
    Page,
}

impl Kind {
    pub const ALL: [Kind; 8] = [
        Kind::Partner,
        Kind::Partnership,
        Kind::Challenge,
        Kind::Opportunity,
        Kind::Recommendation,
        Kind::Learning,
        Kind::Quote,
        Kind::Page,
    ];
    /// The kinds that are "things that came up" in partnerships: what partners contribute.
    pub const ITEMS: [Kind; 5] = [
        Kind::Challenge,
        Kind::Opportunity,
        Kind::Recommendation,
        Kind::Learning,
        Kind::Quote,
    ];
    /// The kinds the inspiration catalogue shows, in its order.
    pub const CATALOGUE: [Kind; 3] = [Kind::Challenge, Kind::Opportunity, Kind::Recommendation];

    /// The folder under `content/` and the first segment of the kind's URLs.
    pub fn folder(self) -> &'static str {
        match self {
            Kind::Partner => "partners",
            Kind::Partnership => "partnerships",
            Kind::Challenge => "challenges",
            Kind::Opportunity => "opportunities",
            Kind::Recommendation => "recommendations",
            Kind::Learning => "learnings",
            Kind::Quote => "quotes",
            Kind::Page => "pages",
        }
    }

    /// The folder of an entry's own page, from the site's root: `challenges/x/`.
    pub fn page_folder(self, id: &str) -> String {
        format!("{}/{id}/", self.folder())
    }

    /// The singular name, as used in `kind/id` references' error messages.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Partner => "partner",
            Kind::Partnership => "partnership",
            Kind::Challenge => "challenge",
            Kind::Opportunity => "opportunity",
            Kind::Recommendation => "recommendation",
            Kind::Learning => "learning",
            Kind::Quote => "quote",
            Kind::Page => "page",
        }
    }

    pub fn from_folder(folder: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.folder() == folder)
    }

    pub fn is_item(self) -> bool {
        Kind::ITEMS.contains(&self)
    }
}

/// Whether `id` uses only the characters ids may have.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}
