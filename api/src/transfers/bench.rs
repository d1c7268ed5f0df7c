//! `dangjian bench-transfers`: on the demo institution (loaded first if the database is empty),
//! opens about 3,000 系统内转接 as 整建制 batches (branch after branch, each to the next), then
//! times the desk lists (the 政工部门's first page and 待接收, a 党委's 待我审批, a 党支部's list)
//! and one case's detail, each the median of five.

use std::time::Instant;

use shared::RoleKind;
use shared::api::transfers::{StartBatch, TransferKind, TransferQuery, TransferQueue};
use shared::rules::transfers::TransferRules;
use shared::{OrgId, api::PageQuery};

use crate::auth::Actor;
use crate::db::Db;

const TARGET: usize = 3000;

fn millis(started: Instant) -> f64 {
    started.elapsed().as_secs_f64() * 1000.0
}

fn actor(db: &Db, username: &str, kind: RoleKind) -> Result<Actor, String> {
    db.read_blocking(|conn| crate::demo::demo_actor(conn, username, kind))
        .map_err(|e| e.message)?
        .ok_or_else(|| format!("the demo login {username} is missing"))
}

fn time_list(db: &Db, label: &str, actor: &Actor, query: TransferQuery, rules: &TransferRules) -> Result<(), String> {
    let today = crate::clock::Clock::system().today();
    let mut times = Vec::new();
    let mut count = 0;
    for _ in 0..5 {
        let started = Instant::now();
        count = db
            .read_blocking(|conn| super::views::list(conn, actor, rules, today, &query, None, 51))
            .map_err(|e| e.message)?
            .len();
        times.push(millis(started));
    }
    times.sort_by(f64::total_cmp);
    println!("{label}: median {:.1} ms (best {:.1}), {count} rows on the page", times[2], times[0]);
    Ok(())
}

pub fn run(db: &Db) -> Result<(), String> {
    let today = crate::clock::Clock::system().today();
    if crate::demo::database_is_empty(db).map_err(|e| e.message)? {
        crate::demo::load(db, crate::demo::DEMO_SEED, today)?;
    }
    let rules = TransferRules::default();
    let admin = actor(db, "admin", RoleKind::Department)?;
    let branches: Vec<i64> = db
        .read_blocking(|conn| {
            let root = crate::orgs::repo::root_id(conn)?.unwrap_or(1);
            let root = crate::orgs::repo::get(conn, root)?;
            Ok(crate::orgs::repo::subtree(conn, &root.path)?
                .into_iter()
                .filter(|o| o.kind == "branch" && o.status == "active")
                .map(|o| o.id)
                .collect())
        })
        .map_err(|e| e.message)?;
    let started = Instant::now();
    let mut opened = 0;
    for pair in branches.windows(2) {
        if opened >= TARGET {
            break;
        }
        let input = StartBatch {
            kind: TransferKind::Within,
            org_id: OrgId(pair[0]),
            to_org_id: Some(OrgId(pair[1])),
            to_unit: None,
            reason: "基准测试：整建制转接".into(),
            secret: false,
        };
        // A branch with a member whose case is already open is refused as a whole; skip it.
        if let Ok(cases) = db.write_blocking(|conn| super::batch::start(conn, &admin, &rules, today, &input)) {
            opened += cases.len();
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "opened {opened} transfers in {seconds:.1} s ({:.1} ms each, with their events, audit rows and notices)",
        seconds * 1000.0 / opened.max(1) as f64
    );
    let page = PageQuery { limit: Some(50), cursor: None };
    let all = TransferQuery { page: page.clone(), ..TransferQuery::default() };
    time_list(db, "政工部门, all open, first page", &admin, all.clone(), &rules)?;
    let receive = TransferQuery { queue: Some(TransferQueue::ToReceive), ..all.clone() };
    time_list(db, "政工部门, 待接收", &admin, receive, &rules)?;
    let committee = actor(db, "dangwei", RoleKind::Committee)?;
    time_list(db, "党委, all open in its subtree", &committee, all.clone(), &rules)?;
    let branch = actor(db, "zhibu", RoleKind::Branch)?;
    let approve = TransferQuery { queue: Some(TransferQueue::ToApprove), ..all.clone() };
    time_list(db, "党支部, 待我审批", &branch, approve, &rules)?;
    let first = db
        .read_blocking(|conn| super::views::list(conn, &admin, &rules, today, &all, None, 1))
        .map_err(|e| e.message)?
        .first()
        .map(|v| v.id)
        .ok_or("no transfer")?;
    let mut times = Vec::new();
    for _ in 0..5 {
        let started = Instant::now();
        db.read_blocking(|conn| super::views::detail(conn, &admin, &rules, today, first)).map_err(|e| e.message)?;
        times.push(millis(started));
    }
    times.sort_by(f64::total_cmp);
    println!("one case with timeline, history and letters: median {:.1} ms (best {:.1})", times[2], times[0]);
    Ok(())
}
