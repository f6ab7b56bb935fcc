//! `cargo xtask serve`: build the app and the hub, then run `hub serve` in the foreground on
//! `http://127.0.0.1:8080/` with the sample events and sign-ups stored under `./data/`, kept
//! for ever (`--retention-days 0`).

use std::env;
use std::ffi::OsString;
use std::path::Path;

use crate::build;
use crate::run::{command_line, not_started, run, Workspace};

/// `hub serve`'s options we set, each with the variable `hub` reads instead and our default.
/// Retention is off because the sample event ended in 2023: the default 30 days would delete
/// its sign-ups at every start, and the demo is for trying the sheets.
const DEFAULTS: [(&str, &str, &str); 4] = [
    ("--addr", "HUB_ADDR", "127.0.0.1:8080"),
    ("--site", "HUB_SITE", "dist"),
    ("--data", "HUB_DATA", "data"),
    ("--retention-days", "HUB_RETENTION_DAYS", "0"),
];

/// Runs the hub; `extra` (the words after `--`) go to `hub serve` unchanged.
pub fn execute(ws: &Workspace, extra: &[OsString]) -> Result<(), String> {
    build::execute(ws)?;
    run(
        "build the hub",
        ws.command("cargo")
            .args(["build", "--release", "-p", "hub"]),
    )?;

    let hub = ws
        .target_dir()
        .join("release")
        .join(format!("hub{}", env::consts::EXE_SUFFIX));
    let mut command = ws.command(&hub);
    command.arg("serve");
    let words: Vec<String> = extra
        .iter()
        .map(|w| w.to_string_lossy().into_owned())
        .collect();
    for (flag, var, default) in DEFAULTS {
        // Clap rejects a repeated option, and `hub` reads the variable itself when the option
        // is absent, so set ours only when neither the caller's words nor the variable do.
        if option_value(&words, flag).is_none() && env::var_os(var).is_none() {
            command.args([flag, default]);
        }
    }
    command.args(extra);

    let addr = option_value(&words, "--addr")
        .or_else(|| env::var("HUB_ADDR").ok())
        .unwrap_or_else(|| DEFAULTS[0].2.to_string());
    println!("Open http://{addr}/");
    start_in_foreground(&hub, &mut command)
}

/// Replaces this process with the hub (on Unix), so Ctrl-C and SIGTERM reach the hub alone and
/// it shuts down cleanly instead of being orphaned by a dying xtask.
fn start_in_foreground(hub: &Path, command: &mut std::process::Command) -> Result<(), String> {
    println!("==> {}", command_line(command));
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        // `exec` only returns on failure.
        let error = command.exec();
        Err(not_started(
            &format!("start {}", hub.display()),
            command,
            &error,
        ))
    }
    #[cfg(not(unix))]
    {
        let status = command
            .status()
            .map_err(|e| not_started(&format!("start {}", hub.display()), command, &e))?;
        if status.success() {
            Ok(())
        } else {
            Err(format!("hub serve {status}"))
        }
    }
}

/// The value of `--flag VALUE` or `--flag=VALUE` in `words`.
fn option_value(words: &[String], flag: &str) -> Option<String> {
    let mut iter = words.iter();
    while let Some(word) = iter.next() {
        if word == flag {
            return iter.next().cloned();
        }
        if let Some(value) = word
            .strip_prefix(flag)
            .and_then(|rest| rest.strip_prefix('='))
        {
            return Some(value.to_string());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        text.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn option_value_reads_both_spellings() {
        assert_eq!(
            option_value(&words("--addr 0.0.0.0:9000"), "--addr").as_deref(),
            Some("0.0.0.0:9000")
        );
        assert_eq!(
            option_value(&words("--data=/tmp/d --addr=[::1]:80"), "--addr").as_deref(),
            Some("[::1]:80")
        );
        assert_eq!(option_value(&words("--address x"), "--addr"), None);
    }
}
