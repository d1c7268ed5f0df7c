//! Formatted meeting minutes without HTML: `# ` headings, `- ` list items and `**bold**`,
//! written with a small toolbar and rendered as text nodes (nothing the user types becomes markup).

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

fn inline(line: &str) -> Html {
    let parts: Vec<&str> = line.split("**").collect();
    html! { <>{ for parts.iter().enumerate().map(|(i, part)| if i % 2 == 1 && i + 1 < parts.len() { html! { <strong>{ *part }</strong> } } else { html! { { *part } } }) }</> }
}

/// Renders minutes written with the toolbar's markers.
pub fn render(text: &str) -> Html {
    let mut blocks: Vec<Html> = Vec::new();
    let mut items: Vec<Html> = Vec::new();
    let flush = |items: &mut Vec<Html>, blocks: &mut Vec<Html>| {
        if !items.is_empty() {
            blocks.push(html! { <ul>{ for items.drain(..) }</ul> });
        }
    };
    for line in text.lines() {
        if let Some(item) = line.strip_prefix("- ") {
            items.push(html! { <li>{ inline(item) }</li> });
            continue;
        }
        flush(&mut items, &mut blocks);
        if let Some(title) = line.strip_prefix("# ") {
            blocks.push(html! { <h3>{ inline(title) }</h3> });
        } else if !line.trim().is_empty() {
            blocks.push(html! { <p>{ inline(line) }</p> });
        }
    }
    flush(&mut items, &mut blocks);
    html! { <div class="richtext">{ for blocks }</div> }
}

#[derive(Properties, PartialEq)]
pub struct EditorProps {
    pub id: AttrValue,
    pub value: AttrValue,
    pub oninput: Callback<String>,
}

/// A textarea with 标题 / 加粗 / 列表 buttons that wrap the selection in markers.
#[component]
pub fn RichTextEditor(props: &EditorProps) -> Html {
    let t = crate::state::use_texts();
    let area = use_node_ref();
    let apply = |before: &'static str, after: &'static str, line_start: bool| {
        let (area, oninput) = (area.clone(), props.oninput.clone());
        Callback::from(move |_| {
            let Some(el) = area.cast::<HtmlTextAreaElement>() else { return };
            let text = el.value();
            let chars: Vec<char> = text.chars().collect();
            let start = el.selection_start().ok().flatten().unwrap_or(chars.len() as u32) as usize;
            let end = el.selection_end().ok().flatten().unwrap_or(start as u32) as usize;
            let (start, end) = (start.min(chars.len()), end.min(chars.len()));
            let start =
                if line_start { chars[..start].iter().rposition(|c| *c == '\n').map_or(0, |p| p + 1) } else { start };
            let new: String = chars[..start]
                .iter()
                .chain(before.chars().collect::<Vec<_>>().iter())
                .chain(chars[start..end].iter())
                .chain(after.chars().collect::<Vec<_>>().iter())
                .chain(chars[end..].iter())
                .collect();
            el.set_value(&new);
            oninput.emit(new);
        })
    };
    let oninput = {
        let cb = props.oninput.clone();
        Callback::from(move |e: InputEvent| cb.emit(e.target_unchecked_into::<HtmlTextAreaElement>().value()))
    };
    html! {
        <div class="rt-editor">
            <div class="rt-toolbar">
                <button type="button" class="button secondary" onclick={apply("# ", "", true)}>{ t.rich_heading }</button>
                <button type="button" class="button secondary" onclick={apply("**", "**", false)}><strong>{ t.rich_bold }</strong></button>
                <button type="button" class="button secondary" onclick={apply("- ", "", true)}>{ t.rich_list }</button>
            </div>
            <textarea id={props.id.clone()} rows="8" ref={area} value={props.value.clone()} {oninput} />
        </div>
    }
}
