//! `hub check` over the fixtures corpus (`tests/fixtures/`): the exit code, and exactly one
//! `FILE:LINE:COLUMN: JSON.PATH: message` line per problem each `.expect` file lists — the lines
//! an organizer's CI log shows.

// A failed setup step should fail the test on the spot, with its message.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const HUB: &str = env!("CARGO_BIN_EXE_hub");

fn fixtures(kind: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(kind)
}

fn json_files(kind: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(fixtures(kind))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    files
}

/// `(path, part of the message)` per problem, from the `.expect` file beside `json`.
fn expectations(json: &Path) -> Vec<(String, String)> {
    std::fs::read_to_string(json.with_extension("expect"))
        .unwrap()
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .map(|line| {
            let (path, message) = line.split_once('\t').unwrap();
            (path.to_owned(), message.to_owned())
        })
        .collect()
}

fn hub(args: &[&str]) -> Output {
    Command::new(HUB).args(args).output().unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

/// Splits `FILE:LINE:COLUMN: rest` of a file whose name is known.
fn split_line<'a>(line: &'a str, file: &str) -> Option<(usize, usize, &'a str)> {
    let rest = line.strip_prefix(file)?.strip_prefix(':')?;
    let (line_number, rest) = rest.split_once(':')?;
    let (column, rest) = rest.split_once(": ")?;
    Some((line_number.parse().ok()?, column.parse().ok()?, rest))
}

#[test]
fn check_fails_on_the_bad_corpus_with_one_positioned_line_per_expected_problem() {
    let files = json_files("bad");
    let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
    let mut args = vec!["check"];
    args.extend(names.iter().map(String::as_str));
    let output = hub(&args);
    assert_eq!(output.status.code(), Some(1));

    let text = stdout(&output);
    let mut lines = text.lines();
    let mut expected_total = 0;
    for (file, name) in files.iter().zip(&names) {
        for (path, part) in expectations(file) {
            expected_total += 1;
            let line = lines
                .next()
                .unwrap_or_else(|| panic!("{name}: no line for {path}"));
            let (line_number, column, rest) =
                split_line(line, name).unwrap_or_else(|| panic!("not FILE:LINE:COLUMN: …: {line}"));
            assert!(line_number >= 1 && column >= 1, "{line}");
            assert!(
                rest.starts_with(&format!("{path}: ")) && rest.contains(&part),
                "{line}\nshould be at {path} and mention {part}"
            );
        }
    }
    assert_eq!(lines.next(), None, "more lines than expected problems");
    let summary = String::from_utf8(output.stderr).unwrap();
    assert!(
        summary.starts_with(&format!(
            "{n} files checked: {n} with errors, {expected_total} errors, 0 warnings",
            n = files.len()
        )),
        "{summary}"
    );
}

#[test]
fn a_directory_argument_checks_the_json_files_in_it() {
    let dir = fixtures("bad");
    let output = hub(&["check", dir.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let summary = String::from_utf8(output.stderr).unwrap();
    let count = json_files("bad").len();
    assert!(
        summary.starts_with(&format!("{count} files checked: {count} with errors")),
        "{summary}"
    );
}

#[test]
fn check_passes_the_good_corpus_and_the_sample_silently() {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../public/events");
    let good = fixtures("good");
    let output = hub(&["check", good.to_str().unwrap(), sample.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stdout(&output));
    assert_eq!(stdout(&output), "");
}

#[test]
fn warnings_are_printed_but_pass_unless_strict() {
    let dir = fixtures("warn");
    let lenient = hub(&["check", dir.to_str().unwrap()]);
    assert_eq!(lenient.status.code(), Some(0));
    let text = stdout(&lenient);
    // One line per warning each fixture's `.expect` file names.
    let expected: usize = json_files("warn")
        .iter()
        .map(|file| {
            let expect = std::fs::read_to_string(file.with_extension("expect")).unwrap_or_default();
            expect
                .lines()
                .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
                .count()
        })
        .sum();
    assert_eq!(text.lines().count(), expected, "{text}");
    for line in text.lines() {
        assert!(line.contains(": warning: "), "{line}");
    }
    let strict = hub(&["check", "--strict", dir.to_str().unwrap()]);
    assert_eq!(strict.status.code(), Some(1));
    assert_eq!(stdout(&strict), text);
}

#[test]
fn a_file_in_latin_1_is_reported_at_the_first_byte_that_is_not_utf8() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("latin1.json");
    // `Königsbrücker` saved as Latin-1: `ö` is the single byte 0xF6.
    std::fs::write(&path, b"{\n  \"title\": \"K\xf6nigsbr\xfccker\"\n}\n").unwrap();
    let output = hub(&["check", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stdout(&output),
        format!(
            "{}:2:14: (file): the file is not UTF-8 text (byte 0xF6 here); save it as UTF-8\n",
            path.display()
        )
    );
}

#[test]
fn an_index_entry_whose_file_is_missing_is_an_error_at_that_entry() {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("index.json");
    std::fs::write(
        &index,
        r#"{
  "events": [
    { "id": "gone", "title": "Gone", "file": "gone.json", "time_zone": "UTC",
      "start": "2024-01-01T10:00", "end": "2024-01-01T12:00" }
  ]
}
"#,
    )
    .unwrap();
    let output = hub(&["check", index.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    let (line, column, rest) = split_line(text.trim_end(), index.to_str().unwrap()).unwrap();
    assert_eq!((line, column), (3, 46), "{text}");
    assert!(
        rest.starts_with("events[0].file: there is no file `gone.json` next to the index"),
        "{text}"
    );
}
