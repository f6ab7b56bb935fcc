//! The event hub app: one event's agenda, places, topics and contacts, rendered client-side from an
//! event file. The logic lives in `event-model` (native-tested); these are thin components on top.
//!
//! Two bundles are built from this library. The attendee's (`src/main.rs`) mounts [`App`]: standalone
//! on the hub's own addresses (`/`, `/events/{id}`), or embedded in a host page showing the one event
//! named by the mount element's `data-event`. The organizers' (`src/bin/edit.rs`) mounts the
//! preview editor at `/edit` and carries the full checker and the calendar writer, which the
//! attendee's page loads on demand through [`on_demand`]. What only organizers use lives in
//! [`organizer`], so the attendee bundle never links it.

pub mod clock;
pub mod components;
pub mod dom;
pub mod download;
pub mod fetch;
pub mod i18n;
pub mod in_page_links;
pub mod js_math;
pub mod load;
pub mod mount_once;
pub mod offline;
pub mod on_demand;
pub mod organizer;
pub mod pages;
pub mod route;
pub mod shell;
pub mod signups;
pub mod time_settings;
pub mod zones;

use leptos::either::EitherOf3;
use leptos::prelude::*;

use crate::clock::Clock;
use crate::i18n::LanguageSettings;
use crate::pages::event_list::EventList;
use crate::pages::event_page::EventPage;
use crate::pages::not_found::NotFound;
use crate::route::Route;
use crate::time_settings::TimeSettings;

/// Where the standalone hub finds its list of events.
pub const INDEX_URL: &str = "/events/index.json";

/// How the hub was mounted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mount {
    /// The hub owns the page: the address says what to show.
    Standalone { route: Route },
    /// Inside a host page: one event, no routing (the host owns the address bar).
    Embedded { event_url: String },
}

/// Provided when the hub is embedded in a host page: the host owns the page's one `<main>`, so
/// the event is a labelled region of it instead.
#[derive(Debug, Clone, Copy)]
pub struct Embedded;

/// The attendee's app.
#[component]
pub fn App(
    /// Standalone or embedded, from the mount element and the address.
    mount: Mount,
    /// The element the hub renders into: its `data-lang` names the host page's language, and
    /// it carries the `lang` of the hub's.
    #[prop(optional)]
    root: Option<web_sys::Element>,
) -> impl IntoView {
    let owns_page = matches!(mount, Mount::Standalone { .. });
    if !owns_page {
        provide_context(Embedded);
        if let Some(root) = &root {
            in_page_links::keep_inside(root);
        }
    }
    provide_context(LanguageSettings::new(root, owns_page));
    provide_context(TimeSettings::new());
    provide_context(Clock::start());
    let event_url = match mount {
        Mount::Embedded { event_url } => Ok(event_url),
        Mount::Standalone {
            route: Route::Event { id },
        } => Ok(format!("/events/{id}.json")),
        Mount::Standalone { route } => Err(route),
    };
    match event_url {
        Ok(url) => EitherOf3::A(view! { <EventPage url/> }),
        Err(Route::Home) => EitherOf3::B(view! { <EventList/> }),
        Err(_) => EitherOf3::C(view! { <NotFound/> }),
    }
}
