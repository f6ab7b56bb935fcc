//! How every xtask step runs an external command: in the workspace root, with the pinned tools
//! first on `PATH`, announced as `==> <command line>` before it starts, and with a failure turned
//! into an error that names the step.

use std::env;
use std::ffi::{OsStr, OsString};
use std::fmt;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus};

/// Why a command failed.
#[derive(Debug)]
pub enum Error {
    /// A message `main` prints before exiting with status 1.
    Message(String),
    /// The command already printed its own report (the test summary, whose last line CI reads),
    /// so `main` must print nothing more and only exit with status 1.
    Reported,
}

impl From<String> for Error {
    fn from(message: String) -> Self {
        Error::Message(message)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Message(message) => f.write_str(message),
            Error::Reported => f.write_str("failed (see the report above)"),
        }
    }
}

/// Environment variables every tool command gets; not echoed in `==>` lines because they are
/// the same for every command and `PATH` would drown the line.
const AMBIENT_VARS: [&str; 2] = ["PATH", "TRUNK_OFFLINE"];

/// The workspace the commands run in, and the `PATH` that puts the pinned tools first.
#[derive(Debug)]
pub struct Workspace {
    /// The workspace root (the parent of `xtask/`); every command runs here.
    pub root: PathBuf,
    path: OsString,
}

impl Workspace {
    /// Finds the workspace from where this crate was compiled (`<ws>/xtask`), so the commands
    /// work from any current directory.
    pub fn locate() -> Result<Self, String> {
        let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
        let root = manifest_dir
            .parent()
            .ok_or_else(|| format!("{} has no parent directory", manifest_dir.display()))?
            .to_path_buf();
        // `cargo install` puts trunk and wasm-bindgen here.
        let cargo_bin = cargo_home()?.join("bin");
        let binaryen_bin = root.join(crate::tools::BINARYEN_BIN);
        // Trunk uses a tool from PATH only when its version matches the pin in Trunk.toml, and
        // otherwise tries to download one; putting ours first keeps builds offline.
        let mut dirs = vec![binaryen_bin, cargo_bin];
        if let Some(path) = env::var_os("PATH") {
            dirs.extend(env::split_paths(&path));
        }
        let path = env::join_paths(dirs).map_err(|e| format!("cannot build PATH: {e}"))?;
        Ok(Workspace { root, path })
    }

    /// A command for `program` that runs in the workspace root with the tool `PATH` and
    /// `TRUNK_OFFLINE=true` (a version mismatch must be an error, never a download).
    pub fn command(&self, program: impl AsRef<OsStr>) -> Command {
        let mut command = Command::new(program);
        command
            .current_dir(&self.root)
            .env("PATH", &self.path)
            .env("TRUNK_OFFLINE", "true");
        command
    }

    /// Cargo's target directory: `CARGO_TARGET_DIR` when set (relative to the root), else
    /// `<ws>/target`.
    pub fn target_dir(&self) -> PathBuf {
        match env::var_os("CARGO_TARGET_DIR") {
            Some(dir) if !dir.is_empty() => self.root.join(dir),
            _ => self.root.join("target"),
        }
    }

    /// Where `trunk build` writes the app.
    pub fn dist(&self) -> PathBuf {
        self.root.join("dist")
    }
}

/// `$CARGO_HOME`, or `~/.cargo` when unset (where `cargo install` puts binaries).
fn cargo_home() -> Result<PathBuf, String> {
    if let Some(home) = env::var_os("CARGO_HOME").filter(|h| !h.is_empty()) {
        return Ok(PathBuf::from(home));
    }
    env::var_os("HOME")
        .filter(|h| !h.is_empty())
        .map(|home| PathBuf::from(home).join(".cargo"))
        .ok_or_else(|| "neither CARGO_HOME nor HOME is set".to_string())
}

/// Prints `==> <command line>`, runs the command with inherited stdio, and turns a failure to
/// start or a non-zero exit into an error naming `step`.
pub fn run(step: &str, command: &mut Command) -> Result<(), String> {
    let line = command_line(command);
    println!("==> {line}");
    let status = command
        .status()
        .map_err(|e| not_started(step, command, &e))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{step}: `{line}` {}", describe_exit(status)))
    }
}

/// Runs a query such as `trunk --version` quietly and returns its stdout and stderr, or `None`
/// when the program is missing or fails. Queries only decide what to do, so they are not steps
/// and are not announced.
pub fn probe(command: &mut Command) -> Option<String> {
    let output = command.output().ok()?;
    if !output.status.success() {
        return None;
    }
    let mut text = String::from_utf8_lossy(&output.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&output.stderr));
    Some(text)
}

/// The error for a program that could not be started, with a hint when it is simply missing.
pub fn not_started(step: &str, command: &Command, error: &std::io::Error) -> String {
    let program = command.get_program().to_string_lossy();
    if error.kind() == std::io::ErrorKind::NotFound {
        format!("{step}: `{program}` not found on PATH (try `cargo xtask tools`)")
    } else {
        format!("{step}: could not start `{program}`: {error}")
    }
}

/// The command as a shell-like line: explicitly set variables (except the ambient ones), the
/// program and its arguments, quoted where needed.
pub fn command_line(command: &Command) -> String {
    let mut words = Vec::new();
    for (key, value) in command.get_envs() {
        let key = key.to_string_lossy();
        if let Some(value) = value {
            if !AMBIENT_VARS.contains(&key.as_ref()) {
                words.push(format!("{key}={}", quote(&value.to_string_lossy())));
            }
        }
    }
    words.push(quote(&command.get_program().to_string_lossy()));
    words.extend(command.get_args().map(|a| quote(&a.to_string_lossy())));
    words.join(" ")
}

/// Quotes a word only when a shell would need it, so the usual lines stay easy to copy.
fn quote(word: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "-_./=:@,+%".contains(c);
    if !word.is_empty() && word.chars().all(plain) {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

fn describe_exit(status: ExitStatus) -> String {
    if let Some(code) = status.code() {
        return format!("exited with status {code}");
    }
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(signal) = status.signal() {
            return format!("was killed by signal {signal}");
        }
    }
    format!("failed ({status})")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn command_line_shows_own_env_but_not_the_ambient_path() {
        let mut command = Command::new("cargo");
        command
            .args(["test", "-p", "hub-e2e", "--", "--test-threads=1"])
            .env("PATH", "/very/long/path")
            .env("TRUNK_OFFLINE", "true")
            .env("CHROME", "/usr/bin/chromium");
        assert_eq!(
            command_line(&command),
            "CHROME=/usr/bin/chromium cargo test -p hub-e2e -- --test-threads=1"
        );
    }

    #[test]
    fn command_line_quotes_words_with_spaces_and_empty_words() {
        let mut command = Command::new("echo");
        command.args(["a b", "", "it's"]);
        assert_eq!(command_line(&command), r"echo 'a b' '' 'it'\''s'");
    }

    #[test]
    fn failing_command_is_an_error_naming_the_step() {
        let result = run("false step", &mut Command::new("false"));
        let message = result.err().unwrap_or_default();
        assert!(
            message.starts_with("false step: `false` exited with status 1"),
            "{message}"
        );
    }

    #[test]
    fn missing_program_is_an_error_naming_the_step() {
        let result = run("ghost", &mut Command::new("xtask-no-such-program"));
        let message = result.err().unwrap_or_default();
        assert!(
            message.contains("ghost: `xtask-no-such-program` not found"),
            "{message}"
        );
    }
}
