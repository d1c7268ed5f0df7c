//! Paying on the phone: open an order with the payment provider, follow it, and the provider's
//! signed notification (the only thing, besides a signed query answer, that makes it paid).

use actix_web::{HttpRequest, HttpResponse, get, post, web};
use shared::api::dues::{OrderInput, OrderView};
use shared::error::{ErrorBody, ErrorCode};
use shared::permissions::Action;
use shared::rules::dues::Fen;
use shared::rules::dues_payment::fmt_month;

use crate::auth::Actor;
use crate::dues::online::{self, OrderRequest};
use crate::dues::paying;
use crate::dues::repo::orders;
use crate::dues::views;
use crate::error::ApiError;
use crate::state::AppState;

fn view(row: orders::OrderRow) -> OrderView {
    let (id, out_trade_no, _, _, first, last, _, _, amount, status, pay_url, payment_id) = row;
    OrderView {
        id,
        out_trade_no,
        amount: Fen(amount).yuan(),
        status,
        pay_url,
        payment_id,
        first_month: first.map(fmt_month),
        last_month: last.map(fmt_month),
    }
}

fn unavailable() -> ApiError {
    ApiError::new(ErrorCode::ServiceUnavailable, "支付服务暂不可用，请稍后再试或向党支部交纳")
}

/// Opens an online payment for my open months up to `through_month` (and any voluntary extra);
/// the answer's `pay_url` is where the phone pays.
#[utoipa::path(tag = "dues", request_body = OrderInput, responses((status = 201, body = OrderView), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody), (status = 503, body = ErrorBody)), security(("bearer" = [])))]
#[post("/dues/me/orders")]
pub async fn create(
    state: web::Data<AppState>,
    actor: Actor,
    input: web::Json<OrderInput>,
) -> Result<HttpResponse, ApiError> {
    actor.require_action(Action::PayDues)?;
    let person = actor.person_id.map(|p| p.0).ok_or_else(|| ApiError::forbidden("当前账号未关联党员信息"))?;
    let Some(provider) = online::configured(&state.config)? else {
        return Err(ApiError::invalid_state("在线支付尚未开通，请向党支部交纳"));
    };
    let through = paying::through_of(input.through_month.as_deref())?;
    let voluntary = paying::voluntary_of(input.voluntary.as_deref())?;
    let (rules, today, now) = (state.config.dues_rules.clone(), state.clock.today(), state.clock.now());
    let out_trade_no = format!("DJ{}{}", today.format("%Y%m%d"), &crate::auth::session::new_token()[..16]);
    let name = provider.name();
    let trade_no = out_trade_no.clone();
    let (id, amount) = state
        .db
        .write(move |conn| {
            let (_, org, _, _) = views::subject(conn, person)?;
            let plan = paying::prepare(conn, &rules, today, person, through)?;
            if plan.dues_fen + voluntary == 0 {
                return Err(ApiError::field("through_month", "required", "请选择交至月份或填写自愿多交金额"));
            }
            let id = orders::insert(
                conn,
                &orders::NewOrder {
                    out_trade_no: &trade_no,
                    person_id: person,
                    org_id: org,
                    provider: name,
                    first_month: plan.months.first().copied(),
                    last_month: plan.months.last().copied(),
                    dues_fen: plan.dues_fen,
                    voluntary_fen: voluntary,
                    now,
                },
            )?;
            crate::audit::repo::record::<(), _>(
                conn,
                Some(&actor),
                "dues.order_created",
                "dues_order",
                id,
                None,
                Some(&serde_json::json!({ "out_trade_no": trade_no, "amount_fen": plan.dues_fen + voluntary })),
            )?;
            Ok((id, plan.dues_fen + voluntary))
        })
        .await?;
    let ip = "127.0.0.1".to_string();
    let trade_no = out_trade_no.clone();
    let opened = web::block(move || {
        provider.create_order(&OrderRequest {
            out_trade_no: &trade_no,
            description: "党费",
            total_fen: amount,
            client_ip: &ip,
        })
    })
    .await
    .map_err(ApiError::internal)?;
    let row = state
        .db
        .write(move |conn| {
            match &opened {
                Ok(url) => orders::set_pay_url(conn, id, url, now)?,
                Err(e) => {
                    tracing::warn!(error = %e, "online payment order refused");
                    orders::close(conn, id, now)?;
                }
            }
            Ok((orders::get(conn, id)?, opened.is_ok()))
        })
        .await?;
    match row {
        (row, true) => Ok(HttpResponse::Created().json(view(row))),
        _ => Err(unavailable()),
    }
}

/// One of my orders; a pending one is checked with the provider first (a notification may be late).
#[utoipa::path(tag = "dues", params(("id" = i64, Path)), responses((status = 200, body = OrderView), (status = 404, body = ErrorBody)), security(("bearer" = [])))]
#[get("/dues/me/orders/{id}")]
pub async fn get_order(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<i64>,
) -> Result<web::Json<OrderView>, ApiError> {
    let id = id.into_inner();
    let person = actor.person_id.map(|p| p.0);
    let row = state.db.read(move |conn| orders::get(conn, id)).await?;
    if Some(row.2) != person {
        return Err(ApiError::not_found("支付订单"));
    }
    if row.9 != "pending" {
        return Ok(web::Json(view(row)));
    }
    let Some(provider) = online::configured(&state.config)? else { return Ok(web::Json(view(row))) };
    let trade_no = row.1.clone();
    let answer = web::block(move || provider.query(&trade_no)).await.map_err(ApiError::internal)?;
    let txn = match answer {
        Ok(Some(txn)) if txn.success && txn.out_trade_no == row.1 => txn,
        Ok(_) => return Ok(web::Json(view(row))),
        Err(e) => {
            tracing::warn!(error = %e, "payment query failed");
            return Ok(web::Json(view(row)));
        }
    };
    let (config, today, now) = (state.config.clone(), state.clock.today(), state.clock.now());
    let row = state
        .db
        .write(move |conn| {
            online::apply(conn, &config, "wechat_pay", &txn, today, now)?;
            orders::get(conn, id)
        })
        .await?;
    Ok(web::Json(view(row)))
}

/// WeChat Pay's asynchronous notification (no session: it is verified by the platform's
/// signature and decrypted with the APIv3 key). 204 when taken, also for a repeat.
#[utoipa::path(tag = "dues", request_body(content = serde_json::Value, description = "WeChat Pay notification (encrypted resource)"), responses((status = 204), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
#[post("/dues/notify/wechatpay")]
pub async fn notify(
    state: web::Data<AppState>,
    request: HttpRequest,
    body: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    let Some(provider) = online::configured(&state.config)? else {
        return Err(ApiError::not_found("在线支付"));
    };
    let headers: Vec<(String, String)> = request
        .headers()
        .iter()
        .filter_map(|(k, v)| Some((k.as_str().to_string(), v.to_str().ok()?.to_string())))
        .collect();
    let header = |name: &str| headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.clone());
    let now = state.clock.now();
    let txn = match provider.verify_notification(&header, &body) {
        Ok(txn) => txn,
        Err(reason) => {
            tracing::warn!(%reason, "payment notification refused");
            state
                .db
                .write(move |conn| orders::log_notification(conn, "wechat_pay", None, false, "refused", now))
                .await?;
            return Err(ApiError::bad_request("signature", "通知验签失败"));
        }
    };
    let (config, today) = (state.config.clone(), state.clock.today());
    state.db.write(move |conn| online::apply(conn, &config, "wechat_pay", &txn, today, now)).await?;
    Ok(HttpResponse::NoContent().finish())
}
