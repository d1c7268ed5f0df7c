use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::Serialize;

use crate::db::schema::{people, person_events};

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = people)]
pub struct PersonRow {
    pub id: i64,
    pub name: String,
    pub gender: String,
    pub ethnicity: String,
    pub birth_date: NaiveDate,
    pub id_card_number: String,
    pub phone: Option<String>,
    pub education: Option<String>,
    pub occupation: Option<String>,
    pub work_unit: Option<String>,
    pub department: Option<String>,
    pub employee_number: Option<String>,
    pub membership_status: String,
    pub join_date: Option<NaiveDate>,
    pub full_member_date: Option<NaiveDate>,
    pub org_id: i64,
    pub party_group_id: Option<i64>,
    pub left_kind: Option<String>,
    pub left_on: Option<NaiveDate>,
    pub left_reason: Option<String>,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// The columns a create or an update writes.
#[derive(Debug, Clone, Insertable, AsChangeset)]
#[diesel(table_name = people, treat_none_as_null = true)]
pub struct PersonFields {
    pub name: String,
    pub gender: String,
    pub ethnicity: String,
    pub birth_date: NaiveDate,
    pub id_card_number: String,
    pub phone: Option<String>,
    pub education: Option<String>,
    pub occupation: Option<String>,
    pub work_unit: Option<String>,
    pub department: Option<String>,
    pub employee_number: Option<String>,
    pub membership_status: String,
    pub join_date: Option<NaiveDate>,
    pub full_member_date: Option<NaiveDate>,
    pub party_group_id: Option<i64>,
}

impl PersonFields {
    pub fn from_valid(v: &shared::member_input::ValidMemberFields, party_group_id: Option<i64>) -> PersonFields {
        PersonFields {
            name: v.name.clone(),
            gender: v.gender.code().into(),
            ethnicity: v.ethnicity.clone(),
            birth_date: v.birth_date,
            id_card_number: v.id_card.as_str().into(),
            phone: v.phone.as_ref().map(|p| p.as_str().into()),
            education: v.education.map(|e| e.code().into()),
            occupation: v.occupation.map(|o| o.code().into()),
            work_unit: v.work_unit.clone(),
            department: v.department.clone(),
            employee_number: v.employee_number.clone(),
            membership_status: v.membership_status.code().into(),
            join_date: v.join_date,
            full_member_date: v.full_member_date,
            party_group_id,
        }
    }
}

#[derive(Debug, Insertable)]
#[diesel(table_name = person_events)]
pub struct NewPersonEvent<'a> {
    pub person_id: i64,
    /// `leave` or `move`.
    pub event_kind: &'a str,
    pub leave_kind: Option<&'a str>,
    pub on_date: NaiveDate,
    pub reason: &'a str,
    pub from_org_id: Option<i64>,
    pub to_org_id: Option<i64>,
    pub recorded_by: Option<i64>,
    pub created_at: NaiveDateTime,
}
