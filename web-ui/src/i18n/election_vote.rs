//! Texts of the election's voting steps: the 候选人预备人选 and one round's count at the 党员大会
//! (per candidate), with the quorum and the majority explained as typed.
//!
//! Chinese only: these screens stay in Chinese when the English UI is chosen (their English
//! texts would be carried by every election area, each close to its size budget).

use super::Texts;

#[derive(Debug)]
pub struct VoteTexts {
    pub candidates: &'static str,
    pub candidates_chosen: fn(usize, u32, u32) -> String,
    pub margin_hint: fn(u32, u32) -> String,
    pub need_candidates: &'static str,
    pub nominate: &'static str,
    pub no_round: &'static str,
    pub round_heading: fn(u32, u32, usize) -> String,
    pub further_round: fn(&str) -> String,
    pub too_few_candidates: &'static str,
    pub need_number: &'static str,
    pub quorum_ok: fn(u32, u32) -> String,
    pub quorum_short: fn(u32, u32, u32) -> String,
    pub void_hint: &'static str,
    pub votes_hint: &'static str,
    pub preview: &'static str,
    pub preview_note: &'static str,
    pub save: &'static str,
    pub save_question: fn(u32) -> String,
    pub save_detail: &'static str,
    pub save_confirm: &'static str,
    pub stop: &'static str,
    pub stop_question: &'static str,
    pub stop_detail: fn(usize) -> String,
    pub stop_confirm: &'static str,
}

pub static VOTE_ZH: VoteTexts = VoteTexts {
    candidates: "候选人预备人选（本组织正式党员）",
    candidates_chosen: |n, seats, fewest| format!("已选{n}名；应选{seats}名，候选人至少{fewest}名"),
    margin_hint: |seats, fewest| {
        let how = if fewest > seats { "差额选举" } else { "可以等额选举" };
        format!("{how}：应选{seats}名，候选人至少{fewest}名；预备党员没有被选举权。名单按姓氏笔画排列。")
    },
    need_candidates: "请选择候选人预备人选",
    nominate: "确定候选人预备人选",
    no_round: "本次选举已无需继续投票",
    round_heading: |n, seats, candidates| {
        if n > 1 {
            format!("第{n}轮（另行选举）：应选{seats}名，候选人{candidates}名")
        } else {
            format!("第{n}轮投票：应选{seats}名，候选人{candidates}名")
        }
    },
    further_round: |elected| format!("已当选：{elected}。对尚缺的名额另行选举。"),
    too_few_candidates: "候选人少于应选名额，不能另行选举。可由会议决定不再另行选举，或终止本次选举。",
    need_number: "请填写人数（整数）",
    quorum_ok: |present, need| {
        format!("实到会{present}人，超过应到会人数的五分之四，选举有效；得票{need}票以上（超过实到会人数一半）方可当选")
    },
    quorum_short: |present, entitled, need| {
        format!("实到会{present}人，未超过应到会{entitled}人的五分之四（至少需{need}人），不能进行选举")
    },
    void_hint: "收回选票多于发出选票，本轮选举无效，应重新投票",
    votes_hint: "填写每名候选人的得票数：",
    preview: "试算",
    preview_note: "试算结果（未保存）",
    save: "确认提交",
    save_question: |n| format!("提交第{n}轮计票结果？"),
    save_detail: "提交后本轮结果即记录在案，不能修改。请与监票人、计票人核对无误后提交。",
    save_confirm: "确认提交",
    stop: "不再另行选举",
    stop_question: "会议决定不再另行选举？",
    stop_detail: |n| format!("以已当选的{n}名为本次选举结果，进入分工环节。"),
    stop_confirm: "确认不再另行选举",
};

pub fn vote_of(_texts: &Texts) -> &'static VoteTexts {
    &VOTE_ZH
}
