//! What the bench runs inside the page, and the statistics over runs.
//!
//! The observer is injected before the page's own code (CDP
//! `Page.addScriptToEvaluateOnNewDocument`), so its clock is the page's: `performance.now()`
//! counts from navigation start. It watches the DOM (a `MutationObserver`, plus a
//! `requestAnimationFrame` loop as a fallback) for the first element matching the selector with a
//! layout box, and records the moment after the next frame is painted
//! (`requestAnimationFrame` → `setTimeout 0`): a frame cannot be produced while a render-blocking
//! stylesheet is still loading, so the figure is when a person could see the session.

/// The observer for `selector`, done once at least `min_count` elements match. It also notes when
/// WebAssembly finished instantiating (`WebAssembly.instantiate[Streaming]` resolved), and
/// `window.__ehBench.done` resolves to the figures.
pub fn observer(selector: &str, min_count: usize) -> String {
    let selector = serde_json::Value::from(selector).to_string();
    format!(
        r#"(() => {{
  const SEL = {selector}, MIN = {min_count};
  let resolve;
  const bench = {{ done: new Promise((r) => {{ resolve = r; }}), wasmReady: null }};
  Object.defineProperty(window, "__ehBench", {{ value: bench }});
  for (const name of ["instantiateStreaming", "instantiate"]) {{
    const original = WebAssembly[name];
    if (typeof original !== "function") continue;
    WebAssembly[name] = function (...args) {{
      return original.apply(this, args).then((result) => {{
        if (bench.wasmReady === null) bench.wasmReady = performance.now();
        return result;
      }});
    }};
  }}
  const shown = (el) => {{
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== "hidden";
  }};
  let found = false;
  const check = () => {{
    if (found) return;
    const first = document.querySelector(SEL);
    if (!first || !shown(first)) return;
    if (MIN > 1 && document.querySelectorAll(SEL).length < MIN) return;
    found = true;
    observer.disconnect();
    const dom = performance.now();
    requestAnimationFrame(() => setTimeout(() => {{
      const visible = performance.now();
      const resources = performance.getEntriesByType("resource")
        .map((e) => ({{ name: e.name, responseEnd: e.responseEnd }}));
      resolve({{ dom, visible, slots: document.querySelectorAll(SEL).length,
                 wasmReady: bench.wasmReady, resources }});
    }}, 0));
  }};
  const observer = new MutationObserver(check);
  observer.observe(document, {{ childList: true, subtree: true }});
  const tick = () => {{ check(); if (!found) requestAnimationFrame(tick); }};
  requestAnimationFrame(tick);
}})();"#
    )
}

/// Waits for the observer's figures (WebDriver awaits a returned promise).
pub const AWAIT_OBSERVER: &str = "return window.__ehBench.done;";

/// Clicks the zone bar's "My time" chip and resolves to the time until the agenda's first
/// session shows another time (DOM, by `MutationObserver`) and until the next frame after it was
/// painted, both from just before the click, in ms; or to `{ error }`.
pub const ZONE_SWITCH: &str = r#"
const [chips, slotTime, slot] = arguments;
return new Promise((resolve) => {
  const chip = [...document.querySelectorAll(chips)].find((c) => c.textContent.trim().startsWith("My time"));
  if (!chip) return resolve({ error: `no "My time" chip among ${chips}` });
  const first = () => { const t = document.querySelector(slotTime); return t ? t.textContent : null; };
  const before = first();
  if (before === null) return resolve({ error: `no ${slotTime}` });
  let start = 0;
  const observer = new MutationObserver(() => {
    if (first() === before) return;
    observer.disconnect();
    const dom = performance.now() - start;
    requestAnimationFrame(() => setTimeout(() => resolve({
      dom, painted: performance.now() - start, before, after: first(),
      slots: document.querySelectorAll(slot).length,
    }), 0));
  });
  observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  start = performance.now();
  chip.click();
  setTimeout(() => { observer.disconnect(); resolve({ error: `${slotTime} still shows ${before} after 20 s` }); }, 20000);
});
"#;

/// The median: the middle value, or the mean of the two middle ones.
pub fn median(values: &[f64]) -> Option<f64> {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => sorted.get(n / 2).copied(),
        _ => Some((sorted.get(n / 2 - 1)? + sorted.get(n / 2)?) / 2.0),
    }
}

/// `value` rounded to one decimal, as the report stores it.
pub fn tenth(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_median_is_the_middle_or_the_mean_of_the_middle_two() {
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[5.0, 1.0, 3.0]), Some(3.0));
        assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), Some(2.5));
        assert_eq!(median(&[900.0, 1.0, 2.0, 3.0, 4.0]), Some(3.0));
    }

    #[test]
    fn the_observer_quotes_its_selector() {
        let script = observer(".eh-slot", 1000);
        assert!(
            script.contains(r#"const SEL = ".eh-slot", MIN = 1000;"#),
            "{script}"
        );
    }
}
