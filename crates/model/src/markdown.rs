//! The hub's Markdown: a small, documented subset (see `docs/event-file.md`, *Markdown*) parsed
//! into a tiny tree that the page renders as elements and text nodes — never as HTML. Raw HTML in
//! the source therefore stays visible text by construction; links keep only safe schemes (an
//! unsafe link shows its text alone); images become plain links (no tracking pixels, no layout
//! jumps). Anything outside the subset shows as written.
//!
//! The parser is linear in its input: lists and quotes nest at most [`MAX_DEPTH`] deep and at
//! most 32 emphasis marks and brackets are open at once; deeper markup stays text.
//!
//! - `block` splits the source into paragraphs, headings, lists, quotes, code and rules;
//! - `inline` reads the text of one paragraph or heading: emphasis, code, links, autolinks.

mod block;
mod inline;

pub use block::MAX_DEPTH;

use crate::format::push_escaped_html;

/// A block of a Markdown text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// Lines of text separated from the next block by a blank line.
    Paragraph(Vec<Inline>),
    /// `#` … `######`, or text underlined with `===` (1) or `---` (2).
    Heading(u8, Vec<Inline>),
    /// `-`, `*`, `+` items (`start: None`) or numbered items `1.`/`1)` (`start`: the first
    /// number). Each item is a list of blocks; an item may hold a nested list.
    List {
        start: Option<u32>,
        items: Vec<Vec<Block>>,
    },
    /// Lines starting with `>`.
    Quote(Vec<Block>),
    /// A fenced code block (```` ``` ```` or `~~~`), its text as written.
    Code(String),
    /// `---`, `***` or `___` on a line of its own.
    Rule,
}

/// A piece of text inside a block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    /// Text as written. A line break inside a paragraph is a `\n`, which the page shows as a space.
    Text(String),
    /// `**text**` or `__text__`.
    Strong(Vec<Inline>),
    /// `*text*` or `_text_`.
    Emphasis(Vec<Inline>),
    /// `~~text~~`.
    Strikethrough(Vec<Inline>),
    /// `` `code` ``.
    Code(String),
    /// A link whose `href` passed [`is_safe_url`](crate::safe_url::is_safe_url); never nested.
    Link { href: String, children: Vec<Inline> },
    /// Two spaces or a `\` at the end of a line.
    LineBreak,
}

/// Parses Markdown into blocks. Never fails: what is not Markdown of the subset is text.
pub fn parse(markdown: &str) -> Vec<Block> {
    block::parse(markdown)
}

/// The targets of links written `[text](target)` or `<target>` whose address is not safe
/// (`javascript:`, `data:`, …): the page shows their text without a link, and the organizer
/// should know why.
pub fn unsafe_link_targets(markdown: &str) -> Vec<String> {
    let inline = markdown.split("](").skip(1).map(|rest| {
        // Up to the `)` that closes the link: `javascript:alert(1)` has its own parentheses.
        let mut depth = 0usize;
        let end = rest
            .char_indices()
            .find(|&(_, c)| match c {
                '(' => {
                    depth += 1;
                    false
                }
                ')' if depth > 0 => {
                    depth -= 1;
                    false
                }
                c => c == ')' || c.is_whitespace(),
            })
            .map_or(rest.len(), |(at, _)| at);
        rest[..end].trim_matches(['<', '>']).to_owned()
    });
    let auto = markdown.split('<').skip(1).filter_map(|rest| {
        let target = &rest[..rest.find('>')?];
        (target.contains(':') && !target.contains(' ')).then(|| target.to_owned())
    });
    inline
        .chain(auto)
        .filter(|target| !target.is_empty() && !crate::safe_url::is_safe_url(target))
        .collect()
}

/// Whether a list item's first paragraph renders as bare text (`<li>text</li>`, as CommonMark
/// does for tight lists): the item starts with its only paragraph, perhaps followed by a nested
/// list.
pub fn is_tight_item(item: &[Block]) -> bool {
    matches!(item.first(), Some(Block::Paragraph(_)))
        && item
            .iter()
            .filter(|block| matches!(block, Block::Paragraph(_)))
            .count()
            == 1
}

/// Renders Markdown to HTML in which every character of the source's own markup is escaped: the
/// only tags are those of the subset (`p`, `h1`–`h6`, `ul`, `ol`, `li`, `blockquote`, `pre`,
/// `code`, `hr`, `strong`, `em`, `del`, `a`, `br`) and every `href` is a safe URL.
pub fn to_html(markdown: &str) -> String {
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    html_blocks(&mut html, &parse(markdown));
    html
}

fn html_blocks(out: &mut String, blocks: &[Block]) {
    for block in blocks {
        html_block(out, block);
    }
}

fn html_block(out: &mut String, block: &Block) {
    match block {
        Block::Paragraph(inlines) => {
            out.push_str("<p>");
            html_inlines(out, inlines);
            out.push_str("</p>\n");
        }
        Block::Heading(level, inlines) => {
            out.push_str(&format!("<h{level}>"));
            html_inlines(out, inlines);
            out.push_str(&format!("</h{level}>\n"));
        }
        Block::List { start, items } => {
            match start {
                None => out.push_str("<ul>\n"),
                Some(1) => out.push_str("<ol>\n"),
                Some(n) => out.push_str(&format!("<ol start=\"{n}\">\n")),
            }
            for item in items {
                out.push_str("<li>");
                let tight = is_tight_item(item);
                for block in item {
                    match block {
                        Block::Paragraph(inlines) if tight => html_inlines(out, inlines),
                        other => html_block(out, other),
                    }
                }
                out.push_str("</li>\n");
            }
            out.push_str(if start.is_some() {
                "</ol>\n"
            } else {
                "</ul>\n"
            });
        }
        Block::Quote(blocks) => {
            out.push_str("<blockquote>\n");
            html_blocks(out, blocks);
            out.push_str("</blockquote>\n");
        }
        Block::Code(code) => {
            out.push_str("<pre><code>");
            push_escaped_html(out, code);
            out.push_str("</code></pre>\n");
        }
        Block::Rule => out.push_str("<hr />\n"),
    }
}

fn html_inlines(out: &mut String, inlines: &[Inline]) {
    for inline in inlines {
        let (tag, children) = match inline {
            Inline::Text(text) => {
                push_escaped_html(out, text);
                continue;
            }
            Inline::Code(code) => {
                out.push_str("<code>");
                push_escaped_html(out, code);
                out.push_str("</code>");
                continue;
            }
            Inline::LineBreak => {
                out.push_str("<br />\n");
                continue;
            }
            Inline::Link { href, children } => {
                out.push_str("<a href=\"");
                push_escaped_html(out, href);
                out.push_str("\">");
                ("a", children)
            }
            Inline::Strong(children) => {
                out.push_str("<strong>");
                ("strong", children)
            }
            Inline::Emphasis(children) => {
                out.push_str("<em>");
                ("em", children)
            }
            Inline::Strikethrough(children) => {
                out.push_str("<del>");
                ("del", children)
            }
        };
        html_inlines(out, children);
        out.push_str(&format!("</{tag}>"));
    }
}

/// Plain text of a Markdown snippet, for places that show a short preview and for calendar
/// descriptions: the words without the markup, blocks and lines separated by spaces.
pub fn to_plain(markdown: &str) -> String {
    let mut text = String::new();
    plain_blocks(&mut text, &parse(markdown));
    text.trim().to_owned()
}

fn plain_blocks(out: &mut String, blocks: &[Block]) {
    for block in blocks {
        match block {
            Block::Paragraph(inlines) | Block::Heading(_, inlines) => plain_inlines(out, inlines),
            Block::List { items, .. } => {
                for item in items {
                    plain_blocks(out, item);
                }
            }
            Block::Quote(blocks) => plain_blocks(out, blocks),
            Block::Code(code) => out.push_str(code.trim_end()),
            Block::Rule => {}
        }
        space(out);
    }
}

fn plain_inlines(out: &mut String, inlines: &[Inline]) {
    for inline in inlines {
        match inline {
            Inline::Text(text) => out.extend(text.chars().map(|c| if c == '\n' { ' ' } else { c })),
            Inline::Code(code) => out.push_str(code),
            Inline::LineBreak => space(out),
            Inline::Strong(children)
            | Inline::Emphasis(children)
            | Inline::Strikethrough(children)
            | Inline::Link { children, .. } => plain_inlines(out, children),
        }
    }
}

/// One space between words, none at the very start.
fn space(out: &mut String) {
    if !out.is_empty() && !out.ends_with(' ') {
        out.push(' ');
    }
}

#[cfg(test)]
mod tests;
