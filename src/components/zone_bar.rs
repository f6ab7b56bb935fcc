//! The time-zone bar above the agenda: which zone the times are in, a one-tap switch between the
//! event's time and the device's, and a picker for any other zone (searchable by city or name).

use chrono::{DateTime, Utc};
use event_model::agenda::zoned;
use event_model::time::utc_label;
use event_model::ZoneRules;
use leptos::prelude::*;

use crate::time_settings::{TimeSettings, ZoneChoice};
use crate::zones::{all_zones, IntlZones};

/// "CET (UTC+1)" for `zone` at `at`.
pub fn zone_label(zone: &str, at: DateTime<Utc>) -> String {
    match zoned(&IntlZones, zone, at) {
        Some(time) if time.label.starts_with("UTC") => time.label,
        Some(time) => format!("{} ({})", time.label, utc_label(time.offset)),
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

/// The zone bar for an event in `event_zone`; `at` (the event's start) picks the offsets shown.
#[component]
pub fn ZoneBar(event_zone: String, at: DateTime<Utc>) -> impl IntoView {
    let settings = expect_context::<TimeSettings>();
    let device = settings.device.get_value();
    // Chips name the zone briefly ("CET"); the status line above spells out the offsets.
    let short = |zone: &str| {
        zoned(&IntlZones, zone, at)
            .map(|z| z.label)
            .unwrap_or_else(|| city(zone))
    };
    let event_label = short(&event_zone);
    let device_label = short(&device);
    let device_differs = clocks_differ(&event_zone, &device, at);
    let status = {
        let (event_zone, device) = (event_zone.clone(), device.clone());
        move || {
            let shown = settings.shown(&event_zone);
            let label = zone_label(&shown, at);
            let place = if shown == event_zone {
                format!("event time, {}", city(&shown))
            } else if shown == device {
                format!("your time, {}", city(&shown))
            } else {
                city(&shown)
            };
            let note = if clocks_differ(&shown, &device, at) {
                format!(
                    " Your device is on {} ({}).",
                    city(&device),
                    zone_label(&device, at)
                )
            } else {
                String::new()
            };
            format!("Times are in {place} — {label}.{note}")
        }
    };
    let off_device = {
        let (event_zone, device) = (event_zone.clone(), device.clone());
        move || clocks_differ(&settings.shown(&event_zone), &device, at)
    };
    let is = move |wanted: ZoneChoice| move || settings.choice.with(|c| *c == wanted).to_string();
    let (problem, set_problem) = signal(String::new());
    let pick = move |value: String| {
        let value = value.trim().to_owned();
        if value.is_empty() {
            return;
        }
        if IntlZones.is_known(&value) {
            set_problem.set(String::new());
            settings.choice.set(ZoneChoice::Named(value));
        } else {
            set_problem.set(format!(
                "“{value}” is not a time zone. Pick one from the list, e.g. Asia/Tokyo."
            ));
        }
    };
    let options = all_zones()
        .into_iter()
        .map(|zone| view! { <option value=zone></option> })
        .collect_view();
    view! {
        <div class="eh-zonebar" role="region" aria-label="Time zone">
            <p class="eh-zonebar__status" class:eh-zonebar__status--warn=off_device.clone() aria-live="polite">
                {status}
                <Show when=off_device.clone()>
                    " "
                    <button type="button" class="eh-linkbutton" on:click=move |_| settings.choice.set(ZoneChoice::Device)>
                        "Show my time"
                    </button>
                </Show>
            </p>
            <div class="eh-zonebar__choices" role="group" aria-label="Show times in">
                <button type="button" class="eh-chip" aria-pressed=is(ZoneChoice::Event) on:click=move |_| settings.choice.set(ZoneChoice::Event)>
                    "Event time " <span class="eh-chip__detail">{event_label}</span>
                </button>
                <Show when=move || device_differs>
                    <button type="button" class="eh-chip" aria-pressed=is(ZoneChoice::Device) on:click=move |_| settings.choice.set(ZoneChoice::Device)>
                        "My time " <span class="eh-chip__detail">{device_label.clone()}</span>
                    </button>
                </Show>
                <details class="eh-zonebar__more">
                    <summary class="eh-chip">"Other zone…"</summary>
                    <label class="eh-field" for="eh-zone-input">
                        "Time zone (city or name)"
                        <input
                            id="eh-zone-input"
                            class="eh-input"
                            list="eh-zone-list"
                            autocomplete="off"
                            placeholder="e.g. Tokyo"
                            on:change=move |ev| pick(event_target_value(&ev))
                        />
                    </label>
                    <datalist id="eh-zone-list">{options}</datalist>
                    <p class="eh-field__error" aria-live="polite">{problem}</p>
                </details>
            </div>
        </div>
    }
}
