//! The platform: files and blobs, the outbox, jobs, schedules, leases, settings.

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
    job_leases (name) {
        name -> Text,
        holder -> Text,
        expires_at -> Timestamp,
    }
}

diesel::table! {
    settings (key) {
        key -> Text,
        value -> Text,
    }
}
