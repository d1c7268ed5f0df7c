//! The workflow engine with processes defined only here: a two-org hand-over (the sending
//! branch, then the receiving branch) and a 请示 that waits for its 批复. They use the engine's
//! generic act / permission / version / history code unchanged, which is the point.

use chrono::NaiveDate;
use dangjian_api::auth::Actor;
use dangjian_api::db::DbConnection;
use dangjian_api::error::ApiError;
use dangjian_api::workflow::process::{
    ActorRule, Applied, FieldDef, Process, Record, StepCtx, StepDef, Transition, Visibility,
};
use dangjian_api::workflow::service::{self as engine, ActRequest, NewInstance};
use e2e::fixture::spawn_with_fixture;
use serde::Deserialize;
use serde_json::json;
use shared::api::workflow::{EventAction, FieldKind, InstanceStatus, Outcome};
use shared::error::ErrorCode;
use shared::permissions::Action;

const fn step(number: i32, name: &'static str, actors: &'static [ActorRule], fields: &'static [FieldDef]) -> StepDef {
    StepDef {
        number,
        stage: 1,
        code: name,
        name,
        actors,
        action: EventAction::Complete,
        fields,
        return_to: None,
        may_reject: false,
        comments: Visibility::Everyone,
    }
}

/// 组织关系交接: the sending branch names the receiving org, the receiving branch confirms.
struct HandOver;

static HAND_OVER: [StepDef; 2] = [
    step(1, "send", &[ActorRule::SubjectBranch], &[FieldDef::new("to_org", "接收党组织", FieldKind::Number)]),
    StepDef {
        return_to: Some(1),
        ..step(2, "receive", &[ActorRule::ReceivingOrg], &[FieldDef::new("received_on", "接收日期", FieldKind::Date)])
    },
];

#[derive(Deserialize)]
struct Send {
    to_org: i64,
}

impl Process for HandOver {
    fn name(&self) -> &'static str {
        "test_hand_over"
    }

    fn action(&self) -> Action {
        Action::ManageMembers
    }

    fn steps(&self) -> &'static [StepDef] {
        &HAND_OVER
    }

    fn apply(&self, _conn: &mut DbConnection, ctx: &StepCtx, step: &StepDef) -> Result<Applied, ApiError> {
        let mut record = ctx.record.clone();
        record.extend(ctx.input.clone());
        Ok(match step.number {
            1 => {
                let send: Send = ctx.input()?;
                if send.to_org == ctx.instance.org_id {
                    return Err(ApiError::field("to_org", "same_org", "接收党组织不能是本组织"));
                }
                Applied::to(Transition::Advance(2), record)
            }
            _ => Applied::to(Transition::Complete(Outcome::Done), record),
        })
    }

    fn receiving_org(&self, record: &Record) -> Option<i64> {
        record.get("to_org").and_then(serde_json::Value::as_i64)
    }
}

/// 请示 and 批复: the request names its reply case and waits for it.
struct Request;
struct Reply;

static REQUEST: [StepDef; 2] = [
    step(1, "ask", &[ActorRule::SubjectBranch], &[FieldDef::new("reply", "批复流程", FieldKind::Number)]),
    step(2, "close", &[ActorRule::SubjectBranch], &[]),
];
static REPLY: [StepDef; 1] =
    [step(1, "answer", &[ActorRule::SubjectCommittee], &[FieldDef::new("text", "批复", FieldKind::Text)])];

impl Process for Request {
    fn name(&self) -> &'static str {
        "test_request"
    }

    fn action(&self) -> Action {
        Action::ManageOrgs
    }

    fn steps(&self) -> &'static [StepDef] {
        &REQUEST
    }

    fn apply(&self, _conn: &mut DbConnection, ctx: &StepCtx, step: &StepDef) -> Result<Applied, ApiError> {
        #[derive(Deserialize)]
        struct Ask {
            reply: i64,
        }
        Ok(match step.number {
            1 => {
                let ask: Ask = ctx.input()?;
                Applied::to(Transition::WaitFor { instance: ask.reply, then: 2 }, ctx.input.clone())
            }
            _ => Applied::to(Transition::Complete(Outcome::Done), ctx.record.clone()),
        })
    }
}

impl Process for Reply {
    fn name(&self) -> &'static str {
        "test_reply"
    }

    fn action(&self) -> Action {
        Action::ManageOrgs
    }

    fn steps(&self) -> &'static [StepDef] {
        &REPLY
    }

    fn apply(&self, _conn: &mut DbConnection, ctx: &StepCtx, _step: &StepDef) -> Result<Applied, ApiError> {
        Ok(Applied::to(Transition::Complete(Outcome::Done), ctx.input.clone()))
    }
}

/// The actor of `login` in their default role, as the server would build it from a session.
fn actor(conn: &mut DbConnection, login: &str) -> Actor {
    let user = dangjian_api::auth::repo::find_login(conn, login).unwrap().unwrap();
    let roles = dangjian_api::auth::repo::roles_of(conn, user.id).unwrap();
    let role = dangjian_api::auth::repo::default_role(&roles).unwrap().clone();
    let org = dangjian_api::orgs::repo::get(conn, role.org_id.0).unwrap();
    Actor {
        session_id: 0,
        user_id: shared::UserId(user.id),
        username: user.username,
        person_id: user.person_id.map(shared::PersonId),
        role: dangjian_api::auth::actor::ActiveRole {
            id: role.id,
            kind: role.kind,
            org_id: role.org_id,
            org_path: org.path,
        },
        ip: None,
    }
}

fn req(version: i32, data: serde_json::Value) -> (i32, Record) {
    (version, data.as_object().cloned().unwrap_or_default())
}

fn new(subject: i64, org_id: i64, first: &StepDef) -> NewInstance<'_> {
    NewInstance { subject, org_id, first, record: Record::new(), transition: Transition::Advance(1) }
}

fn act(version: i32, data: &Record) -> ActRequest<'_> {
    ActRequest { version, data, decision: None, comment: None }
}

fn today() -> NaiveDate {
    dangjian_api::clock::Clock::system().today()
}

#[test]
fn a_hand_over_is_acted_on_by_the_sending_then_the_receiving_org() {
    let (app, f) = spawn_with_fixture();
    app.db
        .write_blocking(|conn| {
            let (a1, b1) = (actor(conn, "zhibu_a1"), actor(conn, "zhibu_b1"));
            let subject = f.a1_people[2];
            let id = engine::start(conn, &HandOver, &a1, new(subject, f.a1, &HAND_OVER[0]))?;
            let row = dangjian_api::workflow::get(conn, id)?;
            let (v, data) = req(row.version, json!({"to_org": f.b1}));
            // The receiving branch neither sees nor acts before it is named.
            let err = engine::act(conn, &HandOver, &b1, today(), id, 1, &act(v, &data)).unwrap_err();
            assert_eq!(err.code, ErrorCode::OutOfScope, "{}", err.message);
            let err = engine::act(conn, &HandOver, &a1, today(), id, 1, &act(v, &req(0, json!({"to_org": f.a1})).1))
                .unwrap_err();
            assert_eq!(err.code, ErrorCode::Validation);
            let sent = engine::act(conn, &HandOver, &a1, today(), id, 1, &act(v, &data))?.instance;
            assert_eq!((sent.step, sent.status()), (2, InstanceStatus::Active));
            // Now the sending branch may not receive; an old version is a conflict.
            let (v2, received) = req(sent.version, json!({"received_on": today().to_string()}));
            let err = engine::act(conn, &HandOver, &a1, today(), id, 2, &act(v2, &received)).unwrap_err();
            assert_eq!(err.code, ErrorCode::Forbidden);
            let err = engine::act(conn, &HandOver, &b1, today(), id, 2, &act(v, &received)).unwrap_err();
            assert_eq!(err.code, ErrorCode::VersionConflict);
            // The receiving side may send it back to the sender, who sends it again.
            let back = ActRequest {
                version: v2,
                data: &Record::new(),
                decision: Some(shared::api::workflow::Decision::Return),
                comment: Some("材料不全"),
            };
            let returned = engine::act(conn, &HandOver, &b1, today(), id, 2, &back)?.instance;
            assert_eq!(returned.step, 1);
            let again = engine::act(conn, &HandOver, &a1, today(), id, 1, &act(returned.version, &data))?.instance;
            let done = engine::act(conn, &HandOver, &b1, today(), id, 2, &act(again.version, &received))?.instance;
            assert_eq!((done.status(), done.outcome()), (InstanceStatus::Completed, Some(Outcome::Done)));
            let events = dangjian_api::workflow::repo::events(conn, id)?;
            let actions: Vec<_> = engine::history(&HandOver, &events, false).into_iter().map(|e| e.action).collect();
            use EventAction::*;
            assert_eq!(actions, vec![Submit, Complete, Return, Complete, Complete]);
            Ok(())
        })
        .unwrap();
}

#[test]
fn a_request_waits_for_its_reply() {
    let (app, f) = spawn_with_fixture();
    app.db
        .write_blocking(|conn| {
            let (branch, committee) = (actor(conn, "zhibu_a1"), actor(conn, "dangwei_a"));
            let subject = f.a1_people[2];
            let reply = engine::start(conn, &Reply, &branch, new(subject, f.a1, &REPLY[0]))?;
            let request = engine::start(conn, &Request, &branch, new(subject, f.a1, &REQUEST[0]))?;
            let (v, data) = req(1, json!({"reply": reply}));
            let waiting = engine::act(conn, &Request, &branch, today(), request, 1, &act(v, &data))?.instance;
            assert_eq!(
                (waiting.status(), waiting.step, waiting.waiting_for),
                (InstanceStatus::Waiting, 2, Some(reply))
            );
            let err = engine::act(conn, &Request, &branch, today(), request, 2, &act(waiting.version, &Record::new()))
                .unwrap_err();
            assert_eq!(err.code, ErrorCode::InvalidState, "waits for the reply");
            // A step of one process cannot be done through another.
            let err =
                engine::act(conn, &Reply, &committee, today(), request, 1, &act(waiting.version, &data)).unwrap_err();
            assert_eq!(err.code, ErrorCode::NotFound);
            let (_, text) = req(0, json!({"text": "同意"}));
            engine::act(conn, &Reply, &committee, today(), reply, 1, &act(1, &text))?;
            let resumed = dangjian_api::workflow::get(conn, request)?;
            assert_eq!((resumed.status(), resumed.step, resumed.waiting_for), (InstanceStatus::Active, 2, None));
            let closed =
                engine::act(conn, &Request, &branch, today(), request, 2, &act(resumed.version, &Record::new()))?;
            assert_eq!(closed.instance.status(), InstanceStatus::Completed);
            let events = dangjian_api::workflow::repo::events(conn, request)?;
            assert_eq!(
                events.iter().map(|e| e.action()).collect::<Vec<_>>(),
                vec![EventAction::Submit, EventAction::Wait, EventAction::Resume, EventAction::Complete]
            );
            Ok(())
        })
        .unwrap();
}
