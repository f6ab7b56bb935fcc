//! `cargo xtask tools`: installs the pinned tools the build and the tests need, skipping each one
//! that is already present in the right version. Only package registries are reachable on our
//! machines, so every tool comes from crates.io, npm or apt — nothing downloads binaries later.

use std::fs;
use std::path::PathBuf;

use crate::run::{probe, run, Workspace};

/// Trunk 0.22 needs a newer rustc than we can assume, so stay on 0.21.
pub const TRUNK_VERSION: &str = "0.21.14";
/// npm's `binaryen` package; Debian's binaryen 108 produces wasm that throws
/// `WebAssembly.Table.set()` at load, so it must never be the one on PATH.
pub const BINARYEN_PACKAGE: &str = "binaryen@132.0.0";
/// What `wasm-opt --version` reports for that package (and what Trunk.toml pins).
const WASM_OPT_VERSION: &str = "132";
/// Where that package is installed, relative to the workspace root.
pub const BINARYEN_DIR: &str = ".tools/binaryen";
/// Its executables; `Workspace::command` puts this first on PATH.
pub const BINARYEN_BIN: &str = ".tools/binaryen/node_modules/.bin";
/// npm's `terser`, which minifies the JavaScript glue of each bundle (Trunk's minifier cannot
/// read current wasm-bindgen output). Its own prefix: an npm install prunes what it did not list.
pub const TERSER_PACKAGE: &str = "terser@5.36.0";
const TERSER_DIR: &str = ".tools/terser";
pub const TERSER_BIN: &str = ".tools/terser/node_modules/.bin/terser";
const WASM_TARGET: &str = "wasm32-unknown-unknown";
/// What the tests load from npm: axe-core, injected into pages by the end-to-end tests (4.14 is
/// the newest whose tooling still runs on Node 20), and ajv, the strict JSON Schema validator many
/// editors and CI checks use, which must compile our schema.
pub const TEST_PACKAGES: [&str; 2] = ["axe-core@4.14.1", "ajv@8.20.0"];
/// Where they are installed, relative to the workspace root.
pub const TEST_PACKAGES_DIR: &str = ".tools/npm";
/// Debian's paths for the browser and its driver, used by the browser and end-to-end tests.
pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// Debian's `xmllint` (libxml2), which the native tests use to validate `schedule.xml` against
/// the vendored c3voc XML Schema: no Rust crate validates XML Schema well.
pub const XMLLINT: &str = "/usr/bin/xmllint";

/// `cargo xtask tools`: everything, including the browser the tests need.
pub fn execute(ws: &Workspace) -> Result<(), String> {
    ensure_build_tools(ws)?;
    ensure_browser(ws)?;
    ensure_xmllint(ws)?;
    ensure_test_packages(ws)
}

/// What `trunk build` needs: the wasm target, trunk, wasm-bindgen and wasm-opt.
pub fn ensure_build_tools(ws: &Workspace) -> Result<(), String> {
    ensure_wasm_target(ws)?;
    ensure_trunk(ws)?;
    let wasm_bindgen = wasm_bindgen_version(ws)?;
    ensure_wasm_bindgen(ws, &wasm_bindgen)?;
    ensure_wasm_opt(ws)?;
    ensure_terser(ws)?;
    check_trunk_pins(ws, &wasm_bindgen)
}

fn ensure_wasm_target(ws: &Workspace) -> Result<(), String> {
    let installed = probe(ws.command("rustup").args(["target", "list", "--installed"]))
        .ok_or("`rustup target list --installed` failed; is rustup installed?")?;
    if installed.lines().any(|line| line.trim() == WASM_TARGET) {
        println!("ok: {WASM_TARGET} target already installed");
        return Ok(());
    }
    run(
        "add the wasm target",
        ws.command("rustup").args(["target", "add", WASM_TARGET]),
    )
}

fn ensure_trunk(ws: &Workspace) -> Result<(), String> {
    let installed = || reported_version(ws, "trunk");
    if installed()
        .as_deref()
        .is_some_and(|v| reports_version(v, TRUNK_VERSION))
    {
        println!("ok: trunk {TRUNK_VERSION} already installed");
        return Ok(());
    }
    run(
        "install trunk",
        ws.command("cargo")
            .args(["install", "trunk", "--version", TRUNK_VERSION, "--locked"]),
    )?;
    expect_version("trunk", TRUNK_VERSION, installed())
}

/// wasm-bindgen-cli must be exactly the `wasm-bindgen` crate version the app links, or the
/// generated JS does not fit the wasm.
fn ensure_wasm_bindgen(ws: &Workspace, version: &str) -> Result<(), String> {
    // The CLI and the test runner come from one package; check both so a half-finished install
    // is repaired.
    let mismatch = || {
        ["wasm-bindgen", "wasm-bindgen-test-runner"]
            .into_iter()
            .map(|tool| (tool, reported_version(ws, tool)))
            .find(|(_, found)| {
                !found
                    .as_deref()
                    .is_some_and(|v| reports_version(v, version))
            })
    };
    let Some((_, found)) = mismatch() else {
        println!("ok: wasm-bindgen-cli {version} already installed");
        return Ok(());
    };
    if let Some(found) = found {
        println!("found {}, want wasm-bindgen-cli {version}", found.trim());
    }
    // No --locked: the CLI's own lock pins a crate version the registry no longer has.
    run(
        "install wasm-bindgen-cli",
        ws.command("cargo")
            .args(["install", "wasm-bindgen-cli", "--version", version]),
    )?;
    match mismatch() {
        None => Ok(()),
        Some((tool, found)) => expect_version(tool, version, found),
    }
}

fn ensure_wasm_opt(ws: &Workspace) -> Result<(), String> {
    let wasm_opt = ws.root.join(BINARYEN_BIN).join("wasm-opt");
    let installed = || probe(ws.command(&wasm_opt).arg("--version"));
    if installed()
        .as_deref()
        .is_some_and(|v| reports_version(v, WASM_OPT_VERSION))
    {
        println!("ok: wasm-opt version {WASM_OPT_VERSION} already installed in {BINARYEN_DIR}");
        return Ok(());
    }
    npm_install(ws, "install wasm-opt", BINARYEN_DIR, &[BINARYEN_PACKAGE])?;
    expect_version("wasm-opt", WASM_OPT_VERSION, installed())
}

fn ensure_terser(ws: &Workspace) -> Result<(), String> {
    let version = TERSER_PACKAGE.rsplit_once('@').map_or("", |(_, v)| v);
    let installed = || probe(ws.command(ws.root.join(TERSER_BIN)).arg("--version"));
    if installed()
        .as_deref()
        .is_some_and(|v| reports_version(v, version))
    {
        println!("ok: {TERSER_PACKAGE} already installed in {TERSER_DIR}");
        return Ok(());
    }
    npm_install(ws, "install terser", TERSER_DIR, &[TERSER_PACKAGE])?;
    expect_version("terser", version, installed())
}

/// `npm install` of pinned `packages` into the private prefix `dir` (installing npm first when
/// missing). A prefix, not -g: the versions stay pinned per workspace and need no root.
fn npm_install(ws: &Workspace, what: &str, dir: &str, packages: &[&str]) -> Result<(), String> {
    if probe(ws.command("npm").arg("--version")).is_none() {
        apt_install(ws, &["npm"])?;
    }
    let path = ws.root.join(dir);
    fs::create_dir_all(&path).map_err(|e| format!("cannot create {}: {e}", path.display()))?;
    run(
        what,
        ws.command("npm")
            .args([
                "install",
                "--prefix",
                dir,
                "--no-save",
                "--no-audit",
                "--no-fund",
            ])
            .args(packages),
    )
}

/// The npm packages of [`TEST_PACKAGES`], each skipped when its pinned version is there.
pub fn ensure_test_packages(ws: &Workspace) -> Result<(), String> {
    let dir = ws.root.join(TEST_PACKAGES_DIR);
    let installed = |package: &str| {
        let (name, version) = package.rsplit_once('@').unwrap_or((package, ""));
        let manifest = dir.join("node_modules").join(name).join("package.json");
        fs::read_to_string(manifest)
            .is_ok_and(|text| text.contains(&format!("\"version\": \"{version}\"")))
    };
    if TEST_PACKAGES.iter().all(|p| installed(p)) {
        println!(
            "ok: {} already installed in {TEST_PACKAGES_DIR}",
            TEST_PACKAGES.join(", ")
        );
        return Ok(());
    }
    npm_install(
        ws,
        "install the tests' npm packages",
        TEST_PACKAGES_DIR,
        &TEST_PACKAGES,
    )?;
    match TEST_PACKAGES.iter().find(|p| !installed(p)) {
        Some(missing) => Err(format!(
            "npm did not install {missing} into {TEST_PACKAGES_DIR}"
        )),
        None => Ok(()),
    }
}

/// Chromium and chromedriver from Debian, for the browser and end-to-end tests only.
pub fn ensure_browser(ws: &Workspace) -> Result<(), String> {
    let missing: Vec<&str> = [CHROMIUM, CHROMEDRIVER]
        .into_iter()
        .filter(|path| !PathBuf::from(path).exists())
        .collect();
    if missing.is_empty() {
        println!("ok: chromium and chromedriver already installed");
        return Ok(());
    }
    println!("missing: {}", missing.join(", "));
    apt_install(ws, &["chromium", "chromium-driver"])
}

/// `xmllint` from Debian's libxml2-utils, for the schedule export's XML Schema test.
pub fn ensure_xmllint(ws: &Workspace) -> Result<(), String> {
    if PathBuf::from(XMLLINT).exists() {
        println!("ok: xmllint already installed");
        return Ok(());
    }
    println!("missing: {XMLLINT}");
    apt_install(ws, &["libxml2-utils"])
}

/// `apt-get update` and `apt-get install -y`, as root or through non-interactive sudo; never
/// prompts, so it behaves the same under `CI=true`.
fn apt_install(ws: &Workspace, packages: &[&str]) -> Result<(), String> {
    let is_root = probe(ws.command("id").arg("-u")).is_some_and(|uid| uid.trim() == "0");
    let has_sudo = || probe(ws.command("sudo").args(["-n", "true"])).is_some();
    let prefix: &[&str] = if is_root {
        &[]
    } else if has_sudo() {
        &["sudo", "-n"]
    } else {
        return Err(format!(
            "{} must be installed with `apt-get install -y {}`, which needs root; \
             run that as root (or give this user password-less sudo) and retry",
            packages.join(" "),
            packages.join(" ")
        ));
    };
    let apt_get = |args: &[&str]| {
        let mut words = prefix.to_vec();
        // `env` survives sudo's environment reset.
        words.extend(["env", "DEBIAN_FRONTEND=noninteractive", "apt-get"]);
        words.extend(args);
        let mut command = ws.command(words[0]);
        command.args(&words[1..]);
        command
    };
    run("apt-get update", &mut apt_get(&["update"]))?;
    let mut install = vec!["install", "-y"];
    install.extend(packages);
    run(
        &format!("install {}", packages.join(" ")),
        &mut apt_get(&install),
    )
}

/// The wasm-bindgen version the app links, from `Cargo.lock`.
pub fn wasm_bindgen_version(ws: &Workspace) -> Result<String, String> {
    let path = ws.root.join("Cargo.lock");
    let lock =
        fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    locked_version(&lock, "wasm-bindgen")
        .map_err(|e| format!("{}: {e} (run `cargo fetch`?)", path.display()))
}

/// The single version of `package` in a `Cargo.lock` text (`name = "…"` followed by
/// `version = "…"`); several versions are an error because the CLI can match only one.
pub fn locked_version(lock: &str, package: &str) -> Result<String, String> {
    let name_line = format!("name = \"{package}\"");
    let mut versions: Vec<String> = Vec::new();
    let mut lines = lock.lines().map(str::trim);
    while let Some(line) = lines.next() {
        if line != name_line {
            continue;
        }
        let version = lines
            .next()
            .and_then(|l| l.strip_prefix("version = \""))
            .and_then(|l| l.strip_suffix('"'))
            .ok_or_else(|| format!("no version line after {name_line}"))?;
        if !versions.iter().any(|v| v == version) {
            versions.push(version.to_string());
        }
    }
    match versions.as_slice() {
        [version] => Ok(version.clone()),
        [] => Err(format!("package {package} not found")),
        _ => Err(format!(
            "several {package} versions ({}); pin one with `=`",
            versions.join(", ")
        )),
    }
}

/// Trunk.toml's `[tools]` pins must agree with what we install, or an offline `trunk build`
/// fails with a less helpful message. A missing Trunk.toml or pin is left to Trunk.
fn check_trunk_pins(ws: &Workspace, wasm_bindgen: &str) -> Result<(), String> {
    let path = ws.root.join("Trunk.toml");
    let Ok(text) = fs::read_to_string(&path) else {
        return Ok(());
    };
    let expected = [
        ("wasm_bindgen", wasm_bindgen.to_string()),
        ("wasm_opt", format!("version_{WASM_OPT_VERSION}")),
    ];
    for (key, want) in expected {
        if let Some(pinned) = toml_string(&text, "tools", key) {
            if pinned != want {
                return Err(format!(
                    "Trunk.toml pins [tools] {key} = \"{pinned}\" but the installed one is \
                     \"{want}\"; make them agree"
                ));
            }
        }
    }
    Ok(())
}

/// A `key = "value"` string in `[section]` of a simple TOML text. Enough for Trunk.toml's flat
/// tables; no TOML dependency for one lookup.
pub fn toml_string(text: &str, section: &str, key: &str) -> Option<String> {
    let header = format!("[{section}]");
    let mut in_section = false;
    for line in text.lines().map(str::trim) {
        if line.starts_with('[') {
            in_section = line == header;
            continue;
        }
        if !in_section {
            continue;
        }
        let Some((k, v)) = line.split_once('=') else {
            continue;
        };
        if k.trim() == key {
            let value = v.split('#').next().unwrap_or_default().trim();
            return Some(value.trim_matches('"').to_string());
        }
    }
    None
}

/// `<tool> --version`, run with the tool PATH, or `None` when it is missing.
fn reported_version(ws: &Workspace, tool: &str) -> Option<String> {
    probe(ws.command(tool).arg("--version"))
}

/// Whether a `--version` output names exactly `version` as one of its words
/// (`trunk 0.21.14`, `wasm-opt version 132 (version_132)`); `0.21.140` does not count.
pub fn reports_version(output: &str, version: &str) -> bool {
    output
        .split_whitespace()
        .map(|word| word.trim_matches(|c| c == '(' || c == ')' || c == ','))
        .any(|word| word == version || word.strip_prefix('v') == Some(version))
}

/// After an install: fail clearly if the tool on PATH still is not the wanted version (another
/// copy earlier on PATH, or an install into an unexpected root).
fn expect_version(tool: &str, version: &str, found: Option<String>) -> Result<(), String> {
    match found {
        Some(output) if reports_version(&output, version) => Ok(()),
        Some(output) => Err(format!(
            "installed {tool} {version}, but `{tool} --version` says `{}`; \
             is another {tool} earlier on PATH?",
            output.trim()
        )),
        None => Err(format!(
            "installed {tool} {version}, but `{tool} --version` does not run"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOCK: &str = r#"
[[package]]
name = "wasm-bindgen"
version = "0.2.130"
source = "registry+https://github.com/rust-lang/crates.io-index"

[[package]]
name = "wasm-bindgen-backend"
version = "0.2.99"
"#;

    #[test]
    fn locked_version_reads_the_exact_package_not_its_prefixed_siblings() {
        assert_eq!(
            locked_version(LOCK, "wasm-bindgen"),
            Ok("0.2.130".to_string())
        );
    }

    #[test]
    fn locked_version_rejects_two_versions_and_a_missing_package() {
        let two = format!("{LOCK}\n[[package]]\nname = \"wasm-bindgen\"\nversion = \"0.2.100\"\n");
        assert!(locked_version(&two, "wasm-bindgen").is_err());
        assert!(locked_version(LOCK, "trunk").is_err());
    }

    #[test]
    fn reports_version_matches_whole_words_only() {
        assert!(reports_version("trunk 0.21.14\n", "0.21.14"));
        assert!(reports_version(
            "wasm-opt version 132 (version_132)\n",
            "132"
        ));
        assert!(reports_version("wasm-bindgen 0.2.130", "0.2.130"));
        assert!(!reports_version("trunk 0.21.140", "0.21.14"));
        assert!(!reports_version("wasm-opt version 108", "132"));
    }

    #[test]
    fn toml_string_reads_a_key_in_its_section_only() {
        let text = "[build]\nwasm_opt = \"no\"\n\n[tools]\nwasm_bindgen = \"0.2.130\" # pinned\nwasm_opt = \"version_132\"\n";
        assert_eq!(
            toml_string(text, "tools", "wasm_bindgen").as_deref(),
            Some("0.2.130")
        );
        assert_eq!(
            toml_string(text, "tools", "wasm_opt").as_deref(),
            Some("version_132")
        );
        assert_eq!(toml_string(text, "tools", "sass"), None);
    }
}
