//! The sheets stay current without a reload: the hub's server-sent events say *that* something
//! changed (with the list's new ETag), and the page then fetches the list. When the stream is
//! not open (a proxy that drops it, an old browser) the page polls instead, and it looks again
//! whenever its tab becomes visible. One fetch at a time: notices that arrive meanwhile are
//! folded into one more fetch after it.

use std::cell::RefCell;
use std::time::Duration;

use event_model::signup::TopicSignups;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::{Link, SignupSheet};
use crate::fetch;

/// How often the page polls while the stream is not open.
const POLL: Duration = Duration::from_secs(10);

/// The connection of the page's one event.
struct Live {
    list_url: String,
    /// The ETag of the list shown.
    etag: Option<String>,
    /// Whether the API ever answered since the page opened.
    answered: bool,
    fetching: bool,
    again: bool,
    stream: Option<web_sys::EventSource>,
    stream_open: bool,
    poll: Option<IntervalHandle>,
    /// Kept for as long as they are registered, with what they listen to.
    listeners: Vec<Listener>,
}

type Listener = (
    web_sys::EventTarget,
    &'static str,
    Closure<dyn FnMut(web_sys::Event)>,
);

thread_local! {
    static LIVE: RefCell<Option<Live>> = const { RefCell::new(None) };
}

fn with_live<R>(f: impl FnOnce(&mut Live) -> R) -> Option<R> {
    LIVE.with(|live| live.borrow_mut().as_mut().map(f))
}

/// `"abc"`, `W/"abc"` and `abc` are the same tag.
fn bare(tag: &str) -> &str {
    tag.trim().trim_start_matches("W/").trim_matches('"')
}

/// Connects `sheet` to the list at `list_url` (and its `/stream`), replacing any connection.
pub fn start(sheet: SignupSheet, list_url: String) {
    stop();
    let stream = web_sys::EventSource::new(&format!("{list_url}/stream")).ok();
    let mut listeners = Vec::new();
    let mut listen =
        |target: &web_sys::EventTarget, name: &'static str, f: Box<dyn FnMut(web_sys::Event)>| {
            let closure = Closure::wrap(f);
            if target
                .add_event_listener_with_callback(name, closure.as_ref().unchecked_ref())
                .is_ok()
            {
                listeners.push((target.clone(), name, closure));
            }
        };
    if let Some(stream) = &stream {
        let notice = |sheet: SignupSheet| {
            Box::new(move |event: web_sys::Event| {
                let tag = event
                    .dyn_ref::<web_sys::MessageEvent>()
                    .and_then(|message| message.data().as_string());
                let known = with_live(|live| live.etag.clone()).flatten();
                if tag.is_none() || tag.as_deref().map(bare) != known.as_deref().map(bare) {
                    refresh(sheet);
                }
            }) as Box<dyn FnMut(web_sys::Event)>
        };
        listen(stream, "hello", notice(sheet));
        listen(stream, "change", notice(sheet));
        listen(
            stream,
            "open",
            Box::new(|_| {
                with_live(|live| live.stream_open = true);
            }),
        );
        listen(
            stream,
            "error",
            Box::new(move |_| {
                // The browser reconnects by itself; meanwhile the poll and this look say
                // whether the hub is still there.
                with_live(|live| live.stream_open = false);
                refresh(sheet);
            }),
        );
    }
    let window = web_sys::window();
    // The phone says when it loses or regains its connection; a look then tells the sheets at
    // once, where an open stream might take minutes to notice.
    if let Some(window) = &window {
        for name in ["online", "offline"] {
            listen(window, name, Box::new(move |_| refresh(sheet)));
        }
    }
    let document = window.as_ref().and_then(|w| w.document());
    if let Some(document) = &document {
        listen(
            document,
            "visibilitychange",
            Box::new(move |_| {
                if visible() {
                    refresh(sheet);
                }
            }),
        );
    }
    let poll = set_interval_with_handle(
        move || {
            let open = with_live(|live| live.stream_open).unwrap_or(false);
            if !open && visible() {
                refresh(sheet);
            }
        },
        POLL,
    )
    .ok();
    LIVE.with(|live| {
        *live.borrow_mut() = Some(Live {
            list_url,
            etag: None,
            answered: false,
            fetching: false,
            again: false,
            stream,
            stream_open: false,
            poll,
            listeners,
        });
    });
    refresh(sheet);
}

/// Closes the connection (the page is going).
pub fn stop() {
    let Some(live) = LIVE.with(|live| live.borrow_mut().take()) else {
        return;
    };
    if let Some(stream) = &live.stream {
        stream.close();
    }
    if let Some(poll) = live.poll {
        poll.clear();
    }
    for (target, name, listener) in &live.listeners {
        let _ = target.remove_event_listener_with_callback(name, listener.as_ref().unchecked_ref());
    }
}

fn visible() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .is_none_or(|d| d.visibility_state() == web_sys::VisibilityState::Visible)
}

/// Fetches the list now, or once more after the fetch on its way.
pub fn refresh(sheet: SignupSheet) {
    let Some(Some((url, known))) = with_live(|live| {
        if live.fetching {
            live.again = true;
            return None;
        }
        live.fetching = true;
        Some((live.list_url.clone(), live.etag.clone()))
    }) else {
        return;
    };
    spawn_local(async move {
        let answer = fetch_list(&url, known.as_deref()).await;
        let answered = answer.is_ok();
        if let Ok(Some((etag, list))) = answer {
            sheet.set_list(list);
            with_live(|live| live.etag = etag);
        }
        let (again, ever) = with_live(|live| {
            live.fetching = false;
            live.answered |= answered;
            (std::mem::take(&mut live.again), live.answered)
        })
        .unwrap_or_default();
        let link = match (answered, ever) {
            (true, _) => Link::Live,
            (false, true) => Link::Offline,
            // Never reached, and the page itself is offline (it shows a kept copy of the event,
            // or the phone says so): joining waits for the connection, not for another hub.
            (false, false) if crate::offline::offline_now() => Link::Offline,
            (false, false) => Link::Unreachable,
        };
        sheet.set_link(link);
        if again {
            refresh(sheet);
        }
    });
}

/// Each topic's sheet, by topic id.
type List = Vec<(String, TopicSignups)>;

/// The list at `url` with its ETag, `None` when it is still the one tagged `known`; `Err` when
/// no sign-up API answered (offline, or a static host without one).
async fn fetch_list(url: &str, known: Option<&str>) -> Result<Option<(Option<String>, List)>, ()> {
    let answer = fetch::get(url).await.map_err(drop)?;
    if !answer.ok() {
        return Err(());
    }
    let etag = answer.header("ETag");
    if etag.is_some() && etag.as_deref().map(bare) == known.map(bare) {
        return Ok(None);
    }
    let text = answer.text().await.map_err(drop)?;
    let list = super::wire::list(&text).ok_or(())?;
    Ok(Some((etag, list)))
}
