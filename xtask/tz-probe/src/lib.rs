//! Size probe for the time-zone options of the app (see `Cargo.toml`). One exported function,
//! implemented either with the browser's `Intl.DateTimeFormat` or with chrono-tz, so the
//! difference between the built variants is the cost of the database alone.

use wasm_bindgen::prelude::*;

/// The UTC offset in seconds of `zone` at the Unix time `seconds`, or `None` for an unknown zone.
#[wasm_bindgen]
pub fn offset_seconds(zone: &str, seconds: i64) -> Option<i32> {
    rules::offset_seconds(zone, seconds)
}

#[cfg(feature = "tzdb")]
mod rules {
    use chrono::{DateTime, Offset, TimeZone};
    use chrono_tz::Tz;

    pub fn offset_seconds(zone: &str, seconds: i64) -> Option<i32> {
        let tz: Tz = zone.parse().ok()?;
        let at = DateTime::from_timestamp(seconds, 0)?.naive_utc();
        Some(tz.offset_from_utc_datetime(&at).fix().local_minus_utc())
    }
}

#[cfg(not(feature = "tzdb"))]
mod rules {
    use js_sys::{Array, Date, Intl::DateTimeFormat, Object, Reflect};
    use wasm_bindgen::JsValue;

    /// Asks `Intl` for the zone's offset name ("GMT+05:30") at the instant and parses it.
    pub fn offset_seconds(zone: &str, seconds: i64) -> Option<i32> {
        let options = Object::new();
        Reflect::set(&options, &"timeZone".into(), &zone.into()).ok()?;
        Reflect::set(&options, &"timeZoneName".into(), &"longOffset".into()).ok()?;
        let locales = Array::of1(&JsValue::from_str("en-US"));
        let format = DateTimeFormat::new(&locales, &options);
        let date = Date::new(&JsValue::from_f64(seconds as f64 * 1000.0));
        let parts = format.format_to_parts(&date);
        let name = parts.iter().find_map(|part| {
            let kind = Reflect::get(&part, &"type".into()).ok()?.as_string()?;
            (kind == "timeZoneName")
                .then(|| Reflect::get(&part, &"value".into()).ok()?.as_string())
                .flatten()
        })?;
        parse_gmt_offset(&name)
    }

    /// "GMT" → 0, "GMT+05:30" → 19800, "GMT-03:00" → -10800.
    fn parse_gmt_offset(name: &str) -> Option<i32> {
        let rest = name.strip_prefix("GMT")?;
        if rest.is_empty() {
            return Some(0);
        }
        let (sign, rest) = match (rest.strip_prefix('+'), rest.strip_prefix('-')) {
            (Some(rest), _) => (1, rest),
            (_, Some(rest)) => (-1, rest),
            _ => return None,
        };
        let (hours, minutes) = rest.split_once(':').unwrap_or((rest, "0"));
        Some(sign * (hours.parse::<i32>().ok()? * 3600 + minutes.parse::<i32>().ok()? * 60))
    }

    #[cfg(test)]
    mod tests {
        #[test]
        fn reads_intl_offset_names() {
            assert_eq!(super::parse_gmt_offset("GMT"), Some(0));
            assert_eq!(super::parse_gmt_offset("GMT+05:30"), Some(19_800));
            assert_eq!(super::parse_gmt_offset("GMT-03:00"), Some(-10_800));
            assert_eq!(super::parse_gmt_offset("UTC"), None);
        }
    }
}
