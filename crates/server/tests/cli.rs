//! The real `hub` binary: `hub check` exit codes and problem lines, `hub export` and `hub import`,
//! and `hub serve` over a socket,
//! including its clean exit on SIGTERM.

// A failed setup step should fail the test on the spot, with its message.
#![allow(clippy::unwrap_used)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

const HUB: &str = env!("CARGO_BIN_EXE_hub");

/// The organizers' sample, the file the README's quick start serves.
fn sample(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../public/events")
        .join(name)
}

/// A valid event; tests break one line of it.
const VALID: &str = r#"{
  "schema_version": 1,
  "id": "x",
  "title": "X",
  "time_zone": "Europe/Berlin",
  "start": "2023-11-08T10:00",
  "end": "2023-11-08T19:00"
}
"#;

fn hub(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(HUB)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    input
        .write_all(stdin.unwrap_or_default().as_bytes())
        .unwrap();
    drop(input);
    child.wait_with_output().unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Writes `text` to `name` in a fresh directory; returns the directory (kept alive) and the path.
fn temp_file(name: &str, text: &str) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    (dir, path.to_str().unwrap().to_owned())
}

#[test]
fn check_accepts_the_sample_event_and_index() {
    let event = sample("scs-hackathon-3.json");
    let index = sample("index.json");
    let output = hub(
        &["check", event.to_str().unwrap(), index.to_str().unwrap()],
        None,
    );
    assert!(
        output.status.success(),
        "{}{}",
        stdout(&output),
        stderr(&output)
    );
    assert!(
        stderr(&output).starts_with("2 files checked: 0 with errors, 0 errors"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn check_accepts_a_minimal_valid_event_silently() {
    let (_dir, path) = temp_file("ok.json", VALID);
    let output = hub(&["check", &path], None);
    assert!(output.status.success());
    assert_eq!(stdout(&output), "");
    assert_eq!(
        stderr(&output),
        "1 file checked: 0 with errors, 0 errors, 0 warnings\n"
    );
}

#[test]
fn check_reports_a_syntax_error_at_its_line_and_column() {
    let (_dir, path) = temp_file("comma.json", "{\n  \"id\": \"x\"\n  \"title\": \"X\"\n}\n");
    let output = hub(&["check", &path], None);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stdout(&output),
        format!(
            "{path}:3:3: (file): invalid JSON: expected `,` or `}}` — is a comma missing before this?\n"
        )
    );
    assert_eq!(
        stderr(&output),
        "1 file checked: 1 with errors, 1 error, 0 warnings\n"
    );
}

#[test]
fn check_reports_an_unknown_field_with_its_path_and_a_suggestion() {
    let text = VALID.replace(
        "  \"title\": \"X\",\n",
        "  \"title\": \"X\",\n  \"titel\": \"X\",\n",
    );
    let (_dir, path) = temp_file("typo.json", &text);
    let output = hub(&["check", &path], None);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stdout(&output),
        format!("{path}:5:12: titel: unknown field `titel` — did you mean `title`?\n")
    );
}

#[test]
fn check_reports_an_unknown_time_zone_at_its_value() {
    let text = VALID.replace("Europe/Berlin", "Europe/Berlinn");
    let (_dir, path) = temp_file("zone.json", &text);
    let output = hub(&["check", &path], None);
    assert_eq!(output.status.code(), Some(1));
    let out = stdout(&output);
    assert!(
        out.starts_with(&format!("{path}:5:16: time_zone: ")),
        "{out}"
    );
    assert!(
        out.contains("`Europe/Berlinn` is not an IANA time zone"),
        "{out}"
    );
    assert_eq!(out.lines().count(), 1, "{out}");
}

#[test]
fn check_reads_standard_input_for_a_dash() {
    let ok = hub(&["check", "-"], Some(VALID));
    assert!(ok.status.success(), "{}", stdout(&ok));
    let broken = hub(&["check", "-"], Some("[]"));
    assert_eq!(broken.status.code(), Some(1));
    assert!(
        stdout(&broken).starts_with("<stdin>:1:1: (file): "),
        "{}",
        stdout(&broken)
    );
}

#[test]
fn check_reports_an_unreadable_file_and_fails() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.json");
    let missing = missing.to_str().unwrap();
    let output = hub(
        &["check", missing, sample("index.json").to_str().unwrap()],
        None,
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stdout(&output).starts_with(&format!("{missing}: cannot read: ")),
        "{}",
        stdout(&output)
    );
    assert!(stderr(&output).starts_with("2 files checked: 1 with errors, 1 error"));
}

#[test]
fn check_passes_warnings_unless_strict() {
    let text = VALID.replace(
        "  \"end\": \"2023-11-08T19:00\"\n",
        "  \"end\": \"2023-11-08T19:00\",\n  \"sessions\": [\n    { \"id\": \"long\", \"title\": \"Long\", \"start\": \"2023-11-08T05:00\", \"end\": \"2023-11-08T19:00\" }\n  ]\n",
    );
    let (_dir, path) = temp_file("long.json", &text);
    let expected =
        format!("{path}:9:5: sessions[0]: warning: the session lasts 14 hours (more than 12); is a date wrong?\n");

    let lenient = hub(&["check", &path], None);
    assert!(lenient.status.success(), "{}", stderr(&lenient));
    assert_eq!(stdout(&lenient), expected);

    let strict = hub(&["check", "--strict", &path], None);
    assert_eq!(strict.status.code(), Some(1));
    assert_eq!(stdout(&strict), expected);
}

#[test]
fn check_warns_when_an_event_file_in_events_is_not_named_after_its_id() {
    let dir = tempfile::tempdir().unwrap();
    let events = dir.path().join("events");
    std::fs::create_dir(&events).unwrap();
    let misnamed = events.join("meetup.json");
    std::fs::write(&misnamed, VALID).unwrap();
    let named = events.join("x.json");
    std::fs::write(&named, VALID).unwrap();

    let output = hub(&["check", events.to_str().unwrap()], None);
    assert!(
        output.status.success(),
        "a warning only: {}",
        stderr(&output)
    );
    assert_eq!(
        stdout(&output),
        format!(
            "{}:3:9: id: warning: the id `x` is not the file's name `meetup`: the hub finds an \
             event by its id (`/events/x` loads `events/x.json`), so rename the file to `x.json` \
             or change the id\n",
            misnamed.display()
        ),
        "only the misnamed file is reported"
    );
    // Outside an `events/` directory (drafts, fixtures) the name is the organizer's business.
    let (_draft, draft) = temp_file("draft.json", VALID);
    assert_eq!(stdout(&hub(&["check", &draft], None)), "");
}

#[test]
fn check_reads_a_file_named_index_json_as_an_events_index() {
    let (_dir, path) = temp_file("index.json", "{ \"events\": [] }\n");
    let output = hub(&["check", &path], None);
    assert!(output.status.success(), "{}", stdout(&output));
}

/// A running `hub serve`, killed if a test fails before stopping it.
struct Server {
    child: Child,
    lines: Receiver<String>,
    log: Vec<String>,
}

impl Server {
    fn start(site: &Path, data: &Path) -> Server {
        let mut child = Command::new(HUB)
            .args(["serve", "--addr", "127.0.0.1:0", "--site"])
            .arg(site)
            .arg("--data")
            .arg(data)
            .env("RUST_LOG", "info")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = child.stderr.take().unwrap();
        let (sender, lines) = mpsc::channel();
        // Drained on a thread so a chatty server never blocks on a full pipe.
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if sender.send(line).is_err() {
                    break;
                }
            }
        });
        Server {
            child,
            lines,
            log: Vec::new(),
        }
    }

    /// Log lines until one contains `needle`, or panics after `timeout`.
    fn wait_for(&mut self, needle: &str, timeout: Duration) -> String {
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) => {
                    self.log.push(line.clone());
                    if line.contains(needle) {
                        return line;
                    }
                }
                Err(error) => panic!("no `{needle}` in the log ({error}): {:#?}", self.log),
            }
        }
    }

    /// The address from `hub listening on http://ADDR/`.
    fn address(&mut self) -> String {
        let line = self.wait_for("hub listening on http://", Duration::from_secs(30));
        let url = &line[line.find("http://").unwrap() + "http://".len()..];
        url.trim_end().trim_end_matches('/').to_owned()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

#[test]
fn export_writes_each_format_for_a_static_host_and_refuses_a_broken_file() {
    let dir = tempfile::tempdir().unwrap();
    let event = sample("scs-hackathon-3.json");
    let event = event.to_str().unwrap();
    for (format, file, first) in [
        ("schedule-json", "schedule.json", "{"),
        ("schedule-xml", "schedule.xml", "<?xml"),
        ("ics", "scs-hackathon-3.ics", "BEGIN:VCALENDAR"),
    ] {
        let out = dir.path().join(file);
        let output = hub(
            &[
                "export",
                "--format",
                format,
                "-o",
                out.to_str().unwrap(),
                event,
            ],
            None,
        );
        assert!(output.status.success(), "{format}: {}", stderr(&output));
        let text = std::fs::read_to_string(&out).unwrap();
        assert!(text.starts_with(first), "{format}: {text}");
    }
    // Standard output without `-o`, in the language asked for.
    let output = hub(
        &["export", "--format", "schedule-json", "--lang", "de", event],
        None,
    );
    assert!(stdout(&output).contains("Dritter SCS Community Hackathon"));
    assert!(!hub(
        &["export", "--format", "schedule-json", "--lang", "fr", event],
        None
    )
    .status
    .success());

    let (_broken_dir, broken) = temp_file("broken.json", &VALID.replace("10:00", "25:00"));
    let output = hub(&["export", "--format", "schedule-xml", &broken], None);
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).is_empty());
    assert!(
        stderr(&output).contains("the hour is 00–23"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn import_turns_pretalxs_schedule_into_an_event_file_that_check_accepts() {
    let dir = tempfile::tempdir().unwrap();
    let schedule =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/c3voc/example-pretalx-democon.json");
    let event = dir.path().join("democon.json");
    let output = hub(
        &[
            "import",
            schedule.to_str().unwrap(),
            "-o",
            event.to_str().unwrap(),
        ],
        None,
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let said = stderr(&output);
    assert!(said.contains("imported 36 sessions in 2 places"), "{said}");
    assert!(
        said.contains("note: tracks of 36 talks are not carried over"),
        "{said}"
    );
    let check = hub(&["check", event.to_str().unwrap()], None);
    assert!(check.status.success(), "{}", stdout(&check));
    // Not a schedule: a reason, and nothing written.
    let (_dir, junk) = temp_file("junk.json", "[1, 2]");
    let output = hub(&["import", &junk], None);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("schedule.conference"),
        "{}",
        stderr(&output)
    );
}

fn built_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    std::fs::create_dir_all(site.join("events")).unwrap();
    std::fs::write(
        site.join("index.html"),
        "<!doctype html><title>hub</title><p>the app</p>\n",
    )
    .unwrap();
    std::fs::write(site.join("events/ok.json"), VALID).unwrap();
    dir
}

fn http_get(address: &str, path: &str) -> String {
    let mut stream = TcpStream::connect(address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    response
}

#[test]
fn serve_answers_over_http_logs_the_request_and_stops_cleanly_on_sigterm() {
    let dir = built_site();
    let data = dir.path().join("data");
    let mut server = Server::start(&dir.path().join("site"), &data);
    let address = server.address();

    let response = http_get(&address, "/events/ok");
    assert!(response.starts_with("HTTP/1.1 200 OK\r\n"), "{response}");
    assert!(response.ends_with("<p>the app</p>\n"), "{response}");
    server.wait_for("GET /events/ok 200", Duration::from_secs(10));
    assert!(data.is_dir(), "the data directory is created at start");

    let status = Command::new("kill")
        .args(["-TERM", &server.child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let stopped = Instant::now();
    let exit = loop {
        if let Some(exit) = server.child.try_wait().unwrap() {
            break exit;
        }
        assert!(
            stopped.elapsed() < Duration::from_secs(5),
            "still running 5 s after SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(exit.success(), "{exit:?}: {:#?}", server.log);
}

#[test]
fn serve_warns_about_broken_event_files_but_starts() {
    let dir = built_site();
    let site = dir.path().join("site");
    std::fs::write(
        site.join("events/bad.json"),
        VALID.replace("Europe/Berlin", "Mars/Olympus"),
    )
    .unwrap();
    let mut server = Server::start(&site, &dir.path().join("data"));
    let warning = server.wait_for("bad.json:5:16: time_zone:", Duration::from_secs(30));
    assert!(warning.contains("WARN"), "{warning}");
    server.address();
}

#[test]
fn serve_refuses_to_start_without_a_built_app() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("dist");
    let output = hub(
        &[
            "serve",
            "--addr",
            "127.0.0.1:0",
            "--site",
            site.to_str().unwrap(),
            "--data",
            dir.path().join("data").to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains("no index.html in"), "{err}");
    assert!(err.contains("cargo xtask serve"), "{err}");
}
