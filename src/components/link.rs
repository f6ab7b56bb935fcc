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
