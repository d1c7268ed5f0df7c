//! The org tree of the demo institution: second-level 党委, institutes, branches and their sizes.

use super::*;

impl Builder {
    pub(super) fn add(
        &mut self,
        parent: Option<usize>,
        name: String,
        kind: OrgKind,
        founded: Option<NaiveDate>,
    ) -> usize {
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
    pub(super) fn branch(&mut self, parent: usize, cat: Cat, name: String, dept: Option<String>) {
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
    pub(super) fn flat(&mut self, parent: usize, depts: &'static str, cat: Cat) {
        for dept in words(depts) {
            self.branch(parent, cat, format!("{dept}党支部"), Some(dept.to_string()));
        }
    }

    /// A second-level org for `unit`; the branches added next belong to that unit.
    pub(super) fn second_level(&mut self, unit: &'static str, name: &str, kind: OrgKind) -> usize {
        self.unit = unit;
        let root_founded = self.orgs[0].founded_on;
        let founded = self.rng.date(root_founded + Days::new(365), root_founded + Days::new(35 * 365));
        self.add(Some(0), name.to_string(), kind, Some(founded.min(self.today)))
    }

    pub(super) fn build_orgs(&mut self) {
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
    pub(super) fn institute(&mut self, org: usize, n: usize) {
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
    pub(super) fn size_branches(&mut self) {
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
}
