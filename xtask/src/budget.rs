//! The attendee's first-load byte budget: what a phone downloads before it can show an event
//! (html, js, wasm, css, icon — gzip, as `hub serve` sends them) against the committed figure in
//! `xtask/budget.txt`. Size is deterministic, so this is a test in `cargo xtask test`; time is
//! not, so time stays in `cargo xtask bench`.

use std::fs;

use crate::bench::{kb, Entry, Kind};
use crate::run::Workspace;

/// The committed budget, relative to the workspace root.
pub const BUDGET_FILE: &str = "xtask/budget.txt";
const BUDGET_KEY: &str = "attendee_first_load_gzip_kb";

/// Whether a file of `dist/` (path relative to it) is part of the attendee's first load: not the
/// organizer bundle, not event data or the schema, not the precompressed copies themselves, not
/// what only a host page loads (the embed script, which stands in for `index.html` there, and the
/// iframe's page and scripts).
pub fn in_first_load(path: &str) -> bool {
    let precompressed = path.ends_with(".br") || path.ends_with(".gz");
    let organizer = path.starts_with("edit/");
    let host_only = HOST_PAGE_FILES.contains(&path);
    // The service worker installs after the page has loaded, and the PNG icons are for a home
    // screen: neither is part of what the page needs to show the event.
    let after_load = path == crate::offline::SERVICE_WORKER
        || (path.starts_with("icons/") && path.ends_with(".png"));
    !precompressed && !organizer && !host_only && !after_load && Kind::of(path) != Kind::Data
}

/// The files of `dist/` only a host page that embeds the hub loads.
pub const HOST_PAGE_FILES: [&str; 4] = ["embed.js", "frame.html", "frame.js", "frame-host.js"];

/// The budget in bytes from the text of `budget.txt` (`key = KB` lines, `#` comments).
pub fn parse_budget(text: &str) -> Result<u64, String> {
    for line in text.lines() {
        let line = line.split('#').next().unwrap_or_default().trim();
        let Some((key, value)) = line.split_once('=') else {
            continue;
        };
        if key.trim() == BUDGET_KEY {
            let kb: f64 = value
                .trim()
                .parse()
                .map_err(|_| format!("{BUDGET_FILE}: `{}` is not a number of KB", value.trim()))?;
            return Ok((kb * 1000.0).round() as u64);
        }
    }
    Err(format!("{BUDGET_FILE} has no `{BUDGET_KEY} = …` line"))
}

/// The first-load total of `entries` (gzip bytes) and the files it counts.
pub fn first_load(entries: &[Entry]) -> (u64, Vec<&Entry>) {
    let files: Vec<&Entry> = entries.iter().filter(|e| in_first_load(&e.path)).collect();
    (files.iter().map(|e| e.sizes.gzip).sum(), files)
}

/// `cargo xtask test`'s budget step: measures the built `dist/` and fails above the budget.
pub fn check(ws: &Workspace) -> Result<(), String> {
    let budget_path = ws.root.join(BUDGET_FILE);
    let text = fs::read_to_string(&budget_path)
        .map_err(|e| format!("read {}: {e}", budget_path.display()))?;
    let budget = parse_budget(&text)?;
    let entries = crate::bench::measure_dist_files(&ws.dist(), in_first_load)?;
    let (total, files) = first_load(&entries);
    if files.iter().all(|e| e.kind != Kind::Wasm) {
        return Err(format!(
            "no wasm in {}: is the app built?",
            ws.dist().display()
        ));
    }
    for entry in &files {
        println!("  {:>7} KB gzip  {}", kb(entry.sizes.gzip), entry.path);
    }
    let verdict = format!(
        "attendee first load {} KB gzip, budget {} KB ({BUDGET_FILE})",
        kb(total),
        kb(budget)
    );
    if total > budget {
        Err(format!(
            "{verdict}: over by {} KB — make it smaller, or raise the budget in a commit that says why",
            kb(total - budget)
        ))
    } else {
        println!("ok: {verdict}");
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bench::Sizes;

    #[test]
    fn the_first_load_is_the_attendee_files_only() {
        assert!(in_first_load("index.html"));
        assert!(in_first_load("event-hub-0123456789abcdef_bg.wasm"));
        assert!(in_first_load("snippets/event-hub-0123/inline0.js"));
        assert!(in_first_load("icons/icon.svg"));
        assert!(!in_first_load("edit/edit-0123456789abcdef_bg.wasm"));
        assert!(!in_first_load("edit/tools.js"));
        assert!(!in_first_load("embed.js"));
        assert!(!in_first_load("frame-host.js"));
        assert!(!in_first_load("events/scs-hackathon-3.json"));
        assert!(!in_first_load("schema/event.schema.json"));
        assert!(!in_first_load("event-hub-0123456789abcdef_bg.wasm.gz"));
        assert!(!in_first_load("index.html.br"));
    }

    #[test]
    fn the_budget_file_is_read_in_kb() {
        let text = "# why\nattendee_first_load_gzip_kb = 180.5 # the figure\n";
        assert_eq!(parse_budget(text), Ok(180_500));
        assert!(parse_budget("other = 3\n").is_err());
        assert!(parse_budget("attendee_first_load_gzip_kb = lots\n").is_err());
    }

    #[test]
    fn the_total_adds_the_gzip_sizes_of_first_load_files() {
        let entry = |path: &str, gzip| {
            Entry::new(
                path.to_owned(),
                Sizes {
                    raw: gzip * 3,
                    gzip,
                    brotli: gzip,
                },
            )
        };
        let entries = [
            entry("index.html", 1_000),
            entry("a_bg.wasm", 150_000),
            entry("edit/edit_bg.wasm", 300_000),
            entry("events/x.json", 3_000),
        ];
        let (total, files) = first_load(&entries);
        assert_eq!(total, 151_000);
        assert_eq!(files.len(), 2);
    }

    #[test]
    fn the_committed_budget_is_readable() -> Result<(), String> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let text = fs::read_to_string(root.join(BUDGET_FILE)).map_err(|e| e.to_string())?;
        let budget = parse_budget(&text)?;
        // Never back to the 414 KB gzip of the single bundle the first-load issue split up.
        assert!(budget > 0 && budget < 414_000, "{budget}");
        Ok(())
    }
}
