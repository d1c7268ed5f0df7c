//! Rows of the workflow tables.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use shared::api::workflow::{EventAction, InstanceStatus, Outcome};

use super::process::Record;
use crate::db::schema::{workflow_events, workflow_instances};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = workflow_instances)]
pub struct InstanceRow {
    pub id: i64,
    pub process: String,
    pub subject_person_id: i64,
    pub org_id: i64,
    pub step: i32,
    pub status: String,
    pub outcome: Option<String>,
    pub due_on: Option<NaiveDate>,
    pub ready_on: Option<NaiveDate>,
    pub data_json: String,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub waiting_for: Option<i64>,
}

impl InstanceRow {
    pub fn record(&self) -> Record {
        serde_json::from_str(&self.data_json).unwrap_or_default()
    }

    /// An unknown code can only come from a hand-edited row; it reads as finished.
    pub fn status(&self) -> InstanceStatus {
        InstanceStatus::from_code(&self.status).unwrap_or(InstanceStatus::Ended)
    }

    pub fn outcome(&self) -> Option<Outcome> {
        self.outcome.as_deref().and_then(Outcome::from_code)
    }
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = workflow_events)]
pub struct EventRow {
    pub id: i64,
    pub instance_id: i64,
    pub step: i32,
    pub action: String,
    pub actor_user_id: Option<i64>,
    pub actor_role_kind: Option<String>,
    pub actor_name: Option<String>,
    pub at: NaiveDateTime,
    pub comment: Option<String>,
    pub data_json: String,
}

impl EventRow {
    pub fn action(&self) -> EventAction {
        EventAction::from_code(&self.action).unwrap_or(EventAction::Complete)
    }
}

/// The state an instance is written with after a step.
#[derive(Debug, Clone)]
pub struct InstanceState {
    pub step: i32,
    pub status: InstanceStatus,
    pub outcome: Option<Outcome>,
    pub record: Record,
    pub due_on: Option<NaiveDate>,
    pub ready_on: Option<NaiveDate>,
    pub waiting_for: Option<i64>,
}
