// One schema for both backends; the migrations in migrations/{sqlite,postgres} create it.

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
    job_leases (name) {
        name -> Text,
        holder -> Text,
        expires_at -> Timestamp,
    }
}

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
    files (id) {
        id -> BigInt,
        sha256 -> Text,
        size_bytes -> BigInt,
        media_type -> Text,
        org_id -> BigInt,
        created_by -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    blobs (sha256) {
        sha256 -> Text,
        size_bytes -> BigInt,
        content -> Binary,
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

diesel::table! {
    outbox (id) {
        id -> BigInt,
        channel -> Text,
        recipient_user_id -> Nullable<BigInt>,
        recipient_person_id -> Nullable<BigInt>,
        payload_json -> Text,
        created_at -> Timestamp,
        delivered_at -> Nullable<Timestamp>,
        attempts -> Integer,
        last_error -> Nullable<Text>,
        status -> Text,
        next_attempt_at -> Nullable<Timestamp>,
        claimed_by -> Nullable<Text>,
        claimed_until -> Nullable<Timestamp>,
        dead_at -> Nullable<Timestamp>,
        dedup_key -> Nullable<Text>,
    }
}

diesel::table! {
    outbox_attempts (id) {
        id -> BigInt,
        outbox_id -> BigInt,
        attempt -> Integer,
        instance -> Text,
        started_at -> Timestamp,
        finished_at -> Timestamp,
        ok -> Bool,
        error -> Nullable<Text>,
        provider_message_id -> Nullable<Text>,
    }
}

diesel::table! {
    jobs (id) {
        id -> BigInt,
        kind -> Text,
        status -> Text,
        phase -> Text,
        progress_done -> BigInt,
        progress_total -> BigInt,
        payload_json -> Text,
        input -> Nullable<Binary>,
        owner -> Nullable<Text>,
        heartbeat_at -> Nullable<Timestamp>,
        cancel_requested -> Bool,
        attempts -> Integer,
        error -> Nullable<Text>,
        created_by -> Nullable<BigInt>,
        created_at -> Timestamp,
        started_at -> Nullable<Timestamp>,
        finished_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    schedules (name) {
        name -> Text,
        next_due_at -> Timestamp,
        holder -> Nullable<Text>,
        lease_until -> Nullable<Timestamp>,
        last_started_at -> Nullable<Timestamp>,
        last_finished_at -> Nullable<Timestamp>,
        runs -> BigInt,
        last_error -> Nullable<Text>,
    }
}

diesel::table! {
    settings (key) {
        key -> Text,
        value -> Text,
    }
}

diesel::joinable!(people -> orgs (org_id));
diesel::joinable!(meeting_attendees -> meetings (meeting_id));
diesel::joinable!(meeting_attendees -> people (person_id));
diesel::joinable!(meeting_ratings -> people (person_id));
diesel::joinable!(workflow_events -> workflow_instances (instance_id));
diesel::joinable!(sync_rows -> sync_jobs (job_id));
diesel::joinable!(meeting_attachments -> files (file_id));
diesel::joinable!(person_events -> people (person_id));
diesel::joinable!(users -> people (person_id));
diesel::joinable!(role_assignments -> users (user_id));
diesel::joinable!(role_assignments -> orgs (org_id));
diesel::joinable!(sessions -> users (user_id));
diesel::joinable!(audit_log -> users (user_id));
diesel::joinable!(outbox_attempts -> outbox (outbox_id));

diesel::allow_columns_to_appear_in_same_group_by_clause!(orgs::path, people::membership_status);

diesel::allow_tables_to_appear_in_same_query!(
    orgs,
    people,
    person_events,
    users,
    role_assignments,
    sessions,
    login_failures,
    audit_log,
    hr_connectors,
    sync_jobs,
    sync_rows,
    notifications,
    job_leases,
    workflow_instances,
    workflow_events,
    calendar_days,
    meetings,
    meeting_attendees,
    meeting_amendments,
    outbox,
    outbox_attempts,
    jobs,
    schedules,
    settings,
    meeting_attachments,
    meeting_ratings,
    files,
    blobs,
    alerts,
    notification_opt_outs,
    notices,
);

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

diesel::table! {
    notification_opt_outs (person_id, template, channel) {
        person_id -> BigInt,
        template -> Text,
        channel -> Text,
    }
}

diesel::joinable!(alerts -> orgs (org_id));

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
