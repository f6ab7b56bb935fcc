//! The event when the network fails: the last copy the page had, with "Offline — showing the
//! event as of …", and the fresh file once the network is back — without a reload.
//!
//! Two places keep a copy. The page keeps one itself on the device (`localStorage`, keyed by the
//! event file's address, with the time it was fetched), which is all an embedded hub has: a host
//! page gets no service worker unless it opts in. The standalone hub's service worker
//! (`sw.js`, written by `cargo xtask build`) answers event files from its cache first and marks
//! such an answer with `X-Eh-Stored` (when it fetched it): the page then asks the network itself
//! (`cache: "reload"`, which the worker passes on), and only when that fails does it say that
//! the copy may be old. While it says so, it asks again when the phone reports `online`, when the
//! tab becomes visible, and every [`RETRY`].

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use event_model::{format, DateWords, Message};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::dom::{self, dom_view, DomView};
use crate::fetch;
use crate::i18n::{LanguageSettings, Words};
use crate::load::LoadError;

/// Prefix of the `localStorage` keys of the device's copies; the event file's address follows.
pub const COPY_PREFIX: &str = "event-hub.copy:";

/// The header the service worker puts on an answer from its cache: when it was fetched, in
/// milliseconds since 1970.
pub const STORED_HEADER: &str = "X-Eh-Stored";

/// How often the page asks again while it shows a copy.
pub const RETRY: Duration = Duration::from_secs(15);

/// Where the text of an event file came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// The network, just now.
    Network,
    /// The service worker's copy fetched at this time (ms); the network has not confirmed it yet.
    Cached(i64),
    /// The device's copy fetched at this time (ms), because the network failed.
    Copy(i64),
}

/// The `localStorage` key of the copy of the event file at `url` (absolute, so two hubs on one
/// host page, or a host page and the standalone hub, never mix their copies).
pub fn copy_key(url: &str) -> String {
    format!("{COPY_PREFIX}{url}")
}

/// A copy as it is stored: the time it was fetched (ms), a line break, the file's text.
pub fn encode_copy(fetched: i64, text: &str) -> String {
    format!("{fetched}\n{text}")
}

/// The time and text of a stored copy; `None` for anything else.
pub fn decode_copy(stored: &str) -> Option<(i64, &str)> {
    let (time, text) = stored.split_once('\n')?;
    Some((time.parse().ok()?, text))
}

/// The notice's text for a copy fetched on `date` at `time` (the reader's clock).
pub fn notice(words: Words, date: &str, time: NaiveTime) -> String {
    let clock = format::clock(NaiveDateTime::new(NaiveDate::MIN, time));
    words.fill(Message::OfflineAsOf, &[&format!("{date}, {clock}")])
}

/// The notice for a copy fetched at `fetched` (ms), in the reader's time and language.
pub fn notice_at(words: Words, fetched: i64) -> String {
    let at = js_sys::Date::new(&JsValue::from_f64(fetched as f64));
    let date =
        NaiveDate::from_ymd_opt(at.get_full_year() as i32, at.get_month() + 1, at.get_date());
    let time = NaiveTime::from_hms_opt(at.get_hours(), at.get_minutes(), 0);
    match (date, time) {
        (Some(date), Some(time)) => notice(words, &words.short_date(date), time),
        _ => words.say(Message::OfflineNoTime).to_owned(),
    }
}

fn now() -> i64 {
    js_sys::Date::now() as i64
}

/// The absolute form of `url`, as the page resolves it.
fn absolute(url: &str) -> String {
    web_sys::window()
        .and_then(|w| w.location().href().ok())
        .and_then(|base| web_sys::Url::new_with_base(url, &base).ok())
        .map(|url| url.href())
        .unwrap_or_else(|| url.to_owned())
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Keeps `text` as the device's copy of `url`. A full or refused storage (private browsing)
/// only means there is no copy next time.
fn keep(url: &str, text: &str) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(&copy_key(&absolute(url)), &encode_copy(now(), text));
    }
}

/// The device's copy of `url`.
fn kept(url: &str) -> Option<(i64, String)> {
    let stored = storage()?.get_item(&copy_key(&absolute(url))).ok()??;
    decode_copy(&stored).map(|(time, text)| (time, text.to_owned()))
}

/// The event file at `url`, from the network, the service worker's cache or the device's copy.
pub async fn fetch_event(url: &str) -> Result<(String, Source), LoadError> {
    let network = |error: fetch::NetworkError| LoadError::Network {
        url: url.to_owned(),
        reason: error.to_string(),
    };
    let answer = match fetch::get(url).await {
        Ok(answer) => answer,
        Err(error) => return copy(url).ok_or_else(|| network(error)),
    };
    if !answer.ok() {
        let error = LoadError::Status {
            url: url.to_owned(),
            status: answer.status(),
        };
        // A gateway's 502/504 while the hub is down is the network failing, too.
        return match answer.status() >= 500 {
            true => copy(url).ok_or(error),
            false => Err(error),
        };
    }
    let stored = answer
        .header(STORED_HEADER)
        .and_then(|time| time.parse::<i64>().ok());
    let text = answer.text().await.map_err(network)?;
    match stored {
        Some(time) => Ok((text, Source::Cached(time))),
        None => {
            keep(url, &text);
            Ok((text, Source::Network))
        }
    }
}

/// The device's copy of `url`, for when the network failed.
fn copy(url: &str) -> Option<(String, Source)> {
    kept(url).map(|(time, text)| (text, Source::Copy(time)))
}

/// The file at `url` from the network itself, past any cache; kept as the device's copy.
async fn fetch_fresh(url: &str) -> Option<String> {
    let init = web_sys::RequestInit::new();
    init.set_cache(web_sys::RequestCache::Reload);
    let promise = web_sys::window()?.fetch_with_str_and_init(url, &init);
    let answer: web_sys::Response = JsFuture::from(promise).await.ok()?.dyn_into().ok()?;
    if !answer.ok() {
        return None;
    }
    let text = JsFuture::from(answer.text().ok()?)
        .await
        .ok()?
        .as_string()?;
    keep(url, &text);
    Some(text)
}

/// What the page shows of the network: `Some(time)` while it shows a copy fetched at `time`.
#[derive(Debug, Clone, Copy)]
pub struct Freshness {
    pub as_of: RwSignal<Option<i64>>,
}

struct Watched {
    url: String,
    freshness: Freshness,
    /// When the shown copy was fetched.
    copy: i64,
    on_fresh: Rc<dyn Fn(String)>,
    checking: bool,
    armed: bool,
}

thread_local! {
    static WATCHED: RefCell<Option<Watched>> = const { RefCell::new(None) };
}

fn with_watched<R>(f: impl FnOnce(&mut Watched) -> R) -> Option<R> {
    WATCHED.with(|watched| watched.borrow_mut().as_mut().map(f))
}

/// After the event at `url` came from `source`: nothing for the network; for a copy, asks the
/// network (now, and again while it fails) and calls `on_fresh` with the fresh text once it
/// answers, showing the notice meanwhile.
pub fn watch(url: &str, source: Source, freshness: Freshness, on_fresh: impl Fn(String) + 'static) {
    let copy = match source {
        Source::Network => return,
        Source::Cached(time) | Source::Copy(time) => time,
    };
    WATCHED.with(|watched| {
        let armed = watched.borrow().as_ref().is_some_and(|w| w.armed);
        *watched.borrow_mut() = Some(Watched {
            url: url.to_owned(),
            freshness,
            copy,
            on_fresh: Rc::new(on_fresh),
            checking: false,
            armed,
        });
    });
    if let Source::Copy(_) = source {
        // The network failed a moment ago: say so at once.
        freshness.as_of.set(Some(copy));
        arm();
    }
    check();
}

/// Asks the network for the watched file, unless a question is on its way.
fn check() {
    let Some(url) =
        with_watched(|w| (!std::mem::replace(&mut w.checking, true)).then(|| w.url.clone()))
            .flatten()
    else {
        return;
    };
    spawn_local(async move {
        let fresh = fetch_fresh(&url).await;
        let Some((freshness, copy, on_fresh)) = with_watched(|w| {
            w.checking = false;
            (w.freshness, w.copy, w.on_fresh.clone())
        }) else {
            return;
        };
        match fresh {
            Some(text) => {
                let _ = freshness.as_of.try_set(None);
                on_fresh(text);
            }
            None => {
                let _ = freshness.as_of.try_set(Some(copy));
                arm();
            }
        }
    });
}

/// Asks again on `online`, on a visible tab and every [`RETRY`] while the notice shows; once.
fn arm() {
    if with_watched(|w| std::mem::replace(&mut w.armed, true)) != Some(false) {
        return;
    }
    let again = || {
        if with_watched(|w| w.freshness.as_of.get_untracked().is_some()) == Some(true) {
            check();
        }
    };
    if let Some(window) = web_sys::window() {
        crate::dom::listen(&window, "online", move |_| again());
        if let Some(document) = window.document() {
            crate::dom::listen(&document, "visibilitychange", move |_| again());
        }
    }
    let _ = set_interval_with_handle(again, RETRY);
}

/// Whether the page is offline: it shows a kept copy of the event, or the phone says so.
pub fn offline_now() -> bool {
    let copy = with_watched(|w| w.freshness.as_of.get_untracked().is_some()) == Some(true);
    copy || web_sys::window().is_some_and(|w| !w.navigator().on_line())
}

/// "Offline — showing the event as of Wed 8 Nov, 14:05" while the page shows a copy; outside
/// the event's view, so it follows a switch of language itself. Built with DOM calls (see
/// `crate::dom`): one element and one effect.
pub fn offline_notice(freshness: Freshness) -> DomView {
    dom_view(move || {
        let notice = dom::new("aside", "eh-offline")?;
        dom::set(&notice, "role", "status");
        let text = dom::add(&notice, "p", "")?;
        let language = use_context::<LanguageSettings>();
        let sheet = use_context::<crate::signups::SignupSheet>();
        let shown = notice.clone();
        Effect::new(move |_| {
            let words = language.map_or_else(Words::current, |l| Words(l.chosen.get()));
            let as_of = freshness.as_of.get();
            let _ = notice.toggle_attribute_with_force("hidden", as_of.is_none());
            dom::set(&notice, "aria-label", words.say(Message::OfflineLabel));
            text.set_text_content(as_of.map(|time| notice_at(words, time)).as_deref());
            // The sheets then say "offline" rather than "unreachable".
            if let (Some(sheet), Some(_)) = (sheet, as_of) {
                crate::signups::live::refresh(sheet);
            }
        });
        Some(shown)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use event_model::Language;

    #[test]
    fn a_copy_is_keyed_by_the_event_files_address() {
        assert_eq!(
            copy_key("https://scs.community/hub/events/scs-hackathon-3.json"),
            "event-hub.copy:https://scs.community/hub/events/scs-hackathon-3.json"
        );
    }

    #[test]
    fn a_copy_keeps_its_time_and_text_exactly() {
        let text = "{\n  \"id\": \"x\"\n}\n";
        let stored = encode_copy(1_700_000_000_123, text);
        assert!(stored.starts_with("1700000000123\n{"));
        assert_eq!(decode_copy(&stored), Some((1_700_000_000_123, text)));
    }

    #[test]
    fn anything_else_in_storage_is_no_copy() {
        assert_eq!(decode_copy(""), None);
        assert_eq!(decode_copy("{\"id\": \"x\"}"), None);
        assert_eq!(decode_copy("yesterday\n{}"), None);
    }

    #[test]
    fn the_notice_says_offline_and_when_in_both_languages() {
        let time = NaiveTime::from_hms_opt(9, 5, 0).expect("a time");
        assert_eq!(
            notice(Words(Language::En), "Wed 8 Nov", time),
            "Offline — showing the event as of Wed 8 Nov, 09:05."
        );
        assert_eq!(
            notice(Words(Language::De), "Mi., 8. Nov.", time),
            "Offline — angezeigt wird der Stand vom Mi., 8. Nov., 09:05."
        );
    }
}
