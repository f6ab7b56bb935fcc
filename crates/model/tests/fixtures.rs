//! The fixtures corpus under `tests/fixtures/`: every good file is clean, every warned file is
//! valid with exactly the warnings its `.expect` lists, every bad file gets exactly the problems
//! its `.expect` lists, in order. Nothing panics.
//!
//! An `.expect` file has one line per problem, `PATH<TAB>text`, where PATH is the JSON path as
//! `hub check` prints it (`(file)` for the whole file) and text is a part of the message
//! (warnings start with `warning: `, as in `hub check`'s output). Lines starting with `#` are notes.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::check;
use event_model::{markdown, Checked, Event, Problem, Severity};

fn fixtures(kind: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(kind)
}

/// The `.json` files of a fixtures directory, sorted so failures come in a stable order.
fn json_files(kind: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(fixtures(kind))
        .unwrap_or_else(|error| panic!("tests/fixtures/{kind}: {error}"))
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    files
}

/// A file's text; the corpus is UTF-8 (a NUL byte is valid UTF-8, and JSON's problem).
fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

/// `(path, part of the message)` pairs of the `.expect` file beside `json`.
fn expectations(json: &Path) -> Vec<(String, String)> {
    let expect = json.with_extension("expect");
    let text = fs::read_to_string(&expect).unwrap_or_else(|_| {
        panic!(
            "{} has no {}: write one line `PATH<TAB>part of the message` per expected problem",
            json.display(),
            expect.display()
        )
    });
    text.lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .map(|line| {
            let (path, message) = line.split_once('\t').unwrap_or_else(|| {
                panic!("{}: `{line}` is not PATH<TAB>message", expect.display())
            });
            (path.to_owned(), message.to_owned())
        })
        .collect()
}

/// What `hub check` prints after the position: `PATH: message` or `PATH: warning: message`.
fn shown(problem: &Problem) -> (String, String) {
    let path = if problem.path.is_empty() {
        "(file)".to_owned()
    } else {
        problem.path.clone()
    };
    let message = match problem.severity {
        Severity::Error => problem.message.to_string(),
        Severity::Warning => format!("warning: {}", problem.message),
    };
    (path, message)
}

fn listing(checked: &Checked<Event>) -> String {
    checked
        .problems
        .iter()
        .map(|p| {
            let (path, message) = shown(p);
            format!("\n    {path}\t{message}  @ {:?}", p.position)
        })
        .collect()
}

/// Checks `text` against `expected`; returns a description of the mismatch, if any.
fn mismatch(checked: &Checked<Event>, expected: &[(String, String)]) -> Option<String> {
    let problems: Vec<(String, String)> = checked.problems.iter().map(shown).collect();
    let matches = problems.len() == expected.len()
        && problems
            .iter()
            .zip(expected)
            .all(|((path, message), (want_path, want_part))| {
                path == want_path && message.contains(want_part.as_str())
            });
    if matches {
        return None;
    }
    let wanted: String = expected
        .iter()
        .map(|(path, part)| format!("\n    {path}\t…{part}…"))
        .collect();
    Some(format!("expected:{wanted}\n  got:{}", listing(checked)))
}

#[test]
fn every_good_fixture_and_the_sample_have_no_problems_at_all() {
    let mut files = json_files("good");
    assert!(files.len() >= 3, "the good corpus is nearly empty");
    files.push(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../public/events/scs-hackathon-3.json"),
    );
    for file in files {
        let checked = check(&read(&file));
        assert!(
            checked.problems.is_empty() && checked.value.is_some(),
            "{}:{}",
            file.display(),
            listing(&checked)
        );
    }
}

#[test]
fn every_warned_fixture_is_valid_with_exactly_its_warnings() {
    let files = json_files("warn");
    assert!(!files.is_empty());
    let mut failures = Vec::new();
    for file in files {
        let checked = check(&read(&file));
        if checked.value.is_none() || checked.problems.iter().any(Problem::is_error) {
            failures.push(format!(
                "{}: should be valid:{}",
                file.display(),
                listing(&checked)
            ));
        } else if let Some(why) = mismatch(&checked, &expectations(&file)) {
            failures.push(format!("{}: {why}", file.display()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn every_bad_fixture_gets_exactly_its_expected_problems() {
    let files = json_files("bad");
    assert!(files.len() >= 30, "only {} bad fixtures", files.len());
    let mut failures = Vec::new();
    for file in &files {
        let checked = check(&read(file));
        if checked.value.is_some() || !checked.problems.iter().any(Problem::is_error) {
            failures.push(format!(
                "{}: should have errors:{}",
                file.display(),
                listing(&checked)
            ));
        } else if let Some(why) = mismatch(&checked, &expectations(file)) {
            failures.push(format!("{}: {why}", file.display()));
        }
        // `hub check` and the page point at the spot: every problem has a line and column.
        for problem in &checked.problems {
            assert!(
                problem.position.is_some(),
                "{}: {problem} has no position",
                file.display()
            );
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// The German page and editor show each problem in German: every problem the corpus produces has
/// a German message of its own, keeping what it quotes (paths, values, suggestions in backticks).
#[test]
fn every_problem_of_the_corpus_is_said_in_german_too() {
    let mut untranslated = Vec::new();
    for file in json_files("bad").iter().chain(&json_files("warn")) {
        for problem in check(&read(file)).problems {
            let english = problem.message.to_string();
            let quoted = |text: &str| -> Vec<String> {
                text.split('`')
                    .skip(1)
                    .step_by(2)
                    .map(str::to_owned)
                    .collect()
            };
            match problem.message.version("de") {
                Some(german) if german != english && quoted(german) == quoted(&english) => {}
                other => {
                    untranslated.push(format!("{}: {english}\n    de: {other:?}", file.display()))
                }
            }
        }
    }
    assert!(untranslated.is_empty(), "{}", untranslated.join("\n"));
}

#[test]
fn every_expect_file_belongs_to_a_fixture() {
    for kind in ["bad", "warn"] {
        for entry in fs::read_dir(fixtures(kind)).expect("the fixtures directory") {
            let path = entry.expect("a directory entry").path();
            if path.extension().is_some_and(|ext| ext == "expect") {
                assert!(
                    path.with_extension("json").exists(),
                    "{} has no .json beside it",
                    path.display()
                );
            }
        }
    }
}

// --- generated fixtures: too big to commit ---------------------------------------------------

/// The minimal good fixture with its title replaced.
fn with_title(title: &str) -> String {
    let mut json: serde_json::Value =
        serde_json::from_str(&read(&fixtures("good").join("minimal.json"))).expect("JSON");
    json["title"] = serde_json::Value::String(title.to_owned());
    serde_json::to_string_pretty(&json).expect("serializes")
}

#[test]
fn a_one_megabyte_title_is_one_short_error_not_a_crash() {
    let checked = check(&with_title(&"x".repeat(1024 * 1024)));
    assert!(
        mismatch(
            &checked,
            &[(
                "title".to_owned(),
                "is 1048576 characters long; at most 200 fit".to_owned()
            )]
        )
        .is_none(),
        "{}",
        listing(&checked)
    );
    assert!(checked.problems[0].message.len() < 200);
    // The position is the title's value, wherever the generated file put it.
    let text = with_title("x");
    let line = text
        .lines()
        .position(|l| l.contains("\"title\""))
        .expect("a title")
        + 1;
    assert_eq!(checked.problems[0].position, Some((line, 12)));
}

#[test]
fn ten_thousand_sessions_with_one_broken_at_the_end_name_that_session_and_its_line() {
    let sessions: Vec<String> = (0..10_000)
        .map(|i| {
            let end = if i == 9_999 { "09:00" } else { "11:00" };
            format!(
                r#"    {{ "id": "s{i}", "title": "Session {i}", "start": "2024-05-14T10:00", "end": "2024-05-14T{end}" }}"#
            )
        })
        .collect();
    let text = format!(
        "{{\n  \"schema_version\": 1,\n  \"id\": \"big\",\n  \"title\": \"Big\",\n  \"time_zone\": \"Europe/Berlin\",\n  \"start\": \"2024-05-14T10:00\",\n  \"end\": \"2024-05-14T18:00\",\n  \"sessions\": [\n{}\n  ]\n}}\n",
        sessions.join(",\n")
    );
    let checked = check(&text);
    assert!(
        mismatch(
            &checked,
            &[(
                "sessions[9999].end".to_owned(),
                "ends at 2024-05-14T09:00, which is not after its start 2024-05-14T10:00"
                    .to_owned()
            )]
        )
        .is_none(),
        "{}",
        listing(&checked)
    );
    // Line 9 holds the first session, so the 10 000th is on line 10 008.
    assert_eq!(
        checked.problems[0].position.map(|(line, _)| line),
        Some(10_008)
    );
}

#[test]
fn a_file_over_the_size_limit_is_refused_before_parsing() {
    let text = with_title(&"x".repeat(event_model::parse::MAX_FILE_BYTES));
    let checked = check(&text);
    assert_eq!(checked.problems.len(), 1, "{}", listing(&checked));
    assert!(checked.problems[0]
        .message
        .contains("an event file may have at most"));
}

// --- HTML in every text field ----------------------------------------------------------------

/// Every Markdown field of an event, with its path.
fn markdown_fields(event: &Event) -> Vec<(String, &str)> {
    let mut fields = vec![("summary".to_owned(), event.summary.as_str())];
    for (i, place) in event.places.iter().enumerate() {
        fields.extend(
            place
                .notes
                .as_deref()
                .map(|t| (format!("places[{i}].notes"), t)),
        );
    }
    for (i, session) in event.sessions.iter().enumerate() {
        fields.extend(
            session
                .description
                .as_deref()
                .map(|t| (format!("sessions[{i}].description"), t)),
        );
    }
    for (i, topic) in event.topics.iter().enumerate() {
        fields.extend(
            topic
                .description
                .as_deref()
                .map(|t| (format!("topics[{i}].description"), t)),
        );
    }
    for (i, section) in event.sections.iter().enumerate() {
        fields.push((format!("sections[{i}].body"), section.body.as_str()));
    }
    fields
}

/// The tags CommonMark itself produces; anything else would be the author's HTML getting through.
const RENDERED_TAGS: [&str; 16] = [
    "p",
    "a",
    "em",
    "strong",
    "code",
    "pre",
    "ul",
    "ol",
    "li",
    "blockquote",
    "h1",
    "h2",
    "h3",
    "hr",
    "br",
    "del",
];

/// The names of the tags in `html` (`<p>`, `</a>` → `p`, `a`).
fn tags(html: &str) -> Vec<String> {
    html.split('<')
        .skip(1)
        .map(|rest| {
            rest.trim_start_matches('/')
                .chars()
                .take_while(char::is_ascii_alphanumeric)
                .collect()
        })
        .collect()
}

#[test]
fn html_and_scripts_in_every_text_field_are_valid_text_and_markdown_never_renders_them() {
    let checked = check(&read(&fixtures("warn").join("html-everywhere.json")));
    let event = checked.value.expect("HTML in text is valid");
    // Plain-text fields keep the text as written; the page renders it as text.
    assert!(event.title.contains("<script>alert(1)</script>"));
    assert!(event.places[0]
        .address
        .as_deref()
        .is_some_and(|a| a.contains("<img")));
    let fields = markdown_fields(&event);
    assert_eq!(fields.len(), 5, "every Markdown field is covered");
    for (path, text) in fields {
        assert!(text.contains("<script>"), "{path} carries the payload");
        let html = markdown::to_html(text);
        for tag in tags(&html) {
            assert!(
                RENDERED_TAGS.contains(&tag.as_str()),
                "{path} renders a <{tag}>: {html}"
            );
        }
        for href in html.split("<a href=\"").skip(1) {
            assert!(
                ["https:", "http:", "mailto:"]
                    .iter()
                    .any(|scheme| href.starts_with(scheme)),
                "{path} links to {href}"
            );
        }
        // The author's HTML is still there, as visible text.
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{path}: {html}"
        );
    }
}
