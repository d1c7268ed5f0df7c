//! The outbox's SMS channel: a queued message names a template of `shared::sms` and its
//! variables; this fills in the text (refusing confidential values, so they never leave the
//! network), finds the recipient's phone and the provider's template code, and sends it.
//! Failures go back to the outbox, which retries with backoff and keeps dead letters.

use std::collections::BTreeMap;

use crate::db::DbConnection;
use crate::error::ApiError;
use crate::outbox::Channel;
use crate::outbox::dispatcher::{Delivery, Provider};

use super::{SmsMessage, SmsProvider};

/// Where a recipient's phone comes from (the people table; a test may pin it).
pub type PhoneBook = fn(&mut DbConnection, i64) -> Result<Option<String>, ApiError>;

pub struct SmsChannel {
    pub provider: Box<dyn SmsProvider>,
    /// Our template key → the provider's approved template code.
    pub template_codes: BTreeMap<String, String>,
    pub phone_of: PhoneBook,
}

impl SmsChannel {
    /// The message a delivery asks for, or why it cannot be sent (nothing is sent then).
    pub fn compose(&self, conn: &mut DbConnection, delivery: &Delivery) -> Result<SmsMessage, String> {
        let key = delivery.payload["template"].as_str().ok_or("短信缺少模板")?;
        let template = shared::sms::find(key).ok_or_else(|| format!("没有短信模板 {key}"))?;
        let given: Vec<(String, String)> = delivery.payload["values"]
            .as_object()
            .map(|values| values.iter().map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string())).collect())
            .unwrap_or_default();
        let text = shared::sms::render(key, &given).map_err(|e| e.message())?;
        let person = delivery.recipient_person_id.ok_or("短信缺少接收人")?;
        let phone = (self.phone_of)(conn, person).map_err(|e| e.message)?.ok_or("接收人没有登记手机号")?;
        let template_code = self.template_codes.get(key).ok_or_else(|| format!("短信模板 {key} 未配置平台模板编号"))?;
        // The template's own order: Tencent numbers its variables.
        let params = template
            .variables
            .iter()
            .map(|name| {
                (name.to_string(), given.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone()).unwrap_or_default())
            })
            .collect();
        Ok(SmsMessage { phone, template_code: template_code.clone(), params, text })
    }
}

impl Provider for SmsChannel {
    fn channel(&self) -> Channel {
        Channel::Sms
    }

    fn deliver(&self, conn: &mut DbConnection, delivery: &Delivery) -> Result<Option<String>, String> {
        let message = self.compose(conn, delivery)?;
        self.provider.send(&message).map(Some).map_err(|e| e.describe())
    }
}
