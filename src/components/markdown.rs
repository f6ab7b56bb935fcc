//! Organizer Markdown, parsed by `event_model::markdown` into a small tree and rendered here as
//! elements and text nodes — never as HTML, so raw HTML in the source can only ever show as text.
//! Links are checked once more with `is_safe_url` (the parser only makes safe ones); web links
//! open outside the hub, like `ExternalLink`.
//!
//! Built with DOM calls ([`crate::dom`]): a tree of `AnyView`s cost the first load the type-erased
//! building code of every element kind; these few calls are shared by every tag.

use event_model::markdown::{is_tight_item, parse, Block, Inline};
use event_model::safe_url::is_safe_url;
use event_model::Text;
use leptos::prelude::*;
use web_sys::Element;

use crate::dom::{add, add_text, append_text, dom_view, lang, new, set, DomView};

/// A block of Markdown, marked with its language when that is not the reader's.
#[component]
pub fn Markdown(
    /// The Markdown source, in the reader's language where the file gives it.
    #[prop(into)]
    source: Text,
) -> DomView {
    dom_view(move || markdown(&source))
}

/// The `<div class="eh-md">` of `source`, not yet on the page.
pub fn markdown(source: &Text) -> Option<Element> {
    let root = new("div", "eh-md")?;
    lang(&root, source)?;
    blocks(&root, parse(source))?;
    Some(root)
}

/// [`markdown`] at the end of `parent`.
pub fn add_markdown(parent: &Element, source: &Text) -> Option<()> {
    let block = markdown(source)?;
    parent.append_child(&block).ok()?;
    Some(())
}

fn blocks(parent: &Element, blocks: Vec<Block>) -> Option<()> {
    blocks.into_iter().try_for_each(|b| block(parent, b))
}

fn block(parent: &Element, block: Block) -> Option<()> {
    match block {
        Block::Paragraph(content) => inlines(&add(parent, "p", "")?, content),
        Block::Heading(level, content) => {
            const TAGS: [&str; 6] = ["h1", "h2", "h3", "h4", "h5", "h6"];
            let tag = TAGS[usize::from(level.clamp(1, 6)) - 1];
            inlines(&add(parent, tag, "")?, content)
        }
        Block::List { start, items } => {
            let list = add(parent, if start.is_some() { "ol" } else { "ul" }, "")?;
            if let Some(start) = start.filter(|start| *start != 1) {
                set(&list, "start", &start.to_string())?;
            }
            items
                .into_iter()
                .try_for_each(|content| item(&list, content))
        }
        Block::Quote(content) => blocks(&add(parent, "blockquote", "")?, content),
        Block::Code(code) => add_text(&add(parent, "pre", "")?, "code", "", &code).map(drop),
        Block::Rule => add(parent, "hr", "").map(drop),
    }
}

/// A list item; the text of a tight item goes straight into the `<li>`.
fn item(list: &Element, content: Vec<Block>) -> Option<()> {
    let tight = is_tight_item(&content);
    let li = add(list, "li", "")?;
    content.into_iter().try_for_each(|b| match b {
        Block::Paragraph(text) if tight => inlines(&li, text),
        other => block(&li, other),
    })
}

fn inlines(parent: &Element, inlines: Vec<Inline>) -> Option<()> {
    inlines.into_iter().try_for_each(|i| inline(parent, i))
}

fn inline(parent: &Element, inline: Inline) -> Option<()> {
    match inline {
        Inline::Text(text) => append_text(parent, &text),
        Inline::Strong(content) => inlines(&add(parent, "strong", "")?, content),
        Inline::Emphasis(content) => inlines(&add(parent, "em", "")?, content),
        Inline::Strikethrough(content) => inlines(&add(parent, "del", "")?, content),
        Inline::Code(code) => add_text(parent, "code", "", &code).map(drop),
        Inline::Link { href, children } if is_safe_url(&href) => {
            let link = add(parent, "a", "")?;
            set(&link, "href", &href)?;
            if href.starts_with("http") {
                set(&link, "target", "_blank")?;
                set(&link, "rel", "noopener noreferrer")?;
            }
            inlines(&link, children)
        }
        Inline::Link { children, .. } => inlines(parent, children),
        Inline::LineBreak => add(parent, "br", "").map(drop),
    }
}
