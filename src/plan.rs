//! The page plan: every file the built site has, as a function of the model, each with the
//! page that produces it. It is the one list of the site's pages: `build` renders it, `check`
//! resolves links against it, the sitemap and the menu are made from it, and `serve` decides
//! from its units what to render again. A new page type is added here (and given a view in
//! `render`), nowhere else.

use crate::config::Compliance;
use crate::load::Kind;
use crate::model::{Ref, Site};

/// What produces a file of the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Page {
    /// An entry's own page: a partner, partnership, item or free page.
    Entry(Ref),
    Front,
    /// The list of every entry of a kind.
    KindIndex(Kind),
    Catalogue,
    Contributions,
    /// The network page, with its table in one order.
    Network(NetworkOrder),
    Tags,
    /// One tag's page, by its place in `Site::tags`.
    Tag(usize),
    Search,
    /// The accessibility statement, when site.yaml gives its compliance.
    Accessibility,
    /// `was/`: a redirect to an external accessibility statement.
    StatementRedirect,
    NotFound,
    Feed,
    /// Only with a base URL: a sitemap lists full addresses.
    Sitemap,
    /// A data export under `data/`.
    Data(Export),
    /// A file of the editing forms, when site.yaml says `cms:`.
    Admin(AdminFile),
}

/// The editing forms' files `build` publishes under `admin/` when site.yaml says `cms:`: the
/// page and its configuration always, the Decap bundle (and its licence notices) when the
/// site keeps them in its own `admin/` folder, where `serve` takes them from too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AdminFile {
    Index,
    Config,
    Bundle,
    BundleLicence,
}

impl AdminFile {
    pub fn path(self) -> &'static str {
        match self {
            AdminFile::Index => "admin/index.html",
            AdminFile::Config => "admin/config.yml",
            AdminFile::Bundle => "admin/decap-cms.js",
            AdminFile::BundleLicence => "admin/decap-cms.js.LICENSE.txt",
        }
    }

    /// The forms' files of the site in `root` whose settings have `cms:`.
    fn of(root: &std::path::Path) -> Vec<AdminFile> {
        let mut files = vec![AdminFile::Index, AdminFile::Config];
        for copied in [AdminFile::Bundle, AdminFile::BundleLicence] {
            if root.join(copied.path()).is_file() {
                files.push(copied);
            }
        }
        files
    }
}

/// The orders the network page's table is offered in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NetworkOrder {
    Name,
    Degree,
    Betweenness,
    Closeness,
}

impl NetworkOrder {
    pub const ALL: [NetworkOrder; 4] = [
        NetworkOrder::Name,
        NetworkOrder::Degree,
        NetworkOrder::Betweenness,
        NetworkOrder::Closeness,
    ];

    /// The key the theme's words and the table's headings use.
    pub fn key(self) -> &'static str {
        match self {
            NetworkOrder::Name => "name",
            NetworkOrder::Degree => "degree",
            NetworkOrder::Betweenness => "betweenness",
            NetworkOrder::Closeness => "closeness",
        }
    }

    pub fn path(self) -> &'static str {
        match self {
            NetworkOrder::Name => "network/index.html",
            NetworkOrder::Degree => "network/degree/index.html",
            NetworkOrder::Betweenness => "network/betweenness/index.html",
            NetworkOrder::Closeness => "network/closeness/index.html",
        }
    }
}

/// The data exports, for spreadsheets and network tools.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Export {
    PartnersCsv,
    ContributionsCsv,
    /// One row per member of each partnership: what it agreed to bring and what it delivered.
    MembersCsv,
    NetworkJson,
    Gexf,
    Kumu,
}

impl Export {
    pub const ALL: [Export; 6] = [
        Export::PartnersCsv,
        Export::ContributionsCsv,
        Export::MembersCsv,
        Export::NetworkJson,
        Export::Gexf,
        Export::Kumu,
    ];

    pub fn path(self) -> &'static str {
        match self {
            Export::PartnersCsv => "data/partners.csv",
            Export::ContributionsCsv => "data/contributions.csv",
            Export::MembersCsv => "data/members.csv",
            Export::NetworkJson => "data/network.json",
            Export::Gexf => "data/network.gexf",
            Export::Kumu => "data/kumu.json",
        }
    }
}

/// A part of the site that is rendered as a whole: one entry's page, or one of the site-wide
/// groups of files. A live preview renders again only the units an edit touched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Unit {
    Entry(Ref),
    Front,
    KindIndex(Kind),
    Catalogue,
    Contributions,
    /// The network pages in their four orders.
    Network,
    /// The tags index and every tag's page.
    Tags,
    /// The pages that show no content: search, the accessibility statement, its redirect, 404.
    Fixed,
    Feed,
    Sitemap,
    /// The data exports under `data/`.
    Data,
    /// The search index under `search/`; its files are named by what it holds, so they are
    /// not in the plan one by one (see [`SEARCH_FOLDER`]).
    SearchIndex,
    /// The theme's and the site's static files, and robots.txt.
    Statics,
    /// The editing forms under `admin/` (a live preview leaves them out: `serve` answers
    /// `/admin/` itself, with its own backend).
    Admin,
}

/// The folder the search index is written to.
pub const SEARCH_FOLDER: &str = "search/";

impl Page {
    pub fn unit(self) -> Unit {
        match self {
            Page::Entry(r) => Unit::Entry(r),
            Page::Front => Unit::Front,
            Page::KindIndex(k) => Unit::KindIndex(k),
            Page::Catalogue => Unit::Catalogue,
            Page::Contributions => Unit::Contributions,
            Page::Network(_) => Unit::Network,
            Page::Tags | Page::Tag(_) => Unit::Tags,
            Page::Search | Page::Accessibility | Page::StatementRedirect | Page::NotFound => {
                Unit::Fixed
            }
            Page::Feed => Unit::Feed,
            Page::Sitemap => Unit::Sitemap,
            Page::Data(_) => Unit::Data,
            Page::Admin(_) => Unit::Admin,
        }
    }

    /// Which part of the site the page belongs to: the main menu marks that part's entry as
    /// the current page, and it names the part's word in the theme's words. An entry belongs
    /// with the list of its kind.
    pub fn section(self, site: &Site) -> &'static str {
        match self {
            Page::Entry(r) => site.entry(r).kind.folder(),
            Page::Front => "home",
            Page::KindIndex(kind) => kind.folder(),
            Page::Catalogue => "catalogue",
            Page::Contributions => "contributions",
            Page::Network(_) => "network",
            Page::Tags | Page::Tag(_) => "tags",
            Page::Search => "search",
            Page::Accessibility => "accessibility",
            Page::StatementRedirect
            | Page::NotFound
            | Page::Feed
            | Page::Sitemap
            | Page::Data(_)
            | Page::Admin(_) => "",
        }
    }

    /// Whether search engines are told of the page: every HTML page a reader navigates to.
    pub fn in_sitemap(self) -> bool {
        !matches!(
            self,
            Page::Network(
                NetworkOrder::Degree | NetworkOrder::Betweenness | NetworkOrder::Closeness
            ) | Page::Search
                | Page::StatementRedirect
                | Page::NotFound
                | Page::Feed
                | Page::Sitemap
                | Page::Data(_)
                | Page::Admin(_)
        )
    }
}

/// One file of the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planned {
    /// Relative to the output folder, with `/` separators.
    pub path: String,
    pub page: Page,
}

/// Every generated file of `site`, the site-wide pages first (they are few and large, so
/// rendering them first keeps every core busy to the end), then each entry's page. The theme's
/// and the site's static files and the search index's files come beside these.
pub fn plan(site: &Site, base_url: Option<&str>) -> Vec<Planned> {
    pages(site, base_url)
        .into_iter()
        .map(|page| Planned {
            path: page.path(site),
            page,
        })
        .collect()
}

/// The site's main menu, in order: the lists of every kind, the catalogue, the contributions,
/// the network, and the topics when the site has any.
pub fn menu(site: &Site) -> Vec<Page> {
    let mut menu: Vec<Page> = [Kind::Partner, Kind::Partnership]
        .into_iter()
        .chain(Kind::ITEMS)
        .map(Page::KindIndex)
        .collect();
    menu.extend([
        Page::Catalogue,
        Page::Contributions,
        Page::Network(NetworkOrder::Name),
    ]);
    if !site.tags.is_empty() {
        menu.push(Page::Tags);
    }
    menu
}

/// The pages of [`plan`] without their paths: what a render that wants only a few of them
/// walks, so that a live preview's rebuild does not name every page of a large site.
pub fn pages(site: &Site, base_url: Option<&str>) -> Vec<Page> {
    let mut pages = Vec::with_capacity(site.partners.len() + site.items.len() + 64);
    pages.extend([Page::Catalogue, Page::Contributions, Page::Front]);
    pages.extend(Kind::ALL.map(Page::KindIndex));
    pages.extend(NetworkOrder::ALL.map(Page::Network));
    pages.push(Page::Tags);
    pages.extend((0..site.tags.len()).map(Page::Tag));
    pages.push(Page::Search);
    if let Some(a) = &site.config.accessibility {
        if a.compliance.is_some() {
            pages.push(Page::Accessibility);
        }
        if statement_url(site).is_some() {
            pages.push(Page::StatementRedirect);
        }
    }
    pages.extend([Page::NotFound, Page::Feed]);
    if base_url.is_some() {
        pages.push(Page::Sitemap);
    }
    pages.extend(Export::ALL.map(Page::Data));
    if site.config.cms.is_some() {
        pages.extend(AdminFile::of(&site.root).into_iter().map(Page::Admin));
    }
    pages.extend(site.all_refs().map(Page::Entry));
    pages
}

impl Page {
    /// Where the page's file goes, relative to the output folder.
    pub fn path(self, site: &Site) -> String {
        match self {
            Page::Entry(r) => site.entry(r).url(),
            Page::Front => "index.html".into(),
            Page::KindIndex(kind) => format!("{}/index.html", kind.folder()),
            Page::Catalogue => "catalogue/index.html".into(),
            Page::Contributions => "contributions/index.html".into(),
            Page::Network(order) => order.path().into(),
            Page::Tags => "tags/index.html".into(),
            Page::Tag(i) => format!("tags/{}/index.html", site.tags[i].slug),
            Page::Search => format!("{SEARCH_FOLDER}index.html"),
            Page::Accessibility => "accessibility/index.html".into(),
            Page::StatementRedirect => "was/index.html".into(),
            Page::NotFound => "404.html".into(),
            Page::Feed => "atom.xml".into(),
            Page::Sitemap => "sitemap.xml".into(),
            Page::Data(export) => export.path().into(),
            Page::Admin(file) => file.path().into(),
        }
    }
}

/// The external accessibility statement's address, when site.yaml gives a safe one.
pub fn statement_url(site: &Site) -> Option<&str> {
    site.config
        .accessibility
        .as_ref()?
        .statement_url
        .as_deref()
        .filter(|u| !crate::markdown::is_dangerous_url(u))
}

/// Where the site's accessibility statement is: (address, whether it is on another site).
pub fn statement(site: &Site) -> Option<(String, bool)> {
    let a = site.config.accessibility.as_ref()?;
    match (statement_url(site), a.compliance) {
        (Some(url), _) => Some((url.to_string(), true)),
        (None, Some(Compliance::Full | Compliance::Partial | Compliance::None)) => {
            Some(("accessibility/index.html".into(), false))
        }
        _ => None,
    }
}
