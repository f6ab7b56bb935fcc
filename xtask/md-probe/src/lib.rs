//! Size probe for the Markdown options of the app (see `Cargo.toml`). One exported function
//! renders Markdown to safe HTML — with the hub's subset parser, with pulldown-cmark (filtered
//! the way the app used it: raw HTML as text, unsafe links dropped, images as links) or not at
//! all — so the difference between the built variants is the cost of the parser alone.
//!
//! Re-measure (release profile of the workspace: `opt-level = "z"`, LTO, one codegen unit,
//! `panic = "abort"`), for each of `--features pulldown`, no features, `--features tree` and
//! `--features baseline`:
//!
//! ```sh
//! cargo build --release -p md-probe --lib --target wasm32-unknown-unknown --target-dir target/md-probe [--features …]
//! wasm-bindgen --target web --out-dir target/md-probe/out target/md-probe/wasm32-unknown-unknown/release/md_probe.wasm
//! wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int target/md-probe/out/md_probe_bg.wasm -o o.wasm
//! gzip -9 -c o.wasm | wc -c
//! ```
//!
//! Measured with wasm-bindgen 0.2.130 and wasm-opt 132 (bytes after `wasm-opt -Oz`; gzip -9):
//!
//! | variant | raw | gzip |
//! |---|---|---|
//! | `--features pulldown` (pulldown-cmark 0.13, tables + strikethrough) | 199 777 | 87 942 |
//! | no features (the subset, `to_html`) | 60 531 | 28 948 |
//! | `--features tree` (the subset's parser alone) | 59 332 | 28 357 |
//! | `--features baseline` (no Markdown) | 12 787 | 5 803 |
//!
//! The attendee app itself (bin `event-hub`, same profile), pulldown-cmark and `inner_html`
//! against the subset rendered as views: 623 739 → 504 049 bytes raw, 263 188 → 209 820 gzip.

use wasm_bindgen::prelude::*;

/// Renders `markdown` to HTML that carries none of the author's own HTML.
#[wasm_bindgen]
pub fn render(markdown: &str) -> String {
    html::render(markdown)
}

#[cfg(feature = "baseline")]
mod html {
    pub fn render(markdown: &str) -> String {
        markdown.to_owned()
    }
}

#[cfg(all(
    not(feature = "baseline"),
    not(feature = "pulldown"),
    not(feature = "tree")
))]
mod html {
    pub fn render(markdown: &str) -> String {
        event_model::markdown::to_html(markdown)
    }
}

/// The subset's parser without its HTML writer (the app renders the tree as elements).
#[cfg(all(feature = "tree", not(feature = "baseline")))]
mod html {
    pub fn render(markdown: &str) -> String {
        event_model::markdown::to_plain(markdown)
    }
}

/// The app's renderer before the subset, verbatim.
#[cfg(all(feature = "pulldown", not(any(feature = "baseline", feature = "tree"))))]
mod html {
    use event_model::safe_url::is_safe_url;
    use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

    pub fn render(markdown: &str) -> String {
        let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
        let mut dropped_links = Vec::new();
        let events = Parser::new_ext(markdown, options).filter_map(|event| match event {
            Event::Html(html) | Event::InlineHtml(html) => Some(Event::Text(html)),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let safe = link_type == LinkType::Email || is_safe_url(&dest_url);
                dropped_links.push(!safe);
                safe.then_some(Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }))
            }
            Event::End(TagEnd::Link) => match dropped_links.pop() {
                Some(true) => None,
                _ => Some(Event::End(TagEnd::Link)),
            },
            Event::Start(Tag::Image {
                dest_url,
                title,
                id,
                ..
            }) => {
                let safe = is_safe_url(&dest_url);
                dropped_links.push(!safe);
                safe.then_some(Event::Start(Tag::Link {
                    link_type: LinkType::Inline,
                    dest_url,
                    title,
                    id,
                }))
            }
            Event::End(TagEnd::Image) => match dropped_links.pop() {
                Some(true) => None,
                _ => Some(Event::End(TagEnd::Link)),
            },
            Event::Start(Tag::HtmlBlock) | Event::End(TagEnd::HtmlBlock) => None,
            other => Some(other),
        });
        let mut html = String::with_capacity(markdown.len() * 3 / 2);
        pulldown_cmark::html::push_html(&mut html, events);
        html
    }
}
