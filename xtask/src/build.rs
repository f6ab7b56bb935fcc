//! `cargo xtask build`: the pinned build tools, then both release bundles into `dist/` — the
//! attendee's page (`index.html` → `dist/`) and the organizers' tools (`edit/index.html` →
//! `dist/edit/`, with the stable entry `dist/edit/tools.js`) — and every text asset precompressed
//! at the best level beside itself (`.br`, `.gz`), which `hub serve` sends as they are.

use std::fs;
use std::path::Path;

use crate::precompress;
use crate::run::{run, Workspace};
use crate::tools;

/// Where the organizer bundle goes inside `dist/`, and the address it is served at.
pub const ORGANIZER_DIR: &str = "edit";

/// The organizer bundle's stable-named entry, which the attendee page imports on demand.
pub const TOOLS_MODULE: &str = "tools.js";

pub fn execute(ws: &Workspace) -> Result<(), String> {
    tools::ensure_build_tools(ws)?;
    trunk_build(ws)
}

/// Both bundles with `trunk build --release --offline` (offline so a tool version mismatch is an
/// error instead of a download attempt: only package registries are reachable here), then the
/// tools entry and the precompressed copies.
pub fn trunk_build(ws: &Workspace) -> Result<(), String> {
    // The attendee bundle first: Trunk empties its dist directory, which holds the other bundle.
    // Its index.html asks wasm-opt for `-Os --low-memory-unused`: measured 1.4 KB gzip smaller
    // than `-Oz`. Rust puts its stack first (below 1 MiB, growing down), so the low 1 KiB that
    // flag assumes unused is reached only by a stack about to overflow anyway.
    // `--offline` takes an optional value, so it goes last where it cannot swallow a word.
    run(
        "build the attendee bundle",
        ws.command("trunk")
            .args(["build", "index.html", "--release", "--offline"]),
    )?;
    let organizer = ws.dist().join(ORGANIZER_DIR);
    let organizer_dist = organizer.to_string_lossy().into_owned();
    run(
        "build the organizer bundle",
        ws.command("trunk").args([
            "build",
            "edit/index.html",
            "--release",
            "--dist",
            &organizer_dist,
            "--public-url",
            "/edit/",
            "--offline",
        ]),
    )?;
    for (dir, prefix) in [(ws.dist(), "event-hub-"), (organizer.clone(), "edit-")] {
        let (before, after) = crate::minify::bundle_glue(ws, &dir, prefix, "index.html")?;
        println!("ok: {prefix}….js minified, {before} → {after} bytes");
    }
    write_tools_module(&organizer)?;
    write_embed_script(&ws.dist())?;
    let (bytes, files) = crate::offline::write_service_worker(&ws.dist())?;
    println!("ok: sw.js, {bytes} bytes, precaching {files} files");
    println!("==> precompress {}", ws.dist().display());
    let count = precompress::directory(&ws.dist())?;
    println!("ok: {count} files precompressed (brotli 11, zopfli gzip)");
    Ok(())
}

/// `tools.js`: re-exports Trunk's hashed organizer module under a name that never changes, so the
/// attendee page can find it without knowing this build's hash (and the hashed files beside it
/// stay cacheable forever).
fn write_tools_module(organizer: &Path) -> Result<(), String> {
    let entries =
        fs::read_dir(organizer).map_err(|e| format!("read {}: {e}", organizer.display()))?;
    let module = entries
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .find(|name| name.starts_with("edit-") && name.ends_with(".js"))
        .ok_or_else(|| {
            format!(
                "no edit-*.js in {}: did Trunk build the organizer bundle?",
                organizer.display()
            )
        })?;
    let wasm = format!("{}_bg.wasm", module.trim_end_matches(".js"));
    if !organizer.join(&wasm).is_file() {
        return Err(format!(
            "no {wasm} beside {module} in {}",
            organizer.display()
        ));
    }
    let text = tools_module(&module, &wasm);
    let path = organizer.join(TOOLS_MODULE);
    fs::write(&path, text).map_err(|e| format!("write {}: {e}", path.display()))
}

/// `embed.js`: the stable entry a host page loads, with this build's hashed attendee files.
fn write_embed_script(dist: &Path) -> Result<(), String> {
    let names: Vec<String> = fs::read_dir(dist)
        .map_err(|e| format!("read {}: {e}", dist.display()))?
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    let find = |prefix: &str, suffix: &str| {
        names
            .iter()
            .find(|name| name.starts_with(prefix) && name.ends_with(suffix))
            .cloned()
            .ok_or_else(|| format!("no {prefix}*{suffix} in {}", dist.display()))
    };
    let module = find("event-hub-", ".js")?;
    let wasm = format!("{}_bg.wasm", module.trim_end_matches(".js"));
    if !names.contains(&wasm) {
        return Err(format!("no {wasm} beside {module} in {}", dist.display()));
    }
    let css = find("hub-", ".css")?;
    let path = dist.join(EMBED_SCRIPT);
    fs::write(&path, embed_script(&module, &wasm, &css))
        .map_err(|e| format!("write {}: {e}", path.display()))
}

/// The stable name of the embedding script in `dist/`.
pub const EMBED_SCRIPT: &str = "embed.js";

/// The text of `embed.js` for the hashed module, wasm and stylesheet.
pub fn embed_script(module: &str, wasm: &str, css: &str) -> String {
    include_str!("templates/embed.js")
        .replace("__MODULE__", &format!("./{module}"))
        .replace("__WASM__", &format!("./{wasm}"))
        .replace("__CSS__", &format!("./{css}"))
}

/// The text of `tools.js` for Trunk's module `module` and its wasm `wasm`. Its default export
/// initializes the module with the wasm's hashed name, which wasm-bindgen's own default (the
/// unhashed `edit_bg.wasm`) would miss.
pub fn tools_module(module: &str, wasm: &str) -> String {
    format!(
        "// The organizer bundle under a stable name; written by `cargo xtask build`.\n\
         import init from \"./{module}\";\n\
         export * from \"./{module}\";\n\
         export default () => init({{ module_or_path: new URL(\"./{wasm}\", import.meta.url) }});\n"
    )
}

#[cfg(test)]
mod tests {
    use super::{embed_script, tools_module};

    #[test]
    fn the_embed_script_names_this_builds_files() {
        let script = embed_script(
            "event-hub-ab12.js",
            "event-hub-ab12_bg.wasm",
            "hub-cd34.css",
        );
        assert!(script.contains(r#"import(file("./event-hub-ab12.js"))"#));
        assert!(script.contains(r#"module_or_path: file("./event-hub-ab12_bg.wasm")"#));
        assert!(script.contains(r#"const STYLE = file("./hub-cd34.css")"#));
        assert!(!script.contains("__"), "every placeholder is filled");
    }

    #[test]
    fn the_tools_module_re_exports_the_hashed_one() {
        assert_eq!(
            tools_module("edit-0123456789abcdef.js", "edit-0123456789abcdef_bg.wasm"),
            "// The organizer bundle under a stable name; written by `cargo xtask build`.\n\
             import init from \"./edit-0123456789abcdef.js\";\n\
             export * from \"./edit-0123456789abcdef.js\";\n\
             export default () => init({ module_or_path: new URL(\"./edit-0123456789abcdef_bg.wasm\", import.meta.url) });\n"
        );
    }
}
