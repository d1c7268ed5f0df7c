//! Member development as a process on the workflow engine: what each step checks (typed
//! inputs), where the case goes next, deadlines, and the person's record after a step.

use chrono::{Months, NaiveDate};
use serde_json::json;
use shared::MembershipStatus;
use shared::api::workflow::Outcome;
use shared::permissions::Action;
use shared::rules::RuleViolation;
use shared::rules::calendar::WorkCalendar;
use shared::rules::development::DevelopmentRules;

use super::inputs::*;
use super::repo;
use super::steps::{self, *};
use crate::auth::Actor;
use crate::db::DbConnection;
use crate::error::ApiError;
use crate::workflow::InstanceRow;
use crate::workflow::process::{Applied, Process, Record, StepCtx, StepDef, Transition, put, typed};

pub const PROCESS: &str = "development";

pub struct Development<'a> {
    pub rules: &'a DevelopmentRules,
    pub calendar: WorkCalendar,
}

impl<'a> Development<'a> {
    pub fn load(conn: &mut DbConnection, rules: &'a DevelopmentRules) -> Result<Development<'a>, ApiError> {
        Ok(Development { rules, calendar: repo::calendar(conn)? })
    }
}

/// What the person's record becomes after a step.
#[derive(Debug, Clone, PartialEq)]
pub enum PersonChange {
    Status(MembershipStatus),
    Probationary { join_date: NaiveDate },
    Formal { full_member_date: NaiveDate },
    ProbationCancelled,
}

pub fn case_record(record: &Record) -> CaseRecord {
    typed(record).unwrap_or_default()
}

pub(super) fn rule(v: RuleViolation) -> ApiError {
    ApiError::rule(v)
}

pub(super) fn not_before(
    earlier: Option<NaiveDate>,
    later: NaiveDate,
    field: &str,
    label: &str,
) -> Result<(), ApiError> {
    match earlier {
        Some(e) if later < e => {
            Err(ApiError::field(field, "before_previous_step", format!("{label}不能早于上一环节的日期 {e}")))
        }
        _ => Ok(()),
    }
}

impl Development<'_> {
    fn introducer_statuses(
        &self,
        conn: &mut DbConnection,
        subject: i64,
        ids: &[i64],
    ) -> Result<Vec<MembershipStatus>, ApiError> {
        let found = repo::statuses(conn, ids)?;
        Ok(ids
            .iter()
            .map(|id| {
                found
                    .iter()
                    .find(|(p, _, left)| p == id && left.is_none() && *p != subject)
                    .and_then(|(_, s, _)| MembershipStatus::from_code(s))
                    .unwrap_or(MembershipStatus::Masses)
            })
            .collect())
    }
}

impl Process for Development<'_> {
    fn name(&self) -> &'static str {
        PROCESS
    }

    fn action(&self) -> Action {
        Action::RunDevelopment
    }

    fn steps(&self) -> &'static [StepDef] {
        &steps::STEPS
    }

    fn apply(&self, conn: &mut DbConnection, ctx: &StepCtx, step: &StepDef) -> Result<Applied, ApiError> {
        let r = self.rules;
        let case = case_record(ctx.record);
        let mut record = ctx.record.clone();
        let mut warnings = Vec::new();
        match step.number {
            TALK => {
                let input: Talk = ctx.input()?;
                warnings
                    .extend(r.check_talk(case.applied_on.unwrap_or(input.talked_on), input.talked_on).map_err(rule)?);
            }
            ACTIVIST => {
                let input: Activist = ctx.input()?;
                not_before(case.talked_on, input.activist_on, "activist_on", "确定积极分子日期")?;
                r.check_activist(case.applied_on.unwrap_or(input.activist_on), input.activist_on).map_err(rule)?;
            }
            REVIEWS => {
                let input: Reviews = ctx.input()?;
                let mut reviews = case.reviews.clone();
                reviews.extend(input.reviews);
                reviews.sort();
                reviews.dedup();
                put(&mut record, "reviews", reviews);
                return Ok(Applied::to(Transition::Advance(REVIEWS + 1), record));
            }
            CANDIDATE => {
                let input: Candidate = ctx.input()?;
                let activist = case.activist_on.unwrap_or(input.candidate_on);
                r.check_candidate(activist, &case.reviews, input.candidate_on).map_err(rule)?;
                r.check_publicity(&self.calendar, input.publicity_start, input.candidate_on).map_err(rule)?;
            }
            INTRODUCERS => {
                let input: Introducers = ctx.input()?;
                let statuses = self.introducer_statuses(conn, ctx.instance.subject_person_id, &input.introducers)?;
                r.check_introducers(&statuses).map_err(rule)?;
            }
            POLITICAL_REVIEW => {
                let input: PoliticalReview = ctx.input()?;
                if !input.conclusion.contains("合格") || input.conclusion.contains("不合格") {
                    return Err(ApiError::field(
                        "conclusion",
                        "not_passed",
                        "政治审查结论须为“合格”，否则不能发展入党",
                    ));
                }
            }
            TRAINING => {
                let input: Training = ctx.input()?;
                r.check_training(input.training_days, input.training_hours).map_err(rule)?;
            }
            COMMITTEE_REVIEW => {
                let input: CommitteeReview = ctx.input()?;
                r.check_not_leaving(input.leaving_on, input.reviewed_on).map_err(rule)?;
            }
            PRE_APPROVAL => {
                let input: PreApproval = ctx.input()?;
                not_before(case.concluded_on, input.pre_approved_on, "pre_approved_on", "预审日期")?;
                r.check_not_leaving(case.leaving_on, input.pre_approved_on).map_err(rule)?;
            }
            ADMISSION_MEETING => return self.admission_meeting(ctx, record),
            ADMISSION_APPROVAL => {
                let input: Approval = ctx.input()?;
                let meeting = case.meeting_on.unwrap_or(input.approved_on);
                not_before(case.meeting_on, input.approved_on, "approved_on", "审批日期")?;
                r.check_approval(meeting, input.approved_on).map_err(rule)?;
                if input.approved_on > r.approval_deadline(meeting) {
                    warnings.push("审批超过三个月期限（特殊情况延长，最长不超过六个月）".into());
                }
            }
            FULL_MEETING => return self.full_meeting(ctx, record),
            FULL_APPROVAL => return self.full_approval(ctx, record),
            _ => {}
        }
        for (name, value) in ctx.input.clone() {
            // The 转正 application date is kept apart from the first application's.
            let name = if step.number == FULL_APPLICATION && name == "applied_on" {
                "full_membership_applied_on".to_string()
            } else {
                name
            };
            record.insert(name, value);
        }
        let transition = if step.number == ARCHIVE {
            let outcome =
                if case.extension_months.is_some() { Outcome::FullMemberAfterExtension } else { Outcome::FullMember };
            Transition::Complete(outcome)
        } else {
            Transition::Advance(step.number + 1)
        };
        Ok(Applied { transition, record, warnings, action: None })
    }

    fn deadlines(&self, step: i32, record: &Record) -> (Option<NaiveDate>, Option<NaiveDate>) {
        let r = self.rules;
        let case = case_record(record);
        let plus = |d: NaiveDate, m: u32| d.checked_add_months(Months::new(m));
        let extension = case.extension_months.unwrap_or(0);
        match step {
            TALK => (case.applied_on.map(|d| r.talk_deadline(d)), None),
            5..=CANDIDATE => (None, case.activist_on.map(|d| r.earliest_candidate(d))),
            ADMISSION_MEETING => (case.pre_approved_on.and_then(|d| plus(d, 1)), None),
            ADMISSION_APPROVAL => (case.meeting_on.map(|d| r.approval_deadline(d)), None),
            FULL_APPLICATION | FULL_MEETING => (None, case.meeting_on.map(|d| r.probation_end(d, extension))),
            FULL_APPROVAL => (case.full_meeting_on.and_then(|d| plus(d, r.approval_months)), None),
            _ => (None, None),
        }
    }

    fn precheck(&self, step: i32, record: &Record, today: NaiveDate) -> Option<RuleViolation> {
        let r = self.rules;
        let case = case_record(record);
        match step {
            ACTIVIST => case.applied_on.and_then(|a| r.check_activist(a, today).err()),
            CANDIDATE => r.check_candidate(case.activist_on?, &case.reviews, today).err(),
            ADMISSION_MEETING => case.failed_vote_on.and_then(|f| r.check_resubmission(f, today).err()),
            ADMISSION_APPROVAL => case.meeting_on.and_then(|m| r.check_approval(m, today).err()),
            FULL_MEETING => {
                case.meeting_on.and_then(|m| r.check_probation_over(m, case.extension_months.unwrap_or(0), today).err())
            }
            _ => None,
        }
    }

    fn wait_violation(&self, record: &Record, until: NaiveDate) -> RuleViolation {
        let failed = case_record(record).failed_vote_on;
        match failed.and_then(|f| self.rules.check_resubmission(f, until.pred_opt()?).err()) {
            Some(v) => v,
            None => RuleViolation {
                code: "workflow.waiting".into(),
                rule: "等待期满方可继续办理".into(),
                source: "流程规定".into(),
                message: format!("最早可于 {until} 继续办理"),
                earliest: Some(until),
            },
        }
    }

    fn after(
        &self,
        conn: &mut DbConnection,
        actor: &Actor,
        instance: &InstanceRow,
        step: &StepDef,
        applied: &Applied,
    ) -> Result<(), ApiError> {
        let subject = instance.subject_person_id;
        let today = crate::clock::wall_now().date();
        super::milestones::record(conn, actor, subject, (step.number, &applied.transition, &applied.record), today)?;
        let Some(change) = person_change(self.rules, step.number, &applied.transition, &applied.record) else {
            return Ok(());
        };
        // An edit of the person that commits between the read and the write moves the version:
        // read again, so the audit's before-image is what the change really replaced.
        let mut before = crate::members::repo::get(conn, subject)?;
        let mut attempts = 0;
        while !repo::apply_person_change(conn, subject, before.version, &change)? {
            attempts += 1;
            if attempts == 5 {
                return Err(ApiError::version_conflict());
            }
            before = crate::members::repo::get(conn, subject)?;
        }
        let after = crate::members::repo::get(conn, subject)?;
        crate::audit::record(conn, Some(actor), "development_step", "person", subject, Some(&before), Some(&after))?;
        Ok(())
    }
}

/// The person's new membership after a step went where `transition` says.
pub fn person_change(
    r: &DevelopmentRules,
    step: i32,
    transition: &Transition,
    record: &Record,
) -> Option<PersonChange> {
    let case = case_record(record);
    match (step, transition) {
        (ACTIVIST, Transition::Advance(_)) => Some(PersonChange::Status(MembershipStatus::Activist)),
        (CANDIDATE, Transition::Advance(_)) => Some(PersonChange::Status(MembershipStatus::DevelopmentTarget)),
        (ADMISSION_APPROVAL, Transition::Advance(_)) => {
            Some(PersonChange::Probationary { join_date: case.meeting_on? })
        }
        (FULL_APPROVAL, Transition::Advance(ARCHIVE)) => Some(PersonChange::Formal {
            full_member_date: r.probation_end(case.meeting_on?, case.extension_months.unwrap_or(0)),
        }),
        (FULL_APPROVAL, Transition::End(Outcome::ProbationCancelled)) => Some(PersonChange::ProbationCancelled),
        _ => None,
    }
}

/// The record a new application starts with.
pub fn application_record(applied_on: NaiveDate) -> Record {
    let mut record = Record::new();
    record.insert("applied_on".into(), json!(applied_on.to_string()));
    record
}
