//! What each build error says, in the site's language: one table per message, so that a
//! facilitator in Denmark or Sweden reads the error (in the terminal and in the live
//! preview's overlay) in the language the site is written in. Codes, files and positions are
//! the same in every language; only the words change.
//!
//! Errors found before `site.yaml` could be read (a missing or unreadable site.yaml) are in
//! the language the command line chose ([`Language::before_settings`]). So are those about
//! the machine rather than the site's text (the output folder, a file that cannot be read).
//! Only a theme's template errors stay English: they are for theme authors, and quote the
//! template engine's English.
//!
//! Why this file is long: it is one table, every error's text in three languages side by
//! side, so that a text is translated where it is written and none is missing in a language.

use super::Kind;
use crate::base::Language;
use crate::base::diagnostic::Diagnostic;

/// One build error, with what its text needs.
#[derive(Debug, Clone)]
pub enum ErrorText {
    /// A front-matter field names something that does not exist; `suggestion` is a close id.
    UnknownReference {
        kind: Kind,
        value: String,
        id: String,
        suggestion: Option<String>,
    },
    /// A front-matter field names a thing of another kind than it takes.
    WrongKindReference {
        key: String,
        kind: Kind,
        value: String,
        actual: Kind,
    },
    /// A front-matter field names a folder that is not a kind.
    UnknownKindReference {
        kind: Kind,
        value: String,
    },
    /// `options` is the list of `[[kind/id]]` forms that say which one is meant.
    AmbiguousWikilink {
        target: String,
        options: Vec<String>,
    },
    UnknownKindWikilink {
        target: String,
    },
    /// `suggestion` is a close target, without the brackets.
    UnknownWikilink {
        target: String,
        id: String,
        suggestion: Option<String>,
    },
    EmptyWikilink,
    DuplicateId {
        id: String,
        other_file: String,
        folder: &'static str,
    },
    DuplicateNumber {
        number: String,
        other_file: String,
        kind: Kind,
    },
    UnknownSector {
        sector: String,
        suggestion: Option<String>,
        sectors: Vec<String>,
    },
    /// A file name with characters an id cannot have; `suggestion` is a valid one.
    BadIdCharacters {
        stem: String,
        suggestion: String,
    },
    BadIdTooLong {
        length: usize,
        max: usize,
        suggestion: String,
    },
    BadIdDevice {
        stem: String,
    },
    BadIdNameless,
    MissingFrontMatter,
    UnclosedFrontMatter,
    TooFewPartners {
        count: usize,
    },
    QuoteWithoutSpeaker,
    /// `fields` are the keys allowed where the unknown one was written.
    UnknownField {
        name: String,
        suggestion: Option<String>,
        fields: Vec<String>,
    },
    /// `path` is the nested key the field is missing from, if it is not at the top.
    MissingField {
        path: Option<String>,
        name: String,
    },
    DuplicateField {
        name: String,
    },
    /// The YAML reader's own account of a repeated key in a mapping.
    DuplicateEntry {
        path: Option<String>,
        detail: String,
    },
    /// `detail` is the date parser's English account, e.g. "month 2 of 2024 has no day 30".
    BadDate {
        path: Option<String>,
        date: String,
        detail: String,
    },
    /// Text that is not valid YAML: `problem` in the site's language, and `detail`, the YAML
    /// reader's own English account, shown below it.
    InvalidYaml {
        problem: YamlProblem,
        detail: String,
    },
    AliasBomb,
    // Files the site may not read (src/load/site_folder.rs). `target` is where a link leads:
    // outside the site, its full path; inside, relative to the site folder.
    LinkOutsideSite {
        target: String,
    },
    LinkToHidden {
        target: String,
    },
    LinkIntoContent {
        target: String,
    },
    LinkIntoOutput {
        target: String,
    },
    NotAFile {
        what: Special,
    },
    /// A file in `static/` over the limit; sizes in bytes.
    StaticTooLarge {
        size: u64,
        max: u64,
    },
    /// Two names in `static/` that are one file where names are compared in Unicode's
    /// normal form (macOS).
    SameNameNormalised {
        other_file: String,
    },
    /// A name in `publish_hidden` that may never be published.
    HiddenNeverPublished {
        name: String,
    },
    // Titles, logos, dates, types and URLs (issue 12): their texts are in `text_of_values`.
    /// A title or name with nothing a reader can see; `invisible` when it is not simply empty.
    EmptyTitle {
        field: String,
        invisible: bool,
    },
    /// A partner's `logo` that is not a file in static/; `suggestion` is a close one there.
    BadLogo {
        logo: String,
        problem: LogoProblem,
        suggestion: Option<String>,
    },
    /// A partnership whose `end` is before its `start`.
    EndBeforeStart {
        start: String,
        end: String,
    },
    /// A value of the wrong type, both sides in words.
    WrongType {
        path: Option<String>,
        expected: Shape,
        found: Shape,
    },
    /// A word that is not one of those a field takes (`status: done`).
    NotAllowedValue {
        path: Option<String>,
        value: String,
        choices: Vec<String>,
    },
    /// A `base_url` (in site.yaml, or `--base-url` if `command_line`) that would run script.
    BadBaseUrl {
        url: String,
        command_line: bool,
    },
    /// A member's `brings:` names a type that site.yaml's `contribution_types` lacks.
    UnknownContributionType {
        value: String,
        suggestion: Option<String>,
        types: Vec<String>,
    },
    /// An item's `catalogue:` names no catalogue of site.yaml.
    UnknownCatalogue {
        value: String,
        suggestion: Option<String>,
        catalogues: Vec<String>,
    },
    /// A `number` without `catalogue:` on a site that declares catalogues.
    NumberWithoutCatalogue {
        catalogues: Vec<String>,
    },
    // The site folder and site.yaml themselves (issue 17): their texts are in `text_of_setup`.
    /// A file under content/ outside every kind's folder; `folder` is a close kind's folder.
    UnknownKindFolder {
        folder: Option<String>,
    },
    /// `root` as the user gave it.
    MissingSiteYaml {
        root: String,
    },
    /// Sizes in bytes.
    SiteYamlTooLarge {
        size: u64,
        max: u64,
    },
    /// `detail` is the system's account (in the system's words).
    SiteYamlUnreadable {
        detail: SystemError,
    },
    SiteYamlNotUtf8 {
        offset: usize,
    },
    /// A content file that cannot be read; `detail` is the system's account.
    ContentUnreadable {
        detail: SystemError,
    },
    /// A content file over the limit; sizes in bytes.
    ContentTooLarge {
        size: u64,
        max: u64,
    },
    /// `utf16`: the file starts with a UTF-16 byte order mark ("Unicode" in Notepad).
    ContentNotUtf8 {
        offset: usize,
        utf16: bool,
    },
    // The site's identity (issue 15): its texts are in `accent_text`.
    /// site.yaml's `accent` that is no colour, or one too light to read on the page.
    BadAccent {
        accent: String,
        problem: AccentProblem,
    },
    // The output folder, site.yaml's own settings, the theme folder and files that cannot be
    // read (issue 17, the rest): their texts are in `text_of_machine`. Paths are as the user
    // gave them; `detail` is the system's account (in the system's words).
    /// An output folder that replacing could destroy something in; `output` as given.
    OutputRefused {
        output: String,
        why: OutputRefusal,
    },
    /// The output folder, or the folder it is in, cannot be changed.
    OutputNotWritable {
        folder: String,
        detail: SystemError,
    },
    /// A file or folder of the output that could not be written.
    OutputUnwritable {
        path: String,
        detail: SystemError,
        cause: WriteFailure,
    },
    /// Two paths of the site that are one where capital letters do not count.
    OutputCaseClash {
        first: String,
        second: String,
    },
    /// A path of the site that would be both a file and a folder.
    OutputFileAndFolder {
        path: String,
    },
    /// An entry of the output brobygger did not write, with the name of one of the site's.
    OutputNotOurs {
        path: String,
    },
    /// An entry of the output that could not be moved in or aside; `mounted`: something is
    /// mounted on it.
    OutputReplace {
        path: String,
        detail: SystemError,
        mounted: bool,
    },
    /// A file in static/ with the path of a page the site generates.
    StaticClash,
    /// A key of site.yaml's `sectors`, `contribution_types` or `catalogues` that is no id.
    BadSettingKey {
        setting: SettingKey,
        key: String,
    },
    /// site.yaml's `sectors:` with none in it.
    NoSectors,
    /// site.yaml's `theme:`; `missing`: a plain name whose folder is not there (else not a
    /// plain folder name at all).
    UnknownTheme {
        name: String,
        missing: bool,
    },
    /// A site folder without content/; `root` as the user gave it.
    MissingContent {
        root: String,
    },
    /// A file (in static/ or a theme) that cannot be read.
    FileUnreadable {
        detail: SystemError,
    },
    /// A file or link under content/, static/ or a theme that a walk of the folder cannot
    /// follow.
    CannotFollow {
        problem: FollowProblem,
    },
    /// A part of the build that failed where it never should (a thread that panicked).
    Internal,
}

/// Why an output folder is refused before anything is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputRefusal {
    /// It is the site folder, or holds it.
    SiteFolder,
    /// It holds a content/ folder (another site's, perhaps).
    HoldsContent,
    /// It is inside content/, static/ or themes/.
    InsideSources,
    FileSystemRoot,
    /// It is a file or a link.
    NotAFolder,
    /// It holds visible files and no marker: brobygger did not write it.
    NotBrobyggers,
    /// A path of the site leads outside it (a theme's file named with `..`).
    PathLeavesOutput,
}

/// What the system said when a file of the output could not be written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteFailure {
    DiskFull,
    NoPermission,
    /// This build's staging folder was removed while it wrote.
    StagingRemoved,
    Other,
    /// A file stands where a folder of the output should be.
    FileInTheWay,
}

/// Which of site.yaml's settings a key is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SettingKey {
    Sector,
    ContributionType,
    Catalogue,
}

/// Why a walk could not follow an entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FollowProblem {
    /// A link back to a folder it is in.
    Loop,
    /// A link to `target`, which does not exist.
    Dangling { target: String },
    /// A link to `target` that cannot be followed.
    Unfollowable { target: String, detail: SystemError },
    /// Not a link: the entry cannot be read.
    Unreadable { detail: SystemError },
}

/// What is wrong with site.yaml's `accent`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum AccentProblem {
    /// Not `#rrggbb` or `#rgb`.
    Malformed,
    /// `accent: #0b4f8a` without quotes, which YAML reads as a comment.
    Unquoted,
    /// Its contrast with the white page (and the white text on it), as a ratio to 1: below
    /// WCAG's 4.5.
    LowContrast(f64),
}

/// What is wrong with a partner's `logo`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogoProblem {
    Empty,
    /// A full web address (or any other scheme): the docs ask for a file in static/.
    Address,
    /// An absolute path, or one with `..`: it would lead outside the site.
    Outside,
    /// No such file in static/.
    Missing,
    /// A hidden file (a name starting with `.`) that `publish_hidden` does not ask for: it is
    /// not published.
    Hidden,
}

/// A kind of YAML value in words: what a field takes, or what was written there. Never a Rust
/// type name (`u32`, `i64`, `a sequence`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shape {
    Text,
    TextValue(String),
    WholeNumber,
    /// A whole number between the two bounds (`number` takes 0 to 4294967295).
    WholeNumberIn(String, String),
    Number(String),
    TrueOrFalse,
    Bool(String),
    List,
    Mapping,
    Nothing,
    Date,
    /// One of these words; empty when they are not known here.
    OneOf(Vec<String>),
    PartnerRef,
    FieldName,
    /// A value of some other kind.
    Other,
}

/// What stands where a file was expected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Special {
    Pipe,
    Socket,
    Device,
}

impl ErrorText {
    /// One of each message, for tests that every one has a text in every language.
    pub fn examples() -> Vec<ErrorText> {
        use ErrorText::*;
        let s = |x: &str| x.to_string();
        let os = |kind, os: &str| SystemError {
            kind,
            os: os.into(),
        };
        vec![
            UnknownReference {
                kind: Kind::Partner,
                value: s("viv"),
                id: s("viv"),
                suggestion: None,
            },
            UnknownReference {
                kind: Kind::Partner,
                value: s("viv"),
                id: s("viv"),
                suggestion: Some(s("vive")),
            },
            WrongKindReference {
                key: s("partners"),
                kind: Kind::Partner,
                value: s("x"),
                actual: Kind::Challenge,
            },
            UnknownKindReference {
                kind: Kind::Partner,
                value: s("x/y"),
            },
            AmbiguousWikilink {
                target: s("x"),
                options: vec![s("[[partners/x]]"), s("[[pages/x]]")],
            },
            UnknownKindWikilink { target: s("x/y") },
            UnknownWikilink {
                target: s("x"),
                id: s("x"),
                suggestion: None,
            },
            UnknownWikilink {
                target: s("x"),
                id: s("x"),
                suggestion: Some(s("y")),
            },
            EmptyWikilink,
            DuplicateId {
                id: s("x"),
                other_file: s("content/partners/x.md"),
                folder: "partners",
            },
            DuplicateNumber {
                number: s("1"),
                other_file: s("content/challenges/x.md"),
                kind: Kind::Challenge,
            },
            UnknownSector {
                sector: s("x"),
                suggestion: None,
                sectors: vec![s("research")],
            },
            UnknownSector {
                sector: s("x"),
                suggestion: Some(s("research")),
                sectors: vec![s("research")],
            },
            BadIdCharacters {
                stem: s("X Y"),
                suggestion: s("x-y"),
            },
            BadIdTooLong {
                length: 200,
                max: 100,
                suggestion: s("x"),
            },
            BadIdDevice { stem: s("con") },
            BadIdNameless,
            MissingFrontMatter,
            UnclosedFrontMatter,
            TooFewPartners { count: 1 },
            QuoteWithoutSpeaker,
            UnknownField {
                name: s("titel"),
                suggestion: Some(s("title")),
                fields: vec![s("title")],
            },
            UnknownField {
                name: s("x"),
                suggestion: None,
                fields: vec![s("title")],
            },
            MissingField {
                path: None,
                name: s("title"),
            },
            DuplicateField { name: s("title") },
            DuplicateEntry {
                path: None,
                detail: s("duplicate entry with key \"a\""),
            },
            BadDate {
                path: None,
                date: s("2024-02-30"),
                detail: s("month 2 of 2024 has no day 30"),
            },
            InvalidYaml {
                problem: YamlProblem::Tab,
                detail: s("tabs disallowed within this context (block indentation)"),
            },
            AliasBomb,
            LinkOutsideSite {
                target: s("/home/x"),
            },
            LinkToHidden {
                target: s(".git/config"),
            },
            LinkIntoContent {
                target: s("content/quotes/x.md"),
            },
            LinkIntoOutput {
                target: s("public"),
            },
            NotAFile {
                what: Special::Pipe,
            },
            StaticTooLarge {
                size: 200 << 20,
                max: 100 << 20,
            },
            SameNameNormalised {
                other_file: s("static/bla\u{30a}.png"),
            },
            HiddenNeverPublished { name: s(".git") },
            EmptyTitle {
                field: s("title"),
                invisible: false,
            },
            EmptyTitle {
                field: s("name"),
                invisible: true,
            },
            BadLogo {
                logo: s(""),
                problem: LogoProblem::Empty,
                suggestion: None,
            },
            BadLogo {
                logo: s("https://example.org/logo.png"),
                problem: LogoProblem::Address,
                suggestion: None,
            },
            BadLogo {
                logo: s("../site.yaml"),
                problem: LogoProblem::Outside,
                suggestion: None,
            },
            BadLogo {
                logo: s("logos/vive.pgn"),
                problem: LogoProblem::Missing,
                suggestion: None,
            },
            BadLogo {
                logo: s("logos/vive.pgn"),
                problem: LogoProblem::Missing,
                suggestion: Some(s("logos/vive.png")),
            },
            BadLogo {
                logo: s(".logos/vive.png"),
                problem: LogoProblem::Hidden,
                suggestion: None,
            },
            EndBeforeStart {
                start: s("2024-01-01"),
                end: s("2023-01-01"),
            },
            WrongType {
                path: Some(s("number")),
                expected: Shape::WholeNumberIn(s("0"), s("4294967295")),
                found: Shape::Number(s("-1")),
            },
            WrongType {
                path: None,
                expected: Shape::Mapping,
                found: Shape::TextValue(s("x")),
            },
            NotAllowedValue {
                path: Some(s("status")),
                value: s("done"),
                choices: vec![s("planned"), s("active"), s("completed")],
            },
            BadBaseUrl {
                url: s("javascript:alert(1)"),
                command_line: false,
            },
            BadBaseUrl {
                url: s("javascript:alert(1)"),
                command_line: true,
            },
            UnknownContributionType {
                value: s("vidn"),
                suggestion: Some(s("viden")),
                types: vec![s("viden"), s("data")],
            },
            UnknownContributionType {
                value: s("x"),
                suggestion: None,
                types: vec![],
            },
            UnknownCatalogue {
                value: s("tre"),
                suggestion: Some(s("tre-partnerskaber")),
                catalogues: vec![s("tre-partnerskaber")],
            },
            UnknownCatalogue {
                value: s("x"),
                suggestion: None,
                catalogues: vec![],
            },
            NumberWithoutCatalogue {
                catalogues: vec![s("tre-partnerskaber"), s("riconfigure")],
            },
            BadAccent {
                accent: s("orange"),
                problem: AccentProblem::Malformed,
            },
            BadAccent {
                accent: s("#0b4f8a"),
                problem: AccentProblem::Unquoted,
            },
            BadAccent {
                accent: s("#f0a030"),
                problem: AccentProblem::LowContrast(2.1),
            },
            UnknownKindFolder {
                folder: Some(s("partners")),
            },
            UnknownKindFolder { folder: None },
            MissingSiteYaml { root: s("mysite") },
            SiteYamlTooLarge {
                size: 2 << 20,
                max: 1 << 20,
            },
            SiteYamlUnreadable {
                detail: os(
                    std::io::ErrorKind::PermissionDenied,
                    "Permission denied (os error 13)",
                ),
            },
            SiteYamlNotUtf8 { offset: 12 },
            ContentUnreadable {
                detail: os(
                    std::io::ErrorKind::PermissionDenied,
                    "Permission denied (os error 13)",
                ),
            },
            ContentTooLarge {
                size: 20 << 20,
                max: 10 << 20,
            },
            ContentNotUtf8 {
                offset: 0,
                utf16: true,
            },
            ContentNotUtf8 {
                offset: 7,
                utf16: false,
            },
            OutputRefused {
                output: s("."),
                why: OutputRefusal::SiteFolder,
            },
            OutputRefused {
                output: s("../other-site"),
                why: OutputRefusal::HoldsContent,
            },
            OutputRefused {
                output: s("content/site"),
                why: OutputRefusal::InsideSources,
            },
            OutputRefused {
                output: s("/"),
                why: OutputRefusal::FileSystemRoot,
            },
            OutputRefused {
                output: s("public"),
                why: OutputRefusal::NotAFolder,
            },
            OutputRefused {
                output: s("/home/me/Documents"),
                why: OutputRefusal::NotBrobyggers,
            },
            OutputRefused {
                output: s("../x"),
                why: OutputRefusal::PathLeavesOutput,
            },
            OutputNotWritable {
                folder: s("./public"),
                detail: os(
                    std::io::ErrorKind::PermissionDenied,
                    "Permission denied (os error 13)",
                ),
            },
            OutputUnwritable {
                path: s("public/x/index.html"),
                detail: os(
                    std::io::ErrorKind::StorageFull,
                    "No space left on device (os error 28)",
                ),
                cause: WriteFailure::DiskFull,
            },
            OutputUnwritable {
                path: s("public/x/index.html"),
                detail: os(
                    std::io::ErrorKind::PermissionDenied,
                    "Permission denied (os error 13)",
                ),
                cause: WriteFailure::NoPermission,
            },
            OutputUnwritable {
                path: s("public/.brobygger-staging-1-2"),
                detail: os(std::io::ErrorKind::Other, ""),
                cause: WriteFailure::StagingRemoved,
            },
            OutputUnwritable {
                path: s("public/x/index.html"),
                detail: os(std::io::ErrorKind::Other, "Input/output error (os error 5)"),
                cause: WriteFailure::Other,
            },
            OutputUnwritable {
                path: s("notes.txt"),
                detail: os(
                    std::io::ErrorKind::AlreadyExists,
                    "File exists (os error 17)",
                ),
                cause: WriteFailure::FileInTheWay,
            },
            OutputCaseClash {
                first: s("Logo.png"),
                second: s("logo.png"),
            },
            OutputFileAndFolder {
                path: s("partners"),
            },
            OutputNotOurs {
                path: s("public/CNAME"),
            },
            OutputReplace {
                path: s("public/media"),
                detail: os(
                    std::io::ErrorKind::ResourceBusy,
                    "Device or resource busy (os error 16)",
                ),
                mounted: true,
            },
            OutputReplace {
                path: s("public/partners"),
                detail: os(
                    std::io::ErrorKind::PermissionDenied,
                    "Permission denied (os error 13)",
                ),
                mounted: false,
            },
            StaticClash,
            BadSettingKey {
                setting: SettingKey::Sector,
                key: s("Forskning"),
            },
            BadSettingKey {
                setting: SettingKey::ContributionType,
                key: s("Viden"),
            },
            BadSettingKey {
                setting: SettingKey::Catalogue,
                key: s("Tre"),
            },
            NoSectors,
            UnknownTheme {
                name: s("egen"),
                missing: true,
            },
            UnknownTheme {
                name: s("../egen"),
                missing: false,
            },
            MissingContent { root: s("mysite") },
            FileUnreadable {
                detail: os(
                    std::io::ErrorKind::PermissionDenied,
                    "Permission denied (os error 13)",
                ),
            },
            CannotFollow {
                problem: FollowProblem::Loop,
            },
            CannotFollow {
                problem: FollowProblem::Dangling {
                    target: s("../gone"),
                },
            },
            CannotFollow {
                problem: FollowProblem::Unfollowable {
                    target: s("/root/x"),
                    detail: os(
                        std::io::ErrorKind::PermissionDenied,
                        "Permission denied (os error 13)",
                    ),
                },
            },
            CannotFollow {
                problem: FollowProblem::Unreadable {
                    detail: os(
                        std::io::ErrorKind::PermissionDenied,
                        "Permission denied (os error 13)",
                    ),
                },
            },
            Internal,
        ]
    }
}

/// A kind with its indefinite article and, if `existing`, the word for "existing", which in
/// Danish and Swedish agrees with the noun's gender.
fn a_kind(kind: Kind, language: Language, existing: bool) -> String {
    let (noun, neuter) = match language {
        Language::En => {
            let a = match (existing, kind) {
                (true, _) => "an existing",
                (false, Kind::Opportunity) => "an",
                _ => "a",
            };
            return format!("{a} {}", kind.name());
        }
        Language::Da => match kind {
            Kind::Partner => ("partner", false),
            Kind::Partnership => ("partnerskab", true),
            Kind::Challenge => ("udfordring", false),
            Kind::Opportunity => ("mulighed", false),
            Kind::Recommendation => ("anbefaling", false),
            Kind::Learning => ("læringspunkt", true),
            Kind::Quote => ("citat", true),
            Kind::Page => ("side", false),
        },
        Language::Sv => match kind {
            Kind::Partner => ("partner", false),
            Kind::Partnership => ("partnerskap", true),
            Kind::Challenge => ("utmaning", false),
            Kind::Opportunity => ("möjlighet", false),
            Kind::Recommendation => ("rekommendation", false),
            Kind::Learning => ("lärdom", false),
            Kind::Quote => ("citat", true),
            Kind::Page => ("sida", false),
        },
    };
    let article = match (language, neuter) {
        (Language::Da, true) => "et",
        (Language::Sv, true) => "ett",
        _ => "en",
    };
    let adjective = match (language, existing, neuter) {
        (_, false, _) => "",
        (Language::Sv, true, true) => "befintligt ",
        (Language::Sv, true, false) => "befintlig ",
        _ => "eksisterende ",
    };
    format!("{article} {adjective}{noun}")
}

/// A kind's bare name, as in "unknown partner".
fn kind_name(kind: Kind, language: Language) -> String {
    let full = a_kind(kind, language, false);
    full.split_once(' ')
        .map_or(full.clone(), |(_, n)| n.to_string())
}

/// "`path`: " before a message about a nested field, nothing at the top.
fn prefix(path: &Option<String>) -> String {
    path.as_ref()
        .map(|p| format!("`{p}`: "))
        .unwrap_or_default()
}

impl ErrorText {
    pub fn code(&self) -> &'static str {
        use ErrorText::*;
        match self {
            UnknownReference { .. } | WrongKindReference { .. } | UnknownKindReference { .. } => {
                "unknown-reference"
            }
            AmbiguousWikilink { .. } | UnknownKindWikilink { .. } | UnknownWikilink { .. } => {
                "unknown-wikilink"
            }
            EmptyWikilink => "empty-wikilink",
            DuplicateId { .. } => "duplicate-id",
            DuplicateNumber { .. } => "duplicate-number",
            UnknownSector { .. } => "unknown-sector",
            BadIdCharacters { .. } | BadIdTooLong { .. } | BadIdDevice { .. } | BadIdNameless => {
                "bad-id"
            }
            MissingFrontMatter => "missing-front-matter",
            UnclosedFrontMatter => "unclosed-front-matter",
            TooFewPartners { .. } => "too-few-partners",
            QuoteWithoutSpeaker => "quote-without-speaker",
            UnknownField { .. } => "unknown-field",
            MissingField { .. } => "missing-field",
            DuplicateField { .. } | DuplicateEntry { .. } => "duplicate-field",
            BadDate { .. } => "bad-date",
            InvalidYaml { .. } | AliasBomb => "invalid-yaml",
            LinkOutsideSite { .. } => "link-outside-site",
            LinkToHidden { .. } => "link-to-hidden",
            LinkIntoContent { .. } => "link-into-content",
            LinkIntoOutput { .. } => "link-into-output",
            NotAFile { .. } => "not-a-file",
            StaticTooLarge { .. } => "file-too-large",
            SameNameNormalised { .. } => "same-name",
            HiddenNeverPublished { .. } => "bad-publish-hidden",
            EmptyTitle { .. } => "empty-title",
            BadLogo { .. } => "bad-logo",
            EndBeforeStart { .. } => "end-before-start",
            WrongType { .. } | NotAllowedValue { .. } => "wrong-type",
            BadBaseUrl { .. } => "bad-url",
            UnknownContributionType { .. } => "unknown-contribution-type",
            UnknownCatalogue { .. } => "unknown-catalogue",
            NumberWithoutCatalogue { .. } => "number-without-catalogue",
            BadAccent { .. } => "bad-accent",
            UnknownKindFolder { .. } => "unknown-kind",
            MissingSiteYaml { .. } => "missing-site-yaml",
            SiteYamlTooLarge { .. } => "file-too-large",
            SiteYamlUnreadable { .. } => "unreadable-file",
            SiteYamlNotUtf8 { .. } | ContentNotUtf8 { .. } => "not-utf8",
            ContentUnreadable { .. } => "unreadable-file",
            ContentTooLarge { .. } => "file-too-large",
            // Problems of the output folder have no code of their own: they are about where
            // the site is written, not about the site; `write` names them in `--format json`.
            OutputRefused { .. }
            | OutputNotWritable { .. }
            | OutputUnwritable { .. }
            | OutputCaseClash { .. }
            | OutputFileAndFolder { .. }
            | OutputNotOurs { .. }
            | OutputReplace { .. } => "write",
            StaticClash => "static-clash",
            BadSettingKey { .. } => "bad-id",
            NoSectors => "missing-field",
            UnknownTheme { .. } => "unknown-theme",
            MissingContent { .. } => "missing-content",
            FileUnreadable { .. } | CannotFollow { .. } => "unreadable-file",
            Internal => "internal",
        }
    }

    /// An error diagnostic about `file` with this text in `language`, not yet placed.
    pub fn diagnostic(&self, file: impl Into<String>, language: Language) -> Diagnostic {
        let (message, help) = self.text(language);
        Diagnostic::error(self.code(), file, message).with_help(help)
    }

    /// (message, help) in `language`.
    pub fn text(&self, language: Language) -> (String, String) {
        use ErrorText::*;
        use Language::*;
        let l = language;
        match self {
            UnknownReference {
                kind,
                value,
                id,
                suggestion,
            } => {
                let message = match l {
                    Da => format!("ukendt {} \"{value}\"", kind_name(*kind, l)),
                    Sv => format!("okänd {} \"{value}\"", kind_name(*kind, l)),
                    En => format!("unknown {} \"{value}\"", kind.name()),
                };
                let folder = kind.folder();
                let existing = a_kind(*kind, l, true);
                let help = match (suggestion, l) {
                    (Some(s), Da) => format!("mente du \"{s}\"?"),
                    (Some(s), Sv) => format!("menade du \"{s}\"?"),
                    (Some(s), En) => format!("did you mean \"{s}\"?"),
                    (None, Da) => {
                        format!("opret content/{folder}/{id}.md, eller brug id'et på {existing}")
                    }
                    (None, Sv) => {
                        format!("skapa content/{folder}/{id}.md, eller använd id:t för {existing}")
                    }
                    (None, En) => {
                        format!("create content/{folder}/{id}.md, or use the id of {existing}")
                    }
                };
                (message, help)
            }
            WrongKindReference {
                key,
                kind,
                value,
                actual,
            } => {
                let want = a_kind(*kind, l, false);
                let is = a_kind(*actual, l, false);
                match l {
                    Da => (
                        format!("`{key}` skal nævne {want}, men \"{value}\" er {is}"),
                        format!("skriv id'et på {want} her"),
                    ),
                    Sv => (
                        format!("`{key}` ska ange {want}, men \"{value}\" är {is}"),
                        format!("skriv id:t för {want} här"),
                    ),
                    En => (
                        format!(
                            "`{key}` takes {} ids, but \"{value}\" is {is}",
                            kind.name()
                        ),
                        format!("name {want} here"),
                    ),
                }
            }
            UnknownKindReference { kind, value } => {
                let folder = kind.folder();
                match l {
                    Da => (
                        format!("ukendt slags i \"{value}\""),
                        format!("skriv kun id'et, eller `{folder}/<id>`"),
                    ),
                    Sv => (
                        format!("okänd sort i \"{value}\""),
                        format!("skriv bara id:t, eller `{folder}/<id>`"),
                    ),
                    En => (
                        format!("unknown kind in \"{value}\""),
                        format!("write the bare id, or `{folder}/<id>`"),
                    ),
                }
            }
            AmbiguousWikilink { target, options } => match l {
                Da => (
                    format!("wikilinket [[{target}]] kan betyde mere end én ting"),
                    format!(
                        "skriv slagsen først, så det er klart hvilken: {}",
                        options.join(" eller ")
                    ),
                ),
                Sv => (
                    format!("wikilänken [[{target}]] kan betyda mer än en sak"),
                    format!(
                        "skriv sorten först, så att det blir tydligt vilken: {}",
                        options.join(" eller ")
                    ),
                ),
                En => (
                    format!("the wikilink [[{target}]] could mean more than one thing"),
                    format!(
                        "say which by writing the kind first: {}",
                        options.join(" or ")
                    ),
                ),
            },
            UnknownKindWikilink { target } => {
                let folders: Vec<&str> = Kind::ALL.iter().map(|k| k.folder()).collect();
                let folders = folders.join(", ");
                match l {
                    Da => (
                        format!("wikilinket [[{target}]] nævner en slags, der ikke findes"),
                        format!("slagsene er: {folders}"),
                    ),
                    Sv => (
                        format!("wikilänken [[{target}]] anger en sort som inte finns"),
                        format!("sorterna är: {folders}"),
                    ),
                    En => (
                        format!("the wikilink [[{target}]] names a kind that does not exist"),
                        format!("the kinds are: {folders}"),
                    ),
                }
            }
            UnknownWikilink {
                target,
                id,
                suggestion,
            } => {
                let message = match l {
                    Da => format!(
                        "wikilinket [[{target}]] fører ingen steder hen: intet har id'et \"{id}\""
                    ),
                    Sv => format!(
                        "wikilänken [[{target}]] leder ingenstans: inget har id:t \"{id}\""
                    ),
                    En => format!(
                        "the wikilink [[{target}]] leads nowhere: nothing has the id \"{id}\""
                    ),
                };
                let help = match (suggestion, l) {
                    (Some(s), Da) => format!("mente du [[{s}]]?"),
                    (Some(s), Sv) => format!("menade du [[{s}]]?"),
                    (Some(s), En) => format!("did you mean [[{s}]]?"),
                    (None, Da) => "link til id'et (filnavnet uden .md) på en partner, et partnerskab, et indhold eller en side".into(),
                    (None, Sv) => "länka till id:t (filnamnet utan .md) för en partner, ett partnerskap, ett inlägg eller en sida".into(),
                    (None, En) => "link to the id (file name without .md) of a partner, partnership, item or page".into(),
                };
                (message, help)
            }
            EmptyWikilink => match l {
                Da => (
                    "dette wikilink peger ikke på noget".into(),
                    "skriv id'et på det, der linkes til, fx [[vive]] eller [[challenges/tid-til-moeder]]".into(),
                ),
                Sv => (
                    "den här wikilänken pekar inte på något".into(),
                    "skriv id:t för det som länkas till, t.ex. [[vive]] eller [[challenges/tid-til-moeder]]".into(),
                ),
                En => (
                    "this wikilink has no target".into(),
                    "write the id of what it links to, e.g. [[vive]] or [[challenges/tid-til-moeder]]".into(),
                ),
            },
            DuplicateId {
                id,
                other_file,
                folder,
            } => match l {
                Da => (
                    format!("id'et \"{id}\" bruges allerede af {other_file}"),
                    format!("et id må kun bruges én gang i {folder}: giv den ene af de to filer et nyt navn"),
                ),
                Sv => (
                    format!("id:t \"{id}\" används redan av {other_file}"),
                    format!("ett id får bara användas en gång i {folder}: byt namn på en av de två filerna"),
                ),
                En => (
                    format!("the id \"{id}\" is already used by {other_file}"),
                    format!("ids must be unique within {folder}: rename one of the two files"),
                ),
            },
            DuplicateNumber {
                number,
                other_file,
                kind,
            } => {
                let each = kind_name(*kind, l);
                match l {
                    Da => (
                        format!("nummer {number} bruges allerede af {other_file}"),
                        format!("hver {each} i kataloget skal have sit eget nummer"),
                    ),
                    Sv => (
                        format!("nummer {number} används redan av {other_file}"),
                        format!("varje {each} i katalogen behöver ett eget nummer"),
                    ),
                    En => (
                        format!("number {number} is already used by {other_file}"),
                        format!("each {} in the catalogue needs its own number", kind.name()),
                    ),
                }
            }
            UnknownSector {
                sector,
                suggestion,
                sectors,
            } => {
                let keys = sectors.join(", ");
                let message = match l {
                    Da => format!("ukendt sektor \"{sector}\""),
                    Sv => format!("okänd sektor \"{sector}\""),
                    En => format!("unknown sector \"{sector}\""),
                };
                let help = match (suggestion, l) {
                    (Some(s), Da) => format!("mente du \"{s}\"? Sektorerne i site.yaml er: {keys}"),
                    (Some(s), Sv) => format!("menade du \"{s}\"? Sektorerna i site.yaml är: {keys}"),
                    (Some(s), En) => format!("did you mean \"{s}\"? The sectors in site.yaml are: {keys}"),
                    (None, Da) => format!("brug en af sektorerne i site.yaml ({keys}), eller tilføj denne der"),
                    (None, Sv) => format!("använd en av sektorerna i site.yaml ({keys}), eller lägg till den här där"),
                    (None, En) => format!("use one of the sectors in site.yaml ({keys}), or add this one there"),
                };
                (message, help)
            }
            BadIdCharacters { stem, suggestion } => match l {
                Da => (
                    format!("filnavnet \"{stem}\" kan ikke bruges som id"),
                    format!("et id har kun små bogstaver a-z, tal 0-9 og -: omdøb filen til `{suggestion}.md`"),
                ),
                Sv => (
                    format!("filnamnet \"{stem}\" kan inte användas som id"),
                    format!("ett id har bara små bokstäver a-z, siffror 0-9 och -: byt namn på filen till `{suggestion}.md`"),
                ),
                En => (
                    format!("the file name \"{stem}\" is not a valid id"),
                    format!("ids use only lowercase a-z, 0-9 and -: rename the file to `{suggestion}.md`"),
                ),
            },
            BadIdTooLong {
                length,
                max,
                suggestion,
            } => match l {
                Da => (
                    format!("filnavnet er {length} tegn langt; et id må højst være {max}"),
                    format!("id'et indgår i sidens adresse og mappe, og nogle systemer kan ikke rumme lange navne: omdøb filen til `{suggestion}.md`"),
                ),
                Sv => (
                    format!("filnamnet är {length} tecken långt; ett id får vara högst {max}"),
                    format!("id:t ingår i sidans adress och mapp, och vissa system klarar inte långa namn: byt namn på filen till `{suggestion}.md`"),
                ),
                En => (
                    format!("the file name is {length} characters long; an id can be at most {max}"),
                    format!("the id is part of the page's address and folder, which some systems cannot hold when long: rename the file to `{suggestion}.md`"),
                ),
            },
            BadIdDevice { stem } => match l {
                Da => (
                    format!("filnavnet \"{stem}\" er et navn, Windows har reserveret til en enhed"),
                    format!("en mappe med navnet `{stem}` kan ikke findes på Windows, så det færdige site kunne ikke kopieres dertil: omdøb filen, fx til `{stem}-1.md`"),
                ),
                Sv => (
                    format!("filnamnet \"{stem}\" är ett namn som Windows reserverar för en enhet"),
                    format!("en mapp som heter `{stem}` kan inte finnas på Windows, så den färdiga webbplatsen skulle inte gå att kopiera dit: byt namn på filen, t.ex. till `{stem}-1.md`"),
                ),
                En => (
                    format!("the file name \"{stem}\" is a name Windows keeps for a device"),
                    format!("a folder called `{stem}` cannot exist on Windows, so the built site could not be copied there: rename the file, e.g. to `{stem}-1.md`"),
                ),
            },
            BadIdNameless => match l {
                Da => (
                    "denne fil har intet navn, kun endelsen .md".into(),
                    "giv filen et navn efter det, den handler om, fx `tid-til-moeder.md`: navnet er dens id".into(),
                ),
                Sv => (
                    "den här filen har inget namn, bara ändelsen .md".into(),
                    "ge filen ett namn efter det den handlar om, t.ex. `tid-til-moeder.md`: namnet är dess id".into(),
                ),
                En => (
                    "this file has no name, only the ending .md".into(),
                    "name the file after what it is about, e.g. `tid-til-moeder.md`: the name is its id".into(),
                ),
            },
            MissingFrontMatter => match l {
                Da => (
                    "filen begynder ikke med front matter".into(),
                    "begynd filen med en linje `---`, felterne (fx `title: ...`) og endnu en linje `---`".into(),
                ),
                Sv => (
                    "filen börjar inte med front matter".into(),
                    "börja filen med en rad `---`, fälten (t.ex. `title: ...`) och ännu en rad `---`".into(),
                ),
                En => (
                    "this file does not start with front matter".into(),
                    "begin the file with a line `---`, the fields (e.g. `title: ...`), and another line `---`".into(),
                ),
            },
            UnclosedFrontMatter => match l {
                Da => (
                    "front matter bliver aldrig afsluttet".into(),
                    "tilføj en linje med kun `---` efter det sidste felt, før teksten begynder".into(),
                ),
                Sv => (
                    "front matter avslutas aldrig".into(),
                    "lägg till en rad med bara `---` efter det sista fältet, innan texten börjar".into(),
                ),
                En => (
                    "the front matter is never closed".into(),
                    "add a line with only `---` after the last field, before the text begins".into(),
                ),
            },
            TooFewPartners { count } => match l {
                Da => (
                    format!("et partnerskab skal have mindst to partnere; dette har {count}"),
                    "skriv alle partnere under `partners:`, fx `partners: [vive, teamarbejdsliv]`".into(),
                ),
                Sv => (
                    format!("ett partnerskap behöver minst två partner; det här har {count}"),
                    "skriv alla partner under `partners:`, t.ex. `partners: [vive, teamarbejdsliv]`".into(),
                ),
                En => (
                    format!("a partnership needs at least two partners; this one has {count}"),
                    "list every partner under `partners:`, e.g. `partners: [vive, teamarbejdsliv]`".into(),
                ),
            },
            QuoteWithoutSpeaker => match l {
                Da => (
                    "citatet siger hverken, hvem der sagde det (`by`), eller i hvilken rolle (`speaker`)".into(),
                    "tilføj `by: <partner-id>` eller `speaker: projektdeltager`".into(),
                ),
                Sv => (
                    "citatet säger varken vem som sa det (`by`) eller i vilken roll (`speaker`)".into(),
                    "lägg till `by: <partner-id>` eller `speaker: projektdeltagare`".into(),
                ),
                En => (
                    "this quote says neither who said it (`by`) nor in what role (`speaker`)".into(),
                    "add `by: <partner id>` or `speaker: projektdeltager`".into(),
                ),
            },
            UnknownField {
                name,
                suggestion,
                fields,
            } => {
                let fields = fields.join(", ");
                let message = match l {
                    Da => format!("ukendt felt `{name}`"),
                    Sv => format!("okänt fält `{name}`"),
                    En => format!("unknown field `{name}`"),
                };
                let help = match (suggestion, l) {
                    (Some(s), Da) => format!("mente du `{s}`? Felterne her er: {fields}"),
                    (Some(s), Sv) => format!("menade du `{s}`? Fälten här är: {fields}"),
                    (Some(s), En) => format!("did you mean `{s}`? Fields here are: {fields}"),
                    (None, Da) => format!("fjern det, eller brug et af de felter, der er tilladt her: {fields}"),
                    (None, Sv) => format!("ta bort det, eller använd ett av fälten som är tillåtna här: {fields}"),
                    (None, En) => format!("remove it, or use one of the fields allowed here: {fields}"),
                };
                (message, help)
            }
            MissingField { path, name } => {
                let p = prefix(path);
                match l {
                    Da => (
                        format!("{p}det påkrævede felt `{name}` mangler"),
                        format!("tilføj en linje `{name}: ...`"),
                    ),
                    Sv => (
                        format!("{p}det obligatoriska fältet `{name}` saknas"),
                        format!("lägg till en rad `{name}: ...`"),
                    ),
                    En => (
                        format!("{p}missing required field `{name}`"),
                        format!("add a line `{name}: ...`"),
                    ),
                }
            }
            DuplicateField { name } => match l {
                Da => (
                    format!("feltet `{name}` står der to gange"),
                    "hvert felt må kun stå én gang: fjern det gentagne, eller slå de to sammen".into(),
                ),
                Sv => (
                    format!("fältet `{name}` finns två gånger"),
                    "varje fält får bara finnas en gång: ta bort det upprepade, eller slå ihop de två".into(),
                ),
                En => (
                    format!("the field `{name}` is given twice"),
                    "each field may appear once: remove or merge the repeated one".into(),
                ),
            },
            DuplicateEntry { path, detail } => {
                let p = prefix(path);
                match l {
                    Da => (
                        format!("{p}en nøgle står der to gange ({detail})"),
                        "hver nøgle må kun stå én gang: fjern den gentagne, eller slå de to sammen".into(),
                    ),
                    Sv => (
                        format!("{p}en nyckel finns två gånger ({detail})"),
                        "varje nyckel får bara finnas en gång: ta bort den upprepade, eller slå ihop de två".into(),
                    ),
                    En => (
                        format!("{p}{detail}"),
                        "each key may appear once: remove or merge the repeated one".into(),
                    ),
                }
            }
            BadDate { path, date, detail } => {
                let p = prefix(path);
                match l {
                    Da => (
                        format!("{p}`{date}` er ikke en gyldig dato"),
                        "skriv datoer som ÅÅÅÅ-MM-DD, fx 2024-03-13, og tjek at dagen findes i måneden; kendes kun måned eller år, så skriv 2024-03 eller 2024".into(),
                    ),
                    Sv => (
                        format!("{p}`{date}` är inte ett giltigt datum"),
                        "skriv datum som ÅÅÅÅ-MM-DD, t.ex. 2024-03-13, och kontrollera att dagen finns i månaden; är bara månad eller år känt, skriv 2024-03 eller 2024".into(),
                    ),
                    En => (
                        format!("{p}bad date `{date}`: {detail}"),
                        "write dates as YYYY-MM-DD, e.g. 2024-03-13; where only the month or the year is known, 2024-03 or 2024".into(),
                    ),
                }
            }
            InvalidYaml { problem, detail } => problem.text(detail, l),
            AliasBomb => match l {
                Da => (
                    "ugyldig YAML: aliasserne (`*navn`) her gentager deres ankres tekst så mange gange, at det ikke kan være i hukommelsen".into(),
                    "skriv hver værdi helt ud i stedet for at gentage den med `&navn` og `*navn`".into(),
                ),
                Sv => (
                    "ogiltig YAML: aliasen (`*namn`) här upprepar sina ankares text så många gånger att det inte ryms i minnet".into(),
                    "skriv ut varje värde helt i stället för att upprepa det med `&namn` och `*namn`".into(),
                ),
                En => (
                    "invalid YAML: the aliases (`*name`) here repeat their anchors' text so often that it would not fit in memory".into(),
                    "write each value out in full instead of repeating it with `&name` and `*name`".into(),
                ),
            },
            LinkOutsideSite { target } => match l {
                Da => (
                    format!("dette link fører uden for sitets mappe, til {target}"),
                    "brobygger læser kun filer inde i sitets mappe, så intet andet fra denne computer bliver offentliggjort ved en fejl: kopiér filen eller mappen ind i sitet i stedet for at linke til den".into(),
                ),
                Sv => (
                    format!("den här länken leder utanför webbplatsens mapp, till {target}"),
                    "brobygger läser bara filer inne i webbplatsens mapp, så att inget annat från den här datorn publiceras av misstag: kopiera filen eller mappen in i webbplatsen i stället för att länka till den".into(),
                ),
                En => (
                    format!("this link leads outside the site folder, to {target}"),
                    "brobygger reads only files inside the site folder, so that nothing from elsewhere on this computer is published by mistake: copy the file or folder into the site instead of linking to it".into(),
                ),
            },
            LinkToHidden { target } => match l {
                Da => (
                    format!("dette link fører til {target}, en skjult fil eller mappe"),
                    "skjulte filer (som .git og .env) kan rumme adgangskoder og læses aldrig: kopiér det, der skal med, til en fil uden punktum foran navnet".into(),
                ),
                Sv => (
                    format!("den här länken leder till {target}, en dold fil eller mapp"),
                    "dolda filer (som .git och .env) kan innehålla lösenord och läses aldrig: kopiera det som ska med till en fil utan punkt före namnet".into(),
                ),
                En => (
                    format!("this link leads to {target}, a hidden file or folder"),
                    "hidden files (such as .git and .env) can hold passwords and are never read: copy what the site needs into a file whose name does not start with a dot".into(),
                ),
            },
            LinkIntoContent { target } => match l {
                Da => (
                    format!("dette link fører ind i content/ ({target}), og dets rå Markdown ville blive offentliggjort"),
                    "content/ rummer kladder og citater, der ikke er godkendt: fjern linket, og link til siden, som sitet bygger, i stedet".into(),
                ),
                Sv => (
                    format!("den här länken leder in i content/ ({target}), och dess råa Markdown skulle publiceras"),
                    "content/ innehåller utkast och citat som inte är godkända: ta bort länken och länka till sidan som webbplatsen bygger i stället".into(),
                ),
                En => (
                    format!("this link leads into content/ ({target}), whose raw Markdown would be published"),
                    "content/ holds drafts and quotes that are not approved: remove the link, and link to the page the site builds instead".into(),
                ),
            },
            LinkIntoOutput { target } => match l {
                Da => (
                    format!("dette link fører ind i et site, som brobygger har bygget ({target})"),
                    "sitet ville blive kopieret ind i sig selv og vokse ved hver bygning: fjern linket".into(),
                ),
                Sv => (
                    format!("den här länken leder in i en webbplats som brobygger har byggt ({target})"),
                    "webbplatsen skulle kopieras in i sig själv och växa vid varje bygge: ta bort länken".into(),
                ),
                En => (
                    format!("this link leads into a site brobygger built ({target})"),
                    "the site would be copied into itself and grow with every build: remove the link".into(),
                ),
            },
            NotAFile { what } => {
                use Special::*;
                let thing = match (what, l) {
                    (Pipe, Da) => "et navngivet rør (named pipe)",
                    (Socket, Da) => "en socket",
                    (Device, Da) => "en enhed",
                    (Pipe, Sv) => "ett namngivet rör (named pipe)",
                    (Socket, Sv) => "en socket",
                    (Device, Sv) => "en enhet",
                    (Pipe, En) => "a named pipe",
                    (Socket, En) => "a socket",
                    (Device, En) => "a device",
                };
                match l {
                    Da => (
                        format!("dette er {thing}, ikke en fil"),
                        "brobygger læser kun almindelige filer: fjern det, eller erstat det med en fil".into(),
                    ),
                    Sv => (
                        format!("det här är {thing}, inte en fil"),
                        "brobygger läser bara vanliga filer: ta bort det, eller ersätt det med en fil".into(),
                    ),
                    En => (
                        format!("this is {thing}, not a file"),
                        "brobygger reads only regular files: remove it, or put a file in its place".into(),
                    ),
                }
            }
            StaticTooLarge { size, max } => {
                let mb = |b: &u64| format!("{} MB", b.div_ceil(1024 * 1024));
                match l {
                    Da => (
                        format!("denne fil fylder {}; en fil i static/ må højst fylde {}", mb(size), mb(max)),
                        "læg store filer (video, store datasæt) hos en filtjeneste, og link til dem".into(),
                    ),
                    Sv => (
                        format!("den här filen är {}; en fil i static/ får vara högst {}", mb(size), mb(max)),
                        "lägg stora filer (video, stora datamängder) hos en filtjänst och länka till dem".into(),
                    ),
                    En => (
                        format!("this file is {}; a file in static/ can be at most {}", mb(size), mb(max)),
                        "put large files (video, big data sets) on a file host and link to them".into(),
                    ),
                }
            }
            SameNameNormalised { other_file } => match l {
                Da => (
                    format!("dette navn er det samme som {other_file}, blot skrevet med andre Unicode-tegn for de samme bogstaver"),
                    "på macOS er de én fil: omdøb den ene".into(),
                ),
                Sv => (
                    format!("det här namnet är detsamma som {other_file}, bara skrivet med andra Unicode-tecken för samma bokstäver"),
                    "på macOS är de en fil: byt namn på den ena".into(),
                ),
                En => (
                    format!("this name is the same as {other_file}, written with other Unicode characters for the same letters"),
                    "on macOS they are one file: rename one of them".into(),
                ),
            },
            HiddenNeverPublished { name } => match l {
                Da => (
                    format!("`publish_hidden` nævner {name}, som aldrig offentliggøres"),
                    ".git kan rumme adgangskoder, og .brobygger er brobyggers eget mærke: fjern navnet fra listen".into(),
                ),
                Sv => (
                    format!("`publish_hidden` nämner {name}, som aldrig publiceras"),
                    ".git kan innehålla lösenord, och .brobygger är brobyggers egen markering: ta bort namnet från listan".into(),
                ),
                En => (
                    format!("`publish_hidden` names {name}, which is never published"),
                    ".git can hold passwords, and .brobygger is brobygger's own marker: remove the name from the list".into(),
                ),
            },
            EmptyTitle { .. }
            | BadLogo { .. }
            | EndBeforeStart { .. }
            | WrongType { .. }
            | NotAllowedValue { .. }
            | BadBaseUrl { .. } => self.text_of_values(l),
            UnknownContributionType { .. }
            | UnknownCatalogue { .. }
            | NumberWithoutCatalogue { .. } => self.text_of_relations(l),
            BadAccent { accent, problem } => accent_text(accent, *problem, l),
            UnknownKindFolder { .. }
            | MissingSiteYaml { .. }
            | SiteYamlTooLarge { .. }
            | SiteYamlUnreadable { .. }
            | SiteYamlNotUtf8 { .. }
            | ContentUnreadable { .. }
            | ContentTooLarge { .. }
            | ContentNotUtf8 { .. } => self.text_of_setup(l),
            OutputRefused { .. }
            | OutputNotWritable { .. }
            | OutputUnwritable { .. }
            | OutputCaseClash { .. }
            | OutputFileAndFolder { .. }
            | OutputNotOurs { .. }
            | OutputReplace { .. }
            | StaticClash
            | BadSettingKey { .. }
            | NoSectors
            | UnknownTheme { .. }
            | MissingContent { .. }
            | FileUnreadable { .. }
            | CannotFollow { .. }
            | Internal => self.text_of_machine(l),
        }
    }

    /// The texts of the errors in what partners agreed to bring and which catalogue an item
    /// belongs to.
    fn text_of_relations(&self, l: Language) -> (String, String) {
        use ErrorText::*;
        use Language::*;
        match self {
            UnknownContributionType {
                value,
                suggestion,
                types,
            } => {
                let keys = types.join(", ");
                let message = match l {
                    Da => format!("ukendt bidragstype \"{value}\" i `brings:`"),
                    Sv => format!("okänd bidragstyp \"{value}\" i `brings:`"),
                    En => format!("unknown contribution type \"{value}\" in `brings:`"),
                };
                let help = match (suggestion, types.is_empty(), l) {
                    (Some(s), _, Da) => {
                        format!("mente du \"{s}\"? Bidragstyperne i site.yaml er: {keys}")
                    }
                    (Some(s), _, Sv) => {
                        format!("menade du \"{s}\"? Bidragstyperna i site.yaml är: {keys}")
                    }
                    (Some(s), _, En) => format!(
                        "did you mean \"{s}\"? The contribution types in site.yaml are: {keys}"
                    ),
                    (None, true, Da) => format!(
                        "site.yaml har ingen `contribution_types:`: tilføj fx `contribution_types: {{{value}: ...}}` med en læsbar betegnelse"
                    ),
                    (None, true, Sv) => format!(
                        "site.yaml har inga `contribution_types:`: lägg till t.ex. `contribution_types: {{{value}: ...}}` med en läsbar benämning"
                    ),
                    (None, true, En) => format!(
                        "site.yaml has no `contribution_types:`: add e.g. `contribution_types: {{{value}: ...}}` with a readable label"
                    ),
                    (None, false, Da) => format!(
                        "brug en af bidragstyperne i site.yaml ({keys}), eller tilføj denne der"
                    ),
                    (None, false, Sv) => format!(
                        "använd en av bidragstyperna i site.yaml ({keys}), eller lägg till den här där"
                    ),
                    (None, false, En) => format!(
                        "use one of the contribution types in site.yaml ({keys}), or add this one there"
                    ),
                };
                (message, help)
            }
            UnknownCatalogue {
                value,
                suggestion,
                catalogues,
            } => {
                let keys = catalogues.join(", ");
                let message = match l {
                    Da => format!("ukendt katalog \"{value}\""),
                    Sv => format!("okänd katalog \"{value}\""),
                    En => format!("unknown catalogue \"{value}\""),
                };
                let help = match (suggestion, catalogues.is_empty(), l) {
                    (Some(s), _, Da) => {
                        format!("mente du \"{s}\"? Katalogerne i site.yaml er: {keys}")
                    }
                    (Some(s), _, Sv) => {
                        format!("menade du \"{s}\"? Katalogerna i site.yaml är: {keys}")
                    }
                    (Some(s), _, En) => {
                        format!("did you mean \"{s}\"? The catalogues in site.yaml are: {keys}")
                    }
                    (None, true, Da) => format!(
                        "site.yaml har ingen `catalogues:`: tilføj `catalogues: {{{value}: {{title: ..., source: ...}}}}`, eller fjern `catalogue:`"
                    ),
                    (None, true, Sv) => format!(
                        "site.yaml har inga `catalogues:`: lägg till `catalogues: {{{value}: {{title: ..., source: ...}}}}`, eller ta bort `catalogue:`"
                    ),
                    (None, true, En) => format!(
                        "site.yaml has no `catalogues:`: add `catalogues: {{{value}: {{title: ..., source: ...}}}}`, or remove `catalogue:`"
                    ),
                    (None, false, Da) => format!(
                        "brug et af katalogerne i site.yaml ({keys}), eller tilføj dette der"
                    ),
                    (None, false, Sv) => format!(
                        "använd en av katalogerna i site.yaml ({keys}), eller lägg till den här där"
                    ),
                    (None, false, En) => format!(
                        "use one of the catalogues in site.yaml ({keys}), or add this one there"
                    ),
                };
                (message, help)
            }
            NumberWithoutCatalogue { catalogues } => {
                let keys = catalogues.join(", ");
                match l {
                    Da => (
                        "`number:` uden `catalogue:`: site.yaml angiver kataloger, så nummeret siger ikke, hvilket det hører til".into(),
                        format!("skriv `catalogue:` med et af katalogerne i site.yaml ({keys}), eller fjern `number:`"),
                    ),
                    Sv => (
                        "`number:` utan `catalogue:`: site.yaml anger kataloger, så numret säger inte vilken det hör till".into(),
                        format!("skriv `catalogue:` med en av katalogerna i site.yaml ({keys}), eller ta bort `number:`"),
                    ),
                    En => (
                        "`number:` without `catalogue:`: the site declares catalogues, so the number does not say which one it belongs to".into(),
                        format!("add `catalogue:` with one of the catalogues in site.yaml ({keys}), or remove `number:`"),
                    ),
                }
            }
            _ => unreachable!("text_of_relations is called only for its own errors"),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Titles, logos, dates, types and URLs (issue 12).

impl Shape {
    /// The shape in words, as in "expected a whole number".
    fn words(&self, l: Language) -> String {
        use Language::*;
        use Shape::*;
        let one_of = |choices: &[String], lead: &str, unknown: &str| {
            if choices.is_empty() {
                unknown.to_string()
            } else {
                let list: Vec<String> = choices.iter().map(|c| format!("`{c}`")).collect();
                format!("{lead}{}", list.join(", "))
            }
        };
        match (self, l) {
            (Text, Da) => "tekst".into(),
            (Text, Sv | En) => "text".into(),
            (TextValue(v), Da) => format!("teksten \"{v}\""),
            (TextValue(v), Sv) => format!("texten \"{v}\""),
            (TextValue(v), En) => format!("text \"{v}\""),
            (WholeNumber, Da) => "et helt tal".into(),
            (WholeNumber, Sv) => "ett heltal".into(),
            (WholeNumber, En) => "a whole number".into(),
            (WholeNumberIn(lo, hi), Da) => format!("et helt tal fra {lo} til {hi}"),
            (WholeNumberIn(lo, hi), Sv) => format!("ett heltal från {lo} till {hi}"),
            (WholeNumberIn(lo, hi), En) => format!("a whole number from {lo} to {hi}"),
            (Number(n), Da) => format!("tallet {n}"),
            (Number(n), Sv) => format!("talet {n}"),
            (Number(n), En) => format!("the number {n}"),
            (TrueOrFalse, Da | Sv) => "true eller false".into(),
            (TrueOrFalse, En) => "true or false".into(),
            (Bool(b), Da) => format!("værdien {b}"),
            (Bool(b), Sv) => format!("värdet {b}"),
            (Bool(b), En) => format!("the value {b}"),
            (List, Da) => "en liste".into(),
            (List, Sv) => "en lista".into(),
            (List, En) => "a list".into(),
            (Mapping, Da) => "felter (linjer med nøgle: værdi)".into(),
            (Mapping, Sv) => "fält (rader med nyckel: värde)".into(),
            (Mapping, En) => "a mapping (key: value lines)".into(),
            (Nothing, Da | Sv) => "ingenting".into(),
            (Nothing, En) => "nothing".into(),
            (Date, Da) => "en dato skrevet ÅÅÅÅ-MM-DD, ÅÅÅÅ-MM eller ÅÅÅÅ".into(),
            (Date, Sv) => "ett datum skrivet ÅÅÅÅ-MM-DD, ÅÅÅÅ-MM eller ÅÅÅÅ".into(),
            (Date, En) => "a date written YYYY-MM-DD, YYYY-MM or YYYY".into(),
            (OneOf(c), Da) => one_of(c, "en af: ", "et af de tilladte ord"),
            (OneOf(c), Sv) => one_of(c, "ett av: ", "ett av de tillåtna orden"),
            (OneOf(c), En) => one_of(c, "one of: ", "one of the allowed words"),
            (PartnerRef, Da | Sv) => "en partners id eller `{id: ..., role: ...}`".into(),
            (PartnerRef, En) => "a partner's id, or `{id: ..., role: ...}`".into(),
            (FieldName, Da) => "et feltnavn".into(),
            (FieldName, Sv) => "ett fältnamn".into(),
            (FieldName, En) => "a field name".into(),
            (Other, Da) => "en anden slags værdi".into(),
            (Other, Sv) => "en annan sorts värde".into(),
            (Other, En) => "another kind of value".into(),
        }
    }

    /// What to write, for a field that takes this shape.
    fn help(&self, l: Language) -> String {
        use Language::*;
        use Shape::*;
        match (self, l) {
            (List, Da) => "skriv en liste som `[a, b]` eller som linjer, der begynder med `- `".into(),
            (List, Sv) => "skriv en lista som `[a, b]` eller som rader som börjar med `- `".into(),
            (List, En) => "write a list as `[a, b]` or as lines starting with `- `".into(),
            (Text, Da) => "sæt værdien i anførselstegn".into(),
            (Text, Sv) => "sätt värdet inom citattecken".into(),
            (Text, En) => "put the value in quotes".into(),
            (TrueOrFalse, Da | Sv) => "skriv true eller false".into(),
            (TrueOrFalse, En) => "write true or false".into(),
            (WholeNumber, Da) => "skriv et helt tal, fx 3".into(),
            (WholeNumber, Sv) => "skriv ett heltal, t.ex. 3".into(),
            (WholeNumber, En) => "write a whole number, e.g. 3".into(),
            (WholeNumberIn(..), Da) => format!("skriv {}, fx 3", self.words(l)),
            (WholeNumberIn(..), Sv) => format!("skriv {}, t.ex. 3", self.words(l)),
            (WholeNumberIn(..), En) => format!("write {}, e.g. 3", self.words(l)),
            (Mapping, Da) => "skriv felter her, én linje `nøgle: værdi` for hvert".into(),
            (Mapping, Sv) => "skriv fält här, en rad `nyckel: värde` för varje".into(),
            (Mapping, En) => "write a mapping (key: value lines) here".into(),
            (Date, Da) => "skriv datoer som ÅÅÅÅ-MM-DD, fx 2024-03-13 (eller 2024-03 eller 2024)".into(),
            (Date, Sv) => "skriv datum som ÅÅÅÅ-MM-DD, t.ex. 2024-03-13 (eller 2024-03 eller 2024)".into(),
            (Date, En) => "write dates as YYYY-MM-DD, e.g. 2024-03-13 (or 2024-03, or 2024)".into(),
            (PartnerRef, Da) => "skriv en partners id, fx `vive`, eller `{id: vive, role: ...}`".into(),
            (PartnerRef, Sv) => "skriv en partners id, t.ex. `vive`, eller `{id: vive, role: ...}`".into(),
            (PartnerRef, En) => "write a partner's id, e.g. `vive`, or `{id: vive, role: ...}`".into(),
            (FieldName, Da) => "et felt er et navn efterfulgt af `:`, fx `title: ...`; sæt en værdi med `[`, `{` eller `?` i anførselstegn".into(),
            (FieldName, Sv) => "ett fält är ett namn följt av `:`, t.ex. `title: ...`; sätt ett värde med `[`, `{` eller `?` inom citattecken".into(),
            (FieldName, En) => "a field is a name followed by `:`, e.g. `title: ...`; put a value with `[`, `{` or `?` in quotes".into(),
            (_, Da) => format!("skriv {} her", self.words(l)),
            (_, Sv) => format!("skriv {} här", self.words(l)),
            (_, En) => format!("write {} here", self.words(l)),
        }
    }
}

impl ErrorText {
    fn text_of_values(&self, l: Language) -> (String, String) {
        use ErrorText::*;
        use Language::*;
        match self {
            EmptyTitle { field, invisible } => {
                let message = match (l, invisible) {
                    (Da, false) => format!("`{field}` er tomt"),
                    (Sv, false) => format!("`{field}` är tomt"),
                    (En, false) => format!("`{field}` is empty"),
                    (Da, true) => format!("`{field}` indeholder intet, en læser kan se (kun mellemrum eller usynlige tegn)"),
                    (Sv, true) => format!("`{field}` innehåller inget som en läsare kan se (bara mellanslag eller osynliga tecken)"),
                    (En, true) => format!("`{field}` has nothing a reader can see (only spaces or invisible characters)"),
                };
                let help = match l {
                    Da => "skriv den tekst, læserne skal se: den vises som overskrift og som tekst i links, og uden den ser de ingenting",
                    Sv => "skriv texten som läsarna ska se: den visas som rubrik och som text i länkar, och utan den ser de ingenting",
                    En => "write the text readers should see: it is shown as a heading and as the text of links, and without it they see nothing",
                };
                (message, help.into())
            }
            BadLogo {
                logo,
                problem,
                suggestion,
            } => {
                let path = logo.split('?').next().unwrap_or(logo);
                let message = match (problem, l) {
                    (LogoProblem::Empty, Da) => "`logo` er tomt".to_string(),
                    (LogoProblem::Empty, Sv) => "`logo` är tomt".to_string(),
                    (LogoProblem::Empty, En) => "`logo` is empty".to_string(),
                    (LogoProblem::Address, Da) => format!("`logo` \"{logo}\" er en adresse, ikke en fil i static/"),
                    (LogoProblem::Address, Sv) => format!("`logo` \"{logo}\" är en adress, inte en fil i static/"),
                    (LogoProblem::Address, En) => format!("`logo` \"{logo}\" is an address, not a file in static/"),
                    (LogoProblem::Outside, Da) => format!("`logo` \"{logo}\" fører uden for static/"),
                    (LogoProblem::Outside, Sv) => format!("`logo` \"{logo}\" leder utanför static/"),
                    (LogoProblem::Outside, En) => format!("`logo` \"{logo}\" leads outside static/"),
                    (LogoProblem::Missing, Da) => format!("`logo`: der er ingen fil static/{path}"),
                    (LogoProblem::Missing, Sv) => format!("`logo`: det finns ingen fil static/{path}"),
                    (LogoProblem::Missing, En) => format!("`logo`: there is no file static/{path}"),
                    (LogoProblem::Hidden, Da) => format!("`logo` \"{logo}\" er en skjult fil (et navn, der begynder med `.`), og den offentliggøres ikke"),
                    (LogoProblem::Hidden, Sv) => format!("`logo` \"{logo}\" är en dold fil (ett namn som börjar med `.`), och den publiceras inte"),
                    (LogoProblem::Hidden, En) => format!("`logo` \"{logo}\" is a hidden file (a name starting with `.`), which is not published"),
                };
                let help = match (problem, suggestion, l) {
                    (LogoProblem::Missing, Some(s), Da) => format!("mente du `logo: {s}`? Stien er den inde i static/"),
                    (LogoProblem::Missing, Some(s), Sv) => format!("menade du `logo: {s}`? Sökvägen är den inuti static/"),
                    (LogoProblem::Missing, Some(s), En) => format!("did you mean `logo: {s}`? The path is the one inside static/"),
                    (LogoProblem::Missing, None, Da) => format!("læg billedet i static/{path}, eller ret stien: det er stien inde i static/, fx `logos/vive.png` for static/logos/vive.png"),
                    (LogoProblem::Missing, None, Sv) => format!("lägg bilden i static/{path}, eller rätta sökvägen: det är sökvägen inuti static/, t.ex. `logos/vive.png` för static/logos/vive.png"),
                    (LogoProblem::Missing, None, En) => format!("put the image at static/{path}, or correct the path: it is the path inside static/, e.g. `logos/vive.png` for static/logos/vive.png"),
                    (LogoProblem::Hidden, _, Da) => "flyt billedet til en mappe, hvis navn ikke begynder med et punktum, fx static/logos/, eller nævn det i `publish_hidden` i site.yaml".into(),
                    (LogoProblem::Hidden, _, Sv) => "flytta bilden till en mapp vars namn inte börjar med en punkt, t.ex. static/logos/, eller nämn den i `publish_hidden` i site.yaml".into(),
                    (LogoProblem::Hidden, _, En) => "move the image to a folder whose name does not start with a dot, e.g. static/logos/, or name it in site.yaml's `publish_hidden`".into(),
                    (LogoProblem::Address, _, Da) => "gem billedet i static/ (fx static/logos/vive.png) og skriv `logo: logos/vive.png`: en side, der viser et billede fra en anden server, fortæller den server, hvem der læser, og mister billedet, når det flyttes dér".into(),
                    (LogoProblem::Address, _, Sv) => "spara bilden i static/ (t.ex. static/logos/vive.png) och skriv `logo: logos/vive.png`: en sida som visar en bild från en annan server berättar för den servern vem som läser, och förlorar bilden när den flyttas där".into(),
                    (LogoProblem::Address, _, En) => "save the image in static/ (e.g. static/logos/vive.png) and write `logo: logos/vive.png`: a page that shows an image from another server tells that server who reads it, and loses the image when it is moved there".into(),
                    (_, _, Da) => "skriv stien til et billede inde i static/, fx `logo: logos/vive.png` for static/logos/vive.png, eller fjern linjen".into(),
                    (_, _, Sv) => "skriv sökvägen till en bild inuti static/, t.ex. `logo: logos/vive.png` för static/logos/vive.png, eller ta bort raden".into(),
                    (_, _, En) => "write the path of an image inside static/, e.g. `logo: logos/vive.png` for static/logos/vive.png, or remove the line".into(),
                };
                (message, help)
            }
            EndBeforeStart { start, end } => match l {
                Da => (
                    format!("partnerskabet slutter (`end: {end}`), før det begynder (`start: {start}`)"),
                    "ret en af de to datoer: `end` er den dag, partnerskabet sluttede, samme dag som `start` eller senere".into(),
                ),
                Sv => (
                    format!("partnerskapet slutar (`end: {end}`) innan det börjar (`start: {start}`)"),
                    "rätta ett av de två datumen: `end` är dagen då partnerskapet slutade, samma dag som `start` eller senare".into(),
                ),
                En => (
                    format!("the partnership ends (`end: {end}`) before it starts (`start: {start}`)"),
                    "correct one of the two dates: `end` is the day the partnership ended, on or after `start`".into(),
                ),
            },
            WrongType {
                path,
                expected,
                found,
            } => {
                let p = prefix(path);
                let (e, f) = (expected.words(l), found.words(l));
                let message = match l {
                    Da => format!("{p}her skal stå {e}, men der står {f}"),
                    Sv => format!("{p}här ska det stå {e}, men det står {f}"),
                    En => format!("{p}expected {e}, found {f}"),
                };
                (message, expected.help(l))
            }
            NotAllowedValue {
                path,
                value,
                choices,
            } => {
                let p = prefix(path);
                let list = choices
                    .iter()
                    .map(|c| format!("`{c}`"))
                    .collect::<Vec<_>>()
                    .join(", ");
                match l {
                    Da => (
                        format!("{p}`{value}` er ikke en af de tilladte værdier"),
                        format!("brug en af: {list}"),
                    ),
                    Sv => (
                        format!("{p}`{value}` är inte ett av de tillåtna värdena"),
                        format!("använd ett av: {list}"),
                    ),
                    En => (
                        format!("{p}`{value}` is not one of the allowed values"),
                        format!("use one of: {list}"),
                    ),
                }
            }
            BadBaseUrl { url, command_line } => {
                let what = if *command_line { "--base-url" } else { "base_url" };
                let message = match l {
                    Da => format!("`{what}` \"{url}\" er ikke en webadresse: den ville køre et script i læsernes browsere"),
                    Sv => format!("`{what}` \"{url}\" är inte en webbadress: den skulle köra ett skript i läsarnas webbläsare"),
                    En => format!("`{what}` \"{url}\" is not a web address: it would run a script in readers' browsers"),
                };
                let help = match (l, command_line) {
                    (Da, false) => "skriv adressen, sitet udgives på, fx `base_url: https://example.org/kb/`, eller fjern linjen",
                    (Sv, false) => "skriv adressen som webbplatsen publiceras på, t.ex. `base_url: https://example.org/kb/`, eller ta bort raden",
                    (En, false) => "write the address the site is published at, such as `base_url: https://example.org/kb/`, or remove the line",
                    (Da, true) => "angiv adressen, sitet udgives på, fx `--base-url https://example.org/kb/`",
                    (Sv, true) => "ange adressen som webbplatsen publiceras på, t.ex. `--base-url https://example.org/kb/`",
                    (En, true) => "give the address the site is published at, such as `--base-url https://example.org/kb/`",
                };
                (message, help.into())
            }
            _ => unreachable!("text_of_values is called only for its own errors"),
        }
    }
}

/// The words added to a did-you-mean when what was written and what is suggested look the
/// same ([`crate::base::text::lookalikes`]): which characters differ, by code point, so that the user
/// can find the one pasted from a Cyrillic keyboard or carrying a zero-width space.
pub fn lookalike_note(
    written: &str,
    meant: &str,
    differences: &[(char, Option<char>)],
    l: Language,
) -> String {
    use crate::base::text::{Script, script};
    use Language::*;
    let named = |c: char| {
        let name = match (script(c), l) {
            (Script::Latin, Da) => "latinsk ",
            (Script::Latin, Sv) => "latinskt ",
            (Script::Latin, En) => "Latin ",
            (Script::Cyrillic, Da) => "kyrillisk ",
            (Script::Cyrillic, Sv) => "kyrilliskt ",
            (Script::Cyrillic, En) => "Cyrillic ",
            (Script::Greek, Da) => "græsk ",
            (Script::Greek, Sv) => "grekiskt ",
            (Script::Greek, En) => "Greek ",
            (Script::FullWidth, Da) => "fuldbredde-",
            (Script::FullWidth, Sv) => "fullbredds-",
            (Script::FullWidth, En) => "full-width ",
            (Script::Other, _) => "",
        };
        format!("{name}\"{c}\" (U+{:04X})", u32::from(c))
    };
    let parts: Vec<String> = differences
        .iter()
        .map(|&(w, m)| match (m, l) {
            (Some(m), Da) => format!("{} står, hvor \"{meant}\" har {}", named(w), named(m)),
            (Some(m), Sv) => format!("{} står där \"{meant}\" har {}", named(w), named(m)),
            (Some(m), En) => format!("{} where \"{meant}\" has {}", named(w), named(m)),
            (None, Da) => format!("et usynligt tegn (U+{:04X})", u32::from(w)),
            (None, Sv) => format!("ett osynligt tecken (U+{:04X})", u32::from(w)),
            (None, En) => format!("an invisible character (U+{:04X})", u32::from(w)),
        })
        .collect();
    let parts = parts.join("; ");
    match l {
        Da => format!("\"{written}\" og \"{meant}\" ligner hinanden, men er forskellige: {parts}"),
        Sv => format!("\"{written}\" och \"{meant}\" ser likadana ut men skiljer sig: {parts}"),
        En => format!("\"{written}\" and \"{meant}\" look alike but differ: {parts}"),
    }
}

/// The texts of the errors in the site's identity: its accent colour.
fn accent_text(accent: &str, problem: AccentProblem, l: Language) -> (String, String) {
    use Language::*;
    match problem {
            AccentProblem::Unquoted => match l {
                Da => (
                    format!("`accent: {accent}` læses som en tom værdi: i YAML begynder # en kommentar"),
                    format!("sæt farven i anførselstegn: `accent: \"{accent}\"`"),
                ),
                Sv => (
                    format!("`accent: {accent}` läses som ett tomt värde: i YAML inleder # en kommentar"),
                    format!("sätt färgen inom citattecken: `accent: \"{accent}\"`"),
                ),
                En => (
                    format!("`accent: {accent}` reads as an empty value: in YAML, # starts a comment"),
                    format!("put the colour in quotes: `accent: \"{accent}\"`"),
                ),
            },
            AccentProblem::Malformed => match l {
                Da => (
                    format!("`accent` \"{accent}\" er ikke en farve skrevet som #rrggbb eller #rgb"),
                    "skriv farven som en hex-kode, fx `accent: \"#0b4f8a\"` (med anførselstegn, da # ellers starter en kommentar)".into(),
                ),
                Sv => (
                    format!("`accent` \"{accent}\" är inte en färg skriven som #rrggbb eller #rgb"),
                    "skriv färgen som en hex-kod, t.ex. `accent: \"#0b4f8a\"` (inom citattecken, eftersom # annars inleder en kommentar)".into(),
                ),
                En => (
                    format!("`accent` \"{accent}\" is not a colour written as #rrggbb or #rgb"),
                    "write the colour as a hex code, e.g. `accent: \"#0b4f8a\"` (in quotes, since # otherwise starts a comment)".into(),
                ),
            },
            AccentProblem::LowContrast(ratio) => {
                // Rounded down, so a colour just under the limit never reads as 4.5.
                let shown = (ratio * 100.0).floor() / 100.0;
                let ratio = match l {
                    En => format!("{shown:.2}:1"),
                    Da | Sv => format!("{shown:.2}:1").replace('.', ","),
                };
                match l {
                    Da => (
                        format!("`accent` {accent} har kun en kontrast på {ratio} mod sidens hvide baggrund og den hvide tekst på knapper; der kræves mindst 4,5:1"),
                        "vælg en mørkere udgave af farven (fx #0b4f8a): tekst og links i accentfarven skal kunne læses af svagsynede (WCAG 2.1, 1.4.3)".into(),
                    ),
                    Sv => (
                        format!("`accent` {accent} har bara en kontrast på {ratio} mot sidans vita bakgrund och den vita texten på knappar; det krävs minst 4,5:1"),
                        "välj en mörkare variant av färgen (t.ex. #0b4f8a): text och länkar i accentfärgen ska kunna läsas av personer med nedsatt syn (WCAG 2.1, 1.4.3)".into(),
                    ),
                    En => (
                        format!("`accent` {accent} has a contrast of only {ratio} against the page's white background and the white text on buttons; at least 4.5:1 is needed"),
                        "choose a darker shade of the colour (e.g. #0b4f8a): text and links in the accent must be readable with low vision (WCAG 2.1, 1.4.3)".into(),
                    ),
                }
            }
        }
}

// ---------------------------------------------------------------------------------------------
// The site folder, site.yaml, and every line the commands print besides errors and warnings
// (issue 17): summaries, progress and hints, so that nothing a facilitator reads is in a
// language other than the site's. Before site.yaml is read, the language is the one the
// command line chose (`--language`, else the environment's locale, else English).

impl ErrorText {
    fn text_of_setup(&self, l: Language) -> (String, String) {
        use ErrorText::*;
        use Language::*;
        match self {
            UnknownKindFolder { folder } => {
                let message = match l {
                    Da => "filen ligger ikke i en mappe, der siger, hvilken slags ting den er",
                    Sv => "filen ligger inte i en mapp som säger vilken sorts sak den är",
                    En => "this file is not in a folder that says what kind of thing it is",
                };
                let folders: Vec<&str> = Kind::ALL.iter().map(|k| k.folder()).collect();
                let folders = folders.join(", ");
                let help = match (folder, l) {
                    (Some(f), Da) => format!("mente du mappen `content/{f}/`?"),
                    (Some(f), Sv) => format!("menade du mappen `content/{f}/`?"),
                    (Some(f), En) => format!("did you mean the folder `content/{f}/`?"),
                    (None, Da) => format!("læg hver fil i mappen for dens slags: {folders}; forsidens tekst er content/_index.md"),
                    (None, Sv) => format!("lägg varje fil i mappen för dess sort: {folders}; startsidans text är content/_index.md"),
                    (None, En) => format!("put each file in the folder of its kind: {folders}; the front page's text is content/_index.md"),
                };
                (message.into(), help)
            }
            MissingSiteYaml { root } => match l {
                Da => (
                    format!("der er ingen site.yaml i {root}"),
                    "en site-mappe skal have en site.yaml med mindst `title:` og `sectors:`: kør kommandoen i sitets mappe, eller nævn mappen med --root; `brobygger init MAPPE --language da` opretter et nyt site".into(),
                ),
                Sv => (
                    format!("det finns ingen site.yaml i {root}"),
                    "en webbplatsmapp behöver en site.yaml med minst `title:` och `sectors:`: kör kommandot i webbplatsens mapp, eller ange mappen med --root; `brobygger init MAPP --language sv` skapar en ny webbplats".into(),
                ),
                En => (
                    format!("no site.yaml in {root}"),
                    "a site folder needs a site.yaml with at least `title:` and `sectors:`: run the command in the site's folder, or name it with --root; `brobygger init DIR` makes a new site".into(),
                ),
            },
            SiteYamlTooLarge { size, max } => {
                let (size, max) = (size / 1024, max / 1024);
                match l {
                    Da => (
                        format!("site.yaml fylder {size} KB; den må højst fylde {max} KB"),
                        "site.yaml rummer kun sitets indstillinger: flyt lange tekster til content/".into(),
                    ),
                    Sv => (
                        format!("site.yaml är {size} KB; den får vara högst {max} KB"),
                        "site.yaml innehåller bara webbplatsens inställningar: flytta långa texter till content/".into(),
                    ),
                    En => (
                        format!("site.yaml is {size} KB; it can be at most {max} KB"),
                        "site.yaml holds only the site's settings: move long texts into content/".into(),
                    ),
                }
            }
            SiteYamlUnreadable { detail } => match l {
                Da => (
                    format!("site.yaml kan ikke læses ({})", detail.text(l)),
                    "ret filens rettigheder, så du må læse den".into(),
                ),
                Sv => (
                    format!("site.yaml går inte att läsa ({})", detail.text(l)),
                    "ändra filens behörigheter så att du får läsa den".into(),
                ),
                En => (
                    format!("cannot read site.yaml: {}", detail.text(l)),
                    "fix the file's permissions so that you may read it".into(),
                ),
            },
            SiteYamlNotUtf8 { offset } => match l {
                Da => (
                    format!("site.yaml er ikke UTF-8-tekst (ugyldig byte ved position {offset})"),
                    "gem site.yaml som UTF-8 i din editor".into(),
                ),
                Sv => (
                    format!("site.yaml är inte UTF-8-text (ogiltig byte vid position {offset})"),
                    "spara site.yaml som UTF-8 i din editor".into(),
                ),
                En => (
                    format!("site.yaml is not UTF-8 text (bad byte at offset {offset})"),
                    "save site.yaml as UTF-8 in your editor".into(),
                ),
            },
            ContentUnreadable { detail } => match l {
                Da => (
                    format!("filen kan ikke læses ({})", detail.text(l)),
                    "ret filens rettigheder, så du må læse den, eller flyt den ud af content/".into(),
                ),
                Sv => (
                    format!("filen går inte att läsa ({})", detail.text(l)),
                    "ändra filens behörigheter så att du får läsa den, eller flytta den ut ur content/".into(),
                ),
                En => (
                    format!("cannot read this file: {}", detail.text(l)),
                    "fix the file's permissions so that you may read it, or move it out of content/".into(),
                ),
            },
            ContentTooLarge { size, max } => {
                let mb = |b: &u64| format!("{:.1} MB", *b as f64 / (1024.0 * 1024.0));
                let (size, max) = (mb(size), mb(max));
                match l {
                    Da => (
                        format!("filen fylder {size}; en indholdsfil må højst fylde {max}"),
                        "en tekst skrevet i hånden er langt mindre: er det et billede, en PDF eller et dataudtræk, så flyt det til static/ og link til det; er det tekst, så del den op i flere filer".into(),
                    ),
                    Sv => (
                        format!("filen är {size}; en innehållsfil får vara högst {max}"),
                        "en text skriven för hand är mycket mindre: är det en bild, en PDF eller en dataexport, flytta den till static/ och länka till den; är det text, dela upp den i flera filer".into(),
                    ),
                    En => (
                        format!("this file is {size}; a content file can be at most {max}"),
                        "a text written by hand is far smaller: if this is an image, a PDF or a data export, move it to static/ and link to it; if it is text, split it into several files".into(),
                    ),
                }
            }
            ContentNotUtf8 { offset, utf16 } => {
                let message = match l {
                    Da => format!("filen er ikke UTF-8-tekst (ugyldig byte ved position {offset})"),
                    Sv => format!("filen är inte UTF-8-text (ogiltig byte vid position {offset})"),
                    En => format!("this file is not UTF-8 text (bad byte at offset {offset})"),
                };
                let help = match (utf16, l) {
                    (true, Da) => "filen er gemt som UTF-16 (\"Unicode\" i Notesblok): gem den som UTF-8 i din editor",
                    (true, Sv) => "filen är sparad som UTF-16 (\"Unicode\" i Anteckningar): spara den som UTF-8 i din editor",
                    (true, En) => "this file is saved as UTF-16 (\"Unicode\" in Notepad): save it as UTF-8 in your editor",
                    (false, Da) => "gem filen som UTF-8 i din editor; er det ikke en tekstfil, så flyt den ud af content/",
                    (false, Sv) => "spara filen som UTF-8 i din editor; är det inte en textfil, flytta den ut ur content/",
                    (false, En) => "save the file as UTF-8 in your editor; if it is not a text file, move it out of content/",
                };
                (message, help.into())
            }
            _ => unreachable!("text_of_setup is called only for its own errors"),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The output folder, site.yaml's own settings, the theme folder, files that cannot be read and
// the rare internal failure (issue 17, the rest): the last errors that were English on every
// site.

impl ErrorText {
    fn text_of_machine(&self, l: Language) -> (String, String) {
        use ErrorText::*;
        use Language::*;
        match self {
            OutputRefused { output, why } => {
                use OutputRefusal::*;
                let reason = match (why, l) {
                    (SiteFolder, Da) => "den er sitets mappe eller indeholder den",
                    (SiteFolder, Sv) => "den är webbplatsens mapp eller innehåller den",
                    (SiteFolder, En) => "it is the site folder or contains it",
                    (HoldsContent, Da) => "den indeholder en content/-mappe",
                    (HoldsContent, Sv) => "den innehåller en content/-mapp",
                    (HoldsContent, En) => "it holds a content/ folder",
                    (InsideSources, Da) => "den ligger inde i sitets kilder (content/, static/ eller themes/)",
                    (InsideSources, Sv) => "den ligger inuti webbplatsens källor (content/, static/ eller themes/)",
                    (InsideSources, En) => "it lies inside the site's sources",
                    (FileSystemRoot, Da) => "den er roden af filsystemet",
                    (FileSystemRoot, Sv) => "den är filsystemets rot",
                    (FileSystemRoot, En) => "it is the root of the file system",
                    (NotAFolder, Da) => "den findes og er ikke en mappe (men en fil eller et link)",
                    (NotAFolder, Sv) => "den finns och är ingen mapp (utan en fil eller en länk)",
                    (NotAFolder, En) => "it exists and is not a folder (a file or a link)",
                    (NotBrobyggers, Da) => "den er ikke tom og blev ikke skrevet af brobygger (den har ingen .brobygger-fil), så en bygning kunne ikke skelne dine filer fra sitets",
                    (NotBrobyggers, Sv) => "den är inte tom och skrevs inte av brobygger (den har ingen .brobygger-fil), så ett bygge kunde inte skilja dina filer från webbplatsens",
                    (NotBrobyggers, En) => "it is not empty and was not written by brobygger (it has no .brobygger file), so a build could not tell your files from the site's",
                    (PathLeavesOutput, Da) => "stien fører uden for output-mappen",
                    (PathLeavesOutput, Sv) => "sökvägen leder utanför utdatamappen",
                    (PathLeavesOutput, En) => "the path leads outside the output folder",
                };
                let message = match l {
                    Da => format!("nægter at skrive sitet til {output}: {reason}"),
                    Sv => format!("vägrar att skriva webbplatsen till {output}: {reason}"),
                    En => format!("refusing to write the site to {output}: {reason}"),
                };
                let help = match (why, l) {
                    (NotBrobyggers, Da) => "vælg en ny eller tom mappe, eller tøm denne selv (skjulte filer som .git må blive)",
                    (NotBrobyggers, Sv) => "välj en ny eller tom mapp, eller töm den här själv (dolda filer som .git får ligga kvar)",
                    (NotBrobyggers, En) => "choose a new or empty folder, or empty this one yourself (hidden entries such as .git may stay)",
                    (NotAFolder, Da) => "flyt eller omdøb den fil, eller vælg en anden output-mappe med --output",
                    (NotAFolder, Sv) => "flytta eller byt namn på den filen, eller välj en annan utdatamapp med --output",
                    (NotAFolder, En) => "move or rename that file, or choose another output folder with --output",
                    (PathLeavesOutput, Da) => "omdøb filen i temaet eller static/, så dens sti bliver inde i sitet",
                    (PathLeavesOutput, Sv) => "byt namn på filen i temat eller static/ så att sökvägen stannar inne i webbplatsen",
                    (PathLeavesOutput, En) => "rename the file in the theme or static/ so that its path stays inside the site",
                    (_, Da) => "vælg en anden output-mappe med --output, fx standardmappen public/ i sitets mappe",
                    (_, Sv) => "välj en annan utdatamapp med --output, t.ex. standardmappen public/ i webbplatsens mapp",
                    (_, En) => "choose another output folder with --output, e.g. the default, public/ in the site folder",
                };
                (message, help.into())
            }
            OutputNotWritable { folder, detail } => match l {
                Da => (
                    format!("kan ikke skrive sitet: mappen {folder} kan ikke ændres ({})", detail.text(l)),
                    "gør den skrivbar, eller vælg en anden output-mappe med --output".into(),
                ),
                Sv => (
                    format!("kan inte skriva webbplatsen: mappen {folder} går inte att ändra ({})", detail.text(l)),
                    "gör den skrivbar, eller välj en annan utdatamapp med --output".into(),
                ),
                En => (
                    format!("cannot write the site: the folder {folder} cannot be changed ({})", detail.text(l)),
                    "make it writable, or choose another output folder with --output".into(),
                ),
            },
            OutputUnwritable {
                path,
                detail,
                cause,
            } => {
                let message = match (cause, l) {
                    (WriteFailure::StagingRemoved, Da) => format!("kan ikke skrive {path}: denne bygnings mappe blev fjernet, mens sitet blev skrevet ind i den"),
                    (WriteFailure::StagingRemoved, Sv) => format!("kan inte skriva {path}: det här byggets mapp togs bort medan webbplatsen skrevs in i den"),
                    (WriteFailure::StagingRemoved, En) => format!("cannot write {path}: this build's folder was removed while the site was written into it"),
                    (_, Da) => format!("kan ikke skrive {path} ({})", detail.text(l)),
                    (_, Sv) => format!("kan inte skriva {path} ({})", detail.text(l)),
                    (_, En) => format!("cannot write {path}: {}", detail.text(l)),
                };
                let help = match (cause, l) {
                    (WriteFailure::DiskFull, Da) => "frigør plads på disken, og byg igen",
                    (WriteFailure::DiskFull, Sv) => "frigör utrymme på disken och bygg igen",
                    (WriteFailure::DiskFull, En) => "free some space on the disk and build again",
                    (WriteFailure::NoPermission, Da) => "vælg med --output en output-mappe, du må skrive i",
                    (WriteFailure::NoPermission, Sv) => "välj med --output en utdatamapp som du får skriva i",
                    (WriteFailure::NoPermission, En) => "choose an output folder you may write to with --output",
                    (WriteFailure::StagingRemoved, Da) => "byg igen",
                    (WriteFailure::StagingRemoved, Sv) => "bygg igen",
                    (WriteFailure::StagingRemoved, En) => "build again",
                    (WriteFailure::Other, Da) => "byg igen; det forrige site i output-mappen er, som det var",
                    (WriteFailure::Other, Sv) => "bygg igen; den förra webbplatsen i utdatamappen är som den var",
                    (WriteFailure::Other, En) => "build again; the previous site in the output folder is as it was",
                    (WriteFailure::FileInTheWay, Da) => "en fil står, hvor der skal være en mappe: flyt den, eller vælg en anden output-mappe med --output",
                    (WriteFailure::FileInTheWay, Sv) => "en fil står där det ska vara en mapp: flytta den, eller välj en annan utdatamapp med --output",
                    (WriteFailure::FileInTheWay, En) => "a file stands where a folder should be: move it, or choose another output folder with --output",
                };
                (message, help.into())
            }
            OutputCaseClash { first, second } => match l {
                Da => (
                    format!("{first} og {second} er kun forskellige i store og små bogstaver: på Windows og macOS, hvor de regnes for ens, ville den ene overskrive den anden"),
                    "omdøb den ene af dem (i static/ eller temaet)".into(),
                ),
                Sv => (
                    format!("{first} och {second} skiljer sig bara i stora och små bokstäver: på Windows och macOS, där de räknas som lika, skulle den ena skriva över den andra"),
                    "byt namn på den ena av dem (i static/ eller temat)".into(),
                ),
                En => (
                    format!("{first} and {second} differ only in capital letters: on Windows and macOS, where capitals do not count, one would overwrite the other"),
                    "rename one of them (in static/ or the theme)".into(),
                ),
            },
            OutputFileAndFolder { path } => match l {
                Da => (
                    format!("{path} ville være både en fil og en mappe i sitet"),
                    "omdøb filen (i static/ eller temaet)".into(),
                ),
                Sv => (
                    format!("{path} skulle vara både en fil och en mapp i webbplatsen"),
                    "byt namn på filen (i static/ eller temat)".into(),
                ),
                En => (
                    format!("{path} would be both a file and a folder of the site"),
                    "rename the file (in static/ or the theme)".into(),
                ),
            },
            OutputNotOurs { path } => match l {
                Da => (
                    format!("{path} blev ikke skrevet af brobygger, og det nye site har noget med samme navn"),
                    "brobygger erstatter aldrig det, den ikke selv har skrevet: flyt eller omdøb din (eller filen i static/), og byg igen".into(),
                ),
                Sv => (
                    format!("{path} skrevs inte av brobygger, och den nya webbplatsen har något med samma namn"),
                    "brobygger ersätter aldrig det som den inte själv har skrivit: flytta eller byt namn på din (eller filen i static/) och bygg igen".into(),
                ),
                En => (
                    format!("{path} was not written by brobygger, and the new site has an entry of the same name"),
                    "brobygger never replaces what it did not write: move or rename yours (or the file in static/), and build again".into(),
                ),
            },
            OutputReplace {
                path,
                detail,
                mounted,
            } => {
                let message = match l {
                    Da => format!("kan ikke erstatte {path} i output-mappen ({})", detail.text(l)),
                    Sv => format!("kan inte ersätta {path} i utdatamappen ({})", detail.text(l)),
                    En => format!("cannot replace {path} in the output folder ({})", detail.text(l)),
                };
                let help = match (mounted, l) {
                    (true, Da) => "noget er monteret på den: montér hele output-mappen i stedet, og byg igen",
                    (true, Sv) => "något är monterat på den: montera hela utdatamappen i stället och bygg igen",
                    (true, En) => "something is mounted on it: mount the output folder itself instead, and build again",
                    (false, Da) => "gør den skrivbar, og byg igen",
                    (false, Sv) => "gör den skrivbar och bygg igen",
                    (false, En) => "make it writable, and build again",
                };
                (message, help.into())
            }
            StaticClash => match l {
                Da => (
                    "denne fil har samme sti som en side, sitet laver".into(),
                    "omdøb eller flyt den; vil du ændre, hvordan de lavede sider ser ud, så erstat en skabelon i et tema i stedet".into(),
                ),
                Sv => (
                    "den här filen har samma sökväg som en sida som webbplatsen skapar".into(),
                    "byt namn på den eller flytta den; vill du ändra hur de skapade sidorna ser ut, ersätt en mall i ett tema i stället".into(),
                ),
                En => (
                    "this file has the path of a page the site generates".into(),
                    "rename or move it; to change how generated pages look, override a template in a theme instead".into(),
                ),
            },
            BadSettingKey { setting, key } => {
                let (en, field) = match setting {
                    SettingKey::Sector => ("sector", "sectors"),
                    SettingKey::ContributionType => ("contribution type", "contribution_types"),
                    SettingKey::Catalogue => ("catalogue", "catalogues"),
                };
                match l {
                    Da => (
                        format!("nøglen \"{key}\" under `{field}` har andre tegn end a-z, 0-9 og -"),
                        "brug en kort nøgle med små bogstaver, fx `forskning`, og skriv det læsbare navn efter kolonet".into(),
                    ),
                    Sv => (
                        format!("nyckeln \"{key}\" under `{field}` har andra tecken än a-z, 0-9 och -"),
                        "använd en kort nyckel med små bokstäver, t.ex. `forskning`, och skriv det läsbara namnet efter kolonet".into(),
                    ),
                    En => (
                        format!("{en} key \"{key}\" has characters other than a-z, 0-9 and -"),
                        "use a short lowercase key such as `research`, and put the readable name after the colon".into(),
                    ),
                }
            }
            NoSectors => match l {
                Da => (
                    "`sectors` er tom".into(),
                    "skriv de sektorer, partnerne kan høre til, én pr. linje, fx `forskning: Forskning og uddannelse`".into(),
                ),
                Sv => (
                    "`sectors` är tom".into(),
                    "skriv de sektorer som partnerna kan höra till, en per rad, t.ex. `forskning: Forskning och utbildning`".into(),
                ),
                En => (
                    "`sectors` is empty".into(),
                    "list the sectors partners can belong to, e.g. `research: Forskning og uddannelse`".into(),
                ),
            },
            UnknownTheme { name, missing: true } => match l {
                Da => (
                    format!("der er ingen temamappe themes/{name}/"),
                    "opret mappen, eller fjern `theme:` fra site.yaml for at bruge det indbyggede tema".into(),
                ),
                Sv => (
                    format!("det finns ingen temamapp themes/{name}/"),
                    "skapa mappen, eller ta bort `theme:` från site.yaml för att använda det inbyggda temat".into(),
                ),
                En => (
                    format!("there is no theme folder themes/{name}/"),
                    "create the folder, or remove `theme:` from site.yaml to use the built-in theme".into(),
                ),
            },
            UnknownTheme {
                name,
                missing: false,
            } => match l {
                Da => (
                    format!("`theme` \"{name}\" er ikke navnet på en mappe i themes/"),
                    "skriv kun navnet på en mappe inde i themes/, fx `theme: egen`, eller fjern linjen for at bruge det indbyggede tema".into(),
                ),
                Sv => (
                    format!("`theme` \"{name}\" är inte namnet på en mapp i themes/"),
                    "skriv bara namnet på en mapp inuti themes/, t.ex. `theme: egen`, eller ta bort raden för att använda det inbyggda temat".into(),
                ),
                En => (
                    format!("`theme` \"{name}\" is not the name of a folder in themes/"),
                    "write only the name of a folder inside themes/, such as `theme: egen`, or remove the line to use the built-in theme".into(),
                ),
            },
            MissingContent { root } => match l {
                Da => (
                    format!("der er ingen content/-mappe i {root}"),
                    "opret content/ med en mappe for hver slags, fx content/partners/".into(),
                ),
                Sv => (
                    format!("det finns ingen content/-mapp i {root}"),
                    "skapa content/ med en mapp för varje sort, t.ex. content/partners/".into(),
                ),
                En => (
                    format!("no content/ folder in {root}"),
                    "create content/ with a folder per kind, e.g. content/partners/".into(),
                ),
            },
            FileUnreadable { detail } => match l {
                Da => (
                    format!("filen kan ikke læses ({})", detail.text(l)),
                    "ret filens rettigheder, så du må læse den".into(),
                ),
                Sv => (
                    format!("filen går inte att läsa ({})", detail.text(l)),
                    "ändra filens behörigheter så att du får läsa den".into(),
                ),
                En => (
                    format!("cannot read: {}", detail.text(l)),
                    "fix the file's permissions so that you may read it".into(),
                ),
            },
            CannotFollow { problem } => {
                use FollowProblem::*;
                let message = match (problem, l) {
                    (Loop, Da) => "dette link fører tilbage til en mappe, det selv ligger i (en symlink-løkke)".into(),
                    (Loop, Sv) => "den här länken leder tillbaka till en mapp som den själv ligger i (en symlänksloop)".into(),
                    (Loop, En) => "this link leads back to a folder it is in (a symlink loop)".into(),
                    (Dangling { target }, Da) => format!("dette link fører ingen steder hen: {target} findes ikke"),
                    (Dangling { target }, Sv) => format!("den här länken leder ingenstans: {target} finns inte"),
                    (Dangling { target }, En) => format!("this link leads nowhere: {target} does not exist"),
                    (Unfollowable { target, detail }, Da) => format!("dette link, til {target}, kan ikke følges ({})", detail.text(l)),
                    (Unfollowable { target, detail }, Sv) => format!("den här länken, till {target}, går inte att följa ({})", detail.text(l)),
                    (Unfollowable { target, detail }, En) => format!("this link, to {target}, cannot be followed: {}", detail.text(l)),
                    (Unreadable { detail }, Da) => format!("filen eller mappen kan ikke læses ({})", detail.text(l)),
                    (Unreadable { detail }, Sv) => format!("filen eller mappen går inte att läsa ({})", detail.text(l)),
                    (Unreadable { detail }, En) => format!("cannot read: {}", detail.text(l)),
                };
                let help = match l {
                    Da => "fjern linket, eller ret filens rettigheder",
                    Sv => "ta bort länken, eller ändra filens behörigheter",
                    En => "remove the link or fix the file's permissions",
                };
                (message, help.into())
            }
            Internal => match l {
                Da => (
                    "en del af bygningen fejlede uventet (en tråd, der laver sider, stoppede)".into(),
                    "byg igen; sker det igen, så meld det med den kommando, du kørte".into(),
                ),
                Sv => (
                    "en del av bygget misslyckades oväntat (en tråd som skapar sidor stannade)".into(),
                    "bygg igen; händer det igen, rapportera det med kommandot som du körde".into(),
                ),
                En => (
                    "a render thread failed".into(),
                    "build again; if it happens again, report it with the command you ran".into(),
                ),
            },
            _ => unreachable!("text_of_machine is called only for its own errors"),
        }
    }
}

/// `n` and the noun in the right number: (singular, plural) per language.
fn counted(n: usize, l: Language, da: (&str, &str), sv: (&str, &str), en: (&str, &str)) -> String {
    let (one, many) = match l {
        Language::Da => da,
        Language::Sv => sv,
        Language::En => en,
    };
    format!("{n} {}", if n == 1 { one } else { many })
}

fn errors(n: usize, l: Language) -> String {
    counted(n, l, ("fejl", "fejl"), ("fel", "fel"), ("error", "errors"))
}

fn warnings(n: usize, l: Language) -> String {
    counted(
        n,
        l,
        ("advarsel", "advarsler"),
        ("varning", "varningar"),
        ("warning", "warnings"),
    )
}

fn files(n: usize, l: Language) -> String {
    counted(n, l, ("fil", "filer"), ("fil", "filer"), ("file", "files"))
}

/// What starts a line that is an error, as `error:` does in English.
pub fn error_label(l: Language) -> &'static str {
    match l {
        Language::Da => "fejl",
        Language::Sv => "fel",
        Language::En => "error",
    }
}

/// What starts a line that is a warning.
pub fn warning_label(l: Language) -> &'static str {
    match l {
        Language::Da => "advarsel",
        Language::Sv => "varning",
        Language::En => "warning",
    }
}

/// What starts a line that says what to do.
pub fn help_label(l: Language) -> &'static str {
    match l {
        Language::Da => "hjælp",
        Language::Sv => "hjälp",
        Language::En => "help",
    }
}

/// One line (or two) that a command prints, besides the errors and warnings themselves.
#[derive(Debug, Clone)]
pub enum CommandText {
    // build
    Built {
        partners: usize,
        partnerships: usize,
        items: usize,
        pages: usize,
        output: String,
        files: usize,
        millis: u128,
    },
    NotBuilt {
        errors: usize,
    },
    /// How many warnings `check` would show; `command` is the `brobygger check …` to run.
    Warnings {
        count: usize,
        command: String,
    },
    // check
    ErrorsFound {
        errors: usize,
    },
    /// `denied`: `--deny-warnings` makes them fail the check.
    WarningsFound {
        warnings: usize,
        denied: bool,
    },
    NoFindings,
    // init
    Created {
        dir: String,
        files: usize,
    },
    NotEmpty {
        dir: String,
    },
    NoStarterSite {
        language: String,
    },
    CannotWrite {
        path: String,
        detail: SystemError,
    },
    // new
    UnknownKindWord {
        word: String,
        suggestion: Option<String>,
    },
    Exists {
        path: String,
    },
    TitleWithoutId,
    SectorNotForKind {
        kind: Kind,
    },
    // serve
    PortTaken {
        wanted: u16,
        got: u16,
    },
    Exposed {
        addr: String,
    },
    Serving {
        url: String,
        files: usize,
        millis: u128,
    },
    Rebuilt {
        millis: u128,
        changed: usize,
        removed: usize,
    },
    ServeErrors {
        errors: usize,
    },
    OpenFailed {
        url: String,
        detail: SystemError,
    },
    HostRefused {
        name: String,
    },
    Stopped,
    PortInUse {
        port: u16,
        ip: String,
        next: u16,
    },
    CannotListen {
        addr: String,
        detail: SystemError,
    },
    CannotWatch {
        detail: SystemError,
    },
    // the command line itself, before any site is read
    UnknownCommand {
        given: String,
        suggestion: Option<String>,
    },
    UnknownOption {
        given: String,
        suggestion: Option<String>,
        command: String,
    },
    BadValue {
        value: String,
        option: String,
        allowed: Vec<String>,
        command: String,
    },
    BadHost {
        value: String,
    },
    MissingArgument {
        what: String,
        command: String,
    },
    /// A mistake without words of its own: the command-line reader's English follows.
    NotUnderstood {
        detail: String,
        command: String,
    },
}

impl CommandText {
    /// One of each, for tests that every one has a text in every language.
    pub fn examples() -> Vec<CommandText> {
        use CommandText::*;
        let s = |x: &str| x.to_string();
        let os = |kind, os: &str| SystemError {
            kind,
            os: os.into(),
        };
        vec![
            Built {
                partners: 3,
                partnerships: 1,
                items: 12,
                pages: 1,
                output: s("public"),
                files: 120,
                millis: 30,
            },
            NotBuilt { errors: 1 },
            Warnings {
                count: 2,
                command: s("brobygger check"),
            },
            Warnings {
                count: 0,
                command: s("brobygger check"),
            },
            ErrorsFound { errors: 2 },
            WarningsFound {
                warnings: 1,
                denied: false,
            },
            WarningsFound {
                warnings: 2,
                denied: true,
            },
            NoFindings,
            Created {
                dir: s("mysite"),
                files: 14,
            },
            NotEmpty { dir: s("mysite") },
            NoStarterSite { language: s("da") },
            CannotWrite {
                path: s("mysite/site.yaml"),
                detail: os(
                    std::io::ErrorKind::PermissionDenied,
                    "Permission denied (os error 13)",
                ),
            },
            UnknownKindWord {
                word: s("udfordrng"),
                suggestion: Some(s("udfordring")),
            },
            UnknownKindWord {
                word: s("x"),
                suggestion: None,
            },
            Exists {
                path: s("content/challenges/x.md"),
            },
            TitleWithoutId,
            SectorNotForKind {
                kind: Kind::Challenge,
            },
            PortTaken {
                wanted: 1111,
                got: 1112,
            },
            Exposed {
                addr: s("0.0.0.0:1111"),
            },
            Serving {
                url: s("http://127.0.0.1:1111/"),
                files: 120,
                millis: 30,
            },
            Rebuilt {
                millis: 5,
                changed: 0,
                removed: 0,
            },
            Rebuilt {
                millis: 5,
                changed: 2,
                removed: 1,
            },
            ServeErrors { errors: 1 },
            OpenFailed {
                url: s("http://127.0.0.1:1111/"),
                detail: os(
                    std::io::ErrorKind::NotFound,
                    "No such file or directory (os error 2)",
                ),
            },
            HostRefused {
                name: s("evil.test"),
            },
            Stopped,
            PortInUse {
                port: 1111,
                ip: s("127.0.0.1"),
                next: 1112,
            },
            CannotListen {
                addr: s("127.0.0.1:80"),
                detail: os(
                    std::io::ErrorKind::PermissionDenied,
                    "Permission denied (os error 13)",
                ),
            },
            CannotWatch {
                detail: os(std::io::ErrorKind::Other, "too many open files"),
            },
            UnknownCommand {
                given: s("bygg"),
                suggestion: Some(s("build")),
            },
            UnknownCommand {
                given: s("x"),
                suggestion: None,
            },
            UnknownCommand {
                given: s(""),
                suggestion: None,
            },
            UnknownOption {
                given: s("--out"),
                suggestion: Some(s("--output")),
                command: s("build"),
            },
            UnknownOption {
                given: s("--x"),
                suggestion: None,
                command: s("build"),
            },
            BadValue {
                value: s("fi"),
                option: s("--language <LANGUAGE>"),
                allowed: vec![s("da"), s("sv"), s("en")],
                command: s("init"),
            },
            BadValue {
                value: s("x"),
                option: s("--port <PORT>"),
                allowed: vec![],
                command: s("serve"),
            },
            BadHost { value: s("a b") },
            MissingArgument {
                what: s("--root <ROOT>"),
                command: s("build"),
            },
            NotUnderstood {
                detail: s("the argument '--drafts' cannot be used multiple times"),
                command: s("build"),
            },
        ]
    }

    /// The line in `language`.
    pub fn text(&self, language: Language) -> String {
        use CommandText::*;
        use Language::*;
        let l = language;
        let (error, warning, help) = (error_label(l), warning_label(l), help_label(l));
        match self {
            Built {
                partners,
                partnerships,
                items,
                pages,
                output,
                files: n,
                millis,
            } => {
                let partners = counted(
                    *partners,
                    l,
                    ("partner", "partnere"),
                    ("partner", "partner"),
                    ("partner", "partners"),
                );
                let partnerships = counted(
                    *partnerships,
                    l,
                    ("partnerskab", "partnerskaber"),
                    ("partnerskap", "partnerskap"),
                    ("partnership", "partnerships"),
                );
                let items = counted(
                    *items,
                    l,
                    ("stykke indhold", "stykker indhold"),
                    ("inlägg", "inlägg"),
                    ("item", "items"),
                );
                let pages = counted(
                    *pages,
                    l,
                    ("side", "sider"),
                    ("sida", "sidor"),
                    ("page", "pages"),
                );
                let files = files(*n, l);
                match l {
                    Da => format!(
                        "byggede sitet i {output}: {partners}, {partnerships}, {items} og {pages} ({files}, {millis} ms)"
                    ),
                    Sv => format!(
                        "byggde webbplatsen i {output}: {partners}, {partnerships}, {items} och {pages} ({files}, {millis} ms)"
                    ),
                    En => format!(
                        "built {partners}, {partnerships}, {items} and {pages} into {output} ({files}, {millis} ms)"
                    ),
                }
            }
            NotBuilt { errors: n } => {
                let n = errors(*n, l);
                match l {
                    Da => format!("{error}: sitet blev ikke bygget: {n} (intet blev skrevet)"),
                    Sv => format!("{error}: webbplatsen byggdes inte: {n} (inget skrevs)"),
                    En => format!("{error}: the site was not built: {n} (nothing was written)"),
                }
            }
            Warnings { count: 0, .. } => match l {
                Da => "ingen advarsler".into(),
                Sv => "inga varningar".into(),
                En => "no warnings".into(),
            },
            Warnings { count, command } => {
                let n = warnings(*count, l);
                match (l, count) {
                    (Da, 1) => format!("{n}; `{command}` viser den"),
                    (Da, _) => format!("{n}; `{command}` viser dem"),
                    (Sv, 1) => format!("{n}; `{command}` visar den"),
                    (Sv, _) => format!("{n}; `{command}` visar dem"),
                    (En, 1) => format!("{n}; `{command}` shows it"),
                    (En, _) => format!("{n}; `{command}` shows them"),
                }
            }
            ErrorsFound { errors: n } => {
                let n = errors(*n, l);
                match l {
                    Da => format!("{error}: {n} fundet"),
                    Sv => format!("{error}: {n} hittades"),
                    En => format!("{error}: {n} found"),
                }
            }
            WarningsFound {
                warnings: n,
                denied,
            } => {
                let label = if *denied { error } else { warning };
                let n = warnings(*n, l);
                match l {
                    Da => format!("{label}: {n} fundet"),
                    Sv => format!("{label}: {n} hittades"),
                    En => format!("{label}: {n} found"),
                }
            }
            NoFindings => match l {
                Da => "ingen fejl, ingen advarsler".into(),
                Sv => "inga fel, inga varningar".into(),
                En => "no errors, no warnings".into(),
            },
            Created { dir, files: n } => {
                let n = files(*n, l);
                match l {
                    Da => format!(
                        "oprettede et startsite i {dir} ({n}). Næste skridt: `brobygger serve --root {dir}` viser det i browseren, mens du skriver; `brobygger build --root {dir}` bygger det til udgivelse"
                    ),
                    Sv => format!(
                        "skapade en startwebbplats i {dir} ({n}). Nästa steg: `brobygger serve --root {dir}` visar den i webbläsaren medan du skriver; `brobygger build --root {dir}` bygger den för publicering"
                    ),
                    En => format!(
                        "created a starter site in {dir} ({n}). Next: `brobygger serve --root {dir}` shows it in the browser as you write; `brobygger build --root {dir}` builds it for publishing"
                    ),
                }
            }
            NotEmpty { dir } => match l {
                Da => format!(
                    "{error}: {dir} er ikke tom; vælg en ny mappe, eller giv --force for kun at tilføje de filer, der mangler"
                ),
                Sv => format!(
                    "{error}: {dir} är inte tom; välj en ny mapp, eller ange --force för att bara lägga till de filer som saknas"
                ),
                En => format!(
                    "{error}: {dir} is not empty; choose a new folder, or pass --force to add only the files that are missing"
                ),
            },
            NoStarterSite { language } => match l {
                Da => format!("{error}: der er intet startsite på sproget {language}"),
                Sv => format!("{error}: det finns ingen startwebbplats på språket {language}"),
                En => format!("{error}: there is no starter site in language {language}"),
            },
            CannotWrite { path, detail } => match l {
                Da => format!("{error}: kan ikke skrive {path} ({})", detail.text(l)),
                Sv => format!("{error}: kan inte skriva {path} ({})", detail.text(l)),
                En => format!("{error}: cannot write {path}: {}", detail.text(l)),
            },
            UnknownKindWord { word, suggestion } => {
                let kinds: Vec<String> = Kind::ALL.iter().map(|k| kind_name(*k, l)).collect();
                let kinds = kinds.join(", ");
                match (suggestion, l) {
                    (Some(s), Da) => format!("{error}: ukendt slags \"{word}\"; mente du \"{s}\"?"),
                    (Some(s), Sv) => format!("{error}: okänd sort \"{word}\"; menade du \"{s}\"?"),
                    (Some(s), En) => {
                        format!("{error}: unknown kind \"{word}\"; did you mean \"{s}\"?")
                    }
                    (None, Da) => format!("{error}: ukendt slags \"{word}\"; slagsene er: {kinds}"),
                    (None, Sv) => format!("{error}: okänd sort \"{word}\"; sorterna är: {kinds}"),
                    (None, En) => {
                        format!("{error}: unknown kind \"{word}\"; the kinds are: {kinds}")
                    }
                }
            }
            Exists { path } => match l {
                Da => format!(
                    "{error}: {path} findes allerede; vælg en anden titel, eller ret i den fil"
                ),
                Sv => format!(
                    "{error}: {path} finns redan; välj en annan titel, eller redigera den filen"
                ),
                En => format!(
                    "{error}: {path} already exists; choose another title, or edit that file"
                ),
            },
            TitleWithoutId => match l {
                Da => format!("{error}: titlen giver intet id: brug bogstaver eller tal"),
                Sv => format!("{error}: titeln ger inget id: använd bokstäver eller siffror"),
                En => format!("{error}: the title gives no id: use letters or digits"),
            },
            SectorNotForKind { kind } => {
                let a = a_kind(*kind, l, false);
                match l {
                    Da => format!("{error}: --sector gælder kun partnere; {a} har ingen sektor"),
                    Sv => format!("{error}: --sector gäller bara partner; {a} har ingen sektor"),
                    En => format!("{error}: --sector is for partners only; {a} has no sector"),
                }
            }
            PortTaken { wanted, got } => match l {
                Da => format!(
                    "port {wanted} er optaget; bruger port {got} i stedet (vælg en med --port)"
                ),
                Sv => format!(
                    "port {wanted} är upptagen; använder port {got} i stället (välj en med --port)"
                ),
                En => format!(
                    "port {wanted} is in use; serving on port {got} instead (choose one with --port)"
                ),
            },
            Exposed { addr } => match l {
                Da => format!(
                    "{warning}: lytter på {addr}: andre maskiner på netværket kan se denne forhåndsvisning, også kladder, hvis --drafts er slået til"
                ),
                Sv => format!(
                    "{warning}: lyssnar på {addr}: andra datorer i nätverket kan se den här förhandsvisningen, även utkast om --drafts är på"
                ),
                En => format!(
                    "{warning}: listening on {addr}: other machines on the network can see this preview, drafts included if --drafts is on"
                ),
            },
            Serving {
                url,
                files: n,
                millis,
            } => {
                let n = files(*n, l);
                match l {
                    Da => format!(
                        "viser sitet på {url} ({n}, bygget på {millis} ms)\nholder øje med ændringer; tryk Ctrl-C for at stoppe"
                    ),
                    Sv => format!(
                        "visar webbplatsen på {url} ({n}, byggd på {millis} ms)\nbevakar ändringar; tryck Ctrl-C för att avsluta"
                    ),
                    En => format!(
                        "serving the site at {url} ({n}, built in {millis} ms)\nwatching for changes; press Ctrl-C to stop"
                    ),
                }
            }
            Rebuilt {
                millis,
                changed: 0,
                removed: 0,
            } => match l {
                Da => format!("bygget igen på {millis} ms: ingen side ændret"),
                Sv => format!("byggd igen på {millis} ms: ingen sida ändrad"),
                En => format!("rebuilt in {millis} ms: no page changed"),
            },
            Rebuilt {
                millis,
                changed,
                removed,
            } => {
                let (c, r) = (files(*changed, l), files(*removed, l));
                match l {
                    Da => format!("bygget igen på {millis} ms: {c} ændret, {r} fjernet"),
                    Sv => {
                        let (changed, removed) = match (changed, removed) {
                            (1, 1) => ("ändrad", "borttagen"),
                            (1, _) => ("ändrad", "borttagna"),
                            (_, 1) => ("ändrade", "borttagen"),
                            _ => ("ändrade", "borttagna"),
                        };
                        format!("byggd igen på {millis} ms: {c} {changed}, {r} {removed}")
                    }
                    En => format!("rebuilt in {millis} ms: {c} changed, {r} removed"),
                }
            }
            ServeErrors { errors: n } => {
                let them = *n == 1;
                let count = errors(*n, l);
                match (l, them) {
                    (Da, true) => format!(
                        "{count}; siden i browseren viser den, og den seneste version uden fejl vises fortsat"
                    ),
                    (Da, false) => format!(
                        "{count}; siden i browseren viser dem, og den seneste version uden fejl vises fortsat"
                    ),
                    (Sv, true) => format!(
                        "{count}; sidan i webbläsaren visar det, och den senaste versionen utan fel visas fortfarande"
                    ),
                    (Sv, false) => format!(
                        "{count}; sidan i webbläsaren visar dem, och den senaste versionen utan fel visas fortfarande"
                    ),
                    (En, true) => format!(
                        "{count}; the page in the browser shows it and the last good site stays served"
                    ),
                    (En, false) => format!(
                        "{count}; the page in the browser shows them and the last good site stays served"
                    ),
                }
            }
            OpenFailed { url, detail } => {
                // The program that opens a browser is missing: not a file the user knows of.
                let detail = match (detail.kind, l) {
                    (std::io::ErrorKind::NotFound, Da) => "der er intet program til det".into(),
                    (std::io::ErrorKind::NotFound, Sv) => "det finns inget program för det".into(),
                    (std::io::ErrorKind::NotFound, En) => "no program for it was found".into(),
                    _ => detail.text(l),
                };
                match l {
                    Da => format!("{warning}: kan ikke åbne en browser ({detail}); åbn selv {url}"),
                    Sv => {
                        format!(
                            "{warning}: kan inte öppna en webbläsare ({detail}); öppna {url} själv"
                        )
                    }
                    En => {
                        format!("{warning}: cannot open a browser ({detail}); open {url} yourself")
                    }
                }
            }
            HostRefused { name } => match l {
                Da => format!(
                    "afviste en forespørgsel til {name}: forhåndsvisningen svarer kun localhost og IP-adresser\n  {help}: åbner du forhåndsvisningen via {name} med vilje, så start den igen med `--allow-host {name}`"
                ),
                Sv => format!(
                    "avvisade en förfrågan till {name}: förhandsvisningen svarar bara localhost och IP-adresser\n  {help}: öppnar du förhandsvisningen via {name} med avsikt, starta om den med `--allow-host {name}`"
                ),
                En => format!(
                    "refused a request addressed to {name}: the preview answers only localhost and IP addresses\n  {help}: if you open the preview through {name} on purpose, restart it with `--allow-host {name}`"
                ),
            },
            Stopped => match l {
                Da => "stoppet".into(),
                Sv => "stoppad".into(),
                En => "stopped".into(),
            },
            PortInUse { port, ip, next } => match l {
                Da => format!(
                    "{error}: port {port} på {ip} er allerede optaget (måske af en anden forhåndsvisning)\n  {help}: vælg en anden port, fx `brobygger serve --port {next}`"
                ),
                Sv => format!(
                    "{error}: port {port} på {ip} används redan (kanske av en annan förhandsvisning)\n  {help}: välj en annan port, t.ex. `brobygger serve --port {next}`"
                ),
                En => format!(
                    "{error}: port {port} on {ip} is already in use (another preview, perhaps)\n  {help}: choose another port, e.g. `brobygger serve --port {next}`"
                ),
            },
            CannotListen { addr, detail } => match l {
                Da => format!("{error}: kan ikke lytte på {addr} ({})", detail.text(l)),
                Sv => format!("{error}: kan inte lyssna på {addr} ({})", detail.text(l)),
                En => format!("{error}: cannot listen on {addr}: {}", detail.text(l)),
            },
            CannotWatch { detail } => match l {
                Da => format!(
                    "{error}: kan ikke holde øje med sitets filer ({})",
                    detail.text(l)
                ),
                Sv => format!(
                    "{error}: kan inte bevaka webbplatsens filer ({})",
                    detail.text(l)
                ),
                En => format!(
                    "{error}: cannot watch the site's files for changes: {}",
                    detail.text(l)
                ),
            },
            UnknownCommand { given, suggestion } => {
                let commands = "build, check, serve, init, new, cms";
                let also = match (suggestion, l) {
                    (Some(s), Da) => format!("mente du `brobygger {s}`? "),
                    (Some(s), Sv) => format!("menade du `brobygger {s}`? "),
                    (Some(s), En) => format!("did you mean `brobygger {s}`? "),
                    (None, _) => String::new(),
                };
                match l {
                    Da if given.is_empty() => format!(
                        "{error}: skriv en kommando efter brobygger\n  {help}: kommandoerne er: {commands} (`brobygger --help` forklarer dem)"
                    ),
                    Sv if given.is_empty() => format!(
                        "{error}: skriv ett kommando efter brobygger\n  {help}: kommandona är: {commands} (`brobygger --help` förklarar dem)"
                    ),
                    En if given.is_empty() => format!(
                        "{error}: brobygger needs a command\n  {help}: the commands are: {commands} (`brobygger --help` explains them)"
                    ),
                    Da => format!(
                        "{error}: brobygger kender ikke kommandoen `{given}`\n  {help}: {also}kommandoerne er: {commands} (`brobygger --help` forklarer dem)"
                    ),
                    Sv => format!(
                        "{error}: brobygger känner inte till kommandot `{given}`\n  {help}: {also}kommandona är: {commands} (`brobygger --help` förklarar dem)"
                    ),
                    En => format!(
                        "{error}: brobygger has no command `{given}`\n  {help}: {also}the commands are: {commands} (`brobygger --help` explains them)"
                    ),
                }
            }
            UnknownOption {
                given,
                suggestion,
                command,
            } => {
                let also = match (suggestion, l) {
                    (Some(s), Da) => format!("mente du `{s}`? "),
                    (Some(s), Sv) => format!("menade du `{s}`? "),
                    (Some(s), En) => format!("did you mean `{s}`? "),
                    (None, _) => String::new(),
                };
                match l {
                    Da => format!(
                        "{error}: `brobygger {command}` kender ikke `{given}`\n  {help}: {also}`brobygger {command} --help` viser, hvad den kan"
                    ),
                    Sv => format!(
                        "{error}: `brobygger {command}` känner inte till `{given}`\n  {help}: {also}`brobygger {command} --help` visar vad det kan"
                    ),
                    En => format!(
                        "{error}: `brobygger {command}` has no option `{given}`\n  {help}: {also}`brobygger {command} --help` shows what it takes"
                    ),
                }
            }
            BadValue {
                value,
                option,
                allowed,
                command,
            } => {
                let hint = match (allowed.is_empty(), l) {
                    (false, Da) => format!("skriv en af: {}", allowed.join(", ")),
                    (false, Sv) => format!("skriv en av: {}", allowed.join(", ")),
                    (false, En) => format!("write one of: {}", allowed.join(", ")),
                    (true, Da) => format!("`brobygger {command} --help` viser, hvad der skal stå"),
                    (true, Sv) => format!("`brobygger {command} --help` visar vad som ska stå där"),
                    (true, En) => format!("`brobygger {command} --help` shows what it takes"),
                };
                match l {
                    Da => {
                        format!("{error}: `{value}` kan ikke bruges til {option}\n  {help}: {hint}")
                    }
                    Sv => format!(
                        "{error}: `{value}` går inte att använda för {option}\n  {help}: {hint}"
                    ),
                    En => {
                        format!("{error}: `{value}` is not a value for {option}\n  {help}: {hint}")
                    }
                }
            }
            BadHost { value } => match l {
                Da => format!(
                    "{error}: `{value}` er ikke et værtsnavn\n  {help}: skriv det som i adresselinjen, fx `preview.example` eller `preview.example:8080`"
                ),
                Sv => format!(
                    "{error}: `{value}` är inte ett värdnamn\n  {help}: skriv det som i adressfältet, t.ex. `preview.example` eller `preview.example:8080`"
                ),
                En => format!(
                    "{error}: `{value}` is not a host name\n  {help}: write it as in the address bar, e.g. `preview.example` or `preview.example:8080`"
                ),
            },
            MissingArgument { what, command } => match l {
                Da => format!(
                    "{error}: `brobygger {command}` mangler {what}\n  {help}: `brobygger {command} --help` viser et eksempel"
                ),
                Sv => format!(
                    "{error}: `brobygger {command}` saknar {what}\n  {help}: `brobygger {command} --help` visar ett exempel"
                ),
                En => format!(
                    "{error}: `brobygger {command}` needs {what}\n  {help}: `brobygger {command} --help` shows an example"
                ),
            },
            NotUnderstood { detail, command } => match l {
                Da => format!(
                    "{error}: kommandolinjen kan ikke forstås\n  {help}: `brobygger {command} --help` viser, hvad der kan stå (kommandolinjelæseren svarede: {detail})"
                ),
                Sv => format!(
                    "{error}: kommandoraden går inte att förstå\n  {help}: `brobygger {command} --help` visar vad som kan stå där (kommandoradsläsaren svarade: {detail})"
                ),
                En => format!(
                    "{error}: the command line is not understood\n  {help}: `brobygger {command} --help` shows what it takes ({detail})"
                ),
            },
        }
    }
}

// ---------------------------------------------------------------------------------------------
// YAML that cannot be read (issue 17): what the YAML reader found, in the facilitator's words.

/// What kind of mistake makes a text invalid YAML, as far as it can be told from where the YAML
/// reader stopped. `Other` is a mistake without words of its own: the reader's detail says it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum YamlProblem {
    /// A tab where YAML allows only spaces (indentation, or right after a value).
    Tab,
    /// A `"` or `'` that is never closed.
    UnclosedQuote,
    /// A `[` or `{` that is never closed.
    UnclosedBracket,
    /// A `: ` where no field can begin: in a value that needs quotes, or under a value.
    ColonInValue,
    /// A value starting with a character YAML keeps for itself (`@`, `` ` ``, `%`).
    ReservedStart(char),
    /// A line indented more or less than the fields around it.
    Indentation,
    /// `*name` with no `&name` before it.
    UnknownAlias,
    /// More levels of lists and mappings inside one another than any site needs.
    TooDeep,
    /// A second document after a `---` line.
    SecondDocument,
    Other,
}

impl YamlProblem {
    /// (message, help): the problem in `l`, the reader's English `detail` on a line of its own.
    fn text(&self, detail: &str, l: Language) -> (String, String) {
        use Language::*;
        use YamlProblem::*;
        let (what, help): (String, &str) = match (self, l) {
            (Tab, Da) => (
                "et tabulatortegn, hvor YAML kun tillader mellemrum".into(),
                "ryk ind med mellemrum, ikke tabulator: slet tabulatortegnet og skriv mellemrum i stedet",
            ),
            (Tab, Sv) => (
                "ett tabbtecken där YAML bara tillåter mellanslag".into(),
                "gör indrag med mellanslag, inte tabb: ta bort tabbtecknet och skriv mellanslag i stället",
            ),
            (Tab, En) => (
                "a tab character where YAML allows only spaces".into(),
                "indent with spaces, not tabs: delete the tab and type spaces instead",
            ),
            (UnclosedQuote, Da) => (
                "anførselstegnet, der begynder her, bliver aldrig lukket".into(),
                "afslut teksten med det samme anførselstegn, som den begynder med (\" eller '), på samme linje",
            ),
            (UnclosedQuote, Sv) => (
                "citattecknet som börjar här stängs aldrig".into(),
                "avsluta texten med samma citattecken som den börjar med (\" eller '), på samma rad",
            ),
            (UnclosedQuote, En) => (
                "the quote that starts here is never closed".into(),
                "end the text with the same quote it starts with (\" or '), on the same line",
            ),
            (UnclosedBracket, Da) => (
                "parentesen, der begynder her, bliver aldrig lukket".into(),
                "luk listen med `]` (eller felterne med `}`) på samme linje, fx `partners: [vive, kommune]`",
            ),
            (UnclosedBracket, Sv) => (
                "parentesen som börjar här stängs aldrig".into(),
                "stäng listan med `]` (eller fälten med `}`) på samma rad, t.ex. `partners: [vive, kommune]`",
            ),
            (UnclosedBracket, En) => (
                "the bracket that opens here is never closed".into(),
                "close the list with `]` (or the mapping with `}`) on the same line, e.g. `partners: [vive, kommune]`",
            ),
            (ColonInValue, Da) => (
                "et `:` her, hvor intet felt kan begynde".into(),
                "står kolonet i en tekst, så sæt hele teksten i anførselstegn, fx `title: \"Tid: en udfordring\"`; er det et felt, så ryk det lige så langt ind som felterne omkring det",
            ),
            (ColonInValue, Sv) => (
                "ett `:` här, där inget fält kan börja".into(),
                "står kolonet i en text, sätt hela texten inom citattecken, t.ex. `title: \"Tid: en utmaning\"`; är det ett fält, gör samma indrag som för fälten runt omkring",
            ),
            (ColonInValue, En) => (
                "a `:` here, where no field can start".into(),
                "if the colon is part of a text, put the whole text in quotes, e.g. `title: \"Time: a challenge\"`; if it is a field, indent it as far as the fields around it",
            ),
            (ReservedStart(c), Da) => (
                format!("en værdi kan ikke begynde med `{c}`"),
                "sæt værdien i anførselstegn",
            ),
            (ReservedStart(c), Sv) => (
                format!("ett värde kan inte börja med `{c}`"),
                "sätt värdet inom citattecken",
            ),
            (ReservedStart(c), En) => (
                format!("a value cannot start with `{c}`"),
                "put the value in quotes",
            ),
            (Indentation, Da) => (
                "denne linje er rykket forkert ind i forhold til linjerne omkring den".into(),
                "felter i samme liste eller under samme felt skal rykkes lige langt ind, med mellemrum",
            ),
            (Indentation, Sv) => (
                "den här raden har fel indrag jämfört med raderna runt den".into(),
                "fält i samma lista eller under samma fält ska ha lika långt indrag, med mellanslag",
            ),
            (Indentation, En) => (
                "this line is indented differently from the lines around it".into(),
                "fields in the same list or under the same field must be indented equally, with spaces",
            ),
            (UnknownAlias, Da) => (
                "`*` her henviser til et anker (`&navn`), der ikke findes før det".into(),
                "skriv værdien ud, eller sæt teksten i anførselstegn, hvis den skal begynde med `*`",
            ),
            (UnknownAlias, Sv) => (
                "`*` här hänvisar till ett ankare (`&namn`) som inte finns före det".into(),
                "skriv ut värdet, eller sätt texten inom citattecken om den ska börja med `*`",
            ),
            (UnknownAlias, En) => (
                "the `*` here refers to an anchor (`&name`) that is not defined before it".into(),
                "write the value out, or put the text in quotes if it should start with `*`",
            ),
            (TooDeep, Da) => (
                "lister og felter står her i for mange niveauer inden i hinanden".into(),
                "skriv værdien med færre niveauer: et felt tager tekst, en liste eller nogle få felter",
            ),
            (TooDeep, Sv) => (
                "listor och fält står här i för många nivåer inuti varandra".into(),
                "skriv värdet med färre nivåer: ett fält tar text, en lista eller några få fält",
            ),
            (TooDeep, En) => (
                "lists and mappings are nested too deeply here".into(),
                "write the value with fewer levels: a field takes a text, a list or a few fields",
            ),
            (SecondDocument, Da) => (
                "en linje med `---` begynder her et nyt YAML-dokument".into(),
                "filen rummer ét dokument: fjern linjen med `---`",
            ),
            (SecondDocument, Sv) => (
                "en rad med `---` börjar här ett nytt YAML-dokument".into(),
                "filen rymmer ett dokument: ta bort raden med `---`",
            ),
            (SecondDocument, En) => (
                "a `---` line starts a second YAML document here".into(),
                "the file holds one document: remove the `---` line",
            ),
            (Other, Da) => (
                "YAML-læseren kan ikke læse videre herfra".into(),
                "tjek indrykningen (mellemrum, ikke tabulator), afsluttende anførselstegn og parenteser, og sæt tekst med `:` eller `#` i anførselstegn",
            ),
            (Other, Sv) => (
                "YAML-läsaren kan inte läsa vidare härifrån".into(),
                "kontrollera indraget (mellanslag, inte tabb), avslutande citattecken och parenteser, och sätt text med `:` eller `#` inom citattecken",
            ),
            (Other, En) => (
                "the YAML reader cannot read on from here".into(),
                "check indentation (spaces, not tabs), closing quotes and brackets, and put text with `:` or `#` in quotes",
            ),
        };
        let (lead, says) = match l {
            Da => ("ugyldig YAML", "YAML-læseren skriver (på engelsk)"),
            Sv => ("ogiltig YAML", "YAML-läsaren skriver (på engelska)"),
            En => ("invalid YAML", "the YAML reader says"),
        };
        let message = if detail.is_empty() {
            format!("{lead}: {what}")
        } else {
            format!("{lead}: {what}\n{says}: {detail}")
        };
        (message, help.into())
    }
}

// --- The editing forms (`serve`'s /api/v1, issue 18) ---

/// Why `serve`'s editing API refused a request; Decap shows the text in the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CmsText {
    /// A path outside `content/**.md` and the media folder, or not made of plain names.
    PathRefused {
        path: String,
        media: String,
    },
    EntryTooLarge {
        path: String,
        bytes: usize,
    },
    NotJson,
    MissingParameter {
        name: String,
    },
    UnknownAction {
        action: String,
    },
    NotBase64,
}

impl CmsText {
    pub fn examples() -> Vec<CmsText> {
        vec![
            CmsText::PathRefused {
                path: "../site.yaml".into(),
                media: "static/images".into(),
            },
            CmsText::EntryTooLarge {
                path: "content/partners/x.md".into(),
                bytes: 1_048_576,
            },
            CmsText::NotJson,
            CmsText::MissingParameter {
                name: "path".into(),
            },
            CmsText::UnknownAction { action: "x".into() },
            CmsText::NotBase64,
        ]
    }

    pub fn text(&self, language: Language) -> String {
        use Language::{Da, En, Sv};
        match (self, language) {
            (CmsText::PathRefused { path, media }, En) => format!(
                "the path \"{path}\" is not allowed: the forms write only Markdown files under content/ and files under {media}/, named with plain letters, digits, - _ and ."
            ),
            (CmsText::PathRefused { path, media }, Da) => format!(
                "stien \"{path}\" er ikke tilladt: formularerne skriver kun Markdown-filer under content/ og filer under {media}/, med navne af almindelige bogstaver, tal, - _ og ."
            ),
            (CmsText::PathRefused { path, media }, Sv) => format!(
                "sökvägen \"{path}\" är inte tillåten: formulären skriver bara Markdown-filer under content/ och filer under {media}/, med namn av vanliga bokstäver, siffror, - _ och ."
            ),
            (CmsText::EntryTooLarge { path, bytes }, En) => {
                format!("{path} is larger than {bytes} bytes: split the text into several entries")
            }
            (CmsText::EntryTooLarge { path, bytes }, Da) => {
                format!("{path} er større end {bytes} byte: del teksten op i flere filer")
            }
            (CmsText::EntryTooLarge { path, bytes }, Sv) => {
                format!("{path} är större än {bytes} byte: dela upp texten i flera filer")
            }
            (CmsText::NotJson, En) => "the request is not JSON".into(),
            (CmsText::NotJson, Da) => "forespørgslen er ikke JSON".into(),
            (CmsText::NotJson, Sv) => "begäran är inte JSON".into(),
            (CmsText::MissingParameter { name }, En) => {
                format!("the request lacks \"params.{name}\"")
            }
            (CmsText::MissingParameter { name }, Da) => {
                format!("forespørgslen mangler \"params.{name}\"")
            }
            (CmsText::MissingParameter { name }, Sv) => format!("begäran saknar \"params.{name}\""),
            (CmsText::UnknownAction { action }, En) => format!("Unknown action {action}"),
            (CmsText::UnknownAction { action }, Da) => format!("ukendt handling {action}"),
            (CmsText::UnknownAction { action }, Sv) => format!("okänd åtgärd {action}"),
            (CmsText::NotBase64, En) => "the file's content is not base64".into(),
            (CmsText::NotBase64, Da) => "filens indhold er ikke base64".into(),
            (CmsText::NotBase64, Sv) => "filens innehåll är inte base64".into(),
        }
    }
}

// --- What the system said, and what the preview sends as a page (issue 17, the last gaps) ---

/// What the system answered when a file, folder, port or program could not be used, kept by
/// its kind so that it is said in the site's language: "(Permission denied (os error 13))"
/// is English a Danish facilitator cannot act on. The system's own words are kept too, and
/// shown only for a kind that has no words here (an input/output error, say).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SystemError {
    pub kind: std::io::ErrorKind,
    /// The system's own account, e.g. "Input/output error (os error 5)".
    pub os: String,
}

impl From<&std::io::Error> for SystemError {
    fn from(e: &std::io::Error) -> Self {
        SystemError {
            kind: e.kind(),
            os: e.to_string(),
        }
    }
}

impl From<std::io::Error> for SystemError {
    fn from(e: std::io::Error) -> Self {
        SystemError::from(&e)
    }
}

impl SystemError {
    /// A failure known only by the words of the library that met it (a file watcher).
    pub fn other(os: impl Into<String>) -> Self {
        SystemError {
            kind: std::io::ErrorKind::Other,
            os: os.into(),
        }
    }

    /// What the system said, in `l`: the kind in words, or, for a kind without words here,
    /// a plain lead and the system's own account.
    pub fn text(&self, l: Language) -> String {
        use Language::*;
        use std::io::ErrorKind as K;
        let said = |da: &str, sv: &str, en: &str| {
            match l {
                Da => da,
                Sv => sv,
                En => en,
            }
            .to_string()
        };
        match self.kind {
            K::NotFound => said(
                "filen eller mappen findes ikke",
                "filen eller mappen finns inte",
                "no such file or folder",
            ),
            K::PermissionDenied => said(
                "du har ikke tilladelse til det",
                "du saknar behörighet till det",
                "permission denied",
            ),
            K::AlreadyExists => said(
                "den findes allerede",
                "den finns redan",
                "it already exists",
            ),
            K::IsADirectory => said(
                "det er en mappe, ikke en fil",
                "det är en mapp, inte en fil",
                "it is a folder, not a file",
            ),
            K::NotADirectory => said(
                "en del af stien er en fil, hvor der skulle være en mappe",
                "en del av sökvägen är en fil där det ska vara en mapp",
                "a part of the path is a file where a folder should be",
            ),
            K::DirectoryNotEmpty => said(
                "mappen er ikke tom",
                "mappen är inte tom",
                "the folder is not empty",
            ),
            K::StorageFull | K::QuotaExceeded => {
                said("disken er fuld", "disken är full", "the disk is full")
            }
            K::FileTooLarge => said(
                "filen er for stor",
                "filen är för stor",
                "the file is too large",
            ),
            K::ReadOnlyFilesystem => said(
                "drevet er skrivebeskyttet",
                "enheten är skrivskyddad",
                "the drive is read-only",
            ),
            K::InvalidData => said(
                "indholdet er ikke UTF-8-tekst",
                "innehållet är inte UTF-8-text",
                "the content is not UTF-8 text",
            ),
            K::ResourceBusy | K::ExecutableFileBusy => said(
                "den er i brug af et andet program",
                "den används av ett annat program",
                "another program is using it",
            ),
            K::CrossesDevices => said(
                "den ligger på et andet drev",
                "den ligger på en annan enhet",
                "it is on another drive",
            ),
            K::InvalidFilename => said(
                "navnet er for langt eller har tegn, systemet ikke tillader",
                "namnet är för långt eller har tecken som systemet inte tillåter",
                "the name is too long or has characters the system does not allow",
            ),
            K::TooManyLinks => said(
                "der er for mange links til den",
                "det finns för många länkar till den",
                "it has too many links",
            ),
            K::AddrInUse => said(
                "adressen er allerede i brug",
                "adressen används redan",
                "the address is already in use",
            ),
            K::AddrNotAvailable => said(
                "adressen findes ikke på denne maskine",
                "adressen finns inte på den här datorn",
                "the address is not one of this machine's",
            ),
            K::OutOfMemory => said(
                "maskinen har ikke mere hukommelse",
                "datorn har inget mer minne",
                "the machine is out of memory",
            ),
            _ => match l {
                Da => format!("systemet svarede: {}", self.os),
                Sv => format!("systemet svarade: {}", self.os),
                En => self.os.clone(),
            },
        }
    }

    /// Every kind with words of its own, and one without, for tests of the table.
    pub fn examples() -> Vec<SystemError> {
        use std::io::ErrorKind as K;
        [
            K::NotFound,
            K::PermissionDenied,
            K::AlreadyExists,
            K::IsADirectory,
            K::NotADirectory,
            K::DirectoryNotEmpty,
            K::StorageFull,
            K::QuotaExceeded,
            K::FileTooLarge,
            K::ReadOnlyFilesystem,
            K::InvalidData,
            K::ResourceBusy,
            K::ExecutableFileBusy,
            K::CrossesDevices,
            K::InvalidFilename,
            K::TooManyLinks,
            K::AddrInUse,
            K::AddrNotAvailable,
            K::OutOfMemory,
            K::Interrupted,
            K::Other,
        ]
        .into_iter()
        .map(|kind| SystemError {
            kind,
            os: "Input/output error (os error 5)".into(),
        })
        .collect()
    }
}

/// What `serve` sends as a page of its own rather than the site's: why a request is refused
/// (see src/serve/hosts.rs), and a missing page on a site without a 404 page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PreviewText {
    /// A request without a `Host` header.
    NoHost,
    /// A name the preview does not answer; the name when it can be shown.
    RefusedName {
        name: Option<String>,
    },
    /// Another site's page asked for the preview's own addresses.
    CrossSite,
    NotFound,
    /// The editing forms asked for a file of the media folder that is not there.
    NoMediaFile {
        path: String,
    },
    /// A request of the editing forms failed where it never should (its thread stopped).
    EditFailed,
}

impl PreviewText {
    pub fn examples() -> Vec<PreviewText> {
        vec![
            PreviewText::NoHost,
            PreviewText::RefusedName {
                name: Some("evil.example".into()),
            },
            PreviewText::RefusedName { name: None },
            PreviewText::CrossSite,
            PreviewText::NotFound,
            PreviewText::NoMediaFile {
                path: "static/images/x.png".into(),
            },
            PreviewText::EditFailed,
        ]
    }

    /// The page's text in `l`, ending with a newline.
    pub fn text(&self, l: Language) -> String {
        use Language::*;
        match self {
            PreviewText::NoHost => match l {
                Da => "brobygger serve svarer kun forespørgsler, der nævner den i en Host-header.\n".into(),
                Sv => "brobygger serve svarar bara på förfrågningar som nämner den i en Host-header.\n".into(),
                En => "brobygger serve answers only requests that name it in a Host header.\n".into(),
            },
            PreviewText::RefusedName { name } => {
                let shown = name.as_deref().unwrap_or(match l {
                    Da => "dette navn",
                    Sv => "det här namnet",
                    En => "this name",
                });
                let allow = name.as_deref().unwrap_or(match l {
                    Da => "NAVN",
                    Sv => "NAMN",
                    En => "NAME",
                });
                match l {
                    Da => format!(
                        "brobygger serve svarer ikke for {shown}: kun for localhost, IP-adresser og navne, der blev tilladt, da den startede (så kan andre websider ikke læse forhåndsvisningen).\nÅbner du forhåndsvisningen via {shown} med vilje, så start den med `brobygger serve --allow-host {allow}`.\n"
                    ),
                    Sv => format!(
                        "brobygger serve svarar inte för {shown}: bara för localhost, IP-adresser och namn som tilläts när den startade (så kan andra webbsidor inte läsa förhandsvisningen).\nÖppnar du förhandsvisningen via {shown} med avsikt, starta den med `brobygger serve --allow-host {allow}`.\n"
                    ),
                    En => format!(
                        "brobygger serve does not answer for {shown}: only for localhost, IP addresses and names allowed when it starts (this keeps other web pages from reading the preview).\nIf you reach the preview through {shown} on purpose, start it with `brobygger serve --allow-host {allow}`.\n"
                    ),
                }
            }
            PreviewText::CrossSite => match l {
                Da => "brobygger serve viser ikke sin tilstand for andre websteders sider.\n".into(),
                Sv => "brobygger serve visar inte sitt tillstånd för andra webbplatsers sidor.\n".into(),
                En => "brobygger serve does not give its state to other sites' pages.\n".into(),
            },
            PreviewText::NotFound => match l {
                Da => "siden findes ikke\n".into(),
                Sv => "sidan finns inte\n".into(),
                En => "not found\n".into(),
            },
            PreviewText::NoMediaFile { path } => match l {
                Da => format!("filen {path} findes ikke"),
                Sv => format!("filen {path} finns inte"),
                En => format!("no file {path}"),
            },
            PreviewText::EditFailed => match l {
                Da => "ændringen mislykkedes uventet; prøv igen".into(),
                Sv => "ändringen misslyckades oväntat; försök igen".into(),
                En => "the change failed unexpectedly; try again".into(),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_has_a_text_in_every_language() {
        for error in ErrorText::examples() {
            let da = error.text(Language::Da);
            let sv = error.text(Language::Sv);
            let en = error.text(Language::En);
            for (message, help) in [&da, &sv, &en] {
                assert!(!message.is_empty() && !help.is_empty(), "{error:?}");
            }
            // The messages must differ between languages; a help may be the same only
            // when it is nothing but the suggestion's own words.
            assert_ne!(da.0, en.0, "{error:?} has no Danish message");
            assert_ne!(sv.0, en.0, "{error:?} has no Swedish message");
            assert_ne!(
                da.0, sv.0,
                "{error:?} has the same Danish and Swedish message"
            );
            assert_ne!(da.1, en.1, "{error:?} has no Danish help");
            assert_ne!(sv.1, en.1, "{error:?} has no Swedish help");
        }
    }

    /// Numbers the variants with a match that has no catch-all, so that a new variant does
    /// not compile until it is numbered here, and then fails the test until it has an example.
    fn variant(e: &ErrorText) -> usize {
        use ErrorText::*;
        match e {
            UnknownReference { .. } => 0,
            WrongKindReference { .. } => 1,
            UnknownKindReference { .. } => 2,
            AmbiguousWikilink { .. } => 3,
            UnknownKindWikilink { .. } => 4,
            UnknownWikilink { .. } => 5,
            EmptyWikilink => 6,
            DuplicateId { .. } => 7,
            DuplicateNumber { .. } => 8,
            UnknownSector { .. } => 9,
            BadIdCharacters { .. } => 10,
            BadIdTooLong { .. } => 11,
            BadIdDevice { .. } => 12,
            BadIdNameless => 13,
            MissingFrontMatter => 14,
            UnclosedFrontMatter => 15,
            TooFewPartners { .. } => 16,
            QuoteWithoutSpeaker => 17,
            UnknownField { .. } => 18,
            MissingField { .. } => 19,
            DuplicateField { .. } => 20,
            DuplicateEntry { .. } => 21,
            BadDate { .. } => 22,
            InvalidYaml { .. } => 23,
            AliasBomb => 24,
            LinkOutsideSite { .. } => 25,
            LinkToHidden { .. } => 26,
            LinkIntoContent { .. } => 27,
            LinkIntoOutput { .. } => 28,
            NotAFile { .. } => 29,
            StaticTooLarge { .. } => 30,
            SameNameNormalised { .. } => 31,
            HiddenNeverPublished { .. } => 32,
            EmptyTitle { .. } => 33,
            BadLogo { .. } => 34,
            EndBeforeStart { .. } => 35,
            WrongType { .. } => 36,
            NotAllowedValue { .. } => 37,
            BadBaseUrl { .. } => 38,
            UnknownContributionType { .. } => 39,
            UnknownCatalogue { .. } => 40,
            NumberWithoutCatalogue { .. } => 41,
            UnknownKindFolder { .. } => 42,
            MissingSiteYaml { .. } => 43,
            SiteYamlTooLarge { .. } => 44,
            SiteYamlUnreadable { .. } => 45,
            SiteYamlNotUtf8 { .. } => 46,
            ContentUnreadable { .. } => 47,
            ContentTooLarge { .. } => 48,
            ContentNotUtf8 { .. } => 49,
            BadAccent { .. } => 50,
            OutputRefused { .. } => 51,
            OutputNotWritable { .. } => 52,
            OutputUnwritable { .. } => 53,
            OutputCaseClash { .. } => 54,
            OutputFileAndFolder { .. } => 55,
            OutputNotOurs { .. } => 56,
            OutputReplace { .. } => 57,
            StaticClash => 58,
            BadSettingKey { .. } => 59,
            NoSectors => 60,
            UnknownTheme { .. } => 61,
            MissingContent { .. } => 62,
            FileUnreadable { .. } => 63,
            CannotFollow { .. } => 64,
            Internal => 65,
        }
    }

    #[test]
    fn every_variant_has_an_example() {
        let seen: std::collections::BTreeSet<usize> =
            ErrorText::examples().iter().map(variant).collect();
        assert_eq!(seen, (0..=65).collect());
    }

    /// `said` has a text in each of da, sv and en, and no two are the same.
    fn three_languages(said: &impl std::fmt::Debug, [da, sv, en]: [&String; 3]) {
        assert!(
            !da.is_empty() && !sv.is_empty() && !en.is_empty(),
            "{said:?}"
        );
        assert_ne!(da, en, "{said:?} has no Danish text");
        assert_ne!(sv, en, "{said:?} has no Swedish text");
        assert_ne!(da, sv, "{said:?} has the same Danish and Swedish text");
    }

    #[test]
    fn every_command_line_has_a_text_in_every_language() {
        for said in CommandText::examples() {
            let [da, sv, en] = [Language::Da, Language::Sv, Language::En].map(|l| said.text(l));
            three_languages(&said, [&da, &sv, &en]);
        }
    }

    #[test]
    fn counts_agree_with_their_nouns() {
        let built = |partnerships| CommandText::Built {
            partners: 1,
            partnerships,
            items: 2,
            pages: 0,
            output: "public".into(),
            files: 1,
            millis: 3,
        };
        assert_eq!(
            built(1).text(Language::En),
            "built 1 partner, 1 partnership, 2 items and 0 pages into public (1 file, 3 ms)"
        );
        assert_eq!(
            built(2).text(Language::Da),
            "byggede sitet i public: 1 partner, 2 partnerskaber, 2 stykker indhold og 0 sider (1 fil, 3 ms)"
        );
        let rebuilt = CommandText::Rebuilt {
            millis: 4,
            changed: 1,
            removed: 2,
        };
        assert_eq!(
            rebuilt.text(Language::Sv),
            "byggd igen på 4 ms: 1 fil ändrad, 2 filer borttagna"
        );
    }

    #[test]
    fn a_lookalike_is_shown_by_its_code_point() {
        let written = "v\u{456}ve";
        let note = lookalike_note(
            written,
            "vive",
            &crate::base::text::lookalikes(written, "vive"),
            Language::En,
        );
        assert_eq!(
            note,
            "\"v\u{456}ve\" and \"vive\" look alike but differ: Cyrillic \"\u{456}\" (U+0456) where \"vive\" has Latin \"i\" (U+0069)"
        );
        let note = lookalike_note("x\u{200B}", "x", &[('\u{200B}', None)], Language::Da);
        assert!(note.ends_with("et usynligt tegn (U+200B)"), "{note}");
    }

    #[test]
    fn kinds_agree_with_their_articles() {
        let (_, help) = ErrorText::UnknownReference {
            kind: Kind::Partnership,
            value: "x".into(),
            id: "x".into(),
            suggestion: None,
        }
        .text(Language::Sv);
        assert!(help.contains("ett befintligt partnerskap"), "{help}");
        let (_, help) = ErrorText::UnknownReference {
            kind: Kind::Partner,
            value: "viv".into(),
            id: "viv".into(),
            suggestion: None,
        }
        .text(Language::Da);
        assert_eq!(
            help,
            "opret content/partners/viv.md, eller brug id'et på en eksisterende partner"
        );
    }

    // --- issue 17, the last gaps ---

    #[test]
    fn the_systems_answers_and_the_previews_pages_are_said_in_every_language() {
        for said in SystemError::examples() {
            let [da, sv, en] = [Language::Da, Language::Sv, Language::En].map(|l| said.text(l));
            three_languages(&said, [&da, &sv, &en]);
            // The system's English only where the kind has no words of its own.
            let own_words = !matches!(
                said.kind,
                std::io::ErrorKind::Interrupted | std::io::ErrorKind::Other
            );
            assert_eq!(!da.contains("os error"), own_words, "{da}");
        }
        for page in PreviewText::examples() {
            let [da, sv, en] = [Language::Da, Language::Sv, Language::En].map(|l| page.text(l));
            assert_ne!(da, en, "{page:?} has no Danish text");
            assert_ne!(sv, en, "{page:?} has no Swedish text");
            assert_ne!(da, sv, "{page:?} has the same Danish and Swedish text");
        }
        let refused = PreviewText::RefusedName {
            name: Some("evil.example".into()),
        };
        for l in [Language::Da, Language::Sv, Language::En] {
            assert!(
                refused
                    .text(l)
                    .contains("`brobygger serve --allow-host evil.example`")
            );
        }
    }
}
