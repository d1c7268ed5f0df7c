//! Party dues: bases, reductions, the monthly ledger, payments and online orders.

diesel::table! {
    dues_bases (id) {
        id -> BigInt,
        person_id -> BigInt,
        category -> Text,
        base_fen -> BigInt,
        monthly_fen -> BigInt,
        rules_version -> Text,
        effective_month -> Date,
        source -> Text,
        note -> Nullable<Text>,
        recorded_by -> Nullable<BigInt>,
        confirmed_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        version -> Integer,
    }
}

diesel::table! {
    dues_reductions (id) {
        id -> BigInt,
        person_id -> BigInt,
        instance_id -> Nullable<BigInt>,
        monthly_fen -> BigInt,
        first_month -> Date,
        last_month -> Nullable<Date>,
        reason -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    dues_payments (id) {
        id -> BigInt,
        person_id -> BigInt,
        org_id -> BigInt,
        method -> Text,
        amount_fen -> BigInt,
        dues_fen -> BigInt,
        voluntary_fen -> BigInt,
        unallocated_fen -> BigInt,
        remit_central -> Bool,
        first_month -> Nullable<Date>,
        last_month -> Nullable<Date>,
        paid_on -> Date,
        receipt_number -> Text,
        note -> Nullable<Text>,
        order_id -> Nullable<BigInt>,
        recorded_by -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    dues_months (id) {
        id -> BigInt,
        person_id -> BigInt,
        org_id -> BigInt,
        month -> Date,
        payable_fen -> BigInt,
        reduced -> Bool,
        paid_fen -> BigInt,
        paid_on -> Nullable<Date>,
        payment_id -> Nullable<BigInt>,
        arrears_reason -> Nullable<Text>,
    }
}

diesel::table! {
    dues_orders (id) {
        id -> BigInt,
        out_trade_no -> Text,
        person_id -> BigInt,
        org_id -> BigInt,
        provider -> Text,
        first_month -> Nullable<Date>,
        last_month -> Nullable<Date>,
        dues_fen -> BigInt,
        voluntary_fen -> BigInt,
        amount_fen -> BigInt,
        status -> Text,
        pay_url -> Nullable<Text>,
        transaction_id -> Nullable<Text>,
        payment_id -> Nullable<BigInt>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    dues_notifications (id) {
        id -> BigInt,
        provider -> Text,
        out_trade_no -> Nullable<Text>,
        verified -> Bool,
        outcome -> Text,
        received_at -> Timestamp,
    }
}

diesel::table! {
    dues_quarterly (person_id) {
        person_id -> BigInt,
        granted_by -> BigInt,
        granted_at -> Timestamp,
    }
}

diesel::table! {
    dues_base_imports (id) {
        id -> BigInt,
        org_id -> BigInt,
        file_name -> Text,
        rows_json -> Text,
        valid_rows -> Integer,
        error_rows -> Integer,
        status -> Text,
        created_by -> BigInt,
        created_at -> Timestamp,
        applied_at -> Nullable<Timestamp>,
    }
}
