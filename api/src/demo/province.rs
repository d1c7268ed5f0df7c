//! `dangjian demo --scale province`: about 1,000,000 members in about 50,000 orgs (院党委 → 40
//! 党委 → 25 党委 each → 48 支部 each), generated deterministically and written in batches, so
//! the statistics can be measured at the scale of a province. Only people, orgs, terms and
//! their history are generated (no meetings, dues or cases); one login, `admin` (政工部门).

use std::time::Instant;

use chrono::{Datelike, Days, NaiveDate};

use super::repo::province::{self as repo, OrgRow, PersonRow};
use crate::db::Db;

pub const COMMITTEES: usize = 40;
pub const SUB_COMMITTEES: usize = 25;
pub const BRANCHES: usize = 48;
const MEMBERS_PER_BRANCH: u64 = 21;

/// A small deterministic generator (splitmix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn weighted<T: Copy>(&mut self, items: &[(T, u64)]) -> T {
        let total: u64 = items.iter().map(|(_, w)| w).sum();
        let mut r = self.below(total);
        for (item, w) in items {
            if r < *w {
                return *item;
            }
            r -= w;
        }
        items[0].0
    }
}

const SURNAMES: &[&str] =
    &["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭"];
const GIVEN: &[&str] =
    &["伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超", "霞", "平", "刚"];
const MINORITIES: &[&str] = &["回族", "满族", "蒙古族", "壮族", "维吾尔族", "藏族", "苗族", "土家族"];

fn org_rows(today: NaiveDate) -> Vec<OrgRow> {
    let mut rows = vec![OrgRow::new(1, None, "/1/".into(), "省委直属机关工委".into(), "committee", None)];
    let mut next = 2;
    for c in 0..COMMITTEES {
        let (cid, cpath) = (next, format!("/1/{next}/"));
        rows.push(OrgRow::new(cid, Some(1), cpath.clone(), format!("第{}党委", c + 1), "committee", None));
        next += 1;
        for s in 0..SUB_COMMITTEES {
            let (sid, spath) = (next, format!("{cpath}{next}/"));
            rows.push(OrgRow::new(
                sid,
                Some(cid),
                spath.clone(),
                format!("第{}党委第{}基层党委", c + 1, s + 1),
                "committee",
                None,
            ));
            next += 1;
            for b in 0..BRANCHES {
                // Terms started over the last four years: some expire soon, a few are overdue.
                let started = today - Days::new(((next * 7919) % 1460) as u64);
                let name = format!("第{}-{}-{}党支部", c + 1, s + 1, b + 1);
                rows.push(OrgRow::new(next, Some(sid), format!("{spath}{next}/"), name, "branch", Some(started)));
                next += 1;
            }
        }
    }
    rows
}

fn person(index: u64, org_id: i64, rng: &mut Rng, today: NaiveDate) -> PersonRow {
    // Region and sequence number are unique per index (up to 10,000,000 people), whatever the
    // birth date; the sequence number's parity is the gender, as on a real 身份证.
    let seq = index % 1000;
    let male = seq % 2 == 1;
    let region = 110_000 + (index / 1000) % 10_000;
    let age = 22 + rng.below(64) as i64;
    let birth =
        NaiveDate::from_ymd_opt(today.year() - age as i32, 1, 1).expect("valid date") + Days::new(rng.below(365));
    let first17 = format!("{region:06}{}{seq:03}", birth.format("%Y%m%d"));
    let id_card = format!("{first17}{}", shared::validate::id_card_check_char(&first17).unwrap_or('0'));
    let status = rng.weighted(&[
        ("formal", 960),
        ("probationary", 25),
        ("applicant", 8),
        ("activist", 5),
        ("development_target", 2),
    ]);
    let join_age = 18 + rng.below((age as u64 - 18).clamp(1, 40));
    let join = (birth + Days::new(join_age * 365 + rng.below(300))).min(today - Days::new(400));
    let (join, full) = match status {
        "formal" => (Some(join), Some(join + Days::new(365))),
        "probationary" => (Some(today - Days::new(30 + rng.below(330))), None),
        _ => (None, None),
    };
    let education = rng.weighted(&[
        ("postgraduate", 25),
        ("bachelor", 40),
        ("junior_college", 15),
        ("secondary_vocational", 7),
        ("high_school", 8),
        ("middle_school_or_below", 5),
    ]);
    let occupation = if age >= 62 {
        "retired"
    } else {
        rng.weighted(&[
            ("worker", 12),
            ("farmer", 8),
            ("professional", 35),
            ("manager", 20),
            ("civil_servant", 15),
            ("student", 5),
            ("other", 5),
        ])
    };
    let name = format!(
        "{}{}{}",
        SURNAMES[rng.below(SURNAMES.len() as u64) as usize],
        GIVEN[rng.below(GIVEN.len() as u64) as usize],
        GIVEN[rng.below(GIVEN.len() as u64) as usize]
    );
    let ethnicity = if rng.below(100) < 8 { MINORITIES[rng.below(MINORITIES.len() as u64) as usize] } else { "汉族" };
    PersonRow {
        id: index as i64 + 1,
        name,
        gender: if male { "male" } else { "female" },
        ethnicity,
        birth_date: birth,
        id_card_number: id_card,
        education,
        occupation,
        employee_number: format!("P{:07}", index + 1),
        membership_status: status,
        join_date: join,
        full_member_date: full,
        org_id,
    }
}

pub fn load(db: &Db, today: NaiveDate, password_hash: &str) -> Result<(usize, u64, f64), String> {
    let started = Instant::now();
    if !super::database_is_empty(db).map_err(|e| e.message)? {
        return Err("数据库中已有数据，拒绝加载省级规模演示数据（请使用空数据库）".into());
    }
    let orgs = org_rows(today);
    for chunk in orgs.chunks(2_000) {
        db.write_blocking(|conn| repo::insert_orgs(conn, chunk)).map_err(|e| e.message)?;
    }
    let branches: Vec<i64> = orgs.iter().filter(|o| o.kind == "branch").map(|o| o.id).collect();
    let mut rng = Rng(20_261_128);
    let mut index = 0u64;
    for (n, batch) in branches.chunks(200).enumerate() {
        let mut people = Vec::with_capacity(batch.len() * MEMBERS_PER_BRANCH as usize);
        for org in batch {
            for _ in 0..MEMBERS_PER_BRANCH {
                people.push(person(index, *org, &mut rng, today));
                index += 1;
            }
        }
        db.write_blocking(|conn| repo::insert_people(conn, &people)).map_err(|e| e.message)?;
        if n % 20 == 0 {
            println!("  {index} 人 …（{:.0} s）", started.elapsed().as_secs_f64());
        }
    }
    db.write_blocking(|conn| {
        repo::after_load(conn)?;
        crate::statistics::repo::history::open_missing(conn)?;
        repo::admin(conn, password_hash)
    })
    .map_err(|e| e.message)?;
    db.analyze().map_err(|e| e.message)?;
    Ok((orgs.len(), index, started.elapsed().as_secs_f64()))
}
