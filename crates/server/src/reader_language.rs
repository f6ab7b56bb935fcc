//! Which interface language a request reads in, the way the app chooses it
//! ([`Language::choose`]): `?lang=`, else the reader's choice on this device (the app keeps it in
//! the `eh-lang` cookie as well as in `localStorage`, so the server sees it), else the browser's
//! `Accept-Language`, else English. Pages that depend on it say so in `Vary`.

use axum::http::header::{ACCEPT_LANGUAGE, COOKIE};
use axum::http::HeaderMap;
use event_model::Language;

/// The cookie the app sets when a reader switches language.
pub const COOKIE_NAME: &str = "eh-lang";

/// The request headers a language-dependent answer varies by.
pub const VARY: &str = "Accept-Language, Cookie";

/// The language for a request with `query` (the part after `?`) and `headers`.
pub fn reader_language(query: Option<&str>, headers: &HeaderMap) -> Language {
    let asked = query.and_then(|query| {
        query
            .split('&')
            .find_map(|pair| pair.strip_prefix("lang="))
            .map(str::to_owned)
    });
    let chosen = headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .find_map(|pair| pair.trim().strip_prefix(COOKIE_NAME)?.strip_prefix('='))
        .map(str::to_owned);
    let browser: Vec<String> = headers
        .get_all(ACCEPT_LANGUAGE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .filter_map(|item| {
            let (tag, quality) = item.split_once(";q=").unwrap_or((item, "1"));
            let quality: f32 = quality.trim().parse().unwrap_or(0.0);
            (quality > 0.0).then(|| tag.trim().to_owned())
        })
        .collect();
    Language::choose(asked.as_deref(), chosen.as_deref(), None, &browser)
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(*name, HeaderValue::from_static(value));
        }
        map
    }

    #[test]
    fn the_address_then_the_cookie_then_the_browser_decide() {
        let german_browser = headers(&[("accept-language", "de-DE,de;q=0.9,en;q=0.8")]);
        assert_eq!(reader_language(None, &german_browser), Language::De);
        assert_eq!(
            reader_language(Some("lang=en"), &german_browser),
            Language::En
        );
        let chose_english = headers(&[
            ("accept-language", "de-DE,de;q=0.9"),
            ("cookie", "other=1; eh-lang=en"),
        ]);
        assert_eq!(reader_language(None, &chose_english), Language::En);
        assert_eq!(
            reader_language(Some("now=x&lang=de"), &chose_english),
            Language::De
        );
        assert_eq!(
            reader_language(None, &headers(&[("accept-language", "fr, de;q=0")])),
            Language::En
        );
        assert_eq!(reader_language(None, &HeaderMap::new()), Language::En);
    }
}
