//! The dashboard and the statistics set, figure by figure and cell by cell, against the test's
//! own counts (`statistics_oracle`), including a report as of the day before a member moved.

use chrono::NaiveDate;
use e2e::fixture::{FIXTURE_PASSWORD, Fixture, spawn_with_fixture_at};
use e2e::{Api, TestApp, expect};
use serde_json::{Value, json};
use shared::validate::id_card_check_char;

use super::statistics_oracle::{self as oracle, Person, d};

fn today() -> NaiveDate {
    d(2026, 6, 30)
}

fn id_card(birth: NaiveDate, seq: u32, male: bool) -> String {
    let first17 = format!("110105{}{:03}", birth.format("%Y%m%d"), seq * 2 + u32::from(male));
    format!("{first17}{}", id_card_check_char(&first17).unwrap())
}

/// Four members unlike the fixture's (who are all 汉族, 本科, 专业技术人员, born 1980): in a2
/// and b1.
pub fn grow(admin: &Api, f: &Fixture) -> Vec<i64> {
    let people = [
        (
            f.a2,
            "马丽",
            false,
            "回族",
            Some("postgraduate"),
            "worker",
            d(1960, 3, 15),
            Some((d(1978, 6, 1), Some(d(1979, 6, 1)))),
        ),
        (
            f.a2,
            "阿里木",
            true,
            "维吾尔族",
            Some("junior_college"),
            "manager",
            d(1994, 7, 1),
            Some((d(2026, 3, 1), None)),
        ),
        (f.b1, "林芳", false, "汉族", None, "retired", d(1950, 1, 1), Some((d(1975, 1, 1), Some(d(1976, 1, 1))))),
        (
            f.b1,
            "黄磊",
            true,
            "汉族",
            Some("high_school"),
            "student",
            d(2003, 5, 5),
            Some((d(2022, 1, 10), Some(d(2023, 1, 10)))),
        ),
    ];
    people
        .iter()
        .enumerate()
        .map(|(i, (org, name, male, ethnicity, education, occupation, birth, joined))| {
            let (join, full) = joined.unwrap();
            let body = json!({
                "org_id": org, "name": name, "id_card_number": id_card(*birth, 40 + i as u32, *male),
                "ethnicity": ethnicity, "education": education, "occupation": occupation,
                "membership_status": if full.is_some() { "formal" } else { "probationary" },
                "join_date": join, "full_member_date": full,
            });
            expect(admin.post("/api/v1/members", &body), 201)["id"].as_i64().unwrap()
        })
        .collect()
}

fn panel<'a>(dashboard: &'a Value, key: &str) -> &'a Value {
    dashboard["panels"].as_array().unwrap().iter().find(|p| p["key"] == key).unwrap_or_else(|| panic!("panel {key}"))
}

fn drill_total(api: &Api, drill: &str) -> i64 {
    let query = drill.strip_prefix("/members?").unwrap_or_else(|| panic!("member drill {drill}"));
    api.get_json(&format!("/api/v1/members?{query}&limit=1"), 200)["total"].as_i64().unwrap()
}

const STRUCTURE: [&str; 8] =
    ["gender", "ethnicity", "education", "age", "standing", "join_era", "occupation", "category"];

#[test]
fn every_dashboard_figure_matches_the_members_behind_it() {
    let (app, f) = spawn_with_fixture_at(today());
    let admin = app.login("admin", FIXTURE_PASSWORD);
    grow(&admin, &f);
    let people = oracle::people(&admin, f.root);
    let members: Vec<&Person> = people.iter().filter(|p| p.member_on(today())).collect();
    let board = admin.get_json("/api/v1/dashboard", 200);
    assert_eq!(board["members"], members.len() as i64);
    for key in STRUCTURE {
        let figures = panel(&board, key)["figures"].as_array().unwrap();
        let mut seen = 0;
        for fig in figures {
            let bucket = fig["key"].as_str().unwrap();
            let expected = members.iter().filter(|p| p.bucket(key, today()) == bucket).count() as i64;
            assert_eq!(fig["value"], expected, "{key}/{bucket}");
            seen += expected;
            if let Some(drill) = fig["drill"].as_str() {
                assert_eq!(drill_total(&admin, drill), expected, "{key}/{bucket} drills into {drill}");
            }
        }
        assert_eq!(seen, members.len() as i64, "{key} covers every member once");
    }
    let pipeline = panel(&board, "pipeline")["figures"].as_array().unwrap().clone();
    for fig in &pipeline {
        let status = fig["key"].as_str().unwrap();
        let expected = people.iter().filter(|p| p.status == status && p.left_on.is_none()).count() as i64;
        assert_eq!(fig["value"], expected, "pipeline {status}");
        assert_eq!(drill_total(&admin, fig["drill"].as_str().unwrap()), expected);
    }
    // A branch secretary sees the branch; nobody sees outside their reach or without the grant.
    let b1 = app.login("zhibu_b1", FIXTURE_PASSWORD).get_json("/api/v1/dashboard", 200);
    assert_eq!(b1["org_id"], f.b1);
    assert_eq!(b1["members"], members.iter().filter(|p| p.org == f.b1).count() as i64);
    expect(app.login("zhibu_b1", FIXTURE_PASSWORD).get(&format!("/api/v1/dashboard?org_id={}", f.a)), 403);
    expect(app.login("dangyuan_a1", FIXTURE_PASSWORD).get("/api/v1/dashboard"), 403);
    expect(app.login("dangyuan_a1", FIXTURE_PASSWORD).get("/api/v1/reports/statistics"), 403);
}

fn report(api: &Api, org: i64, on: NaiveDate) -> Value {
    api.get_json(&format!("/api/v1/reports/statistics?org_id={org}&as_of={on}"), 200)
}

fn table<'a>(report: &'a Value, code: &str) -> &'a Value {
    report["tables"].as_array().unwrap().iter().find(|t| t["code"] == code).unwrap()
}

/// Row `label` of the table as (column key → value).
fn row(t: &Value, label: &str) -> Vec<(String, i64)> {
    let keys = t["columns"].as_array().unwrap().iter().map(|k| k.as_str().unwrap().to_string());
    let row =
        t["rows"].as_array().unwrap().iter().find(|r| r["label"] == label).unwrap_or_else(|| panic!("row {label}"));
    keys.zip(row["cells"].as_array().unwrap().iter().map(|c| c.as_i64().unwrap())).collect()
}

/// Every cell of 党员基本情况, 入党时间 and 学历 against the members of the scope on `on`.
fn check_member_tables(report: &Value, members: &[&Person], on: NaiveDate) {
    let t01 = table(report, "t01");
    for r in t01["rows"].as_array().unwrap() {
        let label = r["label"].as_str().unwrap();
        let scope: Vec<&Person> = match label {
            "合计" => members.to_vec(),
            l => {
                let code = shared::Occupation::ALL.iter().find(|o| o.label() == l).map_or("unknown", |o| o.code());
                members.iter().filter(|p| p.occupation == code).copied().collect()
            }
        };
        for (key, value) in row(t01, label) {
            assert_eq!(value, oracle::cell("t01", &key, &scope, on), "t01 {label}/{key} on {on}");
        }
    }
    for code in ["t02", "t03"] {
        let t = table(report, code);
        for r in t["rows"].as_array().unwrap() {
            let label = r["label"].as_str().unwrap();
            let scope: Vec<&Person> = members.iter().filter(|p| p.in_row(label, on)).copied().collect();
            for (key, value) in row(t, label) {
                assert_eq!(value, oracle::cell(code, &key, &scope, on), "{code} {label}/{key} on {on}");
            }
        }
    }
}

pub fn under(app_orgs: &[(i64, i64)], org: i64, top: i64) -> bool {
    let mut cur = Some(org);
    while let Some(c) = cur {
        if c == top {
            return true;
        }
        cur = app_orgs.iter().find(|(id, _)| *id == c).map(|(_, parent)| *parent);
    }
    false
}

fn tree(f: &Fixture) -> Vec<(i64, i64)> {
    vec![(f.a, f.root), (f.b, f.root), (f.a1, f.a), (f.a2, f.a), (f.a1_group, f.a1), (f.b1, f.b)]
}

fn move_and_leave(app: &TestApp, admin: &Api, f: &Fixture) {
    let moved = f.a1_people[2];
    let v = admin.get_json(&format!("/api/v1/members/{moved}"), 200)["version"].clone();
    let body = json!({"version": v, "org_id": f.b1, "reason": "工作调动"});
    expect(admin.post(&format!("/api/v1/members/{moved}/move"), &body), 200);
    let left = f.a2_people[1];
    let v = admin.get_json(&format!("/api/v1/members/{left}"), 200)["version"].clone();
    let body = json!({"version": v, "kind": "deceased", "date": app.today(), "reason": "病故"});
    expect(admin.post(&format!("/api/v1/members/{left}/leave"), &body), 200);
}

#[test]
fn report_cells_match_as_of_a_date_before_a_member_moved() {
    let (app, f) = spawn_with_fixture_at(today());
    let admin = app.login("admin", FIXTURE_PASSWORD);
    grow(&admin, &f);
    move_and_leave(&app, &admin, &f);
    let people = oracle::people(&admin, f.root);
    let orgs = tree(&f);
    let yesterday = d(2026, 6, 29);
    // Where each person's relationship was held on a day: the mover was in a1 until today.
    let org_on = |p: &Person, on: NaiveDate| if p.id == f.a1_people[2] && on < today() { f.a1 } else { p.org };
    for (scope, on) in [(f.root, today()), (f.a, yesterday), (f.a, today()), (f.b, yesterday), (f.b, today())] {
        let members: Vec<&Person> =
            people.iter().filter(|p| p.member_on(on) && under(&orgs, org_on(p, on), scope)).collect();
        let r = report(&admin, scope, on);
        assert_eq!(r["as_of"], on.to_string());
        check_member_tables(&r, &members, on);
    }
    let (a_before, a_after) = (report(&admin, f.a, yesterday), report(&admin, f.a, today()));
    assert_eq!(row(table(&a_before, "t01"), "合计")[0].1 - row(table(&a_after, "t01"), "合计")[0].1, 2);
    // 出党 and 死亡 count where the relationship was; moves count out of a and into b.
    let exits = |r: &Value| row(table(r, "t06"), "合计").into_iter().map(|(_, v)| v).collect::<Vec<_>>();
    assert_eq!(exits(&a_after), [0, 0, 0, 0, 1, 0]);
    assert_eq!(exits(&a_before), [0; 6]);
    let moves = |org: i64| {
        row(table(&report(&admin, org, today()), "t10"), "合计").into_iter().map(|(_, v)| v).collect::<Vec<_>>()
    };
    assert_eq!(moves(f.a), [0, 0, 0, 1, 0, 1, 0]);
    assert_eq!(moves(f.b), [1, 0, 1, 0, 0, 0, 0]);
    assert_eq!(moves(f.root), [0, 0, 0, 0, 0, 0, 1]);
    // 发展党员 this year: those whose 入党 fell in 1 January–today, with the pipeline.
    let root = report(&admin, f.root, today());
    let joined: Vec<&Person> =
        people.iter().filter(|p| p.join.is_some_and(|j| j >= d(2026, 1, 1) && j <= today())).collect();
    let t04 = row(table(&root, "t04"), "合计");
    let get = |key: &str| t04.iter().find(|(k, _)| k == key).unwrap().1;
    assert_eq!(get("total"), joined.len() as i64);
    assert_eq!(get("female"), joined.iter().filter(|p| p.female).count() as i64);
    assert_eq!(get("minority"), joined.iter().filter(|p| p.minority).count() as i64);
    assert_eq!(get("young"), joined.iter().filter(|p| oracle::years(p.birth, today()) <= 35).count() as i64);
    assert_eq!(get("manager"), joined.iter().filter(|p| p.occupation == "manager").count() as i64);
    assert_eq!(get("applicant"), people.iter().filter(|p| p.status == "applicant").count() as i64);
    // 党组织设置: 3 党委, 3 支部, 1 党小组 under the root; nothing else happened this year.
    let t08 = table(&root, "t08");
    let kinds: Vec<i64> =
        ["合计", "党委", "党总支", "党支部", "联合党支部", "党小组"].iter().map(|k| row(t08, k)[0].1).collect();
    assert_eq!(kinds, [7, 3, 0, 3, 0, 1]);
    for code in ["t05", "t07"] {
        let t = table(&root, code);
        assert!(
            t["rows"].as_array().unwrap().iter().all(|r| r["cells"].as_array().unwrap().iter().all(|c| c == 0)),
            "{code}"
        );
    }
}
