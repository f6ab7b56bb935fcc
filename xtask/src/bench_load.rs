//! The load-time part of `cargo xtask bench`: what a person waits for, in headless Chromium
//! against `hub serve` on the built `dist/` — time to agenda on Slow 4G at 4× CPU beside a static
//! HTML floor page of the same event, and the first render and a zone switch of a generated
//! 1,000-session event (`tests/e2e/src/bin/load_bench.rs` measures; it prints its table). Time is
//! not a test: slow figures are reported, only a broken measurement fails.

use std::fs;
use std::io::ErrorKind;

use crate::run::{run, Workspace};
use crate::tools::{self, CHROMEDRIVER, CHROMIUM};

/// Builds the hub and the bench, runs it on `dist/` (which must be built) and returns its
/// figures as JSON, for `target/bench.json`.
pub fn execute(ws: &Workspace) -> Result<String, String> {
    tools::ensure_browser(ws)?;
    run(
        "hub build",
        ws.command("cargo").args(["build", "-p", "hub"]),
    )?;
    run(
        "load-bench build",
        ws.command("cargo")
            .args(["build", "-p", "hub-e2e", "--bin", "load-bench"]),
    )?;
    let debug = ws.target_dir().join("debug");
    let exe = std::env::consts::EXE_SUFFIX;
    let out = ws.target_dir().join("bench-load.json");
    // A figure left from an earlier run must never pass for this one's.
    match fs::remove_file(&out) {
        Ok(()) => {}
        Err(e) if e.kind() == ErrorKind::NotFound => {}
        Err(e) => return Err(format!("remove {}: {e}", out.display())),
    }
    run(
        "load times",
        ws.command(debug.join(format!("load-bench{exe}")))
            .arg("--json")
            .arg(&out)
            .env("HUB_E2E_BIN", debug.join(format!("hub{exe}")))
            .env("HUB_E2E_SITE", ws.dist())
            .env("CHROMEDRIVER", CHROMEDRIVER)
            .env("CHROME", CHROMIUM),
    )?;
    let figures = fs::read_to_string(&out).map_err(|e| format!("read {}: {e}", out.display()))?;
    Ok(figures.trim_end().to_owned())
}
