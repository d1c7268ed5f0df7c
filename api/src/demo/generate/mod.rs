//! Deterministic generation of a realistic demo institution (a large research academy): the
//! org tree, its members and the people in the development pipeline. Pure: no I/O, no
//! database, no clock — the same `seed` and `today` always give exactly the same output.

use std::collections::HashSet;

use chrono::{Datelike, Days, Months, NaiveDate};
use shared::validate::id_card_check_char;
use shared::{Education, Gender, MembershipStatus, Occupation, OrgKind, Sector};

#[derive(Debug, Clone)]
pub struct DemoOrg {
    /// Index of the parent in `DemoInstitution::orgs`; parents always come before children.
    /// `None` only for index 0 (the root).
    pub parent: Option<usize>,
    pub name: String,
    pub kind: OrgKind,
    pub sector: Sector,
    pub founded_on: NaiveDate,
    /// `OrgKind::default_term_years()`.
    pub term_years: Option<i32>,
    /// Within the last `term_years` years; `None` for party groups.
    pub term_started_on: Option<NaiveDate>,
}

#[derive(Debug, Clone)]
pub struct DemoPerson {
    /// Index into `orgs` of the org holding the formal relationship: always a Branch or JointBranch.
    pub org: usize,
    /// Index into `orgs` of a PartyGroup under `org`, for some members of large branches.
    pub party_group: Option<usize>,
    pub name: String,
    pub gender: Gender,
    pub ethnicity: String,
    pub birth_date: NaiveDate,
    pub id_card_number: String,
    pub phone: Option<String>,
    pub education: Education,
    pub occupation: Occupation,
    pub work_unit: String,
    pub department: Option<String>,
    pub employee_number: Option<String>,
    pub join_date: Option<NaiveDate>,
    pub full_member_date: Option<NaiveDate>,
    pub membership_status: MembershipStatus,
}

#[derive(Debug, Clone)]
pub struct DemoInstitution {
    pub orgs: Vec<DemoOrg>,
    pub people: Vec<DemoPerson>,
}

mod data;
mod rng;
#[cfg(test)]
mod tests;

use data::*;
use rng::Rng;

/// Chinese numeral for 1..=99: 一, 十二, 二十三.
fn cn(n: usize) -> String {
    const D: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => D[n].to_string(),
        10..=19 => format!("十{}", D[n - 10]),
        _ => format!("{}十{}", D[n / 10], D[n % 10]),
    }
}

fn words(s: &'static str) -> Vec<&'static str> {
    s.split(' ').collect()
}

/// What kind of people a branch holds; drives age, occupation and education.
#[derive(Clone, Copy, PartialEq)]
enum Cat {
    Research,
    Admin,
    Student { grade: i32, phd: bool },
    Retired,
    Logistics,
    Publisher,
    Hospital,
}

struct Branch {
    org: usize,
    cat: Cat,
    unit: &'static str,
    dept: Option<String>,
    size: usize,
}

struct Builder {
    rng: Rng,
    today: NaiveDate,
    latest_grade: i32,
    /// Work unit of the second-level org being built.
    unit: &'static str,
    orgs: Vec<DemoOrg>,
    branches: Vec<Branch>,
    surnames: Vec<char>,
    male: Vec<char>,
    female: Vec<char>,
    ethnic: Vec<&'static str>,
    regions: Vec<&'static str>,
    prefixes: Vec<&'static str>,
    ids: HashSet<String>,
    phones: HashSet<String>,
    employee_seq: u64,
}

/// Deterministic for a given seed and `today`.
pub fn generate(seed: u64, today: NaiveDate) -> DemoInstitution {
    let mut b = Builder {
        rng: Rng(seed),
        today,
        latest_grade: if today.month() >= 9 { today.year() } else { today.year() - 1 },
        unit: "",
        orgs: Vec::new(),
        branches: Vec::new(),
        surnames: SURNAMES.chars().collect(),
        male: MALE.chars().collect(),
        female: FEMALE.chars().collect(),
        ethnic: words(ETHNIC),
        regions: words(REGIONS),
        prefixes: words(PHONE_PREFIXES),
        ids: HashSet::new(),
        phones: HashSet::new(),
        employee_seq: 0,
    };
    b.build_orgs();
    b.size_branches();
    let people = b.people();
    DemoInstitution { orgs: b.orgs, people }
}

impl Builder {
    fn add(&mut self, parent: Option<usize>, name: String, kind: OrgKind, founded: Option<NaiveDate>) -> usize {
        let (sector, parent_founded) = match parent {
            Some(p) => (self.orgs[p].sector, self.orgs[p].founded_on),
            None => (Sector::PublicInstitution, NaiveDate::from_ymd_opt(1950, 1, 1).expect("valid date")),
        };
        let latest = (parent_founded + Days::new(30)).max(self.today - Days::new(400));
        let founded_on = founded.unwrap_or_else(|| self.rng.date(parent_founded + Days::new(30), latest));
        let term_years = kind.default_term_years();
        let term_started_on = term_years.map(|years| {
            let lo = founded_on.max(self.today - Months::new(12 * years as u32) + Days::new(1));
            self.rng.date(lo, self.today)
        });
        self.orgs.push(DemoOrg { parent, name, kind, sector, founded_on, term_years, term_started_on });
        self.orgs.len() - 1
    }

    /// A branch under `parent` in the current unit; "联合党支部" names are joint branches.
    fn branch(&mut self, parent: usize, cat: Cat, name: String, dept: Option<String>) {
        let kind = if name.ends_with("联合党支部") { OrgKind::JointBranch } else { OrgKind::Branch };
        let founded = match cat {
            Cat::Student { grade, .. } => NaiveDate::from_ymd_opt(grade, 10, 1 + self.rng.below(28) as u32)
                .map(|d| d.min(self.today).max(self.orgs[parent].founded_on)),
            _ => None,
        };
        let org = self.add(Some(parent), name, kind, founded);
        self.branches.push(Branch { org, cat, unit: self.unit, dept, size: 0 });
    }

    /// One branch per department: "财务处党支部".
    fn flat(&mut self, parent: usize, depts: &'static str, cat: Cat) {
        for dept in words(depts) {
            self.branch(parent, cat, format!("{dept}党支部"), Some(dept.to_string()));
        }
    }

    /// A second-level org for `unit`; the branches added next belong to that unit.
    fn second_level(&mut self, unit: &'static str, name: &str, kind: OrgKind) -> usize {
        self.unit = unit;
        let root_founded = self.orgs[0].founded_on;
        let founded = self.rng.date(root_founded + Days::new(365), root_founded + Days::new(35 * 365));
        self.add(Some(0), name.to_string(), kind, Some(founded.min(self.today)))
    }

    fn build_orgs(&mut self) {
        let root_founded = self.rng.date(
            NaiveDate::from_ymd_opt(1950, 1, 1).expect("valid"),
            NaiveDate::from_ymd_opt(1952, 12, 31).expect("valid"),
        );
        self.add(None, "华夏科学研究院党委".to_string(), OrgKind::Committee, Some(root_founded));
        // Plan the fixed-size units first; the research institutes take up the rest.
        let grades: Vec<(i32, bool, usize)> = (0..3)
            .map(|k| (k, false, 3))
            .chain((0..4).map(|k| (k, true, 2)))
            .map(|(k, phd, base)| (self.latest_grade - k, phd, base + self.rng.below(3) as usize))
            .collect();
        let retired = 45 + self.rng.below(10) as usize;
        let fixed = [HQ, LIBRARY, PUBLISHER, HOSPITAL, LOGISTICS].iter().map(|s| words(s).len()).sum::<usize>()
            + 1
            + 2
            + grades.iter().map(|g| g.2).sum::<usize>()
            + retired;
        let research = 620 + self.rng.below(21) as usize - fixed;
        let institutes = words(INSTITUTES);
        let weights: Vec<usize> = institutes.iter().map(|_| 60 + self.rng.below(80) as usize).collect();
        let total_weight: usize = weights.iter().sum();
        let mut counts: Vec<usize> = weights.iter().map(|w| research * w / total_weight).collect();
        let short = research - counts.iter().sum::<usize>();
        counts.iter_mut().take(short).for_each(|c| *c += 1);

        let hq = self.second_level("院机关", "机关党委", OrgKind::Committee);
        self.flat(hq, HQ, Cat::Admin);
        for (inst, n) in institutes.into_iter().zip(counts) {
            let org = self.second_level(inst, &format!("{inst}党委"), OrgKind::Committee);
            self.institute(org, n);
        }
        let lib = self.second_level("文献情报中心", "文献情报中心党总支", OrgKind::GeneralBranch);
        self.flat(lib, LIBRARY, Cat::Research);
        let grad = self.second_level("研究生院", "研究生院党委", OrgKind::Committee);
        self.flat(grad, "教务处 学生工作处", Cat::Admin);
        for (grade, phd, n) in grades {
            for k in 1..=n {
                let name = format!("{grade}级{}研究生第{}党支部", if phd { "博士" } else { "硕士" }, cn(k));
                self.branch(grad, Cat::Student { grade, phd }, name, None);
            }
        }
        let publisher = self.second_level("科学出版社", "科学出版社党委", OrgKind::Committee);
        self.orgs[publisher].sector = Sector::Enterprise;
        self.flat(publisher, PUBLISHER, Cat::Publisher);
        let hospital = self.second_level("职工医院", "职工医院党总支", OrgKind::GeneralBranch);
        self.flat(hospital, HOSPITAL, Cat::Hospital);
        self.branch(hospital, Cat::Hospital, "行政后勤联合党支部".into(), Some("行政后勤科".into()));
        let logistics = self.second_level("后勤服务中心", "后勤服务中心党总支", OrgKind::GeneralBranch);
        self.flat(logistics, LOGISTICS, Cat::Logistics);
        let ret = self.second_level("离退休干部工作局", "离退休干部党委", OrgKind::Committee);
        for k in 1..=retired {
            self.branch(ret, Cat::Retired, format!("离退休第{}党支部", cn(k)), None);
        }
    }

    /// A research institute with `n` branches: offices, research divisions, sometimes a joint
    /// branch and sometimes centres organised as general branches (depth 3–4).
    fn institute(&mut self, org: usize, n: usize) {
        let offices = 2 + self.rng.below(3) as usize;
        for dept in words(INSTITUTE_OFFICES).into_iter().take(offices) {
            self.branch(org, Cat::Admin, format!("{dept}党支部"), Some(dept.into()));
        }
        let mut left = n - offices;
        if self.rng.chance(0.3) {
            self.branch(org, Cat::Research, "公共技术服务中心联合党支部".into(), Some("公共技术服务中心".into()));
            left -= 1;
        }
        if self.rng.chance(0.35) {
            let centres = words(CENTRES);
            let first = self.rng.below(centres.len() as u64) as usize;
            let second = (first + 1 + self.rng.below(centres.len() as u64 - 1) as usize) % centres.len();
            for centre in [centres[first], centres[second]] {
                let gb = self.add(Some(org), format!("{centre}党总支"), OrgKind::GeneralBranch, None);
                for k in 1..=3 + self.rng.below(3) as usize {
                    let dept = format!("{centre}第{}研究组", cn(k));
                    self.branch(gb, Cat::Research, format!("第{}研究组党支部", cn(k)), Some(dept));
                    left -= 1;
                }
            }
        }
        for k in 1..=left {
            self.branch(org, Cat::Research, format!("第{}研究室党支部", cn(k)), Some(format!("第{}研究室", cn(k))));
        }
    }

    /// Skewed sizes in 5..=60 (median about 22), nudged to a total of 14,800–15,000 members.
    fn size_branches(&mut self) {
        for b in &mut self.branches {
            let x = (self.rng.unit() + self.rng.unit() + self.rng.unit()) / 3.0;
            b.size = 5 + (55.0 * x.powf(1.7)).round() as usize;
        }
        let target = 14_800 + self.rng.below(201) as usize;
        let mut total: usize = self.branches.iter().map(|b| b.size).sum();
        let n = self.branches.len() as u64;
        while total != target {
            let b = &mut self.branches[self.rng.below(n) as usize];
            if total < target && b.size < 60 {
                b.size += 1;
                total += 1;
            } else if total > target && b.size > 5 {
                b.size -= 1;
                total -= 1;
            }
        }
    }

    fn people(&mut self) -> Vec<DemoPerson> {
        let mut people = Vec::with_capacity(15_400);
        for bi in 0..self.branches.len() {
            let (org, size, cat) = (self.branches[bi].org, self.branches[bi].size, self.branches[bi].cat);
            let groups: Vec<usize> = if size > 30 {
                let n = (2 + (size - 31) / 10 + self.rng.below(2) as usize).min(4);
                (1..=n)
                    .map(|k| {
                        let founded = self.rng.date(self.orgs[org].founded_on, self.today);
                        self.add(Some(org), format!("第{}党小组", cn(k)), OrgKind::PartyGroup, Some(founded))
                    })
                    .collect()
            } else {
                Vec::new()
            };
            let probation = match cat {
                Cat::Retired => 0.0,
                Cat::Student { .. } => 0.12,
                _ => 0.032,
            };
            for i in 0..size {
                let status =
                    if self.rng.chance(probation) { MembershipStatus::Probationary } else { MembershipStatus::Formal };
                let group = (!groups.is_empty()).then(|| groups[i % groups.len()]);
                people.push(self.person(bi, status, group));
            }
        }
        // 群众 in the development pipeline, handled by student and working branches.
        let students: Vec<usize> =
            (0..self.branches.len()).filter(|&i| matches!(self.branches[i].cat, Cat::Student { .. })).collect();
        let working: Vec<usize> = (0..self.branches.len())
            .filter(|&i| !matches!(self.branches[i].cat, Cat::Student { .. } | Cat::Retired))
            .collect();
        for _ in 0..320 + self.rng.below(61) {
            let bi = if self.rng.chance(0.4) { self.rng.pick(&students) } else { self.rng.pick(&working) };
            let status = self.rng.weighted(&[
                (MembershipStatus::Applicant, 50),
                (MembershipStatus::Activist, 30),
                (MembershipStatus::DevelopmentTarget, 20),
            ]);
            people.push(self.person(bi, status, None));
        }
        people
    }

    fn person(&mut self, bi: usize, status: MembershipStatus, party_group: Option<usize>) -> DemoPerson {
        use Occupation as O;
        let (org, cat, unit, department) = {
            let b = &self.branches[bi];
            (b.org, b.cat, b.unit, b.dept.clone())
        };
        let (today, r) = (self.today, &mut self.rng);
        let female = match cat {
            Cat::Research => 0.33,
            Cat::Admin => 0.48,
            Cat::Student { .. } => 0.42,
            Cat::Retired => 0.27,
            Cat::Logistics => 0.30,
            Cat::Publisher => 0.55,
            Cat::Hospital => 0.65,
        };
        let gender = if r.chance(female) { Gender::Female } else { Gender::Male };
        let age: i64 = match cat {
            Cat::Student { grade, phd } => {
                (if phd { 25 } else { 22 } + i64::from(self.latest_grade - grade) + r.range(0, 2)).clamp(21, 30)
            }
            Cat::Retired => 60 + (r.unit().powf(1.3) * 33.0) as i64,
            _ if !status.is_member() => r.range(23, 40),
            _ => 23 + ((r.unit() + r.unit()) / 2.0 * 38.0) as i64,
        };
        let birth_date = today - Months::new(12 * age as u32) - Days::new(r.below(365));
        let occupation = match cat {
            Cat::Research => r.weighted(&[(O::Professional, 88), (O::Manager, 9), (O::Worker, 3)]),
            Cat::Admin => r.weighted(&[(O::Manager, 80), (O::CivilServant, 20)]),
            Cat::Student { .. } => O::Student,
            Cat::Retired => O::Retired,
            Cat::Logistics => r.weighted(&[(O::Worker, 80), (O::Manager, 20)]),
            Cat::Publisher => r.weighted(&[(O::Professional, 60), (O::Manager, 30), (O::Other, 10)]),
            Cat::Hospital => r.weighted(&[(O::Professional, 85), (O::Manager, 10), (O::Worker, 5)]),
        };
        // Weights in the order of `Education::ALL`: 研究生, 本科, 专科, 中专, 高中, 初中及以下.
        let education_weights = match occupation {
            O::Student => [1, 0, 0, 0, 0, 0],
            O::Professional if age > 50 => [45, 45, 10, 0, 0, 0],
            O::Professional => [72, 25, 3, 0, 0, 0],
            O::Manager | O::CivilServant => [40, 48, 12, 0, 0, 0],
            O::Worker => [0, 8, 32, 22, 28, 10],
            O::Retired => [12, 36, 20, 12, 12, 8],
            _ => [0, 50, 30, 0, 20, 0],
        };
        let education = Education::ALL[r.index(&education_weights)];
        let adult = birth_date + Months::new(12 * 18);
        let (join_date, full_member_date) = match status {
            MembershipStatus::Probationary => (Some(r.date((today - Days::new(364)).max(adult), today)), None),
            MembershipStatus::Formal => {
                let cap = match cat {
                    Cat::Retired => 45,
                    Cat::Student { .. } => age,
                    _ => 40,
                }
                .min(age - 1);
                let span = (cap - 17) as u64;
                let join_age = 18 + r.below(span).min(r.below(span));
                let join = (birth_date + Months::new(12 * join_age as u32) + Days::new(r.below(365)))
                    .min(today - Months::new(12))
                    .max(adult);
                let late = r.chance(0.04) && join + Months::new(18) <= today;
                (Some(join), Some(join + Months::new(if late { 18 } else { 12 })))
            }
            _ => (None, None),
        };
        let ethnicity = if r.chance(0.92) { "汉族" } else { r.skewed(&self.ethnic, 1.8) }.to_string();
        let mut name = String::new();
        if r.chance(0.004) {
            name.push_str(r.pick(COMPOUND_SURNAMES));
        } else {
            name.push(r.skewed(&self.surnames, 2.2));
        }
        let given = if gender == Gender::Male { &self.male } else { &self.female };
        for _ in 0..if r.chance(0.3) { 1 } else { 2 } {
            name.push(r.pick(given));
        }
        let id_card_number = loop {
            let mut seq = r.below(1000);
            if (seq % 2 == 1) != (gender == Gender::Male) {
                seq ^= 1;
            }
            let first17 = format!("{}{}{seq:03}", r.pick(&self.regions), birth_date.format("%Y%m%d"));
            let id = format!("{first17}{}", id_card_check_char(&first17).expect("17 digits"));
            if self.ids.insert(id.clone()) {
                break id;
            }
        };
        let phone = r.chance(if age > 80 { 0.75 } else { 0.965 }).then(|| {
            loop {
                let phone = format!("{}{:08}", r.pick(&self.prefixes), r.below(100_000_000));
                if self.phones.insert(phone.clone()) {
                    break phone;
                }
            }
        });
        let employee_number = (!matches!(cat, Cat::Student { .. } | Cat::Retired)).then(|| {
            self.employee_seq += 1 + r.below(3);
            format!("E{:06}", self.employee_seq)
        });
        DemoPerson {
            org,
            party_group,
            name,
            gender,
            ethnicity,
            birth_date,
            id_card_number,
            phone,
            education,
            occupation,
            work_unit: unit.to_string(),
            department,
            employee_number,
            join_date,
            full_member_date,
            membership_status: status,
        }
    }
}
