//! The sign-up API part of `cargo xtask bench` (also on its own: `cargo xtask bench-api`): the
//! `hub` binary on loopback, on a generated site with two events, with its rate limits and the
//! per-event cap off (0) so the figures are the hub's, not its limits'. Measured:
//!
//! - acknowledged joins per second and their p50/p99 latency at 1, 16 and 64 concurrent clients,
//!   each on its own keep-alive connection, with distinct names on topics without capacity —
//!   every `201` waited for its `synchronous=FULL` commit;
//! - list reads per second at 16 clients, without and with `If-None-Match` (`200` vs `304`), on
//!   a list of 50 names.
//!
//! The client is plain HTTP/1.1 over `std::net` threads, on the same two cores as the hub, so
//! the figures are a floor. Time is not a test: slow figures are reported, only a broken
//! measurement (a status other than the one expected) fails.

use std::fmt::Write as _;
use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use crate::run::{run, Workspace};

/// How long each measurement runs.
const RUN_FOR: Duration = Duration::from_secs(3);
const JOIN_CLIENTS: [usize; 3] = [1, 16, 64];
const READ_CLIENTS: usize = 16;
const JOINS_EVENT: &str = "bench-joins";
const READS_EVENT: &str = "bench-reads";
const TOPICS: [&str; 4] = ["alpha", "beta", "gamma", "delta"];

/// One measured load.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub what: &'static str,
    pub clients: usize,
    pub requests: usize,
    pub per_second: f64,
    pub p50_ms: f64,
    pub p99_ms: f64,
}

/// `cargo xtask bench-api`: measures, prints the table, writes `target/bench-api.json`.
pub fn execute_alone(ws: &Workspace) -> Result<(), String> {
    let json = execute(ws)?;
    let out = ws.target_dir().join("bench-api.json");
    fs::write(&out, format!("{json}\n")).map_err(|e| format!("write {}: {e}", out.display()))?;
    println!("wrote {}", out.display());
    Ok(())
}

/// Builds the hub, measures, prints the table and returns the figures as JSON.
pub fn execute(ws: &Workspace) -> Result<String, String> {
    run(
        "hub build",
        ws.command("cargo").args(["build", "-p", "hub"]),
    )?;
    let exe = ws
        .target_dir()
        .join("debug")
        .join(format!("hub{}", std::env::consts::EXE_SUFFIX));
    let dir = ws.target_dir().join("bench-api");
    // A database left from an earlier run would make names collide and lists longer.
    if dir.exists() {
        fs::remove_dir_all(&dir).map_err(|e| format!("remove {}: {e}", dir.display()))?;
    }
    let site = dir.join("site");
    write_site(&site)?;
    println!("==> sign-up API on loopback: hub (debug build), rate limits 0 (off), per-event cap 0 (off), synchronous=FULL");
    let mut hub = Hub::start(&exe, &site, &dir.join("data"))?;
    let figures = measure_all(hub.addr);
    hub.stop();
    let figures = figures?;
    print!("{}", table(&figures));
    Ok(json(&figures))
}

fn measure_all(addr: SocketAddr) -> Result<Vec<Figure>, String> {
    let mut figures = Vec::new();
    for clients in JOIN_CLIENTS {
        figures.push(measure("joins", clients, addr, |client, n| {
            let topic = TOPICS[n % TOPICS.len()];
            let body = format!("{{\"name\":\"c{clients} t{client} n{n}\"}}");
            let request = format!(
                "POST /api/events/{JOINS_EVENT}/topics/{topic}/signups HTTP/1.1\r\nHost: bench\r\n\
                 Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
                body.len()
            );
            (request, 201)
        })?);
    }
    // The list to read: 50 names.
    let mut setup = Connection::open(addr)?;
    for n in 0..50 {
        let body = format!("{{\"name\":\"Reader number {n}\"}}");
        let request = format!(
            "POST /api/events/{READS_EVENT}/topics/alpha/signups HTTP/1.1\r\nHost: bench\r\n\
             Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        );
        let reply = setup.send(request.as_bytes())?;
        if reply.status != 201 {
            return Err(format!(
                "setting up the read list: join answered {}",
                reply.status
            ));
        }
    }
    let list = format!("GET /api/events/{READS_EVENT}/signups HTTP/1.1\r\nHost: bench\r\n\r\n");
    let etag = setup
        .send(list.as_bytes())?
        .etag
        .ok_or("the list has no ETag")?;
    figures.push(measure("reads (200)", READ_CLIENTS, addr, |_, _| {
        (list.clone(), 200)
    })?);
    let conditional = format!(
        "GET /api/events/{READS_EVENT}/signups HTTP/1.1\r\nHost: bench\r\nIf-None-Match: {etag}\r\n\r\n"
    );
    figures.push(measure("reads (304)", READ_CLIENTS, addr, |_, _| {
        (conditional.clone(), 304)
    })?);
    Ok(figures)
}

/// Runs `clients` threads for [`RUN_FOR`], each sending `request(client, n)` on its own
/// connection and expecting the status it names.
fn measure(
    what: &'static str,
    clients: usize,
    addr: SocketAddr,
    request: impl Fn(usize, usize) -> (String, u16) + Send + Sync,
) -> Result<Figure, String> {
    let started = Instant::now();
    let results: Vec<Result<Vec<Duration>, String>> = thread::scope(|scope| {
        let request = &request;
        let threads: Vec<_> = (0..clients)
            .map(|client| {
                scope.spawn(move || {
                    let mut connection = Connection::open(addr)?;
                    let mut latencies = Vec::new();
                    for n in 0.. {
                        if started.elapsed() >= RUN_FOR {
                            break;
                        }
                        let (raw, expected) = request(client, n);
                        let sent = Instant::now();
                        let reply = connection.send(raw.as_bytes())?;
                        latencies.push(sent.elapsed());
                        if reply.status != expected {
                            return Err(format!(
                                "{what}: expected {expected}, got {}",
                                reply.status
                            ));
                        }
                    }
                    Ok(latencies)
                })
            })
            .collect();
        threads
            .into_iter()
            .map(|thread| {
                thread
                    .join()
                    .unwrap_or_else(|_| Err("a client thread panicked".to_owned()))
            })
            .collect()
    });
    let elapsed = started.elapsed();
    let mut latencies = Vec::new();
    for result in results {
        latencies.extend(result?);
    }
    latencies.sort_unstable();
    let quantile = |q: f64| {
        let index = ((latencies.len() as f64 * q).ceil() as usize).saturating_sub(1);
        latencies
            .get(index)
            .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    };
    Ok(Figure {
        what,
        clients,
        requests: latencies.len(),
        per_second: latencies.len() as f64 / elapsed.as_secs_f64(),
        p50_ms: quantile(0.50),
        p99_ms: quantile(0.99),
    })
}

/// The part of a response the bench reads.
struct Reply {
    status: u16,
    etag: Option<String>,
}

/// One keep-alive HTTP/1.1 connection.
struct Connection {
    reader: BufReader<TcpStream>,
    writer: TcpStream,
}

impl Connection {
    fn open(addr: SocketAddr) -> Result<Connection, String> {
        let stream = TcpStream::connect(addr).map_err(|e| format!("connect {addr}: {e}"))?;
        stream
            .set_nodelay(true)
            .map_err(|e| format!("set_nodelay: {e}"))?;
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .map_err(|e| format!("set_read_timeout: {e}"))?;
        let writer = stream.try_clone().map_err(|e| format!("clone: {e}"))?;
        Ok(Connection {
            reader: BufReader::new(stream),
            writer,
        })
    }

    /// Sends one request and reads its whole response (`Content-Length` bodies only, as the
    /// API sends).
    fn send(&mut self, request: &[u8]) -> Result<Reply, String> {
        let io = |e: std::io::Error| format!("HTTP: {e}");
        self.writer.write_all(request).map_err(io)?;
        let mut line = String::new();
        self.reader.read_line(&mut line).map_err(io)?;
        let status = line
            .split(' ')
            .nth(1)
            .and_then(|code| code.parse().ok())
            .ok_or_else(|| format!("not an HTTP status line: {line:?}"))?;
        let mut length = 0usize;
        let mut etag = None;
        loop {
            line.clear();
            self.reader.read_line(&mut line).map_err(io)?;
            let header = line.trim_end();
            if header.is_empty() {
                break;
            }
            if let Some((name, value)) = header.split_once(':') {
                if name.eq_ignore_ascii_case("content-length") {
                    length = value.trim().parse().map_err(|_| format!("bad {header}"))?;
                } else if name.eq_ignore_ascii_case("etag") {
                    etag = Some(value.trim().to_owned());
                }
            }
        }
        let mut body = vec![0u8; length];
        self.reader.read_exact(&mut body).map_err(io)?;
        Ok(Reply { status, etag })
    }
}

/// The running hub; stopped (killed) on drop.
struct Hub {
    child: Child,
    addr: SocketAddr,
}

impl Hub {
    fn start(exe: &Path, site: &Path, data: &Path) -> Result<Hub, String> {
        let mut child = Command::new(exe)
            .arg("serve")
            .args(["--addr", "127.0.0.1:0"])
            .arg("--site")
            .arg(site)
            .arg("--data")
            .arg(data)
            .args(["--writes-per-minute", "0", "--reads-per-minute", "0"])
            .args(["--max-signups-per-event", "0"])
            .env("RUST_LOG", "info")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("start {}: {e}", exe.display()))?;
        let stderr = child.stderr.take().ok_or("no stderr")?;
        let (ready, listening) = mpsc::channel();
        // Reads the log until the listening line, then drains it (one line per request) so
        // the hub never blocks on a full pipe.
        thread::spawn(move || {
            let mut ready = Some(ready);
            for line in BufReader::new(stderr).lines() {
                let Ok(line) = line else { break };
                if let Some((_, rest)) = line.split_once("hub listening on http://") {
                    if let Some(ready) = ready.take() {
                        let _ = ready.send(rest.trim_end_matches('/').to_owned());
                    }
                } else if line.contains("ERROR") {
                    eprintln!("hub: {line}");
                }
            }
        });
        let addr = listening
            .recv_timeout(Duration::from_secs(30))
            .map_err(|_| "the hub did not start listening within 30 s".to_owned())?;
        let addr = addr
            .parse()
            .map_err(|e| format!("bad listening address {addr}: {e}"))?;
        Ok(Hub { child, addr })
    }

    fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Hub {
    fn drop(&mut self) {
        self.stop();
    }
}

/// `site/index.html` and the two events, ending far in the future so no retention rule runs.
fn write_site(site: &Path) -> Result<(), String> {
    let events = site.join("events");
    fs::create_dir_all(&events).map_err(|e| format!("create {}: {e}", events.display()))?;
    fs::write(
        site.join("index.html"),
        "<!doctype html><title>bench</title>\n",
    )
    .map_err(|e| format!("write index.html: {e}"))?;
    for id in [JOINS_EVENT, READS_EVENT] {
        let topics: Vec<String> = TOPICS
            .iter()
            .map(|topic| format!("{{ \"id\": \"{topic}\", \"title\": \"Topic {topic}\" }}"))
            .collect();
        let file = format!(
            "{{\n  \"schema_version\": 1,\n  \"id\": \"{id}\",\n  \"title\": \"Benchmark\",\n  \
             \"time_zone\": \"Europe/Berlin\",\n  \"start\": \"2099-01-01T10:00\",\n  \
             \"end\": \"2099-01-01T18:00\",\n  \"topics\": [{}],\n  \"signups\": {{ \"api\": \"/api\" }}\n}}\n",
            topics.join(", ")
        );
        let path = events.join(format!("{id}.json"));
        fs::write(&path, file).map_err(|e| format!("write {}: {e}", path.display()))?;
    }
    Ok(())
}

/// The aligned table.
pub fn table(figures: &[Figure]) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<12}  {:>7}  {:>9}  {:>10}  {:>7}  {:>7}",
        "api", "clients", "requests", "per second", "p50 ms", "p99 ms"
    );
    for f in figures {
        let _ = writeln!(
            out,
            "{:<12}  {:>7}  {:>9}  {:>10.0}  {:>7.2}  {:>7.2}",
            f.what, f.clients, f.requests, f.per_second, f.p50_ms, f.p99_ms
        );
    }
    out
}

/// The figures as JSON, for `target/bench.json`.
pub fn json(figures: &[Figure]) -> String {
    let rows: Vec<String> = figures
        .iter()
        .map(|f| {
            format!(
                "    {{ \"what\": \"{}\", \"clients\": {}, \"requests\": {}, \"per_second\": {:.0}, \"p50_ms\": {:.3}, \"p99_ms\": {:.3} }}",
                f.what, f.clients, f.requests, f.per_second, f.p50_ms, f.p99_ms
            )
        })
        .collect();
    format!(
        "{{\n  \"hub\": \"debug build\",\n  \"rate_limits\": \"off (0)\",\n  \"synchronous\": \"FULL\",\n  \
         \"seconds_each\": {},\n  \"figures\": [\n{}\n  ]\n}}",
        RUN_FOR.as_secs(),
        rows.join(",\n")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figure() -> Figure {
        Figure {
            what: "joins",
            clients: 64,
            requests: 9000,
            per_second: 3000.4,
            p50_ms: 12.345,
            p99_ms: 40.0,
        }
    }

    #[test]
    fn the_table_has_one_aligned_row_per_figure() {
        assert_eq!(
            table(&[figure()]),
            "api           clients   requests  per second   p50 ms   p99 ms\n\
             joins              64       9000        3000    12.35    40.00\n"
        );
    }

    #[test]
    fn the_json_says_how_it_was_measured() {
        let text = json(&[figure()]);
        assert!(text.contains("\"rate_limits\": \"off (0)\""), "{text}");
        assert!(
            text.contains("{ \"what\": \"joins\", \"clients\": 64, \"requests\": 9000, \"per_second\": 3000, \"p50_ms\": 12.345, \"p99_ms\": 40.000 }"),
            "{text}"
        );
    }
}
