//! One event: fetched from its file, then shown — or the reasons it cannot be.

use std::sync::Arc;

use leptos::either::Either;
use leptos::html::Div;
use leptos::prelude::*;

use event_model::{read_event, Message};

use crate::components::event_view::EventView;
use crate::components::load_error::LoadErrorView;
use crate::i18n::{LanguageSettings, Words};
use crate::load::{load_event, opened_at, read_loaded, Loading};
use crate::mount_once::mount_when;
use crate::offline::{self, Freshness, Source};
use crate::on_demand::EventFile;
use crate::shell;
use crate::signups::SignupSheet;
use crate::zones::IntlZones;

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
                // The event is read again from its text at each build (below), so only the
                // text is kept.
                load_event(url)
                    .await
                    .map(|loaded| (loaded.file, loaded.left_out, loaded.source))
            }
        }
    });
    // A copy shown while the network fails is replaced by the fresh file once it answers.
    let freshness = Freshness {
        as_of: RwSignal::new(None),
    };
    // The event is mounted once it is there, and again in another language, not switched to
    // (see `mount_once`); the block below shows only the waiting and the failing.
    let page = NodeRef::<Div>::new();
    let language = use_context::<LanguageSettings>();
    // Made here, above the view that a language switch rebuilds, so the sheets' connection and
    // what is on its way survive the switch.
    let sheet = SignupSheet::new();
    provide_context(sheet);
    mount_when(
        page,
        move || {
            let (file, left_out, source) = loading.state.get().and_then(Result::ok)?;
            // A fresher file is another text: built anew, like another language.
            let text = Arc::as_ptr(&file.0) as *const u8 as usize;
            let language = language.map(|l| l.chosen.get()).unwrap_or_default();
            Some(((file, left_out, source), (language, text)))
        },
        move |(file, left_out, source): (EventFile, Option<usize>, Source)| {
            shell::remove();
            // A copy: the network is asked, and a fresher file replaces this one when it answers
            // (a language switch of a copy asks once more, which does no harm).
            offline::watch(&url, source, freshness, {
                let url = url.clone();
                move |text| {
                    let shown = loading.state.with_untracked(|state| match state {
                        Some(Ok((file, _, _))) => *file.0 == *text,
                        _ => false,
                    });
                    if shown {
                        return;
                    }
                    let url = url.clone();
                    leptos::task::spawn_local(async move {
                        if let Ok(loaded) = read_loaded(url, text).await {
                            loading.set(Ok((loaded.file, loaded.left_out, Source::Network)));
                        }
                    });
                }
            });
            // Read anew from the text that was read once already (so it reads again), rather
            // than cloning the first reading: an `Event` clone costs the wasm more than a second
            // parse costs the phone, and a language switch needs a fresh copy to localize.
            let mut event = read_event(&file.0, &IntlZones).ok()?;
            if let Some(page) = opened_at() {
                event.fill_in_page(&page);
            }
            event.localize(Words::current().code());
            sheet.start(&event, Some(&url));
            let event = Arc::new(event);
            provide_context(file);
            Some(view! {
                {left_out.map(|errors| view! { <PartNotice url=url.clone() errors/> })}
                <EventView event source=url.clone()/>
            })
        },
    );
    view! {
        {offline::offline_notice(freshness)}
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
    let words = Words::current();
    let notice = if errors == 1 {
        Message::PartNoticeOne
    } else {
        Message::PartNoticeOther
    };
    view! {
        <aside class="eh-part-notice" role="status" aria-label=words.say(Message::PartMissing)>
            <p>{words.fill(notice, &[&errors.to_string()])}</p>
            <a href=format!("/edit?file={url}")>{words.say(Message::ListOfProblemsForOrganizers)}</a>
        </aside>
    }
}

/// Shown while the event file is on its way — unless the page's loading shell already says so.
#[component]
fn LoadingNotice() -> impl IntoView {
    (!shell::present()).then(|| {
        view! {
            <main class="eh-main eh-notice" aria-busy="true">
                <p class="eh-loading" role="status">{Words::current().say(Message::LoadingTheEvent)}</p>
            </main>
        }
    })
}
