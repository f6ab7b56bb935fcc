//! An outbound link that can only ever carry a safe URL (validation checks it too; this is the
//! second lock on the door).

use event_model::safe_url::is_safe_url;
use leptos::either::Either;
use leptos::prelude::*;

/// A link opening outside the hub; shows plain text if the URL is not safe.
#[component]
pub fn ExternalLink(
    /// Target URL.
    #[prop(into)]
    href: String,
    /// Extra CSS class.
    #[prop(optional, into)]
    class: String,
    /// Link text.
    children: Children,
) -> impl IntoView {
    if is_safe_url(&href) {
        let web = href.starts_with("http");
        Either::Left(view! {
            <a
                class=format!("eh-link {class}")
                href=href
                target=web.then_some("_blank")
                rel=web.then_some("noopener noreferrer")
            >
                {children()}
            </a>
        })
    } else {
        Either::Right(view! { <span class=class>{children()}</span> })
    }
}

/// [`ExternalLink`] built with DOM calls at the end of `parent`, for the parts of the page built
/// without `view!`: the element to put the link text in.
pub fn add_external_link(
    parent: &web_sys::Element,
    href: &str,
    class: &str,
) -> Option<web_sys::Element> {
    if !is_safe_url(href) {
        let span = crate::dom::add(parent, "span", "")?;
        crate::dom::set(&span, "class", class)?;
        return Some(span);
    }
    let link = crate::dom::add(parent, "a", &format!("eh-link {class}"))?;
    crate::dom::set(&link, "href", href)?;
    if href.starts_with("http") {
        crate::dom::set(&link, "target", "_blank")?;
        crate::dom::set(&link, "rel", "noopener noreferrer")?;
    }
    Some(link)
}
