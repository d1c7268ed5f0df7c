//! The member tables as of the report date: 党员基本情况, 入党时间, 学历, 发展党员情况. Each is
//! laid out from one grouped count (`Cube`) of the history.

use chrono::NaiveDate;
use shared::api::statistics::ReportTable;
use shared::rules::statistics::StatisticsRules;
use shared::{Education, Occupation};

use super::layout::{Cube, Group, Keys, cols, table};
use crate::db::DbConnection;
use crate::error::ApiError;
use crate::statistics::buckets::{self, Dimension, UNKNOWN};
use crate::statistics::repo::as_of;

const DIMS: [&str; 7] = ["occupation", "gender", "ethnicity", "education", "age", "category", "join_era"];

fn dimensions(r: &StatisticsRules, on: NaiveDate) -> Vec<Dimension> {
    vec![
        buckets::occupation(),
        buckets::gender(),
        buckets::ethnicity(r),
        buckets::education(),
        buckets::age(r, on),
        buckets::category(on),
        buckets::join_era(r),
    ]
}

pub fn members_cube(conn: &mut DbConnection, r: &StatisticsRules, path: &str, on: NaiveDate) -> Result<Cube, ApiError> {
    let exprs: Vec<String> = dimensions(r, on).into_iter().map(|d| d.sql).collect();
    Ok(Cube::new(DIMS.to_vec(), as_of::members_cube(conn, path, on, &exprs)?))
}

type Filter = Box<dyn Fn(&Keys) -> bool>;

/// The usual breakdown rows: 合计, 女, 少数民族, and more.
fn row_filters(young_bands: Vec<String>) -> Vec<(&'static str, Filter)> {
    vec![
        ("合计", Box::new(|_: &Keys| true)),
        ("女", Box::new(|k: &Keys| k.is("gender", "female"))),
        ("少数民族", Box::new(|k: &Keys| k.is("ethnicity", "minority"))),
        ("35岁及以下", Box::new(move |k: &Keys| young_bands.iter().any(|b| k.is("age", b)))),
        ("正式党员", Box::new(|k: &Keys| k.is("category", "formal"))),
        ("预备党员", Box::new(|k: &Keys| k.is("category", "probationary"))),
    ]
}

fn young_bands(r: &StatisticsRules) -> Vec<String> {
    r.age_bands.iter().filter(|b| b.max.is_some_and(|m| m <= r.young_max_age)).map(|b| b.key.clone()).collect()
}

fn education_columns(cube: &Cube) -> Vec<(String, String)> {
    let mut c = cols(Education::ALL.iter().map(|e| (e.code(), e.label())));
    if cube.has("education", UNKNOWN) {
        c.push((UNKNOWN.into(), "未填写".into()));
    }
    c
}

const COLLEGE: [&str; 3] = ["postgraduate", "bachelor", "junior_college"];

/// 党员基本情况: 职业 rows × (总数, 女, 少数民族, 预备党员, 学历, 年龄) columns.
pub fn basic(cube: &Cube, r: &StatisticsRules) -> ReportTable {
    let education = education_columns(cube);
    let ages = cols(r.age_bands.iter().map(|b| (&b.key, &b.label)));
    let groups = [
        Group::one("total", "党员总数"),
        Group::of("其中", cols([("female", "女"), ("minority", "少数民族"), ("probationary", "预备党员")])),
        Group::of("学历", education.clone()),
        Group::of("年龄", ages.clone()),
    ];
    let line = |keep: &dyn Fn(&Keys) -> bool| -> Vec<i64> {
        let mut cells = vec![
            cube.sum(keep),
            cube.sum(|k| keep(k) && k.is("gender", "female")),
            cube.sum(|k| keep(k) && k.is("ethnicity", "minority")),
            cube.sum(|k| keep(k) && k.is("category", "probationary")),
        ];
        cells.extend(education.iter().map(|(e, _)| cube.sum(|k| keep(k) && k.is("education", e))));
        cells.extend(ages.iter().map(|(a, _)| cube.sum(|k| keep(k) && k.is("age", a))));
        cells
    };
    let mut rows = vec![("合计".to_string(), line(&|_| true))];
    for o in Occupation::ALL {
        rows.push((o.label().to_string(), line(&|k| k.is("occupation", o.code()))));
    }
    if cube.has("occupation", UNKNOWN) {
        rows.push(("职业未填写".into(), line(&|k| k.is("occupation", UNKNOWN))));
    }
    table("t01", "党员基本情况", "人", &groups, rows)
}

/// 党员入党时间情况: the 公报's eras.
pub fn join_time(cube: &Cube, r: &StatisticsRules) -> ReportTable {
    let eras = cols(r.join_eras.iter().map(|e| (&e.key, &e.label)));
    let groups = [Group::one("total", "合计"), Group::of("入党时间", eras.clone())];
    let rows = row_filters(young_bands(r))
        .into_iter()
        .map(|(label, keep)| {
            let mut cells = vec![cube.sum(&keep)];
            cells.extend(eras.iter().map(|(e, _)| cube.sum(|k| keep(k) && k.is("join_era", e))));
            (label.to_string(), cells)
        })
        .collect();
    table("t02", "党员入党时间情况", "人", &groups, rows)
}

/// 党员学历情况.
pub fn education(cube: &Cube, r: &StatisticsRules) -> ReportTable {
    let education = education_columns(cube);
    let groups =
        [Group::one("total", "合计"), Group::one("college", "大专及以上"), Group::of("学历", education.clone())];
    let rows = row_filters(young_bands(r))
        .into_iter()
        .map(|(label, keep)| {
            let mut cells = vec![cube.sum(&keep), cube.sum(|k| keep(k) && COLLEGE.contains(&k.get("education")))];
            cells.extend(education.iter().map(|(e, _)| cube.sum(|k| keep(k) && k.is("education", e))));
            (label.to_string(), cells)
        })
        .collect();
    table("t03", "党员学历情况", "人", &groups, rows)
}

/// 发展党员情况: people who joined in the period (by the org that admitted them), with the
/// pipeline on the report date.
pub fn development(
    conn: &mut DbConnection,
    r: &StatisticsRules,
    path: &str,
    period: (NaiveDate, NaiveDate),
) -> Result<ReportTable, ApiError> {
    let on = period.1;
    let dims = dimensions(r, on);
    let exprs: Vec<String> = dims.into_iter().map(|d| d.sql).collect();
    let joined = Cube::new(DIMS.to_vec(), as_of::joined_cube(conn, path, period, &exprs)?);
    let pipeline = Cube::new(vec!["status"], as_of::statuses(conn, path, on)?);
    let young = young_bands(r);
    let occupations = cols(Occupation::ALL.iter().map(|o| (o.code(), o.label())));
    let groups = [
        Group::one("total", "发展党员"),
        Group::of(
            "其中",
            cols([("female", "女"), ("minority", "少数民族"), ("young", "35岁及以下"), ("college", "大专及以上")]),
        ),
        Group::of("职业", occupations.clone()),
        Group::of(
            "截止日期队伍情况",
            cols([("applicant", "入党申请人"), ("activist", "入党积极分子"), ("development_target", "发展对象")]),
        ),
    ];
    let mut cells = vec![
        joined.total(),
        joined.sum(|k| k.is("gender", "female")),
        joined.sum(|k| k.is("ethnicity", "minority")),
        joined.sum(|k| young.iter().any(|b| k.is("age", b))),
        joined.sum(|k| COLLEGE.contains(&k.get("education"))),
    ];
    cells.extend(occupations.iter().map(|(o, _)| joined.sum(|k| k.is("occupation", o))));
    cells.extend(["applicant", "activist", "development_target"].iter().map(|s| pipeline.sum(|k| k.is("status", s))));
    Ok(table("t04", "发展党员情况", "人", &groups, vec![("合计".into(), cells)]))
}
