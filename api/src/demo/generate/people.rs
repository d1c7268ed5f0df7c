//! The people of the demo institution: members, probationary members, applicants and masses
//! with plausible ages, ID numbers, phones and histories.

use super::*;

impl Builder {
    pub(super) fn people(&mut self) -> Vec<DemoPerson> {
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

    pub(super) fn person(&mut self, bi: usize, status: MembershipStatus, party_group: Option<usize>) -> DemoPerson {
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
