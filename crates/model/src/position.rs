//! Maps a JSON path (`sessions[3].start`) back to the line and column where its value starts in the
//! organizer's text, so `hub check` and the editor can point at the exact spot.

/// 1-based line and column (in characters) of the value at `path`, or of the deepest part of
/// the path that exists (a missing field points at its object).
pub fn locate(text: &str, path: &str) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut at = skip_ws(bytes, 0);
    for segment in segments(path)? {
        let next = match segment {
            Segment::Key(key) => member(bytes, at, &key),
            Segment::Index(index) => element(bytes, at, index),
        };
        match next {
            Some(next) => at = next,
            None => break,
        }
    }
    Some(line_column(text, at))
}

enum Segment {
    Key(String),
    Index(usize),
}

fn segments(path: &str) -> Option<Vec<Segment>> {
    let mut out = Vec::new();
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let (key, mut rest) = part.split_once('[').map_or((part, ""), |(k, r)| (k, r));
        if !key.is_empty() {
            out.push(Segment::Key(key.to_owned()));
        }
        while !rest.is_empty() {
            let (index, after) = rest.split_once(']')?;
            out.push(Segment::Index(index.parse().ok()?));
            rest = after.strip_prefix('[').unwrap_or(after);
        }
    }
    Some(out)
}

/// Members that repeat a key of their object: the JSON path and the line and column of the
/// repeated key. JSON parsers keep the last value, so the first one would vanish without a word.
/// Call it on text that parsed as JSON (it stops at anything malformed).
pub fn duplicate_keys(text: &str) -> Vec<(String, (usize, usize))> {
    let mut found = Vec::new();
    let bytes = text.as_bytes();
    scan(text, skip_ws(bytes, 0), "", &mut found);
    found
}

/// Walks the value at `at` under `path`, noting repeated keys; the index just past the value.
/// Recursion is bounded: callers refuse deeply nested text before parsing it.
fn scan(
    text: &str,
    at: usize,
    path: &str,
    found: &mut Vec<(String, (usize, usize))>,
) -> Option<usize> {
    let bytes = text.as_bytes();
    match bytes.get(at)? {
        b'{' => {
            let mut seen = std::collections::HashSet::new();
            let mut at = skip_ws(bytes, at + 1);
            while bytes.get(at) == Some(&b'"') {
                let end = skip_string(bytes, at)?;
                let name = serde_json::from_slice::<String>(&bytes[at..end]).ok()?;
                let child = if path.is_empty() {
                    name.clone()
                } else {
                    format!("{path}.{name}")
                };
                if !seen.insert(name) {
                    found.push((child.clone(), line_column(text, at)));
                }
                at = skip_ws(bytes, end);
                if bytes.get(at) != Some(&b':') {
                    return None;
                }
                at = skip_ws(bytes, scan(text, skip_ws(bytes, at + 1), &child, found)?);
                if bytes.get(at) == Some(&b',') {
                    at = skip_ws(bytes, at + 1);
                }
            }
            Some(at + 1)
        }
        b'[' => {
            let mut at = skip_ws(bytes, at + 1);
            let mut index = 0;
            while at < bytes.len() && bytes[at] != b']' {
                at = skip_ws(bytes, scan(text, at, &format!("{path}[{index}]"), found)?);
                if bytes.get(at) == Some(&b',') {
                    at = skip_ws(bytes, at + 1);
                }
                index += 1;
            }
            Some(at + 1)
        }
        _ => skip_value(bytes, at),
    }
}

fn line_column(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

fn skip_ws(bytes: &[u8], mut at: usize) -> usize {
    while at < bytes.len() && bytes[at].is_ascii_whitespace() {
        at += 1;
    }
    at
}

/// The start of the value of `key` in the object at `at`.
fn member(bytes: &[u8], at: usize, key: &str) -> Option<usize> {
    if bytes.get(at) != Some(&b'{') {
        return None;
    }
    let mut at = skip_ws(bytes, at + 1);
    while bytes.get(at) == Some(&b'"') {
        let end = skip_string(bytes, at)?;
        let name = serde_json::from_slice::<String>(&bytes[at..end]).ok()?;
        at = skip_ws(bytes, end);
        if bytes.get(at) != Some(&b':') {
            return None;
        }
        let value = skip_ws(bytes, at + 1);
        if name == key {
            return Some(value);
        }
        at = skip_ws(bytes, skip_value(bytes, value)?);
        if bytes.get(at) == Some(&b',') {
            at = skip_ws(bytes, at + 1);
        }
    }
    None
}

/// The start of element `index` of the array at `at`.
fn element(bytes: &[u8], at: usize, index: usize) -> Option<usize> {
    if bytes.get(at) != Some(&b'[') {
        return None;
    }
    let mut at = skip_ws(bytes, at + 1);
    for _ in 0..index {
        at = skip_ws(bytes, skip_value(bytes, at)?);
        if bytes.get(at) != Some(&b',') {
            return None;
        }
        at = skip_ws(bytes, at + 1);
    }
    (at < bytes.len() && bytes[at] != b']').then_some(at)
}

fn skip_string(bytes: &[u8], at: usize) -> Option<usize> {
    let mut i = at + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

/// The index just past the value starting at `at`.
fn skip_value(bytes: &[u8], at: usize) -> Option<usize> {
    match bytes.get(at)? {
        b'"' => skip_string(bytes, at),
        b'{' | b'[' => {
            let mut depth = 0usize;
            let mut i = at;
            while i < bytes.len() {
                match bytes[i] {
                    b'"' => {
                        i = skip_string(bytes, i)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(i + 1);
                        }
                    }
                    _ => {}
                }
                i += 1;
            }
            None
        }
        _ => {
            let mut i = at;
            while i < bytes.len()
                && !matches!(bytes[i], b',' | b']' | b'}')
                && !bytes[i].is_ascii_whitespace()
            {
                i += 1;
            }
            Some(i)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::locate;

    const TEXT: &str = "{\n  \"title\": \"x\",\n  \"sessions\": [\n    {\"id\": \"a\"},\n    {\"id\": \"b\", \"start\": \"2023\"}\n  ]\n}";

    #[test]
    fn finds_nested_values() {
        assert_eq!(locate(TEXT, "title"), Some((2, 12)));
        // `    {"id": "b", "start": ` is 25 characters, so the value opens in column 26.
        assert_eq!(locate(TEXT, "sessions[1].start"), Some((5, 26)));
        assert_eq!(locate(TEXT, "sessions[0]"), Some((4, 5)));
    }

    #[test]
    fn repeated_keys_are_found_at_their_second_occurrence() {
        let text = "{\n  \"title\": \"a\",\n  \"sessions\": [{\"id\": \"x\", \"id\": \"y\"}],\n  \"title\": \"b\"\n}";
        assert_eq!(
            super::duplicate_keys(text),
            [
                ("sessions[0].id".to_owned(), (3, 28)),
                ("title".to_owned(), (4, 3))
            ]
        );
        assert_eq!(super::duplicate_keys(TEXT), []);
    }

    #[test]
    fn a_missing_part_points_at_its_parent() {
        assert_eq!(locate(TEXT, "sessions[1].end"), Some((5, 5)));
        assert_eq!(locate(TEXT, ""), Some((1, 1)));
    }
}
