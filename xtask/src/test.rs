//! `cargo xtask test`: every check and all three test tiers (native, browser, end-to-end), in
//! order, stopping at the first failure. Ends with a summary whose last line,
//! `N passed, M failed`, is what CI reads.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::build;
use crate::run::{run, Error, Workspace};
use crate::tools::{self, CHROMEDRIVER, CHROMIUM};

/// One step of the test run: a name for the log and the summary, and what it does.
type Step = (&'static str, fn(&Workspace) -> Result<(), String>);

const STEPS: [Step; 9] = [
    ("tools", tools::execute),
    ("format", format),
    ("clippy", clippy),
    ("native tests", native_tests),
    ("browser tests", browser_tests),
    ("app build", build::trunk_build),
    ("size budget", crate::budget::check),
    ("hub build", hub_build),
    ("end-to-end tests", end_to_end_tests),
];

pub fn execute(ws: &Workspace) -> Result<(), Error> {
    let mut outcomes = Vec::new();
    for (index, (name, step)) in STEPS.iter().enumerate() {
        println!("\n--- {name} ({}/{})", index + 1, STEPS.len());
        let started = Instant::now();
        let result = step(ws);
        let elapsed = started.elapsed();
        let failed = result.is_err();
        outcomes.push((*name, Outcome::from_result(result, elapsed)));
        if failed {
            break;
        }
    }
    for (name, _) in &STEPS[outcomes.len()..] {
        outcomes.push((name, Outcome::NotRun));
    }

    println!();
    let report = summary(&outcomes);
    for line in &report.lines {
        println!("{line}");
    }
    if report.failed == 0 {
        Ok(())
    } else {
        Err(Error::Reported)
    }
}

fn format(ws: &Workspace) -> Result<(), String> {
    run(
        "format check",
        ws.command("cargo").args(["fmt", "--all", "--", "--check"]),
    )
}

fn clippy(ws: &Workspace) -> Result<(), String> {
    run(
        "clippy",
        ws.command("cargo").args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ]),
    )
}

fn native_tests(ws: &Workspace) -> Result<(), String> {
    // The end-to-end tests need the built app and hub; they run last.
    run(
        "native tests",
        ws.command("cargo")
            .args(["test", "--workspace", "--exclude", "hub-e2e"]),
    )
}

/// wasm-bindgen-test in headless Chromium: cargo runs each test wasm through the runner, which
/// drives chromedriver with the Chrome arguments from `webdriver.json`.
fn browser_tests(ws: &Workspace) -> Result<(), String> {
    // Without it Chromium starts sandboxed with a GUI and fails as root, far less clearly.
    let webdriver = ws.root.join("webdriver.json");
    if !webdriver.is_file() {
        return Err(format!(
            "browser tests: {} is missing (it holds the headless Chromium arguments)",
            webdriver.display()
        ));
    }
    run(
        "browser tests",
        ws.command("cargo")
            .args([
                "test",
                "-p",
                "event-hub",
                "--target",
                "wasm32-unknown-unknown",
            ])
            .env(
                "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER",
                "wasm-bindgen-test-runner",
            )
            .env("CHROMEDRIVER", CHROMEDRIVER),
    )
}

fn hub_build(ws: &Workspace) -> Result<(), String> {
    run(
        "hub build",
        ws.command("cargo").args(["build", "-p", "hub"]),
    )
}

/// Real Chromium against `hub serve` on the built app; one test at a time because each starts
/// its own hub and browser and the machine has two cores.
fn end_to_end_tests(ws: &Workspace) -> Result<(), String> {
    let hub = hub_binary(&ws.target_dir());
    run(
        "end-to-end tests",
        ws.command("cargo")
            .args(["test", "-p", "hub-e2e", "--", "--test-threads=1"])
            .env("HUB_E2E_BIN", &hub)
            .env("HUB_E2E_SITE", ws.dist())
            .env("CHROMEDRIVER", CHROMEDRIVER)
            .env("CHROME", CHROMIUM),
    )
}

fn hub_binary(target_dir: &Path) -> PathBuf {
    target_dir
        .join("debug")
        .join(format!("hub{}", std::env::consts::EXE_SUFFIX))
}

/// How one step went.
#[derive(Debug, Clone, PartialEq)]
enum Outcome {
    Passed(Duration),
    Failed(Duration, String),
    /// Skipped because an earlier step failed.
    NotRun,
}

impl Outcome {
    fn from_result(result: Result<(), String>, elapsed: Duration) -> Self {
        match result {
            Ok(()) => Outcome::Passed(elapsed),
            Err(message) => Outcome::Failed(elapsed, message),
        }
    }
}

/// The lines printed at the end, and the failure count for the exit status.
struct Report {
    lines: Vec<String>,
    failed: usize,
}

/// One aligned line per step (`ok    native tests    142.3 s`), the failing step's error, and
/// last the `N passed, M failed` line CI reads.
fn summary(outcomes: &[(&str, Outcome)]) -> Report {
    let width = outcomes
        .iter()
        .map(|(name, _)| name.len())
        .max()
        .unwrap_or(0);
    let mut lines = Vec::new();
    let (mut passed, mut failed) = (0, 0);
    let mut errors = Vec::new();
    for (name, outcome) in outcomes {
        let line = match outcome {
            Outcome::Passed(elapsed) => {
                passed += 1;
                format!("ok    {name:<width$}  {:>7.1} s", elapsed.as_secs_f64())
            }
            Outcome::Failed(elapsed, message) => {
                failed += 1;
                errors.push(format!("{name} failed: {message}"));
                format!("FAIL  {name:<width$}  {:>7.1} s", elapsed.as_secs_f64())
            }
            Outcome::NotRun => format!("skip  {name:<width$}  {:>7}", "-"),
        };
        lines.push(line.trim_end().to_string());
    }
    lines.extend(errors);
    lines.push(format!("{passed} passed, {failed} failed"));
    Report { lines, failed }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_of_a_clean_run_ends_with_all_passed() {
        let report = summary(&[
            ("tools", Outcome::Passed(Duration::from_millis(800))),
            (
                "native tests",
                Outcome::Passed(Duration::from_millis(142_340)),
            ),
        ]);
        assert_eq!(
            report.lines,
            [
                "ok    tools             0.8 s",
                "ok    native tests    142.3 s",
                "2 passed, 0 failed",
            ]
        );
        assert_eq!(report.failed, 0);
    }

    #[test]
    fn summary_of_a_failed_run_names_the_step_and_ends_with_the_count() {
        let report = summary(&[
            ("format", Outcome::Passed(Duration::from_secs(1))),
            (
                "clippy",
                Outcome::Failed(Duration::from_secs(40), "clippy: exited 101".into()),
            ),
            ("native tests", Outcome::NotRun),
        ]);
        assert_eq!(
            report.lines,
            [
                "ok    format            1.0 s",
                "FAIL  clippy           40.0 s",
                "skip  native tests        -",
                "clippy failed: clippy: exited 101",
                "1 passed, 1 failed",
            ]
        );
        assert_eq!(report.failed, 1);
    }

    #[test]
    fn steps_cover_all_three_tiers_with_end_to_end_last() {
        let names: Vec<&str> = STEPS.iter().map(|(name, _)| *name).collect();
        assert!(names.contains(&"native tests") && names.contains(&"browser tests"));
        assert_eq!(names.last(), Some(&"end-to-end tests"));
    }
}
