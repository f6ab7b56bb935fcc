//! The blocks of a Markdown text, line by line: paragraphs, `#` and underlined headings, `-`/`*`/`+`
//! and numbered lists (nested by indenting), `>` quotes, fenced code and rules. Containers hand
//! their lines, without the container's own marks, to a nested call; the text of paragraphs and
//! headings goes to `inline`.
//!
//! Unlike CommonMark, indentation never makes code (only fences do) — it only nests list items,
//! so an item indented by two or more spaces (or a tab) under another is nested in it.

use std::borrow::Cow;

use super::{inline, Block};

/// How deep lists and quotes nest at most; deeper list and quote marks are text.
pub const MAX_DEPTH: usize = 12;

/// A list item's marker.
struct Marker {
    /// Spaces before the marker.
    indent: usize,
    /// `-`, `*` or `+`; for numbered items `.` or `)`.
    kind: u8,
    /// The number of a numbered item.
    number: Option<u32>,
    /// Where the item's text starts on the marker's line.
    content: usize,
    /// The column the item's text starts at: lines indented that far belong to the item.
    column: usize,
}

impl Marker {
    fn same_list(&self, other: &Marker) -> bool {
        self.kind == other.kind && self.number.is_some() == other.number.is_some()
    }
}

pub(super) fn parse(src: &str) -> Vec<Block> {
    let lines: Vec<Cow<str>> = src.lines().map(expand_tabs).collect();
    let lines: Vec<&str> = lines.iter().map(|line| line.as_ref()).collect();
    blocks(&lines, 0)
}

/// The line with the tabs of its indentation as spaces (tab stops every 4 columns).
fn expand_tabs(line: &str) -> Cow<'_, str> {
    let indentation = line.len() - line.trim_start_matches([' ', '\t']).len();
    if !line[..indentation].contains('\t') {
        return Cow::Borrowed(line);
    }
    let mut column = 0;
    for c in line[..indentation].chars() {
        column = if c == '\t' {
            column / 4 * 4 + 4
        } else {
            column + 1
        };
    }
    Cow::Owned(format!("{}{}", " ".repeat(column), &line[indentation..]))
}

fn blocks(lines: &[&str], depth: usize) -> Vec<Block> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(&line) = lines.get(i) {
        let rest = line.trim_start_matches(' ');
        if rest.trim().is_empty() {
            i += 1;
        } else if let Some((fence, length)) = fence(rest) {
            i = code(lines, i, fence, length, &mut out);
        } else if let Some((level, text)) = heading(rest) {
            out.push(Block::Heading(level, inline::parse(text)));
            i += 1;
        } else if is_rule(rest) {
            out.push(Block::Rule);
            i += 1;
        } else if depth < MAX_DEPTH && rest.starts_with('>') {
            i = quote(lines, i, depth, &mut out);
        } else if let Some(marker) = marker(line).filter(|_| depth < MAX_DEPTH) {
            i = list(lines, i, marker, depth, &mut out);
        } else {
            i = paragraph(lines, i, depth, &mut out);
        }
    }
    out
}

fn is_blank(line: &str) -> bool {
    line.trim().is_empty()
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// Whether `line` starts a block other than a paragraph, ending the paragraph above it.
fn interrupts(line: &str, depth: usize) -> bool {
    starts_block(line, depth)
        // As in CommonMark: an empty item, or a numbered one not starting at 1, does not.
        && marker(line).is_none_or(|m| line.len() > m.content && m.number.is_none_or(|n| n == 1))
}

/// Whether `line` starts a block other than a paragraph, ending a container's lazy lines.
fn starts_block(line: &str, depth: usize) -> bool {
    let rest = line.trim_start_matches(' ');
    fence(rest).is_some()
        || heading(rest).is_some()
        || is_rule(rest)
        || (depth < MAX_DEPTH && (rest.starts_with('>') || marker(line).is_some()))
}

/// Follows a container's lines to tell whether the next line may be a lazy one: one that goes
/// on with the paragraph above it without the container's `>` or indentation.
#[derive(Default)]
struct Lazy {
    /// The fence of an open code block.
    fence: Option<(u8, usize)>,
    /// Whether the last line was paragraph text.
    paragraph: bool,
}

impl Lazy {
    fn see(&mut self, line: &str) {
        let rest = line.trim_start_matches(' ');
        if let Some((ch, length)) = self.fence {
            if closes(rest, ch, length) {
                self.fence = None;
            }
            self.paragraph = false;
        } else if let Some(fence) = fence(rest) {
            self.fence = Some(fence);
            self.paragraph = false;
        } else {
            self.paragraph = !is_blank(line)
                && heading(rest).is_none()
                && !is_rule(rest)
                && marker(line).is_none_or(|m| line.len() > m.content);
        }
    }

    /// Whether `line` goes on with the paragraph above.
    fn continues(&self, line: &str, depth: usize) -> bool {
        self.paragraph && !is_blank(line) && !starts_block(line, depth)
    }
}

/// Whether `rest` closes a code block opened by `length` times `ch`.
fn closes(rest: &str, ch: u8, length: usize) -> bool {
    let rest = rest.trim_end();
    rest.len() >= length && rest.bytes().all(|b| b == ch)
}

/// ```` ``` ```` or `~~~` (three or more): the fence character and length.
fn fence(rest: &str) -> Option<(u8, usize)> {
    let ch = *rest.as_bytes().first()?;
    if ch != b'`' && ch != b'~' {
        return None;
    }
    let length = rest.bytes().take_while(|&b| b == ch).count();
    let info = &rest[length..];
    (length >= 3 && !(ch == b'`' && info.contains('`'))).then_some((ch, length))
}

/// `# Title` … `###### Title` (a closing run of `#` is dropped).
fn heading(rest: &str) -> Option<(u8, &str)> {
    let level = rest.bytes().take_while(|&b| b == b'#').count();
    let text = &rest[level..];
    if !(1..=6).contains(&level) || !(text.is_empty() || text.starts_with([' ', '\t'])) {
        return None;
    }
    let text = text.trim();
    let without_closing = text.trim_end_matches('#');
    let text = if without_closing.is_empty() || without_closing.ends_with([' ', '\t']) {
        without_closing.trim_end()
    } else {
        text
    };
    Some((level as u8, text))
}

/// Three or more `-`, `*` or `_` (the same one), spaces allowed between.
fn is_rule(rest: &str) -> bool {
    let Some(ch) = rest.chars().next().filter(|c| matches!(c, '-' | '*' | '_')) else {
        return false;
    };
    rest.chars().all(|c| c == ch || c == ' ' || c == '\t')
        && rest.chars().filter(|&c| c == ch).count() >= 3
}

/// `===` (1) or `---` (2) under a paragraph, which makes it a heading.
fn underline(rest: &str) -> Option<u8> {
    let rest = rest.trim_end();
    let ch = rest.chars().next()?;
    let level = match ch {
        '=' => 1,
        '-' => 2,
        _ => return None,
    };
    rest.chars().all(|c| c == ch).then_some(level)
}

/// A list item's marker: `-`, `*` or `+`, or 1–9 digits and `.` or `)`, then a space or the end
/// of the line.
fn marker(line: &str) -> Option<Marker> {
    let indent = indent(line);
    let rest = &line[indent..];
    let bytes = rest.as_bytes();
    let (kind, number, width) = match bytes.first()? {
        b @ (b'-' | b'*' | b'+') => (*b, None, 1),
        _ => {
            let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
            let kind = *bytes.get(digits)?;
            if !(1..=9).contains(&digits) || (kind != b'.' && kind != b')') {
                return None;
            }
            (kind, rest[..digits].parse().ok(), digits + 1)
        }
    };
    let after = &rest[width..];
    if !(after.is_empty() || after.starts_with([' ', '\t'])) {
        return None;
    }
    let text = after.trim_start_matches([' ', '\t']);
    let spaces = after.len() - text.len();
    let column = indent
        + width
        + if text.is_empty() || spaces > 4 {
            1
        } else {
            spaces
        };
    Some(Marker {
        indent,
        kind,
        number,
        content: line.len() - text.len(),
        column,
    })
}

fn code(lines: &[&str], start: usize, fence: u8, length: usize, out: &mut Vec<Block>) -> usize {
    let indentation = lines.get(start).map_or(0, |line| indent(line));
    let mut text = String::new();
    let mut i = start + 1;
    while let Some(&line) = lines.get(i) {
        i += 1;
        if closes(line.trim_start_matches(' '), fence, length) {
            break;
        }
        text.push_str(&line[indent(line).min(indentation)..]);
        text.push('\n');
    }
    out.push(Block::Code(text));
    i
}

fn quote(lines: &[&str], start: usize, depth: usize, out: &mut Vec<Block>) -> usize {
    let mut inner: Vec<&str> = Vec::new();
    let mut lazy = Lazy::default();
    let mut i = start;
    while let Some(&line) = lines.get(i) {
        let rest = line.trim_start_matches(' ');
        let quoted = match rest.strip_prefix('>') {
            Some(quoted) => quoted.strip_prefix(' ').unwrap_or(quoted),
            // A lazy line: the quoted paragraph goes on without its `>`.
            None if lazy.continues(line, depth) => rest,
            None => break,
        };
        inner.push(quoted);
        lazy.see(quoted);
        i += 1;
    }
    out.push(Block::Quote(blocks(&inner, depth + 1)));
    i
}

fn list(lines: &[&str], start: usize, first: Marker, depth: usize, out: &mut Vec<Block>) -> usize {
    let number = first.number;
    let mut items = Vec::new();
    let mut i = start;
    let mut current = first;
    while let Some(&line) = lines.get(i) {
        let mut item: Vec<&str> = vec![&line[current.content..]];
        let mut lazy = Lazy::default();
        lazy.see(&line[current.content..]);
        // Indented by two or more, or up to the item's text: part of the item (a nested list).
        let nested = current.column.min(current.indent + 2);
        i += 1;
        while let Some(&line) = lines.get(i) {
            let indentation = indent(line);
            let inside = if is_blank(line) {
                ""
            } else if indentation >= nested {
                &line[indentation.min(current.column)..]
            } else if lazy.continues(line, depth) {
                // A lazy line: the item's paragraph goes on without the indentation.
                line.trim_start_matches(' ')
            } else {
                break;
            };
            item.push(inside);
            lazy.see(inside);
            i += 1;
        }
        while item.len() > 1 && item.last().is_some_and(|last| is_blank(last)) {
            item.pop();
            i -= 1;
        }
        items.push(blocks(&item, depth + 1));
        let mut next = i;
        while lines.get(next).is_some_and(|line| is_blank(line)) {
            next += 1;
        }
        match lines.get(next).and_then(|line| marker(line)) {
            Some(sibling) if sibling.same_list(&current) => {
                current = sibling;
                i = next;
            }
            _ => break,
        }
    }
    out.push(Block::List {
        start: number,
        items,
    });
    i
}

fn paragraph(lines: &[&str], start: usize, depth: usize, out: &mut Vec<Block>) -> usize {
    let mut text = String::new();
    let mut i = start;
    while let Some(&line) = lines.get(i) {
        let rest = line.trim_start_matches(' ');
        if i > start {
            if is_blank(line) {
                break;
            }
            if let Some(level) = underline(rest) {
                out.push(Block::Heading(level, inline::parse(text.trim_end())));
                return i + 1;
            }
            if interrupts(line, depth) {
                break;
            }
            text.push('\n');
        }
        text.push_str(rest);
        i += 1;
    }
    out.push(Block::Paragraph(inline::parse(text.trim_end())));
    i
}
