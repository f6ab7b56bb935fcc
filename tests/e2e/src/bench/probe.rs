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
});
"#;

/// One run's figure in ms; `None` when the page was still busy at the cap.
pub type Run = Option<f64>;

/// `run` for people: `1234 ms`, or `over the cap`.
pub fn show(run: Run, decimals: usize) -> String {
    run.map_or("over the cap".into(), |ms| format!("{ms:.decimals$} ms"))
}

/// The runs of one figure.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    runs: Vec<Run>,
}

impl Figure {
    /// The runs, refused when one is no time at all (a broken measurement).
    pub fn of(runs: Vec<Run>) -> Result<Figure, String> {
        if let Some(bad) = runs
            .iter()
            .flatten()
            .find(|ms| !ms.is_finite() || **ms < 0.0)
        {
            return Err(format!("a measurement came out as {bad} ms"));
        }
        Ok(Figure { runs })
    }

    /// The median, a run over the cap counting as slower than any other; `None` when nothing
    /// was measured or the median itself is over the cap.
    pub fn median(&self) -> Option<f64> {
        let values: Vec<f64> = self
            .runs
            .iter()
            .map(|run| run.unwrap_or(f64::INFINITY))
            .collect();
        median(&values).filter(|ms| ms.is_finite())
    }

    pub fn show_median(&self, decimals: usize, cap_seconds: u64) -> String {
        match (self.runs.is_empty(), self.median()) {
            (true, _) => "not measured".into(),
            (false, Some(ms)) => format!("{ms:.decimals$} ms"),
            (false, None) => format!("> {cap_seconds} s"),
        }
    }

    pub fn show_runs(&self) -> String {
        let runs: Vec<String> = self
            .runs
            .iter()
            .map(|run| run.map_or("over-cap".into(), |ms| format!("{ms:.0}")))
            .collect();
        runs.join(" ")
    }

    /// `{ "median", "over_cap", "runs" }` in ms (one decimal; `null` for over the cap), with
    /// what it measures and its target when given.
    pub fn json(&self, about: Option<(&str, f64)>) -> serde_json::Value {
        let mut value = serde_json::json!({
            "median": self.median().map(tenth),
            "over_cap": !self.runs.is_empty() && self.median().is_none(),
            "runs": self.runs.iter().map(|run| run.map(tenth)).collect::<Vec<_>>(),
        });
        if let (Some((measures, target)), Some(object)) = (about, value.as_object_mut()) {
            object.insert("measures".into(), measures.into());
            object.insert("target".into(), target.into());
        }
        value
    }
}

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
    fn a_run_over_the_cap_counts_as_the_slowest() {
        let figure = Figure::of(vec![Some(10.0), None, Some(30.0)]).expect("figure");
        assert_eq!(figure.median(), Some(30.0));
        assert_eq!(figure.show_runs(), "10 over-cap 30");
        let over = Figure::of(vec![None]).expect("figure");
        assert_eq!(over.median(), None);
        assert_eq!(over.show_median(0, 60), "> 60 s");
        assert_eq!(over.json(None)["over_cap"], true);
        let none = Figure::of(vec![]).expect("figure");
        assert_eq!(none.show_median(0, 60), "not measured");
        assert_eq!(none.json(None)["over_cap"], false);
        assert!(Figure::of(vec![Some(f64::NAN)]).is_err());
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
