//! Organizer Markdown, parsed by `event_model::markdown` into a small tree and rendered here as
//! elements and text nodes — never as HTML, so raw HTML in the source can only ever show as text.
//! Links are checked once more with `is_safe_url` (the parser only makes safe ones); web links
//! open outside the hub, like `ExternalLink`.

use event_model::markdown::{is_tight_item, parse, Block, Inline};
use event_model::safe_url::is_safe_url;
use event_model::Text;
use leptos::html::custom;
use leptos::prelude::*;

/// A block of Markdown, marked with its language when that is not the reader's.
#[component]
pub fn Markdown(
    /// The Markdown source, in the reader's language where the file gives it.
    #[prop(into)]
    source: Text,
) -> impl IntoView {
    view! { <div class="eh-md" lang=source.other_language()>{blocks(parse(&source))}</div> }
}

fn blocks(blocks: Vec<Block>) -> Vec<AnyView> {
    blocks.into_iter().map(block).collect()
}

/// The element `tag` around `children`. One concrete type for every tag, so the wasm carries one
/// copy of the rendering code rather than one per tag (measured: ~2 KB gzip less than a `view!`
/// per tag).
fn element(tag: &'static str, children: Vec<AnyView>) -> AnyView {
    custom(tag).child(children).into_any()
}

fn block(block: Block) -> AnyView {
    match block {
        Block::Paragraph(content) => element("p", inlines(content)),
        Block::Heading(level, content) => {
            const TAGS: [&str; 6] = ["h1", "h2", "h3", "h4", "h5", "h6"];
            let tag = TAGS[usize::from(level.clamp(1, 6)) - 1];
            element(tag, inlines(content))
        }
        Block::List { start: None, items } => element("ul", items.into_iter().map(item).collect()),
        Block::List {
            start: Some(start),
            items,
        } => {
            let start = (start != 1).then(|| start.to_string());
            custom("ol")
                .attr("start", start)
                .child(items.into_iter().map(item).collect::<Vec<_>>())
                .into_any()
        }
        Block::Quote(content) => element("blockquote", blocks(content)),
        Block::Code(code) => element("pre", vec![element("code", vec![code.into_any()])]),
        Block::Rule => element("hr", Vec::new()),
    }
}

/// A list item; the text of a tight item goes straight into the `<li>`.
fn item(content: Vec<Block>) -> AnyView {
    let tight = is_tight_item(&content);
    let content: Vec<AnyView> = content
        .into_iter()
        .flat_map(|b| match b {
            Block::Paragraph(text) if tight => inlines(text),
            other => vec![block(other)],
        })
        .collect();
    element("li", content)
}

fn inlines(inlines: Vec<Inline>) -> Vec<AnyView> {
    inlines.into_iter().map(inline).collect()
}

fn inline(inline: Inline) -> AnyView {
    match inline {
        Inline::Text(text) => text.into_any(),
        Inline::Strong(content) => element("strong", inlines(content)),
        Inline::Emphasis(content) => element("em", inlines(content)),
        Inline::Strikethrough(content) => element("del", inlines(content)),
        Inline::Code(code) => element("code", vec![code.into_any()]),
        Inline::Link { href, children } if is_safe_url(&href) => {
            let web = href.starts_with("http");
            custom("a")
                .attr("href", href)
                .attr("target", web.then_some("_blank"))
                .attr("rel", web.then_some("noopener noreferrer"))
                .child(inlines(children))
                .into_any()
        }
        Inline::Link { children, .. } => inlines(children).into_any(),
        Inline::LineBreak => element("br", Vec::new()),
    }
}
