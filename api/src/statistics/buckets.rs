//! The dimensions of the statistics as SQL bucket expressions over `people`, built from the
//! rules (domain.md §6.3) for a given date, with the member-list filter each bucket drills into.
//! Dates are written as ISO literals: SQLite stores dates as ISO text, PostgreSQL casts the
//! literal to the column's date type, so the same text compares correctly on both.

use chrono::NaiveDate;
use shared::rules::statistics::{StatisticsRules, YearBand};
use shared::{Education, Gender, Occupation};

/// One dimension: its SQL expression and its buckets (key, label, member-list query).
pub struct Dimension {
    pub key: &'static str,
    pub title: &'static str,
    pub sql: String,
    pub buckets: Vec<Bucket>,
}

pub struct Bucket {
    pub key: String,
    pub label: String,
    /// Member-list query parameters selecting the bucket (none: it cannot be filtered).
    pub filter: Option<String>,
}

impl Bucket {
    fn new(key: &str, label: &str, filter: Option<String>) -> Bucket {
        Bucket { key: key.into(), label: label.into(), filter }
    }
}

pub const UNKNOWN: &str = "unknown";

fn quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

fn lit(d: NaiveDate) -> String {
    format!("'{d}'")
}

fn coalesce(column: &str) -> String {
    format!("COALESCE({column}, '{UNKNOWN}')")
}

pub fn gender() -> Dimension {
    Dimension {
        key: "gender",
        title: "性别",
        sql: "people.gender".into(),
        buckets: Gender::ALL
            .iter()
            .map(|g| Bucket::new(g.code(), g.label(), Some(format!("gender={}", g.code()))))
            .collect(),
    }
}

pub fn ethnicity(r: &StatisticsRules) -> Dimension {
    Dimension {
        key: "ethnicity",
        title: "民族",
        sql: format!(
            "CASE WHEN people.ethnicity = {} THEN 'majority' ELSE 'minority' END",
            quote(&r.majority_ethnicity)
        ),
        buckets: vec![
            Bucket::new("majority", &r.majority_ethnicity, Some("minority=false".into())),
            Bucket::new("minority", "少数民族", Some("minority=true".into())),
        ],
    }
}

pub fn education() -> Dimension {
    let mut buckets: Vec<Bucket> = Education::ALL
        .iter()
        .map(|e| Bucket::new(e.code(), e.label(), Some(format!("education={}", e.code()))))
        .collect();
    buckets.push(Bucket::new(UNKNOWN, "未填写", None));
    Dimension { key: "education", title: "学历", sql: coalesce("people.education"), buckets }
}

pub fn occupation() -> Dimension {
    let mut buckets: Vec<Bucket> = Occupation::ALL
        .iter()
        .map(|o| Bucket::new(o.code(), o.label(), Some(format!("occupation={}", o.code()))))
        .collect();
    buckets.push(Bucket::new(UNKNOWN, "未填写", None));
    Dimension { key: "occupation", title: "职业", sql: coalesce("people.occupation"), buckets }
}

/// Bands of whole years counted from `column` to `on`, as a CASE over date ranges.
fn banded(
    column: &str,
    bands: &[YearBand],
    on: NaiveDate,
    filter: &dyn Fn(&YearBand) -> String,
) -> (String, Vec<Bucket>) {
    let mut sql = String::from("CASE");
    for band in bands {
        let (earliest, latest) = band.date_range(on);
        sql += &format!(" WHEN {column} <= {}", lit(latest));
        if let Some(e) = earliest {
            sql += &format!(" AND {column} >= {}", lit(e));
        }
        sql += &format!(" THEN {}", quote(&band.key));
    }
    sql += &format!(" ELSE '{UNKNOWN}' END");
    let buckets = bands.iter().map(|b| Bucket::new(&b.key, &b.label, Some(filter(b)))).collect();
    (sql, buckets)
}

pub fn age(r: &StatisticsRules, on: NaiveDate) -> Dimension {
    let filter = |b: &YearBand| match b.max {
        Some(max) => format!("age_min={}&age_max={max}", b.min),
        None => format!("age_min={}", b.min),
    };
    let (sql, buckets) = banded("people.birth_date", &r.age_bands, on, &filter);
    Dimension { key: "age", title: "年龄", sql, buckets }
}

/// 党龄 from the 转正 date; 预备党员 have none yet.
pub fn standing(r: &StatisticsRules, on: NaiveDate) -> Dimension {
    let filter = |b: &YearBand| {
        let (earliest, latest) = b.date_range(on);
        let mut f = format!("status=formal&full_to={latest}");
        if let Some(e) = earliest {
            f += &format!("&full_from={e}");
        }
        f
    };
    let (bands, mut buckets) = banded("people.full_member_date", &r.standing_bands, on, &filter);
    let sql = format!(
        "CASE WHEN people.full_member_date IS NULL OR people.full_member_date > {} THEN 'probationary' ELSE {bands} END",
        lit(on)
    );
    buckets.push(Bucket::new("probationary", "预备党员（未计党龄）", Some("status=probationary".into())));
    Dimension { key: "standing", title: "党龄", sql, buckets }
}

pub fn join_era(r: &StatisticsRules) -> Dimension {
    let mut sql = String::from("CASE");
    let mut buckets = Vec::new();
    for era in &r.join_eras {
        let mut cond = Vec::new();
        let mut filter = Vec::new();
        if let Some(f) = era.from {
            cond.push(format!("people.join_date >= {}", lit(f)));
            filter.push(format!("joined_from={f}"));
        }
        if let Some(u) = era.until {
            cond.push(format!("people.join_date < {}", lit(u)));
            filter.push(format!("joined_to={}", u.pred_opt().expect("valid date")));
        }
        sql += &format!(" WHEN {} THEN {}", cond.join(" AND "), quote(&era.key));
        buckets.push(Bucket::new(&era.key, &era.label, Some(filter.join("&"))));
    }
    sql += &format!(" ELSE '{UNKNOWN}' END");
    Dimension { key: "join_era", title: "入党时间", sql, buckets }
}

/// 正式 or 预备 on `on` (by the 转正 date, so it also holds for a past date).
pub fn category(on: NaiveDate) -> Dimension {
    Dimension {
        key: "category",
        title: "党员类别",
        sql: format!(
            "CASE WHEN people.full_member_date IS NOT NULL AND people.full_member_date <= {} THEN 'formal' ELSE 'probationary' END",
            lit(on)
        ),
        buckets: vec![
            Bucket::new("formal", "正式党员", Some("status=formal".into())),
            Bucket::new("probationary", "预备党员", Some("status=probationary".into())),
        ],
    }
}

/// The eight structure dimensions of the dashboard, in display order.
pub fn structure(r: &StatisticsRules, on: NaiveDate) -> Vec<Dimension> {
    vec![gender(), ethnicity(r), education(), age(r, on), standing(r, on), join_era(r), occupation(), category(on)]
}
