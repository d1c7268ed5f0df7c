//! Test vectors of the development rules.

use super::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[test]
fn age_boundary() {
    let rules = DevelopmentRules::default();
    assert!(rules.check_age(d(2008, 11, 26), d(2026, 11, 26)).is_ok(), "the 18th birthday itself");
    let v = rules.check_age(d(2008, 11, 27), d(2026, 11, 26)).unwrap_err();
    assert_eq!(v.earliest, Some(d(2026, 11, 27)));
    assert_eq!(rules.check_age(d(2008, 2, 29), d(2026, 2, 28)).unwrap_err().earliest, Some(d(2026, 3, 1)));
    assert!(rules.check_age(d(2008, 2, 29), d(2026, 3, 1)).is_ok());
}

#[test]
fn talk_within_a_month_clamped_to_month_end() {
    let rules = DevelopmentRules::default();
    assert_eq!(rules.talk_deadline(d(2026, 1, 31)), d(2026, 2, 28));
    assert_eq!(rules.check_talk(d(2026, 1, 31), d(2026, 2, 28)).unwrap(), None);
    assert!(rules.check_talk(d(2026, 1, 31), d(2026, 3, 1)).unwrap().is_some(), "late: a warning");
    assert!(rules.check_talk(d(2026, 1, 31), d(2026, 1, 30)).is_err());
}

#[test]
fn one_year_as_activist_with_the_days_left() {
    let rules = DevelopmentRules::default();
    let reviews = [d(2026, 9, 5), d(2027, 3, 1)];
    let v = rules.check_candidate(d(2026, 3, 5), &reviews, d(2027, 1, 21)).unwrap_err();
    assert_eq!(v.code, "dev.activist_one_year");
    assert_eq!(v.message, "培养期未满一年，还差 43 天，最早可于 2027-03-05 确定为发展对象");
    assert_eq!(v.earliest, Some(d(2027, 3, 5)));
    assert!(rules.check_candidate(d(2026, 3, 5), &reviews, d(2027, 3, 5)).is_ok(), "exactly one year");
    assert_eq!(rules.check_candidate(d(2026, 3, 5), &[], d(2027, 3, 5)).unwrap_err().code, "dev.half_year_review");
}

#[test]
fn introducers_training_and_leaving() {
    let rules = DevelopmentRules::default();
    use MembershipStatus::*;
    assert!(rules.check_introducers(&[Formal, Formal]).is_ok());
    assert!(rules.check_introducers(&[Formal, Probationary]).is_err());
    assert!(rules.check_introducers(&[Formal]).is_err());
    assert!(rules.check_training(3, 0).is_ok());
    assert!(rules.check_training(2, 24).is_ok());
    assert!(rules.check_training(2, 23).is_err());
    assert!(rules.check_not_leaving(Some(d(2027, 2, 26)), d(2026, 11, 26)).is_err(), "exactly three months");
    assert!(rules.check_not_leaving(Some(d(2027, 2, 27)), d(2026, 11, 26)).is_ok());
    assert!(rules.check_not_leaving(None, d(2026, 11, 26)).is_ok());
}

#[test]
fn publicity_counts_working_days_across_the_national_holiday() {
    let rules = DevelopmentRules::default();
    let cal = WorkCalendar::shipped();
    let v = rules.check_publicity(&cal, Some(d(2026, 9, 29)), d(2026, 10, 10)).unwrap_err();
    assert_eq!(v.earliest, Some(d(2026, 10, 11)));
    assert!(rules.check_publicity(&cal, Some(d(2026, 9, 29)), d(2026, 10, 11)).is_ok());
    assert!(rules.check_publicity(&cal, None, d(2026, 10, 11)).is_err());
    let without = DevelopmentRules { publicity_workdays: None, ..DevelopmentRules::default() };
    assert!(without.check_publicity(&cal, None, d(2026, 10, 11)).is_ok(), "deployments without 公示");
}

#[test]
fn meeting_quorum_and_pass() {
    let rules = DevelopmentRules::default();
    // 20 with voting rights: 10 present is not more than half.
    assert_eq!(rules.vote(20, 10, 10, 0), VoteOutcome { quorum: false, passed: false });
    assert_eq!(
        rules.vote(20, 11, 10, 0),
        VoteOutcome { quorum: true, passed: false },
        "10 yes of 20 is not more than half"
    );
    assert_eq!(rules.vote(20, 11, 10, 1), VoteOutcome { quorum: true, passed: true }, "a written yes counts");
    assert_eq!(rules.vote(3, 2, 2, 0), VoteOutcome { quorum: true, passed: true });
}

#[test]
fn a_failed_vote_waits_six_months() {
    let rules = DevelopmentRules::default();
    assert_eq!(rules.resubmission_date(d(2026, 8, 31)), Some(d(2027, 2, 28)));
    let v = rules.check_resubmission(d(2026, 8, 31), d(2027, 2, 27)).unwrap_err();
    assert_eq!((v.code.as_str(), v.earliest), ("dev.failed_vote_wait", Some(d(2027, 2, 28))));
    assert!(rules.check_resubmission(d(2026, 8, 31), d(2027, 2, 28)).is_ok());
    let off = DevelopmentRules { failed_vote_wait_months: None, ..DevelopmentRules::default() };
    assert_eq!(off.resubmission_date(d(2026, 8, 31)), None);
}

#[test]
fn approval_probation_and_extension() {
    let rules = DevelopmentRules::default();
    assert_eq!(rules.approval_deadline(d(2026, 8, 31)), d(2026, 11, 30));
    assert!(rules.check_approval(d(2026, 1, 15), d(2026, 7, 15)).is_ok(), "six months is the limit");
    assert!(rules.check_approval(d(2026, 1, 15), d(2026, 7, 16)).is_err());
    assert_eq!(rules.probation_end(d(2025, 6, 30), 0), d(2026, 6, 30));
    let v = rules.check_probation_over(d(2025, 6, 30), 0, d(2026, 6, 29)).unwrap_err();
    assert_eq!(v.earliest, Some(d(2026, 6, 30)));
    assert!(rules.check_probation_over(d(2025, 6, 30), 0, d(2026, 6, 30)).is_ok());
    assert!(rules.check_probation_over(d(2025, 6, 30), 6, d(2026, 6, 30)).is_err(), "extended");
    assert!(rules.check_extension(6, false).is_ok());
    assert!(rules.check_extension(12, false).is_ok());
    assert!(rules.check_extension(5, false).is_err());
    assert!(rules.check_extension(13, false).is_err());
    assert!(rules.check_extension(6, true).is_err());
}
