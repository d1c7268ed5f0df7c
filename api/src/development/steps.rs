//! The 25 steps of member development (domain.md §1.2) as data: stage, who acts, what kind of
//! decision it is, and which fields it records.

use shared::api::development::{FieldSpec, StepActor, StepInfo, StepKind};

use StepActor::{Applicant, Branch, Committee};
use StepKind::{Approval, Filing, Record, Vote};

pub struct StepDef {
    pub number: i32,
    pub stage: i32,
    pub code: &'static str,
    pub name: &'static str,
    pub actor: StepActor,
    pub kind: StepKind,
    /// (name, label, kind, required)
    pub fields: &'static [(&'static str, &'static str, &'static str, bool)],
}

pub const STAGES: [&str; 5] =
    ["申请入党", "入党积极分子的确定和培养教育", "发展对象的确定和考察", "预备党员的接收", "预备党员的教育考察和转正"];

const VOTE_FIELDS: &[(&str, &str, &str, bool)] = &[
    ("meeting_on", "支部大会日期", "date", true),
    ("entitled", "应到会有表决权的正式党员人数", "number", true),
    ("present", "实到有表决权人数", "number", true),
    ("yes", "到会赞成票", "number", true),
    ("written_yes", "未到会党员书面赞成意见", "number", false),
];

pub const STEPS: [StepDef; 25] = [
    StepDef {
        number: 1,
        stage: 1,
        code: "application",
        name: "递交入党申请书",
        actor: Applicant,
        kind: Record,
        fields: &[("applied_on", "递交日期", "date", true)],
    },
    StepDef {
        number: 2,
        stage: 1,
        code: "talk",
        name: "党组织派人谈话",
        actor: Branch,
        kind: Record,
        fields: &[
            ("talked_on", "谈话日期", "date", true),
            ("talker", "谈话人", "text", true),
            ("talk_record", "谈话记录", "text", false),
        ],
    },
    StepDef {
        number: 3,
        stage: 2,
        code: "activist",
        name: "推荐和确定入党积极分子",
        actor: Branch,
        kind: Record,
        fields: &[("activist_on", "确定日期", "date", true)],
    },
    StepDef {
        number: 4,
        stage: 2,
        code: "activist_filing",
        name: "上级党委备案（积极分子）",
        actor: Committee,
        kind: Filing,
        fields: &[("filed_on", "备案日期", "date", true)],
    },
    StepDef {
        number: 5,
        stage: 2,
        code: "contacts",
        name: "指定培养联系人",
        actor: Branch,
        kind: Record,
        fields: &[("contacts", "培养联系人（1–2名正式党员）", "text", true)],
    },
    StepDef {
        number: 6,
        stage: 2,
        code: "cultivation",
        name: "培养教育考察",
        actor: Branch,
        kind: Record,
        fields: &[("reviews", "半年考察日期（可多个）", "dates", true)],
    },
    StepDef {
        number: 7,
        stage: 3,
        code: "candidate",
        name: "确定发展对象",
        actor: Branch,
        kind: Record,
        fields: &[("candidate_on", "确定日期", "date", true), ("publicity_start", "公示开始日期", "date", false)],
    },
    StepDef {
        number: 8,
        stage: 3,
        code: "candidate_filing",
        name: "报上级党委备案（发展对象）",
        actor: Committee,
        kind: Filing,
        fields: &[("filed_on", "备案日期", "date", true)],
    },
    StepDef {
        number: 9,
        stage: 3,
        code: "introducers",
        name: "确定入党介绍人",
        actor: Branch,
        kind: Record,
        fields: &[("introducers", "入党介绍人（2名正式党员）", "people", true)],
    },
    StepDef {
        number: 10,
        stage: 3,
        code: "political_review",
        name: "进行政治审查",
        actor: Branch,
        kind: Record,
        fields: &[("concluded_on", "结论日期", "date", true), ("conclusion", "政审结论", "text", true)],
    },
    StepDef {
        number: 11,
        stage: 3,
        code: "training",
        name: "开展集中培训",
        actor: Branch,
        kind: Record,
        fields: &[
            ("training_days", "培训天数", "number", true),
            ("training_hours", "培训学时", "number", true),
            ("finished_on", "结业日期", "date", true),
        ],
    },
    StepDef {
        number: 12,
        stage: 4,
        code: "committee_review",
        name: "支部委员会审查",
        actor: Branch,
        kind: Record,
        fields: &[
            ("reviewed_on", "审查日期", "date", true),
            ("leaving_on", "预计离开本单位日期（如有）", "date", false),
        ],
    },
    StepDef {
        number: 13,
        stage: 4,
        code: "pre_approval",
        name: "上级党委预审",
        actor: Committee,
        kind: Approval,
        fields: &[("pre_approved_on", "预审日期", "date", true)],
    },
    StepDef {
        number: 14,
        stage: 4,
        code: "volunteer_form",
        name: "填写入党志愿书",
        actor: Applicant,
        kind: Record,
        fields: &[("filled_on", "填写日期", "date", true)],
    },
    StepDef {
        number: 15,
        stage: 4,
        code: "admission_meeting",
        name: "支部大会讨论（接收预备党员）",
        actor: Branch,
        kind: Vote,
        fields: VOTE_FIELDS,
    },
    StepDef {
        number: 16,
        stage: 4,
        code: "committee_talk",
        name: "上级党委派人谈话",
        actor: Committee,
        kind: Record,
        fields: &[("talked_on", "谈话日期", "date", true), ("talker", "谈话人（党委委员或组织员）", "text", true)],
    },
    StepDef {
        number: 17,
        stage: 4,
        code: "admission_approval",
        name: "上级党委审批",
        actor: Committee,
        kind: Approval,
        fields: &[("approved_on", "审批日期", "date", true)],
    },
    StepDef {
        number: 18,
        stage: 4,
        code: "department_filing",
        name: "再上一级党委组织部门备案",
        actor: Committee,
        kind: Filing,
        fields: &[("filed_on", "备案日期", "date", true)],
    },
    StepDef {
        number: 19,
        stage: 5,
        code: "assign_group",
        name: "编入党支部和党小组",
        actor: Branch,
        kind: Record,
        fields: &[("assigned_on", "编入日期", "date", true)],
    },
    StepDef {
        number: 20,
        stage: 5,
        code: "oath",
        name: "入党宣誓",
        actor: Branch,
        kind: Record,
        fields: &[("oath_on", "宣誓日期", "date", true)],
    },
    StepDef {
        number: 21,
        stage: 5,
        code: "probation_education",
        name: "继续教育考察",
        actor: Branch,
        kind: Record,
        fields: &[("reviews", "考察日期（可多个）", "dates", true)],
    },
    StepDef {
        number: 22,
        stage: 5,
        code: "full_membership_application",
        name: "提出转正申请",
        actor: Applicant,
        kind: Record,
        fields: &[("applied_on", "申请日期", "date", true)],
    },
    StepDef {
        number: 23,
        stage: 5,
        code: "full_membership_meeting",
        name: "支部大会讨论（转正）",
        actor: Branch,
        kind: Vote,
        fields: &[
            ("meeting_on", "支部大会日期", "date", true),
            ("entitled", "应到会有表决权的正式党员人数", "number", true),
            ("present", "实到有表决权人数", "number", true),
            ("yes", "到会赞成票", "number", true),
            ("written_yes", "未到会党员书面赞成意见", "number", false),
            (
                "resolution",
                "决议（full_member 按期转正 / extend 延长预备期 / cancel 取消预备党员资格）",
                "choice",
                true,
            ),
            ("extension_months", "延长月数（6–12）", "number", false),
        ],
    },
    StepDef {
        number: 24,
        stage: 5,
        code: "full_membership_approval",
        name: "上级党委审批（转正）",
        actor: Committee,
        kind: Approval,
        fields: &[("approved_on", "审批日期", "date", true)],
    },
    StepDef {
        number: 25,
        stage: 5,
        code: "archive",
        name: "材料归档",
        actor: Branch,
        kind: Record,
        fields: &[("archived_on", "归档日期", "date", true)],
    },
];

pub const DONE: i32 = 26;

pub fn step(number: i32) -> Option<&'static StepDef> {
    STEPS.get((number - 1) as usize)
}

pub fn info(def: &StepDef) -> StepInfo {
    StepInfo {
        number: def.number,
        stage: def.stage,
        stage_name: STAGES[(def.stage - 1) as usize].into(),
        code: def.code.into(),
        name: def.name.into(),
        actor: def.actor,
        kind: def.kind,
        fields: def
            .fields
            .iter()
            .map(|(name, label, kind, required)| FieldSpec {
                name: (*name).into(),
                label: (*label).into(),
                kind: (*kind).into(),
                required: *required,
            })
            .collect(),
    }
}

pub fn name_of(number: i32) -> &'static str {
    step(number).map_or("已完成", |s| s.name)
}
