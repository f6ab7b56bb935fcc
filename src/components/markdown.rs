//! Organizer Markdown, parsed by `event_model::markdown` into a small tree and rendered here as
//! elements and text nodes — never as HTML, so raw HTML in the source can only ever show as text.
//! Links are checked once more with `is_safe_url` (the parser only makes safe ones); web links
//! open outside the hub, like `ExternalLink`.

use event_model::markdown::{is_tight_item, parse, Block, Inline};
use event_model::safe_url::is_safe_url;
use leptos::prelude::*;

/// A block of Markdown.
#[component]
pub fn Markdown(
    /// The Markdown source.
    #[prop(into)]
    source: String,
) -> impl IntoView {
    view! { <div class="eh-md">{blocks(parse(&source))}</div> }
}

fn blocks(blocks: Vec<Block>) -> Vec<AnyView> {
    blocks.into_iter().map(block).collect()
}

fn block(block: Block) -> AnyView {
    match block {
        Block::Paragraph(content) => view! { <p>{inlines(content)}</p> }.into_any(),
        Block::Heading(level, content) => {
            let content = inlines(content);
            match level {
                1 => view! { <h1>{content}</h1> }.into_any(),
                2 => view! { <h2>{content}</h2> }.into_any(),
                3 => view! { <h3>{content}</h3> }.into_any(),
                4 => view! { <h4>{content}</h4> }.into_any(),
                5 => view! { <h5>{content}</h5> }.into_any(),
                _ => view! { <h6>{content}</h6> }.into_any(),
            }
        }
        Block::List { start: None, items } => {
            view! { <ul>{items.into_iter().map(item).collect::<Vec<_>>()}</ul> }.into_any()
        }
        Block::List {
            start: Some(start),
            items,
        } => {
            let start = (start != 1).then(|| start.to_string());
            view! { <ol start=start>{items.into_iter().map(item).collect::<Vec<_>>()}</ol> }
                .into_any()
        }
        Block::Quote(content) => view! { <blockquote>{blocks(content)}</blockquote> }.into_any(),
        Block::Code(code) => view! { <pre><code>{code}</code></pre> }.into_any(),
        Block::Rule => view! { <hr/> }.into_any(),
    }
}

/// A list item; the text of a tight item goes straight into the `<li>`.
fn item(content: Vec<Block>) -> AnyView {
    let tight = is_tight_item(&content);
    let content: Vec<AnyView> = content
        .into_iter()
        .map(|b| match b {
            Block::Paragraph(text) if tight => inlines(text).into_any(),
            other => block(other),
        })
        .collect();
    view! { <li>{content}</li> }.into_any()
}

fn inlines(inlines: Vec<Inline>) -> Vec<AnyView> {
    inlines.into_iter().map(inline).collect()
}

fn inline(inline: Inline) -> AnyView {
    match inline {
        Inline::Text(text) => text.into_any(),
        Inline::Strong(content) => view! { <strong>{inlines(content)}</strong> }.into_any(),
        Inline::Emphasis(content) => view! { <em>{inlines(content)}</em> }.into_any(),
        Inline::Strikethrough(content) => view! { <del>{inlines(content)}</del> }.into_any(),
        Inline::Code(code) => view! { <code>{code}</code> }.into_any(),
        Inline::Link { href, children } if is_safe_url(&href) => {
            let web = href.starts_with("http");
            view! {
                <a
                    href=href
                    target=web.then_some("_blank")
                    rel=web.then_some("noopener noreferrer")
                >
                    {inlines(children)}
                </a>
            }
            .into_any()
        }
        Inline::Link { children, .. } => inlines(children).into_any(),
        Inline::LineBreak => view! { <br/> }.into_any(),
    }
}
