//! One content file: read it, split its front matter from its body, and parse both.

use super::cache::hash_text;
use super::source::Source;
use super::*;

/// Replaces control characters in a file's text with spaces of the same length (U+FFFE and
/// U+FFFF with U+FFFD), so that every byte offset stays where it was for messages. They come
/// from text pasted out of PDFs and word processors; left in, one makes the feed unreadable
/// XML, and ESC would steer the terminal that shows a message quoting the line.
pub(super) fn blank_controls(text: &mut String) {
    if !text.chars().any(is_control) {
        return;
    }
    *text = text
        .chars()
        .map(|c| match c {
            '\u{FFFE}' | '\u{FFFF}' => "\u{FFFD}".to_string(),
            c if is_control(c) => " ".repeat(c.len_utf8()),
            c => c.to_string(),
        })
        .collect();
}

/// Why a content file's text could not be had.
pub(super) enum TextError {
    Read(ReadError),
    NotUtf8(std::string::FromUtf8Error),
}

/// A content file's text as it is parsed: without a byte order mark, control characters
/// blanked and normalised. A message's quote read later goes through here too, so that its
/// offsets are those of the parse.
pub(super) fn read_text(site: &SiteFolder, path: &Path) -> Result<String, TextError> {
    let bytes = site.read(path, MAX_FILE_BYTES).map_err(TextError::Read)?;
    let mut text = String::from_utf8(bytes).map_err(TextError::NotUtf8)?;
    if text.starts_with('\u{feff}') {
        text.drain(..3);
    }
    blank_controls(&mut text);
    crate::base::text::normalise(&mut text);
    Ok(text)
}

pub(super) fn load_file(
    site: &std::sync::Arc<SiteFolder>,
    content: &Path,
    path: &Path,
    config: &Config,
) -> Result<Loaded, Diagnostics> {
    let file = site.shown(path);
    let error = |e: ErrorText| one(e.diagnostic(file.clone(), config.language));
    let text = read_text(site, path).map_err(|e| match e {
        TextError::Read(ReadError::Special(what)) => error(ErrorText::NotAFile { what }),
        TextError::Read(ReadError::Io(e)) => {
            error(ErrorText::ContentUnreadable { detail: e.into() })
        }
        TextError::Read(ReadError::TooLarge(size)) => error(ErrorText::ContentTooLarge {
            size,
            max: MAX_FILE_BYTES,
        }),
        TextError::NotUtf8(e) => {
            let utf16 =
                e.as_bytes().starts_with(&[0xFF, 0xFE]) || e.as_bytes().starts_with(&[0xFE, 0xFF]);
            error(ErrorText::ContentNotUtf8 {
                offset: e.utf8_error().valid_up_to(),
                utf16,
            })
        }
    })?;
    let under_content = path.strip_prefix(content).unwrap_or(path);
    let mut parts = under_content
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned());
    let first = parts.next().unwrap_or_default();
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    if first == "_index.md" {
        let (fm, body_start) = split_front_matter(&file, &text, true, config.language)?;
        let meta: FrontMeta =
            yaml::parse_front_matter_in(&file, &text, fm, FrontMeta::FIELDS, config.language)
                .map_err(one)?;
        let body = markdown::parse(
            &text[body_start..],
            body_start,
            &text,
            &file,
            "",
            config.markdown.unsafe_html,
            config.language,
        );
        return Ok(Loaded::Front(Box::new(FrontPage {
            title: meta.title,
            body: body.map_err(Diagnostics)?,
            file,
            text,
        })));
    }
    let Some(kind) = Kind::from_folder(&first).filter(|_| under_content.components().count() > 1)
    else {
        let folders = Kind::ALL.iter().map(|k| k.folder());
        let folder = did_you_mean(&first, folders)
            .filter(|_| under_content.components().count() > 1)
            .map(str::to_string);
        return Err(Diagnostics(vec![
            ErrorText::UnknownKindFolder { folder }.diagnostic(file, config.language),
        ]));
    };
    let (fm, body_start) = split_front_matter(&file, &text, false, config.language)?;
    let mut errors = Diagnostics::default();
    if !is_valid_id(&stem) {
        let suggestion = crate::base::slug::slugify(&stem, config.language);
        errors.push(
            ErrorText::BadIdCharacters {
                stem: stem.clone(),
                suggestion,
            }
            .diagnostic(file.clone(), config.language),
        );
    } else if stem.len() > crate::base::slug::MAX_SLUG {
        let suggestion = crate::base::slug::slugify(&stem, config.language);
        errors.push(
            ErrorText::BadIdTooLong {
                length: stem.len(),
                max: crate::base::slug::MAX_SLUG,
                suggestion,
            }
            .diagnostic(file.clone(), config.language),
        );
    } else if crate::base::slug::is_windows_device(&stem) {
        errors.push(
            ErrorText::BadIdDevice { stem: stem.clone() }.diagnostic(file.clone(), config.language),
        );
    }
    let meta = match kind {
        Kind::Partner => Meta::Partner(
            yaml::parse_front_matter_in(
                &file,
                &text,
                fm.clone(),
                PartnerMeta::FIELDS,
                config.language,
            )
            .map_err(one)?,
        ),
        Kind::Partnership => {
            let m: PartnershipMeta = yaml::parse_front_matter_in(
                &file,
                &text,
                fm.clone(),
                PartnershipMeta::FIELDS,
                config.language,
            )
            .map_err(one)?;
            // The same partner named twice (`vive` and `partners/vive`) is one partner.
            let distinct: std::collections::HashSet<&str> = m
                .partners
                .iter()
                .map(|p| p.id.strip_prefix("partners/").unwrap_or(&p.id))
                .collect();
            if distinct.len() < 2 {
                errors.push(
                    ErrorText::TooFewPartners {
                        count: distinct.len(),
                    }
                    .diagnostic(file.clone(), config.language)
                    .at(
                        &text,
                        yaml::find_value(&text, fm.clone(), "partners", ""),
                        8,
                    ),
                );
            }
            Meta::Partnership(m)
        }
        Kind::Challenge | Kind::Opportunity | Kind::Learning => Meta::Item(
            yaml::parse_front_matter_in(
                &file,
                &text,
                fm.clone(),
                ItemMeta::FIELDS,
                config.language,
            )
            .map_err(one)?,
            Vec::new(),
        ),
        Kind::Recommendation => {
            let r: RecommendationMeta = yaml::parse_front_matter_in(
                &file,
                &text,
                fm.clone(),
                RecommendationMeta::FIELDS,
                config.language,
            )
            .map_err(one)?;
            let item = ItemMeta {
                title: r.title,
                partners: r.partners,
                partnerships: r.partnerships,
                catalogue: r.catalogue,
                number: r.number,
                tags: r.tags,
                draft: r.draft,
                date: r.date,
                updated: r.updated,
                allow: r.allow,
                language: r.language,
            };
            Meta::Item(item, r.addresses)
        }
        Kind::Quote => {
            let q: QuoteMeta = yaml::parse_front_matter_in(
                &file,
                &text,
                fm.clone(),
                QuoteMeta::FIELDS,
                config.language,
            )
            .map_err(one)?;
            if q.by.is_none() && q.speaker.is_none() {
                errors.push(
                    ErrorText::QuoteWithoutSpeaker
                        .diagnostic(file.clone(), config.language)
                        .at(&text, fm.start, 3),
                );
            }
            Meta::Quote(q)
        }
        Kind::Page => Meta::Page(
            yaml::parse_front_matter_in(
                &file,
                &text,
                fm.clone(),
                PageMeta::FIELDS,
                config.language,
            )
            .map_err(one)?,
        ),
    };
    let body = match markdown::parse(
        &text[body_start..],
        body_start,
        &text,
        &file,
        &kind.page_folder(&stem),
        config.markdown.unsafe_html,
        config.language,
    ) {
        Ok(b) => b,
        Err(e) => {
            errors.extend(e);
            Body::default()
        }
    };
    if errors.has_errors() {
        return Err(errors);
    }
    // The text goes with this function: messages read it again (`Source`).
    let source = Source::file(site, path.to_path_buf(), &text);
    let mut document = Document {
        kind,
        id: stem,
        file,
        front_matter_hash: hash_text(&text[fm.clone()]),
        front_matter: fm,
        meta,
        body: std::sync::Arc::new(body),
        source_hash: source.hash(),
        text: source,
        sort_key: String::new(),
    };
    document.sort_key = crate::base::slug::collation_key(&document.title(), config.language);
    Ok(Loaded::Document(Box::new(document)))
}

/// The largest content file read. Texts written by hand are kilobytes; a file of tens of
/// megabytes is an export or a binary saved as `.md`, and building it would take seconds and
/// a gigabyte of memory per copy shown. The limit keeps every build's memory bounded.
pub const MAX_FILE_BYTES: u64 = 10 * 1024 * 1024;

pub(super) fn one(d: Diagnostic) -> Diagnostics {
    Diagnostics(vec![d])
}

/// Finds the YAML between the opening and closing `---` lines: (YAML range, body start).
pub fn split_front_matter(
    file: &str,
    text: &str,
    optional: bool,
    language: Language,
) -> Result<(Range<usize>, usize), Diagnostics> {
    let first_line_end = text.find('\n').map_or(text.len(), |i| i + 1);
    if text[..first_line_end].trim_end() != "---" {
        if optional {
            return Ok((0..0, 0));
        }
        return Err(Diagnostics(vec![
            ErrorText::MissingFrontMatter
                .diagnostic(file, language)
                .at(text, 0, 1),
        ]));
    }
    let mut offset = first_line_end;
    for line in text[first_line_end..].split_inclusive('\n') {
        let t = line.trim_end();
        if t == "---" || t == "..." {
            return Ok((first_line_end..offset, offset + line.len()));
        }
        offset += line.len();
    }
    Err(Diagnostics(vec![
        ErrorText::UnclosedFrontMatter
            .diagnostic(file, language)
            .at(text, 0, 3),
    ]))
}
