//! Party dues (党费). So far: the trial calculation of a monthly standard from the rules in
//! `shared::rules::dues`; ledgers, payments and arrears follow.

mod handlers;

feature_routes!(DuesApi { handlers::standard });
