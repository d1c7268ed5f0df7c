//! The file store and upload hardening: bombs and malformed files get 422 and the server keeps
//! answering, uploads are refused before their body is read, quotas, no orphans, both backends,
//! safe download headers.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use dangjian_api::config::FilesBackend;
use e2e::bombs::{cfb_file, deflate_bomb, review_bomb};
use e2e::fixture::{FIXTURE_PASSWORD, Fixture, id_card};
use e2e::{Api, TestApp, expect};
use serde_json::{Value, json};

fn healthy(app: &TestApp) {
    assert_eq!(app.anonymous().get("/healthz").status(), 200, "the server still answers");
}

fn import_upload(api: &Api, name: &str, bytes: Vec<u8>, org: i64) -> reqwest::blocking::Response {
    api.upload(&format!("/api/v1/hr/imports?file_name={name}&org_id={org}"), bytes)
}

fn invalid_file(body: &Value) -> String {
    assert_eq!(body["details"]["fields"][0]["code"], "invalid_file", "{body}");
    body["message"].as_str().unwrap().to_string()
}

/// Files under a folder, recursively.
fn walk(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir)
        .map(|entries| entries.flatten().map(|e| if e.path().is_dir() { walk(&e.path()) } else { 1 }).sum())
        .unwrap_or(0)
}

fn png(tag: &str) -> Vec<u8> {
    [b"\x89PNG\r\n\x1a\n".as_slice(), tag.as_bytes()].concat()
}

fn meeting(api: &Api, org: i64) -> i64 {
    let starts_at = format!("{}T09:00:00", chrono::Utc::now().date_naive());
    let body = json!({"org_id": org, "kind": "theme_day", "topic": "主题党日", "starts_at": starts_at,
        "place": "会议室", "attendees": {"scope": "branch"}});
    expect(api.post("/api/v1/meetings", &body), 201)["summary"]["id"].as_i64().unwrap()
}

/// Several uploads of the same new bytes at once: all succeed and share one blob.
fn concurrent_same_bytes(app: &TestApp, meeting_id: i64) {
    let bytes = b"%PDF-1.7 the same bytes from four phones".to_vec();
    let statuses: Vec<u16> = std::thread::scope(|scope| {
        let uploads: Vec<_> = (0..4)
            .map(|i| {
                let bytes = bytes.clone();
                scope.spawn(move || {
                    let api = app.login("zhibu_a1", FIXTURE_PASSWORD);
                    let path = format!("/api/v1/meetings/{meeting_id}/attachments?file_name=同一文件{i}.pdf");
                    api.upload(&path, bytes).status().as_u16()
                })
            })
            .collect();
        uploads.into_iter().map(|u| u.join().unwrap()).collect()
    });
    assert_eq!(statuses, vec![201; 4]);
}

#[test]
fn workbook_bombs_get_422_and_the_server_keeps_answering() {
    let app = TestApp::spawn();
    let f = Fixture::load(&app);
    let admin = app.login("admin", FIXTURE_PASSWORD);
    // Finding #1: an XLSX named .xls used to take calamine's dense-range path and abort the process.
    let message = invalid_file(&expect(import_upload(&admin, "bomb.xls", review_bomb("range"), f.root), 422));
    assert!(message.contains("扩展名不符"), "{message}");
    healthy(&app);
    // The same workbook honestly named: its claimed range (A1:XFD1048576) is refused at upload.
    let message = invalid_file(&expect(import_upload(&admin, "range.xlsx", review_bomb("range"), f.root), 422));
    assert!(message.contains("表格过大"), "{message}");
    healthy(&app);
    // Finding #1 variant: sharedStrings uniqueCount = 10^11 (calamine reserves it up front).
    let message = invalid_file(&expect(import_upload(&admin, "sst.xlsx", review_bomb("sst"), f.root), 422));
    assert!(message.contains("共享字符串"), "{message}");
    healthy(&app);
    // A deflate bomb: 300 MB of spaces in a few hundred KB.
    let bomb = deflate_bomb(300);
    assert!(bomb.len() < 2 * 1024 * 1024);
    let message = invalid_file(&expect(import_upload(&admin, "deflate.xlsx", bomb, f.root), 422));
    assert!(message.contains("上限"), "{message}");
    healthy(&app);
    // Genuine legacy .xls is refused with a clear way out.
    let message = invalid_file(&expect(import_upload(&admin, "名单.xls", cfb_file(), f.root), 422));
    assert!(message.contains("另存为"), "{message}");
    healthy(&app);
    // Nothing of the refused uploads stays behind.
    assert_eq!(walk(&app.config.data_dir.join("blobs")), 0);
}

#[test]
fn csv_encoding_row_caps_and_export_cell_limits() {
    let app = TestApp::spawn();
    let f = Fixture::load(&app);
    let admin = app.login("admin", FIXTURE_PASSWORD);
    // Finding #15: one bad byte in a UTF-8 file no longer turns the whole file into GBK mojibake.
    let mut broken = "name,id_card_number\n张建国,110105198506123411\n".as_bytes().to_vec();
    broken.extend_from_slice(b"\xE5\xBC,110105198506123412\n");
    let message = invalid_file(&expect(import_upload(&admin, "a.csv", broken, f.a), 422));
    assert!(message.contains("UTF-8") && message.contains("第 3 行"), "{message}");
    // Finding #9: a CSV has a row and a column cap, checked at upload (one record at a time).
    let mut many = String::from("姓名,身份证号码\n");
    for _ in 0..200_001 {
        many.push_str("甲,1\n");
    }
    let message = invalid_file(&expect(import_upload(&admin, "many.csv", many.into_bytes(), f.a), 422));
    assert!(message.contains("表格过大"), "{message}");
    let wide = format!("{}\n", vec!["列"; 302].join(","));
    let message = invalid_file(&expect(import_upload(&admin, "wide.csv", wide.into_bytes(), f.a), 422));
    assert!(message.contains("列"), "{message}");
    // Finding #15: a problem echoing a 32,760-character cell no longer makes changes.xlsx fail.
    let long = "9".repeat(32_760);
    let csv = format!("姓名,身份证号码\n甲,{long}\n乙,{}\n", id_card(300, true));
    let started = expect(import_upload(&admin, "long.csv", csv.into_bytes(), f.a), 202);
    let job = admin.wait_for_job(started["id"].as_i64().unwrap());
    assert_eq!(job["status"], "preview_ready", "{job}");
    let response = admin.get(&format!("/api/v1/hr/jobs/{}/changes.xlsx", job["id"]));
    assert_eq!(response.status(), 200);
    let bytes = response.bytes().unwrap().to_vec();
    use calamine::Reader;
    let mut workbook: calamine::Xlsx<_> = calamine::Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    let range = workbook.worksheet_range_at(0).unwrap().unwrap();
    let problems: Vec<String> = range.rows().map(|r| r[5].to_string()).collect();
    let lengths: Vec<usize> = problems.iter().map(|p| p.chars().count()).collect();
    assert!(
        problems.iter().any(|p| p.chars().count() == 32_767 && p.ends_with("已截断）")),
        "cut with a marker: {lengths:?}"
    );
    healthy(&app);
}

/// Sends the request head and only `sent` bytes of a body announced as `length`; returns the
/// status line the server answers with (it must answer without waiting for the rest).
fn partial_upload(app: &TestApp, token: &str, path: &str, length: usize, sent: usize) -> (String, Duration) {
    let address = app.base.trim_start_matches("http://");
    let mut stream = TcpStream::connect(address).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let started = Instant::now();
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: {address}\r\nAuthorization: Bearer {token}\r\nContent-Type: application/octet-stream\r\nContent-Length: {length}\r\n\r\n"
    );
    stream.write_all(head.as_bytes()).unwrap();
    let chunk = vec![b'0'; 64 * 1024];
    let mut written = 0;
    while written < sent {
        let n = chunk.len().min(sent - written);
        if stream.write_all(&chunk[..n]).is_err() {
            break;
        }
        written += n;
    }
    let mut response = vec![0u8; 512];
    let n = stream.read(&mut response).expect("the server answers before the body is complete");
    let text = String::from_utf8_lossy(&response[..n]).to_string();
    (text.lines().next().unwrap_or("").to_string(), started.elapsed())
}

#[test]
fn uploads_are_refused_before_their_body_is_read() {
    let app = TestApp::spawn();
    let f = Fixture::load(&app);
    // Finding #9: a 群众 announcing 20 MB gets 403 after sending 64 KB; the rest is never awaited.
    let masses = app.login("qunzhong_a1", FIXTURE_PASSWORD);
    let token = masses.token.clone().unwrap();
    let path = format!("/api/v1/hr/imports?file_name=z.csv&org_id={}", f.a1);
    let (status, took) = partial_upload(&app, &token, &path, 20_000_000, 64 * 1024);
    assert!(status.contains("403"), "{status}");
    assert!(took < Duration::from_secs(5));
    let member = app.login("dangyuan_a1", FIXTURE_PASSWORD);
    let secretary = app.login("zhibu_a1", FIXTURE_PASSWORD);
    let id = meeting(&secretary, f.a1);
    let path = format!("/api/v1/meetings/{id}/attachments?file_name=a.pdf");
    let (status, _) = partial_upload(&app, member.token.as_deref().unwrap(), &path, 10_000_000, 64 * 1024);
    assert!(status.contains("403"), "{status}");
    // An allowed uploader crossing the limit gets 413 as soon as it is crossed.
    let admin = app.login("admin", FIXTURE_PASSWORD);
    let path = format!("/api/v1/hr/imports?file_name=z.csv&org_id={}", f.a1);
    let (status, _) = partial_upload(&app, admin.token.as_deref().unwrap(), &path, 40_000_000, 21 * 1024 * 1024);
    assert!(status.contains("413"), "{status}");
    healthy(&app);
    assert_eq!(walk(&app.config.data_dir.join("blobs")), 0, "no partial upload is left behind");
}

#[test]
fn the_quota_holds_and_failed_uploads_leave_no_orphans() {
    let app = TestApp::spawn_with(|c| c.files.quota_bytes_per_org = 100);
    let f = Fixture::load(&app);
    let secretary = app.login("zhibu_a1", FIXTURE_PASSWORD);
    let id = meeting(&secretary, f.a1);
    let url = |name: &str| format!("/api/v1/meetings/{id}/attachments?file_name={name}");
    expect(secretary.upload(&url("a.png"), png(&"a".repeat(40))), 201);
    let full = expect(secretary.upload(&url("b.png"), png(&"b".repeat(60))), 413);
    assert_eq!(full["details"]["fields"][0]["code"], "quota_exceeded", "{full}");
    assert!(full["message"].as_str().unwrap().contains("存储空间"));
    // A PNG named .pdf: the content decides, and the claim must match it.
    let mismatch = expect(secretary.upload(&url("c.pdf"), png("c")), 422);
    assert!(mismatch["details"]["fields"][0]["message"].as_str().unwrap().contains("扩展名不符"), "{mismatch}");
    let blobs = app.config.data_dir.join("blobs");
    assert_eq!(walk(&blobs), 1, "only the accepted file is stored");
    assert_eq!(walk(&blobs.join("tmp")), 0, "no temporary file is left");
    // Concurrent uploads cannot overrun the quota together (PostgreSQL runs them in parallel).
    let other = meeting(&app.login("zhibu_b1", FIXTURE_PASSWORD), f.b1);
    let statuses: Vec<u16> = std::thread::scope(|scope| {
        let uploads: Vec<_> = (0..4)
            .map(|i| {
                let app = &app;
                scope.spawn(move || {
                    let api = app.login("zhibu_b1", FIXTURE_PASSWORD);
                    let path = format!("/api/v1/meetings/{other}/attachments?file_name=p{i}.png");
                    api.upload(&path, png(&format!("{i}{}", "x".repeat(59)))).status().as_u16()
                })
            })
            .collect();
        uploads.into_iter().map(|u| u.join().unwrap()).collect()
    });
    assert_eq!(statuses.iter().filter(|s| **s == 201).count(), 1, "{statuses:?}");
    assert_eq!(statuses.iter().filter(|s| **s == 413).count(), 3, "{statuses:?}");
}

#[test]
fn the_database_backend_stores_files_in_the_database() {
    let app = TestApp::spawn_with(|c| c.files.backend = FilesBackend::Database);
    let f = Fixture::load(&app);
    let secretary = app.login("zhibu_a1", FIXTURE_PASSWORD);
    let id = meeting(&secretary, f.a1);
    let pdf = b"%PDF-1.4 minutes".to_vec();
    let first =
        expect(secretary.upload(&format!("/api/v1/meetings/{id}/attachments?file_name=纪要.pdf"), pdf.clone()), 201);
    expect(secretary.upload(&format!("/api/v1/meetings/{id}/attachments?file_name=副本.pdf"), pdf.clone()), 201);
    concurrent_same_bytes(&app, id);
    assert_eq!(walk(&app.config.data_dir.join("blobs")), 0, "nothing on disk");
    let download = secretary.get(first["url"].as_str().unwrap());
    assert_eq!(download.status(), 200);
    let headers = download.headers().clone();
    assert_eq!(download.bytes().unwrap().to_vec(), pdf);
    assert_eq!(headers["content-type"], "application/pdf");
    let disposition = headers["content-disposition"].to_str().unwrap();
    assert!(disposition.starts_with("attachment;") && disposition.contains("UTF-8''%E7%BA%AA%E8%A6%81.pdf"));
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert_eq!(headers["content-security-policy"], "sandbox");
    // The same bytes are one blob; a sweep finds nothing to remove.
    let store = dangjian_api::files::FileStore::new(&app.config, app.db.clone());
    let swept = dangjian_api::files::sweep::sweep(&store, &app.db, Some(Duration::ZERO)).unwrap();
    assert_eq!(swept.orphans_removed, 0);
}

#[test]
fn images_are_inline_and_the_sweep_cleans_the_local_store() {
    let app = TestApp::spawn();
    let f = Fixture::load(&app);
    let secretary = app.login("zhibu_a1", FIXTURE_PASSWORD);
    let id = meeting(&secretary, f.a1);
    let photo =
        expect(secretary.upload(&format!("/api/v1/meetings/{id}/attachments?file_name=合影.png"), png("x")), 201);
    let download = secretary.get(photo["url"].as_str().unwrap());
    assert!(download.headers()["content-disposition"].to_str().unwrap().starts_with("inline;"));
    assert_eq!(download.headers()["content-security-policy"], "sandbox");
    concurrent_same_bytes(&app, id);
    // Leftovers of a crash: a stale temp file and a blob no row refers to.
    let blobs = app.config.data_dir.join("blobs");
    std::fs::create_dir_all(blobs.join("tmp")).unwrap();
    std::fs::write(blobs.join("tmp/abc.part"), b"half").unwrap();
    let orphan = "ab".repeat(32);
    std::fs::create_dir_all(blobs.join("ab/ab")).unwrap();
    std::fs::write(blobs.join("ab/ab").join(&orphan), b"orphan").unwrap();
    let store = dangjian_api::files::FileStore::new(&app.config, app.db.clone());
    let swept = dangjian_api::files::sweep::sweep(&store, &app.db, Some(Duration::ZERO)).unwrap();
    assert_eq!((swept.temp_removed, swept.orphans_removed), (1, 1));
    assert_eq!(walk(&blobs), 2, "the attachments' two blobs stay");
    assert_eq!(secretary.get(photo["url"].as_str().unwrap()).status(), 200);
}
