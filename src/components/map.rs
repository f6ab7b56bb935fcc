//! The map of the places: numbered markers at their true relative positions (Web Mercator,
//! [`event_model::geo`]), north up, with a scale bar — a schematic that needs no one's tiles —
//! and the tiles of the event's source under it once the reader allows it.
//!
//! Asking first: a template on the page's own host (`/tiles/…`) loads at once; any other host
//! gets no request — not a tile — until the reader presses *Show map* in a panel that names the
//! host, says what it learns and links its privacy policy. "Always … on this device" is kept in
//! `localStorage` per host and withdrawn with *Stop loading map tiles*. Only the tiles on screen
//! are requested (no prefetching, as OpenStreetMap's tile policy asks), and a tile that fails
//! leaves the schematic and a message, never a grey box.
//!
//! Built with DOM calls and one piece of state: the map re-positions its elements on every move,
//! which a `view!` would only add code to. Keyboard: the frame is focusable, arrows pan, + and −
//! zoom; each marker is a button that Tab reaches and that tells its place.

use std::cell::RefCell;
use std::rc::Rc;

use event_model::geo::{distance_text, fit, scale_bar_m, View, DEFAULT_MAX_ZOOM, TILE_SIZE};
use event_model::{Event, MapTiles, Message, Place};
use wasm_bindgen::JsCast;
use web_sys::Element;

use crate::dom::{self, add, add_text, listen};
use crate::i18n::Words;
use crate::js_math::MATH;

/// OpenStreetMap's standard tiles, for events that name no source.
fn default_tiles() -> MapTiles {
    MapTiles {
        tiles: "https://tile.openstreetmap.org/{z}/{x}/{y}.png".to_owned(),
        attribution: "© OpenStreetMap contributors".to_owned(),
        attribution_url: Some("https://www.openstreetmap.org/copyright".to_owned()),
        max_zoom: Some(DEFAULT_MAX_ZOOM),
        privacy_url: Some("https://osmfoundation.org/wiki/Privacy_Policy".to_owned()),
    }
}

/// The places that have coordinates, with their marker numbers (1, 2, …) in file order: the
/// same numbers the place cards show.
pub fn numbered(places: &[Place]) -> Vec<(usize, &Place, (f64, f64))> {
    places
        .iter()
        .filter_map(|place| Some((place, (place.lat?, place.lon?))))
        .enumerate()
        .map(|(n, (place, at))| (n + 1, place, at))
        .collect()
}

/// The host a remote template names, for the consent panel and the device's memory; `None` for
/// a template on the page's own host, which needs no consent.
pub fn tile_host(template: &str) -> Option<&str> {
    let rest = template
        .strip_prefix("https://")
        .or_else(|| template.strip_prefix("http://"))?;
    Some(rest.split(['/', '?', '#']).next().unwrap_or(rest))
}

/// `template` with the tile's coordinates; `{r}` becomes `@2x` on a high-DPI screen.
pub fn tile_url(template: &str, z: u8, x: u32, y: u32, high_dpi: bool) -> String {
    template
        .replace("{z}", &z.to_string())
        .replace("{x}", &x.to_string())
        .replace("{y}", &y.to_string())
        .replace("{r}", if high_dpi { "@2x" } else { "" })
}

const CONSENT_KEY: &str = "event-hub.maps:";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Everything the map changes after it is built.
struct State {
    view: View,
    width: f64,
    height: f64,
    max_zoom: u8,
    template: String,
    high_dpi: bool,
    tiles_on: bool,
    /// The view was moved by the reader: a resize keeps it instead of fitting again.
    moved: bool,
    points: Vec<(f64, f64)>,
    /// Tiles on the page, by `(z, column, row)` (columns unwrapped, so a tile west of the
    /// antimeridian has its own element).
    tiles: Vec<((u8, i64, i64), Element)>,
    tile_layer: Element,
    markers: Vec<Element>,
    scale_bar: Element,
    scale_label: Element,
    status: Element,
    /// Active pointers, for dragging and pinching: `(id, x, y)`.
    pointers: Vec<(i32, f64, f64)>,
    pinch_start: Option<f64>,
}

impl State {
    /// Puts every element where the view says.
    fn render(&mut self) {
        let (w, h) = (self.width, self.height);
        if w <= 0.0 || h <= 0.0 {
            return;
        }
        let view = self.view;
        for (marker, &(lat, lon)) in self.markers.iter().zip(&self.points) {
            let (x, y) = view.screen(MATH, w, h, lat, lon);
            let visible = (-20.0..w + 20.0).contains(&x) && (-20.0..h + 20.0).contains(&y);
            position(marker, x, y);
            let _ = marker.toggle_attribute_with_force("hidden", !visible);
        }
        let metres = scale_bar_m(view.metres_per_pixel(MATH), w.min(400.0) / 3.0);
        let px = f64::from(metres) / view.metres_per_pixel(MATH);
        let _ = self
            .scale_bar
            .set_attribute("style", &format!("width:{}px", px.round() as i64));
        self.scale_label
            .set_text_content(Some(&distance_text(f64::from(metres))));
        self.render_tiles();
    }

    /// The tiles on screen, reusing those already there; the rest removed.
    fn render_tiles(&mut self) {
        if !self.tiles_on {
            for (_, tile) in self.tiles.drain(..) {
                tile.remove();
            }
            return;
        }
        let wanted = self.view.tiles(MATH, self.width, self.height);
        let left = self.offset_left();
        let mut kept = Vec::new();
        for tile in wanted {
            let column = ((tile.left + left) / TILE_SIZE).round() as i64;
            let key = (tile.z, column, i64::from(tile.y));
            let element = match self.tiles.iter().position(|(k, _)| *k == key) {
                Some(at) => self.tiles.swap_remove(at).1,
                None => {
                    let Some(img) = add(&self.tile_layer, "img", "eh-map__tile") else {
                        continue;
                    };
                    let url = tile_url(&self.template, tile.z, tile.x, tile.y, self.high_dpi);
                    let _ = img.set_attribute("alt", "");
                    let _ = img.set_attribute("draggable", "false");
                    let status = self.status.clone();
                    let message = Words::current().say(Message::MapFailed);
                    listen(&img, "error", move |_| {
                        status.set_text_content(Some(message));
                    });
                    let _ = img.set_attribute("src", &url);
                    img
                }
            };
            position(&element, tile.left, tile.top);
            kept.push((key, element));
        }
        for (_, stale) in self.tiles.drain(..) {
            stale.remove();
        }
        self.tiles = kept;
    }

    /// The world-pixel x of the map's left edge, so a tile's column is stable while panning.
    fn offset_left(&self) -> f64 {
        let (cx, _) = event_model::geo::project(MATH, self.view.lat, self.view.lon, self.view.zoom);
        cx - self.width / 2.0
    }

    fn pan(&mut self, dx: f64, dy: f64) {
        self.view = self.view.panned(MATH, dx, dy);
        self.moved = true;
        self.render();
    }

    fn zoom(&mut self, step: i8) {
        self.view = self.view.zoomed(step, self.max_zoom);
        self.moved = true;
        self.render();
    }

    /// A new size: the view fitted again unless the reader has moved it.
    fn resize(&mut self, width: f64, height: f64) {
        self.width = width;
        self.height = height;
        if !self.moved {
            if let Some(view) = fit(MATH, &self.points, width, height, 48.0, self.max_zoom) {
                self.view = view;
            }
        }
        self.render();
    }
}

/// `element` with its top left (a marker: its centre, which its CSS puts there) at `(x, y)` in
/// the frame.
fn position(element: &Element, x: f64, y: f64) {
    let _ = element.set_attribute(
        "style",
        &format!("left:{}px;top:{}px", x.round() as i64, y.round() as i64),
    );
}

/// The map of `event`'s places at the end of `parent`; nothing when no place has coordinates.
/// A tapped marker names its place in the map and marks the place's card below.
pub fn add_map(parent: &Element, event: &Event) -> Option<()> {
    let places = numbered(&event.places);
    if places.is_empty() {
        return None;
    }
    let words = Words::current();
    let source = event.map.clone().unwrap_or_else(default_tiles);
    let host = tile_host(&source.tiles).map(str::to_owned);
    let remembered = host.as_ref().is_some_and(|host| {
        storage()
            .and_then(|s| s.get_item(&format!("{CONSENT_KEY}{host}")).ok().flatten())
            .is_some()
    });
    let tiles_on = host.is_none() || remembered;

    let root = add(parent, "div", "eh-map")?;
    let frame = add(&root, "div", "eh-map__frame")?;
    let _ = frame.set_attribute("tabindex", "0");
    let _ = frame.set_attribute("role", "region");
    let _ = frame.set_attribute("aria-label", words.say(Message::MapOfThePlaces));
    let keys = add_text(
        &root,
        "p",
        "eh-visually-hidden",
        words.say(Message::MapKeys),
    )?;
    keys.set_id("eh-map-keys");
    let _ = frame.set_attribute("aria-describedby", "eh-map-keys");
    let tile_layer = add(&frame, "div", "eh-map__tiles")?;
    let marker_list = add(&frame, "ol", "eh-map__markers")?;
    // Under the map, not over it: it never hides another marker.
    let popup = add(&root, "p", "eh-map__popup")?;
    let _ = popup.set_attribute("aria-live", "polite");
    let _ = popup.toggle_attribute_with_force("hidden", true);
    let mut markers = Vec::new();
    for (number, place, _) in &places {
        let item = add(&marker_list, "li", "eh-map__marker-item")?;
        let marker = add_text(&item, "button", "eh-map__marker", &number.to_string())?;
        let _ = marker.set_attribute("type", "button");
        let label = format!("{number}: {}", place.name.as_str());
        let _ = marker.set_attribute("aria-label", &label);
        let mut text = match place.address.as_deref() {
            Some(address) => format!("{number} · {} — {address}", place.name.as_str()),
            None => format!("{number} · {}", place.name.as_str()),
        };
        // The arrival notes too ("bring your ID"), as plain text on a line of their own.
        if let Some(notes) = place.notes.as_deref() {
            text.push('\n');
            text.push_str(&event_model::markdown::to_plain(notes));
        }
        let (popup, id) = (popup.clone(), place.id.clone());
        listen(&marker, "click", move |_| {
            popup.set_text_content(Some(&text));
            let _ = popup.toggle_attribute_with_force("hidden", false);
            // The list entry is the place's full story: highlighted for the eye, alone.
            let Some(places) = dom::by_id(&popup, "eh-places") else {
                return;
            };
            if let Ok(picked) = places.query_selector_all(".eh-place--picked") {
                for at in 0..picked.length() {
                    if let Some(card) = picked.item(at).and_then(|n| n.dyn_into::<Element>().ok()) {
                        let _ = card.class_list().remove_1("eh-place--picked");
                    }
                }
            }
            if let Some(card) = dom::by_id(&popup, &format!("eh-place-{id}")) {
                let _ = card.class_list().add_1("eh-place--picked");
            }
        });
        markers.push(marker);
    }
    let zoom = add(&frame, "div", "eh-map__zoom")?;
    let zoom_in = add_text(&zoom, "button", "eh-map__zoom-button", "+")?;
    let zoom_out = add_text(&zoom, "button", "eh-map__zoom-button", "−")?;
    for (button, label) in [(&zoom_in, Message::ZoomIn), (&zoom_out, Message::ZoomOut)] {
        let _ = button.set_attribute("type", "button");
        let _ = button.set_attribute("aria-label", words.say(label));
    }
    let north = add_text(&frame, "span", "eh-map__north", "N")?;
    let _ = north.set_attribute("title", words.say(Message::North));
    let scale = add(&frame, "div", "eh-map__scale")?;
    let scale_bar = add(&scale, "span", "eh-map__scale-bar")?;
    let scale_label = add(&scale, "span", "eh-map__scale-label")?;
    let credit = add(&frame, "p", "eh-map__credit")?;
    match source.attribution_url.as_deref() {
        Some(url) if event_model::safe_url::is_safe_url(url) => {
            let link = add_text(&credit, "a", "eh-link", &source.attribution)?;
            let _ = link.set_attribute("href", url);
            let _ = link.set_attribute("rel", "noopener noreferrer");
            let _ = link.set_attribute("target", "_blank");
        }
        _ => {
            credit.set_text_content(Some(&source.attribution));
        }
    }
    let status = add(&root, "p", "eh-map__status")?;
    let _ = status.set_attribute("role", "status");

    let high_dpi = web_sys::window().is_some_and(|w| w.device_pixel_ratio() >= 1.5);
    let points: Vec<(f64, f64)> = places.iter().map(|(_, _, at)| *at).collect();
    let max_zoom = source.max_zoom.unwrap_or(DEFAULT_MAX_ZOOM);
    let state = Rc::new(RefCell::new(State {
        view: fit(MATH, &points, 360.0, 270.0, 48.0, max_zoom)?,
        width: 0.0,
        height: 0.0,
        max_zoom,
        template: source.tiles.clone(),
        high_dpi,
        tiles_on,
        moved: false,
        points,
        tiles: Vec::new(),
        tile_layer,
        markers,
        scale_bar,
        scale_label,
        status: status.clone(),
        pointers: Vec::new(),
        pinch_start: None,
    }));

    // Consent, for a source on another host.
    if let Some(host) = host {
        add_consent(
            &root,
            &credit,
            &state,
            &host,
            source.privacy_url.as_deref(),
            words,
        )?;
    }

    for (button, step) in [(zoom_in, 1), (zoom_out, -1)] {
        let state = state.clone();
        listen(&button, "click", move |_| state.borrow_mut().zoom(step));
    }
    add_gestures(&frame, &state);
    watch_size(&frame, &state);
    Some(())
}

/// The panel that asks before any request to `host`, and the way to withdraw a remembered yes.
fn add_consent(
    root: &Element,
    credit: &Element,
    state: &Rc<RefCell<State>>,
    host: &str,
    privacy_url: Option<&str>,
    words: Words,
) -> Option<()> {
    let key = format!("{CONSENT_KEY}{host}");
    let panel = add(root, "div", "eh-map__consent")?;
    add_text(&panel, "p", "", &words.fill(Message::MapConsent, &[host]))?;
    let actions = add(&panel, "div", "eh-card__actions")?;
    let show = add_text(
        &actions,
        "button",
        "eh-button eh-button--primary",
        words.say(Message::ShowMap),
    )?;
    let _ = show.set_attribute("type", "button");
    if let Some(url) = privacy_url.filter(|url| event_model::safe_url::is_safe_url(url)) {
        let link = add_text(
            &actions,
            "a",
            "eh-link eh-button",
            words.say(Message::PrivacyPolicy),
        )?;
        let _ = link.set_attribute("href", url);
        let _ = link.set_attribute("rel", "noopener noreferrer");
        let _ = link.set_attribute("target", "_blank");
    }
    let label = add(&panel, "label", "eh-sheet__check")?;
    let remember = add(&label, "input", "")?;
    let _ = remember.set_attribute("type", "checkbox");
    label
        .append_with_str_1(words.say(Message::AlwaysShowMaps))
        .ok()?;
    let stop = add_text(
        credit,
        "button",
        "eh-map__stop",
        words.say(Message::StopMaps),
    )?;
    let _ = stop.set_attribute("type", "button");

    let on = state.borrow().tiles_on;
    let _ = panel.toggle_attribute_with_force("hidden", on);
    let _ = stop.toggle_attribute_with_force("hidden", !on);
    {
        let (state, panel, stop, key) = (state.clone(), panel.clone(), stop.clone(), key.clone());
        listen(&show, "click", move |_| {
            let always = remember
                .dyn_ref::<web_sys::HtmlInputElement>()
                .is_some_and(web_sys::HtmlInputElement::checked);
            if always {
                if let Some(storage) = storage() {
                    let _ = storage.set_item(&key, "yes");
                }
            }
            let _ = panel.toggle_attribute_with_force("hidden", true);
            let _ = stop.toggle_attribute_with_force("hidden", false);
            let mut state = state.borrow_mut();
            state.tiles_on = true;
            state.render();
        });
    }
    let state = state.clone();
    let stop_button = stop.clone();
    listen(&stop, "click", move |_| {
        if let Some(storage) = storage() {
            let _ = storage.remove_item(&key);
        }
        let _ = panel.toggle_attribute_with_force("hidden", false);
        let _ = stop_button.toggle_attribute_with_force("hidden", true);
        let mut state = state.borrow_mut();
        state.tiles_on = false;
        state.status.set_text_content(None);
        state.render();
    });
    Some(())
}

/// Drag with one finger or the mouse, pinch with two, Ctrl/⌘ + wheel, and the keyboard.
fn add_gestures(frame: &Element, state: &Rc<RefCell<State>>) {
    {
        let (state, frame_el) = (state.clone(), frame.clone());
        listen(frame, "pointerdown", move |event| {
            let Some(event) = event.dyn_ref::<web_sys::PointerEvent>() else {
                return;
            };
            // Buttons in the map (markers, zoom) keep their own clicks.
            let on_button = event
                .target()
                .and_then(|t| t.dyn_into::<Element>().ok())
                .is_some_and(|t| t.closest("button, a, input").ok().flatten().is_some());
            if on_button {
                return;
            }
            let _ = frame_el.set_pointer_capture(event.pointer_id());
            let mut state = state.borrow_mut();
            state.pointers.push((
                event.pointer_id(),
                f64::from(event.client_x()),
                f64::from(event.client_y()),
            ));
            state.pinch_start = pinch_distance(&state.pointers);
        });
    }
    {
        let state = state.clone();
        listen(frame, "pointermove", move |event| {
            let Some(event) = event.dyn_ref::<web_sys::PointerEvent>() else {
                return;
            };
            let mut state = state.borrow_mut();
            let (x, y) = (f64::from(event.client_x()), f64::from(event.client_y()));
            let Some(at) = state
                .pointers
                .iter()
                .position(|p| p.0 == event.pointer_id())
            else {
                return;
            };
            let (_, old_x, old_y) = state.pointers[at];
            state.pointers[at] = (event.pointer_id(), x, y);
            if state.pointers.len() == 1 {
                state.pan(x - old_x, y - old_y);
            } else if let (Some(start), Some(now)) =
                (state.pinch_start, pinch_distance(&state.pointers))
            {
                // A step of zoom per doubling (or halving) of the fingers' distance.
                if now > start * 1.6 {
                    state.zoom(1);
                    state.pinch_start = Some(now);
                } else if now < start / 1.6 {
                    state.zoom(-1);
                    state.pinch_start = Some(now);
                }
            }
        });
    }
    for name in ["pointerup", "pointercancel"] {
        let state = state.clone();
        listen(frame, name, move |event| {
            if let Some(event) = event.dyn_ref::<web_sys::PointerEvent>() {
                let mut state = state.borrow_mut();
                state.pointers.retain(|p| p.0 != event.pointer_id());
                state.pinch_start = pinch_distance(&state.pointers);
            }
        });
    }
    {
        let state = state.clone();
        listen(frame, "wheel", move |event| {
            let Some(wheel) = event.dyn_ref::<web_sys::WheelEvent>() else {
                return;
            };
            // Plain scrolling scrolls the page; only Ctrl/⌘ + wheel zooms the map.
            if !(wheel.ctrl_key() || wheel.meta_key()) {
                return;
            }
            event.prevent_default();
            state
                .borrow_mut()
                .zoom(if wheel.delta_y() < 0.0 { 1 } else { -1 });
        });
    }
    let state = state.clone();
    listen(frame, "keydown", move |event| {
        let Some(key) = event
            .dyn_ref::<web_sys::KeyboardEvent>()
            .map(web_sys::KeyboardEvent::key)
        else {
            return;
        };
        let mut state = state.borrow_mut();
        let step = 80.0;
        match key.as_str() {
            "ArrowLeft" => state.pan(step, 0.0),
            "ArrowRight" => state.pan(-step, 0.0),
            "ArrowUp" => state.pan(0.0, step),
            "ArrowDown" => state.pan(0.0, -step),
            "+" | "=" => state.zoom(1),
            "-" | "−" => state.zoom(-1),
            _ => return,
        }
        event.prevent_default();
    });
}

/// The distance between the first two pointers, when there are two.
fn pinch_distance(pointers: &[(i32, f64, f64)]) -> Option<f64> {
    match pointers {
        [(_, x1, y1), (_, x2, y2), ..] => {
            Some(((x2 - x1) * (x2 - x1) + (y2 - y1) * (y2 - y1)).sqrt())
        }
        _ => None,
    }
}

/// Follows the frame's size (a phone turned, a sidebar in a host page): the map fits again.
fn watch_size(frame: &Element, state: &Rc<RefCell<State>>) {
    let state = state.clone();
    let callback = wasm_bindgen::closure::Closure::<dyn FnMut(js_sys::Array)>::new(
        move |entries: js_sys::Array| {
            let Some(entry) = entries
                .get(0)
                .dyn_into::<web_sys::ResizeObserverEntry>()
                .ok()
            else {
                return;
            };
            let rect = entry.content_rect();
            state.borrow_mut().resize(rect.width(), rect.height());
        },
    );
    if let Ok(observer) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) {
        observer.observe(frame);
        // The observer lives as long as the page, and its callback with it.
        callback.forget();
        std::mem::forget(observer);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tile_templates_are_filled_in() {
        assert_eq!(
            tile_url("https://t.example/{z}/{x}/{y}{r}.png", 13, 4409, 2739, true),
            "https://t.example/13/4409/2739@2x.png"
        );
        assert_eq!(
            tile_url("/tiles/{z}/{x}/{y}.png", 1, 0, 1, true),
            "/tiles/1/0/1.png"
        );
        assert_eq!(
            tile_host("https://tile.openstreetmap.org/{z}/{x}/{y}.png"),
            Some("tile.openstreetmap.org")
        );
        assert_eq!(tile_host("/tiles/{z}/{x}/{y}.png"), None);
    }
}
