//! History for statistics as of a date, and the kept statistics sets.

diesel::table! {
    member_periods (id) {
        id -> BigInt,
        person_id -> BigInt,
        org_id -> BigInt,
        membership_status -> Text,
        valid_from -> Date,
        valid_to -> Nullable<Date>,
    }
}

diesel::table! {
    org_periods (id) {
        id -> BigInt,
        org_id -> BigInt,
        path -> Text,
        kind -> Text,
        valid_from -> Date,
        valid_to -> Nullable<Date>,
    }
}

diesel::table! {
    statistics_exports (id) {
        id -> BigInt,
        org_id -> BigInt,
        as_of -> Date,
        job_id -> BigInt,
        problems -> Integer,
        xlsx_file_id -> Nullable<BigInt>,
        pdf_file_id -> Nullable<BigInt>,
        created_by -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}
