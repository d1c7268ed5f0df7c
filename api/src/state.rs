//! What every request handler and background worker shares: the database, the configuration,
//! the clock and the instance's background side (job workers, outbox dispatcher). It sits
//! below every feature; features take it as `web::Data<AppState>`.

use crate::clock::Clock;
use crate::config::Config;
use crate::db::Db;
use crate::jobs::{Background, Env};

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub config: Config,
    pub clock: Clock,
    pub background: Background,
}

impl AppState {
    /// The production state: the system clock.
    pub fn new(db: Db, config: Config) -> AppState {
        AppState::with_clock(db, config, Clock::system())
    }

    pub fn with_clock(db: Db, config: Config, clock: Clock) -> AppState {
        AppState { db, config, clock, background: Background::new() }
    }

    /// What a background thread gets (it must not keep the state itself alive).
    pub fn env(&self) -> Env {
        self.background.env(&self.db, &self.config, &self.clock)
    }

    /// After a transaction that queued jobs has committed.
    pub fn wake_jobs(&self) {
        self.env().wake_jobs();
    }

    /// Where links for outside readers point (QR codes, SMS links): `public_url`, or the
    /// address this request came in on.
    pub fn public_base(&self, req: &actix_web::HttpRequest) -> String {
        match &self.config.public_url {
            Some(url) => url.trim_end_matches('/').to_string(),
            None => {
                let info = req.connection_info();
                format!("{}://{}", info.scheme(), info.host())
            }
        }
    }

    /// After a transaction that queued outbox messages has committed.
    pub fn wake_outbox(&self) {
        self.env().wake_outbox();
    }
}
