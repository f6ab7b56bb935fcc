//! A topic's sign-up sheet on its card: how full it is, who is on it, and one button to join or
//! leave — or, without a shared sheet, to mark the topic on this device. The first join asks for
//! a name; the device remembers it, so every later join or leave is one tap. Above the topics,
//! "My topics" gathers the device's own.
//!
//! Built with a few DOM calls ([`crate::dom`]) and kept current by one effect each, not with
//! `view!`: the sheets are small and change in a few places, and the same parts written as Leptos
//! views cost the attendee's first load 1.6 KB gzip more (measured) in generic building code.
//! What the sheet says comes from plain functions ([`seats`], [`sheet_class`]), tested natively.
//!
//! [`seats`]: crate::signups::seats

use event_model::signup::NAME_MAX_CHARS;
use event_model::Message;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement};

use crate::dom::{add, add_text, listen};
use crate::i18n::Words;
use crate::signups::seats::{count_line, hidden_line, Seats, Trouble};
use crate::signups::{Link, SheetState, SignupSheet};

/// The button's labels, one shown at a time by the sheet's class.
const LABELS: [(&str, Message); 5] = [
    ("eh-sheet__join", Message::Join),
    ("eh-sheet__leave", Message::Leave),
    ("eh-sheet__joining", Message::Joining),
    ("eh-sheet__leaving", Message::Leaving),
    ("eh-sheet__interested", Message::Interested),
];

/// Builds the sheet of `topic` (titled `title`, taking at most `capacity`) into `parent`.
pub fn topic_sheet(
    parent: &Element,
    sheet: SignupSheet,
    topic: String,
    title: &str,
    capacity: Option<u32>,
) -> Option<()> {
    let words = Words::current();
    let root = add(parent, "div", "eh-sheet")?;
    let count = add(&root, "p", "eh-sheet__count")?;
    let count_text = add(&count, "span", "")?;
    add_text(
        &count,
        "span",
        "eh-sheet__mine",
        words.say(Message::YouAreIn),
    )?;
    let names = add(&root, "p", "eh-sheet__names")?;
    let button = add(&root, "button", "eh-button eh-sheet__button")?;
    button.set_attribute("type", "button").ok()?;
    for (class, message) in LABELS {
        add_text(&button, "span", class, words.say(message))?;
    }
    add_text(&button, "span", "eh-visually-hidden", &format!(": {title}"))?;

    let form = add(&root, "form", "eh-sheet__form")?;
    let input_id = format!("eh-name-{topic}");
    add_text(
        &form,
        "label",
        "eh-sheet__label",
        words.say(Message::YourName),
    )?
    .set_attribute("for", &input_id)
    .ok()?;
    let input: HtmlInputElement = add(&form, "input", "eh-sheet__input")?.dyn_into().ok()?;
    for (name, value) in [
        ("id", input_id.as_str()),
        ("type", "text"),
        ("maxlength", &NAME_MAX_CHARS.to_string()),
        ("autocomplete", "nickname"),
    ] {
        input.set_attribute(name, value).ok()?;
    }
    let check = add(&form, "label", "eh-sheet__check")?;
    let hide: HtmlInputElement = add(&check, "input", "")?.dyn_into().ok()?;
    hide.set_type("checkbox");
    check
        .append_with_str_1(words.say(Message::HideMyName))
        .ok()?;
    add_text(&form, "p", "eh-sheet__hint", words.say(Message::NameOnce))?;
    let actions = add(&form, "div", "eh-sheet__actions")?;
    add_text(
        &actions,
        "button",
        "eh-button eh-button--primary",
        words.say(Message::Join),
    )?
    .set_attribute("type", "submit")
    .ok()?;
    let cancel = add_text(&actions, "button", "eh-button", words.say(Message::Cancel))?;
    cancel.set_attribute("type", "button").ok()?;
    let trouble = add(&root, "p", "eh-sheet__trouble")?;
    trouble.set_attribute("role", "status").ok()?;

    let asking = RwSignal::new(false);
    let topic = StoredValue::new(topic);
    {
        let input = input.clone();
        listen(&button, "click", move |_| {
            let state = sheet.state_untracked();
            topic.with_value(|t| match tap(&state, t, capacity) {
                Tap::Wait => {}
                Tap::Mark => sheet.toggle_interest(t),
                Tap::Leave => {
                    asking.set(false);
                    sheet.leave(t.clone());
                }
                Tap::Full => sheet.refuse(t, Trouble::Full),
                Tap::Join(me) => sheet.join(t.clone(), me.name, me.hidden),
                Tap::Ask => {
                    asking.set(true);
                    let _ = input.focus();
                }
            });
        });
    }
    {
        let (input, hide) = (input.clone(), hide.clone());
        listen(&form, "submit", move |event| {
            event.prevent_default();
            topic.with_value(|t| sheet.join(t.clone(), input.value(), hide.checked()));
        });
    }
    listen(&cancel, "click", move |_| asking.set(false));

    Effect::new(move |_| {
        let state = sheet.state();
        topic.with_value(|t| {
            let sheet_of = state.topic(t);
            let local = state.link().is_local();
            let mine = state.is_mine(t);
            let problem = state.trouble_of(t);
            // A name the sheet refused comes back into the form, to be changed rather than
            // typed again.
            if let Some(Trouble::AlreadyThere(_) | Trouble::Name(_)) = &problem {
                if let Some(Trouble::AlreadyThere(name)) = &problem {
                    input.set_value(name);
                }
                asking.set(true);
            }
            let full = Seats::of(capacity, sheet_of.count) == Seats::Full;
            let class = sheet_class(
                local,
                mine,
                state.is_busy(t),
                asking.get() && !mine,
                !local && !mine && full,
            );
            root.set_class_name(&class);
            count_text.set_text_content(Some(&count_line(words, capacity, sheet_of.count)));
            let shown = if local {
                String::new()
            } else {
                names_line(words, &state, t)
            };
            names.set_text_content(Some(&shown));
            let said = problem
                .map(|problem| problem.explain(words))
                .unwrap_or_default();
            trouble.set_text_content(Some(&said));
        });
    });
    Some(())
}

/// What a tap on the sheet's button does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tap {
    /// A join or leave is on its way.
    Wait,
    /// Marks or unmarks the topic on this device.
    Mark,
    Leave,
    /// Explains that the topic is full.
    Full,
    /// Joins with the name this device remembers.
    Join(crate::signups::device::Me),
    /// Asks for a name first.
    Ask,
}

/// What a tap on `topic`'s button does in `state`.
pub fn tap(state: &SheetState, topic: &str, capacity: Option<u32>) -> Tap {
    if state.is_busy(topic) {
        Tap::Wait
    } else if state.link().is_local() {
        Tap::Mark
    } else if state.is_mine(topic) {
        Tap::Leave
    } else if Seats::of(capacity, state.topic(topic).count) == Seats::Full {
        Tap::Full
    } else if let Some(me) = state.me.clone() {
        Tap::Join(me)
    } else {
        Tap::Ask
    }
}

/// Who is on `topic`: the names, the device's own marked "(you)", and how many more are hidden.
pub fn names_line(words: Words, state: &SheetState, topic: &str) -> String {
    let sheet = state.topic(topic);
    // Marked only on this device's own topics: another "Anna" is someone else. The hub keeps a
    // name as it was sent, so the device's own compares equal.
    let me = state
        .is_mine(topic)
        .then(|| state.me.as_ref().map(|me| me.name.as_str()))
        .flatten();
    let mut shown: Vec<String> = sheet
        .names
        .iter()
        .map(|name| match me {
            Some(me) if name == me => words.fill(Message::You, &[name]),
            _ => name.clone(),
        })
        .collect();
    shown.extend(hidden_line(words, sheet.count, sheet.names.len()));
    shown.join(", ")
}

/// The sheet's classes for its state; the stylesheet shows the one label and the parts that fit.
pub fn sheet_class(local: bool, mine: bool, busy: bool, asking: bool, full: bool) -> String {
    modifiers(
        "eh-sheet",
        &[
            (local, "local"),
            (mine, "mine"),
            (busy, "busy"),
            (asking, "asking"),
            (full, "full"),
        ],
    )
}

/// `block` and a `block--name` for each name that is on.
fn modifiers(block: &str, names: &[(bool, &str)]) -> String {
    let mut class = block.to_owned();
    for (on, name) in names {
        if *on {
            class.push_str(&format!(" {block}--{name}"));
        }
    }
    class
}

/// Builds "My topics" into `parent`: whether the sheets are shared, the device's own topics
/// (`topics` are every topic's id and title), the name it signs up with, and a sign-up sheet
/// `elsewhere` while the sheets are device-only.
pub fn my_topics(
    parent: &Element,
    sheet: SignupSheet,
    topics: Vec<(String, String)>,
    elsewhere: Option<&str>,
) -> Option<()> {
    let words = Words::current();
    let root = add(parent, "div", "eh-mine")?;
    let note = add(&root, "p", "eh-sheet-note")?;
    note.set_attribute("role", "status").ok()?;
    if let Some(url) = elsewhere.filter(|url| event_model::safe_url::is_safe_url(url)) {
        let p = add(&root, "p", "eh-mine__elsewhere")?;
        let link = add_text(&p, "a", "eh-button", words.say(Message::SignUpElsewhere))?;
        for (name, value) in [
            ("href", url),
            ("target", "_blank"),
            ("rel", "noopener noreferrer"),
        ] {
            link.set_attribute(name, value).ok()?;
        }
    }
    let mine = add(&root, "div", "eh-mine__box")?;
    add_text(&mine, "h3", "eh-mine__title", words.say(Message::MyTopics))?;
    let list = add(&mine, "ul", "eh-mine__list")?;
    let mut items = Vec::new();
    for (id, title) in topics {
        let item = add(&list, "li", "")?;
        add_text(&item, "a", "", &title)?
            .set_attribute("href", &format!("#eh-topic-{id}"))
            .ok()?;
        items.push((id, item));
    }
    let me = add(&mine, "p", "eh-mine__me")?;
    let me_text = add(&me, "span", "")?;
    let change = add_text(&me, "button", "eh-button", words.say(Message::ChangeName))?;
    change.set_attribute("type", "button").ok()?;
    listen(&change, "click", move |_| sheet.forget_name());

    Effect::new(move |_| {
        let state = sheet.state();
        let link = state.link();
        let mut any = false;
        for (id, item) in &items {
            let on = state.is_mine(id);
            any |= on;
            let _ = item.toggle_attribute_with_force("hidden", !on);
        }
        let named = !link.is_local() && state.me.is_some();
        root.set_class_name(&modifiers(
            "eh-mine",
            &[(link.is_local(), "local"), (any, "some"), (named, "named")],
        ));
        note.set_text_content(Some(note_for(link).map_or("", |m| words.say(m))));
        let line = state.me.as_ref().map(|me| {
            let line = words.fill(Message::SignedUpAs, &[&me.name]);
            match me.hidden {
                true => format!("{line} ({}) ", words.say(Message::NameHidden)),
                false => format!("{line} "),
            }
        });
        me_text.set_text_content(line.as_deref());
    });
    Some(())
}

/// What the note above the topics says while the sheets are `link`.
pub fn note_for(link: Link) -> Option<Message> {
    match link {
        Link::Connecting => None,
        Link::Live => Some(Message::LiveSheets),
        Link::Offline => Some(Message::SheetsOffline),
        Link::Local => Some(Message::MarksStayHere),
        Link::Unreachable => Some(Message::SheetsUnreachable),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_class_names_each_state_once() {
        assert_eq!(sheet_class(false, false, false, false, false), "eh-sheet");
        assert_eq!(
            sheet_class(false, true, true, false, false),
            "eh-sheet eh-sheet--mine eh-sheet--busy"
        );
        assert_eq!(
            sheet_class(true, false, false, true, true),
            "eh-sheet eh-sheet--local eh-sheet--asking eh-sheet--full"
        );
    }

    #[test]
    fn every_state_of_the_sheets_has_a_note_but_connecting() {
        assert_eq!(note_for(Link::Connecting), None);
        for link in [Link::Live, Link::Offline, Link::Local, Link::Unreachable] {
            assert!(note_for(link).is_some(), "{link:?}");
        }
    }
}
