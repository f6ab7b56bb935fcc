//! The time-zone bar above the agenda: which zone the times are in, a one-tap switch between the
//! event's time and the device's, and a picker for any other zone (searchable by city or name).

use chrono::{DateTime, Utc};
use event_model::agenda::zoned;
use event_model::time::utc_label;
use event_model::{DateWords, Message, ZoneRules};
use leptos::prelude::*;

use crate::i18n::Words;
use crate::time_settings::{TimeSettings, ZoneChoice};
use crate::zones::{all_zones, IntlZones};

/// "CET (UTC+1)" for `zone` at `at`.
pub fn zone_label(words: Words, zone: &str, at: DateTime<Utc>) -> String {
    match zoned(&IntlZones, zone, at) {
        Some(time) if time.label.starts_with("UTC") => time.label,
        Some(time) => format!(
            "{} ({})",
            words.zone_abbreviation(&time.label),
            utc_label(time.offset)
        ),
        None => zone.to_owned(),
    }
}

/// "Berlin" for `Europe/Berlin`, "New York" for `America/New_York`.
pub fn city(zone: &str) -> String {
    zone.rsplit('/').next().unwrap_or(zone).replace('_', " ")
}

/// Whether two zones show different clocks at `at`.
pub fn clocks_differ(a: &str, b: &str, at: DateTime<Utc>) -> bool {
    IntlZones.offset_at(a, at) != IntlZones.offset_at(b, at)
}

/// The zones the picker offers: the event's and the device's first (the two people want most),
/// then every other zone once, in the browser's order.
pub fn picker_zones(all: Vec<String>, event_zone: &str, device: &str) -> Vec<String> {
    let mut zones = vec![event_zone.to_owned()];
    if device != event_zone {
        zones.push(device.to_owned());
    }
    zones.extend(all.into_iter().filter(|z| z != event_zone && z != device));
    zones
}

/// The zone whose city is `typed` ("tokyo", "New York"), for people who type a city and press
/// Enter instead of picking a suggestion.
pub fn zone_of_city(typed: &str, zones: &[String]) -> Option<String> {
    let typed = typed.trim().replace('_', " ");
    zones
        .iter()
        .find(|zone| city(zone).eq_ignore_ascii_case(&typed) || zone.eq_ignore_ascii_case(&typed))
        .cloned()
}

/// The zone bar for an event in `event_zone`; `at` (the event's start) picks the offsets shown.
#[component]
pub fn ZoneBar(event_zone: String, at: DateTime<Utc>) -> impl IntoView {
    let settings = expect_context::<TimeSettings>();
    let words = Words::current();
    let device = settings.device.get_value();
    // Chips name the zone briefly ("CET"); the status line above spells out the offsets.
    let short = |zone: &str| {
        zoned(&IntlZones, zone, at)
            .map(|z| words.zone_abbreviation(&z.label))
            .unwrap_or_else(|| city(zone))
    };
    let event_label = short(&event_zone);
    let device_label = short(&device);
    let device_differs = clocks_differ(&event_zone, &device, at);
    let status = {
        let (event_zone, device) = (event_zone.clone(), device.clone());
        move || {
            let shown = settings.shown(&event_zone);
            let label = zone_label(words, &shown, at);
            let place = if shown == event_zone {
                words.fill(Message::EventTimeOf, &[&city(&shown)])
            } else if shown == device {
                words.fill(Message::YourTimeOf, &[&city(&shown)])
            } else {
                city(&shown)
            };
            let note = if clocks_differ(&shown, &device, at) {
                words.fill(
                    Message::DeviceIsOn,
                    &[&city(&device), &zone_label(words, &device, at)],
                )
            } else {
                String::new()
            };
            words.fill(Message::TimesAreIn, &[&place, &label]) + &note
        }
    };
    let off_device = {
        let (event_zone, device) = (event_zone.clone(), device.clone());
        move || clocks_differ(&settings.shown(&event_zone), &device, at)
    };
    let is = move |wanted: ZoneChoice| move || settings.choice.with(|c| *c == wanted).to_string();
    let (problem, set_problem) = signal(String::new());
    let input = NodeRef::<leptos::html::Input>::new();
    // Asked of the browser once: the suggestions and a typed city both use it.
    let zones = StoredValue::new(picker_zones(all_zones(), &event_zone, &device));
    let pick = move |value: String| {
        let value = value.trim().to_owned();
        if value.is_empty() {
            return;
        }
        let typed_city = || zones.with_value(|zones| zone_of_city(&value, zones));
        let zone = if IntlZones.is_known(&value) {
            Some(value.clone())
        } else {
            typed_city()
        };
        if let Some(zone) = zone {
            set_problem.set(String::new());
            settings.choice.set(ZoneChoice::Named(zone));
        } else {
            set_problem.set(words.fill(Message::NotAZone, &[&value]));
        }
    };
    let options = zones
        .get_value()
        .into_iter()
        .map(|zone| {
            // The label makes "new york" find America/New_York in the browser's suggestions.
            let label = city(&zone);
            view! { <option value=zone label=label></option> }
        })
        .collect_view();
    view! {
        <div class="eh-zonebar" role="region" aria-label=words.say(Message::TimeZone)>
            <p class="eh-zonebar__status" class:eh-zonebar__status--warn=off_device.clone() aria-live="polite">
                {status}
                <Show when=off_device.clone()>
                    " "
                    <button type="button" class="eh-linkbutton" on:click=move |_| settings.choice.set(ZoneChoice::Device)>
                        {words.say(Message::ShowMyTime)}
                    </button>
                </Show>
            </p>
            <div class="eh-zonebar__choices" role="group" aria-label=words.say(Message::ShowTimesIn)>
                <button type="button" class="eh-chip" aria-pressed=is(ZoneChoice::Event) on:click=move |_| settings.choice.set(ZoneChoice::Event)>
                    {words.say(Message::EventTime)} " " <span class="eh-chip__detail">{event_label}</span>
                </button>
                <Show when=move || device_differs>
                    <button type="button" class="eh-chip" aria-pressed=is(ZoneChoice::Device) on:click=move |_| settings.choice.set(ZoneChoice::Device)>
                        {words.say(Message::MyTime)} " " <span class="eh-chip__detail">{device_label.clone()}</span>
                    </button>
                </Show>
                <details class="eh-zonebar__more">
                    <summary class="eh-chip">{words.say(Message::OtherZone)}</summary>
                    // A form, so Enter (or "Go" on a phone keyboard) picks what was typed.
                    <form class="eh-zonebar__form" on:submit=move |ev| {
                        ev.prevent_default();
                        if let Some(input) = input.get() {
                            pick(input.value());
                        }
                    }>
                        <label class="eh-field" for="eh-zone-input">
                            {words.say(Message::ZoneCityOrName)}
                            <input
                                id="eh-zone-input"
                                class="eh-input"
                                list="eh-zone-list"
                                autocomplete="off"
                                placeholder=words.say(Message::ZoneExample)
                                node_ref=input
                                // Choosing a suggestion fills in an exact zone name: take it at once.
                                on:input=move |ev| {
                                    let value = event_target_value(&ev);
                                    if IntlZones.is_known(value.trim()) {
                                        pick(value);
                                    }
                                }
                            />
                        </label>
                        <button type="submit" class="eh-button">{words.say(Message::Show)}</button>
                    </form>
                    <datalist id="eh-zone-list">{options}</datalist>
                    <p class="eh-field__error" aria-live="polite">{problem}</p>
                </details>
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typed_city_finds_its_zone() {
        let all = || {
            ["America/New_York", "Asia/Tokyo", "UTC"]
                .map(String::from)
                .to_vec()
        };
        assert_eq!(
            zone_of_city("new york", &all()).as_deref(),
            Some("America/New_York")
        );
        assert_eq!(
            zone_of_city(" Tokyo ", &all()).as_deref(),
            Some("Asia/Tokyo")
        );
        assert_eq!(
            zone_of_city("asia/tokyo", &all()).as_deref(),
            Some("Asia/Tokyo")
        );
        assert_eq!(zone_of_city("Atlantis", &all()), None);
    }

    #[test]
    fn the_picker_offers_event_and_device_zones_first_and_each_zone_once() {
        let all = ["Africa/Abidjan", "America/New_York", "Europe/Berlin", "UTC"].map(String::from);
        assert_eq!(
            picker_zones(all.to_vec(), "Europe/Berlin", "America/New_York"),
            ["Europe/Berlin", "America/New_York", "Africa/Abidjan", "UTC"]
        );
        assert_eq!(
            picker_zones(all.to_vec(), "Europe/Berlin", "Europe/Berlin"),
            ["Europe/Berlin", "Africa/Abidjan", "America/New_York", "UTC"]
        );
    }
}
