//! The diesel code of party dues, one file per table group.

pub mod bases;
pub mod imports;
pub mod months;
pub mod orders;
pub mod payments;
pub mod reports;
