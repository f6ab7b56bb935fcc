//! The sign-up API's JSON bodies, read and written with the browser's own `JSON` rather than
//! serde: four small shapes did not justify serde_json's map and sequence readers in the
//! attendee's wasm (measured several KB). The shapes are `event_model::signup`'s; the browser
//! tests read the hub's real answers with these.

use event_model::signup::{Joined, Refusal, TopicSignups};
use js_sys::{Array, Object, Reflect, JSON};
use wasm_bindgen::{JsCast, JsValue};

fn field(object: &JsValue, key: &str) -> JsValue {
    Reflect::get(object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// The body of a join: `{"name": "…", "hidden": false}`.
pub fn join_body(name: &str, hidden: bool) -> String {
    let body = Object::new();
    let _ = Reflect::set(&body, &"name".into(), &JsValue::from_str(name));
    let _ = Reflect::set(&body, &"hidden".into(), &JsValue::from_bool(hidden));
    JSON::stringify(&body)
        .ok()
        .and_then(|text| text.as_string())
        .unwrap_or_default()
}

/// A 201's `{"id": 7, "token": "…"}`.
pub fn joined(text: &str) -> Option<Joined> {
    let value = JSON::parse(text).ok()?;
    let id = field(&value, "id").as_f64()?;
    let token = field(&value, "token").as_string()?;
    Some(Joined {
        id: id as i64,
        token,
    })
}

/// The `code` of an error body `{"error": "…", "code": "full"}`.
pub fn refusal(text: &str) -> Option<Refusal> {
    let value = JSON::parse(text).ok()?;
    Refusal::from_code(&field(&value, "code").as_string()?)
}

/// The list `{"topics": {"id": {"count": 2, "names": ["…"]}}}`, by topic id.
pub fn list(text: &str) -> Option<Vec<(String, TopicSignups)>> {
    let value = JSON::parse(text).ok()?;
    let topics = field(&value, "topics").dyn_into::<Object>().ok()?;
    let mut list = Vec::new();
    for entry in Object::entries(&topics).iter() {
        let entry: Array = entry.unchecked_into();
        let id = entry.get(0).as_string()?;
        let sheet = entry.get(1);
        let count = field(&sheet, "count").as_f64()? as u32;
        let names = field(&sheet, "names")
            .dyn_into::<Array>()
            .ok()?
            .iter()
            .filter_map(|name| name.as_string())
            .collect();
        list.push((id, TopicSignups { count, names }));
    }
    Some(list)
}
