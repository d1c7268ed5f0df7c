//! The 25 steps of member development (domain.md §1.2) as data: stage, who acts, what is
//! recorded, what the applicant may see, and where a step may be returned to.

use shared::api::development::{FieldSpec, StepActor, StepInfo, StepKind};
use shared::api::workflow::{EventAction, FieldKind};

use crate::workflow::process::{ActorRule, FieldDef, StepDef, Visibility};

use EventAction::{Approve, Complete, File, Vote};
use FieldKind::{Choice, Date, Dates, Number, Persons, Text};

pub const STAGES: [&str; 5] =
    ["申请入党", "入党积极分子的确定和培养教育", "发展对象的确定和考察", "预备党员的接收", "预备党员的教育考察和转正"];

const APPLICANT: &[ActorRule] = &[ActorRule::Subject, ActorRule::SubjectBranch];
const BRANCH: &[ActorRule] = &[ActorRule::SubjectBranch];
const COMMITTEE: &[ActorRule] = &[ActorRule::SubjectCommittee];

pub const APPLICATION: i32 = 1;
pub const TALK: i32 = 2;
pub const ACTIVIST: i32 = 3;
pub const REVIEWS: i32 = 6;
pub const CANDIDATE: i32 = 7;
pub const INTRODUCERS: i32 = 9;
pub const POLITICAL_REVIEW: i32 = 10;
pub const TRAINING: i32 = 11;
pub const COMMITTEE_REVIEW: i32 = 12;
pub const PRE_APPROVAL: i32 = 13;
pub const ADMISSION_MEETING: i32 = 15;
pub const ADMISSION_APPROVAL: i32 = 17;
pub const PROBATION_EDUCATION: i32 = 21;
pub const FULL_APPLICATION: i32 = 22;
pub const FULL_MEETING: i32 = 23;
pub const FULL_APPROVAL: i32 = 24;
pub const ARCHIVE: i32 = 25;
pub const DONE: i32 = 26;

const fn step(
    number: i32,
    stage: i32,
    code: &'static str,
    name: &'static str,
    actors: &'static [ActorRule],
    action: EventAction,
    fields: &'static [FieldDef],
) -> StepDef {
    let comments = if matches!(action, File | Approve) { Visibility::Officials } else { Visibility::Everyone };
    StepDef { number, stage, code, name, actors, action, fields, return_to: None, may_reject: false, comments }
}

const fn returnable(def: StepDef, to: i32) -> StepDef {
    StepDef { return_to: Some(to), ..def }
}

const fn rejectable(def: StepDef) -> StepDef {
    StepDef { may_reject: true, ..def }
}

const fn internal(def: StepDef) -> StepDef {
    StepDef { comments: Visibility::Officials, ..def }
}

const fn f(name: &'static str, label: &'static str, kind: FieldKind) -> FieldDef {
    FieldDef::new(name, label, kind)
}

const VOTE_FIELDS: &[FieldDef] = &[
    f("meeting_on", "支部大会日期", Date),
    f("entitled", "应到会有表决权的正式党员人数", Number),
    f("present", "实到有表决权人数", Number),
    f("yes", "到会赞成票", Number),
    f("written_yes", "未到会党员书面赞成意见", Number).optional(),
];

const FILED: &[FieldDef] = &[f("filed_on", "备案日期", Date)];

pub static STEPS: [StepDef; 25] = [
    step(1, 1, "application", "递交入党申请书", APPLICANT, Complete, &[f("applied_on", "递交日期", Date)]),
    internal(step(
        2,
        1,
        "talk",
        "党组织派人谈话",
        BRANCH,
        Complete,
        &[
            f("talked_on", "谈话日期", Date),
            f("talker", "谈话人", Text),
            f("talk_record", "谈话记录", Text).optional().internal(),
        ],
    )),
    step(3, 2, "activist", "推荐和确定入党积极分子", BRANCH, Complete, &[f("activist_on", "确定日期", Date)]),
    returnable(step(4, 2, "activist_filing", "上级党委备案（积极分子）", COMMITTEE, File, FILED), 3),
    step(5, 2, "contacts", "指定培养联系人", BRANCH, Complete, &[f("contacts", "培养联系人（1–2名正式党员）", Text)]),
    step(6, 2, "cultivation", "培养教育考察", BRANCH, Complete, &[f("reviews", "半年考察日期（可多个）", Dates)]),
    step(
        7,
        3,
        "candidate",
        "确定发展对象",
        BRANCH,
        Complete,
        &[f("candidate_on", "确定日期", Date), f("publicity_start", "公示开始日期", Date).optional()],
    ),
    returnable(step(8, 3, "candidate_filing", "报上级党委备案（发展对象）", COMMITTEE, File, FILED), 7),
    step(
        9,
        3,
        "introducers",
        "确定入党介绍人",
        BRANCH,
        Complete,
        &[f("introducers", "入党介绍人（2名正式党员）", Persons)],
    ),
    internal(step(
        10,
        3,
        "political_review",
        "进行政治审查",
        BRANCH,
        Complete,
        &[f("concluded_on", "结论日期", Date), f("conclusion", "政审结论", Text).internal()],
    )),
    step(
        11,
        3,
        "training",
        "开展集中培训",
        BRANCH,
        Complete,
        &[
            f("training_days", "培训天数", Number),
            f("training_hours", "培训学时", Number),
            f("finished_on", "结业日期", Date),
        ],
    ),
    internal(step(
        12,
        4,
        "committee_review",
        "支部委员会审查",
        BRANCH,
        Complete,
        &[
            f("reviewed_on", "审查日期", Date),
            f("leaving_on", "预计离开本单位日期（如有）", Date).optional().future_ok(),
        ],
    )),
    rejectable(returnable(
        step(13, 4, "pre_approval", "上级党委预审", COMMITTEE, Approve, &[f("pre_approved_on", "预审日期", Date)]),
        12,
    )),
    step(14, 4, "volunteer_form", "填写入党志愿书", APPLICANT, Complete, &[f("filled_on", "填写日期", Date)]),
    rejectable(step(15, 4, "admission_meeting", "支部大会讨论（接收预备党员）", BRANCH, Vote, VOTE_FIELDS)),
    internal(step(
        16,
        4,
        "committee_talk",
        "上级党委派人谈话",
        COMMITTEE,
        Complete,
        &[f("talked_on", "谈话日期", Date), f("talker", "谈话人（党委委员或组织员）", Text)],
    )),
    rejectable(returnable(
        step(17, 4, "admission_approval", "上级党委审批", COMMITTEE, Approve, &[f("approved_on", "审批日期", Date)]),
        15,
    )),
    returnable(step(18, 4, "department_filing", "再上一级党委组织部门备案", COMMITTEE, File, FILED), 17),
    step(19, 5, "assign_group", "编入党支部和党小组", BRANCH, Complete, &[f("assigned_on", "编入日期", Date)]),
    step(20, 5, "oath", "入党宣誓", BRANCH, Complete, &[f("oath_on", "宣誓日期", Date)]),
    step(21, 5, "probation_education", "继续教育考察", BRANCH, Complete, &[f("reviews", "考察日期（可多个）", Dates)]),
    step(
        22,
        5,
        "full_membership_application",
        "提出转正申请",
        APPLICANT,
        Complete,
        &[f("applied_on", "申请日期", Date)],
    ),
    step(
        23,
        5,
        "full_membership_meeting",
        "支部大会讨论（转正）",
        BRANCH,
        Vote,
        &[
            f("meeting_on", "支部大会日期", Date),
            f("entitled", "应到会有表决权的正式党员人数", Number),
            f("present", "实到有表决权人数", Number),
            f("yes", "到会赞成票", Number),
            f("written_yes", "未到会党员书面赞成意见", Number).optional(),
            f("resolution", "决议（full_member 按期转正 / extend 延长预备期 / cancel 取消预备党员资格）", Choice),
            f("extension_months", "延长月数（6–12）", Number).optional(),
        ],
    ),
    returnable(
        step(
            24,
            5,
            "full_membership_approval",
            "上级党委审批（转正）",
            COMMITTEE,
            Approve,
            &[f("approved_on", "审批日期", Date)],
        ),
        23,
    ),
    step(25, 5, "archive", "材料归档", BRANCH, Complete, &[f("archived_on", "归档日期", Date)]),
];

pub fn step_def(number: i32) -> Option<&'static StepDef> {
    STEPS.iter().find(|s| s.number == number)
}

pub fn kind_of(def: &StepDef) -> StepKind {
    match def.action {
        File => StepKind::Filing,
        Approve => StepKind::Approval,
        Vote => StepKind::Vote,
        _ => StepKind::Record,
    }
}

pub fn actor_of(def: &StepDef) -> StepActor {
    if def.actors.contains(&ActorRule::Subject) {
        StepActor::Applicant
    } else if def.actors.contains(&ActorRule::SubjectCommittee) {
        StepActor::Committee
    } else {
        StepActor::Branch
    }
}

pub fn info(def: &StepDef) -> StepInfo {
    StepInfo {
        number: def.number,
        stage: def.stage,
        stage_name: STAGES[(def.stage - 1) as usize].into(),
        code: def.code.into(),
        name: def.name.into(),
        actor: actor_of(def),
        kind: kind_of(def),
        fields: def
            .fields
            .iter()
            .map(|f| FieldSpec {
                name: f.name.into(),
                label: f.label.into(),
                kind: f.kind,
                required: f.required,
                visible_to_subject: f.visibility == Visibility::Everyone,
            })
            .collect(),
        may_return_to: def.return_to,
        may_reject: def.may_reject,
    }
}

pub fn name_of(number: i32) -> &'static str {
    step_def(number).map_or("已完成", |s| s.name)
}

#[cfg(test)]
mod tests {
    #[test]
    fn step_numbers_outside_the_process_are_none_not_a_panic() {
        assert!(super::step_def(1).is_some());
        assert!(super::step_def(0).is_none());
        assert!(super::step_def(i32::MIN).is_none());
        assert!(super::step_def(i32::MAX).is_none());
    }
}
