//! The 政工部门's notification service settings: the SMS rules (quiet hours, daily cap, price),
//! the SMS provider with its write-only secret and template codes, and the mail server.

use shared::api::notify::{MailServerUpdate, MailServerView, NotifyPolicy, SmsProviderUpdate, SmsProviderView};
use yew::prelude::*;

use crate::components::fields::{SelectField, TextField};
use crate::components::load::{on_submit, use_load, use_submit};
use crate::components::states::render;
use crate::i18n::notify::of;
use crate::state::use_texts;

#[component]
pub fn NotifySettingsPage() -> Html {
    let t = of(use_texts());
    let (policy, policy_retry) = use_load((), |_| crate::api::notify::policy());
    let (sms, sms_retry) = use_load((), |_| crate::api::notify::sms_provider());
    let (mail, mail_retry) = use_load((), |_| crate::api::notify::mail_server());
    html! {
        <div class="page notify-settings">
            <h1 class="page-title">{ t.service_settings }</h1>
            { render(&policy, &policy_retry, |p| html! { <PolicyForm policy={*p} /> }) }
            { render(&sms, &sms_retry, |s| html! { <SmsForm view={s.clone()} /> }) }
            { render(&mail, &mail_retry, |m| html! { <MailForm view={m.clone()} /> }) }
        </div>
    }
}

fn number<T: std::str::FromStr + Copy + 'static>(state: &UseStateHandle<T>) -> Callback<String> {
    let state = state.clone();
    Callback::from(move |v: String| {
        if let Ok(n) = v.trim().parse() {
            state.set(n);
        }
    })
}

/// An input's callback that changes one field of a settings struct held in `state`.
fn edit<T: Clone + 'static>(state: &UseStateHandle<T>, apply: fn(&mut T, String)) -> Callback<String> {
    let state = state.clone();
    Callback::from(move |v: String| {
        let mut next = (*state).clone();
        apply(&mut next, v);
        state.set(next);
    })
}

fn text_state(state: &UseStateHandle<String>) -> Callback<String> {
    let state = state.clone();
    Callback::from(move |v: String| state.set(v))
}

#[derive(Properties, PartialEq)]
struct PolicyProps {
    policy: NotifyPolicy,
}

#[component]
fn PolicyForm(props: &PolicyProps) -> Html {
    let t = of(use_texts());
    let p = props.policy;
    let from = use_state(|| p.quiet_from_hour);
    let until = use_state(|| p.quiet_until_hour);
    let cap = use_state(|| p.daily_sms_cap);
    let price = use_state(|| p.sms_price_li);
    let saved = use_state(|| false);
    let run = {
        let (from, until, cap, price) = (from.clone(), until.clone(), cap.clone(), price.clone());
        move || {
            let policy = NotifyPolicy {
                quiet_from_hour: *from,
                quiet_until_hour: *until,
                daily_sms_cap: *cap,
                sms_price_li: *price,
            };
            async move { crate::api::notify::save_policy(&policy).await }
        }
    };
    let (submit, busy, error) = use_submit(run, {
        let saved = saved.clone();
        Callback::from(move |_| saved.set(true))
    });
    let field = |name: &str| super::field_error(&error, name);
    html! {
        <form class="card form" id="policy-form" onsubmit={on_submit(&submit)}>
            <h2>{ t.policy }</h2>
            <TextField label={t.quiet_from} name="quiet_from_hour" input_type="number" value={from.to_string()} oninput={number(&from)} error={field("quiet_from_hour")} />
            <TextField label={t.quiet_until} name="quiet_until_hour" input_type="number" value={until.to_string()} oninput={number(&until)} error={field("quiet_until_hour")} />
            <TextField label={t.daily_cap} name="daily_sms_cap" input_type="number" value={cap.to_string()} oninput={number(&cap)} error={field("daily_sms_cap")} />
            <TextField label={t.price_li} name="sms_price_li" input_type="number" value={price.to_string()} oninput={number(&price)} error={field("sms_price_li")} />
            <button class="button primary" type="submit" disabled={*busy}>{ t.save }</button>
            if *saved { <p class="notice ok" role="status">{ t.saved }</p> }
        </form>
    }
}

#[derive(Properties, PartialEq)]
struct SmsProps {
    view: SmsProviderView,
}

#[component]
fn SmsForm(props: &SmsProps) -> Html {
    let t = of(use_texts());
    let settings = use_state(|| props.view.settings.clone());
    let secret = use_state(String::new);
    let saved = use_state(|| props.view.secret_set);
    let set = |apply: fn(&mut shared::api::notify::SmsProviderSettings, String)| edit(&settings, apply);
    let run = {
        let (settings, secret) = (settings.clone(), secret.clone());
        move || {
            let update = SmsProviderUpdate {
                settings: (*settings).clone(),
                secret: Some((*secret).clone()).filter(|s| !s.is_empty()),
            };
            async move { crate::api::notify::save_sms_provider(&update).await }
        }
    };
    let (submit, busy, error) = use_submit(run, {
        let saved = saved.clone();
        Callback::from(move |v: SmsProviderView| saved.set(v.secret_set))
    });
    let field = |name: &str| super::field_error(&error, name);
    let s = &*settings;
    let kind = s.provider.as_str();
    let providers = vec![
        ("none".to_string(), t.provider_none.to_string()),
        ("http_gateway".into(), "短信网关（HTTP）".into()),
        ("aliyun".into(), "阿里云短信".into()),
        ("tencent".into(), "腾讯云短信".into()),
    ];
    html! {
        <form class="card form" id="sms-provider-form" onsubmit={on_submit(&submit)}>
            <h2>{ t.sms_provider }</h2>
            <SelectField label={t.sms_provider} name="provider" options={providers} value={s.provider.clone()} onchange={set(|s, v| s.provider = v)} error={field("provider")} />
            if kind != "none" {
                <TextField label={t.sign_name} name="sign_name" value={s.sign_name.clone()} oninput={set(|s, v| s.sign_name = v)} error={field("sign_name")} />
                <TextField label={t.endpoint} name="endpoint" value={s.endpoint.clone()} oninput={set(|s, v| s.endpoint = v)} error={field("endpoint")} />
                if kind != "http_gateway" {
                    <TextField label={t.key_id} name="access_key_id" value={s.access_key_id.clone()} oninput={set(|s, v| s.access_key_id = v)} error={field("access_key_id")} />
                }
                if kind == "tencent" {
                    <TextField label={t.app_id} name="app_id" value={s.app_id.clone()} oninput={set(|s, v| s.app_id = v)} error={field("app_id")} />
                    <TextField label={t.region} name="region" value={s.region.clone()} oninput={set(|s, v| s.region = v)} error={field("region")} />
                }
                if kind == "http_gateway" {
                    <SelectField label={t.gateway_format} name="gateway_format" options={vec![("json".to_string(), "JSON".to_string()), ("form".into(), "表单".into()), ("query".into(), "GET 查询串".into())]}
                        value={s.gateway_format.clone()} onchange={set(|s, v| s.gateway_format = v)} error={field("gateway_format")} />
                    <TextField label={t.gateway_body} name="gateway_body" value={s.gateway_body.clone()} oninput={set(|s, v| s.gateway_body = v)} error={field("gateway_body")}
                        placeholder={"{\"mobile\":\"{phone}\",\"content\":\"【{sign}】{text}\"}"} />
                    <TextField label={t.gateway_auth_header} name="gateway_auth_header" value={s.gateway_auth_header.clone()} oninput={set(|s, v| s.gateway_auth_header = v)} />
                    <TextField label={t.result_pointer} name="gateway_result_pointer" value={s.gateway_result_pointer.clone()} oninput={set(|s, v| s.gateway_result_pointer = v)} error={field("gateway_result_pointer")} placeholder="/code" />
                    <TextField label={t.success_value} name="gateway_success_value" value={s.gateway_success_value.clone()} oninput={set(|s, v| s.gateway_success_value = v)} error={field("gateway_success_value")} placeholder="0" />
                    <TextField label={t.message_id_pointer} name="gateway_message_id_pointer" value={s.gateway_message_id_pointer.clone()} oninput={set(|s, v| s.gateway_message_id_pointer = v)} placeholder="/data/msgid" />
                }
                <TextField label={t.secret} name="secret" input_type="password" value={(*secret).clone()} oninput={text_state(&secret)} error={field("secret")}
                    placeholder={if *saved { t.secret_kept } else { "" }} autocomplete="new-password" />
                if kind != "http_gateway" {
                    <fieldset class="checks">
                        <legend>{ t.template_codes }</legend>
                        { for shared::sms::TEMPLATES.iter().map(|tpl| {
                            let key = tpl.key.to_string();
                            let settings = settings.clone();
                            let oninput = Callback::from(move |v: String| {
                                let mut next = (*settings).clone();
                                if v.trim().is_empty() { next.template_codes.remove(&key); } else { next.template_codes.insert(key.clone(), v); }
                                settings.set(next);
                            });
                            html! {
                                <TextField label={format!("{}：{}", tpl.title, tpl.text)} name={format!("code-{}", tpl.key)}
                                    value={s.template_codes.get(tpl.key).cloned().unwrap_or_default()} {oninput} />
                            }
                        }) }
                        if let Some(e) = field("template_codes") { <p class="field-error">{ e }</p> }
                    </fieldset>
                }
            }
            if let Some(e) = &*error { if e.fields().is_empty() { <p class="form-error" role="alert">{ e.body.message.clone() }</p> } }
            <button class="button primary" type="submit" disabled={*busy}>{ t.save }</button>
        </form>
    }
}

#[derive(Properties, PartialEq)]
struct MailProps {
    view: MailServerView,
}

#[component]
fn MailForm(props: &MailProps) -> Html {
    let t = of(use_texts());
    let settings = use_state(|| props.view.settings.clone());
    let password = use_state(String::new);
    let password_set = use_state(|| props.view.password_set);
    let set = |apply: fn(&mut shared::api::notify::MailServerSettings, String)| edit(&settings, apply);
    let run = {
        let (settings, password) = (settings.clone(), password.clone());
        move || {
            let update = MailServerUpdate {
                settings: (*settings).clone(),
                password: Some((*password).clone()).filter(|p| !p.is_empty()),
            };
            async move { crate::api::notify::save_mail_server(&update).await }
        }
    };
    let (submit, busy, error) = use_submit(run, {
        let set = password_set.clone();
        Callback::from(move |v: MailServerView| set.set(v.password_set))
    });
    let field = |name: &str| super::field_error(&error, name);
    let s = &*settings;
    let security = vec![
        ("starttls".to_string(), "STARTTLS".to_string()),
        ("tls".into(), "TLS（465）".into()),
        ("none".into(), "不加密（内网中继）".into()),
    ];
    html! {
        <form class="card form" id="mail-server-form" onsubmit={on_submit(&submit)}>
            <h2>{ t.mail_server }</h2>
            <TextField label={t.mail_host} name="host" value={s.host.clone()} oninput={set(|s, v| s.host = v)} error={field("host")} />
            <TextField label={t.mail_port} name="port" input_type="number" value={s.port.to_string()} oninput={set(|s, v| s.port = v.trim().parse().unwrap_or(s.port))} error={field("port")} />
            <SelectField label={t.mail_security} name="security" options={security} value={s.security.clone()} onchange={set(|s, v| s.security = v)} error={field("security")} />
            <TextField label={t.mail_user} name="username" value={s.username.clone()} oninput={set(|s, v| s.username = v)} />
            <TextField label={t.mail_password} name="password" input_type="password" value={(*password).clone()} oninput={text_state(&password)}
                placeholder={if *password_set { t.secret_kept } else { "" }} autocomplete="new-password" />
            <TextField label={t.mail_from} name="from_address" value={s.from_address.clone()} oninput={set(|s, v| s.from_address = v)} error={field("from_address")} />
            <TextField label={t.mail_from_name} name="from_name" value={s.from_name.clone()} oninput={set(|s, v| s.from_name = v)} />
            if let Some(e) = &*error { if e.fields().is_empty() { <p class="form-error" role="alert">{ e.body.message.clone() }</p> } }
            <button class="button primary" type="submit" disabled={*busy}>{ t.save }</button>
        </form>
    }
}
