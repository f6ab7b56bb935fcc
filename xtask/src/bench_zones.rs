//! The time-zone part of `cargo xtask bench`: builds `xtask/tz-probe` (one offset lookup) once
//! per way the app could know time zones and measures each wasm like the app's, so the cost of
//! shipping a zone database is a measured figure, not a remembered one.

use std::fmt::Write as _;
use std::fs;

use crate::bench::{kb, measure, Sizes};
use crate::run::{run, Workspace};

/// One way to resolve zones: a label, the probe's cargo features, and the build-time zone filter.
struct Variant {
    label: &'static str,
    slug: &'static str,
    features: &'static str,
    filter: Option<&'static str>,
}

const VARIANTS: [Variant; 4] = [
    Variant {
        label: "browser Intl (shipped)",
        slug: "intl",
        features: "",
        filter: None,
    },
    Variant {
        label: "chrono-tz, the event's zone only",
        slug: "tz-one",
        features: "filtered",
        filter: Some("^Europe/Berlin$"),
    },
    Variant {
        label: "chrono-tz, Europe/* only",
        slug: "tz-europe",
        features: "filtered",
        filter: Some("^Europe/"),
    },
    Variant {
        label: "chrono-tz, every zone",
        slug: "tz-all",
        features: "tzdb",
        filter: None,
    },
];

/// A measured variant.
pub struct Measured {
    pub label: &'static str,
    pub wasm: Sizes,
}

/// Builds and measures every variant.
pub fn measure_all(ws: &Workspace) -> Result<Vec<Measured>, String> {
    let target = ws.target_dir().join("tz-probe");
    let mut measured = Vec::new();
    for variant in &VARIANTS {
        let mut cargo = ws.command("cargo");
        cargo.args(["build", "--release", "-p", "tz-probe", "--lib"]);
        cargo.args(["--target", "wasm32-unknown-unknown", "--target-dir"]);
        cargo.arg(&target);
        if !variant.features.is_empty() {
            cargo.args(["--features", variant.features]);
        }
        // chrono-tz's build script reads the filter and reruns when it changes.
        cargo.env("CHRONO_TZ_TIMEZONE_FILTER", variant.filter.unwrap_or(""));
        run(&format!("build tz-probe ({})", variant.slug), &mut cargo)?;

        let built = target.join("wasm32-unknown-unknown/release/tz_probe.wasm");
        let out = target.join("out").join(variant.slug);
        run(
            "wasm-bindgen",
            ws.command("wasm-bindgen")
                .args(["--target", "web", "--out-dir"])
                .arg(&out)
                .arg(&built),
        )?;
        // The same optimisation as the app's release build (index.html: data-wasm-opt="z").
        let wasm = out.join("tz_probe_bg.wasm");
        run(
            "wasm-opt",
            ws.command("wasm-opt")
                .args([
                    "-Oz",
                    "--enable-bulk-memory",
                    "--enable-nontrapping-float-to-int",
                ])
                .arg(&wasm)
                .arg("-o")
                .arg(&wasm),
        )?;
        let bytes = fs::read(&wasm).map_err(|e| format!("read {}: {e}", wasm.display()))?;
        measured.push(Measured {
            label: variant.label,
            wasm: measure(&bytes)?,
        });
    }
    Ok(measured)
}

/// The table: each variant's wasm and what it adds over the first (the shipped one), gzipped.
pub fn table(measured: &[Measured]) -> String {
    let base = measured.first().map(|m| m.wasm.gzip).unwrap_or(0);
    let width = measured.iter().map(|m| m.label.len()).max().unwrap_or(0);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "time zones (tz-probe: one offset lookup, release, wasm-opt -Oz)\n{:<width$}  {:>9}  {:>9}  {:>9}  {:>12}",
        "option", "raw KB", "gzip KB", "brotli KB", "+gzip KB"
    );
    for m in measured {
        let _ = writeln!(
            out,
            "{:<width$}  {:>9}  {:>9}  {:>9}  {:>12}",
            m.label,
            kb(m.wasm.raw),
            kb(m.wasm.gzip),
            kb(m.wasm.brotli),
            kb(m.wasm.gzip.saturating_sub(base))
        );
    }
    out
}

/// The same figures as a JSON array, in bytes.
pub fn json(measured: &[Measured]) -> String {
    let rows: Vec<String> = measured
        .iter()
        .map(|m| {
            format!(
                "    {{ \"option\": \"{}\", \"raw\": {}, \"gzip\": {}, \"brotli\": {} }}",
                m.label, m.wasm.raw, m.wasm.gzip, m.wasm.brotli
            )
        })
        .collect();
    format!("[\n{}\n  ]", rows.join(",\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_shows_what_each_option_adds_over_the_shipped_one() {
        let sizes = |gzip| Sizes {
            raw: gzip * 3,
            gzip,
            brotli: gzip - 100,
        };
        let table = table(&[
            Measured {
                label: "intl",
                wasm: sizes(10_000),
            },
            Measured {
                label: "all",
                wasm: sizes(156_000),
            },
        ]);
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(lines.len(), 4, "{table}");
        assert!(
            lines[2].starts_with("intl") && lines[2].ends_with("0.0"),
            "{table}"
        );
        assert!(
            lines[3].starts_with("all") && lines[3].ends_with("146.0"),
            "{table}"
        );
    }

    #[test]
    fn variant_slugs_are_unique_and_the_shipped_option_comes_first() {
        let mut slugs: Vec<&str> = VARIANTS.iter().map(|v| v.slug).collect();
        assert_eq!(slugs[0], "intl");
        assert!(VARIANTS[0].features.is_empty(), "the base has no database");
        slugs.sort_unstable();
        slugs.dedup();
        assert_eq!(slugs.len(), VARIANTS.len());
    }
}
