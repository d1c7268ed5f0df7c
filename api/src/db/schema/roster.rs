//! Organisations, people, accounts, sessions and the audit log.

diesel::table! {
    orgs (id) {
        id -> BigInt,
        parent_id -> Nullable<BigInt>,
        path -> Text,
        depth -> Integer,
        name -> Text,
        kind -> Text,
        sector -> Text,
        founded_on -> Nullable<Date>,
        term_years -> Nullable<Integer>,
        term_started_on -> Nullable<Date>,
        status -> Text,
        dissolved_on -> Nullable<Date>,
        dissolve_reason -> Nullable<Text>,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    people (id) {
        id -> BigInt,
        name -> Text,
        gender -> Text,
        ethnicity -> Text,
        birth_date -> Date,
        id_card_number -> Text,
        phone -> Nullable<Text>,
        education -> Nullable<Text>,
        occupation -> Nullable<Text>,
        work_unit -> Nullable<Text>,
        department -> Nullable<Text>,
        employee_number -> Nullable<Text>,
        membership_status -> Text,
        join_date -> Nullable<Date>,
        full_member_date -> Nullable<Date>,
        org_id -> BigInt,
        party_group_id -> Nullable<BigInt>,
        left_kind -> Nullable<Text>,
        left_on -> Nullable<Date>,
        left_reason -> Nullable<Text>,
        version -> Integer,
        hr_left_on -> Nullable<Date>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    person_events (id) {
        id -> BigInt,
        person_id -> BigInt,
        event_kind -> Text,
        leave_kind -> Nullable<Text>,
        on_date -> Date,
        reason -> Text,
        from_org_id -> Nullable<BigInt>,
        to_org_id -> Nullable<BigInt>,
        recorded_by -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    users (id) {
        id -> BigInt,
        username -> Text,
        phone -> Nullable<Text>,
        display_name -> Text,
        password_hash -> Text,
        person_id -> Nullable<BigInt>,
        disabled -> Bool,
        last_login_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        email -> Nullable<Text>,
    }
}

diesel::table! {
    role_assignments (id) {
        id -> BigInt,
        user_id -> BigInt,
        kind -> Text,
        org_id -> BigInt,
        title -> Nullable<Text>,
        created_at -> Timestamp,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    sessions (id) {
        id -> BigInt,
        token_hash -> Text,
        user_id -> BigInt,
        active_role_id -> BigInt,
        created_at -> Timestamp,
        last_seen_at -> Timestamp,
        expires_at -> Timestamp,
        absolute_expires_at -> Timestamp,
        revoked_at -> Nullable<Timestamp>,
        ip -> Nullable<Text>,
        user_agent -> Nullable<Text>,
    }
}

diesel::table! {
    login_failures (id) {
        id -> BigInt,
        login -> Text,
        ip -> Text,
        at -> Timestamp,
    }
}

diesel::table! {
    audit_log (id) {
        id -> BigInt,
        at -> Timestamp,
        user_id -> Nullable<BigInt>,
        role_assignment_id -> Nullable<BigInt>,
        role_kind -> Nullable<Text>,
        action -> Text,
        entity -> Text,
        entity_id -> BigInt,
        before_json -> Nullable<Text>,
        after_json -> Nullable<Text>,
        ip -> Nullable<Text>,
    }
}
