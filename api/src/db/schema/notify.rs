//! Notifications: in-app notices, opt-outs, custom notices, analysis alerts.

diesel::table! {
    notifications (id) {
        id -> BigInt,
        user_id -> BigInt,
        title -> Text,
        body -> Text,
        link -> Nullable<Text>,
        created_at -> Timestamp,
        read_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    notification_opt_outs (person_id, template, channel) {
        person_id -> BigInt,
        template -> Text,
        channel -> Text,
    }
}

diesel::table! {
    notices (id) {
        id -> BigInt,
        org_id -> BigInt,
        title -> Text,
        body -> Text,
        audience_json -> Text,
        channels -> Text,
        recipients -> Integer,
        created_by -> BigInt,
        created_at -> Timestamp,
    }
}

diesel::table! {
    alerts (id) {
        id -> BigInt,
        rule_code -> Text,
        subject_key -> Text,
        org_id -> BigInt,
        person_id -> Nullable<BigInt>,
        detail -> Text,
        first_seen_on -> Date,
        last_seen_on -> Date,
        resolved_on -> Nullable<Date>,
    }
}
