//! `cargo xtask bench`: builds the release app and reports what a visitor downloads — each file
//! in `dist/` raw, gzipped and brotli-compressed, grouped by kind — as a table and as
//! `target/bench.json`. Event files are reported as data, apart from the app total, because
//! their size depends on the event, not on the code. Then the time-zone options, measured on a
//! probe (`bench_zones.rs`), then the load times in headless Chromium (`bench_load.rs`), and
//! last the sign-up API on loopback (`bench_api.rs`).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::io::Write as _;
use std::path::Path;

use flate2::write::GzEncoder;
use flate2::Compression;

use crate::bench_api;
use crate::bench_load;
use crate::bench_zones;
use crate::build;
use crate::run::Workspace;

pub fn execute(ws: &Workspace) -> Result<(), String> {
    build::execute(ws)?;
    let dist = ws.dist();
    println!("==> measure {}", dist.display());
    let entries = measure_dist(&dist)?;
    let (first_load, _) = crate::budget::first_load(&entries);

    let zones = bench_zones::measure_all(ws)?;

    print!("{}", table(&entries));
    println!(
        "attendee first load: {} KB gzip (budget check: `cargo xtask test`)",
        kb(first_load)
    );
    println!();
    print!("{}", bench_zones::table(&zones));
    let load = bench_load::execute(ws)?;
    let api = bench_api::execute(ws)?;
    let out = ws.target_dir().join("bench.json");
    fs::create_dir_all(ws.target_dir()).map_err(|e| format!("create target dir: {e}"))?;
    let report = format!(
        "{{\n\"dist\": {},\n\"time_zone_options\": {},\n\"load\": {load},\n\"api\": {api}\n}}\n",
        json(&entries).trim_end(),
        bench_zones::json(&zones)
    );
    fs::write(&out, report).map_err(|e| format!("write {}: {e}", out.display()))?;
    println!("wrote {}", out.display());
    Ok(())
}

/// Every file of the built site with its sizes, sorted by kind then path. The precompressed
/// copies (`x.br`, `x.gz`) are what is sent, so their sizes stand for `x`'s, not as files of
/// their own; a file without them is compressed here the same way.
pub fn measure_dist(dist: &Path) -> Result<Vec<Entry>, String> {
    measure_dist_files(dist, |_| true)
}

/// [`measure_dist`] for the files whose path `wanted` accepts (the budget needs only a few).
pub fn measure_dist_files(dist: &Path, wanted: fn(&str) -> bool) -> Result<Vec<Entry>, String> {
    let mut files = Vec::new();
    collect_files(dist, "", &mut files)?;
    files.retain(|(path, _)| {
        let original = path
            .strip_suffix(".br")
            .or_else(|| path.strip_suffix(".gz"));
        wanted(original.unwrap_or(path))
    });
    let sent = |path: &str, suffix: &str| {
        files
            .iter()
            .find(|(name, _)| name.strip_suffix(suffix) == Some(path))
            .map(|(_, bytes)| bytes.len() as u64)
    };
    let mut entries = Vec::new();
    for (path, bytes) in &files {
        if path.ends_with(".br") || path.ends_with(".gz") {
            continue;
        }
        let mut sizes = measure(bytes).map_err(|e| format!("measure {path}: {e}"))?;
        if let (Some(gzip), Some(brotli)) = (sent(path, ".gz"), sent(path, ".br")) {
            sizes.gzip = gzip;
            sizes.brotli = brotli;
        }
        entries.push(Entry::new(path.clone(), sizes));
    }
    entries.sort_by(|a, b| (a.kind, &a.path).cmp(&(b.kind, &b.path)));
    Ok(entries)
}

/// Every file under `dir` with its path relative to `dist/` (always `/`-separated).
fn collect_files(dir: &Path, prefix: &str, out: &mut Vec<(String, Vec<u8>)>) -> Result<(), String> {
    let entries = fs::read_dir(dir).map_err(|e| format!("read {}: {e}", dir.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| format!("read {}: {e}", dir.display()))?;
        let path = entry.path();
        let name = format!("{prefix}{}", entry.file_name().to_string_lossy());
        if path.is_dir() {
            collect_files(&path, &format!("{name}/"), out)?;
        } else {
            let bytes = fs::read(&path).map_err(|e| format!("read {}: {e}", path.display()))?;
            out.push((name, bytes));
        }
    }
    Ok(())
}

/// What a file is, which decides its group in the report. The order is the report's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Wasm,
    Js,
    Css,
    Html,
    Other,
    /// `edit/…`: the organizers' bundle, downloaded only by `/edit` and on demand (a broken
    /// event file, "Add to calendar") — apart from the attendee's first load.
    Organizer,
    /// `events/*.json` and `schema/*.json`: sample event data and the organizers' JSON Schema —
    /// files the page itself never downloads, so not part of the app total.
    Data,
}

impl Kind {
    pub fn of(path: &str) -> Kind {
        let extension = path
            .rsplit_once('.')
            .map(|(_, ext)| ext.to_ascii_lowercase());
        if path.starts_with("edit/") {
            return Kind::Organizer;
        }
        let data_dir = path.starts_with("events/") || path.starts_with("schema/");
        if data_dir && extension.as_deref() == Some("json") {
            return Kind::Data;
        }
        match extension.as_deref() {
            Some("wasm") => Kind::Wasm,
            Some("js" | "mjs") => Kind::Js,
            Some("css") => Kind::Css,
            Some("html") => Kind::Html,
            _ => Kind::Other,
        }
    }

    /// Whether files of this kind are listed apart from the app total.
    pub fn apart(self) -> bool {
        matches!(self, Kind::Organizer | Kind::Data)
    }

    pub fn label(self) -> &'static str {
        match self {
            Kind::Wasm => "wasm",
            Kind::Js => "js",
            Kind::Css => "css",
            Kind::Html => "html",
            Kind::Other => "other",
            Kind::Organizer => "edit",
            Kind::Data => "data",
        }
    }
}

/// A size in bytes: as stored, gzipped and brotli-compressed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Sizes {
    pub raw: u64,
    pub gzip: u64,
    pub brotli: u64,
}

impl std::ops::AddAssign for Sizes {
    fn add_assign(&mut self, other: Sizes) {
        self.raw += other.raw;
        self.gzip += other.gzip;
        self.brotli += other.brotli;
    }
}

/// One file of `dist/`.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub path: String,
    pub kind: Kind,
    pub sizes: Sizes,
}

impl Entry {
    pub fn new(path: String, sizes: Sizes) -> Self {
        let kind = Kind::of(&path);
        Entry { path, kind, sizes }
    }
}

/// The three sizes of one file's bytes.
pub fn measure(bytes: &[u8]) -> Result<Sizes, String> {
    Ok(Sizes {
        raw: bytes.len() as u64,
        gzip: gzip_size(bytes)?,
        brotli: brotli_size(bytes)?,
    })
}

/// Gzip at the best level, as a static file server would precompress.
pub fn gzip_size(bytes: &[u8]) -> Result<u64, String> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    encoder.write_all(bytes).map_err(|e| format!("gzip: {e}"))?;
    let compressed = encoder.finish().map_err(|e| format!("gzip: {e}"))?;
    Ok(compressed.len() as u64)
}

/// Brotli at quality 11 with a 4 MiB window (lgwin 22), the usual precompression setting.
pub fn brotli_size(bytes: &[u8]) -> Result<u64, String> {
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        size_hint: bytes.len(),
        ..Default::default()
    };
    let mut compressed = Vec::new();
    brotli::BrotliCompress(&mut &bytes[..], &mut compressed, &params)
        .map_err(|e| format!("brotli: {e}"))?;
    Ok(compressed.len() as u64)
}

/// Bytes as KB (1 KB = 1000 bytes) with one decimal, rounded half up in integer arithmetic so
/// the figures are stable across platforms.
pub fn kb(bytes: u64) -> String {
    let tenths = (bytes + 50) / 100;
    format!("{}.{}", tenths / 10, tenths % 10)
}

/// A labelled group of rows: the app's files by kind, or the files listed apart (the organizer
/// bundle and event data; `data_total` in the JSON).
struct Totals {
    by_kind: BTreeMap<Kind, (usize, Sizes)>,
    app: (usize, Sizes),
    data: (usize, Sizes),
}

fn totals(entries: &[Entry]) -> Totals {
    let mut totals = Totals {
        by_kind: BTreeMap::new(),
        app: (0, Sizes::default()),
        data: (0, Sizes::default()),
    };
    for entry in entries {
        let kind = totals.by_kind.entry(entry.kind).or_default();
        kind.0 += 1;
        kind.1 += entry.sizes;
        let group = if entry.kind.apart() {
            &mut totals.data
        } else {
            &mut totals.app
        };
        group.0 += 1;
        group.1 += entry.sizes;
    }
    totals
}

/// The aligned table: the files of each kind (in `Kind` order), a subtotal for kinds with more
/// than one file, the app total, then the data files and their total. `entries` must be sorted
/// by kind.
pub fn table(entries: &[Entry]) -> String {
    let totals = totals(entries);
    let count = |n: usize| format!("total ({n} file{})", if n == 1 { "" } else { "s" });
    let mut rows: Vec<(&str, String, Sizes)> = Vec::new();
    let mut app_total_done = false;
    for (index, entry) in entries.iter().enumerate() {
        if entry.kind.apart() && !app_total_done {
            rows.push(("app", count(totals.app.0), totals.app.1));
            app_total_done = true;
        }
        rows.push((entry.kind.label(), entry.path.clone(), entry.sizes));
        let last_of_kind = entries
            .get(index + 1)
            .is_none_or(|next| next.kind != entry.kind);
        if let (true, Some(&(n, sizes))) = (last_of_kind, totals.by_kind.get(&entry.kind)) {
            if n > 1 || entry.kind.apart() {
                rows.push((entry.kind.label(), count(n), sizes));
            }
        }
    }
    if !app_total_done {
        rows.push(("app", count(totals.app.0), totals.app.1));
    }

    let width = rows
        .iter()
        .map(|(_, name, _)| name.len())
        .max()
        .unwrap_or(0)
        .max(4);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<5}  {:<width$}  {:>9}  {:>9}  {:>9}",
        "kind", "file", "raw KB", "gzip KB", "brotli KB"
    );
    for (kind, name, sizes) in rows {
        let _ = writeln!(
            out,
            "{kind:<5}  {name:<width$}  {:>9}  {:>9}  {:>9}",
            kb(sizes.raw),
            kb(sizes.gzip),
            kb(sizes.brotli)
        );
    }
    out
}

/// The same figures as JSON, in bytes so nothing is lost to rounding.
pub fn json(entries: &[Entry]) -> String {
    let totals = totals(entries);
    let sizes = |s: Sizes| {
        format!(
            "\"raw\": {}, \"gzip\": {}, \"brotli\": {}",
            s.raw, s.gzip, s.brotli
        )
    };
    let group = |(n, s): (usize, Sizes)| format!("{{ \"files\": {n}, {} }}", sizes(s));
    let files: Vec<String> = entries
        .iter()
        .map(|e| {
            format!(
                "    {{ \"path\": {}, \"kind\": \"{}\", {} }}",
                json_string(&e.path),
                e.kind.label(),
                sizes(e.sizes)
            )
        })
        .collect();
    let kinds: Vec<String> = totals
        .by_kind
        .iter()
        .map(|(kind, &total)| format!("    \"{}\": {}", kind.label(), group(total)))
        .collect();
    format!(
        "{{\n  \"unit\": \"bytes\",\n  \"gzip\": \"as served (zopfli), else flate2 best\",\n  \"brotli\": \"quality 11, lgwin 22\",\n  \
         \"files\": [\n{}\n  ],\n  \"kinds\": {{\n{}\n  }},\n  \"app_total\": {},\n  \"data_total\": {}\n}}\n",
        files.join(",\n"),
        kinds.join(",\n"),
        group(totals.app),
        group(totals.data)
    )
}

/// A JSON string literal; file names are the only free text in the report.
fn json_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(path: &str, raw: u64, gzip: u64, brotli: u64) -> Entry {
        Entry::new(path.to_string(), Sizes { raw, gzip, brotli })
    }

    #[test]
    fn repetitive_input_compresses_to_fewer_bytes_but_not_none() -> Result<(), String> {
        let input = b"<div class=\"eh-session\">Welcome</div>\n".repeat(200);
        let sizes = measure(&input)?;
        assert_eq!(sizes.raw, input.len() as u64);
        assert!(sizes.gzip > 0 && sizes.gzip < sizes.raw, "{sizes:?}");
        assert!(sizes.brotli > 0 && sizes.brotli < sizes.raw, "{sizes:?}");
        Ok(())
    }

    #[test]
    fn kb_is_thousands_with_one_decimal_rounded_half_up() {
        assert_eq!(kb(0), "0.0");
        assert_eq!(kb(49), "0.0");
        assert_eq!(kb(50), "0.1");
        assert_eq!(kb(1250), "1.3");
        assert_eq!(kb(394_249), "394.2");
        assert_eq!(kb(999_960), "1000.0");
    }

    #[test]
    fn kinds_follow_extension_and_event_and_schema_files_are_data() {
        assert_eq!(Kind::of("event-hub-1a2b_bg.wasm"), Kind::Wasm);
        assert_eq!(Kind::of("event-hub-1a2b.js"), Kind::Js);
        assert_eq!(Kind::of("style-9f.css"), Kind::Css);
        assert_eq!(Kind::of("index.html"), Kind::Html);
        assert_eq!(Kind::of("events/scs-hackathon-3.json"), Kind::Data);
        assert_eq!(Kind::of("schema/event.schema.json"), Kind::Data);
        assert_eq!(Kind::of("icons/icon.svg"), Kind::Other);
        assert_eq!(Kind::of("manifest.webmanifest"), Kind::Other);
    }

    #[test]
    fn table_groups_by_kind_and_keeps_data_out_of_the_app_total() {
        let mut entries = vec![
            entry("events/index.json", 300, 200, 150),
            entry("index.html", 1200, 600, 500),
            entry("app_bg.wasm", 394_200, 157_000, 129_100),
            entry("app.js", 30_100, 7_200, 6_300),
            entry("sw.js", 2_000, 900, 800),
        ];
        entries.sort_by(|a, b| (a.kind, &a.path).cmp(&(b.kind, &b.path)));
        let expected = "\
kind   file                  raw KB    gzip KB  brotli KB
wasm   app_bg.wasm            394.2      157.0      129.1
js     app.js                  30.1        7.2        6.3
js     sw.js                    2.0        0.9        0.8
js     total (2 files)         32.1        8.1        7.1
html   index.html               1.2        0.6        0.5
app    total (4 files)        427.5      165.7      136.7
data   events/index.json        0.3        0.2        0.2
data   total (1 file)           0.3        0.2        0.2
";
        assert_eq!(table(&entries), expected);
    }

    #[test]
    fn json_has_files_kinds_and_both_totals_in_bytes() {
        let entries = vec![entry("a\"b.js", 10, 5, 4), entry("events/x.json", 7, 6, 5)];
        let text = json(&entries);
        assert!(
            text.contains(
                r#"{ "path": "a\"b.js", "kind": "js", "raw": 10, "gzip": 5, "brotli": 4 }"#
            ),
            "{text}"
        );
        assert!(
            text.contains(r#""app_total": { "files": 1, "raw": 10, "gzip": 5, "brotli": 4 }"#),
            "{text}"
        );
        assert!(
            text.contains(r#""data_total": { "files": 1, "raw": 7, "gzip": 6, "brotli": 5 }"#),
            "{text}"
        );
        assert!(text.contains(r#""data": { "files": 1, "raw": 7"#), "{text}");
    }
}
