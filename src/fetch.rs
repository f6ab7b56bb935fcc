//! HTTP over the browser's `fetch`, as thin as it can be: the attendee's page reads a few small
//! files and talks to the sign-up API, and a general HTTP client library would cost it more bytes
//! than it saves code.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// A response whose body has not been read yet.
pub struct Response(web_sys::Response);

/// Why a request failed before any answer came (offline, DNS, CORS).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NetworkError(pub String);

impl std::fmt::Display for NetworkError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn network(error: JsValue) -> NetworkError {
    // A TypeError's message ("Failed to fetch") is what the browser's own console would show.
    let message = js_sys::Reflect::get(&error, &JsValue::from_str("message"))
        .ok()
        .and_then(|m| m.as_string())
        .or_else(|| error.as_string())
        .unwrap_or_else(|| {
            crate::i18n::Words::current()
                .say(event_model::Message::RequestFailed)
                .to_owned()
        });
    NetworkError(message)
}

/// `GET url`.
pub async fn get(url: &str) -> Result<Response, NetworkError> {
    answer(window()?.fetch_with_str(url)).await
}

fn window() -> Result<web_sys::Window, NetworkError> {
    web_sys::window().ok_or_else(|| NetworkError("no window".to_owned()))
}

/// The response `fetch`'s promise resolves to.
async fn answer(fetch: js_sys::Promise) -> Result<Response, NetworkError> {
    JsFuture::from(fetch)
        .await
        .map_err(network)?
        .dyn_into::<web_sys::Response>()
        .map(Response)
        .map_err(|_| NetworkError("fetch answered something that is not a response".to_owned()))
}

/// `method url` with `headers` and an optional JSON `body`.
pub async fn send(
    method: &str,
    url: &str,
    headers: &[(&str, &str)],
    body: Option<&str>,
) -> Result<Response, NetworkError> {
    let init = web_sys::RequestInit::new();
    init.set_method(method);
    let sent = web_sys::Headers::new().map_err(network)?;
    for (name, value) in headers {
        sent.append(name, value).map_err(network)?;
    }
    if let Some(body) = body {
        sent.append("Content-Type", "application/json")
            .map_err(network)?;
        init.set_body(&JsValue::from_str(body));
    }
    init.set_headers(&sent);
    answer(window()?.fetch_with_str_and_init(url, &init)).await
}

impl Response {
    /// Whether the status is 2xx.
    pub fn ok(&self) -> bool {
        self.0.ok()
    }

    /// The HTTP status.
    pub fn status(&self) -> u16 {
        self.0.status()
    }

    /// A header's value, when present.
    pub fn header(&self, name: &str) -> Option<String> {
        self.0.headers().get(name).ok().flatten()
    }

    /// The body as text.
    pub async fn text(self) -> Result<String, NetworkError> {
        let promise = self.0.text().map_err(network)?;
        let text = JsFuture::from(promise).await.map_err(network)?;
        text.as_string()
            .ok_or_else(|| NetworkError("the body is not text".to_owned()))
    }
}
