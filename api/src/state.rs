//! What every request handler and background worker shares: the database, the configuration
//! and the clock. It sits below every feature; features take it as `web::Data<AppState>`.

use crate::clock::Clock;
use crate::config::Config;
use crate::db::Db;

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub config: Config,
    pub clock: Clock,
}

impl AppState {
    /// The production state: the system clock.
    pub fn new(db: Db, config: Config) -> AppState {
        AppState { db, config, clock: Clock::system() }
    }
}
