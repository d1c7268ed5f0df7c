//! A draft as typed in the form, checked here before it is sent, and turned into the request
//! the API takes.

use std::collections::BTreeMap;

use serde_json::{Map, Value};
use shared::api::requests::{DraftInput, RequestTemplate, TemplateFieldKind};
use shared::{OrgId, UserId};

use crate::i18n::request_form::FormTexts;

/// The draft as typed.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Draft {
    pub template: Option<RequestTemplate>,
    pub values: BTreeMap<String, String>,
    pub body: String,
    pub attachments: Vec<String>,
    pub signer: String,
    pub contact: String,
    pub phone: String,
}

impl Draft {
    /// `template` chosen: values of fields with the same name are kept, the body starts over.
    pub fn with_template(&self, template: &RequestTemplate) -> Draft {
        let values = self.values.iter().filter(|(k, _)| template.fields.iter().any(|f| f.name == **k));
        Draft {
            values: values.map(|(k, v)| (k.clone(), v.clone())).collect(),
            body: template.body.clone(),
            template: Some(template.clone()),
            ..self.clone()
        }
    }
}

/// The request, and what is missing or wrong, by request field (`fields.<name>` for a
/// template's field).
pub(super) fn check(t: &FormTexts, d: &Draft) -> (Map<String, Value>, BTreeMap<String, String>) {
    let mut fields = Map::new();
    let mut errors = BTreeMap::new();
    for f in d.template.iter().flat_map(|t| &t.fields) {
        let raw = d.values.get(&f.name).map(|v| v.trim().to_string()).unwrap_or_default();
        let key = format!("fields.{}", f.name);
        if raw.is_empty() {
            if f.required {
                errors.insert(key, (t.need_field)(&f.label));
            }
            continue;
        }
        let value = match f.kind {
            // Counts: whole numbers only (no float parsing in this area's code).
            TemplateFieldKind::Number => match raw.parse::<i64>() {
                Ok(n) => Value::from(n),
                Err(_) => {
                    errors.insert(key, t.bad_number.to_string());
                    continue;
                }
            },
            TemplateFieldKind::Date if shared::time::parse_date(&raw).is_none() => {
                errors.insert(key, t.bad_date.to_string());
                continue;
            }
            _ => Value::String(raw),
        };
        fields.insert(f.name.clone(), value);
    }
    if d.signer.is_empty() {
        errors.insert("signer_user_id".into(), t.need_signer.into());
    }
    if d.contact.trim().is_empty() {
        errors.insert("contact".into(), t.need_contact.into());
    }
    if !super::is_mobile(d.phone.trim()) {
        errors.insert("contact_phone".into(), t.bad_phone.into());
    }
    (fields, errors)
}

/// The draft as the API takes it.
pub(super) fn input_of(d: &Draft, org: OrgId, fields: Map<String, Value>) -> DraftInput {
    let template = d.template.as_ref();
    DraftInput {
        template_id: template.map(|t| t.id).unwrap_or_default(),
        org_id: org,
        fields,
        // The template's own body is sent as none, so the server fills it in itself.
        body: (template.map(|t| t.body.as_str()) != Some(d.body.as_str())).then(|| d.body.clone()),
        attachments: d.attachments.iter().map(|a| a.trim().to_string()).filter(|a| !a.is_empty()).collect(),
        cc_org_ids: Vec::new(),
        signer_user_id: UserId(d.signer.parse().unwrap_or_default()),
        contact: d.contact.trim().to_string(),
        contact_phone: d.phone.trim().to_string(),
        for_instance_id: None,
        version: None,
    }
}
