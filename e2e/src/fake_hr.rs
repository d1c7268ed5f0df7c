//! A fake HR master-data server for tests: a real HTTP server on a random local port whose
//! answers a test scripts per request (status, body, delay).

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::Duration;

pub struct Reply {
    pub status: u16,
    pub body: String,
    pub delay: Duration,
    /// Extra header lines, each ending in `\r\n` (e.g. a redirect's `Location`).
    pub headers: String,
}

impl Reply {
    pub fn json(body: serde_json::Value) -> Reply {
        Reply { status: 200, body: body.to_string(), delay: Duration::ZERO, headers: String::new() }
    }
}

pub struct FakeHr {
    pub url: String,
    /// Every request's path and query, in order.
    pub requests: Arc<Mutex<Vec<String>>>,
    /// The `Authorization` header of every request that had one.
    pub authorizations: Arc<Mutex<Vec<String>>>,
}

impl FakeHr {
    /// `answer(path_and_query, how_many_times_this_exact_request_was_seen_before)`.
    pub fn start(answer: impl Fn(&str, usize) -> Reply + Send + Sync + 'static) -> FakeHr {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}/api/employees", listener.local_addr().unwrap());
        let requests = Arc::new(Mutex::new(Vec::<String>::new()));
        let seen = requests.clone();
        let authorizations = Arc::new(Mutex::new(Vec::<String>::new()));
        let auth_seen = authorizations.clone();
        let answer = Arc::new(answer);
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let (seen, answer, auth_seen) = (seen.clone(), answer.clone(), auth_seen.clone());
                std::thread::spawn(move || {
                    let mut reader = BufReader::new(stream.try_clone().unwrap());
                    let mut request_line = String::new();
                    if reader.read_line(&mut request_line).is_err() {
                        return;
                    }
                    loop {
                        let mut header = String::new();
                        if reader.read_line(&mut header).map_or(true, |n| n == 0) || header == "\r\n" {
                            break;
                        }
                        if let Some((name, value)) = header.split_once(':')
                            && name.eq_ignore_ascii_case("authorization")
                        {
                            auth_seen.lock().unwrap().push(value.trim().to_string());
                        }
                    }
                    let target = request_line.split_whitespace().nth(1).unwrap_or("/").to_string();
                    let attempt = {
                        let mut list = seen.lock().unwrap();
                        let before = list.iter().filter(|r| **r == target).count();
                        list.push(target.clone());
                        before
                    };
                    let reply = answer(&target, attempt);
                    std::thread::sleep(reply.delay);
                    let response = format!(
                        "HTTP/1.1 {} X\r\nContent-Type: application/json\r\n{}Content-Length: {}\r\nConnection: close\r\n\r\n{}",
                        reply.status,
                        reply.headers,
                        reply.body.len(),
                        reply.body
                    );
                    let _ = stream.write_all(response.as_bytes());
                });
            }
        });
        FakeHr { url, requests, authorizations }
    }
}
