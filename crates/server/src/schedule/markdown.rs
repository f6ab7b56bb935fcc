//! The event's Markdown as exported: written back from the hub's own parse tree rather than
//! copied, because conference apps render `abstract` and `description` as Markdown (pretalx
//! exports Markdown there) — and some would render raw HTML or a `javascript:` link that the
//! hub itself never shows. From the tree, links are only the safe ones the page shows, and any
//! `<` that could open an HTML tag is escaped.

use event_model::markdown::{parse, Block, Inline};

/// `source` as Markdown that says the same as the page shows: the hub's subset, safe links only,
/// no HTML.
pub fn safe_markdown(source: &str) -> String {
    let mut out = String::new();
    blocks(&mut out, &parse(source), "");
    out.trim_end().to_owned()
}

/// The safe links of `source`, `(url, text)`, in reading order.
pub fn links(source: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    collect_block_links(&parse(source), &mut found);
    found
}

fn blocks(out: &mut String, blocks: &[Block], indent: &str) {
    for (at, block) in blocks.iter().enumerate() {
        if at > 0 {
            out.push_str(indent.trim_end());
            out.push('\n');
        }
        block_text(out, block, indent);
    }
}

fn block_text(out: &mut String, block: &Block, indent: &str) {
    match block {
        Block::Paragraph(inlines) => {
            out.push_str(indent);
            line(out, inlines, indent);
        }
        Block::Heading(level, inlines) => {
            out.push_str(indent);
            out.push_str(&"#".repeat(usize::from(*level)));
            out.push(' ');
            line(out, inlines, indent);
        }
        Block::List { start, items } => {
            for (n, item) in items.iter().enumerate() {
                let marker = match start {
                    Some(first) => format!("{}. ", u64::from(*first) + n as u64),
                    None => "- ".to_owned(),
                };
                let inner = format!("{indent}{}", " ".repeat(marker.len()));
                out.push_str(indent);
                out.push_str(&marker);
                let mut item_text = String::new();
                blocks(&mut item_text, item, &inner);
                // The first line of the item follows its marker, not the indentation.
                out.push_str(item_text.strip_prefix(inner.as_str()).unwrap_or(&item_text));
            }
        }
        Block::Quote(quoted) => {
            blocks(out, quoted, &format!("{indent}> "));
        }
        Block::Code(code) => {
            let fence = if code.contains("```") { "~~~" } else { "```" };
            out.push_str(&format!("{indent}{fence}\n"));
            for code_line in code.trim_end_matches('\n').lines() {
                out.push_str(&format!("{indent}{code_line}\n"));
            }
            out.push_str(&format!("{indent}{fence}\n"));
        }
        Block::Rule => out.push_str(&format!("{indent}---\n")),
    }
}

/// A paragraph's inlines and its line end; later lines keep the block's indentation.
fn line(out: &mut String, inlines: &[Inline], indent: &str) {
    let mut text = String::new();
    inline_text(&mut text, inlines);
    out.push_str(&text.replace('\n', &format!("\n{indent}")));
    out.push('\n');
}

fn inline_text(out: &mut String, inlines: &[Inline]) {
    for inline in inlines {
        match inline {
            Inline::Text(text) => escaped(out, text),
            Inline::Strong(children) => wrapped(out, "**", children),
            Inline::Emphasis(children) => wrapped(out, "*", children),
            Inline::Strikethrough(children) => wrapped(out, "~~", children),
            Inline::Code(code) => {
                let ticks = if code.contains('`') { "``" } else { "`" };
                out.push_str(&format!("{ticks}{code}{ticks}"));
            }
            Inline::Link { href, children } => {
                out.push('[');
                inline_text(out, children);
                out.push_str("](");
                // A safe URL has no spaces; parentheses are escaped so they cannot end it early.
                out.push_str(&href.replace('(', "%28").replace(')', "%29"));
                out.push(')');
            }
            Inline::LineBreak => out.push_str("\\\n"),
        }
    }
}

fn wrapped(out: &mut String, mark: &str, children: &[Inline]) {
    out.push_str(mark);
    inline_text(out, children);
    out.push_str(mark);
}

/// Text with Markdown's own marks escaped — the parser already read them as text — and a `<`
/// that could start an HTML tag or comment escaped too.
fn escaped(out: &mut String, text: &str) {
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' | '*' | '_' | '`' | '[' | ']' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '<' if chars
                .peek()
                .is_some_and(|next| next.is_ascii_alphabetic() || "/!?".contains(*next)) =>
            {
                out.push_str("\\<");
            }
            c => out.push(c),
        }
    }
}

fn collect_block_links(blocks: &[Block], found: &mut Vec<(String, String)>) {
    for block in blocks {
        match block {
            Block::Paragraph(inlines) | Block::Heading(_, inlines) => {
                collect_inline_links(inlines, found);
            }
            Block::List { items, .. } => {
                for item in items {
                    collect_block_links(item, found);
                }
            }
            Block::Quote(quoted) => collect_block_links(quoted, found),
            Block::Code(_) | Block::Rule => {}
        }
    }
}

fn collect_inline_links(inlines: &[Inline], found: &mut Vec<(String, String)>) {
    for inline in inlines {
        match inline {
            Inline::Link { href, children } => {
                let mut text = String::new();
                plain(&mut text, children);
                found.push((href.clone(), text));
            }
            Inline::Strong(children)
            | Inline::Emphasis(children)
            | Inline::Strikethrough(children) => collect_inline_links(children, found),
            Inline::Text(_) | Inline::Code(_) | Inline::LineBreak => {}
        }
    }
}

fn plain(out: &mut String, inlines: &[Inline]) {
    for inline in inlines {
        match inline {
            Inline::Text(text) | Inline::Code(text) => out.push_str(text),
            Inline::Strong(children)
            | Inline::Emphasis(children)
            | Inline::Strikethrough(children)
            | Inline::Link { children, .. } => plain(out, children),
            Inline::LineBreak => out.push(' '),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_the_sample_writes_comes_back_the_same() {
        let summary = "Our third big Community Hackathon in Dresden, with [CLOUD&HEAT](https://www.cloudandheat.com/).\n\n**The Community Hackathon is what you make it!**";
        assert_eq!(safe_markdown(summary), summary);
        let list = "- How to build cluster stacks\n- Discuss pro/contra";
        assert_eq!(safe_markdown(list), list);
    }

    #[test]
    fn html_and_unsafe_links_do_not_survive() {
        let out = safe_markdown("Hi <script>alert(1)</script> and [x](javascript:alert(1)) a < b");
        assert_eq!(out.matches("\\<").count(), 2, "{out}");
        assert_eq!(out.replace("\\<", "").matches("<").count(), 1, "{out}");
        assert!(!out.contains("javascript:"), "{out}");
        assert!(out.contains("a < b"), "{out}");
    }

    #[test]
    fn marks_the_parser_read_as_text_stay_text() {
        // `cluster_stack` has no emphasis in the source's reading; escaped, it has none in the
        // reader's either.
        assert_eq!(safe_markdown("a cluster_stack"), "a cluster\\_stack");
    }

    #[test]
    fn links_are_collected_with_their_text() {
        assert_eq!(
            links("See [the **repo**](https://example.org/r) and <https://example.org/x>."),
            vec![
                ("https://example.org/r".to_owned(), "the repo".to_owned()),
                (
                    "https://example.org/x".to_owned(),
                    "https://example.org/x".to_owned()
                ),
            ]
        );
        assert!(links("[x](javascript:alert(1))").is_empty());
    }
}
