//! The workflow engine shared by every process (member development now; transfers, elections
//! and requests later). A process is data plus a small trait (`process::Process`): its steps
//! with typed fields, who may act at each step relative to the subject's org, rule checks,
//! deadlines and transitions (advance, return, reject, complete, wait until a date, wait for
//! another instance). Acting, permissions, the optimistic version, history, visibility and
//! audit live here once (`access`, `service`, `view`); `repo` holds the diesel code.

pub mod access;
pub mod models;
pub mod process;
pub mod repo;
pub mod service;
pub mod view;

pub use models::{EventRow, InstanceRow, InstanceState};
pub use process::{ActorRule, Applied, FieldDef, Process, Record, StepCtx, StepDef, Transition, Visibility};
pub use repo::{ListFilter, get, list};
