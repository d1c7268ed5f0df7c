//! The login limit, decided atomically: one write transaction locks the account's and the
//! address's keys, counts recent failures and reserves this attempt as a failure row before
//! the (slow) password check. A burst of parallel guesses therefore sees its own reservations:
//! only as many are evaluated as the limit allows. A successful login removes its reservation.
//!
//! Three limits, so that nobody can lock an account out for good:
//! - per account *and* address: `login_max_failures_per_account` per window (the usual lock);
//! - per address: `login_max_failures_per_ip` per window (one host guessing many accounts);
//! - per account from all addresses: past `login_account_backoff_after` failures in the window,
//!   each further attempt must wait `2^(n - threshold)` seconds after the last failure, capped at
//!   `login_backoff_cap_seconds` — the owner, from an address that has not failed, gets in after
//!   at most the cap. A 政工部门 user can also clear an account's failures (`unlock`).

use chrono::{Duration, NaiveDateTime};

use super::repo;
use crate::config::Config;
use crate::db::{self, DbConnection};
use crate::error::ApiError;

#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub window: Duration,
    pub per_account_ip: i64,
    pub per_ip: i64,
    pub account_backoff_after: i64,
    pub backoff_cap: Duration,
}

impl Limits {
    pub fn of(config: &Config) -> Limits {
        Limits {
            window: Duration::seconds(config.login_window_seconds),
            per_account_ip: config.login_max_failures_per_account,
            per_ip: config.login_max_failures_per_ip,
            account_backoff_after: config.login_account_backoff_after,
            backoff_cap: Duration::seconds(config.login_backoff_cap_seconds),
        }
    }
}

/// Recent failures as counted by `repo::failure_counts`.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Failures {
    pub account_ip: i64,
    pub oldest_account_ip: Option<NaiveDateTime>,
    pub ip: i64,
    pub account: i64,
    pub latest_account: Option<NaiveDateTime>,
}

/// `Ok(())` to go ahead, or the number of seconds to wait.
pub fn decide(f: &Failures, limits: &Limits, now: NaiveDateTime) -> Result<(), i64> {
    let window = limits.window;
    if f.account_ip >= limits.per_account_ip {
        let until = f.oldest_account_ip.map_or(now + window, |t| t + window);
        return Err((until - now).num_seconds().max(1));
    }
    if f.ip >= limits.per_ip {
        return Err(window.num_seconds().max(1));
    }
    if f.account >= limits.account_backoff_after {
        let excess = (f.account - limits.account_backoff_after).min(30) as u32;
        let wait = Duration::seconds(1i64 << excess).min(limits.backoff_cap);
        let until = f.latest_account.map_or(now, |t| t + wait);
        if until > now {
            return Err((until - now).num_seconds().max(1));
        }
    }
    Ok(())
}

/// The key failures are counted under: the account when the login names one (so its username
/// and its phone number share one budget), else the typed login.
pub fn account_key(user_id: Option<i64>, login: &str) -> String {
    match user_id {
        Some(id) => format!("user:{id}"),
        None => format!("login:{}", login.to_lowercase()),
    }
}

/// Inside the caller's write transaction: lock, count, and reserve an attempt. Returns the
/// reservation's id, or the seconds to wait.
pub fn reserve(
    conn: &mut DbConnection,
    key: &str,
    ip: &str,
    since_success: Option<NaiveDateTime>,
    limits: &Limits,
    now: NaiveDateTime,
) -> Result<Result<i64, i64>, ApiError> {
    db::lock_key(conn, key)?;
    db::lock_key(conn, &format!("ip:{ip}"))?;
    let window_start = now - limits.window;
    let since_for_account = since_success.map_or(window_start, |t| t.max(window_start));
    let failures = repo::failure_counts(conn, key, ip, since_for_account, window_start)?;
    match decide(&failures, limits, now) {
        Err(wait) => Ok(Err(wait)),
        Ok(()) => Ok(Ok(repo::insert_failure(conn, key, ip, now)?)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits() -> Limits {
        Limits {
            window: Duration::minutes(15),
            per_account_ip: 5,
            per_ip: 50,
            account_backoff_after: 20,
            backoff_cap: Duration::minutes(5),
        }
    }

    fn at(minute: i64) -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap().and_hms_opt(9, 0, 0).unwrap() + Duration::minutes(minute)
    }

    #[test]
    fn five_failures_from_one_address_lock_that_address_until_the_window_passes() {
        let f = Failures { account_ip: 5, oldest_account_ip: Some(at(0)), ip: 5, account: 5, ..Failures::default() };
        assert_eq!(decide(&f, &limits(), at(10)), Err(5 * 60));
        let f = Failures { account_ip: 4, ..f };
        assert_eq!(decide(&f, &limits(), at(10)), Ok(()));
    }

    #[test]
    fn many_addresses_slow_the_account_down_but_never_past_the_cap() {
        let l = limits();
        let f = |n: i64| Failures { account: n, latest_account: Some(at(0)), ..Failures::default() };
        assert_eq!(decide(&f(19), &l, at(0)), Ok(()));
        assert_eq!(decide(&f(20), &l, at(0)), Err(1));
        assert_eq!(decide(&f(23), &l, at(0)), Err(8));
        assert_eq!(decide(&f(1_000), &l, at(0)), Err(300), "capped");
        assert_eq!(decide(&f(1_000), &l, at(5)), Ok(()), "the owner gets in once the cap has passed");
    }

    #[test]
    fn username_and_phone_share_the_account_budget() {
        assert_eq!(account_key(Some(7), "13800000000"), account_key(Some(7), "dangyuan"));
        assert_eq!(account_key(None, "Nobody"), "login:nobody");
    }
}
