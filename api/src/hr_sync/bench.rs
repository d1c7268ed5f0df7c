//! `dangjian bench-sync`: the full-roster sync of the demo institution with 5% of the people
//! changed, through the real pipeline (XLSX bytes → preview → apply), timed.

use std::time::Instant;

use shared::api::hr::JobStatus;
use shared::{OrgId, PersonId, RoleAssignmentId, RoleKind, UserId};

use super::models::NewJob;
use super::{jobs, repo};
use crate::auth::actor::{ActiveRole, Actor};
use crate::clock::wall_now as now;
use crate::db::Db;

fn peak_rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

pub fn run(db: &Db) -> Result<(), String> {
    if crate::demo::database_is_empty(db).map_err(|e| e.message)? {
        crate::demo::load(db, crate::demo::DEMO_SEED, crate::clock::Clock::system().today())?;
    }
    let (rows, admin_user, admin_role, root) = db.read_blocking(repo::bench::roster).map_err(|e| e.message)?;

    // One row per person; every 20th gets a new phone and department (5%).
    let started = Instant::now();
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    for (c, h) in ["工号", "姓名", "身份证号码", "手机号", "部门", "所在党组织"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).map_err(|e| e.to_string())?;
    }
    for (i, (_, name, card, number, phone, org)) in rows.iter().enumerate() {
        let r = i as u32 + 1;
        let changed = i % 20 == 0;
        let phone = if changed { format!("199{:08}", i) } else { phone.clone().unwrap_or_default() };
        let values = [
            number.clone().unwrap_or_default(),
            name.clone(),
            card.clone(),
            phone,
            if changed { "新部门".into() } else { String::new() },
            org.clone(),
        ];
        for (c, v) in values.iter().enumerate() {
            if !v.is_empty() {
                sheet.write_string(r, c as u16, v).map_err(|e| e.to_string())?;
            }
        }
    }
    let bytes = workbook.save_to_buffer().map_err(|e| e.to_string())?;
    println!(
        "roster: {} people, XLSX {} KB, written in {:.2} s",
        rows.len(),
        bytes.len() / 1024,
        started.elapsed().as_secs_f64()
    );

    let job_id = db
        .write_blocking(|conn| {
            repo::create_job(
                conn,
                &NewJob {
                    source_kind: "file_import",
                    source_name: "bench.xlsx",
                    connector_id: None,
                    scope_org_id: root.0,
                    full_roster: true,
                    status: JobStatus::Running.code(),
                    phase: "排队",
                    rows_total: 0,
                    rows_done: 0,
                    counts_json: "{}",
                    created_by: Some(admin_user),
                    created_at: now(),
                },
            )
        })
        .map_err(|e| e.message)?;
    let started = Instant::now();
    jobs::run_preview(
        db,
        job_id,
        jobs::Source::File { name: "bench.xlsx".into(), bytes },
        &root.1,
        true,
        crate::clock::Clock::system().today(),
    )?;
    let preview_seconds = started.elapsed().as_secs_f64();
    let job = db.read_blocking(|conn| repo::get_job(conn, job_id)).map_err(|e| e.message)?;
    println!("dry run: {preview_seconds:.2} s, counts {}", job.counts_json);

    let actor = Actor {
        session_id: 0,
        user_id: UserId(admin_user),
        username: "admin".into(),
        person_id: None::<PersonId>,
        role: ActiveRole {
            id: RoleAssignmentId(admin_role),
            kind: RoleKind::Department,
            org_id: OrgId(root.0),
            org_path: root.1.clone(),
        },
        ip: None,
    };
    db.write_blocking(|conn| {
        repo::transition(conn, job_id, JobStatus::PreviewReady, JobStatus::Applying, "开始应用", Some(admin_user))
    })
    .map_err(|e| e.message)?;
    let started = Instant::now();
    jobs::run_apply(db, job_id, &actor, crate::clock::Clock::system().today())?;
    println!("apply: {:.2} s", started.elapsed().as_secs_f64());
    println!("peak RSS: {:.0} MB", peak_rss_mb());
    Ok(())
}
