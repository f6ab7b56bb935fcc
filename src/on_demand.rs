//! The organizer bundle's tools, loaded into the attendee's page only when someone needs them.
//!
//! Two things an attendee rarely does need code that would weigh on every first load: the full
//! checker (every problem of a broken file with its path, line and column) and the iCalendar
//! writer ("Add to calendar"). Both live in the organizer bundle (`src/bin/edit.rs`), which a
//! stable-named module, `edit/tools.js`, re-exports beside the attendee's files; this module
//! imports it on first use, once, and calls its exported functions.

use std::sync::Arc;

use event_model::{Language, Message, Problem};
use js_sys::{Function, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::i18n::Words;

#[wasm_bindgen(inline_js = r#"
let tools;
// This snippet is served from `snippets/<crate>/inline0.js` beside its bundle's files, wherever the
// hub is mounted (`/`, or a host's `/hub/`): the attendee's, with the organizer bundle in `edit/`
// beside it, or the organizer's own (in `edit/`, whose preview also offers "Add to calendar").
function tools_url() {
  const base = new URL("../..", import.meta.url).href;
  return base + (base.endsWith("/edit/") ? "tools.js" : "edit/tools.js");
}
export function organizer_tools() {
  tools ??= import(tools_url())
    .then(async (module) => { await module.default(); return module; })
    .catch((error) => { tools = undefined; throw error; });
  return tools;
}
"#)]
extern "C" {
    fn organizer_tools() -> js_sys::Promise;
}

/// The text of the event file the page shows, for the tools that take the file as written.
#[derive(Debug, Clone)]
pub struct EventFile(pub Arc<str>);

/// A JavaScript error as words for the page.
fn reason(error: JsValue) -> String {
    Reflect::get(&error, &JsValue::from_str("message"))
        .ok()
        .and_then(|m| m.as_string())
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "unknown error".to_owned())
}

/// Calls the tools module's exported function `name` with `args`, expecting a string back.
async fn call(name: &str, args: &[JsValue]) -> Result<String, String> {
    let module = JsFuture::from(organizer_tools())
        .await
        .map_err(|e| Words::current().fill(Message::ToolsNotLoaded, &[&reason(e)]))?;
    let function: Function = Reflect::get(&module, &JsValue::from_str(name))
        .map_err(reason)?
        .dyn_into()
        .map_err(|_| format!("the organizer tools have no `{name}`"))?;
    let args: js_sys::Array = args.iter().collect();
    let result = function.apply(&JsValue::NULL, &args).map_err(reason)?;
    result
        .as_string()
        .ok_or_else(|| format!("`{name}` answered something that is not text"))
}

/// Which kind of file to check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// An event file.
    Event,
    /// The events index (`events/index.json`).
    Index,
}

/// Every problem of the file `text`, errors and warnings, from the organizer checker.
pub async fn every_problem(kind: FileKind, text: &str) -> Result<Vec<Problem>, String> {
    let name = match kind {
        FileKind::Event => "check_event_file",
        FileKind::Index => "check_index_file",
    };
    let json = call(name, &[JsValue::from_str(text)]).await?;
    serde_json::from_str(&json).map_err(|e| format!("the checker's answer is unreadable: {e}"))
}

/// For a broken event file, the event without its broken items as event-file JSON; `None` when
/// nothing of it can be shown.
pub async fn partial_event(text: &str) -> Result<Option<String>, String> {
    let json = call("partial_event_file", &[JsValue::from_str(text)]).await?;
    Ok((json != "null").then_some(json))
}

/// The iCalendar file of the whole event (`session` `None`) or of one session in `language`, its
/// entries leading to `page` unless the file names the event's page itself.
pub async fn calendar_file(
    text: &str,
    session: Option<&str>,
    page: Option<&str>,
    language: Language,
) -> Result<String, String> {
    let or_null = |value: Option<&str>| value.map(JsValue::from_str).unwrap_or(JsValue::NULL);
    call(
        "calendar_file",
        &[
            JsValue::from_str(text),
            or_null(session),
            or_null(page),
            JsValue::from_str(language.code()),
        ],
    )
    .await
}
