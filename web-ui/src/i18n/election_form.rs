//! Texts of starting an election (成立、换届、增补) and of choosing people from a list, with the
//! rules' hints on the seats.
//!
//! Chinese only: these screens stay in Chinese when the English UI is chosen (their English
//! texts would be carried by every election area, each close to its size budget).

use super::Texts;

#[derive(Debug)]
pub struct FormTexts {
    pub title: fn(&str) -> String,
    pub term_now: fn(&str) -> String,
    pub already_open: &'static str,
    pub kind: &'static str,
    pub reelection_hint: &'static str,
    pub by_election_hint: &'static str,
    pub founding_hint: &'static str,
    pub new_org_name: &'static str,
    pub new_org_hint: &'static str,
    pub unit: &'static str,
    pub planned_on: &'static str,
    pub seats: &'static str,
    pub seats_committee: fn(i64) -> String,
    pub seats_small: fn(i64) -> String,
    pub seats_by_election: fn(u32) -> String,
    pub seats_range: fn(u32, u32, u32) -> String,
    pub by_election_range: fn(u32, u32) -> String,
    pub members: &'static str,
    pub members_chosen: fn(usize, i64) -> String,
    pub filter_people: &'static str,
    pub nobody: &'static str,
    pub reason: &'static str,
    pub reason_reelection: &'static str,
    pub reason_by_election: &'static str,
    pub reason_founding: &'static str,
    pub need_date: &'static str,
    pub date_past: &'static str,
    pub need_seats: &'static str,
    pub need_reason: &'static str,
    pub reason_too_long: &'static str,
    pub need_new_name: &'static str,
    pub need_members: &'static str,
    pub fix_errors: &'static str,
    pub conflict: &'static str,
    pub submit: &'static str,
}

pub static FORM_ZH: FormTexts = FormTexts {
    title: |org| format!("发起选举 · {org}"),
    term_now: |end| format!("本届任期至 {end}"),
    already_open: "本组织已有一项选举正在进行，办结后才能发起新的选举",
    kind: "选举类型",
    reelection_hint: "任期届满，选举产生新一届支部委员会（或书记、副书记）",
    by_election_hint: "任期内委员出缺，增补选举委员",
    founding_hint: "从本支部分出党员，成立新的党支部并选举产生委员会",
    new_org_name: "新党支部名称",
    new_org_hint: "如：第二党支部",
    unit: "所在单位（可不填）",
    planned_on: "党员大会日期（计划）",
    seats: "应选名额",
    seats_committee: |full| format!("正式党员{full}名（7名以上）：设支部委员会，应选委员3至7名（一般3至5名）"),
    seats_small: |full| {
        format!("正式党员{full}名（不足7名）：不设支部委员会，只选举书记1名，必要时副书记1名（1至2名）")
    },
    seats_by_election: |n| {
        if n > 0 {
            format!("本届空缺{n}名，可增补{n}名")
        } else {
            "本届委员没有空缺，无需增补".to_string()
        }
    },
    seats_range: |full, min, max| format!("正式党员{full}名：按规定应选{min}至{max}名"),
    by_election_range: |min, max| format!("增补{min}至{max}名，不超过本届空缺的委员数"),
    members: "新党支部的党员",
    members_chosen: |n, full| format!("已选{n}名，其中正式党员{full}名（成立党支部须有正式党员3名以上）"),
    filter_people: "按姓名筛选",
    nobody: "没有可选的人员",
    reason: "事由",
    reason_reelection: "如：本届支部委员会任期将于年内届满，经支部委员会研究，拟按期换届",
    reason_by_election: "如：组织委员调离，职务空缺，拟增补委员1名",
    reason_founding: "如：本支部党员人数较多，经研究拟分设党支部",
    need_date: "请填写党员大会日期（YYYY-MM-DD）",
    date_past: "党员大会日期不能早于今天",
    need_seats: "请填写应选名额",
    need_reason: "请填写事由",
    reason_too_long: "事由不能超过500字",
    need_new_name: "请填写新党支部名称",
    need_members: "请选择新党支部的党员",
    fix_errors: "请按提示修改标红的项目",
    conflict: "已被他人处理，请刷新页面",
    submit: "发起",
};

pub fn form_of(_texts: &Texts) -> &'static FormTexts {
    &FORM_ZH
}
