//! The feature shape, enforced: diesel (and the schema) appear only in `repo.rs` / `repo/`,
//! `models.rs` and `db/`. The few listed exceptions are tools outside the request path and the
//! error mapping; the list may only shrink.

use std::path::{Path, PathBuf};

/// Files allowed to use diesel outside repos, with the reason.
const EXCEPTIONS: &[(&str, &str)] = &[
    ("error.rs", "maps diesel errors to API errors"),
    ("cli.rs", "the first-admin command (to move into auth/repo)"),
    ("demo/mod.rs", "the demo loader's bulk inserts (to move into demo/repo)"),
    ("demo/meetings.rs", "the demo loader's bulk inserts (to move into demo/repo)"),
    ("hr_sync/bench.rs", "the HR benchmark command"),
    ("jobs/tests.rs", "unit tests that inspect rows"),
    ("outbox/tests.rs", "unit tests that inspect rows"),
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn diesel_lives_only_in_repos_models_and_db() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("../api/src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut offenders = Vec::new();
    for file in files {
        let relative = file.strip_prefix(&src).unwrap().to_string_lossy().replace('\\', "/");
        let allowed = relative.ends_with("repo.rs")
            || relative.contains("/repo/")
            || relative.ends_with("models.rs")
            || relative.starts_with("db/")
            || EXCEPTIONS.iter().any(|(f, _)| *f == relative);
        let text = std::fs::read_to_string(&file).unwrap();
        if !allowed && (text.contains("diesel::") || text.contains("use diesel") || text.contains("schema::")) {
            offenders.push(relative);
        }
    }
    assert!(
        offenders.is_empty(),
        "diesel outside repo/models/db (move the queries into the feature's repo): {offenders:?}"
    );
}
