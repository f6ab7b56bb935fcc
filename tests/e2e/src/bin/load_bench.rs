//! `load-bench`: what a person waits for, measured in headless Chromium on a phone-sized viewport
//! against the real `hub serve` on a copy of the built site (the end-to-end harness; env
//! `HUB_E2E_BIN`, `HUB_E2E_SITE`, `CHROMEDRIVER`, `CHROME`). `cargo xtask bench` runs it.
//!
//! - Time to agenda, Slow 4G (150 ms RTT, 1.6 Mbps down, 750 kbps up) and 4× CPU throttling (CDP):
//!   navigation start → the first agenda session (`.eh-slot`) painted, for the app's event page
//!   and, in turns in the same run, for a plain static HTML page of the same event (the floor).
//! - 1,000 sessions, 4× CPU, no network throttling: first render, from the later of "event file
//!   received" (Resource Timing `responseEnd`) and "WebAssembly instantiated" to the agenda with
//!   all 1,000 sessions painted; and a zone switch, from the click on "My time" (device zone
//!   America/New_York) to the next paint after the first session shows the new time.
//!
//! Every load is cold: a fresh hub, browser and profile. Each figure is the median of `--runs`
//! (5) loads. A slow figure is a result; only a broken measurement is an error (exit 1).
//!
//! Usage: `load-bench [--json FILE] [--runs N] [--event ID] [--write SITE]`; `--write` only adds
//! the bench's pages (the floor, the 1,000-session event) to SITE, to look at them by hand.

#[path = "../bench/big_event.rs"]
mod big_event;
#[path = "../bench/floor.rs"]
mod floor;
#[path = "../bench/probe.rs"]
mod probe;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use event_model::check_event;
use event_model::tzdb::Tzdb;
use fantoccini::wd::TimeoutConfiguration;
use hub_e2e::{Harness, PHONE};
use serde_json::{json, Value};

/// Slow 4G as Lighthouse and DevTools define it.
const LATENCY_MS: f64 = 150.0;
const DOWN_BYTES_PER_S: f64 = 1.6e6 / 8.0;
const UP_BYTES_PER_S: f64 = 750e3 / 8.0;
const CPU_SLOWDOWN: f64 = 4.0;
/// The zone the device is in for the zone switch (the event is in Europe/Berlin).
const DEVICE_ZONE: &str = "America/New_York";
/// The first agenda session, as the app marks it up (src/components/agenda.rs).
const SLOT: &str = ".eh-slot";
const SLOT_TIME: &str = ".eh-slot .eh-slot__time";
const ZONE_CHIPS: &str = ".eh-zonebar__choices .eh-chip";
/// Quiet time after the browser starts, so its own start-up work is not measured.
const SETTLE: Duration = Duration::from_millis(1000);
/// Longest wait for a page or an in-page measurement.
const PAGE_TIMEOUT: Duration = Duration::from_secs(120);

/// Targets from the issue, reported beside the figures (never enforced).
const TARGET_RATIO: f64 = 2.0;
const TARGET_RENDER_MS: f64 = 150.0;
const TARGET_SWITCH_MS: f64 = 30.0;

struct Options {
    json: Option<PathBuf>,
    runs: usize,
    event: String,
    /// Only write the bench's pages into this site directory (to look at them by hand).
    write: Option<PathBuf>,
}

fn options() -> Result<Options, String> {
    let mut options = Options {
        json: None,
        runs: 5,
        event: "scs-hackathon-3".into(),
        write: None,
    };
    let mut args = std::env::args_os().skip(1);
    while let Some(arg) = args.next() {
        let arg = arg.to_string_lossy().into_owned();
        let mut value = || {
            args.next()
                .map(|v| v.to_string_lossy().into_owned())
                .ok_or_else(|| format!("{arg} needs a value"))
        };
        match arg.as_str() {
            "--json" => options.json = Some(PathBuf::from(value()?)),
            "--runs" => {
                options.runs = value()?
                    .parse()
                    .ok()
                    .filter(|&n| n > 0)
                    .ok_or("--runs needs a positive number")?
            }
            "--event" => options.event = value()?,
            "--write" => options.write = Some(PathBuf::from(value()?)),
            other => {
                return Err(format!(
                    "unexpected argument {other:?}\nusage: load-bench [--json FILE] [--runs N] [--event ID] [--write SITE]"
                ))
            }
        }
    }
    Ok(options)
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("load-bench: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The files the bench adds to every served copy of the site.
struct Files {
    floor: String,
    big_event: String,
}

impl Files {
    /// Each file's path in the site and its text.
    fn site_files(&self) -> [(String, &str); 2] {
        [
            (floor::PATH.to_owned(), &self.floor),
            (format!("events/{}.json", big_event::ID), &self.big_event),
        ]
    }
}

async fn run() -> Result<(), String> {
    let options = options()?;
    let site = std::env::var_os("HUB_E2E_SITE")
        .map(PathBuf::from)
        .ok_or("HUB_E2E_SITE (the built site, dist/) is not set")?;
    if std::env::var_os("HUB_E2E_BIN").is_none() {
        return Err("HUB_E2E_BIN (the hub binary) is not set".into());
    }
    let read = |relative: &str| {
        let path = site.join(relative);
        std::fs::read_to_string(&path).map_err(|e| format!("read {}: {e}", path.display()))
    };
    let event_file = format!("events/{}.json", options.event);
    let checked = check_event(&read(&event_file)?, &Tzdb);
    let event = checked
        .value
        .ok_or_else(|| format!("{event_file} does not pass the checker"))?;
    let css = floor::stylesheet(&read("index.html")?)
        .ok_or("the built index.html links no stylesheet")?;
    let (big_event, _) = big_event::generate()?;
    let files = Files {
        floor: floor::page(&event, &css)?,
        big_event,
    };
    if let Some(dir) = &options.write {
        for (relative, text) in files.site_files() {
            let path = dir.join(&relative);
            std::fs::write(&path, text).map_err(|e| format!("write {}: {e}", path.display()))?;
            println!("wrote {}", path.display());
        }
        return Ok(());
    }

    let app_path = format!("/events/{}", options.event);
    let floor_path = format!("/{}", floor::PATH);
    let (mut app, mut bare) = (Vec::new(), Vec::new());
    let runs0 = if std::env::var_os("LB_DEBUG").is_some() {
        0
    } else {
        options.runs
    };
    for run in 1..=runs0 {
        // In turns, so both see the same machine (other builds share its two cores).
        app.push(time_to_agenda(&files, &app_path).await?);
        bare.push(time_to_agenda(&files, &floor_path).await?);
        eprintln!(
            "load-bench: time to agenda {run}/{}: app {:.0} ms, floor {:.0} ms",
            options.runs,
            app[run - 1],
            bare[run - 1]
        );
    }
    let (mut render, mut switch) = (Vec::new(), Vec::new());
    for run in 1..=options.runs {
        let (first, zone) = thousand_sessions(&files).await?;
        eprintln!(
            "load-bench: 1,000 sessions {run}/{}: first render {first:.1} ms, zone switch {zone:.1} ms",
            options.runs
        );
        render.push(first);
        switch.push(zone);
    }

    let figures = Figures {
        app: Series::of(app)?,
        floor: Series::of(bare)?,
        render: Series::of(render)?,
        switch: Series::of(switch)?,
    };
    print!("{}", figures.table(options.runs));
    if let Some(path) = &options.json {
        let text = serde_json::to_string_pretty(&figures.json(options.runs))
            .map_err(|e| format!("serialize: {e}"))?;
        std::fs::write(path, text + "\n").map_err(|e| format!("write {}: {e}", path.display()))?;
    }
    Ok(())
}

/// A fresh hub and browser (new profile: nothing cached) with the bench's files in the site.
async fn start(files: &Files) -> Result<Harness, String> {
    let hub = Harness::start(PHONE).await;
    for (relative, text) in files.site_files() {
        hub.write_site_file(&relative, text);
    }
    hub.client
        .update_timeouts(TimeoutConfiguration::new(
            Some(PAGE_TIMEOUT),
            Some(PAGE_TIMEOUT),
            None,
        ))
        .await
        .map_err(|e| format!("set timeouts: {e}"))?;
    Ok(hub)
}

/// CPU throttling, optionally Slow 4G, and the observer for the next document.
async fn throttle(hub: &Harness, slow_4g: bool, min_slots: usize) {
    hub.cdp("Network.enable", json!({})).await;
    if slow_4g {
        hub.cdp(
            "Network.emulateNetworkConditions",
            json!({
                "offline": false,
                "latency": LATENCY_MS,
                "downloadThroughput": DOWN_BYTES_PER_S,
                "uploadThroughput": UP_BYTES_PER_S,
                "connectionType": "cellular4g",
            }),
        )
        .await;
    }
    hub.cdp(
        "Emulation.setCPUThrottlingRate",
        json!({ "rate": if std::env::var_os("LB_NOCPU").is_some() { 1.0 } else { CPU_SLOWDOWN } }),
    )
    .await;
    hub.cdp(
        "Page.addScriptToEvaluateOnNewDocument",
        json!({ "source": probe::observer(SLOT, min_slots) }),
    )
    .await;
}

/// Opens `path` and returns the observer's figures.
async fn open_and_observe(hub: &Harness, path: &str) -> Result<Value, String> {
    tokio::time::sleep(SETTLE).await;
    hub.client
        .goto(&format!("{}{path}", hub.base))
        .await
        .map_err(|e| format!("open {path}: {e}"))?;
    if std::env::var_os("LB_DEBUG").is_some() && path.contains("bench-1000") {
        for _ in 0..8 {
            tokio::time::sleep(Duration::from_secs(2)).await;
            let v = hub.client.execute("return [document.querySelectorAll('.eh-slot').length, document.body.innerText.slice(0, 300)]", vec![]).await;
            eprintln!("{v:?}");
        }
    }
    hub.client
        .execute(probe::AWAIT_OBSERVER, vec![])
        .await
        .map_err(|e| format!("{path}: no agenda session was seen: {e}"))
}

fn number(value: &Value, key: &str, what: &str) -> Result<f64, String> {
    value[key]
        .as_f64()
        .ok_or_else(|| format!("{what}: no {key} in {value}"))
}

/// One cold load of `path` on Slow 4G at 4× CPU: navigation start → first session painted, ms.
async fn time_to_agenda(files: &Files, path: &str) -> Result<f64, String> {
    let hub = start(files).await?;
    throttle(&hub, true, 1).await;
    let seen = open_and_observe(&hub, path).await;
    hub.close().await;
    number(&seen?, "visible", path)
}

/// One cold load of the 1,000-session event at 4× CPU: (first render, zone switch), ms.
async fn thousand_sessions(files: &Files) -> Result<(f64, f64), String> {
    let hub = start(files).await?;
    let result = measure_thousand(&hub).await;
    hub.close().await;
    result
}

async fn measure_thousand(hub: &Harness) -> Result<(f64, f64), String> {
    let what = "1,000 sessions";
    hub.set_time_zone(DEVICE_ZONE).await;
    throttle(hub, false, big_event::SESSIONS).await;
    let seen = open_and_observe(hub, &format!("/events/{}", big_event::ID)).await?;
    let file = format!("/events/{}.json", big_event::ID);
    let received = seen["resources"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|r| r["name"].as_str().is_some_and(|n| n.ends_with(&file)))
        .and_then(|r| r["responseEnd"].as_f64())
        .ok_or_else(|| format!("{what}: the page never fetched {file}"))?;
    let wasm = number(&seen, "wasmReady", what)?;
    let visible = number(&seen, "visible", what)?;
    let first_render = visible - received.max(wasm);

    // A person reads before tapping: let the page go idle first.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let switched = hub
        .client
        .execute(
            probe::ZONE_SWITCH,
            vec![json!(ZONE_CHIPS), json!(SLOT_TIME), json!(SLOT)],
        )
        .await
        .map_err(|e| format!("{what}: zone switch: {e}"))?;
    if let Some(error) = switched["error"].as_str() {
        return Err(format!("{what}: zone switch: {error}"));
    }
    let slots = switched["slots"].as_u64().unwrap_or_default();
    if slots != big_event::SESSIONS as u64 {
        return Err(format!(
            "{what}: {slots} sessions on the page after the zone switch"
        ));
    }
    Ok((first_render, number(&switched, "painted", what)?))
}

/// The runs of one figure, in ms.
struct Series {
    runs: Vec<f64>,
    median: f64,
}

impl Series {
    fn of(runs: Vec<f64>) -> Result<Series, String> {
        if let Some(bad) = runs.iter().find(|ms| !ms.is_finite() || **ms < 0.0) {
            return Err(format!("a measurement came out as {bad} ms"));
        }
        let median = probe::median(&runs).ok_or("no runs")?;
        Ok(Series { runs, median })
    }

    fn json(&self) -> Value {
        json!({
            "median": probe::tenth(self.median),
            "runs": self.runs.iter().map(|&ms| probe::tenth(ms)).collect::<Vec<_>>(),
        })
    }

    fn runs_text(&self) -> String {
        let runs: Vec<String> = self.runs.iter().map(|ms| format!("{ms:.0}")).collect();
        runs.join(" ")
    }
}

struct Figures {
    app: Series,
    floor: Series,
    render: Series,
    switch: Series,
}

impl Figures {
    fn ratio(&self) -> f64 {
        self.app.median / self.floor.median
    }

    fn table(&self, runs: usize) -> String {
        let row = |what: &str, median: String, series: &str, target: &str| {
            format!("{what:<36}  {median:>9}  {target:<9}  {series}\n")
        };
        let ms = |series: &Series| format!("{:.0} ms", series.median);
        let ms1 = |series: &Series| format!("{:.1} ms", series.median);
        let mut out = format!(
            "\nload times: headless Chromium, {}×{} phone viewport, median of {runs} cold loads\n",
            PHONE.0, PHONE.1
        );
        out.push_str(&row("figure", "median".into(), "runs (ms)", "target"));
        out.push_str(&row(
            "time to agenda, app (Slow 4G, 4× CPU)",
            ms(&self.app),
            &self.app.runs_text(),
            "",
        ));
        out.push_str(&row(
            "time to agenda, static HTML (floor)",
            ms(&self.floor),
            &self.floor.runs_text(),
            "",
        ));
        out.push_str(&row(
            "ratio app / floor",
            format!("{:.2}×", self.ratio()),
            "",
            &format!("≤ {TARGET_RATIO}×"),
        ));
        out.push_str(&row(
            "1,000 sessions: first render (4× CPU)",
            ms1(&self.render),
            &self.render.runs_text(),
            &format!("≤ {TARGET_RENDER_MS} ms"),
        ));
        out.push_str(&row(
            "1,000 sessions: zone switch (4× CPU)",
            ms1(&self.switch),
            &self.switch.runs_text(),
            &format!("≤ {TARGET_SWITCH_MS} ms"),
        ));
        out
    }

    fn json(&self, runs: usize) -> Value {
        json!({
            "unit": "ms",
            "conditions": {
                "browser": "headless Chromium via chromedriver, CDP throttling",
                "viewport": [PHONE.0, PHONE.1],
                "cold": "fresh hub, browser and profile per load",
                "runs": runs,
                "statistic": "median",
                "network": {
                    "latency_ms": LATENCY_MS,
                    "download_bytes_per_s": DOWN_BYTES_PER_S,
                    "upload_bytes_per_s": UP_BYTES_PER_S,
                },
                "cpu_slowdown": CPU_SLOWDOWN,
            },
            "time_to_agenda": {
                "measures": "navigation start to the next paint after the first .eh-slot has a layout box (Slow 4G, 4x CPU)",
                "app": self.app.json(),
                "floor": self.floor.json(),
                "ratio": (self.ratio() * 100.0).round() / 100.0,
                "target_ratio": TARGET_RATIO,
            },
            "sessions_1000": {
                "first_render": {
                    "measures": "later of event file responseEnd and WebAssembly instantiated, to the next paint after all 1,000 .eh-slot are in the DOM (4x CPU, no network throttling)",
                    "target": TARGET_RENDER_MS,
                    "median": probe::tenth(self.render.median),
                    "runs": self.render.json()["runs"],
                },
                "zone_switch": {
                    "measures": "click on My time (device in America/New_York) to the next paint after the first session shows the new time (4x CPU)",
                    "target": TARGET_SWITCH_MS,
                    "median": probe::tenth(self.switch.median),
                    "runs": self.switch.json()["runs"],
                },
            },
        })
    }
}
