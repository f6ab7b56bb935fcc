//! `cargo xtask build`: the pinned build tools, then the release app into `dist/`.

use crate::run::{run, Workspace};
use crate::tools;

pub fn execute(ws: &Workspace) -> Result<(), String> {
    tools::ensure_build_tools(ws)?;
    trunk_build(ws)
}

/// `trunk build --release --offline`: offline so a tool version mismatch is an error instead of
/// a download attempt (only package registries are reachable here).
pub fn trunk_build(ws: &Workspace) -> Result<(), String> {
    // `--offline` takes an optional value, so it goes last where it cannot swallow a word.
    run(
        "build the app",
        ws.command("trunk")
            .args(["build", "--release", "--offline"]),
    )
}
