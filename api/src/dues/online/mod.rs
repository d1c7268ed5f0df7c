//! Online payment: a provider behind `PaymentProvider` (WeChat Pay API v3 now), and what a
//! verified "paid" means for the ledger. A payment counts only after the provider's signed
//! notification (or a signed query answer) says so, once, however often it is repeated.

pub mod keys;
pub mod wechat;

use chrono::{NaiveDate, NaiveDateTime};

use super::paying::{self, Paid, Plan};
use super::repo::orders;
use crate::config::Config;
use crate::db::DbConnection;
use crate::error::ApiError;

/// What the provider says about an order.
#[derive(Debug, Clone, PartialEq)]
pub struct Transaction {
    pub out_trade_no: String,
    pub transaction_id: String,
    /// Paid (WeChat `trade_state` SUCCESS).
    pub success: bool,
    pub total_fen: i64,
}

/// An order to open with the provider.
pub struct OrderRequest<'a> {
    pub out_trade_no: &'a str,
    pub description: &'a str,
    pub total_fen: i64,
    pub client_ip: &'a str,
}

pub trait PaymentProvider: Send + Sync {
    fn name(&self) -> &'static str;
    /// Opens the order; returns the page the phone opens to pay.
    fn create_order(&self, order: &OrderRequest) -> Result<String, String>;
    /// Checks an asynchronous notification (signature, freshness, decryption).
    fn verify_notification(&self, headers: &dyn Fn(&str) -> Option<String>, body: &[u8])
    -> Result<Transaction, String>;
    /// Asks the provider about an order (the answer is verified too); `None` if it does not know it.
    fn query(&self, out_trade_no: &str) -> Result<Option<Transaction>, String>;
}

/// The configured provider, if online payment is set up (`[wechat_pay]`).
pub fn configured(config: &Config) -> Result<Option<Box<dyn PaymentProvider>>, ApiError> {
    match &config.wechat_pay {
        None => Ok(None),
        Some(settings) => {
            wechat::WechatPay::load(settings).map(|p| Some(Box::new(p) as Box<dyn PaymentProvider>)).map_err(|e| {
                tracing::error!(error = %e, "wechat pay settings cannot be loaded");
                ApiError::new(shared::error::ErrorCode::ServiceUnavailable, "在线支付配置有误，请联系管理员")
            })
        }
    }
}

/// What a verified transaction did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applied {
    Paid(i64),
    AlreadyPaid,
    NotPaid,
}

/// Applies a verified transaction to its order: a success pays the order's still-open months
/// once; a repeat, or a state other than success, changes nothing. An amount that differs from
/// the order is refused.
pub fn apply(
    conn: &mut DbConnection,
    config: &Config,
    provider: &str,
    txn: &Transaction,
    today: NaiveDate,
    now: NaiveDateTime,
) -> Result<Applied, ApiError> {
    let Some(order) = orders::by_trade_no(conn, &txn.out_trade_no)? else {
        orders::log_notification(conn, provider, Some(&txn.out_trade_no), true, "unknown_order", now)?;
        return Err(ApiError::not_found("支付订单"));
    };
    let (id, _, person, org, first, last, dues_fen, voluntary_fen, amount_fen, _, _, _) = order;
    if !txn.success {
        orders::log_notification(conn, provider, Some(&txn.out_trade_no), true, "not_paid", now)?;
        return Ok(Applied::NotPaid);
    }
    if txn.total_fen != amount_fen {
        orders::log_notification(conn, provider, Some(&txn.out_trade_no), true, "amount_mismatch", now)?;
        return Err(ApiError::field("amount", "mismatch", "支付金额与订单金额不一致"));
    }
    if !orders::claim_paid(conn, id, &txn.transaction_id, now)? {
        orders::log_notification(conn, provider, Some(&txn.out_trade_no), true, "repeated", now)?;
        return Ok(Applied::AlreadyPaid);
    }
    let covered: Vec<NaiveDate> = match (first, last) {
        (Some(first), Some(last)) => {
            let mut m = first;
            let mut all = Vec::new();
            while m <= last {
                all.push(m);
                m = shared::rules::dues_payment::add_months(m, 1);
            }
            all
        }
        _ => Vec::new(),
    };
    let payment = paying::record(
        conn,
        &config.dues_rules,
        Paid {
            person_id: person,
            org_id: org,
            method: "online",
            plan: Plan { months: covered, dues_fen },
            voluntary_fen,
            paid_on: today,
            note: Some(&format!("在线支付 {}", txn.transaction_id)),
            order_id: Some(id),
            recorded_by: None,
            now,
        },
    )?;
    orders::link_payment(conn, id, payment)?;
    orders::log_notification(conn, provider, Some(&txn.out_trade_no), true, "paid", now)?;
    crate::audit::repo::record::<(), _>(
        conn,
        None,
        "dues.online_paid",
        "dues_payment",
        payment,
        None,
        Some(
            &serde_json::json!({"out_trade_no": txn.out_trade_no, "transaction_id": txn.transaction_id, "amount_fen": amount_fen}),
        ),
    )?;
    Ok(Applied::Paid(payment))
}
