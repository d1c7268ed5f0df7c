//! Queries of 民主评议 ratings.

use diesel::prelude::*;

use crate::clock::wall_now as now;
use crate::db::DbConnection;
use crate::db::schema::{meeting_ratings, people};
use crate::error::ApiError;

/// (person, self-assessment, peer excellent, qualified, basic, unqualified, committee rating)
pub type RatingRowData = (i64, Option<String>, i32, i32, i32, i32, Option<String>);

/// The peer counts and the committee's rating of one member.
pub struct Rated<'a> {
    pub peer: [i32; 4],
    pub committee_rating: &'a str,
}

fn ensure_row(conn: &mut DbConnection, meeting_id: i64, person_id: i64) -> Result<(), ApiError> {
    let exists: i64 = meeting_ratings::table
        .filter(meeting_ratings::meeting_id.eq(meeting_id).and(meeting_ratings::person_id.eq(person_id)))
        .count()
        .get_result(conn)?;
    if exists == 0 {
        diesel::insert_into(meeting_ratings::table)
            .values((
                meeting_ratings::meeting_id.eq(meeting_id),
                meeting_ratings::person_id.eq(person_id),
                meeting_ratings::updated_at.eq(now()),
            ))
            .execute(conn)?;
    }
    Ok(())
}

pub fn set_self_assessment(
    conn: &mut DbConnection,
    meeting_id: i64,
    person_id: i64,
    text: &str,
) -> Result<(), ApiError> {
    ensure_row(conn, meeting_id, person_id)?;
    diesel::update(
        meeting_ratings::table
            .filter(meeting_ratings::meeting_id.eq(meeting_id).and(meeting_ratings::person_id.eq(person_id))),
    )
    .set((meeting_ratings::self_assessment.eq(Some(text)), meeting_ratings::updated_at.eq(now())))
    .execute(conn)?;
    Ok(())
}

pub fn set_rating(conn: &mut DbConnection, meeting_id: i64, person_id: i64, rated: &Rated) -> Result<(), ApiError> {
    ensure_row(conn, meeting_id, person_id)?;
    diesel::update(
        meeting_ratings::table
            .filter(meeting_ratings::meeting_id.eq(meeting_id).and(meeting_ratings::person_id.eq(person_id))),
    )
    .set((
        meeting_ratings::peer_excellent.eq(rated.peer[0]),
        meeting_ratings::peer_qualified.eq(rated.peer[1]),
        meeting_ratings::peer_basic.eq(rated.peer[2]),
        meeting_ratings::peer_unqualified.eq(rated.peer[3]),
        meeting_ratings::committee_rating.eq(Some(rated.committee_rating)),
        meeting_ratings::updated_at.eq(now()),
    ))
    .execute(conn)?;
    Ok(())
}

pub fn of_meeting(conn: &mut DbConnection, meeting_id: i64) -> Result<Vec<RatingRowData>, ApiError> {
    Ok(meeting_ratings::table
        .inner_join(people::table)
        .filter(meeting_ratings::meeting_id.eq(meeting_id))
        .select((
            meeting_ratings::person_id,
            meeting_ratings::self_assessment,
            meeting_ratings::peer_excellent,
            meeting_ratings::peer_qualified,
            meeting_ratings::peer_basic,
            meeting_ratings::peer_unqualified,
            meeting_ratings::committee_rating,
        ))
        .load(conn)?)
}
