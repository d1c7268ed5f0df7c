//! A local SMTP server for tests (plain SMTP, as an intranet relay speaks it): it records each
//! message's envelope and data, and can answer "try again later" to the first messages to play
//! a mail server outage.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

#[derive(Debug, Clone, Default)]
pub struct Received {
    pub from: String,
    pub to: Vec<String>,
    pub data: String,
}

pub struct SmtpSink {
    pub port: u16,
    pub received: Arc<Mutex<Vec<Received>>>,
}

impl SmtpSink {
    /// A sink that refuses the first `outages` messages with `451` (a transient failure).
    pub fn start(outages: usize) -> SmtpSink {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let received = Arc::new(Mutex::new(Vec::new()));
        let store = received.clone();
        let refused = Arc::new(AtomicUsize::new(0));
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let (store, refused) = (store.clone(), refused.clone());
                std::thread::spawn(move || {
                    let mut reader = BufReader::new(stream.try_clone().unwrap());
                    let mut say = |text: &str| stream.write_all(format!("{text}\r\n").as_bytes());
                    let _ = say("220 sink.test ESMTP");
                    let mut current = Received::default();
                    loop {
                        let mut line = String::new();
                        if reader.read_line(&mut line).map_or(true, |n| n == 0) {
                            return;
                        }
                        let command = line.trim_end().to_string();
                        let upper = command.to_ascii_uppercase();
                        let reply = if upper.starts_with("EHLO") || upper.starts_with("HELO") {
                            "250-sink.test\r\n250 8BITMIME".to_string()
                        } else if upper.starts_with("MAIL FROM:") {
                            current = Received { from: command[10..].trim().to_string(), ..Received::default() };
                            "250 OK".into()
                        } else if upper.starts_with("RCPT TO:") {
                            current.to.push(command[8..].trim().to_string());
                            "250 OK".into()
                        } else if upper == "DATA" {
                            let _ = say("354 end with <CRLF>.<CRLF>");
                            let mut data = String::new();
                            loop {
                                let mut part = String::new();
                                if reader.read_line(&mut part).map_or(true, |n| n == 0) {
                                    return;
                                }
                                if part == ".\r\n" {
                                    break;
                                }
                                data.push_str(&part);
                            }
                            if refused.fetch_add(1, Ordering::SeqCst) < outages {
                                "451 4.3.0 try again later".into()
                            } else {
                                current.data = data;
                                let mut all = store.lock().unwrap();
                                all.push(std::mem::take(&mut current));
                                format!("250 OK queued as Q{}", all.len())
                            }
                        } else if upper == "QUIT" {
                            let _ = say("221 bye");
                            return;
                        } else {
                            "250 OK".into()
                        };
                        if say(&reply).is_err() {
                            return;
                        }
                    }
                });
            }
        });
        SmtpSink { port, received }
    }
}
