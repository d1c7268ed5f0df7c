//! Workflow instances and their events, the working-day calendar.

diesel::table! {
    workflow_instances (id) {
        id -> BigInt,
        process -> Text,
        subject_person_id -> BigInt,
        org_id -> BigInt,
        step -> Integer,
        status -> Text,
        outcome -> Nullable<Text>,
        due_on -> Nullable<Date>,
        ready_on -> Nullable<Date>,
        data_json -> Text,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        waiting_for -> Nullable<BigInt>,
    }
}

diesel::table! {
    workflow_events (id) {
        id -> BigInt,
        instance_id -> BigInt,
        step -> Integer,
        action -> Text,
        actor_user_id -> Nullable<BigInt>,
        actor_role_kind -> Nullable<Text>,
        actor_name -> Nullable<Text>,
        at -> Timestamp,
        comment -> Nullable<Text>,
        data_json -> Text,
    }
}

diesel::table! {
    calendar_days (day) {
        day -> Date,
        kind -> Text,
        note -> Nullable<Text>,
    }
}
