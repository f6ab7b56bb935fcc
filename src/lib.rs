//! The event hub app: one event's agenda, places, topics and contacts, rendered client-side from an
//! event file. The logic lives in `event-model` (native-tested); these are thin components on top.
//!
//! Two ways to mount (see `main.rs`): standalone with routes (`/`, `/events/{id}`), or embedded in a
//! host page showing the one event named by the mount element's `data-event`.

pub mod clock;
pub mod components;
pub mod download;
pub mod load;
pub mod pages;
pub mod time_settings;
pub mod zones;

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::clock::Clock;
use crate::pages::editor::Editor;
use crate::pages::event_list::EventList;
use crate::pages::event_page::{EventPage, EventRoute};
use crate::pages::not_found::NotFound;
use crate::time_settings::TimeSettings;

/// Where the standalone hub finds its list of events.
pub const INDEX_URL: &str = "/events/index.json";

/// How the hub was mounted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mount {
    /// The hub owns the page: routes for the event list and each event.
    Standalone,
    /// Inside a host page: one event, no routing (the host owns the address bar).
    Embedded { event_url: String },
}

/// The whole app.
#[component]
pub fn App(
    /// Standalone or embedded, from the mount element.
    mount: Mount,
) -> impl IntoView {
    provide_context(TimeSettings::new());
    provide_context(Clock::start());
    match mount {
        Mount::Embedded { event_url } => view! { <EventPage url=event_url/> }.into_any(),
        Mount::Standalone => view! {
            <Router>
                <Routes fallback=|| view! { <NotFound/> }>
                    <Route path=path!("/") view=EventList/>
                    <Route path=path!("/events/:id") view=EventRoute/>
                    <Route path=path!("/edit") view=Editor/>
                </Routes>
            </Router>
        }
        .into_any(),
    }
}
