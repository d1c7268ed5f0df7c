//! Requests (请示) and replies (批复): templates, requests, sealed documents, seals, archives
//! and SMS approval tickets.

diesel::table! {
    request_templates (id) {
        id -> BigInt,
        code -> Text,
        version -> Integer,
        name -> Text,
        title_pattern -> Text,
        fields_json -> Text,
        body -> Text,
        reply_body -> Text,
        reply_days -> Integer,
        retention -> Text,
        active -> Bool,
        created_by -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    requests (id) {
        id -> BigInt,
        instance_id -> Nullable<BigInt>,
        template_id -> BigInt,
        org_id -> BigInt,
        to_org_id -> BigInt,
        cc_json -> Text,
        title -> Text,
        fields_json -> Text,
        body -> Text,
        attachments_json -> Text,
        contact -> Text,
        contact_phone -> Text,
        signer_user_id -> BigInt,
        for_instance_id -> Nullable<BigInt>,
        stage -> Text,
        due_on -> Nullable<Date>,
        archived_at -> Nullable<Timestamp>,
        drafted_by -> BigInt,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    org_seals (id) {
        id -> BigInt,
        org_id -> BigInt,
        image_file_id -> Nullable<BigInt>,
        doc_prefix -> Text,
        signer -> Text,
        public_key -> Text,
        private_key -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    request_documents (id) {
        id -> BigInt,
        request_id -> BigInt,
        kind -> Text,
        code -> Text,
        org_id -> BigInt,
        doc_year -> Integer,
        doc_seq -> Integer,
        doc_number -> Text,
        title -> Text,
        file_id -> BigInt,
        digest -> Text,
        signature -> Text,
        public_key -> Text,
        signer -> Text,
        sealed_by -> BigInt,
        sealed_by_name -> Text,
        sealed_at -> Timestamp,
    }
}

diesel::table! {
    request_archives (id) {
        id -> BigInt,
        request_id -> BigInt,
        org_id -> BigInt,
        year -> Integer,
        retention -> Text,
        title -> Text,
        doc_number -> Text,
        file_id -> BigInt,
        manifest_sha256 -> Text,
        created_by -> BigInt,
        created_at -> Timestamp,
    }
}

diesel::table! {
    sms_approvals (id) {
        id -> BigInt,
        request_id -> BigInt,
        instance_version -> Integer,
        user_id -> BigInt,
        phone -> Text,
        reply_code -> Text,
        token_sha256 -> Text,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    sms_inbound (id) {
        id -> BigInt,
        message_id -> Text,
        phone -> Text,
        outcome -> Text,
        received_at -> Timestamp,
    }
}
