//! The branch general meetings (接收预备党员 and 转正) and the committee's 转正 approval: the
//! steps whose outcome decides where the case goes.

use shared::api::workflow::{EventAction, Outcome};
use shared::rules::development::{DevelopmentRules, VoteOutcome};

use super::inputs::{Approval, FullVote, Resolution, Vote};
use super::process::{Development, case_record, not_before, rule};
use super::steps::{ADMISSION_MEETING, ARCHIVE, FULL_APPROVAL, PROBATION_EDUCATION};
use crate::error::ApiError;
use crate::workflow::process::{Applied, Record, StepCtx, Transition, put};

fn count_vote(r: &DevelopmentRules, v: &Vote) -> Result<VoteOutcome, ApiError> {
    if v.entitled == 0 || v.present > v.entitled || v.yes > v.present || v.yes + v.written_yes > v.entitled {
        return Err(ApiError::field("present", "inconsistent", "人数不一致：实到不能多于应到，赞成票不能多于实到"));
    }
    let outcome = r.vote(v.entitled, v.present, v.yes, v.written_yes);
    if !outcome.quorum {
        return Err(ApiError::field("present", "no_quorum", "到会有表决权的人数未超过应到人数的半数，会议不能表决"));
    }
    Ok(outcome)
}

impl Development<'_> {
    /// The admission meeting (step 15): passed, or (per the [L] rule) wait six months for a new meeting.
    pub(super) fn admission_meeting(&self, ctx: &StepCtx, mut record: Record) -> Result<Applied, ApiError> {
        let r = self.rules;
        let case = case_record(ctx.record);
        let v: Vote = ctx.input()?;
        not_before(case.pre_approved_on, v.meeting_on, "meeting_on", "支部大会日期")?;
        if let Some(failed) = case.failed_vote_on {
            r.check_resubmission(failed, v.meeting_on).map_err(rule)?;
        }
        r.check_not_leaving(case.leaving_on, v.meeting_on).map_err(rule)?;
        let outcome = count_vote(r, &v)?;
        record.extend(ctx.input.clone());
        put(&mut record, "admission_vote", outcome);
        if outcome.passed {
            return Ok(Applied::to(Transition::Advance(ADMISSION_MEETING + 1), record));
        }
        put(&mut record, "failed_vote_on", v.meeting_on);
        let transition = match r.resubmission_date(v.meeting_on) {
            Some(until) => {
                Transition::WaitUntil { until, back_to: ADMISSION_MEETING, outcome: Some(Outcome::NotPassed) }
            }
            None => Transition::End(Outcome::NotPassed),
        };
        Ok(Applied { transition, record, warnings: Vec::new(), action: Some(EventAction::Vote) })
    }

    /// The 转正 meeting (step 23): its decision waits for the committee's approval (step 24).
    pub(super) fn full_meeting(&self, ctx: &StepCtx, mut record: Record) -> Result<Applied, ApiError> {
        let r = self.rules;
        let case = case_record(ctx.record);
        let input: FullVote = ctx.input()?;
        let admission = case.meeting_on.unwrap_or(input.meeting_on);
        let extension = case.extension_months.unwrap_or(0);
        let outcome = count_vote(r, &input.vote())?;
        let resolution = Resolution::parse(&input.resolution).ok_or_else(|| {
            ApiError::field("resolution", "invalid", "决议须为按期转正、延长预备期或取消预备党员资格")
        })?;
        match resolution {
            Resolution::FullMember => r.check_probation_over(admission, extension, input.meeting_on).map_err(rule)?,
            Resolution::Extend => {
                r.check_extension(input.extension_months.unwrap_or(0), extension > 0).map_err(rule)?
            }
            Resolution::Cancel => {}
        }
        if resolution == Resolution::FullMember && !outcome.passed {
            return Err(ApiError::field("yes", "not_passed", "赞成票未超过应到会有表决权正式党员的半数，不能按期转正"));
        }
        put(&mut record, "full_meeting_on", input.meeting_on);
        put(&mut record, "full_vote", outcome);
        put(&mut record, "resolution", resolution.code());
        if let Some(m) = input.extension_months {
            put(&mut record, "pending_extension_months", m);
        }
        Ok(Applied::to(Transition::Advance(FULL_APPROVAL), record))
    }

    /// The committee's 转正 approval (step 24) carries out the meeting's decision.
    pub(super) fn full_approval(&self, ctx: &StepCtx, mut record: Record) -> Result<Applied, ApiError> {
        let case = case_record(ctx.record);
        let input: Approval = ctx.input()?;
        not_before(case.full_meeting_on, input.approved_on, "approved_on", "审批日期")?;
        put(&mut record, "full_approved_on", input.approved_on);
        let transition = match case.resolution.as_deref().and_then(Resolution::parse) {
            Some(Resolution::Extend) => {
                let months = case.pending_extension_months.unwrap_or(self.rules.extension_min_months);
                put(&mut record, "extension_months", months);
                put(&mut record, "outcome_note", "延长预备期");
                Transition::Advance(PROBATION_EDUCATION)
            }
            Some(Resolution::Cancel) => Transition::End(Outcome::ProbationCancelled),
            _ => Transition::Advance(ARCHIVE),
        };
        Ok(Applied::to(transition, record))
    }
}
