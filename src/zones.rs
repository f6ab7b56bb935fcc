//! Time-zone rules from the browser's own `Intl` database, so the app can show any IANA zone
//! without shipping chrono-tz (~146 KB gzip; see DESIGN.md). Formatters are cached per zone
//! because constructing one is far slower than using it, and answers are remembered
//! ([`OffsetMemo`], and names per zone and offset) because each one crosses into JavaScript a
//! dozen times: a 1,000-session agenda would otherwise ask ~25,000 times per render.

use std::cell::RefCell;
use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use event_model::offset_memo::OffsetMemo;
use event_model::ZoneRules;
use js_sys::{Array, Date, Intl::DateTimeFormat, Object, Reflect};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// `Intl.DateTimeFormat(locales, options)`, which throws a RangeError for an unknown zone;
    /// js-sys's binding would abort on that, this one returns it.
    #[wasm_bindgen(catch, js_namespace = Intl, js_name = DateTimeFormat)]
    fn date_time_format(locales: &JsValue, options: &Object) -> Result<DateTimeFormat, JsValue>;

    /// `Intl.supportedValuesOf("timeZone")`: every zone the browser knows (missing in old browsers).
    #[wasm_bindgen(catch, js_namespace = Intl, js_name = supportedValuesOf)]
    fn supported_values_of(key: &str) -> Result<Array, JsValue>;
}

/// [`ZoneRules`] backed by `Intl.DateTimeFormat`.
#[derive(Debug, Clone, Copy, Default)]
pub struct IntlZones;

thread_local! {
    static NUMERIC: RefCell<HashMap<String, Option<DateTimeFormat>>> = RefCell::new(HashMap::new());
    static NAMED: RefCell<HashMap<(String, &'static str), Option<DateTimeFormat>>> = RefCell::new(HashMap::new());
    // A page shows two or three zones: a list is smaller in the wasm than another map type.
    static OFFSETS: RefCell<Vec<(String, OffsetMemo)>> = const { RefCell::new(Vec::new()) };
    /// A zone's name follows its offset (CET at +1, CEST at +2), so one lookup per pair suffices.
    static NAMES: RefCell<Vec<(String, i32, Option<String>)>> = const { RefCell::new(Vec::new()) };
}

fn options(pairs: &[(&str, &str)]) -> Object {
    let object = Object::new();
    for (key, value) in pairs {
        // Setting a property on a fresh plain object cannot fail.
        let _ = Reflect::set(&object, &JsValue::from_str(key), &JsValue::from_str(value));
    }
    object
}

/// A formatter that prints every field of a wall-clock time in `zone` as numbers.
fn numeric(zone: &str) -> Option<DateTimeFormat> {
    NUMERIC.with(|cache| {
        cache
            .borrow_mut()
            .entry(zone.to_owned())
            .or_insert_with(|| {
                let options = options(&[
                    ("timeZone", zone),
                    ("hourCycle", "h23"),
                    ("year", "numeric"),
                    ("month", "numeric"),
                    ("day", "numeric"),
                    ("hour", "numeric"),
                    ("minute", "numeric"),
                    ("second", "numeric"),
                ]);
                date_time_format(&JsValue::from_str("en-US"), &options).ok()
            })
            .clone()
    })
}

/// A formatter that names the zone ("CET", "EST", or "GMT+1" where the locale has no name).
fn named(zone: &str, locale: &'static str) -> Option<DateTimeFormat> {
    NAMED.with(|cache| {
        cache
            .borrow_mut()
            .entry((zone.to_owned(), locale))
            .or_insert_with(|| {
                let options = options(&[("timeZone", zone), ("timeZoneName", "short")]);
                date_time_format(&JsValue::from_str(locale), &options).ok()
            })
            .clone()
    })
}

/// The `type → value` parts of a formatted instant.
fn parts(format: &DateTimeFormat, instant: DateTime<Utc>) -> Vec<(String, String)> {
    let date = Date::new(&JsValue::from_f64(instant.timestamp_millis() as f64));
    let parts: Array = format.format_to_parts(&date);
    parts
        .iter()
        .filter_map(|part| {
            let kind = Reflect::get(&part, &JsValue::from_str("type"))
                .ok()?
                .as_string()?;
            let value = Reflect::get(&part, &JsValue::from_str("value"))
                .ok()?
                .as_string()?;
            Some((kind, value))
        })
        .collect()
}

impl ZoneRules for IntlZones {
    fn offset_at(&self, zone: &str, instant: DateTime<Utc>) -> Option<i32> {
        OFFSETS.with(|memos| {
            let mut memos = memos.borrow_mut();
            let at = match memos.iter().position(|(z, _)| z == zone) {
                Some(at) => at,
                None => {
                    memos.push((zone.to_owned(), OffsetMemo::default()));
                    memos.len() - 1
                }
            };
            memos[at].1.offset_at(instant, |t| intl_offset(zone, t))
        })
    }

    fn abbreviation(&self, zone: &str, instant: DateTime<Utc>) -> Option<String> {
        let offset = self.offset_at(zone, instant)?;
        let known = NAMES.with(|names| {
            let names = names.borrow();
            let found = names.iter().find(|(z, o, _)| z == zone && *o == offset);
            found.map(|(_, _, name)| name.clone())
        });
        if let Some(name) = known {
            return name;
        }
        let name = intl_abbreviation(zone, instant);
        NAMES.with(|names| {
            names
                .borrow_mut()
                .push((zone.to_owned(), offset, name.clone()))
        });
        name
    }
}

/// The offset `Intl` gives for `instant` in `zone`: the wall-clock fields minus the instant.
fn intl_offset(zone: &str, instant: DateTime<Utc>) -> Option<i32> {
    let format = numeric(zone)?;
    let parts = parts(&format, instant);
    let field =
        |name: &str| -> Option<u32> { parts.iter().find(|(kind, _)| kind == name)?.1.parse().ok() };
    let year: i32 = parts
        .iter()
        .find(|(kind, _)| kind == "year")?
        .1
        .parse()
        .ok()?;
    let local = NaiveDate::from_ymd_opt(year, field("month")?, field("day")?)?.and_hms_opt(
        field("hour")?,
        field("minute")?,
        field("second")?,
    )?;
    i32::try_from(local.and_utc().timestamp() - instant.timestamp()).ok()
}

/// The zone's abbreviation in `Intl`, where a locale knows a real one.
fn intl_abbreviation(zone: &str, instant: DateTime<Utc>) -> Option<String> {
    // Locales differ in which zones they name: en-US knows "EST", en-GB knows "CET".
    ["en-US", "en-GB"].into_iter().find_map(|locale| {
        let parts = parts(&named(zone, locale)?, instant);
        let name = parts
            .into_iter()
            .find(|(kind, _)| kind == "timeZoneName")?
            .1;
        let real = name.chars().all(|c| c.is_ascii_uppercase())
            && !name.starts_with("GMT")
            && name != "UTC";
        real.then_some(name)
    })
}

/// The device's IANA zone, e.g. `America/New_York`.
pub fn device_zone() -> String {
    let resolved = DateTimeFormat::new(&Array::new(), &Object::new()).resolved_options();
    Reflect::get(&resolved, &JsValue::from_str("timeZone"))
        .ok()
        .and_then(|zone| zone.as_string())
        .unwrap_or_else(|| "UTC".to_owned())
}

/// The current instant from the browser clock.
pub fn now() -> DateTime<Utc> {
    DateTime::from_timestamp_millis(Date::now() as i64).unwrap_or_default()
}

/// Every IANA zone the browser knows, for the zone picker (empty in browsers without the API).
pub fn all_zones() -> Vec<String> {
    let mut zones = current_names(
        supported_values_of("timeZone")
            .map(|zones| zones.iter().filter_map(|zone| zone.as_string()).collect())
            .unwrap_or_default(),
    );
    if !zones.iter().any(|zone| zone == "UTC") {
        zones.push("UTC".to_owned());
    }
    zones
}

/// Zones that browsers list under CLDR's old names, with the names IANA and people use today.
/// Chromium lists `Asia/Calcutta`, so nobody typing "Kolkata" would find India's zone.
const CURRENT_NAMES: [(&str, &str); 19] = [
    ("Africa/Asmera", "Africa/Asmara"),
    ("America/Buenos_Aires", "America/Argentina/Buenos_Aires"),
    ("America/Catamarca", "America/Argentina/Catamarca"),
    ("America/Coral_Harbour", "America/Atikokan"),
    ("America/Cordoba", "America/Argentina/Cordoba"),
    ("America/Godthab", "America/Nuuk"),
    ("America/Indianapolis", "America/Indiana/Indianapolis"),
    ("America/Jujuy", "America/Argentina/Jujuy"),
    ("America/Louisville", "America/Kentucky/Louisville"),
    ("America/Mendoza", "America/Argentina/Mendoza"),
    ("Asia/Calcutta", "Asia/Kolkata"),
    ("Asia/Katmandu", "Asia/Kathmandu"),
    ("Asia/Rangoon", "Asia/Yangon"),
    ("Asia/Saigon", "Asia/Ho_Chi_Minh"),
    ("Atlantic/Faeroe", "Atlantic/Faroe"),
    ("Europe/Kiev", "Europe/Kyiv"),
    ("Pacific/Enderbury", "Pacific/Kanton"),
    ("Pacific/Ponape", "Pacific/Pohnpei"),
    ("Pacific/Truk", "Pacific/Chuuk"),
];

/// `zones` with each old CLDR name replaced by today's IANA name (both name the same rules).
pub fn current_names(zones: Vec<String>) -> Vec<String> {
    zones
        .into_iter()
        .map(|zone| {
            CURRENT_NAMES
                .iter()
                .find(|(old, _)| *old == zone)
                .map_or(zone, |(_, current)| (*current).to_owned())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_cldr_names_become_todays_iana_names() {
        let zones = ["Asia/Calcutta", "Europe/Berlin", "Europe/Kiev"].map(String::from);
        assert_eq!(
            current_names(zones.to_vec()),
            ["Asia/Kolkata", "Europe/Berlin", "Europe/Kyiv"]
        );
    }

    // Natively only: the browser build has no IANA database to compare with.
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn every_current_name_is_in_the_iana_database() {
        for (old, current) in CURRENT_NAMES {
            assert!(
                event_model::tzdb::zone_names().any(|name| name == current),
                "{old} → {current}"
            );
        }
    }
}
