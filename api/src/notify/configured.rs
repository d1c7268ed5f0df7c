//! A value built from one stored setting (the SMS channel, the SMTP transport), built again only
//! when the setting's text changes, so a change made in the web UI applies to the next message.

use std::sync::{Arc, Mutex};

use crate::db::DbConnection;

pub struct Configured<T> {
    key: &'static str,
    current: Mutex<Option<(String, Arc<T>)>>,
}

impl<T> Configured<T> {
    pub fn new(key: &'static str) -> Configured<T> {
        Configured { key, current: Mutex::new(None) }
    }

    /// The value for the stored setting; `None` when nothing is stored or `build` finds the
    /// service switched off.
    pub fn get(
        &self,
        conn: &mut DbConnection,
        build: impl FnOnce(&str) -> Result<Option<T>, String>,
    ) -> Result<Option<Arc<T>>, String> {
        let Some(raw) = crate::db::settings::get(conn, self.key).map_err(|e| e.message)? else { return Ok(None) };
        let mut current = self.current.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((seen, value)) = current.as_ref()
            && *seen == raw
        {
            return Ok(Some(value.clone()));
        }
        let Some(value) = build(&raw)? else { return Ok(None) };
        let value = Arc::new(value);
        *current = Some((raw, value.clone()));
        Ok(Some(value))
    }
}
