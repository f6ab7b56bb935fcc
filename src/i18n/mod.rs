//! The reader's language in the app: which one they get ([`Language::choose`]), the EN / DE
//! switch's state, and the [`Words`] components write with — messages from the model's typed
//! table, dates from the browser's own `Intl` ([`intl_dates`]), so no month name ships in the wasm.

pub mod intl_dates;
pub mod switch;

use chrono::NaiveDate;
use event_model::language::{English, Wait};
use event_model::{DateWords, Language, Message};
use leptos::prelude::*;

/// `localStorage` key of the reader's choice.
const STORAGE_KEY: &str = "event-hub.language";

/// The same choice as a cookie, so `hub serve` writes its first HTML in it too.
const COOKIE: &str = "eh-lang";

thread_local! {
    /// The chosen language for code that runs outside the components (a failed download's
    /// reason, after an `await`), where there is no context to read.
    static CHOSEN: std::cell::Cell<Language> = const { std::cell::Cell::new(Language::En) };
}

/// The language the page is shown in, provided once at the top and read with `expect_context`.
#[derive(Debug, Clone, Copy)]
pub struct LanguageSettings {
    pub chosen: RwSignal<Language>,
}

impl LanguageSettings {
    /// Chooses the reader's language — `?lang=`, their choice on this device, the host page's
    /// `data-lang`, the browser's languages, English — and keeps `lang` on `root` (and on the
    /// document when the hub owns the page) in step with it, remembering every switch.
    pub fn new(root: Option<web_sys::Element>, owns_page: bool) -> LanguageSettings {
        let window = web_sys::window();
        let search = window
            .as_ref()
            .and_then(|w| w.location().search().ok())
            .unwrap_or_default();
        let query = query_value(&search, "lang");
        let storage = || web_sys::window()?.local_storage().ok().flatten();
        let stored = storage().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten());
        let host = root
            .as_ref()
            .and_then(|root| root.get_attribute("data-lang"));
        let browser: Vec<String> = window
            .as_ref()
            .map(|w| {
                w.navigator()
                    .languages()
                    .iter()
                    .filter_map(|l| l.as_string())
                    .collect()
            })
            .unwrap_or_default();
        let first = Language::choose(
            query.as_deref(),
            stored.as_deref(),
            host.as_deref(),
            &browser,
        );
        CHOSEN.with(|chosen| chosen.set(first));
        let chosen = RwSignal::new(first);
        Effect::new(move |previous: Option<Language>| {
            let language = chosen.get();
            let code = language.code();
            if let Some(root) = &root {
                let _ = root.set_attribute("lang", code);
            }
            let document = web_sys::window().and_then(|w| w.document());
            if owns_page {
                if let Some(html) = document.as_ref().and_then(|d| d.document_element()) {
                    let _ = html.set_attribute("lang", code);
                }
            }
            // Only a switch is remembered: a reader who never chose keeps following the browser.
            if previous.is_some_and(|previous| previous != language) {
                if let Some(storage) = storage() {
                    // Private browsing may refuse storage: the choice then lasts for this visit.
                    let _ = storage.set_item(STORAGE_KEY, code);
                }
                // The cookie is for `hub serve`'s own pages; a host page's cookies stay its own.
                if let Some(document) = document.filter(|_| owns_page) {
                    let cookie = format!("{COOKIE}={code}; path=/; max-age=31536000; samesite=lax");
                    let _ = js_sys::Reflect::set(&document, &"cookie".into(), &cookie.into());
                }
            }
            language
        });
        LanguageSettings { chosen }
    }

    /// Switches the page to `language`.
    pub fn choose(self, language: Language) {
        CHOSEN.with(|chosen| chosen.set(language));
        self.chosen.set(language);
    }
}

/// The value of `key` in a query string such as `?lang=de&now=…`.
pub fn query_value(search: &str, key: &str) -> Option<String> {
    search
        .trim_start_matches('?')
        .split('&')
        .find_map(|pair| pair.strip_prefix(key)?.strip_prefix('='))
        .map(str::to_owned)
}

/// The words of one language: what components write with.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Words(pub Language);

impl Words {
    /// The words of the language the page is being built in (English outside a page, as in the
    /// component tests). Read once: a switch of language builds the page anew.
    pub fn current() -> Words {
        Words(
            use_context::<LanguageSettings>()
                .map(|settings| settings.chosen.get_untracked())
                .unwrap_or_else(|| CHOSEN.with(std::cell::Cell::get)),
        )
    }

    /// A message.
    pub fn say(self, message: Message) -> &'static str {
        message.text(self.0)
    }

    /// A message with its `{}` filled in.
    pub fn fill(self, message: Message, values: &[&str]) -> String {
        message.fill(self.0, values)
    }

    /// The language's code, for `lang` attributes and choosing event text.
    pub fn code(self) -> &'static str {
        self.0.code()
    }
}

/// English as the model writes it (the page's English is the same as ever); German from `Intl`.
impl DateWords for Words {
    fn long_date(&self, date: NaiveDate) -> String {
        match self.0 {
            Language::En => English.long_date(date),
            Language::De => intl_dates::long_date(self.0, date),
        }
    }

    fn short_date(&self, date: NaiveDate) -> String {
        match self.0 {
            Language::En => English.short_date(date),
            Language::De => intl_dates::short_date(self.0, date),
        }
    }

    fn date_range(&self, start: NaiveDate, end: NaiveDate) -> String {
        match self.0 {
            Language::En => English.date_range(start, end),
            Language::De => intl_dates::date_range(self.0, start, end),
        }
    }

    fn wait(&self, wait: Wait) -> String {
        match self.0 {
            Language::En => English.wait(wait),
            Language::De => intl_dates::wait(self.0, wait),
        }
    }

    fn zone_abbreviation(&self, english: &str) -> String {
        match self.0 {
            Language::En => english.to_owned(),
            Language::De => intl_dates::zone_abbreviation(english),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_query_names_the_language() {
        assert_eq!(query_value("?now=x&lang=de", "lang").as_deref(), Some("de"));
        assert_eq!(query_value("?language=de", "lang"), None);
        assert_eq!(query_value("", "lang"), None);
    }
}
