//! One event: fetched from its file, then shown — or the reasons it cannot be.

use std::sync::Arc;

use leptos::either::Either;
use leptos::html::Div;
use leptos::prelude::*;

use crate::components::event_view::EventView;
use crate::components::load_error::LoadErrorView;
use crate::load::{load_event, Loading};
use crate::mount_once::mount_when;
use crate::shell;

/// The event at `url`, with a loading state and an error view.
#[component]
pub fn EventPage(
    /// Address of the event file.
    url: String,
) -> impl IntoView {
    let (loading, retry) = Loading::start({
        let url = url.clone();
        move || {
            let url = url.clone();
            async move {
                load_event(url)
                    .await
                    .map(|loaded| (Arc::new(loaded.event), loaded.file, loaded.left_out))
            }
        }
    });
    // The event is mounted once it is there, not switched to (see `mount_once`); the block
    // below shows only the waiting and the failing.
    let page = NodeRef::<Div>::new();
    mount_when(
        page,
        move || loading.state.get().and_then(Result::ok),
        move |(event, file, left_out)| {
            shell::remove();
            provide_context(file);
            view! {
                {left_out.map(|errors| view! { <PartNotice url=url.clone() errors/> })}
                <EventView event source=url/>
            }
        },
    );
    view! {
        <div class="eh-mount" node_ref=page></div>
        {move || match loading.state.get() {
            None => Some(Either::Left(view! { <LoadingNotice/> })),
            Some(Ok(_)) => None,
            Some(Err(error)) => {
                shell::remove();
                Some(Either::Right(view! { <LoadErrorView error on_retry=retry/> }))
            }
        }}
    }
}

/// Above an event shown without its broken items: attendees learn that something is missing,
/// organizers where to find the list.
#[component]
fn PartNotice(url: String, errors: usize) -> impl IntoView {
    view! {
        <aside class="eh-part-notice" role="status" aria-label="Part of this event is missing">
            <p>
                "Some of this event could not be shown: its file has "
                {event_model::format::counted(errors, "mistake")}
                ". What is here is correct."
            </p>
            <a href=format!("/edit?file={url}")>"For organizers: the list of problems"</a>
        </aside>
    }
}

/// Shown while the event file is on its way — unless the page's loading shell already says so.
#[component]
fn LoadingNotice() -> impl IntoView {
    (!shell::present()).then(|| {
        view! {
            <main class="eh-main eh-notice" aria-busy="true">
                <p class="eh-loading" role="status">"Loading the event…"</p>
            </main>
        }
    })
}
