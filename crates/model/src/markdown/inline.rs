//! The text of one paragraph or heading: emphasis (`*`, `_`, `~~`), code spans, links, images
//! (as links), `<…>` autolinks, bare `http(s)://` addresses, backslash escapes and hard line
//! breaks. One left-to-right pass over a stack of open marks: a closing mark wraps what follows
//! its opener, and marks that never close turn back into the text they were. Everything else,
//! `<` included, is text.

use std::mem;

use super::Inline;
use crate::safe_url::is_safe_url;

/// Emphasis marks and brackets open at one time, at most; further ones are text. Bounds the
/// depth of the tree and the work a closing mark does looking for its opener.
const MAX_OPEN: usize = 32;
/// How far past its `]` a link's `(destination "title")` may reach.
const MAX_LINK_TAIL: usize = 2048;

/// What opened a frame.
enum Opener {
    /// A run of `*` or `_` (or exactly two `~`) that may still close.
    Delim { ch: u8, count: usize },
    /// `[` or `![`. Inactive once a link formed inside it: links do not nest.
    Bracket { image: bool, active: bool },
}

impl Opener {
    /// The source text of an opener that never closed.
    fn literal(&self) -> String {
        match self {
            Opener::Delim { ch, count } => char::from(*ch).to_string().repeat(*count),
            Opener::Bracket { image: true, .. } => "![".to_owned(),
            Opener::Bracket { image: false, .. } => "[".to_owned(),
        }
    }
}

/// An opener and what came after it so far.
struct Frame {
    opener: Option<Opener>,
    children: Vec<Inline>,
}

impl Frame {
    fn push(&mut self, node: Inline) {
        match (self.children.last_mut(), node) {
            (Some(Inline::Text(last)), Inline::Text(text)) => last.push_str(&text),
            (_, node) => self.children.push(node),
        }
    }

    fn push_text(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        match self.children.last_mut() {
            Some(Inline::Text(last)) => last.push_str(text),
            _ => self.children.push(Inline::Text(text.to_owned())),
        }
    }

    /// Takes in an opener that never closed: its source text, then what followed it.
    fn absorb(&mut self, frame: Frame) {
        if let Some(opener) = &frame.opener {
            self.push_text(&opener.literal());
        }
        for child in frame.children {
            self.push(child);
        }
    }
}

/// Parses the text of one block.
pub(super) fn parse(src: &str) -> Vec<Inline> {
    let mut parser = Parser {
        src,
        pos: 0,
        text_from: 0,
        root: Frame {
            opener: None,
            children: Vec::new(),
        },
        open: Vec::new(),
        ticks: None,
    };
    parser.run();
    parser.root.children
}

struct Parser<'a> {
    src: &'a str,
    pos: usize,
    /// Where the text not yet pushed starts.
    text_from: usize,
    root: Frame,
    /// The open frames, innermost last.
    open: Vec<Frame>,
    /// Every run of backticks as (length, start), sorted; made at the first backtick.
    ticks: Option<Vec<(usize, usize)>>,
}

impl Parser<'_> {
    fn run(&mut self) {
        let bytes = self.src.as_bytes();
        while let Some(&byte) = bytes.get(self.pos) {
            let handled = match byte {
                b'\\' => self.escape(),
                b'\n' => self.line_end(),
                b'`' => self.code(),
                b'*' | b'_' | b'~' => self.delimiters(),
                b'!' | b'[' => self.open_bracket(),
                b']' => self.close_bracket(),
                b'<' => self.autolink(),
                b'h' => self.bare_url(),
                _ => false,
            };
            if !handled {
                self.pos += 1;
            }
        }
        self.flush();
        while let Some(frame) = self.open.pop() {
            self.top().absorb(frame);
        }
    }

    fn top(&mut self) -> &mut Frame {
        match self.open.last_mut() {
            Some(frame) => frame,
            None => &mut self.root,
        }
    }

    /// Pushes the pending text, up to `pos`.
    fn flush(&mut self) {
        let src = self.src;
        let text = &src[self.text_from..self.pos];
        self.top().push_text(text);
        self.text_from = self.pos;
    }

    /// Moves on past markup that was pushed.
    fn advance(&mut self, to: usize) {
        self.pos = to;
        self.text_from = to;
    }

    /// Closes the innermost frame as text.
    fn unwind(&mut self) {
        if let Some(frame) = self.open.pop() {
            self.top().absorb(frame);
        }
    }

    /// `\*` is a literal `*` (any ASCII punctuation); `\` at the end of a line is a line break.
    fn escape(&mut self) -> bool {
        let pos = self.pos;
        match self.src.as_bytes().get(pos + 1) {
            Some(b'\n') => {
                self.flush();
                self.top().push(Inline::LineBreak);
                self.advance(pos + 2);
                true
            }
            Some(next) if next.is_ascii_punctuation() => {
                self.flush();
                let src = self.src;
                self.top().push_text(&src[pos + 1..pos + 2]);
                self.advance(pos + 2);
                true
            }
            _ => false,
        }
    }

    /// A line break inside the block: a `\n` in the text, or a hard break after two spaces.
    fn line_end(&mut self) -> bool {
        self.flush();
        let top = self.top();
        let mut spaces = 0;
        if let Some(Inline::Text(last)) = top.children.last_mut() {
            let kept = last.trim_end_matches(' ').len();
            spaces = last.len() - kept;
            last.truncate(kept);
            if last.is_empty() {
                top.children.pop();
            }
        }
        if spaces >= 2 {
            top.push(Inline::LineBreak);
        } else {
            top.push_text("\n");
        }
        self.advance(self.pos + 1);
        true
    }

    /// `` `code` ``: up to the next run of as many backticks; without one, the run is text.
    fn code(&mut self) -> bool {
        let src = self.src;
        let start = self.pos;
        let after = start + run_length(src, start);
        let run = after - start;
        let ticks = self.ticks.get_or_insert_with(|| backtick_runs(src));
        let next = ticks.partition_point(|&entry| entry <= (run, start));
        let Some(&(_, close)) = ticks.get(next).filter(|(length, _)| *length == run) else {
            self.pos = after;
            return true;
        };
        let code = src[after..close].replace('\n', " ");
        let code = match code.strip_prefix(' ').and_then(|c| c.strip_suffix(' ')) {
            Some(inner) if !inner.trim_start_matches(' ').is_empty() => inner.to_owned(),
            _ => code,
        };
        self.flush();
        self.top().push(Inline::Code(code));
        self.advance(close + run);
        true
    }

    /// A run of `*`, `_` or `~`: closes what it can (CommonMark's flanking rules; `_` does not
    /// open or close inside a word), opens what remains, or stays text.
    fn delimiters(&mut self) -> bool {
        let src = self.src;
        let start = self.pos;
        let ch = src.as_bytes()[start];
        let after = start + run_length(src, start);
        let run = after - start;
        if ch == b'~' && run != 2 {
            self.pos = after;
            return true;
        }
        let before = src[..start].chars().next_back();
        let next = src[after..].chars().next();
        let space = |c: Option<char>| c.is_none_or(char::is_whitespace);
        let punct = |c: Option<char>| c.is_some_and(|c| !c.is_alphanumeric() && !c.is_whitespace());
        let left = !space(next) && (!punct(next) || space(before) || punct(before));
        let right = !space(before) && (!punct(before) || space(next) || punct(next));
        let (can_open, can_close) = if ch == b'_' {
            (
                left && (!right || punct(before)),
                right && (!left || punct(next)),
            )
        } else {
            (left, right)
        };
        self.flush();
        let mut left_over = run;
        while can_close && left_over > 0 {
            let Some(at) = self.opener(ch) else { break };
            while self.open.len() > at + 1 {
                self.unwind();
            }
            let Some(frame) = self.open.last_mut() else {
                break;
            };
            let Some(Opener::Delim { count, .. }) = &mut frame.opener else {
                break;
            };
            let used = if *count >= 2 && left_over >= 2 { 2 } else { 1 };
            *count -= used;
            left_over -= used;
            let remaining = *count;
            let children = mem::take(&mut frame.children);
            let node = match (ch, used) {
                (b'~', _) => Inline::Strikethrough(children),
                (_, 2) => Inline::Strong(children),
                _ => Inline::Emphasis(children),
            };
            if remaining > 0 {
                frame.children.push(node);
            } else {
                self.open.pop();
                self.top().push(node);
            }
        }
        if left_over > 0 {
            if can_open && self.open.len() < MAX_OPEN {
                self.open.push(Frame {
                    opener: Some(Opener::Delim {
                        ch,
                        count: left_over,
                    }),
                    children: Vec::new(),
                });
            } else {
                self.top().push_text(&src[after - left_over..after]);
            }
        }
        self.advance(after);
        true
    }

    /// The innermost open run of `ch` inside the innermost bracket.
    fn opener(&self, ch: u8) -> Option<usize> {
        for (at, frame) in self.open.iter().enumerate().rev() {
            match frame.opener {
                Some(Opener::Delim { ch: open, .. }) if open == ch => return Some(at),
                Some(Opener::Bracket { .. }) => return None,
                _ => {}
            }
        }
        None
    }

    /// `[` or `![`.
    fn open_bracket(&mut self) -> bool {
        let bytes = self.src.as_bytes();
        let image = bytes[self.pos] == b'!';
        if image && bytes.get(self.pos + 1) != Some(&b'[') {
            return false;
        }
        let length = if image { 2 } else { 1 };
        if self.open.len() >= MAX_OPEN {
            self.pos += length;
            return true;
        }
        self.flush();
        self.open.push(Frame {
            opener: Some(Opener::Bracket {
                image,
                active: true,
            }),
            children: Vec::new(),
        });
        self.advance(self.pos + length);
        true
    }

    /// `]`: with `(destination)` after it, the innermost bracket becomes a link (its text alone
    /// when the destination is not a safe URL); otherwise both brackets are text.
    fn close_bracket(&mut self) -> bool {
        let Some(at) = self
            .open
            .iter()
            .rposition(|frame| matches!(frame.opener, Some(Opener::Bracket { .. })))
        else {
            return false;
        };
        let (image, active) = match self.open[at].opener {
            Some(Opener::Bracket { image, active }) => (image, active),
            _ => (false, false),
        };
        self.flush();
        if let Some((href, end)) = active.then(|| self.link_tail(self.pos + 1)).flatten() {
            while self.open.len() > at + 1 {
                self.unwind();
            }
            if let Some(frame) = self.open.pop() {
                let children = unwrap_links(frame.children);
                if !image {
                    for outer in &mut self.open {
                        if let Some(Opener::Bracket {
                            image: false,
                            active,
                        }) = &mut outer.opener
                        {
                            *active = false;
                        }
                    }
                }
                let top = self.top();
                if is_safe_url(&href) {
                    top.push(Inline::Link { href, children });
                } else {
                    for child in children {
                        top.push(child);
                    }
                }
            }
            self.advance(end);
            return true;
        }
        let frame = self.open.remove(at);
        let below = match at.checked_sub(1) {
            Some(below) => &mut self.open[below],
            None => &mut self.root,
        };
        below.absorb(frame);
        self.top().push_text("]");
        self.advance(self.pos + 1);
        true
    }

    /// `(destination)` or `(destination "title")` at `from`: the destination (backslash escapes
    /// removed, the title dropped) and where the link ends.
    fn link_tail(&self, from: usize) -> Option<(String, usize)> {
        let src = self.src;
        let bytes = src.as_bytes();
        if bytes.get(from) != Some(&b'(') {
            return None;
        }
        let mut limit = (from + MAX_LINK_TAIL).min(bytes.len());
        while !src.is_char_boundary(limit) {
            limit -= 1;
        }
        let mut i = skip_space(bytes, from + 1, limit);
        let destination = if bytes.get(i) == Some(&b'<') {
            let start = i + 1;
            let mut j = start;
            loop {
                match bytes.get(j) {
                    _ if j >= limit => return None,
                    Some(b'>') => break,
                    Some(b'\n' | b'<') | None => return None,
                    Some(b'\\') => j += 2,
                    Some(_) => j += 1,
                }
            }
            i = j + 1;
            unescape(&src[start..j])
        } else {
            let start = i;
            let mut depth = 0usize;
            while i < limit {
                let b = bytes[i];
                if b == b'\\' && i + 1 < limit && bytes[i + 1].is_ascii_punctuation() {
                    i += 2;
                    continue;
                }
                if b <= b' ' || b == 0x7f {
                    break;
                }
                if b == b'(' {
                    // As in cmark: at most 32 nested parentheses.
                    if depth == 32 {
                        return None;
                    }
                    depth += 1;
                } else if b == b')' {
                    if depth == 0 {
                        break;
                    }
                    depth -= 1;
                }
                i += 1;
            }
            if depth != 0 || i >= limit {
                return None;
            }
            unescape(&src[start..i])
        };
        let before_title = i;
        i = skip_space(bytes, i, limit);
        if i > before_title && i < limit {
            let close = match bytes[i] {
                b'"' => Some(b'"'),
                b'\'' => Some(b'\''),
                b'(' => Some(b')'),
                _ => None,
            };
            if let Some(close) = close {
                let mut j = i + 1;
                while j < limit && bytes[j] != close {
                    j += if bytes[j] == b'\\' { 2 } else { 1 };
                }
                if j >= limit {
                    return None;
                }
                i = skip_space(bytes, j + 1, limit);
            }
        }
        (i < limit && bytes[i] == b')').then_some((destination, i + 1))
    }

    /// `<https://…>` and `<name@example.org>`. Anything else after a `<` is text, HTML included.
    fn autolink(&mut self) -> bool {
        let src = self.src;
        let bytes = src.as_bytes();
        let start = self.pos + 1;
        let mut end = start;
        while let Some(&b) = bytes.get(end) {
            if b == b'>' || b == b'<' || b <= b' ' {
                break;
            }
            end += 1;
        }
        if bytes.get(end) != Some(&b'>') {
            return false;
        }
        let inner = &src[start..end];
        let href = if is_uri(inner) && is_safe_url(inner) {
            inner.to_owned()
        } else if is_email(inner) {
            format!("mailto:{inner}")
        } else {
            return false;
        };
        self.flush();
        self.top().push(Inline::Link {
            href,
            children: vec![Inline::Text(inner.to_owned())],
        });
        self.advance(end + 1);
        true
    }

    /// `https://…` or `http://…` after a space, at the start or after `(`, `*`, `_`, `~`: a link
    /// up to the next space or `<`, without trailing punctuation or an unmatched `)`.
    fn bare_url(&mut self) -> bool {
        let src = self.src;
        let start = self.pos;
        let rest = &src[start..];
        let scheme = if rest.starts_with("https://") {
            8
        } else if rest.starts_with("http://") {
            7
        } else {
            return false;
        };
        let before = src[..start].chars().next_back();
        if !before.is_none_or(|c| c.is_whitespace() || matches!(c, '(' | '*' | '_' | '~')) {
            return false;
        }
        let in_brackets = self
            .open
            .iter()
            .any(|frame| matches!(frame.opener, Some(Opener::Bracket { .. })));
        let (mut end, mut opened, mut closed) = (start, 0usize, 0usize);
        for (offset, c) in rest.char_indices() {
            if c.is_whitespace() || c.is_control() || c == '<' || (in_brackets && c == ']') {
                break;
            }
            match c {
                '(' => opened += 1,
                ')' => closed += 1,
                _ => {}
            }
            end = start + offset + c.len_utf8();
        }
        while let Some(last) = src[start..end].chars().next_back() {
            if matches!(
                last,
                '?' | '!' | '.' | ',' | ':' | '*' | '_' | '~' | '\'' | '"'
            ) {
                end -= 1;
            } else if last == ')' && closed > opened {
                closed -= 1;
                end -= 1;
            } else {
                break;
            }
        }
        let url = &src[start..end];
        if url.len() <= scheme || !is_safe_url(url) {
            return false;
        }
        self.flush();
        self.top().push(Inline::Link {
            href: url.to_owned(),
            children: vec![Inline::Text(url.to_owned())],
        });
        self.advance(end);
        true
    }
}

/// Every run of backticks in `src`, as (length, start), sorted.
fn backtick_runs(src: &str) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let mut from = 0;
    while let Some(offset) = src[from..].find('`') {
        let at = from + offset;
        let length = run_length(src, at);
        runs.push((length, at));
        from = at + length;
    }
    // Not the insertion sort: hostile input can have tens of thousands of runs.
    crate::short_sort::heap_sort(&mut runs);
    runs
}

/// How many times the byte at `at` repeats from there.
fn run_length(src: &str, at: usize) -> usize {
    let bytes = src.as_bytes();
    let ch = bytes[at];
    bytes[at..].iter().take_while(|&&b| b == ch).count()
}

fn skip_space(bytes: &[u8], mut i: usize, limit: usize) -> usize {
    while i < limit && matches!(bytes[i], b' ' | b'\t' | b'\n') {
        i += 1;
    }
    i
}

/// A link destination without its backslash escapes.
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(&next) = chars.peek().filter(|n| n.is_ascii_punctuation()) {
                out.push(next);
                chars.next();
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// `scheme:rest`, the scheme 2–32 letters, digits, `+`, `.` or `-`, starting with a letter.
fn is_uri(text: &str) -> bool {
    let Some((scheme, _)) = text.split_once(':') else {
        return false;
    };
    (2..=32).contains(&scheme.len())
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '.' | '-'))
}

/// An e-mail address as CommonMark's autolinks know it.
fn is_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || ".!#$%&'*+/=?^_`{|}~-".contains(c))
        && domain.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
}

/// The children of links inside a link's text, without those links (an image in a link, a bare
/// address in a link's text): a link never holds another.
fn unwrap_links(children: Vec<Inline>) -> Vec<Inline> {
    let mut out = Vec::with_capacity(children.len());
    for child in children {
        match child {
            Inline::Link { children, .. } => out.extend(unwrap_links(children)),
            Inline::Strong(children) => out.push(Inline::Strong(unwrap_links(children))),
            Inline::Emphasis(children) => out.push(Inline::Emphasis(unwrap_links(children))),
            Inline::Strikethrough(children) => {
                out.push(Inline::Strikethrough(unwrap_links(children)))
            }
            other => out.push(other),
        }
    }
    out
}
