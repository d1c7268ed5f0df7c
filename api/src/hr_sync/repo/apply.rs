//! Writes of an apply: new people and HR-owned fields of existing ones.

use chrono::NaiveDate;
use diesel::prelude::*;
use shared::MembershipStatus;
use shared::api::hr::FieldChange;

use crate::clock::wall_now as now;
use crate::db::DbConnection;
use crate::db::schema::people;
use crate::error::ApiError;
use crate::hr_sync::diff::NewPerson;

pub fn insert_new_person(
    conn: &mut DbConnection,
    p: &NewPerson,
    gender: &str,
    birth: NaiveDate,
) -> Result<i64, ApiError> {
    let now = now();
    Ok(diesel::insert_into(people::table)
        .values((
            people::name.eq(&p.name),
            people::gender.eq(gender),
            people::ethnicity.eq(p.ethnicity.clone().unwrap_or_else(|| "汉族".into())),
            people::birth_date.eq(birth),
            people::id_card_number.eq(&p.id_card_number),
            people::phone.eq(&p.phone),
            people::education.eq(&p.education),
            people::occupation.eq(&p.occupation),
            people::work_unit.eq(&p.work_unit),
            people::department.eq(&p.department),
            people::employee_number.eq(&p.employee_number),
            people::membership_status.eq(MembershipStatus::Masses.code()),
            people::org_id.eq(p.org_id),
            people::version.eq(1),
            people::created_at.eq(now),
            people::updated_at.eq(now),
        ))
        .returning(people::id)
        .get_result(conn)?)
}

/// Writes HR-owned fields only; the column list is fixed here, so party fields cannot be touched.
/// Writes the changes if the person is still at `version` (the version the caller compared the
/// preview against), and says whether it did. The version bump comes first: on PostgreSQL it
/// takes the row lock, so an edit committed after the caller's read makes this a no-op (the row
/// is skipped as changed since the preview) instead of being overwritten.
pub fn apply_changes(
    conn: &mut DbConnection,
    person_id: i64,
    version: i32,
    changes: &[FieldChange],
    today: NaiveDate,
) -> Result<bool, ApiError> {
    let claimed = diesel::update(people::table.filter(people::id.eq(person_id).and(people::version.eq(version))))
        .set((people::version.eq(version + 1), people::updated_at.eq(now())))
        .execute(conn)?;
    if claimed == 0 {
        return Ok(false);
    }
    let target = people::table.find(person_id);
    for change in changes {
        let value = change.new.clone();
        let updated = match change.field.as_str() {
            "name" => diesel::update(target).set(people::name.eq(value.unwrap_or_default())).execute(conn)?,
            "phone" => diesel::update(target).set(people::phone.eq(value)).execute(conn)?,
            "education" => diesel::update(target).set(people::education.eq(value)).execute(conn)?,
            "occupation" => diesel::update(target).set(people::occupation.eq(value)).execute(conn)?,
            "ethnicity" => diesel::update(target).set(people::ethnicity.eq(value.unwrap_or_default())).execute(conn)?,
            "work_unit" => diesel::update(target).set(people::work_unit.eq(value)).execute(conn)?,
            "department" => diesel::update(target).set(people::department.eq(value)).execute(conn)?,
            "employee_number" => diesel::update(target).set(people::employee_number.eq(value)).execute(conn)?,
            "hr_left_on" => {
                let left = (value.as_deref() == Some("已离开单位")).then_some(today);
                diesel::update(target).set(people::hr_left_on.eq(left)).execute(conn)?
            }
            other => return Err(ApiError::internal(format!("unexpected HR field {other}"))),
        };
        if updated != 1 {
            return Err(ApiError::invalid_state(format!("人员记录 {person_id} 已不存在")));
        }
    }
    Ok(true)
}

pub fn hr_left_on(conn: &mut DbConnection, person_id: i64) -> Result<Option<NaiveDate>, ApiError> {
    Ok(people::table.find(person_id).select(people::hr_left_on).first(conn)?)
}
