pub mod detail;
pub mod edit;
pub mod list;
