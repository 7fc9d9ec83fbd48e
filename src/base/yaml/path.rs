//! Where in a YAML text a value sits, as a path (`milestones[1].date`): read from the text's
//! indentation and brackets, since the parser reports only a line and a column.

/// One step of a path to a value: a key, or a place in a list.
enum Step {
    Key(String),
    Index(usize),
}

/// One open `[...]` (counting entries) or `{...}` (with the key being read).
enum Flow {
    List(usize),
    Map(Option<String>, usize),
}

/// The path of the value at byte `at` of `yaml`, as serde_yaml wrote it: `milestones[1].date`.
/// None at the top. Read from the text's indentation and brackets, which is enough for the
/// block mappings, block lists and one-line `[...]` and `{...}` that front matter is written in.
pub(super) fn path_at(yaml: &str, at: usize) -> Option<String> {
    let mut block: Vec<(usize, Step)> = Vec::new(); // the column each step starts at
    let mut flow: Vec<Flow> = Vec::new();
    let mut block_scalar: Option<usize> = None; // lines indented past this column are its text
    let mut line_start = 0;
    for line in yaml.split_inclusive('\n') {
        if line_start > at {
            break;
        }
        let limit = (at - line_start).min(line.len());
        let indent = line.len() - line.trim_start_matches(' ').len();
        let content = line.trim();
        let skip = content.is_empty()
            || (flow.is_empty() && content.starts_with('#'))
            || block_scalar.is_some_and(|c| indent > c);
        if !skip {
            block_scalar = None;
            let mut col = if flow.is_empty() { indent } else { 0 };
            if !flow.is_empty() {
                scan_flow(line, col, limit, &mut flow);
                col = limit;
            }
            while col < limit {
                let rest = &line[col..];
                if rest.starts_with("- ") || rest.trim_end() == "-" {
                    while block.last().is_some_and(|(c, _)| *c > col) {
                        block.pop();
                    }
                    match block.last_mut() {
                        Some((c, Step::Index(i))) if *c == col => *i += 1,
                        _ => block.push((col, Step::Index(0))),
                    }
                    col += 1 + rest[1..].len() - rest[1..].trim_start_matches(' ').len();
                    continue;
                }
                if rest.starts_with(['[', '{']) {
                    scan_flow(line, col, limit, &mut flow);
                    break;
                }
                let Some((key, after)) = key_of(rest) else {
                    break;
                };
                while block.last().is_some_and(|(c, _)| *c >= col) {
                    block.pop();
                }
                block.push((col, Step::Key(key)));
                let key_column = col;
                col += after;
                col += line[col..].len() - line[col..].trim_start_matches(' ').len();
                if col >= limit {
                    break;
                }
                let value = &line[col..];
                if value.starts_with(['|', '>']) {
                    block_scalar = Some(key_column);
                } else if value.starts_with(['[', '{']) {
                    scan_flow(line, col, limit, &mut flow);
                }
                break;
            }
        }
        // On the value's own line, what starts at or after its column is not around it (a
        // key at the left margin is at the top, whatever the lines before it opened).
        if line_start + line.len() > at && flow.is_empty() {
            let column = at - line_start;
            while block.last().is_some_and(|(c, _)| *c >= column) {
                block.pop();
            }
        }
        line_start += line.len();
    }
    let mut path = String::new();
    let steps = block
        .into_iter()
        .map(|(_, s)| s)
        .chain(flow.into_iter().filter_map(|f| match f {
            Flow::List(i) => Some(Step::Index(i)),
            Flow::Map(key, _) => key.map(Step::Key),
        }));
    for step in steps {
        match step {
            Step::Key(k) if path.is_empty() => path.push_str(&k),
            Step::Key(k) => {
                path.push('.');
                path.push_str(&k);
            }
            Step::Index(i) => path.push_str(&format!("[{i}]")),
        }
    }
    (!path.is_empty()).then_some(path)
}

/// Follows the brackets of `line` from byte `from` to `limit`: which entry of which open
/// `[...]` or `{...}` the text has reached.
fn scan_flow(line: &str, from: usize, limit: usize, flow: &mut Vec<Flow>) {
    let mut quote: Option<char> = None;
    let mut previous = ' ';
    let mut chars = line[from..limit].char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let i = from + i;
        let before = std::mem::replace(&mut previous, c);
        match quote {
            Some('"') if c == '\\' => {
                chars.next();
            }
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None => match c {
                // A quote opens a text only where a value starts (not the `'` in `Det's`).
                '"' | '\'' if matches!(before, ' ' | ',' | '[' | '{' | ':') => quote = Some(c),
                '[' => flow.push(Flow::List(0)),
                '{' => flow.push(Flow::Map(None, i + 1)),
                ']' | '}' => {
                    flow.pop();
                }
                ',' => match flow.last_mut() {
                    Some(Flow::List(n)) => *n += 1,
                    Some(Flow::Map(key, start)) => {
                        *key = None;
                        *start = i + 1;
                    }
                    None => {}
                },
                ':' => {
                    if let Some(Flow::Map(key, start)) = flow.last_mut()
                        && key.is_none()
                    {
                        // `start` may be on an earlier line, where a key is not split.
                        let name = line.get(*start..i).unwrap_or_default();
                        *key = Some(name.trim().trim_matches(['"', '\'']).to_string());
                    }
                }
                _ => {}
            },
        }
    }
}

/// The key a line (from its key on) starts with, and the byte just after its `:`.
pub(super) fn key_of(rest: &str) -> Option<(String, usize)> {
    let (key, colon) = match rest.chars().next()? {
        q @ ('"' | '\'') => {
            let end = rest[1..].find(q)? + 1;
            let colon = end + 1 + rest[end + 1..].find(|c| c != ' ')?;
            (rest[1..end].to_string(), colon)
        }
        '#' | '[' | '{' | '&' | '*' | '!' | '|' | '>' => return None,
        _ => {
            let bytes = rest.as_bytes();
            let colon = (0..bytes.len()).find(|&i| {
                bytes[i] == b':' && bytes.get(i + 1).is_none_or(|b| b.is_ascii_whitespace())
            })?;
            let key = rest[..colon].trim_end();
            if key.contains(" #") {
                return None;
            }
            (key.to_string(), colon)
        }
    };
    (rest.as_bytes().get(colon) == Some(&b':')).then_some((key, colon + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_read_from_indentation_and_brackets() {
        let text = "title: S\npartners: [vive, 3]\nmilestones:\n  - date: 2020\n    title: A\n  - date: x\n    done: [1]\ntags: [[a]]\nmeta: {a: {b: 1}}\n";
        let path = |needle: &str| path_at(text, text.find(needle).unwrap());
        assert_eq!(path("S\n"), Some("title".into()));
        assert_eq!(path("3]"), Some("partners[1]".into()));
        assert_eq!(path("2020"), Some("milestones[0].date".into()));
        assert_eq!(path("x\n"), Some("milestones[1].date".into()));
        assert_eq!(path("[1]"), Some("milestones[1].done".into()));
        assert_eq!(path("[a]"), Some("tags[0]".into()));
        assert_eq!(path("1}"), Some("meta.a.b".into()));
        assert_eq!(path("title: S"), None);
        // A block text's lines are not keys.
        let text = "summary: |\n  a: b\n  c\nnumber: x\n";
        assert_eq!(
            path_at(text, text.find('x').unwrap()),
            Some("number".into())
        );
    }
}
