//! The test's own count of the statistics: people read one by one through the member API and
//! bucketed here with the 公报's boundaries written out, never through the server's queries.

use chrono::{Datelike, NaiveDate};
use e2e::Api;
use serde_json::Value;

pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[derive(Debug, Clone)]
pub struct Person {
    pub id: i64,
    pub org: i64,
    pub female: bool,
    pub minority: bool,
    pub education: String,
    pub occupation: String,
    pub birth: NaiveDate,
    pub join: Option<NaiveDate>,
    pub full: Option<NaiveDate>,
    pub status: String,
    pub left_on: Option<NaiveDate>,
}

fn date(v: &Value) -> Option<NaiveDate> {
    v.as_str().map(|s| s.parse().unwrap())
}

/// Everyone on record under `org` (left people included), each read with `GET /members/{id}`.
pub fn people(api: &Api, org: i64) -> Vec<Person> {
    let list = api.get_json(&format!("/api/v1/members?org_id={org}&include_left=true&limit=200"), 200);
    list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| {
            let p = api.get_json(&format!("/api/v1/members/{}", row["id"]), 200);
            Person {
                id: p["id"].as_i64().unwrap(),
                org: p["org_id"].as_i64().unwrap(),
                female: p["gender"] == "female",
                minority: p["ethnicity"] != "汉族",
                education: p["education"].as_str().unwrap_or("unknown").into(),
                occupation: p["occupation"].as_str().unwrap_or("unknown").into(),
                birth: date(&p["birth_date"]).unwrap(),
                join: date(&p["join_date"]),
                full: date(&p["full_member_date"]),
                status: p["membership_status"].as_str().unwrap().into(),
                left_on: date(&p["left"]["date"]),
            }
        })
        .collect()
}

pub fn years(from: NaiveDate, on: NaiveDate) -> i32 {
    on.year() - from.year() - i32::from((on.month(), on.day()) < (from.month(), from.day()))
}

impl Person {
    /// A member (正式 or 预备) on `on`.
    pub fn member_on(&self, on: NaiveDate) -> bool {
        self.join.is_some_and(|j| j <= on)
            && matches!(self.status.as_str(), "formal" | "probationary")
            && self.left_on.is_none_or(|l| l > on)
    }

    pub fn formal_on(&self, on: NaiveDate) -> bool {
        self.full.is_some_and(|f| f <= on)
    }

    pub fn age_band(&self, on: NaiveDate) -> &'static str {
        match years(self.birth, on) {
            ..=30 => "0_30",
            31..=35 => "31_35",
            36..=40 => "36_40",
            41..=45 => "41_45",
            46..=50 => "46_50",
            51..=55 => "51_55",
            56..=60 => "56_60",
            _ => "61_",
        }
    }

    pub fn standing_band(&self, on: NaiveDate) -> &'static str {
        let Some(full) = self.full.filter(|f| *f <= on) else { return "probationary" };
        match years(full, on) {
            ..=4 => "0_4",
            5..=9 => "5_9",
            10..=19 => "10_19",
            20..=29 => "20_29",
            30..=49 => "30_49",
            _ => "50_",
        }
    }

    pub fn era(&self) -> &'static str {
        match self.join.unwrap() {
            j if j < d(1949, 10, 1) => "before_1949",
            j if j < d(1978, 12, 18) => "1949_1978",
            j if j < d(2012, 11, 8) => "1978_2012",
            _ => "since_2012",
        }
    }

    /// The value of the dashboard dimension `panel` on `on`.
    pub fn bucket(&self, panel: &str, on: NaiveDate) -> String {
        match panel {
            "gender" => if self.female { "female" } else { "male" }.into(),
            "ethnicity" => if self.minority { "minority" } else { "majority" }.into(),
            "education" => self.education.clone(),
            "occupation" => self.occupation.clone(),
            "age" => self.age_band(on).into(),
            "standing" => self.standing_band(on).into(),
            "join_era" => self.era().into(),
            "category" => if self.formal_on(on) { "formal" } else { "probationary" }.into(),
            other => panic!("no dimension {other}"),
        }
    }

    /// Whether the person falls in row `label` of the 入党时间 and 学历 tables.
    pub fn in_row(&self, label: &str, on: NaiveDate) -> bool {
        match label {
            "合计" => true,
            "女" => self.female,
            "少数民族" => self.minority,
            "35岁及以下" => years(self.birth, on) <= 35,
            "正式党员" => self.formal_on(on),
            "预备党员" => !self.formal_on(on),
            other => panic!("no row {other}"),
        }
    }
}

const EDUCATION: [&str; 7] = [
    "postgraduate",
    "bachelor",
    "junior_college",
    "secondary_vocational",
    "high_school",
    "middle_school_or_below",
    "unknown",
];

/// The value of column `key` of table `code` (t01–t03) for `people`, the scope's members.
pub fn cell(code: &str, key: &str, people: &[&Person], on: NaiveDate) -> i64 {
    let count = |f: &dyn Fn(&Person) -> bool| people.iter().filter(|p| f(p)).count() as i64;
    match (code, key) {
        (_, "total") => people.len() as i64,
        ("t01", "female") => count(&|p| p.female),
        ("t01", "minority") => count(&|p| p.minority),
        ("t01", "probationary") => count(&|p| !p.formal_on(on)),
        ("t03", "college") => count(&|p| EDUCATION[..3].contains(&p.education.as_str())),
        ("t01" | "t03", e) if EDUCATION.contains(&e) => count(&|p| p.education == e),
        ("t01", age) => count(&|p| p.age_band(on) == age),
        ("t02", era) => count(&|p| p.era() == era),
        other => panic!("no column {other:?}"),
    }
}
