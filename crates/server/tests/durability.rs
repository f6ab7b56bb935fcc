//! The real `hub` binary, killed without warning: a `201` must mean the sign-up survives.
//!
//! Twenty times: start `hub serve` on the same data directory, wait for its "listening" line,
//! send joins from several tasks, and SIGKILL it after a random short delay — mid-transaction,
//! mid-fsync, mid-answer. Afterwards every join that was answered `201` is on the list, no topic
//! holds more than its capacity, and SQLite's integrity check passes. Then the graceful side: an
//! open change stream does not hold a SIGTERM shutdown, and `hub backup` copies a running hub.

// A failed setup step should fail the test on the spot, with its message.
#![allow(clippy::unwrap_used)]

mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::net::SocketAddr;
use std::path::Path;
use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use event_model::signup::SignupList;
use support::{EVENT, OPEN, SMALL, TEN};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;
use tokio::process::{Child, Command};

const HUB: &str = env!("CARGO_BIN_EXE_hub");
const CYCLES: usize = 20;
const WORKERS: usize = 6;

struct Running {
    child: Child,
    addr: SocketAddr,
}

/// Starts `hub serve` on `site` and `data` without limits, and waits for it to listen: reads its
/// log until `hub listening on http://ADDR/`, then keeps draining it so it never blocks.
async fn start(site: &Path, data: &Path) -> Running {
    let mut child = Command::new(HUB)
        .arg("serve")
        .args(["--addr", "127.0.0.1:0"])
        .arg("--site")
        .arg(site)
        .arg("--data")
        .arg(data)
        .args(["--writes-per-minute", "0", "--reads-per-minute", "0"])
        .args(["--max-signups-per-event", "0"])
        .env("RUST_LOG", "info")
        .env_remove("HUB_ORGANIZER_TOKEN")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let mut log = String::new();
    let addr = loop {
        let line = tokio::time::timeout(Duration::from_secs(30), lines.next_line())
            .await
            .unwrap_or_else(|_| panic!("no listening line within 30 s:\n{log}"))
            .unwrap()
            .unwrap_or_else(|| panic!("the hub exited before listening:\n{log}"));
        log.push_str(&line);
        log.push('\n');
        if let Some((_, rest)) = line.split_once("hub listening on http://") {
            break rest.trim_end_matches('/').parse::<SocketAddr>().unwrap();
        }
    };
    tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
    Running { child, addr }
}

/// One HTTP/1.1 request on its own connection: the status and the body.
async fn http(
    addr: SocketAddr,
    method: &str,
    path: &str,
    body: &str,
) -> std::io::Result<(u16, String)> {
    let mut stream = TcpStream::connect(addr).await?;
    let request = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).await?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response).await?;
    let text = String::from_utf8_lossy(&response).into_owned();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|code| code.parse().ok())
        .ok_or_else(|| std::io::Error::other(format!("not an HTTP response: {text:?}")))?;
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, body)| body.to_owned())
        .unwrap_or_default();
    Ok((status, body))
}

async fn list(addr: SocketAddr) -> SignupList {
    let (status, body) = http(addr, "GET", &format!("/api/events/{EVENT}/signups"), "")
        .await
        .unwrap();
    assert_eq!(status, 200, "{body}");
    serde_json::from_str(&body).unwrap()
}

/// A random delay between `min` and `min + spread` milliseconds.
fn random_delay(min: u64, spread: u64) -> Duration {
    let mut bytes = [0u8; 8];
    getrandom::fill(&mut bytes).unwrap();
    Duration::from_millis(min + u64::from_le_bytes(bytes) % spread)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn every_acknowledged_join_survives_sigkill() {
    let started = Instant::now();
    let (dir, site, data) = support::site();
    // (topic, name) of every join answered 201.
    let acknowledged: Arc<Mutex<Vec<(String, String)>>> = Arc::default();
    for cycle in 0..CYCLES {
        let mut hub = start(&site, &data).await;
        let workers: Vec<_> = (0..WORKERS)
            .map(|worker| {
                let acknowledged = Arc::clone(&acknowledged);
                let addr = hub.addr;
                tokio::spawn(async move {
                    for n in 0.. {
                        // Mostly the open topic; some try for the few seats of the others.
                        let topic = match n % 4 {
                            0 => SMALL,
                            1 => TEN,
                            _ => OPEN,
                        };
                        let name = format!("c{cycle} w{worker} n{n}");
                        let body = format!(r#"{{"name": "{name}"}}"#);
                        let path = format!("/api/events/{EVENT}/topics/{topic}/signups");
                        match http(addr, "POST", &path, &body).await {
                            Ok((201, _)) => {
                                acknowledged.lock().unwrap().push((topic.to_owned(), name))
                            }
                            Ok((409, _)) => {}
                            Ok((status, body)) => panic!("join answered {status}: {body}"),
                            // Killed mid-request: the outcome is unknown, so it is not counted.
                            Err(_) => break,
                        }
                    }
                })
            })
            .collect();
        tokio::time::sleep(random_delay(20, 200)).await;
        hub.child.start_kill().unwrap();
        hub.child.wait().await.unwrap();
        for worker in workers {
            worker.await.unwrap();
        }
    }

    let hub = start(&site, &data).await;
    let list = list(hub.addr).await;
    let acknowledged = acknowledged.lock().unwrap().clone();
    assert!(
        acknowledged.len() > CYCLES,
        "the load barely ran: {} joins acknowledged",
        acknowledged.len()
    );
    let listed: BTreeMap<&str, BTreeSet<&str>> = list
        .topics
        .iter()
        .map(|(topic, sheet)| {
            (
                topic.as_str(),
                sheet.names.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    for (topic, name) in &acknowledged {
        let found = listed
            .get(topic.as_str())
            .is_some_and(|names| names.contains(name.as_str()));
        assert!(found, "{name} got 201 on {topic} but is not on its list");
    }
    for (topic, capacity) in [(SMALL, 2), (TEN, 10)] {
        let count = list.topics.get(topic).map_or(0, |sheet| sheet.count);
        assert!(
            count <= capacity,
            "{topic}: {count} sign-ups for {capacity} seats"
        );
    }
    for sheet in list.topics.values() {
        assert_eq!(sheet.count as usize, sheet.names.len());
    }

    let mut hub = hub;
    hub.child.start_kill().unwrap();
    hub.child.wait().await.unwrap();
    let conn = rusqlite::Connection::open(data.join("signups.sqlite3")).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |row| row.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    drop(dir);
    eprintln!(
        "{CYCLES} kills, {} acknowledged joins, {:.1?}",
        acknowledged.len(),
        started.elapsed()
    );
}

/// Sends SIGTERM, as `systemctl stop` does (tokio's `Child` only sends SIGKILL).
fn terminate(child: &Child) {
    let pid = child.id().unwrap().to_string();
    let status = std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap();
    assert!(status.success());
}

#[tokio::test]
async fn an_open_change_stream_does_not_hold_the_shutdown() {
    let (_dir, site, data) = support::site();
    let mut hub = start(&site, &data).await;
    let mut stream = TcpStream::connect(hub.addr).await.unwrap();
    let request = format!(
        "GET /api/events/{EVENT}/signups/stream HTTP/1.1\r\nHost: {}\r\n\r\n",
        hub.addr
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut seen = Vec::new();
    while !String::from_utf8_lossy(&seen).contains("event: hello") {
        let mut chunk = [0u8; 1024];
        let n = tokio::time::timeout(Duration::from_secs(10), stream.read(&mut chunk))
            .await
            .unwrap()
            .unwrap();
        assert!(n > 0, "the stream closed before hello");
        seen.extend_from_slice(&chunk[..n]);
    }
    let asked = Instant::now();
    terminate(&hub.child);
    let status = tokio::time::timeout(Duration::from_secs(8), hub.child.wait())
        .await
        .expect("the hub to stop well within its 10 s grace")
        .unwrap();
    assert!(status.success(), "{status}");
    assert!(
        asked.elapsed() < Duration::from_secs(5),
        "{:?}",
        asked.elapsed()
    );
}

#[tokio::test]
async fn hub_backup_copies_the_database_of_a_running_hub() {
    let (dir, site, data) = support::site();
    let mut hub = start(&site, &data).await;
    for name in ["Anna", "Bob"] {
        let body = format!(r#"{{"name": "{name}"}}"#);
        let path = format!("/api/events/{EVENT}/topics/{OPEN}/signups");
        let (status, body) = http(hub.addr, "POST", &path, &body).await.unwrap();
        assert_eq!(status, 201, "{body}");
    }
    let copy = dir.path().join("backup.sqlite3");
    let output = Command::new(HUB)
        .arg("backup")
        .arg("--data")
        .arg(&data)
        .arg(&copy)
        .output()
        .await
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        format!("backed up 2 sign-ups to {}\n", copy.display())
    );
    hub.child.start_kill().unwrap();
    hub.child.wait().await.unwrap();
    let conn = rusqlite::Connection::open(&copy).unwrap();
    let count: i64 = conn
        .query_row("SELECT count(*) FROM signups", [], |row| row.get(0))
        .unwrap();
    assert_eq!(count, 2);

    // Without a database there is nothing to copy, and it says so.
    let output = Command::new(HUB)
        .arg("backup")
        .arg("--data")
        .arg(dir.path().join("nowhere"))
        .arg(dir.path().join("x.sqlite3"))
        .output()
        .await
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("no sign-up database"));
}
