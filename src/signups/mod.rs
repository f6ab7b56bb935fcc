//! The topic sign-up sheets: shared through the hub's sign-up API when the event file names one
//! (`signups.api`), live on every open page; device-only "interested" marks when it does not, or
//! when the API cannot be reached.
//!
//! [`SignupSheet`] is the state the topic cards and "My topics" read; it is made once per event
//! page, so a switch of language (which builds the page anew) keeps the connection and what is
//! on its way. The words for each state are plain functions in [`seats`]; the device's memory is
//! [`device`]; the connection (server-sent events, polling, tab visibility) is [`live`].

pub mod device;
pub mod live;
pub mod seats;
pub mod wire;

use event_model::signup::{display_name, TopicSignups};
use event_model::Event;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::fetch;
use device::{DeviceSheet, Me, MySignup};
use seats::Trouble;

/// How the sheets are shared right now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Link {
    /// The event has no sign-up API: marks stay on the device.
    Local,
    /// Asking the API for the first time.
    Connecting,
    /// The API answered; changes arrive live.
    Live,
    /// The API answered before, but not now: the last list is shown.
    Offline,
    /// The API never answered (a static deployment, or no connection since the page opened):
    /// marks stay on the device.
    Unreachable,
}

impl Link {
    /// Whether the buttons keep device-only marks rather than shared sign-ups.
    pub fn is_local(self) -> bool {
        matches!(self, Link::Local | Link::Unreachable)
    }
}

/// Everything the sheets show, in one signal: one signal type costs the attendee's wasm its
/// reading and writing code once, where a signal per part cost it once per part (measured KB).
#[derive(Debug, Clone, Default)]
pub struct SheetState {
    /// The event's id and its API address (`…/api`), once [`SignupSheet::start`] ran.
    target: Option<(String, Option<String>)>,
    pub link: Option<Link>,
    /// Each topic's sheet as last seen, by topic id.
    pub list: Vec<(String, TopicSignups)>,
    pub device: DeviceSheet,
    pub me: Option<Me>,
    /// Topics with a join or leave on its way.
    busy: Vec<String>,
    /// What went wrong with the last tap on a topic, until the next.
    trouble: Vec<(String, Trouble)>,
}

impl SheetState {
    /// How the sheets are shared now.
    pub fn link(&self) -> Link {
        self.link.unwrap_or(Link::Connecting)
    }

    /// The sheet of `topic` as last seen.
    pub fn topic(&self, topic: &str) -> TopicSignups {
        self.list
            .iter()
            .find(|(id, _)| id == topic)
            .map(|(_, sheet)| sheet.clone())
            .unwrap_or_default()
    }

    /// Whether this device is on `topic` (shared) or marked it (device-only).
    pub fn is_mine(&self, topic: &str) -> bool {
        if self.link().is_local() {
            self.device.interested.iter().any(|marked| marked == topic)
        } else {
            self.device.signup(topic).is_some()
        }
    }

    /// Whether a join or leave of `topic` is on its way.
    pub fn is_busy(&self, topic: &str) -> bool {
        self.busy.iter().any(|t| t == topic)
    }

    /// What went wrong with the last tap on `topic`.
    pub fn trouble_of(&self, topic: &str) -> Option<Trouble> {
        self.trouble
            .iter()
            .find(|(t, _)| t == topic)
            .map(|(_, trouble)| trouble.clone())
    }
}

/// The sheets of the event on this page, provided by the event page and read with `use_context`
/// (absent in the preview editor and in component tests, which show no sheets).
#[derive(Debug, Clone, Copy)]
pub struct SignupSheet(RwSignal<SheetState>);

impl SignupSheet {
    /// Empty sheets; the connection closes when the page's owner goes.
    pub fn new() -> SignupSheet {
        on_cleanup(live::stop);
        SignupSheet(RwSignal::new(SheetState {
            me: Me::load(),
            ..SheetState::default()
        }))
    }

    /// Starts the sheets of `event`, whose file was loaded from `source` (a relative API
    /// address is on the file's host, so an embedded page talks to the hub, not to its host).
    /// Again for the same event does nothing.
    pub fn start(self, event: &Event, source: Option<&str>) {
        let started = self
            .with_untracked(|state| state.target.as_ref().is_some_and(|(id, _)| *id == event.id));
        if started {
            return;
        }
        let api = event
            .signups
            .api
            .as_deref()
            .and_then(|api| absolute(api, source));
        self.0.update(|state| {
            state.device = DeviceSheet::load(&event.id);
            state.link = Some(if api.is_some() {
                Link::Connecting
            } else {
                Link::Local
            });
            state.target = Some((event.id.clone(), api.clone()));
        });
        if let Some(api) = api {
            live::start(self, format!("{api}/events/{}/signups", event.id));
        }
    }

    /// Through the signal's guards, not its `with`/`update`: those are generic over the closure,
    /// and each reader would cost the wasm its own copy.
    fn with_untracked<R>(self, f: impl FnOnce(&SheetState) -> R) -> R {
        f(&self.0.read_untracked())
    }

    fn update(self, f: impl FnOnce(&mut SheetState)) {
        f(&mut self.0.write());
    }

    /// A copy of the state, tracked: what the sheets' effects read.
    pub fn state(self) -> SheetState {
        self.0.get()
    }

    /// A copy of the state, not tracked: what a tap reads.
    pub fn state_untracked(self) -> SheetState {
        self.0.get_untracked()
    }

    pub(crate) fn set_link(self, link: Link) {
        if self.with_untracked(|state| state.link) != Some(link) {
            self.update(|state| state.link = Some(link));
        }
    }

    pub(crate) fn set_list(self, list: Vec<(String, TopicSignups)>) {
        self.update(|state| state.list = list);
    }

    /// The event id and the API address, when shared.
    fn api(self) -> Option<(String, String)> {
        self.0
            .with_untracked(|state| state.target.clone())
            .and_then(|(id, api)| Some((id, api?)))
    }

    /// The name this device signs up with, not tracked.
    pub fn me(self) -> Option<Me> {
        self.with_untracked(|state| state.me.clone())
    }

    fn keep_device(self, change: impl FnOnce(&mut DeviceSheet)) {
        self.update(|state| {
            change(&mut state.device);
            if let Some((event, _)) = &state.target {
                state.device.save(event);
            }
        });
    }

    fn begin(self, topic: &str) {
        self.update(|state| state.busy.push(topic.to_owned()));
    }

    fn settle(self, topic: &str, trouble: Option<Trouble>) {
        self.update(|state| {
            state.busy.retain(|t| t != topic);
            state.trouble.retain(|(t, _)| t != topic);
            state
                .trouble
                .extend(trouble.map(|trouble| (topic.to_owned(), trouble)));
        });
    }

    /// Explains in place why a tap on `topic` did nothing.
    pub fn refuse(self, topic: &str, trouble: Trouble) {
        self.settle(topic, Some(trouble));
    }

    /// Marks or unmarks `topic` on this device only.
    pub fn toggle_interest(self, topic: &str) {
        self.keep_device(|device| {
            let before = device.interested.len();
            device.interested.retain(|marked| marked != topic);
            if device.interested.len() == before {
                device.interested.push(topic.to_owned());
            }
        });
    }

    /// Puts `name` on `topic`'s sheet. Shown as joined only once the hub answered 201.
    pub fn join(self, topic: String, name: String, hidden: bool) {
        let Some((event, api)) = self.api() else {
            return;
        };
        let name = match display_name(&name) {
            Ok(name) => name.to_owned(),
            Err(problem) => return self.settle(&topic, Some(Trouble::Name(problem))),
        };
        self.begin(&topic);
        spawn_local(async move {
            let url = format!("{api}/events/{event}/topics/{topic}/signups");
            let body = wire::join_body(&name, hidden);
            let trouble = match fetch::send("POST", &url, &[], Some(&body)).await {
                Err(_) => Some(Trouble::Offline),
                Ok(answer) if answer.status() == 201 => {
                    match answer.text().await.ok().and_then(|t| wire::joined(&t)) {
                        Some(joined) => {
                            let me = Me { name, hidden };
                            Me::save(Some(&me));
                            self.update(|state| state.me = Some(me));
                            self.keep_device(|device| {
                                device.mine.push(MySignup {
                                    topic: topic.clone(),
                                    id: joined.id,
                                    token: joined.token,
                                });
                            });
                            live::refresh(self);
                            None
                        }
                        None => Some(Trouble::Failed("HTTP 201".to_owned())),
                    }
                }
                Ok(answer) => Some(refused(answer, &name).await),
            };
            self.settle(&topic, trouble);
        });
    }

    /// Takes this device's sign-up off `topic`.
    pub fn leave(self, topic: String) {
        let mine = self.with_untracked(|state| state.device.signup(&topic).cloned());
        let (Some((_, api)), Some(mine)) = (self.api(), mine) else {
            return;
        };
        self.begin(&topic);
        spawn_local(async move {
            let url = format!("{api}/signups/{}", mine.id);
            let bearer = format!("Bearer {}", mine.token);
            let answer = fetch::send("DELETE", &url, &[("Authorization", &bearer)], None).await;
            let trouble = match answer {
                Err(_) => Some(Trouble::Offline),
                // Gone already (removed by an organizer), or not this device's any more: either
                // way it is not this device's to leave.
                Ok(answer) if matches!(answer.status(), 204 | 403 | 404) => {
                    self.keep_device(|device| device.mine.retain(|s| s.topic != topic));
                    live::refresh(self);
                    None
                }
                Ok(answer) => Some(refused(answer, "").await),
            };
            self.settle(&topic, trouble);
        });
    }

    /// Forgets the name this device signs up with; the next join asks again.
    pub fn forget_name(self) {
        Me::save(None);
        self.update(|state| state.me = None);
    }
}

impl Default for SignupSheet {
    fn default() -> Self {
        SignupSheet::new()
    }
}

/// What a refusal means, read from its status, its `code` and `Retry-After`.
async fn refused(answer: fetch::Response, name: &str) -> Trouble {
    let status = answer.status();
    let retry_after = answer
        .header("Retry-After")
        .and_then(|seconds| seconds.trim().parse().ok());
    let code = answer
        .text()
        .await
        .ok()
        .and_then(|text| wire::refusal(&text));
    Trouble::of_answer(status, code, retry_after, name)
}

/// `api` as an absolute address without a trailing slash, relative to the event file's address
/// `source` (itself relative to the page).
fn absolute(api: &str, source: Option<&str>) -> Option<String> {
    let page = web_sys::window()?.location().href().ok()?;
    let file = web_sys::Url::new_with_base(source.unwrap_or(&page), &page).ok()?;
    let api = web_sys::Url::new_with_base(api, &file.href()).ok()?;
    Some(api.href().trim_end_matches('/').to_owned())
}
