//! One event: fetched from its file, then shown — or the reasons it cannot be.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::components::event_view::EventView;
use crate::components::load_error::LoadErrorView;
use crate::load::load_event;

/// `/events/{id}`: the event whose file is `/events/{id}.json`.
#[component]
pub fn EventRoute() -> impl IntoView {
    let params = use_params_map();
    move || {
        let id = params.read().get("id").unwrap_or_default();
        view! { <EventPage url=format!("/events/{id}.json")/> }
    }
}

/// The event at `url`, with a loading state and an error view.
#[component]
pub fn EventPage(
    /// Address of the event file.
    url: String,
) -> impl IntoView {
    let event = LocalResource::new({
        let url = url.clone();
        move || load_event(url.clone())
    });
    view! {
        <Suspense fallback=|| view! { <Loading/> }>
            {move || {
                let url = url.clone();
                Suspend::new(async move {
                match event.await {
                    Ok(event) => view! { <EventView event=Arc::new(event) source=url/> }.into_any(),
                    Err(error) => {
                        view! { <LoadErrorView error on_retry=move || event.refetch()/> }.into_any()
                    }
                }
            })
            }}
        </Suspense>
    }
}

/// Shown while the event file is on its way.
#[component]
fn Loading() -> impl IntoView {
    view! {
        <main class="eh-main eh-notice" aria-busy="true">
            <p class="eh-loading" role="status">"Loading the event…"</p>
        </main>
    }
}
