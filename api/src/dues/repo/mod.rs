//! The diesel code of party dues, one file per table group.

pub mod arrears;
pub mod bases;
pub mod imports;
pub mod ledger_page;
pub mod members;
pub mod months;
pub mod orders;
pub mod payments;
pub mod reports;
