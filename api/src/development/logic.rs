//! What each step checks and records, and where the instance goes next. Pure: no database.

use chrono::{Months, NaiveDate};
use serde_json::{Map, Value, json};
use shared::MembershipStatus;
use shared::api::development::{Decision, StepRequest};
use shared::error::FieldError;
use shared::rules::RuleViolation;
use shared::rules::calendar::WorkCalendar;
use shared::rules::development::DevelopmentRules;

use super::steps::{self, DONE};
use crate::error::ApiError;
use crate::workflow::Transition;

pub struct Context<'a> {
    pub rules: &'a DevelopmentRules,
    pub calendar: &'a WorkCalendar,
    pub today: NaiveDate,
    /// Membership status of each person named as 入党介绍人 (step 9), in input order.
    pub introducer_statuses: Vec<MembershipStatus>,
}

/// What the person's record becomes after a step.
#[derive(Debug, Clone, PartialEq)]
pub enum PersonChange {
    Status(MembershipStatus),
    Probationary { join_date: NaiveDate },
    Formal { full_member_date: NaiveDate },
    ProbationCancelled,
}

pub struct StepResult {
    pub transition: Transition,
    pub person: Option<PersonChange>,
    pub warnings: Vec<String>,
    pub action: &'static str,
}

pub fn rule_error(v: RuleViolation) -> ApiError {
    ApiError::rule(v)
}

pub fn get_date(data: &Map<String, Value>, name: &str) -> Option<NaiveDate> {
    data.get(name).and_then(Value::as_str).and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
}

fn get_dates(data: &Map<String, Value>, name: &str) -> Vec<NaiveDate> {
    data.get(name)
        .and_then(Value::as_array)
        .map(|a| {
            a.iter().filter_map(Value::as_str).filter_map(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()).collect()
        })
        .unwrap_or_default()
}

fn get_u32(data: &Map<String, Value>, name: &str) -> Option<u32> {
    data.get(name)
        .and_then(|v| v.as_u64().or_else(|| v.as_str().and_then(|s| s.trim().parse().ok())))
        .and_then(|n| u32::try_from(n).ok())
}

/// Reads and checks the step's fields from the request: required, well formed, not in the future.
fn read_fields(number: i32, input: &StepRequest, today: NaiveDate) -> Result<Map<String, Value>, ApiError> {
    let def = steps::step(number).ok_or_else(|| ApiError::not_found("步骤"))?;
    let mut errors = Vec::new();
    let mut out = Map::new();
    for (name, label, kind, required) in def.fields {
        let value = input.data.get(*name).filter(|v| !v.is_null() && v.as_str() != Some(""));
        let Some(value) = value else {
            if *required {
                errors.push(FieldError::new(name, "required", format!("请填写{label}")));
            }
            continue;
        };
        let ok = match *kind {
            "date" => match value.as_str().and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()) {
                Some(d) if d > today && *name != "leaving_on" => {
                    errors.push(FieldError::new(name, "in_future", format!("{label}不能晚于今天")));
                    true
                }
                Some(_) => true,
                None => false,
            },
            "dates" => value.as_array().is_some_and(|a| {
                !a.is_empty()
                    && a.iter().all(|d| {
                        d.as_str()
                            .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
                            .is_some_and(|d| d <= today)
                    })
            }),
            "number" => value.as_u64().is_some() || value.as_str().is_some_and(|s| s.trim().parse::<u64>().is_ok()),
            "people" => value.as_array().is_some_and(|a| a.iter().all(Value::is_i64)),
            _ => value.as_str().is_some_and(|s| !s.trim().is_empty() && s.chars().count() <= 2000),
        };
        if !ok {
            errors.push(FieldError::new(name, "invalid", format!("{label}格式不正确")));
        }
        out.insert((*name).to_string(), value.clone());
    }
    if errors.is_empty() { Ok(out) } else { Err(ApiError::validation(errors)) }
}

fn order(
    data: &Map<String, Value>,
    earlier: &str,
    later: NaiveDate,
    later_field: &str,
    label: &str,
) -> Result<(), ApiError> {
    match get_date(data, earlier) {
        Some(e) if later < e => {
            Err(ApiError::field(later_field, "before_previous_step", format!("{label}不能早于上一环节的日期 {e}")))
        }
        _ => Ok(()),
    }
}

/// Deadline and earliest date of the step an instance now waits on.
pub fn deadlines(
    step: i32,
    data: &Map<String, Value>,
    rules: &DevelopmentRules,
) -> (Option<NaiveDate>, Option<NaiveDate>) {
    let plus = |d: NaiveDate, m: u32| d.checked_add_months(Months::new(m));
    let extension = get_u32(data, "extension_months").unwrap_or(0);
    match step {
        2 => (get_date(data, "applied_on").map(|d| rules.talk_deadline(d)), None),
        5..=7 => (None, get_date(data, "activist_on").map(|d| rules.earliest_candidate(d))),
        15 => (get_date(data, "pre_approved_on").and_then(|d| plus(d, 1)), None),
        17 => (get_date(data, "meeting_on").map(|d| rules.approval_deadline(d)), None),
        22 | 23 => (None, get_date(data, "meeting_on").map(|d| rules.probation_end(d, extension))),
        24 => (get_date(data, "full_meeting_on").and_then(|d| plus(d, rules.approval_months)), None),
        _ => (None, None),
    }
}

/// A rule that blocks the step on `on`, for explaining before the user submits.
pub fn precheck(step: i32, data: &Map<String, Value>, ctx: &Context) -> Option<RuleViolation> {
    let on = ctx.today;
    let r = ctx.rules;
    match step {
        3 => get_date(data, "applied_on").and_then(|a| r.check_activist(a, on).err()),
        7 => {
            let activist = get_date(data, "activist_on")?;
            r.check_candidate(activist, &get_dates(data, "reviews"), on).err()
        }
        17 => get_date(data, "meeting_on").and_then(|m| r.check_approval(m, on).err()),
        23 => get_date(data, "meeting_on")
            .and_then(|m| r.check_probation_over(m, get_u32(data, "extension_months").unwrap_or(0), on).err()),
        _ => None,
    }
}

fn next(step: i32, data: Map<String, Value>, rules: &DevelopmentRules) -> Transition {
    let (due_on, ready_on) = deadlines(step, &data, rules);
    Transition { step, status: "active", outcome: None, data, due_on, ready_on }
}

fn end(status: &'static str, outcome: &str, data: Map<String, Value>) -> Transition {
    Transition { step: DONE, status, outcome: Some(outcome.into()), data, due_on: None, ready_on: None }
}

/// Does step `number` with `input` on an instance whose record is `data`.
pub fn apply(
    number: i32,
    current: &Map<String, Value>,
    input: &StepRequest,
    ctx: &Context,
) -> Result<StepResult, ApiError> {
    let def = steps::step(number).ok_or_else(|| ApiError::not_found("步骤"))?;
    let fields = read_fields(number, input, ctx.today)?;
    let r = ctx.rules;
    let mut data = current.clone();
    let mut warnings = Vec::new();
    let mut person = None;
    let date = |name: &str| get_date(&fields, name);

    // Approvals and filings may be returned to the branch with a comment.
    if input.decision == Some(Decision::Return) {
        if !matches!(
            def.kind,
            shared::api::development::StepKind::Approval | shared::api::development::StepKind::Filing
        ) {
            return Err(ApiError::field("decision", "not_allowed", "只有审批或备案环节可以退回"));
        }
        if input.comment.as_deref().unwrap_or("").trim().is_empty() {
            return Err(ApiError::field("comment", "required", "退回时请填写意见"));
        }
        let back = match number {
            17 => 15,
            24 => 23,
            n => n - 1,
        };
        return Ok(StepResult { transition: next(back, data, r), person: None, warnings, action: "return" });
    }

    let mut to = number + 1;
    match number {
        2 => {
            let talked = date("talked_on").expect("required");
            let applied = get_date(&data, "applied_on").unwrap_or(talked);
            warnings.extend(r.check_talk(applied, talked).map_err(rule_error)?);
        }
        3 => {
            let on = date("activist_on").expect("required");
            order(&data, "talked_on", on, "activist_on", "确定积极分子日期")?;
            r.check_activist(get_date(&data, "applied_on").unwrap_or(on), on).map_err(rule_error)?;
            person = Some(PersonChange::Status(MembershipStatus::Activist));
        }
        6 => {
            let mut reviews = get_dates(&data, "reviews");
            reviews.extend(get_dates(&fields, "reviews"));
            reviews.sort();
            reviews.dedup();
            data.insert("reviews".into(), json!(reviews.iter().map(|d| d.to_string()).collect::<Vec<_>>()));
        }
        7 => {
            let on = date("candidate_on").expect("required");
            let activist = get_date(&data, "activist_on").unwrap_or(on);
            r.check_candidate(activist, &get_dates(&data, "reviews"), on).map_err(rule_error)?;
            r.check_publicity(ctx.calendar, date("publicity_start"), on).map_err(rule_error)?;
            person = Some(PersonChange::Status(MembershipStatus::DevelopmentTarget));
        }
        9 => r.check_introducers(&ctx.introducer_statuses).map_err(rule_error)?,
        10 => {
            let conclusion = fields.get("conclusion").and_then(Value::as_str).unwrap_or("");
            if !conclusion.contains("合格") || conclusion.contains("不合格") {
                return Err(ApiError::field("conclusion", "not_passed", "政治审查结论须为“合格”，否则不能发展入党"));
            }
        }
        11 => r
            .check_training(
                get_u32(&fields, "training_days").unwrap_or(0),
                get_u32(&fields, "training_hours").unwrap_or(0),
            )
            .map_err(rule_error)?,
        12 => r.check_not_leaving(date("leaving_on"), date("reviewed_on").expect("required")).map_err(rule_error)?,
        13 => {
            let on = date("pre_approved_on").expect("required");
            order(&data, "concluded_on", on, "pre_approved_on", "预审日期")?;
            r.check_not_leaving(get_date(&data, "leaving_on"), on).map_err(rule_error)?;
        }
        15 => {
            let on = date("meeting_on").expect("required");
            order(&data, "pre_approved_on", on, "meeting_on", "支部大会日期")?;
            r.check_not_leaving(get_date(&data, "leaving_on"), on).map_err(rule_error)?;
            let outcome = vote(r, &fields)?;
            data.insert("admission_vote".into(), json!(outcome));
            if !outcome.passed {
                data.extend(fields);
                return Ok(StepResult {
                    transition: end("ended", "not_passed", data),
                    person: None,
                    warnings,
                    action: "vote",
                });
            }
        }
        17 => {
            let on = date("approved_on").expect("required");
            let meeting = get_date(&data, "meeting_on").unwrap_or(on);
            order(&data, "meeting_on", on, "approved_on", "审批日期")?;
            r.check_approval(meeting, on).map_err(rule_error)?;
            if on > r.approval_deadline(meeting) {
                warnings.push("审批超过三个月期限（特殊情况延长，最长不超过六个月）".into());
            }
            person = Some(PersonChange::Probationary { join_date: meeting });
        }
        23 => {
            let on = date("meeting_on").expect("required");
            let admission = get_date(&data, "meeting_on").unwrap_or(on);
            let extension = get_u32(&data, "extension_months").unwrap_or(0);
            let resolution = fields.get("resolution").and_then(Value::as_str).unwrap_or("").to_string();
            let outcome = vote(r, &fields)?;
            if !outcome.quorum {
                return Err(ApiError::field(
                    "present",
                    "no_quorum",
                    "到会有表决权的人数未超过应到人数的半数，会议不能表决",
                ));
            }
            match resolution.as_str() {
                "full_member" => r.check_probation_over(admission, extension, on).map_err(rule_error)?,
                "extend" => r
                    .check_extension(get_u32(&fields, "extension_months").unwrap_or(0), extension > 0)
                    .map_err(rule_error)?,
                "cancel" => {}
                _ => {
                    return Err(ApiError::field(
                        "resolution",
                        "invalid",
                        "决议须为按期转正、延长预备期或取消预备党员资格",
                    ));
                }
            }
            if resolution == "full_member" && !outcome.passed {
                return Err(ApiError::field(
                    "yes",
                    "not_passed",
                    "赞成票未超过应到会有表决权正式党员的半数，不能按期转正",
                ));
            }
            // The admission meeting date stays under `meeting_on`; this one is kept separately.
            data.insert("full_meeting_on".into(), json!(on.to_string()));
            data.insert("full_vote".into(), json!(outcome));
            data.insert("resolution".into(), json!(resolution));
            if let Some(m) = get_u32(&fields, "extension_months") {
                data.insert("pending_extension_months".into(), json!(m));
            }
            return Ok(StepResult { transition: next(24, data, r), person: None, warnings, action: "vote" });
        }
        24 => {
            let on = date("approved_on").expect("required");
            order(&data, "full_meeting_on", on, "approved_on", "审批日期")?;
            let admission = get_date(&data, "meeting_on").unwrap_or(on);
            let extension = get_u32(&data, "extension_months").unwrap_or(0);
            data.insert("full_approved_on".into(), json!(on.to_string()));
            match data.get("resolution").and_then(Value::as_str) {
                Some("extend") => {
                    let months = get_u32(&data, "pending_extension_months").unwrap_or(6);
                    data.insert("extension_months".into(), json!(months));
                    data.insert("outcome_note".into(), json!("延长预备期"));
                    return Ok(StepResult { transition: next(21, data, r), person: None, warnings, action: "approve" });
                }
                Some("cancel") => {
                    return Ok(StepResult {
                        transition: end("ended", "probation_cancelled", data),
                        person: Some(PersonChange::ProbationCancelled),
                        warnings,
                        action: "approve",
                    });
                }
                _ => person = Some(PersonChange::Formal { full_member_date: r.probation_end(admission, extension) }),
            }
        }
        25 => {
            let mut fields = fields;
            fields.remove("meeting_on");
            data.extend(fields);
            let outcome =
                if data.get("extension_months").is_some() { "full_member_after_extension" } else { "full_member" };
            return Ok(StepResult {
                transition: end("completed", outcome, data),
                person: None,
                warnings,
                action: "complete",
            });
        }
        _ => {}
    }
    if number != 6 {
        for (k, v) in fields {
            // Later steps' dates are kept under their own names; the admission meeting stays `meeting_on`.
            data.insert(if number == 22 && k == "applied_on" { "full_membership_applied_on".into() } else { k }, v);
        }
    }
    if number == 1 {
        to = 2;
    }
    let action = match def.kind {
        shared::api::development::StepKind::Filing => "file",
        shared::api::development::StepKind::Approval => "approve",
        shared::api::development::StepKind::Vote => "vote",
        shared::api::development::StepKind::Record => "complete",
    };
    Ok(StepResult { transition: next(to, data, r), person, warnings, action })
}

fn vote(
    r: &DevelopmentRules,
    fields: &Map<String, Value>,
) -> Result<shared::rules::development::VoteOutcome, ApiError> {
    let entitled = get_u32(fields, "entitled").unwrap_or(0);
    let present = get_u32(fields, "present").unwrap_or(0);
    let yes = get_u32(fields, "yes").unwrap_or(0);
    let written = get_u32(fields, "written_yes").unwrap_or(0);
    if entitled == 0 || present > entitled || yes > present || yes + written > entitled {
        return Err(ApiError::field("present", "inconsistent", "人数不一致：实到不能多于应到，赞成票不能多于实到"));
    }
    let outcome = r.vote(entitled, present, yes, written);
    if !outcome.quorum {
        return Err(ApiError::field("present", "no_quorum", "到会有表决权的人数未超过应到人数的半数，会议不能表决"));
    }
    Ok(outcome)
}
