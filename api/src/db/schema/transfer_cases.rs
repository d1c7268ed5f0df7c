//! Organisation-relationship transfers and their letters.

diesel::table! {
    transfers (id) {
        id -> BigInt,
        instance_id -> BigInt,
        kind -> Text,
        person_id -> BigInt,
        person_name -> Text,
        from_org_id -> Nullable<BigInt>,
        to_org_id -> Nullable<BigInt>,
        external_org -> Nullable<Text>,
        reason -> Text,
        batch_id -> Nullable<BigInt>,
        secret -> Bool,
        awaiting -> Text,
        status -> Text,
        due_on -> Nullable<Date>,
        started_on -> Date,
        finished_on -> Nullable<Date>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    transfer_letters (id) {
        id -> BigInt,
        transfer_id -> BigInt,
        kind -> Text,
        letter_no -> Text,
        token -> Text,
        issuer -> Text,
        addressee -> Text,
        issued_on -> Date,
        valid_until -> Date,
        dues_paid_through -> Nullable<Date>,
        void_reason -> Nullable<Text>,
        created_at -> Timestamp,
    }
}
