//! Test vectors of the election rules (domain.md §4).

use chrono::NaiveDate;

use super::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn setup(seats: u32, candidates: &[i64], present: u32, issued: u32, returned: u32) -> RoundSetup<'_> {
    RoundSetup { seats, candidates, present, issued, returned }
}

fn counts(votes: &[(i64, u32)], invalid: u32) -> Tally {
    Tally::Counts {
        votes: votes.iter().map(|&(person_id, votes)| CandidateVotes { person_id, votes }).collect(),
        invalid,
    }
}

#[test]
fn quorum_needs_more_than_four_fifths() {
    assert_eq!(quorum_violation(25, 20).unwrap().code, "election.quorum", "exactly 4/5 is refused");
    assert!(quorum_violation(25, 21).is_none(), "just above 4/5");
    assert!(quorum_violation(5, 4).is_some(), "4 of 5 is exactly 4/5");
    assert!(quorum_violation(5, 5).is_none());
    assert!(quorum_violation(7, 6).is_none(), "6/7 > 4/5");
    assert_eq!(quorum_violation(10, 11).unwrap().code, "election.present_over_entitled");
}

#[test]
fn elected_needs_more_than_half_of_those_present() {
    let c = [1, 2, 3, 4, 5, 6];
    let r = count_round(&setup(5, &c, 20, 20, 20), &counts(&[(1, 20), (2, 15), (3, 11), (4, 10), (5, 10), (6, 3)], 0))
        .unwrap();
    assert_eq!(r.elected, vec![1, 2, 3], "10 of 20 present is exactly half: not elected");
    assert_eq!(r.unfilled, 2);
    assert!(r.tied.is_empty());
    let r = count_round(&setup(5, &c, 21, 21, 21), &counts(&[(1, 11), (2, 11), (3, 11), (4, 11), (5, 11), (6, 0)], 0))
        .unwrap();
    assert_eq!(r.elected, vec![1, 2, 3, 4, 5], "11 of 21 is more than half");
}

#[test]
fn more_ballots_returned_than_issued_voids_the_round() {
    let r = count_round(&setup(3, &[1, 2, 3, 4], 10, 10, 11), &counts(&[(1, 9)], 0)).unwrap();
    assert!(r.void);
    assert!(r.elected.is_empty());
    assert_eq!(r.unfilled, 3);
    let r = count_round(&setup(3, &[1, 2, 3, 4], 10, 10, 10), &counts(&[(1, 9)], 0)).unwrap();
    assert!(!r.void, "as many returned as issued is valid");
}

#[test]
fn a_ballot_marking_too_many_names_is_invalid() {
    assert!(!ballot_valid(2, &[1, 2, 3], &[1, 2, 3]));
    assert!(ballot_valid(2, &[1, 2, 3], &[1, 3]));
    assert!(ballot_valid(2, &[1, 2, 3], &[]), "a blank ballot is valid (all abstentions)");
    assert!(!ballot_valid(2, &[1, 2, 3], &[1, 1]), "the same name twice");
    assert!(!ballot_valid(2, &[1, 2, 3], &[9]), "not a candidate");
    let ballots = vec![vec![1, 2], vec![1, 2, 3], vec![1], vec![2, 3], vec![1, 3]];
    let r = count_round(&setup(2, &[1, 2, 3], 5, 5, 5), &Tally::Ballots { ballots }).unwrap();
    assert_eq!((r.valid_ballots, r.invalid_ballots), (4, 1));
    assert_eq!(r.votes[0], CandidateVotes { person_id: 1, votes: 3 });
    assert_eq!(r.elected, vec![1], "2 has 2 of 5 present: not over half");
}

#[test]
fn a_tie_across_the_last_seat_goes_to_a_further_round() {
    let c = [1, 2, 3, 4];
    let r = count_round(&setup(3, &c, 11, 11, 11), &counts(&[(1, 9), (2, 8), (3, 7), (4, 7)], 0)).unwrap();
    assert_eq!(r.elected, vec![1, 2]);
    assert_eq!(r.tied, vec![3, 4]);
    assert_eq!(r.unfilled, 1);
    let r = count_round(&setup(3, &c, 11, 11, 11), &counts(&[(1, 9), (2, 9), (3, 9), (4, 6)], 0)).unwrap();
    assert_eq!(r.elected, vec![1, 2, 3], "ties above the last seat do not matter");
    assert!(r.tied.is_empty());
}

#[test]
fn impossible_counts_are_refused() {
    let c = [1, 2, 3];
    assert_eq!(
        count_round(&setup(2, &c, 10, 11, 10), &counts(&[], 0)).unwrap_err().code,
        "election.issued_over_present"
    );
    assert_eq!(
        count_round(&setup(2, &c, 10, 10, 10), &counts(&[(1, 10), (2, 10), (3, 1)], 0)).unwrap_err().code,
        "election.votes_over_marks"
    );
    assert_eq!(
        count_round(&setup(2, &c, 10, 10, 10), &counts(&[(1, 10)], 1)).unwrap_err().code,
        "election.votes_over_valid"
    );
    assert_eq!(
        count_round(&setup(2, &c, 10, 10, 10), &counts(&[(7, 1)], 0)).unwrap_err().code,
        "election.not_candidate"
    );
    let ballots = vec![vec![1]];
    assert_eq!(
        count_round(&setup(2, &c, 10, 10, 2), &Tally::Ballots { ballots }).unwrap_err().code,
        "election.ballots_mismatch"
    );
}

#[test]
fn candidates_exceed_seats_by_twenty_percent() {
    let rules = ElectionRules::default();
    assert!(rules.margin_violation(false, 5, 6).is_none(), "1 of 5 is 20%");
    assert!(rules.margin_violation(false, 5, 5).is_some(), "等额 refused at a 换届");
    assert!(rules.margin_violation(false, 7, 8).is_some(), "1 of 7 is below 20%");
    assert!(rules.margin_violation(false, 7, 9).is_none());
    assert!(rules.margin_violation(false, 3, 4).is_none());
    assert!(rules.margin_violation(true, 1, 1).is_none(), "a by-election may be 等额");
    assert!(rules.margin_violation(true, 2, 1).is_some());
    assert_eq!(
        (rules.min_candidates(false, 5), rules.min_candidates(false, 7), rules.min_candidates(true, 1)),
        (6, 9, 1)
    );
}

#[test]
fn committee_size_follows_the_number_of_full_members() {
    let rules = ElectionRules::default();
    assert!(rules.seats_violation(7, 3).is_none());
    assert!(rules.seats_violation(7, 7).is_none());
    assert!(rules.seats_violation(7, 8).is_some());
    assert!(rules.seats_violation(7, 2).is_some());
    assert!(rules.seats_violation(6, 1).is_none(), "fewer than 7: a secretary");
    assert!(rules.seats_violation(6, 2).is_none(), "and a deputy");
    assert_eq!(rules.seats_violation(6, 3).unwrap().code, "election.seats");
    assert!(rules.found_violation(2).is_some());
    assert!(rules.found_violation(3).is_none());
}

#[test]
fn a_secretary_needs_one_year_as_a_full_member() {
    let rules = ElectionRules::default();
    assert!(rules.secretary_violation("甲", Some(d("2025-12-01")), d("2026-12-01")).is_none(), "exactly one year");
    assert!(rules.secretary_violation("甲", Some(d("2025-12-02")), d("2026-12-01")).is_some());
    assert!(rules.secretary_violation("甲", None, d("2026-12-01")).is_some(), "a 预备党员");
}

#[test]
fn elections_may_move_at_most_a_year_from_the_term_end() {
    let rules = ElectionRules::default();
    let end = d("2027-03-31");
    assert_eq!(rules.schedule(end, d("2027-03-01")), Schedule::OnTime);
    assert_eq!(rules.schedule(end, d("2027-03-31")), Schedule::OnTime);
    assert_eq!(rules.schedule(end, d("2026-10-01")), Schedule::Early);
    assert_eq!(rules.schedule(end, d("2027-04-01")), Schedule::Delayed);
    assert_eq!(rules.schedule(end, d("2028-03-31")), Schedule::Delayed, "exactly a year late");
    assert_eq!(rules.schedule(end, d("2028-04-01")), Schedule::TooFar);
    assert_eq!(rules.schedule(end, d("2026-03-30")), Schedule::TooFar);
    assert!(rules.schedule_violation(end, d("2028-04-01")).is_some());
    assert!(rules.late_request_warning(end, d("2027-03-01")).is_none(), "exactly a month ahead");
    assert!(rules.late_request_warning(end, d("2027-03-02")).is_some());
}

#[test]
fn names_sort_by_surname_strokes() {
    assert_eq!((stroke_count('王'), stroke_count('李'), stroke_count('黄'), stroke_count('丁')), (4, 7, 11, 2));
    let mut names = vec!["黄小明", "王芳", "丁一", "李四", "王五"];
    sort_by_strokes(&mut names, |n| n);
    assert_eq!(names, vec!["丁一", "王五", "王芳", "李四", "黄小明"], "五 (4) before 芳 (7)");
}

#[test]
fn a_probationary_member_cannot_be_nominated() {
    assert_eq!(nominee_violation("赵丽", true).unwrap().code, "election.probationary");
    assert!(nominee_violation("李娜", false).is_none());
}
