//! Demo 请示/批复, made through the real service as the demo officials would have done them: the
//! demo secretary's branch has a request awaiting the 党委's 批复, one approved and archived, one
//! returned for changes, and a draft; all sealed with the generated seals.

use chrono::NaiveDate;
use serde_json::{Value, json};
use shared::api::development::StepRequest;
use shared::api::requests::DraftInput;
use shared::api::workflow::Decision;
use shared::{OrgId, RoleKind, UserId};

use crate::auth::Actor;
use crate::config::Config;
use crate::db::{Db, DbConnection};
use crate::error::ApiError;
use crate::files::{FileStore, TempBlob};
use crate::requests::sealing::Desk;
use crate::requests::{repo, service};

fn input(conn: &mut DbConnection, actor: &Actor, code: &str, fields: Value) -> Result<DraftInput, ApiError> {
    let template = repo::templates(conn, true)?
        .into_iter()
        .find(|t| t.code == code)
        .ok_or_else(|| ApiError::internal("demo template missing"))?;
    let fields = fields.as_object().cloned().unwrap_or_default();
    Ok(DraftInput {
        template_id: template.id,
        org_id: OrgId(actor.role.org_id.0),
        fields,
        body: None,
        attachments: vec!["支部委员会会议记录".into()],
        cc_org_ids: Vec::new(),
        signer_user_id: UserId(actor.user_id.0),
        contact: "党支部书记".into(),
        contact_phone: "13800138000".into(),
        for_instance_id: None,
        version: None,
    })
}

/// Does the request's current step as `actor`.
pub(super) fn act(
    conn: &mut DbConnection,
    desk: &Desk,
    actor: &Actor,
    id: i64,
    decision: Option<Decision>,
    comment: Option<&str>,
    temps: &mut Vec<TempBlob>,
) -> Result<(), ApiError> {
    let row = repo::get(conn, id)?;
    let (step, version) = match row.instance_id {
        Some(i) => {
            let instance = crate::workflow::repo::get(conn, i)?;
            (instance.step, instance.version)
        }
        None => (1, row.version),
    };
    let req = StepRequest { version, data: Default::default(), decision, comment: comment.map(str::to_string) };
    temps.extend(service::act(conn, desk, actor, id, step, &req)?);
    Ok(())
}

/// A draft from template `code` by `actor`, for a case that waits on it.
pub(super) fn draft_for(
    conn: &mut DbConnection,
    desk: &Desk,
    actor: &Actor,
    code: &str,
    fields: Value,
    for_instance: Option<i64>,
) -> Result<i64, ApiError> {
    let mut input = input(conn, actor, code, fields)?;
    input.for_instance_id = for_instance;
    service::create(conn, actor, &input, chrono::Datelike::year(&desk.today))
}

fn requests(conn: &mut DbConnection, desk: &Desk, temps: &mut Vec<TempBlob>) -> Result<usize, ApiError> {
    let (Some(zhibu), Some(dangwei)) =
        (super::demo_actor(conn, "zhibu", RoleKind::Branch)?, super::demo_actor(conn, "dangwei", RoleKind::Committee)?)
    else {
        return Ok(0);
    };
    let year = chrono::Datelike::year(&desk.today);
    let create = |conn: &mut DbConnection, code: &str, fields: Value| -> Result<i64, ApiError> {
        let input = input(conn, &zhibu, code, fields)?;
        service::create(conn, &zhibu, &input, year)
    };
    // Approved and archived: the branch's re-election.
    let reelection = create(
        conn,
        "reelection",
        json!({"term_end": "2026-12-31", "members_total": "21", "committee_size": "5",
               "meeting_date": "2026年12月中旬", "plan": "11月下旬推荐候选人预备人选，12月上旬报批候选人，12月中旬召开党员大会选举。"}),
    )?;
    for _ in 0..3 {
        act(conn, desk, &zhibu, reelection, None, None, temps)?;
    }
    act(conn, desk, &dangwei, reelection, None, None, temps)?;
    let (_, temp) = crate::requests::archive::archive(conn, desk, &zhibu, reelection)?;
    temps.push(temp);
    // Waiting for the 党委's 批复.
    let by_election = create(
        conn,
        "by_election",
        json!({"vacancy": "原组织委员因工作调动转出本支部。", "post": "组织委员", "candidate": "王建华",
               "profile": "王建华，男，1986年出生，2012年入党，现任办公厅综合处副处长，群众基础好。"}),
    )?;
    for _ in 0..3 {
        act(conn, desk, &zhibu, by_election, None, None, temps)?;
    }
    // Returned by the 党委 with comments.
    let relief = create(
        conn,
        "dues_relief",
        json!({"person": "刘明", "period": "2027年1月至12月", "amount": "45.00",
               "reason": "刘明同志因家庭成员重病，生活确有困难。"}),
    )?;
    for _ in 0..3 {
        act(conn, desk, &zhibu, relief, None, None, temps)?;
    }
    act(conn, desk, &dangwei, relief, Some(Decision::Return), Some("请补充家庭困难证明材料"), temps)?;
    // A draft.
    create(
        conn,
        "free",
        json!({"subject": "开展主题党日活动经费使用", "content": "为开展“不忘初心”主题党日活动，拟使用党费结余用于参观学习。"}),
    )?;
    Ok(4)
}

pub fn insert(db: &Db, config: &Config, today: NaiveDate) -> Result<usize, String> {
    let store = FileStore::new(config, db.clone());
    let signer = crate::seals::signer_for(config).map_err(|e| e.message)?;
    let rules = config.request_rules.clone();
    let base = config.public_url.clone().unwrap_or_else(|| format!("http://{}", config.bind));
    let inner = store.clone();
    let (count, temps) = db
        .write_blocking(move |conn| {
            let desk = Desk { today, rules: &rules, store: &inner, signer: signer.as_ref(), base_url: &base };
            let mut temps = Vec::new();
            let count = requests(conn, &desk, &mut temps)?;
            let count = count + super::elections::insert(conn, &desk, &mut temps)?;
            Ok((count, temps))
        })
        .map_err(|e| e.message)?;
    for temp in temps {
        store.promote(temp).map_err(|e| e.message)?;
    }
    Ok(count)
}
