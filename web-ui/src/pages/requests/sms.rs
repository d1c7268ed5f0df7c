//! `/a/{token}`: the page an approver's SMS link opens, on a phone and without logging in: the
//! request's title, org, 发文字号 and text, its PDF, and 同意 / 退回 (with a comment). A link
//! already used, expired or unknown says so and offers the login instead.

use shared::api::requests::{SmsApprovalView, SmsDecision};
use shared::api::workflow::Decision;
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::api::ApiError;
use crate::components::states::{ErrorBox, Loading};
use crate::i18n::request_case::{SmsTexts, sms_of};
use crate::pages::transfers::problem;
use crate::routes::Route;
use crate::state::use_texts;

/// The page of the `sms_approval` area.
pub fn view(route: &Route) -> Html {
    match route {
        Route::SmsApproval { token } => html! { <SmsPage token={token.clone()} /> },
        _ => Html::default(),
    }
}

#[derive(Properties, PartialEq)]
struct PageProps {
    token: String,
}

#[derive(Debug, Clone, PartialEq)]
enum State {
    Loading,
    Ready(SmsApprovalView),
    Failed(ApiError),
}

/// A link that cannot be used any more (unknown, expired, or its token refused).
fn gone(e: &ApiError) -> bool {
    matches!(e.status, 401 | 403 | 404 | 410)
}

fn expired(t: &SmsTexts, message: &'static str) -> Html {
    html! {
        <section class="card" id="sms-expired">
            <p class="notice warn" role="alert">{ message }</p>
            <a class="button secondary wide" href={Route::Login.to_path()}>{ t.login }</a>
        </section>
    }
}

#[component]
fn SmsPage(props: &PageProps) -> Html {
    let texts = use_texts();
    let t = sms_of(texts);
    let state = use_state(|| State::Loading);
    let attempt = use_state(|| 0u32);
    {
        let state = state.clone();
        use_effect_with((props.token.clone(), *attempt), move |(token, _)| {
            let token = token.clone();
            spawn_local(async move {
                state.set(match crate::api::requests::sms_view(&token).await {
                    Ok(v) => State::Ready(v),
                    Err(e) => State::Failed(e),
                });
            });
            || ()
        });
    }
    let retry = {
        let attempt = attempt.clone();
        Callback::from(move |_| attempt.set(*attempt + 1))
    };
    let decided = use_state(|| None::<Decision>);
    let on_decided = {
        let (state, decided) = (state.clone(), decided.clone());
        Callback::from(move |(d, v): (Decision, SmsApprovalView)| {
            decided.set(Some(d));
            state.set(State::Ready(v));
        })
    };
    let content = match &*state {
        State::Loading => html! { <Loading /> },
        State::Failed(e) if gone(e) => expired(t, t.expired),
        State::Failed(e) => html! { <ErrorBox error={e.clone()} on_retry={Some(retry)} /> },
        State::Ready(v) => html! {
            <>
                <section class="card" id="sms-request" data-request={v.request_id.to_string()}>
                    <p class="muted">{ t.title }</p>
                    <h1 class="page-title" id="sms-title">{ v.title.clone() }</h1>
                    <dl class="kv-list">
                        <div class="kv"><dt>{ t.org }</dt><dd>{ v.org.clone() }</dd></div>
                        <div class="kv"><dt>{ t.doc_number }</dt><dd>{ v.doc_number.clone() }</dd></div>
                        <div class="kv"><dt>{ t.approver }</dt><dd>{ v.approver.clone() }</dd></div>
                        <div class="kv"><dt>{ t.expires }</dt><dd>{ shared::time::fmt_china(v.expires_at) }</dd></div>
                    </dl>
                    <a class="button secondary wide" id="sms-pdf" href={v.pdf_url.clone()} target="_blank" rel="noopener">{ t.request_pdf }</a>
                </section>
                <section class="card paper sms-body" id="sms-body">
                    { for v.body.lines().map(str::trim).filter(|l| !l.is_empty()).map(|l| html! { <p class="paper-p">{ l.to_string() }</p> }) }
                </section>
                { match *decided {
                    Some(Decision::Approve) => html! { <p class="notice ok" role="status" id="sms-result">{ t.approved }</p> },
                    Some(_) => html! { <p class="notice ok" role="status" id="sms-result">{ t.returned }</p> },
                    None if v.used => html! { <p class="notice" role="status" id="sms-used">{ t.used }</p> },
                    None => html! { <Decide token={props.token.clone()} on_done={on_decided} /> },
                } }
            </>
        },
    };
    html! { <div class="page sms-approval">{ content }</div> }
}

#[derive(Properties, PartialEq)]
struct DecideProps {
    token: String,
    on_done: Callback<(Decision, SmsApprovalView)>,
}

/// 同意 (after a confirmation) or 退回 with a comment.
#[component]
fn Decide(props: &DecideProps) -> Html {
    let texts = use_texts();
    let t = sms_of(texts);
    let asking = use_state(|| None::<Decision>);
    let comment = use_state(String::new);
    let missing = use_state(|| false);
    let busy = use_state(|| false);
    let error = use_state(|| None::<ApiError>);
    let send = {
        let (token, on_done, comment, busy, error, missing) =
            (props.token.clone(), props.on_done.clone(), comment.clone(), busy.clone(), error.clone(), missing.clone());
        Callback::from(move |decision: Decision| {
            let text = comment.trim().to_string();
            if decision == Decision::Return && text.is_empty() {
                missing.set(true);
                return;
            }
            if *busy {
                return;
            }
            busy.set(true);
            error.set(None);
            let body = SmsDecision { decision, comment: (!text.is_empty()).then_some(text) };
            let (token, on_done, busy, error) = (token.clone(), on_done.clone(), busy.clone(), error.clone());
            spawn_local(async move {
                match crate::api::requests::sms_decide(&token, &body).await {
                    Ok(v) => on_done.emit((decision, v)),
                    Err(e) => error.set(Some(e)),
                }
                busy.set(false);
            });
        })
    };
    if let Some(e) = &*error
        && gone(e)
    {
        return expired(t, t.expired);
    }
    let open = |d: Decision| {
        let (asking, missing) = (asking.clone(), missing.clone());
        move |_: MouseEvent| {
            missing.set(false);
            asking.set(Some(d));
        }
    };
    let confirm = |d: Decision| {
        let send = send.clone();
        move |_: MouseEvent| send.emit(d)
    };
    let comment_error = (*missing).then_some(t.need_comment);
    html! {
        <section class="card" id="sms-decide">
            { problem(&error, "sms-error", t.expired) }
            { match *asking {
                None => html! {
                    <div class="form-actions sms-actions">
                        <button class="button secondary" type="button" id="sms-return" onclick={open(Decision::Return)}>{ t.return_back }</button>
                        <button class="button primary" type="button" id="sms-approve" onclick={open(Decision::Approve)}>{ t.approve }</button>
                    </div>
                },
                Some(Decision::Approve) => html! {
                    <div class="reject-box confirm-box" role="dialog" aria-labelledby="sms-question">
                        <p class="list-title" id="sms-question">{ t.confirm_approve }</p>
                        <div class="form-actions">
                            <button class="button secondary" type="button" onclick={let a = asking.clone(); move |_| a.set(None)}>{ texts.cancel }</button>
                            <button class="button primary" type="button" id="sms-approve-confirm" disabled={*busy} onclick={confirm(Decision::Approve)}>{ t.sure_approve }</button>
                        </div>
                    </div>
                },
                Some(_) => html! {
                    <div class="reject-box" role="dialog" aria-labelledby="sms-comment-label">
                        <div class={classes!("field", comment_error.is_some().then_some("invalid"))}>
                            <label for="sms-comment" id="sms-comment-label">{ t.return_reason }</label>
                            <textarea id="sms-comment" rows="4" maxlength="500" value={(*comment).clone()} aria-invalid={comment_error.is_some().to_string()}
                                oninput={let (c, m) = (comment.clone(), missing.clone()); super::on_text(Callback::from(move |v| { m.set(false); c.set(v) }))} />
                            if let Some(e) = comment_error { <p class="field-error">{ e }</p> }
                        </div>
                        <div class="form-actions">
                            <button class="button secondary" type="button" onclick={let a = asking.clone(); move |_| a.set(None)}>{ texts.cancel }</button>
                            <button class="button primary" type="button" id="sms-return-confirm" disabled={*busy} onclick={confirm(Decision::Return)}>{ t.confirm_return }</button>
                        </div>
                    </div>
                },
            } }
        </section>
    }
}
