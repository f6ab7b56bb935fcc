//! A map tile server for the end-to-end tests: plain HTTP on a free loopback port, a small
//! green PNG for every `/tiles/{z}/{x}/{y}.png`, and a log of the requests it got, so a test can
//! say which tiles the page asked for — or that it asked for none. Stopping it is a tile server
//! that is down.

use std::sync::{Arc, Mutex};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

/// An 8×8 PNG, pale green: the page scales it to 256 px.
const TILE: [u8; 74] = [
    137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 8, 0, 0, 0, 8, 8, 2, 0,
    0, 0, 75, 109, 41, 220, 0, 0, 0, 17, 73, 68, 65, 84, 120, 218, 99, 56, 113, 231, 4, 86, 196,
    48, 180, 36, 0, 144, 76, 155, 1, 14, 228, 164, 156, 0, 0, 0, 0, 73, 69, 78, 68, 174, 66, 96,
    130,
];

/// A running tile server.
pub struct TileServer {
    /// `http://127.0.0.1:PORT`.
    pub origin: String,
    requests: Arc<Mutex<Vec<String>>>,
    task: JoinHandle<()>,
}

impl TileServer {
    pub async fn start() -> TileServer {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind the tile server");
        let port = listener.local_addr().expect("its address").port();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let log = requests.clone();
        let task = tokio::spawn(async move {
            while let Ok((mut stream, _)) = listener.accept().await {
                let log = log.clone();
                tokio::spawn(async move {
                    let mut buffer = vec![0; 4096];
                    let Ok(read) = stream.read(&mut buffer).await else {
                        return;
                    };
                    let head = String::from_utf8_lossy(&buffer[..read]).into_owned();
                    let path = head.split_whitespace().nth(1).unwrap_or("").to_owned();
                    if let Ok(mut log) = log.lock() {
                        log.push(path.clone());
                    }
                    let found = path.starts_with("/tiles/") && path.ends_with(".png");
                    let (status, body): (&str, &[u8]) = if found {
                        ("200 OK", &TILE)
                    } else {
                        ("404 Not Found", b"no such tile")
                    };
                    let header = format!(
                        "HTTP/1.1 {status}\r\ncontent-type: image/png\r\ncontent-length: {}\r\ncache-control: no-store\r\nconnection: close\r\n\r\n",
                        body.len()
                    );
                    let _ = stream.write_all(header.as_bytes()).await;
                    let _ = stream.write_all(body).await;
                    let _ = stream.shutdown().await;
                });
            }
        });
        TileServer {
            origin: format!("http://127.0.0.1:{port}"),
            requests,
            task,
        }
    }

    /// The paths asked for so far.
    pub fn requests(&self) -> Vec<String> {
        self.requests
            .lock()
            .map(|log| log.clone())
            .unwrap_or_default()
    }

    /// Stops answering: the port refuses connections from now on.
    pub fn stop(&self) {
        self.task.abort();
    }
}

impl Drop for TileServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}
