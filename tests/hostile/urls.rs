//! Addresses that would run script: `javascript:`, `vbscript:` and `data:` URLs, in the front
//! matter's `website`, `logo` and `agreement`, in Markdown links and images, and in site.yaml,
//! with the variants browsers still run (mixed case, leading space, a tab inside, character
//! references). The site builds and no page links to any of them; `base_url` (in site.yaml or
//! as `--base-url`), which every link of the 404 page starts with, and a `logo`, which must be
//! a file in static/, are errors.

use crate::common::site::Site;

/// As written in YAML double quotes.
const SCRIPT_URLS: &[&str] = &[
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\\tscript:alert(1)",
    "java\\nscript:alert(1)",
    "\\x01javascript:alert(1)",
    "&#106;avascript:alert(1)",
    "&#x6A;avascript:alert(1)",
    "javascript&colon;alert(1)",
    "vbscript:msgbox(1)",
    "VBScript:msgbox(1)",
    "data:text/html,<script>alert(1)</script>",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    " DATA:text/html,x",
    "data:image/svg+xml,<svg onload=alert(1)>",
];

/// A partner per URL, with the URL in `field`.
fn partners_with(field: &str) -> Site {
    let site = Site::new();
    for (i, url) in SCRIPT_URLS.iter().enumerate() {
        site.file(
            &format!("content/partners/p{i}.md"),
            format!("---\nname: P{i}\nsector: research\n{field}: \"{url}\"\n---\n"),
        );
    }
    site
}

#[test]
fn script_urls_as_a_partners_website_are_not_linked() {
    let site = partners_with("website");
    let built = site.build().built();
    assert!(built.exists("partners/p0/index.html"));
}

/// A logo is a file in static/: a script URL is not one, so each is an error, named.
#[test]
fn script_urls_as_a_partners_logo_are_an_error() {
    let site = partners_with("logo");
    let outcome = site.build();
    outcome.error(
        "bad-logo",
        "content/partners/p0.md:4:8",
        "`logo` \"javascript:alert(1)\" is an address, not a file in static/",
        "save the image in static/",
    );
    let reported = outcome
        .errors()
        .iter()
        .filter(|b| b.is("error", "bad-logo"))
        .count();
    assert_eq!(reported, SCRIPT_URLS.len(), "{}", outcome.stderr);
}

#[test]
fn script_urls_as_a_partnerships_agreement_are_not_linked() {
    let site = Site::new();
    for (i, url) in SCRIPT_URLS.iter().enumerate() {
        site.file(
            &format!("content/partnerships/s{i}.md"),
            format!("---\ntitle: S{i}\npartners: [vive, kommune]\nagreement: \"{url}\"\n---\n"),
        );
    }
    let built = site.build().built();
    assert!(built.exists("partnerships/s0/index.html"));
}

#[test]
fn script_urls_in_markdown_links_and_images_are_neutralised() {
    let mut body = String::new();
    for (i, url) in SCRIPT_URLS.iter().enumerate() {
        // YAML's escapes mean nothing in Markdown: write the characters themselves.
        let url = url
            .replace("\\t", "\t")
            .replace("\\n", "")
            .replace("\\x01", "\u{1}");
        body.push_str(&format!(
            "[link {i}](<{url}>) ![image {i}](<{url}>) [ref {i}][r{i}] <{url}>\n\n[r{i}]: <{url}>\n\n"
        ));
    }
    let site = Site::new();
    site.file(
        "content/challenges/tid.md",
        format!("---\ntitle: Tid\nnumber: 1\n---\n{body}"),
    );
    let built = site.build().built();
    let text = built.text("challenges/tid/index.html");
    assert!(
        text.contains("link 0") && text.contains("ref 14"),
        "the links' texts are kept"
    );
}

#[test]
fn a_script_url_as_base_url_is_an_error() {
    let site = Site::new();
    site.file(
        "site.yaml",
        "title: T\nbase_url: \" JaVaScRiPt:alert(1)//\"\nsectors:\n  research: R\n  public: P\n",
    );
    site.build().error(
        "bad-url",
        "site.yaml:2:1",
        "is not a web address: it would run a script",
        "write the address the site is published at",
    );
}

/// `--base-url` may come from a CI job's settings, which a pull request can change as easily as
/// site.yaml: it gets the same check.
#[test]
fn a_script_url_as_base_url_on_the_command_line_is_an_error() {
    let mut site = Site::new();
    site.args = vec!["--base-url".into(), " JaVaScRiPt:alert(1)//".into()];
    site.build().error(
        "bad-url",
        "(command line)",
        "`--base-url` \" JaVaScRiPt:alert(1)//\" is not a web address: it would run a script",
        "give the address the site is published at, such as `--base-url https://example.org/kb/`",
    );
    // A web address is fine, and is what the feed's links start with.
    site.args = vec!["--base-url".into(), "https://example.org/kb/".into()];
    let built = site.build().built();
    assert!(built.read("atom.xml").contains("https://example.org/kb/"));
}

#[test]
fn a_script_url_as_the_accessibility_statement_is_not_linked() {
    let site = Site::new();
    site.file(
        "site.yaml",
        "title: T\nsectors:\n  research: R\n  public: P\naccessibility:\n  statement_url: \"javascript:alert(1)\"\n",
    );
    let built = site.build().built();
    assert!(!built.exists("was/index.html"), "no redirect to it");
}
