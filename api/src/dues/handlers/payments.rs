//! Payments recorded by the branch (cash, bank transfer), and the member's receipt.

use actix_web::{HttpResponse, get, post, web};
use shared::api::dues::{PaymentInput, PaymentView};
use shared::error::ErrorBody;
use shared::permissions::Action;

use crate::auth::Actor;
use crate::dues::paying::{self, Paid};
use crate::dues::repo::payments;
use crate::dues::{receipt, views};
use crate::error::ApiError;
use crate::state::AppState;

/// Records a payment received by the branch: every open month up to `through_month` (补交 of
/// at most 6 past months; months ahead only with consent to pay by the quarter) and any
/// voluntary extra (1000 元 or more is flagged for remittance to the Central Committee).
#[utoipa::path(tag = "dues", request_body = PaymentInput, responses((status = 201, body = PaymentView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)), security(("bearer" = [])))]
#[post("/dues/payments")]
pub async fn record(
    state: web::Data<AppState>,
    actor: Actor,
    input: web::Json<PaymentInput>,
) -> Result<HttpResponse, ApiError> {
    let input = input.into_inner();
    if !["cash", "transfer"].contains(&input.method.as_str()) {
        return Err(ApiError::field("method", "invalid", "交纳方式只能是现金（cash）或银行转账（transfer）"));
    }
    let through = paying::through_of(input.through_month.as_deref())?;
    let voluntary = paying::voluntary_of(input.voluntary.as_deref())?;
    let today = state.clock.today();
    if input.paid_on > today {
        return Err(ApiError::field("paid_on", "in_future", "交纳日期不能晚于今天"));
    }
    let note = input.note.map(|n| n.trim().to_string()).filter(|n| !n.is_empty());
    if note.as_ref().is_some_and(|n| n.chars().count() > 200) {
        return Err(ApiError::field("note", "too_long", "备注不能超过 200 字"));
    }
    let (rules, now, person) = (state.config.dues_rules.clone(), state.clock.now(), input.person_id.0);
    let view = state
        .db
        .write(move |conn| {
            let (_, org, _, path) = views::subject(conn, person)?;
            actor.require(Action::ManageDues, &path)?;
            let plan = paying::prepare(conn, &rules, today, person, through)?;
            let id = paying::record(
                conn,
                &rules,
                Paid {
                    person_id: person,
                    org_id: org,
                    method: &input.method,
                    plan,
                    voluntary_fen: voluntary,
                    paid_on: input.paid_on,
                    note: note.as_deref(),
                    order_id: None,
                    recorded_by: Some(actor.user_id.0),
                    now,
                },
            )?;
            let view = views::payment(payments::get(conn, id)?);
            crate::audit::repo::record::<(), _>(
                conn,
                Some(&actor),
                "dues.payment_recorded",
                "dues_payment",
                id,
                None,
                Some(&view),
            )?;
            Ok(view)
        })
        .await?;
    Ok(HttpResponse::Created().json(view))
}

/// 党费电子收据 (PDF) for a payment: the member's own, or any in the branch's reach.
#[utoipa::path(tag = "dues", params(("id" = i64, Path)), responses((status = 200, description = "PDF"), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)), security(("bearer" = [])))]
#[get("/dues/payments/{id}/receipt")]
pub async fn receipt_pdf(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let payment = state
        .db
        .read(move |conn| {
            let row = payments::get(conn, id)?;
            if actor.person_id.map(|p| p.0) != Some(row.1) {
                let (_, _, _, path) = views::subject(conn, row.1)?;
                actor.require(Action::ViewDues, &path)?;
            }
            Ok(views::payment(row))
        })
        .await?;
    let today = state.clock.today();
    let number = payment.receipt_number.clone();
    let bytes = web::block(move || receipt::pdf(&payment, today))
        .await
        .map_err(ApiError::internal)?
        .map_err(ApiError::internal)?;
    Ok(crate::files::download::file(bytes, crate::files::Kind::Pdf.media_type(), &format!("党费收据-{number}.pdf")))
}
