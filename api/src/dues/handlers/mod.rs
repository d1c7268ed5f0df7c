//! The dues endpoints, by screen: the trial calculation, a member's dues, the branch ledger,
//! payments, online payment, and the collection reports.

pub mod imports;
pub mod ledger;
pub mod members;
pub mod online;
pub mod payments;
pub mod reductions;
pub mod reports;
pub mod standard;
