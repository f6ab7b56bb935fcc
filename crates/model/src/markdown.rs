//! Markdown to HTML that can never carry the author's own HTML: raw HTML becomes visible text,
//! links keep only safe schemes, images become plain links (no tracking pixels, no layout jumps).

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

use crate::safe_url::is_safe_url;

/// Renders Markdown (CommonMark with tables and strikethrough) to safe HTML.
pub fn to_html(markdown: &str) -> String {
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
            // `<someone@example.org>` carries no scheme; the renderer adds `mailto:` itself.
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

/// Plain text of a Markdown snippet, for places that show a short preview.
pub fn to_plain(markdown: &str) -> String {
    let mut text = String::new();
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                text.push_str(&t)
            }
            Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph) => text.push(' '),
            _ => {}
        }
    }
    text.trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_ordinary_markdown() {
        let html = to_html("**Bold** and [a link](https://scs.community/).\n\n* one\n* two");
        assert!(html.contains("<strong>Bold</strong>"));
        assert!(html.contains("<a href=\"https://scs.community/\">a link</a>"));
        assert!(html.contains("<li>one</li>"));
    }

    #[test]
    fn raw_html_becomes_visible_text() {
        let html = to_html("<script>alert(1)</script>\n\nHi <img src=x onerror=alert(1)>");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{html}"
        );
        assert!(
            html.contains("&lt;img src=x onerror=alert(1)&gt;"),
            "{html}"
        );
    }

    #[test]
    fn unsafe_links_keep_their_text_only() {
        let html = to_html("[click](javascript:alert(1)) and ![pic](data:image/png;base64,AAAA)");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(!html.contains("data:"), "{html}");
        assert!(html.contains("click"), "{html}");
    }

    #[test]
    fn email_autolinks_stay_links() {
        let html = to_html("Write to <orga@scs.community>.");
        assert!(
            html.contains("<a href=\"mailto:orga@scs.community\">orga@scs.community</a>"),
            "{html}"
        );
    }

    #[test]
    fn images_become_links() {
        let html = to_html("![Hackathon](https://scs.community/h.png)");
        assert!(
            html.contains("<a href=\"https://scs.community/h.png\">Hackathon</a>"),
            "{html}"
        );
    }

    #[test]
    fn plain_text_drops_markup() {
        assert_eq!(to_plain("**Hi** [there](https://x.y)"), "Hi there");
    }
}
