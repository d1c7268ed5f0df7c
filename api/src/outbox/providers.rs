//! The providers of every instance.

use super::Channel;
use super::dispatcher::{Delivery, Provider, Registry};
use crate::db::DbConnection;

/// Writes the notice to `notifications`, in the transaction that records the attempt.
pub struct InAppProvider;

impl Provider for InAppProvider {
    fn channel(&self) -> Channel {
        Channel::InApp
    }

    fn transactional(&self) -> bool {
        true
    }

    fn deliver(&self, conn: &mut DbConnection, delivery: &Delivery) -> Result<Option<String>, String> {
        let user_id = delivery.recipient_user_id.ok_or("站内通知缺少接收用户")?;
        let text = |key: &str| delivery.payload.get(key).and_then(|v| v.as_str());
        let title = text("title").ok_or("站内通知缺少标题")?;
        crate::notify::notify_user(conn, user_id, title, text("body").unwrap_or(""), text("link"))
            .map(|_| None)
            .map_err(|e| e.message)
    }
}

/// The providers every instance runs: in-app, and SMS and e-mail through the provider and mail
/// server the 政工部门 set.
pub fn standard(config: &crate::config::Config) -> Registry {
    Registry::default()
        .with(InAppProvider)
        .with(crate::notify::sms::settings::ConfiguredSms::new(config))
        .with(crate::notify::email::ConfiguredEmail::new(config))
}
