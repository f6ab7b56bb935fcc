//! The standalone hub's service worker, `dist/sw.js`: the template `sw.js` beside this file with
//! this build's cache name and the files it precaches — the app's shell (`index.html`), the
//! attendee bundle's hashed files, wasm-bindgen's snippets, the icons and the manifest. Not the
//! organizers' `edit/`, not event files or map tiles (the worker keeps those once viewed), not
//! the precompressed copies (the browser asks for the file; the server picks the encoding).

use std::fs;
use std::path::Path;

use sha2::{Digest, Sha256};

/// The worker's file name at the root of the build (and so its scope: the hub's own path).
pub const SERVICE_WORKER: &str = "sw.js";

const TEMPLATE: &str = include_str!("sw.js");

/// Whether `relative` (a path inside `dist/`, with `/`) is one of the files the worker
/// precaches.
pub fn precached(relative: &str) -> bool {
    let name = relative.rsplit('/').next().unwrap_or_default();
    if name.ends_with(".br") || name.ends_with(".gz") {
        return false;
    }
    match relative.split_once('/') {
        None => {
            relative == "index.html"
                || relative == "manifest.webmanifest"
                || (name.starts_with("event-hub-")
                    && (name.ends_with(".js") || name.ends_with(".wasm")))
                || (name.ends_with(".css") && name.contains('-'))
        }
        Some(("icons", _)) => true,
        Some(("snippets", rest)) => rest.ends_with(".js"),
        Some(_) => false,
    }
}

/// Every precached file under `dist`, sorted, as paths relative to it.
pub fn precache_list(dist: &Path) -> Result<Vec<String>, String> {
    let mut files = Vec::new();
    collect(dist, "", &mut files)?;
    files.retain(|file| precached(file));
    files.sort();
    Ok(files)
}

fn collect(dir: &Path, prefix: &str, files: &mut Vec<String>) -> Result<(), String> {
    let entries = fs::read_dir(dir).map_err(|e| format!("read {}: {e}", dir.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| format!("read {}: {e}", dir.display()))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let relative = format!("{prefix}{name}");
        if entry.path().is_dir() {
            // Only the folders the worker precaches from: not events/, edit/ or schema/.
            if relative == "icons" || relative == "snippets" || prefix == "snippets/" {
                collect(&entry.path(), &format!("{relative}/"), files)?;
            }
        } else {
            files.push(relative);
        }
    }
    Ok(())
}

/// The cache's name for a build whose precached files hold `contents`: it changes whenever one
/// of them does (`index.html` and the snippets change without a new name).
pub fn cache_name<'a>(contents: impl IntoIterator<Item = (&'a str, &'a [u8])>) -> String {
    let mut hash = Sha256::new();
    for (name, bytes) in contents {
        hash.update(name.as_bytes());
        hash.update([0]);
        hash.update((bytes.len() as u64).to_le_bytes());
        hash.update(bytes);
    }
    let digest = hash.finalize();
    let hex: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    format!("event-hub-{hex}")
}

/// The worker's text for `cache` and `files`: the template without its `//` comment lines.
pub fn service_worker(cache: &str, files: &[String]) -> String {
    let list = files
        .iter()
        .map(|file| format!("\"{file}\""))
        .collect::<Vec<_>>()
        .join(",");
    let mut text = format!(
        "// The event hub's service worker, written by `cargo xtask build`; see docs/offline.md.\n\
         const CACHE = \"{cache}\";\nconst FILES = [{list}];\n"
    );
    for line in TEMPLATE.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("//") || trimmed.is_empty() {
            continue;
        }
        text.push_str(line);
        text.push('\n');
    }
    text
}

/// Writes `dist/sw.js` for the build in `dist`; returns its size and how many files it
/// precaches.
pub fn write_service_worker(dist: &Path) -> Result<(usize, usize), String> {
    let files = precache_list(dist)?;
    let mut contents = Vec::new();
    for file in &files {
        let path = dist.join(file);
        let bytes = fs::read(&path).map_err(|e| format!("read {}: {e}", path.display()))?;
        contents.push((file.as_str(), bytes));
    }
    let cache = cache_name(contents.iter().map(|(n, b)| (*n, b.as_slice())));
    let text = service_worker(&cache, &files);
    let path = dist.join(SERVICE_WORKER);
    fs::write(&path, &text).map_err(|e| format!("write {}: {e}", path.display()))?;
    Ok((text.len(), files.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shell_the_hashed_bundle_snippets_icons_and_manifest_are_precached() {
        for file in [
            "index.html",
            "event-hub-716ecda0b02ec90b.js",
            "event-hub-716ecda0b02ec90b_bg.wasm",
            "hub-bcb03b5d32f26536.css",
            "snippets/event-hub-2a54db54183739ad/inline0.js",
            "icons/icon.svg",
            "icons/icon-192.png",
            "manifest.webmanifest",
        ] {
            assert!(precached(file), "{file}");
        }
    }

    #[test]
    fn events_tiles_the_organizer_bundle_and_compressed_copies_are_not() {
        for file in [
            "events/scs-hackathon-3.json",
            "events/index.json",
            "tiles/16/35287/21950.png",
            "edit/index.html",
            "edit/tools.js",
            "edit/edit-0123456789abcdef_bg.wasm",
            "schema/event.schema.json",
            "index.html.gz",
            "event-hub-716ecda0b02ec90b_bg.wasm.br",
            "sw.js",
            "404.html",
        ] {
            assert!(!precached(file), "{file}");
        }
    }

    #[test]
    fn the_list_comes_from_the_build_sorted() {
        let dist = std::env::temp_dir().join(format!("eh-precache-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dist);
        for file in [
            "index.html",
            "index.html.gz",
            "event-hub-0123456789ab.js",
            "event-hub-0123456789ab_bg.wasm",
            "hub-0123456789ab.css",
            "icons/icon.svg",
            "snippets/event-hub-aaaaaaaaaaaa/inline0.js",
            "events/x.json",
            "edit/index.html",
        ] {
            let path = dist.join(file);
            fs::create_dir_all(path.parent().expect("a folder")).expect("create");
            fs::write(path, file).expect("write");
        }
        let list = precache_list(&dist).expect("list");
        fs::remove_dir_all(&dist).expect("clean up");
        assert_eq!(
            list,
            [
                "event-hub-0123456789ab.js",
                "event-hub-0123456789ab_bg.wasm",
                "hub-0123456789ab.css",
                "icons/icon.svg",
                "index.html",
                "snippets/event-hub-aaaaaaaaaaaa/inline0.js",
            ]
        );
    }

    #[test]
    fn the_cache_name_changes_with_any_precached_file() {
        let one = cache_name([("index.html", b"a".as_slice()), ("x.js", b"b")]);
        let same = cache_name([("index.html", b"a".as_slice()), ("x.js", b"b")]);
        let other = cache_name([("index.html", b"a".as_slice()), ("x.js", b"c")]);
        assert_eq!(one, same);
        assert_ne!(one, other);
        assert!(one.starts_with("event-hub-") && one.len() == "event-hub-".len() + 16);
    }

    #[test]
    fn the_worker_names_its_cache_and_files_and_drops_comment_lines() {
        let text = service_worker("event-hub-0011", &["index.html".into(), "a.js".into()]);
        assert!(text.contains("const CACHE = \"event-hub-0011\";\n"));
        assert!(text.contains("const FILES = [\"index.html\",\"a.js\"];\n"));
        assert!(text.contains("addEventListener(\"fetch\""));
        assert_eq!(
            text.lines()
                .filter(|l| l.trim_start().starts_with("//"))
                .count(),
            1
        );
        // The sign-up API is never answered from a cache.
        assert!(text.contains("\"/api/\""));
    }
}
