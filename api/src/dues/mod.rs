//! Party dues (党费, domain.md §3): bases with their history, the monthly ledger per branch (a
//! schedule on the 1st), payments recorded by the branch or paid online (WeChat Pay API v3,
//! counted only on a verified notification), arrears feeding reminders and alerts, collection
//! reports, receipts and the yearly statement.

pub mod arrears;
mod base_import;
pub mod bench;
mod declare;
pub mod handlers;
pub mod ledger;
pub mod online;
pub mod paying;
mod receipt;
pub mod reduction;
pub mod repo;
mod statement;
pub mod views;

use handlers::{imports, ledger as ledger_api, members, online as online_api, payments, reductions, reports, standard};

feature_routes!(DuesApi {
    standard::standard,
    members::mine,
    members::member,
    members::set_base,
    imports::template,
    imports::upload,
    imports::detail,
    imports::apply,
    members::confirm_base,
    members::set_quarterly,
    members::set_reason,
    ledger_api::ledger,
    ledger_api::generate,
    payments::record,
    payments::receipt_pdf,
    online_api::create,
    online_api::get_order,
    online_api::notify,
    reductions::apply,
    reductions::list,
    reductions::detail,
    reductions::decide,
    reports::collection,
    reports::yearly_statement,
});
