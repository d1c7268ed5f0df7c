//! HR master-data connectors and syncs.

diesel::table! {
    hr_connectors (id) {
        id -> BigInt,
        name -> Text,
        base_url -> Text,
        auth_header_name -> Nullable<Text>,
        auth_header_value -> Nullable<Text>,
        paging_style -> Text,
        page_size -> Integer,
        items_pointer -> Text,
        next_cursor_pointer -> Nullable<Text>,
        field_mapping_json -> Text,
        schedule_hour -> Nullable<Integer>,
        scope_org_id -> BigInt,
        last_scheduled_on -> Nullable<Date>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    sync_jobs (id) {
        id -> BigInt,
        source_kind -> Text,
        source_name -> Text,
        connector_id -> Nullable<BigInt>,
        scope_org_id -> BigInt,
        full_roster -> Bool,
        status -> Text,
        phase -> Text,
        rows_total -> BigInt,
        rows_done -> BigInt,
        counts_json -> Text,
        error_message -> Nullable<Text>,
        created_by -> Nullable<BigInt>,
        created_at -> Timestamp,
        finished_at -> Nullable<Timestamp>,
        applied_by -> Nullable<BigInt>,
        applied_at -> Nullable<Timestamp>,
        file_id -> Nullable<BigInt>,
    }
}

diesel::table! {
    sync_rows (id) {
        id -> BigInt,
        job_id -> BigInt,
        row_number -> BigInt,
        change_kind -> Text,
        person_id -> Nullable<BigInt>,
        name -> Nullable<Text>,
        employee_number -> Nullable<Text>,
        payload_json -> Text,
        applied -> Bool,
    }
}
