//! Party dues as the API shows them.

use serde::{Deserialize, Serialize};

/// `GET /dues/standard`: a trial calculation for any category and base.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct StandardQuery {
    /// A category code, e.g. `employed`, `retired`, `student`.
    pub category: String,
    /// The monthly base in 元, at most two decimals, e.g. `3000.01`.
    #[serde(default)]
    pub base: Option<String>,
}
