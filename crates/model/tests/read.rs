//! The attendee's reader (`read_event`) against the organizer's checker (`check_event`) on the
//! whole fixtures corpus: it accepts every file the checker accepts, with the same event, and
//! refuses every broken file except the few whose only problems spoil no one's day.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{check, SAMPLE};
use event_model::tzdb::Tzdb;
use event_model::{read_event, read_index};

/// Broken files the attendee's page may still show: their only problems are cosmetic (a title too
/// long or empty, an odd character in a title, an e-mail address that is not one). `hub check`
/// and the editor still refuse them. A new broken fixture is refused unless it is listed here.
const SHOWN_ANYWAY: [&str; 7] = [
    "control-character-markdown",
    "control-character-title",
    "email",
    "email-mailto",
    "empty-session-title",
    "empty-title",
    "long-title",
];

fn json_files(kind: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(kind);
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    files
}

fn name(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

#[test]
fn every_file_the_checker_accepts_reads_to_the_same_event() {
    let mut files = json_files("good");
    files.extend(json_files("warn"));
    assert!(files.len() >= 5, "the corpus is there: {files:?}");
    for file in files {
        let text = fs::read_to_string(&file).expect("fixture text");
        let checked = check(&text).value.expect("the checker accepts it");
        match read_event(&text, &Tzdb) {
            Ok(event) => assert_eq!(event, checked, "{}", file.display()),
            Err(problem) => panic!("{} refused: {problem}", file.display()),
        }
    }
    assert!(read_event(SAMPLE, &Tzdb).is_ok());
}

#[test]
fn every_broken_file_is_refused_unless_its_problems_are_cosmetic() {
    let files = json_files("bad");
    assert!(files.len() >= 30, "the corpus is there: {}", files.len());
    for file in files {
        let text = fs::read_to_string(&file).expect("fixture text");
        assert!(check(&text).value.is_none(), "{} is broken", file.display());
        let read = read_event(&text, &Tzdb);
        if SHOWN_ANYWAY.contains(&name(&file).as_str()) {
            assert!(
                read.is_ok(),
                "{} could be shown: {:?}",
                file.display(),
                read.err()
            );
        } else {
            assert!(read.is_err(), "{} must not be shown", file.display());
        }
    }
}

#[test]
fn a_syntax_error_keeps_its_line_and_column() {
    let text = "{\n  \"id\": \"x\",\n  \"title\": 'Hi'\n}";
    let problem = read_event(text, &Tzdb).expect_err("not JSON");
    assert_eq!(problem.position, Some((3, 12)));
    assert!(problem.is_error());
}

#[test]
fn an_unsafe_link_is_refused_with_its_list() {
    let text = common::sample_with("/links/0/url", "javascript:alert(1)".into());
    let problem = read_event(&text, &Tzdb).expect_err("unsafe link");
    assert_eq!(problem.path, "links");
}

#[test]
fn the_index_reads_and_a_broken_one_says_where() {
    let index = read_index(common::INDEX).expect("the shipped index");
    assert!(!index.events.is_empty());
    let problem = read_index("{\"events\": [}").expect_err("broken");
    assert_eq!(problem.position.map(|(line, _)| line), Some(1));
}
