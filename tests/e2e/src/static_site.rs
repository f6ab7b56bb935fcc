//! A plain static file server — Python's `http.server`, no `hub serve` — for the pages of a host
//! website that embeds the hub: what a Jekyll site's output on any static host looks like.

use std::path::Path;
use std::process::Stdio;

use tokio::process::{Child, Command};

use crate::{free_port, wait_for_port};

/// Serves a directory on a free port until dropped.
pub struct StaticSite {
    pub base: String,
    _process: Child,
}

impl StaticSite {
    /// Serves `dir` at `http://127.0.0.1:{port}/`.
    pub async fn start(dir: &Path) -> StaticSite {
        let port = free_port();
        let process = Command::new("python3")
            .args([
                "-m",
                "http.server",
                &port.to_string(),
                "--bind",
                "127.0.0.1",
            ])
            .arg("--directory")
            .arg(dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .expect("start python3 -m http.server");
        wait_for_port(port, "the static site").await;
        StaticSite {
            base: format!("http://127.0.0.1:{port}"),
            _process: process,
        }
    }
}
