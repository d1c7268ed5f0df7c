//! Committees, their terms and elections.

diesel::table! {
    elections (id) {
        id -> BigInt,
        instance_id -> BigInt,
        org_id -> BigInt,
        kind -> Text,
        is_open -> Bool,
        new_org_id -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    committee_members (id) {
        id -> BigInt,
        org_id -> BigInt,
        person_id -> BigInt,
        post -> Text,
        came_in -> Text,
        since -> Date,
        election_id -> Nullable<BigInt>,
        role_assignment_id -> Nullable<BigInt>,
        left_on -> Nullable<Date>,
        left_reason -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    org_terms (id) {
        id -> BigInt,
        org_id -> BigInt,
        started_on -> Date,
        years -> Integer,
        ends_on -> Date,
        seats -> Integer,
        ended_on -> Nullable<Date>,
        election_id -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}
