//! A content file's text, kept only as where to find it. Errors and warnings quote the line they
//! are about, but a build holds every file at once: at 50,000 items the texts alone are hundreds
//! of megabytes, needed only for the few files that have something to say. So a loaded file
//! keeps its path and a hash of its text, and the text is read again, through the same site
//! folder rules, when a message needs it.

use super::cache::hash_text;
use super::file::read_text;
use super::site_folder::SiteFolder;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

/// Where a file's text is: held (the front page, texts given whole) or to be read again.
#[derive(Debug, Clone, Default)]
pub struct Source {
    /// The site folder and the file's path in it; `None` for a text given whole.
    from: Option<(Arc<SiteFolder>, PathBuf)>,
    /// A hash and the length of the text as it was parsed: a file changed since is not quoted.
    hash: u64,
    len: usize,
    /// The text once read for a message through `Deref`, kept for the next one.
    held: OnceLock<Arc<str>>,
}

impl Source {
    /// The text of the file at `path`, as it was parsed (`text`), which is not kept.
    pub(super) fn file(site: &Arc<SiteFolder>, path: PathBuf, text: &str) -> Source {
        Source {
            from: Some((Arc::clone(site), path)),
            hash: hash_text(text),
            len: text.len(),
            held: OnceLock::new(),
        }
    }

    /// A text held whole.
    pub fn held(text: Arc<str>) -> Source {
        Source {
            from: None,
            hash: hash_text(&text),
            len: text.len(),
            held: OnceLock::from(text),
        }
    }

    /// A hash of the text as it was parsed.
    pub fn hash(&self) -> u64 {
        self.hash
    }

    /// Whether the text is in memory now (a message has needed it, or it was given whole).
    pub fn is_held(&self) -> bool {
        self.held.get().is_some()
    }

    /// The text, read again if it is not held, without keeping it: for placing many messages
    /// one file after another.
    pub fn text(&self) -> Arc<str> {
        match (self.held.get(), &self.from) {
            (Some(text), _) => Arc::clone(text),
            (None, Some((site, path))) => self.read_again(site, path),
            (None, None) => "".into(),
        }
    }

    /// The file's text now, when it is the text that was parsed. A file changed or removed
    /// since (an editor saved during the build) gives blanks of the same length, so that every
    /// offset found in the parse still points somewhere: the message then names the file and
    /// the line number 1 without quoting anything stale.
    fn read_again(&self, site: &SiteFolder, path: &std::path::Path) -> Arc<str> {
        match read_text(site, path) {
            Ok(text) if text.len() == self.len && hash_text(&text) == self.hash => text.into(),
            _ => " ".repeat(self.len).into(),
        }
    }
}

impl std::ops::Deref for Source {
    type Target = str;

    /// The text, read again and kept the first time a message needs it.
    fn deref(&self) -> &str {
        self.held.get_or_init(|| self.text())
    }
}

#[cfg(test)]
mod tests {
    const PARTNER: &str = "---\nname: A\nsector: public\n---\nAn A.\n";
    const CHALLENGE: &str = "---\ntitle: No time\npartners: [a]\n---\nHard to find time.\n";

    /// A file saved again between its parse and a message about it (an editor during a build)
    /// is not quoted: its lines now may not be those the message's position was found in.
    #[test]
    fn a_file_changed_since_its_parse_is_quoted_as_blanks() {
        let dir = tempfile::tempdir().unwrap();
        let files = [
            (
                "site.yaml",
                "title: T\nlanguage: en\nsectors:\n  public: Public\n",
            ),
            ("content/partners/a.md", PARTNER),
            ("content/challenges/time.md", CHALLENGE),
        ];
        for (path, text) in files {
            let p = dir.path().join(path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        }
        let (loaded, _) = crate::load::load_site(dir.path()).unwrap();
        let text_of = |id: &str| {
            let d = loaded.documents.iter().find(|d| d.id == id);
            d.unwrap().text.clone()
        };
        let (time, a) = (text_of("time"), text_of("a"));
        assert!(
            !time.is_held() && !a.is_held(),
            "a loaded file keeps no text"
        );
        std::fs::write(
            dir.path().join("content/challenges/time.md"),
            "---\ntitle: Changed\n---\n",
        )
        .unwrap();
        assert_eq!(&*time.text(), " ".repeat(CHALLENGE.len()));
        assert_eq!(&*a.text(), PARTNER);
        assert!(!a.is_held(), "`text()` keeps nothing");
        assert_eq!(&*a, PARTNER);
        assert!(
            a.is_held(),
            "a message's `Deref` keeps the text for the next one"
        );
    }
}
