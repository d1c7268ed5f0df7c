//! Organisational life: meetings, attendees, amendments, attachments, ratings.

diesel::table! {
    meetings (id) {
        id -> BigInt,
        org_id -> BigInt,
        kind -> Text,
        topic -> Text,
        starts_at -> Timestamp,
        held_on -> Date,
        place -> Nullable<Text>,
        online -> Bool,
        host_person_id -> Nullable<BigInt>,
        recorder_person_id -> Nullable<BigInt>,
        agenda -> Nullable<Text>,
        status -> Text,
        minutes -> Nullable<Text>,
        decisions -> Nullable<Text>,
        lecturer -> Nullable<Text>,
        entitled_voters -> Integer,
        signed_at -> Nullable<Timestamp>,
        signed_by -> Nullable<BigInt>,
        version -> Integer,
        created_by -> Nullable<BigInt>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    meeting_attendees (id) {
        id -> BigInt,
        meeting_id -> BigInt,
        person_id -> BigInt,
        voting -> Bool,
        response -> Text,
        leave_reason -> Nullable<Text>,
        checked_in_at -> Nullable<Timestamp>,
        check_in_method -> Nullable<Text>,
    }
}

diesel::table! {
    meeting_amendments (id) {
        id -> BigInt,
        meeting_id -> BigInt,
        field -> Text,
        before_text -> Nullable<Text>,
        after_text -> Nullable<Text>,
        reason -> Text,
        amended_by -> Nullable<BigInt>,
        amended_at -> Timestamp,
    }
}

diesel::table! {
    meeting_attachments (id) {
        id -> BigInt,
        meeting_id -> BigInt,
        sha256 -> Text,
        file_name -> Text,
        content_type -> Text,
        size_bytes -> BigInt,
        uploaded_by -> Nullable<BigInt>,
        created_at -> Timestamp,
        file_id -> Nullable<BigInt>,
    }
}

diesel::table! {
    meeting_ratings (id) {
        id -> BigInt,
        meeting_id -> BigInt,
        person_id -> BigInt,
        self_assessment -> Nullable<Text>,
        peer_excellent -> Integer,
        peer_qualified -> Integer,
        peer_basic -> Integer,
        peer_unqualified -> Integer,
        committee_rating -> Nullable<Text>,
        updated_at -> Timestamp,
    }
}
