//! A 请示 laid out like the printed document (GB/T 9704): the red 发文机关标志, the 发文字号 and
//! 签发人, the red rule, the centred title, the 主送机关, paragraphs indented two characters
//! (headings by level), the 附件 list, the 署名 and date at the right, and the contact line.

use yew::prelude::*;

#[derive(Properties, PartialEq, Clone)]
pub(crate) struct PaperProps {
    pub org: AttrValue,
    pub to_org: AttrValue,
    pub title: AttrValue,
    pub body: AttrValue,
    #[prop_or_default]
    pub doc_number: Option<AttrValue>,
    #[prop_or_default]
    pub signer: Option<AttrValue>,
    #[prop_or_default]
    pub attachments: Vec<String>,
    pub date: AttrValue,
    #[prop_or_default]
    pub contact: Option<AttrValue>,
    #[prop_or_default]
    pub label: AttrValue,
}

#[component]
pub(crate) fn Paper(p: &PaperProps) -> Html {
    let lines = p.body.lines().map(str::trim).filter(|l| !l.is_empty()).map(|line| {
        let class = shared::rules::requests::heading_level(line).map(|n| format!("paper-h{n}"));
        html! { <p class={classes!("paper-p", class)}>{ line.to_string() }</p> }
    });
    let attachments = p.attachments.iter().filter(|a| !a.trim().is_empty()).collect::<Vec<_>>();
    let numbered = attachments.len() > 1;
    html! {
        <article class="paper" aria-label={p.label.clone()}>
            <div class="paper-issuer">{ shared::rules::requests::issuer_mark(&p.org) }</div>
            <div class="paper-numbers">
                <span>{ p.doc_number.clone().unwrap_or_default() }</span>
                if let Some(signer) = &p.signer { <span>{ format!("签发人：{signer}") }</span> }
            </div>
            <hr class="paper-rule" />
            <h2 class="paper-title">{ p.title.clone() }</h2>
            <p class="paper-to">{ format!("{}：", p.to_org) }</p>
            { for lines }
            if !attachments.is_empty() {
                <div class="paper-attachments">{ for attachments.iter().enumerate().map(|(i, a)| {
                    let name = if numbered { format!("{}. {a}", i + 1) } else { a.to_string() };
                    html! { <p class="paper-p">{ if i == 0 { format!("附件：{name}") } else { format!("　　　{name}") } }</p> }
                }) }</div>
            }
            <p class="paper-sign org">{ p.org.clone() }</p>
            <p class="paper-sign">{ p.date.clone() }</p>
            if let Some(contact) = &p.contact { <p class="paper-p">{ contact.clone() }</p> }
        </article>
    }
}
