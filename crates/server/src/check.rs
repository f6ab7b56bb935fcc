//! `hub check FILE…`: validates event files (and `events/index.json`) with the model's own rules,
//! printing one `FILE:LINE:COLUMN: JSON.PATH: message` line per problem — the shape editors, CI
//! annotators and `grep` already understand.
//!
//! Formatting is kept in plain functions returning lines, so it is tested without a process.

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use event_model::position::locate;
use event_model::tzdb::Tzdb;
use event_model::{check_event, check_index, Problem, Severity};

/// The argument that means "read standard input".
pub const STDIN_ARG: &str = "-";
/// How standard input is named in the output.
pub const STDIN_NAME: &str = "<stdin>";
/// Files with this name are events indexes, not events.
pub const INDEX_FILE_NAME: &str = "index.json";

/// What checking one file found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The file could not be read; the reason as the operating system (or the decoder) gave it.
    Unreadable(String),
    /// The file was parsed; it is valid when none of the problems is an error.
    Checked(Vec<Problem>),
}

/// One file as named on the command line (`<stdin>` for `-`) and what was found in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileReport {
    pub name: String,
    pub outcome: Outcome,
}

impl FileReport {
    /// Errors in the file; an unreadable file counts as one.
    pub fn errors(&self) -> usize {
        match &self.outcome {
            Outcome::Unreadable(_) => 1,
            Outcome::Checked(problems) => problems.iter().filter(|p| p.is_error()).count(),
        }
    }

    /// Warnings in the file.
    pub fn warnings(&self) -> usize {
        match &self.outcome {
            Outcome::Unreadable(_) => 0,
            Outcome::Checked(problems) => problems.iter().filter(|p| !p.is_error()).count(),
        }
    }

    /// The lines to print for this file: one per problem, none when the file is clean.
    pub fn lines(&self) -> Vec<String> {
        match &self.outcome {
            Outcome::Unreadable(reason) => vec![format!("{}: cannot read: {reason}", self.name)],
            Outcome::Checked(problems) => problems
                .iter()
                .map(|problem| format_problem(&self.name, problem))
                .collect(),
        }
    }
}

/// `FILE:LINE:COLUMN: JSON.PATH: message`, or `…: JSON.PATH: warning: message`.
///
/// A problem without a position (rare: the model could not locate its path) points at 1:1 so the
/// line keeps the shape tools parse; an empty path (the whole file) reads `(file)`.
pub fn format_problem(name: &str, problem: &Problem) -> String {
    let (line, column) = problem.position.unwrap_or((1, 1));
    let path = if problem.path.is_empty() {
        "(file)"
    } else {
        &problem.path
    };
    let warning = match problem.severity {
        Severity::Error => "",
        Severity::Warning => "warning: ",
    };
    format!(
        "{name}:{line}:{column}: {path}: {warning}{}",
        problem.message
    )
}

/// Checks the text of one file: as an events index when the file is named `index.json`, else as
/// an event. Every problem carries a position when its path can be found in `text`.
pub fn check_text(name: &str, text: &str) -> Vec<Problem> {
    let mut problems = if is_index(name) {
        check_index(text).problems
    } else {
        check_event(text, &Tzdb).problems
    };
    // `check_index` reports paths without positions; locating them here gives index files the
    // same `LINE:COLUMN` as event files.
    for problem in &mut problems {
        if problem.position.is_none() {
            problem.position = locate(text, &problem.path);
        }
    }
    problems
}

/// Reads and checks one command-line argument (`-` is standard input).
pub fn check_arg(arg: &Path) -> FileReport {
    let from_stdin = arg.as_os_str() == STDIN_ARG;
    let name = if from_stdin {
        STDIN_NAME.to_owned()
    } else {
        arg.display().to_string()
    };
    let bytes = if from_stdin {
        let mut bytes = Vec::new();
        std::io::stdin().read_to_end(&mut bytes).map(|_| bytes)
    } else {
        std::fs::read(arg)
    };
    let outcome = match bytes.map(String::from_utf8) {
        Err(error) => Outcome::Unreadable(error.to_string()),
        Ok(Err(error)) => Outcome::Checked(vec![not_utf8(error.as_bytes(), error.utf8_error())]),
        Ok(Ok(text)) => {
            let mut problems = check_text(&name, &text);
            if !from_stdin && is_index(&name) {
                problems.extend(missing_event_files(arg, &text));
            } else if !from_stdin {
                problems.extend(id_unlike_file_name(arg, &text));
            }
            Outcome::Checked(problems)
        }
    };
    FileReport { name, outcome }
}

/// A file in another encoding (Windows editors still save Latin-1): where the first byte that is
/// not UTF-8 is, so the organizer can find the `ä` that gave it away.
fn not_utf8(bytes: &[u8], error: std::str::Utf8Error) -> Problem {
    let valid = &bytes[..error.valid_up_to()];
    let line = valid.iter().filter(|b| **b == b'\n').count() + 1;
    let line_start = valid
        .iter()
        .rposition(|b| *b == b'\n')
        .map_or(0, |at| at + 1);
    // Everything before the bad byte is valid UTF-8, so characters can be counted.
    let column = String::from_utf8_lossy(&valid[line_start..])
        .chars()
        .count()
        + 1;
    let byte = bytes.get(error.valid_up_to()).copied().unwrap_or_default();
    let mut problem = Problem::error(
        "",
        format!("the file is not UTF-8 text (byte 0x{byte:02X} here); save it as UTF-8"),
    );
    problem.position = Some((line, column));
    problem
}

/// Entries of an events index whose `file` is not next to the index: the hub would list an event
/// whose page then fails to load.
fn missing_event_files(index: &Path, text: &str) -> Vec<Problem> {
    let Some(entries) = check_index(text).value.map(|index| index.events) else {
        return Vec::new();
    };
    let dir = index.parent().unwrap_or(Path::new("."));
    entries
        .iter()
        .enumerate()
        .filter(|(_, entry)| !dir.join(&entry.file).is_file())
        .map(|(i, entry)| {
            let path = format!("events[{i}].file");
            let mut problem = Problem::error(
                &path,
                format!(
                    "there is no file `{}` next to the index ({})",
                    entry.file,
                    dir.display()
                ),
            );
            problem.position = locate(text, &path);
            problem
        })
        .collect()
}

/// An event file in an `events/` directory whose `id` is not its file name: the hub finds an
/// event by id (`/events/{id}` loads `events/{id}.json`, its calendar too), so one of the two
/// addresses would not work.
fn id_unlike_file_name(path: &Path, text: &str) -> Option<Problem> {
    let in_events_dir = path
        .parent()
        .and_then(Path::file_name)
        .is_some_and(|dir| dir == "events");
    let stem = path.file_stem()?.to_str()?;
    let value: serde_json::Value = serde_json::from_str(text).ok()?;
    let id = value.get("id")?.as_str()?;
    if !in_events_dir || id == stem {
        return None;
    }
    let mut problem = Problem::warning(
        "id",
        format!(
            "the id `{id}` is not the file's name `{stem}`: the hub finds an event by its id \
             (`/events/{id}` loads `events/{id}.json`), so rename the file to `{id}.json` or \
             change the id"
        ),
    );
    problem.position = locate(text, "id");
    Some(problem)
}

fn is_index(name: &str) -> bool {
    Path::new(name)
        .file_name()
        .is_some_and(|file| file == INDEX_FILE_NAME)
}

/// The files to check: each argument as given, except that a directory stands for the `.json`
/// files in it (`hub check public/events`), in name order.
pub fn expand(args: &[impl AsRef<Path>]) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for arg in args {
        let arg = arg.as_ref();
        let listing = arg
            .is_dir()
            .then(|| std::fs::read_dir(arg))
            .and_then(Result::ok);
        let Some(listing) = listing else {
            files.push(arg.to_path_buf());
            continue;
        };
        let mut found: Vec<PathBuf> = listing
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            .filter(|path| path.is_file() && path.extension().is_some_and(|ext| ext == "json"))
            .collect();
        found.sort();
        if found.is_empty() {
            // Reported as unreadable, so an empty glob-free directory does not pass silently.
            files.push(arg.to_path_buf());
        }
        files.extend(found);
    }
    files
}

/// Counts over all checked files, printed as the last line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub files_with_errors: usize,
    pub errors: usize,
    pub warnings: usize,
}

impl Summary {
    pub fn of(reports: &[FileReport]) -> Self {
        reports
            .iter()
            .fold(Summary::default(), |sum, report| Summary {
                files: sum.files + 1,
                files_with_errors: sum.files_with_errors + usize::from(report.errors() > 0),
                errors: sum.errors + report.errors(),
                warnings: sum.warnings + report.warnings(),
            })
    }

    /// Whether the check passes: no errors, and with `strict` no warnings either.
    pub fn passes(&self, strict: bool) -> bool {
        self.errors == 0 && !(strict && self.warnings > 0)
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} checked: {} with errors, {}, {}",
            counted(self.files, "file"),
            self.files_with_errors,
            counted(self.errors, "error"),
            counted(self.warnings, "warning"),
        )
    }
}

fn counted(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// The `hub check` command: problem lines on stdout, the summary on stderr.
pub fn run(files: &[impl AsRef<Path>], strict: bool) -> ExitCode {
    let reports: Vec<FileReport> = expand(files).iter().map(|file| check_arg(file)).collect();
    for line in reports.iter().flat_map(FileReport::lines) {
        println!("{line}");
    }
    let summary = Summary::of(&reports);
    if strict && summary.errors == 0 && summary.warnings > 0 {
        // Otherwise "0 with errors" and exit status 1 would seem to contradict each other.
        eprintln!("{summary} (--strict: warnings fail the check)");
    } else {
        eprintln!("{summary}");
    }
    if summary.passes(strict) {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(name: &str, problems: Vec<Problem>) -> FileReport {
        FileReport {
            name: name.to_owned(),
            outcome: Outcome::Checked(problems),
        }
    }

    fn at(mut problem: Problem, line: usize, column: usize) -> Problem {
        problem.position = Some((line, column));
        problem
    }

    #[test]
    fn an_error_line_names_file_position_path_and_message() {
        let problem = at(
            Problem::error("sessions[3].start", "does not exist"),
            12,
            16,
        );
        assert_eq!(
            format_problem("ev.json", &problem),
            "ev.json:12:16: sessions[3].start: does not exist"
        );
    }

    #[test]
    fn a_warning_line_says_warning_after_the_path() {
        let problem = at(
            Problem::warning("sessions[0]", "longer than 12 hours"),
            3,
            5,
        );
        assert_eq!(
            format_problem("ev.json", &problem),
            "ev.json:3:5: sessions[0]: warning: longer than 12 hours"
        );
    }

    #[test]
    fn a_problem_of_the_whole_file_without_position_reads_file_at_1_1() {
        let problem = Problem::error("", "an event file must be a JSON object");
        assert_eq!(
            format_problem("<stdin>", &problem),
            "<stdin>:1:1: (file): an event file must be a JSON object"
        );
    }

    #[test]
    fn an_unreadable_file_is_one_line_and_one_error() {
        let report = FileReport {
            name: "gone.json".to_owned(),
            outcome: Outcome::Unreadable("No such file or directory (os error 2)".to_owned()),
        };
        assert_eq!(
            report.lines(),
            ["gone.json: cannot read: No such file or directory (os error 2)"]
        );
        assert_eq!((report.errors(), report.warnings()), (1, 0));
    }

    #[test]
    fn the_summary_counts_files_errors_and_warnings_with_plurals() {
        let reports = [
            report(
                "a.json",
                vec![
                    Problem::error("id", "x"),
                    Problem::error("title", "y"),
                    Problem::warning("sessions[0]", "z"),
                ],
            ),
            report("b.json", vec![]),
        ];
        let summary = Summary::of(&reports);
        assert_eq!(
            summary.to_string(),
            "2 files checked: 1 with errors, 2 errors, 1 warning"
        );
        assert!(!summary.passes(false));
    }

    #[test]
    fn warnings_pass_unless_strict() {
        let summary = Summary::of(&[report("a.json", vec![Problem::warning("x", "y")])]);
        assert_eq!(
            summary.to_string(),
            "1 file checked: 0 with errors, 0 errors, 1 warning"
        );
        assert!(summary.passes(false));
        assert!(!summary.passes(true));
    }

    #[test]
    fn a_file_named_index_json_is_checked_as_an_events_index() {
        let index = r#"{ "events": [] }"#;
        assert_eq!(check_text("public/events/index.json", index), vec![]);
        // The same text is not an event: it lacks every required event field.
        assert!(!check_text("public/events/other.json", index).is_empty());
    }

    #[test]
    fn index_problems_get_a_position_too() {
        let index = "{\n  \"events\": [],\n  \"extra\": 1\n}";
        let problems = check_text("index.json", index);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].position.is_some(), "{problems:?}");
    }
}
