//! A case's letter for download (to whoever may see the case; never for a 涉密 case, whose
//! letter is handled offline), and the public check a QR code leads to (validity and issuer
//! only).

use chrono::NaiveDate;
use shared::api::transfers::LetterCheck;

use super::letter_pdf::{self, LetterData};
use super::models::LetterRow;
use super::repo;
use crate::auth::Actor;
use crate::db::DbConnection;
use crate::error::ApiError;
use crate::workflow::service as engine;

/// What the PDF of case `id`'s current letter needs, checked against the caller's reach.
pub struct Printable {
    pub letter: LetterRow,
    pub person: crate::members::models::PersonRow,
    pub from_org: String,
    /// 整建制: everyone the letter covers (empty for one person).
    pub list: Vec<crate::members::models::PersonRow>,
}

pub fn printable(conn: &mut DbConnection, actor: &Actor, id: i64) -> Result<Printable, ApiError> {
    let row = repo::get(conn, id)?;
    let instance = crate::workflow::repo::get(conn, row.instance_id)?;
    let rules = shared::rules::transfers::TransferRules::default();
    let p = super::process::of(row.kind()?, &rules);
    let scope = engine::Scope::load(conn, p.as_ref(), &instance)?;
    if !engine::may_view(actor, &instance, &scope) {
        return Err(actor.denial());
    }
    if row.secret {
        return Err(ApiError::invalid_state("涉密单位的组织关系转接，介绍信线下办理，系统不生成"));
    }
    let lead = row.batch_id.unwrap_or(row.id);
    let letter = repo::letters::of(conn, &[lead])?
        .into_iter()
        .find(|l| l.kind != "incoming" && l.void_reason.is_none())
        .ok_or_else(|| ApiError::invalid_state("尚未开具介绍信或证明"))?;
    let mut list = Vec::new();
    if row.batch_id.is_some() {
        for case in repo::batch(conn, lead)? {
            list.push(crate::members::repo::get(conn, case.person_id)?);
        }
    }
    let person = match list.first() {
        Some(first) => first.clone(),
        None => crate::members::repo::get(conn, row.person_id)?,
    };
    let from_org = match row.from_org_id {
        Some(org) => crate::orgs::repo::get(conn, org)?.name,
        None => String::new(),
    };
    Ok(Printable { letter, person, from_org, list })
}

pub fn pdf(printable: &Printable, verify_url: &str, today: NaiveDate) -> Result<Vec<u8>, ApiError> {
    let data = LetterData {
        letter: &printable.letter,
        person: &printable.person,
        from_org: &printable.from_org,
        list: &printable.list,
        verify_url,
        today,
    };
    if printable.letter.kind == "introduction" {
        letter_pdf::introduction(&data)
    } else {
        letter_pdf::flow_document(&data)
    }
}

/// The public check of a letter by its token: 404 for an unknown token, an incoming letter or
/// a 涉密 case.
pub fn check(conn: &mut DbConnection, token: &str, today: NaiveDate) -> Result<LetterCheck, ApiError> {
    let letter = repo::letters::by_token(conn, token)?
        .filter(|l| l.kind != "incoming")
        .ok_or_else(|| ApiError::not_found("介绍信"))?;
    if repo::get(conn, letter.transfer_id)?.secret {
        return Err(ApiError::not_found("介绍信"));
    }
    let (state, label) = if letter.void_reason.is_some() {
        ("void", "已作废（已重新开具）")
    } else if today > letter.valid_until {
        ("expired", "已过有效期")
    } else {
        ("valid", "在有效期内")
    };
    let kind_label = match letter.kind.as_str() {
        "introduction" => "中国共产党党员组织关系介绍信",
        "certificate" => "党员证明信",
        _ => "流动党员活动证",
    };
    Ok(LetterCheck {
        letter_no: letter.letter_no,
        kind_label: kind_label.into(),
        issuer: letter.issuer,
        issued_on: letter.issued_on,
        valid_until: letter.valid_until,
        state: state.into(),
        state_label: label.into(),
    })
}

/// The check as a small page for a phone's browser (no script).
pub fn check_page(check: Option<&LetterCheck>) -> String {
    let esc = |t: &str| t.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;");
    let body = match check {
        Some(c) => format!(
            "<h1>{kind}</h1><p class=\"state {state}\">{label}</p><dl><dt>编号</dt><dd>{no}</dd><dt>开具单位</dt><dd>{issuer}</dd><dt>开具日期</dt><dd>{issued}</dd><dt>有效期至</dt><dd>{until}</dd></dl>",
            kind = esc(&c.kind_label),
            state = esc(&c.state),
            label = esc(&c.state_label),
            no = esc(&c.letter_no),
            issuer = esc(&c.issuer),
            issued = c.issued_on,
            until = c.valid_until,
        ),
        None => {
            "<h1>未找到该介绍信</h1><p class=\"state void\">无法核验：编号不存在或已按涉密要求线下办理。</p>".into()
        }
    };
    format!(
        "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>介绍信核验</title><style>body{{font-family:sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;color:#222}}h1{{font-size:1.25rem;color:#b71c1c}}.state{{font-weight:bold;padding:.5rem;border-radius:4px}}.valid{{background:#e8f5e9;color:#1b5e20}}.expired,.void{{background:#ffebee;color:#b71c1c}}dt{{color:#666;margin-top:.5rem}}dd{{margin:0}}</style></head><body>{body}<p style=\"color:#888;font-size:.8rem\">智慧党建平台 · 仅显示有效期与开具单位</p></body></html>"
    )
}
