//! The attachments of a meeting and, for 民主评议, the ratings.

use shared::api::meetings::{Rating, RatingReport, RatingRequest};
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::components::load::{Load, use_load};
use crate::components::states::render;
use crate::state::use_texts;

#[derive(Properties, PartialEq)]
pub struct ExtrasProps {
    pub id: i64,
    pub can_manage: bool,
    pub locked: bool,
}

#[component]
pub fn Attachments(props: &ExtrasProps) -> Html {
    let t = crate::i18n::meetings::of(use_texts());
    let (list, retry) = use_load(props.id, crate::api::meeting_extras::attachments);
    let input = use_node_ref();
    let message = use_state(|| None::<String>);
    let upload = {
        let (input, message, retry, id) = (input.clone(), message.clone(), retry.clone(), props.id);
        Callback::from(move |_| {
            let Some(file) = input.cast::<HtmlInputElement>().and_then(|i| i.files()).and_then(|f| f.get(0)) else {
                return message.set(Some(t.choose_file_first.into()));
            };
            let (message, retry) = (message.clone(), retry.clone());
            spawn_local(async move {
                match crate::api::meeting_extras::upload(id, file).await {
                    Ok(a) => {
                        message.set(Some((t.uploaded)(a.file_name)));
                        retry.emit(());
                    }
                    Err(e) => {
                        message.set(Some(e.fields().first().map_or(e.body.message.clone(), |f| f.message.clone())))
                    }
                }
            });
        })
    };
    html! {
        <section class="card">
            <h2>{ t.attachments }</h2>
            { render(&list, &retry, |items| html! {
                <ul class="list" id="attachments">{ for items.iter().map(|a| html! {
                    <li class="list-row"><a href={a.url.clone()} target="_blank">{ a.file_name.clone() }</a>
                        <span class="list-sub">{ format!("{} KB", (a.size_bytes + 1023) / 1024) }</span></li>
                }) }</ul>
            }) }
            if props.can_manage && !props.locked {
                <div class="form-actions">
                    <input type="file" id="attachment-file" accept=".jpg,.jpeg,.png,.pdf,.docx,.xlsx" ref={input} />
                    <button class="button secondary" id="attachment-upload" onclick={upload}>{ t.upload }</button>
                </div>
            }
            if let Some(text) = &*message { <p class="notice" id="attachment-message">{ text.clone() }</p> }
        </section>
    }
}

#[component]
pub fn Ratings(props: &ExtrasProps) -> Html {
    let t = crate::i18n::meetings::of(use_texts());
    let report = use_state(|| Load::<RatingReport>::Loading);
    let text = use_state(String::new);
    {
        let report = report.clone();
        use_effect_with(props.id, move |id| {
            let id = *id;
            spawn_local(async move {
                report.set(match crate::api::meeting_extras::ratings(id).await {
                    Ok(r) => Load::Ready(r),
                    Err(e) => Load::Failed(e),
                });
            });
            || ()
        });
    }
    let set = |result: Result<RatingReport, crate::api::ApiError>, report: &UseStateHandle<Load<RatingReport>>| {
        report.set(match result {
            Ok(r) => Load::Ready(r),
            Err(e) => Load::Failed(e),
        })
    };
    let Load::Ready(r) = &*report else {
        return if let Load::Failed(e) = &*report {
            html! { <crate::components::states::ErrorBox error={e.clone()} /> }
        } else {
            html! {}
        };
    };
    let id = props.id;
    html! {
        <section class="card form" id="ratings">
            <h2>{ t.review }</h2>
            <p class="muted">{ (t.rating_counts)((r.counts[0], r.counts[1], r.counts[2], r.counts[3], r.counts[4])) }</p>
            if !props.can_manage {
                <div class="field"><label for="self-text">{ t.self_assessment }</label>
                    <textarea id="self-text" rows="4" value={r.rows.first().and_then(|x| x.self_assessment.clone()).unwrap_or_else(|| (*text).clone())}
                        oninput={let t = text.clone(); Callback::from(move |e: InputEvent| t.set(e.target_unchecked_into::<web_sys::HtmlTextAreaElement>().value()))} /></div>
                <div class="form-actions"><button class="button primary" onclick={{
                    let (report, text) = (report.clone(), text.clone());
                    Callback::from(move |_| { let (report, text) = (report.clone(), (*text).clone()); spawn_local(async move { set(crate::api::meeting_extras::self_assess(id, &text).await, &report) }) })
                }}>{ t.submit_self_assessment }</button></div>
            } else {
                <ul class="list">{ for r.rows.iter().map(|row| {
                    let (report, person) = (report.clone(), row.person_id);
                    let peer_id = format!("peer-{}", person.0);
                    let onchange = Callback::from(move |e: Event| {
                        let code = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
                        // The four 民主测评 counts typed next to the rating, "优秀/合格/基本合格/不合格".
                        let typed = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(&format!("peer-{}", person.0)))
                            .map(|el| el.unchecked_into::<HtmlInputElement>().value()).unwrap_or_default();
                        let mut peer = [0u32; 4];
                        for (slot, n) in peer.iter_mut().zip(typed.split(['/', ' ', ',']).filter_map(|x| x.trim().parse().ok())) {
                            *slot = n;
                        }
                        let Some(rating) = Rating::from_code(&code) else { return };
                        let body = RatingRequest { person_id: person, peer_excellent: peer[0], peer_qualified: peer[1], peer_basic: peer[2], peer_unqualified: peer[3], committee_rating: rating };
                        let report = report.clone();
                        spawn_local(async move { set(crate::api::meeting_extras::rate(id, &body).await, &report) });
                    });
                    html! { <li class="list-row">
                        <span class="list-title">{ row.name.clone() }<span class="list-sub">{ row.self_assessment.clone().map(t.self_assessment_of).unwrap_or_default() }</span></span>
                        <input class="vote-input" id={peer_id} placeholder={t.peer_votes} aria-label={(t.peer_votes_of)(row.name.clone())}
                            value={format!("{}/{}/{}/{}", row.peer[0], row.peer[1], row.peer[2], row.peer[3])} />
                        <select aria-label={(t.rating_of)(row.name.clone())} {onchange}>
                            <option value="" selected={row.committee_rating.is_none()}>{ t.unrated }</option>
                            { for Rating::ALL.iter().map(|x| html! { <option value={x.code()} selected={row.committee_rating == Some(*x)}>{ x.label() }</option> }) }
                        </select>
                    </li> }
                }) }</ul>
            }
        </section>
    }
}
