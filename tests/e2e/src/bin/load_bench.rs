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
//! (5) loads. A slow figure is a result, not a failure: a load still busy after `--cap` seconds
//! (60) counts as "over the cap" and ends that figure's runs (repeating it would only burn the
//! cap again). Only a broken measurement is an error (exit 1).
//!
//! Usage: `load-bench [--json FILE] [--runs N] [--cap SECONDS] [--event ID] [--write SITE]`;
//! `--write` only adds the bench's pages (the floor, the 1,000-session event) to SITE, to look at
//! them by hand.

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
use fantoccini::error::CmdError;
use fantoccini::wd::TimeoutConfiguration;
use hub_e2e::{Harness, PHONE};
use serde_json::{json, Value};

use probe::{Figure, Run};

/// Slow 4G as Lighthouse and DevTools define it.
const LATENCY_MS: f64 = 150.0;
const DOWN_BYTES_PER_S: f64 = 1.6e6 / 8.0;
const UP_BYTES_PER_S: f64 = 750e3 / 8.0;
const CPU_SLOWDOWN: f64 = 4.0;
/// The zone the device is in for the zone switch (the event is in Europe/Berlin).
const DEVICE_ZONE: &str = "America/New_York";
/// The agenda's sessions, as the app marks them up (src/components/agenda.rs).
const SLOT: &str = ".eh-slot";
const SLOT_TIME: &str = ".eh-slot .eh-slot__time";
const ZONE_CHIPS: &str = ".eh-zonebar__choices .eh-chip";
/// Quiet time after the browser starts, so its own start-up work is not measured.
const SETTLE: Duration = Duration::from_millis(1000);
/// A person reads before tapping: the page goes idle before the zone switch.
const BEFORE_TAP: Duration = Duration::from_millis(500);
/// Longest wait for closing a browser whose page may still be busy.
const CLOSE_TIMEOUT: Duration = Duration::from_secs(30);

/// Targets from the issue, reported beside the figures (never enforced).
const TARGET_RATIO: f64 = 2.0;
const TARGET_RENDER_MS: f64 = 150.0;
const TARGET_SWITCH_MS: f64 = 30.0;

const USAGE: &str =
    "usage: load-bench [--json FILE] [--runs N] [--cap SECONDS] [--event ID] [--write SITE]";

struct Options {
    json: Option<PathBuf>,
    runs: usize,
    cap: Duration,
    event: String,
    write: Option<PathBuf>,
}

fn options() -> Result<Options, String> {
    let mut options = Options {
        json: None,
        runs: 5,
        cap: Duration::from_secs(60),
        event: "scs-hackathon-3".into(),
        write: None,
    };
    let mut args = std::env::args_os().skip(1);
    while let Some(arg) = args.next() {
        let arg = arg.to_string_lossy().into_owned();
        let mut value = || {
            args.next()
                .map(|v| v.to_string_lossy().into_owned())
                .ok_or_else(|| format!("{arg} needs a value\n{USAGE}"))
        };
        let positive = |text: String| text.parse::<u64>().ok().filter(|&n| n > 0);
        match arg.as_str() {
            "--json" => options.json = Some(PathBuf::from(value()?)),
            "--runs" => {
                let runs = positive(value()?).ok_or("--runs needs a positive number")?;
                options.runs = usize::try_from(runs).map_err(|e| format!("--runs: {e}"))?;
            }
            "--cap" => {
                let cap = positive(value()?).ok_or("--cap needs a positive number of seconds")?;
                options.cap = Duration::from_secs(cap);
            }
            "--event" => options.event = value()?,
            "--write" => options.write = Some(PathBuf::from(value()?)),
            other => return Err(format!("unexpected argument {other:?}\n{USAGE}")),
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
    let event = check_event(&read(&event_file)?, &Tzdb)
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

    let bench = Bench {
        files,
        cap: options.cap,
    };
    let app_path = format!("/events/{}", options.event);
    let floor_path = format!("/{}", floor::PATH);
    let (mut app, mut bare) = (Vec::new(), Vec::new());
    for run in 1..=options.runs {
        // In turns, so both see the same machine (other builds share its two cores).
        let app_run = bench.time_to_agenda(&app_path).await?;
        let floor_run = bench.time_to_agenda(&floor_path).await?;
        app.push(app_run);
        bare.push(floor_run);
        eprintln!(
            "load-bench: time to agenda {run}/{}: app {}, floor {}",
            options.runs,
            probe::show(app_run, 0),
            probe::show(floor_run, 0)
        );
        if app_run.is_none() || floor_run.is_none() {
            break;
        }
    }
    let (mut render, mut switch) = (Vec::new(), Vec::new());
    for run in 1..=options.runs {
        let (first, zone) = bench.thousand_sessions().await?;
        eprintln!(
            "load-bench: 1,000 sessions {run}/{}: first render {}, zone switch {}",
            options.runs,
            probe::show(first, 1),
            zone.map_or("not measured".into(), |zone| probe::show(zone, 1))
        );
        render.push(first);
        switch.extend(zone);
        if first.is_none() || zone.flatten().is_none() {
            break;
        }
    }

    let report = Report {
        app: Figure::of(app)?,
        floor: Figure::of(bare)?,
        render: Figure::of(render)?,
        switch: Figure::of(switch)?,
        runs: options.runs,
        cap: options.cap,
    };
    print!("{}", report.table());
    if let Some(path) = &options.json {
        let text =
            serde_json::to_string_pretty(&report.json()).map_err(|e| format!("serialize: {e}"))?;
        std::fs::write(path, text + "\n").map_err(|e| format!("write {}: {e}", path.display()))?;
    }
    Ok(())
}

/// Whether a WebDriver command failed only because the page was still busy at the cap.
fn over_cap(error: &CmdError) -> bool {
    error.is_timeout() || error.is_script_timeout()
}

/// Kills, by process id, every process still running on the browser profile `profile` (found
/// by its `--user-data-dir` argument in `/proc`; elsewhere there is nothing to find).
fn kill_browser(profile: &str) {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return;
    };
    let argument = format!("--user-data-dir={profile}");
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name
            .to_str()
            .filter(|n| n.bytes().all(|b| b.is_ascii_digit()))
        else {
            continue;
        };
        let Ok(cmdline) = std::fs::read(entry.path().join("cmdline")) else {
            continue;
        };
        if cmdline
            .split(|&byte| byte == 0)
            .any(|arg| arg == argument.as_bytes())
        {
            let _ = std::process::Command::new("kill")
                .args(["-KILL", pid])
                .status();
        }
    }
}

fn number(value: &Value, key: &str, what: &str) -> Result<f64, String> {
    value[key]
        .as_f64()
        .ok_or_else(|| format!("{what}: no {key} in {value}"))
}

struct Bench {
    files: Files,
    cap: Duration,
}

impl Bench {
    /// A fresh hub and browser (new profile: nothing cached) with the bench's files in the site.
    async fn start(&self) -> Result<Harness, String> {
        let hub = Harness::start(PHONE).await;
        for (relative, text) in self.files.site_files() {
            hub.write_site_file(&relative, text);
        }
        hub.client
            .update_timeouts(TimeoutConfiguration::new(
                Some(self.cap),
                Some(self.cap),
                None,
            ))
            .await
            .map_err(|e| format!("set timeouts: {e}"))?;
        Ok(hub)
    }

    /// Closes the browser. A page still busy past the cap can keep chromedriver from closing
    /// it, so then the browser is killed first; and whatever still runs on the load's profile
    /// afterwards is killed too — nothing may be left burning a shared core.
    async fn stop(hub: Harness, busy: bool) {
        let profile = hub
            .client
            .capabilities()
            .and_then(|capabilities| capabilities.get("chrome"))
            .and_then(|chrome| chrome["userDataDir"].as_str())
            .map(str::to_owned);
        if let (true, Some(profile)) = (busy, &profile) {
            kill_browser(profile);
        }
        let _ = tokio::time::timeout(CLOSE_TIMEOUT, hub.close()).await;
        if let Some(profile) = &profile {
            kill_browser(profile);
        }
    }

    /// `command` (a WebDriver round trip), given up on a little after the cap even when
    /// chromedriver does not give up itself; `Ok(None)` when the page was still busy.
    async fn within_cap<T>(
        &self,
        command: impl std::future::Future<Output = Result<T, CmdError>>,
    ) -> Result<Option<T>, CmdError> {
        match tokio::time::timeout(self.cap + CLOSE_TIMEOUT, command).await {
            Ok(Ok(value)) => Ok(Some(value)),
            Ok(Err(error)) if over_cap(&error) => Ok(None),
            Ok(Err(error)) => Err(error),
            Err(_elapsed) => Ok(None),
        }
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
            json!({ "rate": CPU_SLOWDOWN }),
        )
        .await;
        hub.cdp(
            "Page.addScriptToEvaluateOnNewDocument",
            json!({ "source": probe::observer(SLOT, min_slots) }),
        )
        .await;
    }

    /// Opens `path` and returns the observer's figures; `None` when the page was still busy at
    /// the cap.
    async fn open_and_observe(&self, hub: &Harness, path: &str) -> Result<Option<Value>, String> {
        tokio::time::sleep(SETTLE).await;
        let url = format!("{}{path}", hub.base);
        let opened = self
            .within_cap(hub.client.goto(&url))
            .await
            .map_err(|e| format!("open {path}: {e}"))?;
        if opened.is_none() {
            return Ok(None);
        }
        self.within_cap(hub.client.execute(probe::AWAIT_OBSERVER, vec![]))
            .await
            .map_err(|e| format!("{path}: no agenda session was seen: {e}"))
    }

    /// One cold load of `path` on Slow 4G at 4× CPU: navigation start → first session painted.
    async fn time_to_agenda(&self, path: &str) -> Result<Run, String> {
        let hub = self.start().await?;
        Self::throttle(&hub, true, 1).await;
        let seen = self.open_and_observe(&hub, path).await;
        let busy = !matches!(seen, Ok(Some(_)));
        Self::stop(hub, busy).await;
        seen?.map(|seen| number(&seen, "visible", path)).transpose()
    }

    /// One cold load of the 1,000-session event at 4× CPU: the first render and, when it came
    /// within the cap, the zone switch.
    async fn thousand_sessions(&self) -> Result<(Run, Option<Run>), String> {
        let hub = self.start().await?;
        let result = self.measure_thousand(&hub).await;
        let busy = !matches!(result, Ok((Some(_), Some(Some(_)))));
        Self::stop(hub, busy).await;
        result
    }

    async fn measure_thousand(&self, hub: &Harness) -> Result<(Run, Option<Run>), String> {
        let what = "1,000 sessions";
        hub.set_time_zone(DEVICE_ZONE).await;
        Self::throttle(hub, false, big_event::SESSIONS).await;
        let path = format!("/events/{}", big_event::ID);
        let Some(seen) = self.open_and_observe(hub, &path).await? else {
            return Ok((None, None));
        };
        let file = format!("{path}.json");
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

        tokio::time::sleep(BEFORE_TAP).await;
        let switch = hub.client.execute(
            probe::ZONE_SWITCH,
            vec![json!(ZONE_CHIPS), json!(SLOT_TIME), json!(SLOT)],
        );
        let Some(switched) = self
            .within_cap(switch)
            .await
            .map_err(|e| format!("{what}: zone switch: {e}"))?
        else {
            return Ok((Some(first_render), Some(None)));
        };
        if let Some(error) = switched["error"].as_str() {
            return Err(format!("{what}: zone switch: {error}"));
        }
        let slots = switched["slots"].as_u64().unwrap_or_default();
        if slots != big_event::SESSIONS as u64 {
            return Err(format!(
                "{what}: {slots} sessions on the page after the zone switch"
            ));
        }
        let switch = number(&switched, "painted", what)?;
        Ok((Some(first_render), Some(Some(switch))))
    }
}

/// Everything one run of the bench measured.
struct Report {
    app: Figure,
    floor: Figure,
    render: Figure,
    switch: Figure,
    runs: usize,
    cap: Duration,
}

impl Report {
    /// App over floor, when both medians are within the cap.
    fn ratio(&self) -> Option<f64> {
        Some(self.app.median()? / self.floor.median()?)
    }

    fn table(&self) -> String {
        let row = |what: &str, median: String, target: &str, runs: String| {
            format!("{what:<38}  {median:>12}  {target:<9}  {runs}\n")
        };
        let cap = self.cap.as_secs();
        let mut out = format!(
            "\nload times: headless Chromium, {}×{} phone viewport, median of {} cold loads \
             (cap {cap} s)\n",
            PHONE.0, PHONE.1, self.runs
        );
        out.push_str(&row(
            "figure",
            "median".into(),
            "target",
            "runs (ms)".into(),
        ));
        out.push_str(&row(
            "time to agenda, app (Slow 4G, 4× CPU)",
            self.app.show_median(0, cap),
            "",
            self.app.show_runs(),
        ));
        out.push_str(&row(
            "time to agenda, static HTML (floor)",
            self.floor.show_median(0, cap),
            "",
            self.floor.show_runs(),
        ));
        out.push_str(&row(
            "ratio app / floor",
            self.ratio()
                .map_or("-".into(), |ratio| format!("{ratio:.2}×")),
            &format!("≤ {TARGET_RATIO}×"),
            String::new(),
        ));
        out.push_str(&row(
            "1,000 sessions: first render (4× CPU)",
            self.render.show_median(1, cap),
            &format!("≤ {TARGET_RENDER_MS} ms"),
            self.render.show_runs(),
        ));
        out.push_str(&row(
            "1,000 sessions: zone switch (4× CPU)",
            self.switch.show_median(1, cap),
            &format!("≤ {TARGET_SWITCH_MS} ms"),
            self.switch.show_runs(),
        ));
        out
    }

    fn json(&self) -> Value {
        let ratio = self.ratio().map(|ratio| (ratio * 100.0).round() / 100.0);
        json!({
            "unit": "ms",
            "conditions": {
                "browser": "headless Chromium via chromedriver, CDP throttling",
                "viewport": [PHONE.0, PHONE.1],
                "cold": "fresh hub, browser and profile per load",
                "runs": self.runs,
                "statistic": "median; a run over the cap counts as slower than any other and ends that figure's runs",
                "cap_ms": self.cap.as_millis() as u64,
                "network": {
                    "latency_ms": LATENCY_MS,
                    "download_bytes_per_s": DOWN_BYTES_PER_S,
                    "upload_bytes_per_s": UP_BYTES_PER_S,
                },
                "cpu_slowdown": CPU_SLOWDOWN,
            },
            "time_to_agenda": {
                "measures": "navigation start to the next paint after the first .eh-slot has a layout box (Slow 4G, 4x CPU)",
                "app": self.app.json(None),
                "floor": self.floor.json(None),
                "ratio": ratio,
                "target_ratio": TARGET_RATIO,
            },
            "sessions_1000": {
                "first_render": self.render.json(Some((
                    "later of event file responseEnd and WebAssembly instantiated, to the next paint after all 1,000 .eh-slot are in the DOM (4x CPU, no network throttling)",
                    TARGET_RENDER_MS,
                ))),
                "zone_switch": self.switch.json(Some((
                    "click on My time (device in America/New_York) to the next paint after the first session shows the new time (4x CPU)",
                    TARGET_SWITCH_MS,
                ))),
            },
        })
    }
}
