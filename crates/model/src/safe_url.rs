//! Which URLs the page may turn into links: only schemes that cannot run code.

/// Schemes a link may use. `javascript:`, `data:`, `vbscript:` and everything else are refused.
pub const SAFE_SCHEMES: [&str; 5] = ["https", "http", "mailto", "tel", "geo"];

/// Whether `url` is an absolute URL with a safe scheme and no characters browsers would strip
/// (control characters and whitespace can smuggle `java\nscript:` past naive checks).
pub fn is_safe_url(url: &str) -> bool {
    if url.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return false;
    }
    let Some((scheme, rest)) = url.split_once(':') else {
        return false;
    };
    let scheme = scheme.to_ascii_lowercase();
    if !SAFE_SCHEMES.contains(&scheme.as_str()) || rest.is_empty() {
        return false;
    }
    match scheme.as_str() {
        "http" | "https" => rest.starts_with("//") && rest.len() > 2,
        _ => true,
    }
}

/// A link to the place in the visitor's maps app: `geo:` opens the app on phones, but desktop
/// browsers do nothing with it, so the page uses OpenStreetMap on the web as the portable choice.
pub fn map_url(lat: f64, lon: f64) -> String {
    let (lat, lon) = (degrees(lat), degrees(lon));
    format!("https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}")
}

/// `geo:` link for phones' maps apps, pinned and labelled at the place.
pub fn geo_url(lat: f64, lon: f64) -> String {
    let (lat, lon) = (degrees(lat), degrees(lon));
    format!("geo:{lat},{lon}?q={lat},{lon}")
}

/// Degrees with five decimals (about a metre), like `{:.5}` but without Rust's float formatting,
/// which costs the attendee's wasm ~15 KB for this one use.
pub fn degrees(value: f64) -> String {
    let scaled = (value * 100_000.0).round() as i64;
    let sign = if scaled < 0 { "-" } else { "" };
    let scaled = scaled.unsigned_abs();
    format!("{sign}{}.{:05}", scaled / 100_000, scaled % 100_000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn degrees_match_five_decimal_float_formatting() {
        for value in [
            51.08017, 13.76214, -0.000004, -12.345678, 0.0, 179.999999, -90.0, 1e-9,
        ] {
            let expected = format!("{value:.5}");
            // `{:.5}` keeps a minus sign for values that round to zero; a coordinate need not.
            let expected = if expected == "-0.00000" {
                "0.00000".to_owned()
            } else {
                expected
            };
            assert_eq!(degrees(value), expected, "{value}");
        }
        assert_eq!(
            geo_url(51.08017, 13.76214),
            "geo:51.08017,13.76214?q=51.08017,13.76214"
        );
    }

    #[test]
    fn accepts_the_safe_schemes() {
        for url in [
            "https://scs.community/",
            "http://example.org",
            "mailto:a@b.c",
            "tel:+49351",
            "geo:51.08,13.76",
            "HTTPS://EXAMPLE.ORG",
        ] {
            assert!(is_safe_url(url), "{url}");
        }
    }

    #[test]
    fn refuses_scripts_data_and_smuggled_schemes() {
        for url in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            "java\nscript:alert(1)",
            " javascript:x",
            "data:text/html,x",
            "vbscript:x",
            "//evil.example",
            "/relative",
            "https:",
            "https://",
            "http:evil",
            "",
        ] {
            assert!(!is_safe_url(url), "{url:?}");
        }
    }
}
