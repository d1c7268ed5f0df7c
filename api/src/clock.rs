//! The clock. Business time — "today in China", the current month, deadlines, QR windows —
//! comes from the `Clock` in `AppState`, so a test can pin it (`Clock::fixed`) or move it
//! forward (`advance`) to cross a six-month waiting period. Record-keeping timestamps
//! (`created_at`, audit `at`, session expiry) are the real time of the write: `wall_now`.

use std::sync::{Arc, Mutex};

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, Utc};

#[derive(Clone, Default)]
pub struct Clock {
    /// `None`: the system clock. `Some`: a pinned instant, shared by every clone.
    pinned: Option<Arc<Mutex<DateTime<Utc>>>>,
}

impl Clock {
    pub fn system() -> Clock {
        Clock { pinned: None }
    }

    /// A clock that stays at `at` until moved with `set` or `advance`.
    pub fn fixed(at: DateTime<Utc>) -> Clock {
        Clock { pinned: Some(Arc::new(Mutex::new(at))) }
    }

    /// A clock pinned at 09:00 China time on `date`.
    pub fn fixed_on(date: NaiveDate) -> Clock {
        let nine_in_china =
            date.and_hms_opt(9, 0, 0).unwrap_or_default() - Duration::hours(shared::time::CHINA_OFFSET_HOURS);
        Clock::fixed(nine_in_china.and_utc())
    }

    pub fn utc(&self) -> DateTime<Utc> {
        match &self.pinned {
            None => Utc::now(),
            Some(at) => *at.lock().unwrap_or_else(|p| p.into_inner()),
        }
    }

    /// Now, as the naive UTC timestamp the database stores.
    pub fn now(&self) -> NaiveDateTime {
        self.utc().naive_utc()
    }

    /// Today's business date in China.
    pub fn today(&self) -> NaiveDate {
        shared::time::china_date(self.utc())
    }

    /// The hour (0–23) in China.
    pub fn china_hour(&self) -> u32 {
        shared::time::china_hour(self.utc())
    }

    /// Moves a pinned clock; a system clock ignores it.
    pub fn set(&self, at: DateTime<Utc>) {
        if let Some(pinned) = &self.pinned {
            *pinned.lock().unwrap_or_else(|p| p.into_inner()) = at;
        }
    }

    pub fn advance(&self, by: Duration) {
        self.set(self.utc() + by);
    }
}

impl std::fmt::Debug for Clock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.pinned {
            None => write!(f, "Clock(system)"),
            Some(_) => write!(f, "Clock(fixed at {})", self.utc()),
        }
    }
}

/// The real time of a write, as naive UTC (row timestamps, audit, sessions).
pub fn wall_now() -> NaiveDateTime {
    Utc::now().naive_utc()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fixed_clock_is_shared_by_its_clones_and_moves_only_when_told() {
        let clock = Clock::fixed_on(NaiveDate::from_ymd_opt(2026, 3, 1).unwrap());
        let copy = clock.clone();
        assert_eq!(copy.today(), NaiveDate::from_ymd_opt(2026, 3, 1).unwrap());
        assert_eq!(copy.china_hour(), 9);
        clock.advance(Duration::days(184));
        assert_eq!(copy.today(), NaiveDate::from_ymd_opt(2026, 9, 1).unwrap());
    }
}
