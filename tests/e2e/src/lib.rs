//! End-to-end harness: a copy of the built site served by the real `hub serve` on a free port, and
//! a real headless Chromium driven through chromedriver (fantoccini), sized like a phone.
//!
//! `cargo xtask test` builds the app and the hub and sets `HUB_E2E_BIN` and `HUB_E2E_SITE`;
//! `CHROMEDRIVER` and `CHROME` default to Debian's paths.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};
use tokio::process::{Child, Command};

pub mod static_site;
pub mod tiles;

/// How long to wait for the page to show something before failing.
pub const PATIENCE: Duration = Duration::from_secs(20);

/// A phone (the size the product is designed for) and a laptop.
pub const PHONE: (u32, u32) = (390, 844);
pub const LAPTOP: (u32, u32) = (1280, 800);

/// A browser on a running hub; the processes are killed on drop. A second browser on the same
/// hub ([`Harness::another_browser`]) shares the hub but not the first one's storage.
pub struct Harness {
    pub client: Client,
    pub base: String,
    site: PathBuf,
    /// The hub this harness started; `None` for another browser on someone else's hub.
    hub: Option<Hub>,
    _profile: tempfile::TempDir,
    driver: Child,
}

/// A `hub serve` process with its own copy of the site and its own data directory.
struct Hub {
    process: Child,
    port: u16,
    _site: tempfile::TempDir,
    _data: tempfile::TempDir,
}

/// `hub serve` on `port` with `site` and `data`.
fn spawn_hub(port: u16, site: &Path, data: &Path) -> Child {
    Command::new(env_path("HUB_E2E_BIN"))
        .args(["serve", "--addr", &format!("127.0.0.1:{port}")])
        .arg("--site")
        .arg(site)
        .arg("--data")
        .arg(data)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("start hub")
}

fn env_path(name: &str) -> PathBuf {
    match std::env::var_os(name) {
        Some(value) => PathBuf::from(value),
        None => panic!("{name} is not set: run the end-to-end tests through `cargo xtask test`, which builds the app and the hub first"),
    }
}

/// The workspace's root directory.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|addr| addr.port())
        .expect("a free local port")
}

pub async fn wait_for_port(port: u16, what: &str) {
    let deadline = Instant::now() + PATIENCE;
    while tokio::net::TcpStream::connect(("127.0.0.1", port))
        .await
        .is_err()
    {
        assert!(
            Instant::now() < deadline,
            "{what} did not listen on port {port} within {PATIENCE:?}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Copies the directory `from` to `to`, recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create dir");
    for entry in std::fs::read_dir(from).unwrap_or_else(|e| panic!("read {}: {e}", from.display()))
    {
        let entry = entry.expect("dir entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

impl Harness {
    /// Starts the hub on a copy of the built site and a browser with a `size` viewport.
    pub async fn start(size: (u32, u32)) -> Harness {
        let site = tempfile::tempdir().expect("temp site");
        copy_dir(&env_path("HUB_E2E_SITE"), site.path());
        let data = tempfile::tempdir().expect("temp data");
        let port = free_port();
        let process = spawn_hub(port, site.path(), data.path());
        wait_for_port(port, "hub").await;
        let site_path = site.path().to_owned();
        let hub = Hub {
            process,
            port,
            _site: site,
            _data: data,
        };
        Harness::browser(
            size,
            format!("http://127.0.0.1:{port}"),
            site_path,
            Some(hub),
        )
        .await
    }

    /// A second browser, with a profile of its own (another phone), on this harness's hub.
    pub async fn another_browser(&self, size: (u32, u32)) -> Harness {
        Harness::browser(size, self.base.clone(), self.site.clone(), None).await
    }

    async fn browser(size: (u32, u32), base: String, site: PathBuf, hub: Option<Hub>) -> Harness {
        let driver_port = free_port();
        let chromedriver =
            std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into());
        let driver = Command::new(&chromedriver)
            .arg(format!("--port={driver_port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .unwrap_or_else(|e| panic!("start {chromedriver}: {e}"));
        wait_for_port(driver_port, "chromedriver").await;

        let profile = tempfile::tempdir().expect("temp profile");
        let chrome = std::env::var("CHROME").unwrap_or_else(|_| "/usr/bin/chromium".into());
        let capabilities = json!({
            "goog:chromeOptions": {
                "binary": chrome,
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                    "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", format!("--user-data-dir={}", profile.path().display()),
                    format!("--window-size={},{}", size.0, size.1),
                ]
            },
            "goog:loggingPrefs": { "browser": "ALL" }
        });
        let Value::Object(capabilities) = capabilities else {
            unreachable!("a JSON object")
        };
        let client = ClientBuilder::rustls()
            .expect("rustls")
            .capabilities(capabilities)
            .connect(&format!("http://127.0.0.1:{driver_port}"))
            .await
            .expect("connect to chromedriver");
        let harness = Harness {
            client,
            base,
            site,
            hub,
            _profile: profile,
            driver,
        };
        harness.set_viewport(size).await;
        harness
    }

    /// Stops this harness's hub: the browser's requests then really fail, its service worker's
    /// too (network emulation does not reach a service worker's own fetches).
    pub async fn stop_hub(&mut self) {
        let hub = self.hub.as_mut().expect("a harness that started its hub");
        hub.process.kill().await.expect("stop hub");
        let _ = hub.process.wait().await;
    }

    /// Starts the hub again on the same port, site and data.
    pub async fn restart_hub(&mut self) {
        let hub = self.hub.as_mut().expect("a harness that started its hub");
        hub.process = spawn_hub(hub.port, hub._site.path(), hub._data.path());
        let port = hub.port;
        wait_for_port(port, "hub").await;
    }

    /// The served site's directory (a copy of the built one).
    pub fn site(&self) -> &Path {
        &self.site
    }

    /// Makes the page viewport exactly `size` CSS pixels, as on the device (the window size
    /// alone includes browser chrome on some versions).
    pub async fn set_viewport(&self, (width, height): (u32, u32)) {
        self.cdp(
            "Emulation.setDeviceMetricsOverride",
            json!({ "width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600 }),
        )
        .await;
    }

    /// Runs a Chrome DevTools Protocol command through chromedriver.
    pub async fn cdp(&self, cmd: &str, params: Value) -> Value {
        self.client
            .issue_cmd(Raw::post(
                "goog/cdp/execute",
                json!({ "cmd": cmd, "params": params }),
            ))
            .await
            .unwrap_or_else(|e| panic!("CDP {cmd}: {e}"))
    }

    /// Puts the browser in `zone` (CDP `Emulation.setTimezoneOverride`), as if the device were there.
    pub async fn set_time_zone(&self, zone: &str) {
        self.cdp(
            "Emulation.setTimezoneOverride",
            json!({ "timezoneId": zone }),
        )
        .await;
    }

    /// Clicks the element matching `css`.
    pub async fn click(&self, css: &str) {
        self.client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no {css}: {e}"))
            .click()
            .await
            .unwrap_or_else(|e| panic!("click {css}: {e}"));
    }

    /// Waits until the text of `css` contains `expected` (signals update the DOM on the next
    /// tick) and returns it.
    pub async fn wait_for_text(&self, css: &str, expected: &str) -> String {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let text = self.text_of(css).await;
            if text.contains(expected) {
                return text;
            }
            assert!(
                Instant::now() < deadline,
                "{css} never showed {expected:?}; last text: {text:?}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Waits until the text of `css` passes `check` (described by `what` in the failure) and
    /// returns it.
    pub async fn wait_until(&self, css: &str, what: &str, check: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let text = self.text_of(css).await;
            if check(&text) {
                return text;
            }
            assert!(
                Instant::now() < deadline,
                "{css} never {what}; last text: {text:?}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Types `text` into the field matching `css`.
    pub async fn type_into(&self, css: &str, text: &str) {
        self.client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no {css}: {e}"))
            .send_keys(text)
            .await
            .unwrap_or_else(|e| panic!("type into {css}: {e}"));
    }

    /// Cuts the browser off the network, or connects it again (CDP network emulation).
    pub async fn set_offline(&self, offline: bool) {
        self.cdp("Network.enable", json!({})).await;
        self.cdp(
            "Network.emulateNetworkConditions",
            json!({ "offline": offline, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1 }),
        )
        .await;
    }

    /// Opens `path` on the hub.
    pub async fn open(&self, path: &str) {
        self.client
            .goto(&format!("{}{path}", self.base))
            .await
            .unwrap_or_else(|e| panic!("open {path}: {e}"));
    }

    /// Waits until an element matching `css` exists and returns its text.
    ///
    /// Links between the hub's pages are full page loads, so an element found just before one
    /// lands can go stale: then it is looked up again on the new page.
    pub async fn text_of(&self, css: &str) -> String {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let element = self
                .client
                .wait()
                .at_most(PATIENCE)
                .for_element(Locator::Css(css))
                .await
                .unwrap_or_else(|e| panic!("no element {css:?} within {PATIENCE:?}: {e}"));
            match element.text().await {
                Ok(text) => return text,
                Err(fantoccini::error::CmdError::Standard(e))
                    if e.error == fantoccini::error::ErrorStatus::StaleElementReference
                        && Instant::now() < deadline =>
                {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
                Err(e) => panic!("text of {css:?}: {e}"),
            }
        }
    }

    /// The visible text of the whole page.
    pub async fn page_text(&self) -> String {
        self.text_of("body").await
    }

    /// Console messages of level SEVERE since the last call.
    pub async fn console_errors(&self) -> Vec<String> {
        let log = self
            .client
            .issue_cmd(Raw::post("se/log", json!({ "type": "browser" })))
            .await
            .expect("browser log");
        log.as_array()
            .into_iter()
            .flatten()
            .filter(|entry| entry["level"] == "SEVERE")
            .map(|entry| entry["message"].as_str().unwrap_or_default().to_owned())
            .collect()
    }

    /// Scrolls the element matching `css` to the middle of the viewport (before a screenshot).
    pub async fn scroll_to(&self, css: &str) {
        self.client
            .execute(
                "document.querySelector(arguments[0]).scrollIntoView({block: 'center'});",
                vec![json!(css)],
            )
            .await
            .unwrap_or_else(|e| panic!("scroll to {css}: {e}"));
    }

    /// Saves a screenshot under `target/screenshots/` for people to look at.
    pub async fn screenshot(&self, name: &str) {
        let png = self.client.screenshot().await.expect("screenshot");
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/screenshots");
        std::fs::create_dir_all(&dir).expect("screenshot dir");
        std::fs::write(dir.join(format!("{name}.png")), png).expect("write screenshot");
    }

    /// Runs axe-core on the page as it is now and returns one line per violation (rule, impact,
    /// the first offending elements); empty when the page passes. axe is injected from the npm
    /// package `cargo xtask tools` installs.
    pub async fn axe_violations(&self) -> Vec<String> {
        let path = workspace_root().join(".tools/npm/node_modules/axe-core/axe.min.js");
        let source = std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!(
                "{}: {e}; `cargo xtask tools` installs axe-core",
                path.display()
            )
        });
        self.client
            .execute(&source, vec![])
            .await
            .expect("inject axe-core");
        let result = self
            .client
            .execute(
                r#"return axe.run(document, { resultTypes: ["violations"] }).then((r) =>
                    r.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ` +
                        v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")));"#,
                vec![],
            )
            .await
            .expect("axe.run");
        result
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect()
    }

    /// Emulates the system's dark or light colour scheme (CDP `Emulation.setEmulatedMedia`).
    pub async fn set_dark(&self, dark: bool) {
        let scheme = if dark { "dark" } else { "light" };
        self.cdp(
            "Emulation.setEmulatedMedia",
            json!({ "features": [{ "name": "prefers-color-scheme", "value": scheme }] }),
        )
        .await;
    }

    /// Writes a file into the served site (e.g. a broken event file).
    pub fn write_site_file(&self, relative: &str, contents: &str) {
        std::fs::write(self.site.join(relative), contents).expect("write site file");
    }

    /// Closes the browser session (the processes are killed on drop).
    pub async fn close(self) {
        let Harness {
            client,
            hub,
            mut driver,
            ..
        } = self;
        let _ = client.close().await;
        if let Some(mut hub) = hub {
            let _ = hub.process.kill().await;
        }
        let _ = driver.kill().await;
    }
}

/// A WebDriver command fantoccini has no method for (chromedriver's CDP bridge and logs).
#[derive(Debug)]
struct Raw {
    path: &'static str,
    body: Value,
}

impl Raw {
    fn post(path: &'static str, body: Value) -> Raw {
        Raw { path, body }
    }
}

impl WebDriverCompatibleCommand for Raw {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!(
            "session/{}/{}",
            session.unwrap_or_default(),
            self.path
        ))
    }

    fn method_and_body(&self, _url: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(self.body.to_string()))
    }
}
