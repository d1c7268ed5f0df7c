//! Demo member-development instances: every 群众 in the pipeline and every 预备党员 gets an
//! instance at a plausible step, with some talks and approvals overdue, so every screen of the
//! process has content.

use chrono::{Days, NaiveDate};
use serde_json::{Map, Value, json};
use shared::MembershipStatus;
use shared::rules::development::DevelopmentRules;

use super::generate::DemoInstitution;
use crate::db::DbConnection;
use crate::development::process::{Development, PROCESS};
use crate::error::ApiError;
use crate::workflow::process::Process;
use crate::workflow::{InstanceState, repo as workflow};
use shared::api::workflow::{EventAction, InstanceStatus};
use shared::rules::calendar::WorkCalendar;

fn spread(index: usize, salt: u64, modulo: u64) -> u64 {
    let mut x = (index as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ salt;
    x ^= x >> 29;
    x = x.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    (x ^ (x >> 32)) % modulo
}

fn date(d: NaiveDate) -> Value {
    json!(d.to_string())
}

/// The step a person waits on and what has been recorded, for their current status.
fn plan(
    status: MembershipStatus,
    join_date: Option<NaiveDate>,
    index: usize,
    today: NaiveDate,
) -> Option<(i32, Map<String, Value>)> {
    let mut data = Map::new();
    let ago = |days: u64| today - Days::new(days);
    let step = match status {
        MembershipStatus::Applicant => {
            // Applied 5–75 days ago: those over a month without a talk are overdue.
            let applied = ago(5 + spread(index, 1, 70));
            data.insert("applied_on".into(), date(applied));
            if spread(index, 2, 3) == 0 {
                data.insert("talked_on".into(), date(applied + Days::new(12)));
                data.insert("talker".into(), json!("支部书记"));
                3
            } else {
                2
            }
        }
        MembershipStatus::Activist => {
            let activist = ago(60 + spread(index, 3, 420));
            data.insert("applied_on".into(), date(activist - Days::new(200)));
            data.insert("talked_on".into(), date(activist - Days::new(180)));
            data.insert("activist_on".into(), date(activist));
            data.insert("filed_on".into(), date(activist + Days::new(7)));
            data.insert("contacts".into(), json!("培养联系人两名"));
            let reviews: Vec<Value> =
                [180u64, 360].iter().map(|d| activist + Days::new(*d)).filter(|d| *d <= today).map(date).collect();
            let has_reviews = !reviews.is_empty();
            data.insert("reviews".into(), json!(reviews));
            if has_reviews { 7 } else { 6 }
        }
        MembershipStatus::DevelopmentTarget => {
            let candidate = ago(20 + spread(index, 4, 200));
            data.insert("applied_on".into(), date(candidate - Days::new(600)));
            data.insert("activist_on".into(), date(candidate - Days::new(380)));
            data.insert("reviews".into(), json!([date(candidate - Days::new(200)), date(candidate - Days::new(20))]));
            data.insert("candidate_on".into(), date(candidate));
            data.insert("publicity_start".into(), date(candidate - Days::new(14)));
            let step = [8, 9, 10, 11, 12, 13, 13, 15, 16, 17][spread(index, 5, 10) as usize];
            if step >= 13 {
                data.insert("concluded_on".into(), date((candidate + Days::new(10)).min(today)));
                data.insert("conclusion".into(), json!("合格"));
                data.insert("training_days".into(), json!(3));
                data.insert("training_hours".into(), json!(24));
            }
            if step >= 15 {
                data.insert("pre_approved_on".into(), date(candidate));
            }
            if step >= 16 {
                // The branch meeting was 1–5 months ago: some approvals are past the 3 months.
                data.insert("meeting_on".into(), date(ago(30 + spread(index, 6, 120))));
            }
            step
        }
        MembershipStatus::Probationary => {
            let meeting = join_date?;
            data.insert("applied_on".into(), date(meeting - Days::new(800)));
            data.insert("activist_on".into(), date(meeting - Days::new(450)));
            data.insert("candidate_on".into(), date(meeting - Days::new(60)));
            data.insert("meeting_on".into(), date(meeting));
            data.insert("approved_on".into(), date((meeting + Days::new(30)).min(today)));
            let months = (today - meeting).num_days() / 30;
            match months {
                0..=1 => 18,
                2 => 20,
                3..=10 => 21,
                _ => 22,
            }
        }
        _ => return None,
    };
    Some((step, data))
}

pub fn insert_instances(
    conn: &mut DbConnection,
    demo: &DemoInstitution,
    person_ids: &[i64],
    org_ids: &[i64],
    today: NaiveDate,
) -> Result<usize, ApiError> {
    let rules = DevelopmentRules::default();
    let process = Development { rules: &rules, calendar: WorkCalendar::shipped() };
    let mut count = 0;
    for (index, person) in demo.people.iter().enumerate() {
        let Some((step, data)) = plan(person.membership_status, person.join_date, index, today) else { continue };
        let (due_on, ready_on) = process.deadlines(step, &data);
        let id = workflow::create(
            conn,
            PROCESS,
            person_ids[index],
            org_ids[person.org],
            &InstanceState {
                step,
                status: InstanceStatus::Active,
                outcome: None,
                record: data.clone(),
                due_on,
                ready_on,
                waiting_for: None,
            },
        )?;
        workflow::record_event(
            conn,
            &workflow::NewEvent {
                instance_id: id,
                step: 1,
                action: EventAction::Submit,
                actor: None,
                actor_name: Some("演示数据"),
                comment: Some("此前各环节为补录的历史记录"),
                data: &Value::Object(data),
            },
        )?;
        count += 1;
    }
    Ok(count)
}
