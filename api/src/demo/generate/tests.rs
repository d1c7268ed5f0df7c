use super::*;
use shared::validate::{IdCardNumber, MobilePhone};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
}

#[test]
fn deterministic_for_a_seed() {
    let (a, b) = (generate(2026, today()), generate(2026, today()));
    assert_eq!((a.orgs.len(), a.people.len()), (b.orgs.len(), b.people.len()));
    assert!(
        a.orgs
            .iter()
            .zip(&b.orgs)
            .all(|(x, y)| x.name == y.name && x.parent == y.parent && x.founded_on == y.founded_on)
    );
    assert!(a.people.iter().zip(&b.people).all(|(x, y)| x.name == y.name
        && x.id_card_number == y.id_card_number
        && x.phone == y.phone
        && x.org == y.org
        && x.join_date == y.join_date));
    let c = generate(7, today());
    assert_ne!(a.people[0].id_card_number, c.people[0].id_card_number);
}

#[test]
fn counts_and_structure() {
    let inst = generate(2026, today());
    let orgs = &inst.orgs;
    assert_eq!((orgs[0].parent, orgs[0].kind), (None, OrgKind::Committee));
    let second = orgs.iter().filter(|o| o.parent == Some(0)).count();
    assert!((18..=22).contains(&second), "{second} second-level orgs");
    for (i, o) in orgs.iter().enumerate().skip(1) {
        let p = o.parent.expect("only the root has no parent");
        assert!(p < i && orgs[p].kind.may_contain(o.kind), "{} under {}", o.name, orgs[p].name);
        assert!(o.founded_on >= orgs[p].founded_on && o.founded_on <= today());
        assert_eq!(o.term_years, o.kind.default_term_years());
        if let (Some(y), Some(s)) = (o.term_years, o.term_started_on) {
            // A few terms are overdue by up to five months (换届 late).
            assert!(s <= today() && s > today() - Months::new(12 * y as u32 + 6) && s >= o.founded_on);
        }
    }
    let ended = |o: &&DemoOrg| {
        o.term_started_on.zip(o.term_years).is_some_and(|(s, y)| s + Months::new(12 * y as u32) <= today())
    };
    let overdue = orgs.iter().filter(ended).count();
    assert!((10..=20).contains(&overdue), "{overdue} overdue terms");
    let is_branch = |k: OrgKind| matches!(k, OrgKind::Branch | OrgKind::JointBranch);
    let branches = orgs.iter().filter(|o| is_branch(o.kind)).count();
    assert!((620..=640).contains(&branches), "{branches} branches");
    let members = inst.people.iter().filter(|p| p.membership_status.is_member()).count();
    assert!((14_700..=15_100).contains(&members), "{members} members");
    let probationary = inst.people.iter().filter(|p| p.membership_status == MembershipStatus::Probationary).count();
    let share = probationary as f64 / members as f64;
    assert!((0.025..=0.045).contains(&share), "{probationary} probationary");
    let pipeline = inst.people.len() - members;
    assert!((300..=400).contains(&pipeline), "{pipeline} in the pipeline");
    let mut sizes = vec![0usize; orgs.len()];
    for p in &inst.people {
        assert!(is_branch(orgs[p.org].kind), "{} is not a branch", orgs[p.org].name);
        if let Some(g) = p.party_group {
            assert_eq!((orgs[g].kind, orgs[g].parent), (OrgKind::PartyGroup, Some(p.org)));
        }
        if p.membership_status.is_member() {
            sizes[p.org] += 1;
        }
    }
    assert!((0..orgs.len()).filter(|&i| is_branch(orgs[i].kind)).all(|i| (5..=60).contains(&sizes[i])));
    let female = inst.people.iter().filter(|p| p.gender == Gender::Female).count() as f64 / inst.people.len() as f64;
    assert!((0.3..=0.4).contains(&female), "female share {female}");
}

#[test]
fn identity_fields_valid_and_unique() {
    let inst = generate(2026, today());
    let (mut ids, mut phones, mut employees) = (HashSet::new(), HashSet::new(), HashSet::new());
    for p in &inst.people {
        let id = IdCardNumber::parse(&p.id_card_number, today()).expect("valid id number");
        assert_eq!((id.birth_date(), id.gender()), (p.birth_date, p.gender));
        assert!(ids.insert(p.id_card_number.clone()));
        if let Some(phone) = &p.phone {
            assert_eq!(MobilePhone::parse(phone).expect("valid phone").as_str(), phone);
            assert!(phones.insert(phone.clone()));
        }
        match &p.employee_number {
            Some(e) => assert!(employees.insert(e.clone())),
            None => assert!(matches!(p.occupation, Occupation::Student | Occupation::Retired)),
        }
        assert!(!p.name.is_empty() && !p.ethnicity.is_empty());
    }
    assert!(phones.len() as f64 > 0.9 * inst.people.len() as f64);
}

#[test]
fn ages_and_dates_plausible() {
    let inst = generate(2026, today());
    for p in &inst.people {
        let age = today().years_since(p.birth_date).unwrap();
        let ages = match p.occupation {
            Occupation::Retired => 60..=92,
            Occupation::Student => 21..=30,
            _ => 23..=60,
        };
        assert!(ages.contains(&age), "{} aged {age}", p.name);
        let adult = p.birth_date + Months::new(12 * 18);
        match p.membership_status {
            MembershipStatus::Formal => {
                let (join, full) = (p.join_date.unwrap(), p.full_member_date.unwrap());
                assert!(join >= adult && full <= today());
                assert!(full == join + Months::new(12) || full == join + Months::new(18));
            }
            MembershipStatus::Probationary => {
                let join = p.join_date.unwrap();
                assert!(join >= adult && join <= today() && join > today() - Months::new(12));
                assert!(p.full_member_date.is_none());
            }
            _ => assert!(p.join_date.is_none() && p.full_member_date.is_none() && p.party_group.is_none()),
        }
    }
}
