//! The member list's filters as kept in the address (a reload, a shared link or a number of the
//! dashboard opens the same list), and the line that says which are on, each removable.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use shared::api::PageQuery;
use shared::api::members::MemberListQuery;
use shared::{Education, Gender, MembershipStatus, Occupation, OrgId};
use yew::prelude::*;

use crate::i18n::Texts;
use crate::router::{Link, query_string};
use crate::routes::Route;

/// The filters, kept in the URL so a reload or a shared link shows the same list.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListQuery {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub org_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub q: Option<String>,
    /// Comma-separated status codes (`formal,probationary`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub education: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub occupation: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age_min: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age_max: Option<String>,
    /// `true`: 少数民族 only; `false`: 汉族 only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minority: Option<String>,
    /// 入党日期 from / to, 转正日期 from / to (`YYYY-MM-DD`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub joined_from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub joined_to: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub full_from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub full_to: Option<String>,
}

fn text(v: &Option<String>) -> Option<String> {
    v.as_deref().map(str::trim).filter(|t| !t.is_empty()).map(str::to_string)
}

fn date(v: &Option<String>) -> Option<NaiveDate> {
    text(v).and_then(|t| t.parse().ok())
}

impl ListQuery {
    /// The typed query of the API; blank or unreadable values are no filter.
    pub fn to_api(&self, cursor: Option<String>) -> MemberListQuery {
        MemberListQuery {
            org_id: text(&self.org_id).and_then(|t| t.parse().ok()).map(OrgId),
            status: text(&self.status),
            gender: text(&self.gender).and_then(|c| Gender::from_code(&c)),
            education: text(&self.education).and_then(|c| Education::from_code(&c)),
            occupation: text(&self.occupation).and_then(|c| Occupation::from_code(&c)),
            age_min: text(&self.age_min).and_then(|t| t.parse().ok()),
            age_max: text(&self.age_max).and_then(|t| t.parse().ok()),
            minority: text(&self.minority).and_then(|t| t.parse().ok()),
            joined_from: date(&self.joined_from),
            joined_to: date(&self.joined_to),
            full_from: date(&self.full_from),
            full_to: date(&self.full_to),
            q: text(&self.q),
            include_left: None,
            page: PageQuery::after(30, cursor),
        }
    }
}

/// A range of two dates as words: `2012-11-08 起`, `至 2017-11-07`, `2012-11-08 至 2017-11-07`.
fn range(texts: &Texts, from: Option<NaiveDate>, to: Option<NaiveDate>) -> Option<String> {
    let (since, until) = if texts.lang_code == "zh" { ("起", "至") } else { ("from", "to") };
    match (from, to) {
        (Some(f), Some(t)) => Some(format!("{f} {until} {t}")),
        (Some(f), None) if texts.lang_code == "zh" => Some(format!("{f} {since}")),
        (Some(f), None) => Some(format!("{since} {f}")),
        (None, Some(t)) => Some(format!("{until} {t}")),
        (None, None) => None,
    }
}

/// Each filter that is on, with the list's address without it.
fn active(texts: &Texts, q: &ListQuery) -> Vec<(String, ListQuery)> {
    let zh = texts.lang_code == "zh";
    let mut on = Vec::new();
    let mut add = |label: Option<String>, clear: fn(&mut ListQuery)| {
        if let Some(label) = label {
            let mut without = q.clone();
            clear(&mut without);
            on.push((label, without));
        }
    };
    add(text(&q.q).map(|t| format!("“{t}”")), |q| q.q = None);
    let statuses = text(&q.status).map(|codes| {
        codes
            .split(',')
            .map(|c| MembershipStatus::from_code(c.trim()).map_or(c, |s| s.label()))
            .collect::<Vec<_>>()
            .join("、")
    });
    add(statuses, |q| q.status = None);
    add(text(&q.gender).and_then(|c| Gender::from_code(&c)).map(|g| g.label().to_string()), |q| q.gender = None);
    add(text(&q.education).and_then(|c| Education::from_code(&c)).map(|e| e.label().to_string()), |q| {
        q.education = None
    });
    add(text(&q.occupation).and_then(|c| Occupation::from_code(&c)).map(|o| o.label().to_string()), |q| {
        q.occupation = None
    });
    let ages = match (text(&q.age_min), text(&q.age_max)) {
        (None, None) => None,
        (min, max) => {
            Some(format!("{} {}–{}{}", texts.age, min.unwrap_or_default(), max.unwrap_or_default(), texts.age_unit))
        }
    };
    add(ages, |q| (q.age_min, q.age_max) = (None, None));
    let minority = match text(&q.minority).as_deref() {
        Some("true") => Some(if zh { "少数民族" } else { "Ethnic minorities" }.to_string()),
        Some("false") => Some(if zh { "汉族" } else { "Han" }.to_string()),
        _ => None,
    };
    add(minority, |q| q.minority = None);
    let joined = range(texts, date(&q.joined_from), date(&q.joined_to)).map(|r| format!("{} {r}", texts.join_date));
    add(joined, |q| (q.joined_from, q.joined_to) = (None, None));
    let full = range(texts, date(&q.full_from), date(&q.full_to)).map(|r| format!("{} {r}", texts.full_member_date));
    add(full, |q| (q.full_from, q.full_to) = (None, None));
    on
}

/// `筛选：少数民族 × · 入党日期 2012-11-08 起 ×`, each × opening the list without that filter.
pub fn active_line(texts: &Texts, q: &ListQuery) -> Html {
    let on = active(texts, q);
    if on.is_empty() {
        return Html::default();
    }
    html! {
        <p class="toolbar" id="active-filters">
            <span class="muted">{ texts.filters }{ if texts.lang_code == "zh" { "：" } else { ": " } }</span>
            { for on.into_iter().map(|(label, without)| html! {
                <Link to={Route::Members} query={Some(query_string(&without))} classes="chip active-filter">
                    { label }<span aria-hidden="true">{ " ×" }</span>
                </Link>
            }) }
        </p>
    }
}
