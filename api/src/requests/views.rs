//! What the caller sees of requests: the page of a queue (filtered in SQL by the caller's reach
//! and queue), one request with its timeline, history, sealed documents and archive, and what a
//! new draft for an org needs.

use chrono::NaiveDate;
use shared::api::requests::{
    ComposeInfo, DocumentKind, RequestDetail, RequestQuery, RequestQueue, RequestStage, RequestView, SealedDocument,
    SignerOption,
};
use shared::permissions::Action;
use shared::{RoleKind, UserId};

use super::compose::{drafting_org, org_name, upper_org};
use super::models::RequestRow;
use super::process::{DRAFT, RequestProcess};
use super::repo::{self, Filter, records};
use crate::auth::Actor;
use crate::auth::actor::Reach;
use crate::db::DbConnection;
use crate::error::ApiError;
use crate::workflow::service as engine;

fn filter_of(actor: &Actor, query: &RequestQuery) -> Filter {
    let mut f = Filter { stage: query.stage.map(|s| s.code().to_string()), text: query.q.clone(), ..Filter::default() };
    let official = actor.may(Action::HandleRequests, &actor.role.org_path);
    match actor.reach() {
        _ if !official => f.drafted_by = Some(actor.user_id.0),
        // Everything is the subtree of the root: drafts stay with their org there too.
        Reach::Everything => f.subtree = Some(("/".to_string(), "0".to_string())),
        Reach::Subtree(lo, hi) => f.subtree = Some((lo, hi)),
        Reach::OwnRecord(_) => f.drafted_by = Some(actor.user_id.0),
    }
    f.own_org = Some(actor.role.org_id.0);
    let org = actor.role.org_id.0;
    match query.queue {
        Some(RequestQueue::Mine) => f.org = Some(org),
        Some(RequestQueue::Received) => f.to_org = Some(org),
        Some(RequestQueue::ToDo) => f.to_do = Some((org, actor.user_id.0)),
        None => {}
    }
    f
}

pub fn list(
    conn: &mut DbConnection,
    actor: &Actor,
    today: NaiveDate,
    query: &RequestQuery,
    before: Option<i64>,
    limit: i64,
) -> Result<Vec<RequestView>, ApiError> {
    let rows = repo::list(conn, &filter_of(actor, query), before, limit)?;
    let mut org_ids: Vec<i64> = rows.iter().flat_map(|r| [r.org_id, r.to_org_id]).collect();
    org_ids.sort_unstable();
    org_ids.dedup();
    let orgs = crate::orgs::repo::by_ids(conn, &org_ids)?;
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let numbers = records::numbers_of(conn, &ids)?;
    let templates = repo::templates(conn, false)?;
    let name =
        |id: i64| orgs.iter().find(|o| o.id == id).map(org_name).ok_or_else(|| ApiError::internal("request org"));
    rows.iter()
        .map(|r| {
            let stage = r.stage()?;
            Ok(RequestView {
                id: r.id,
                title: r.title.clone(),
                template_name: templates
                    .iter()
                    .find(|t| t.id == r.template_id)
                    .map(|t| t.name.clone())
                    .unwrap_or_default(),
                org: name(r.org_id)?,
                to_org: name(r.to_org_id)?,
                stage,
                doc_number: numbers.iter().find(|(id, _)| *id == r.id).map(|(_, n)| n.clone()),
                due_on: r.due_on,
                overdue: stage == RequestStage::Submitted && r.due_on.is_some_and(|d| d < today),
                archived: r.archived_at.is_some(),
                updated_at: r.updated_at.and_utc(),
            })
        })
        .collect()
}

/// Officials of either org see a request; before submission only the drafting org does.
pub fn check_view(conn: &mut DbConnection, actor: &Actor, row: &RequestRow) -> Result<(), ApiError> {
    let org = crate::orgs::repo::get(conn, row.org_id)?;
    let to_org = crate::orgs::repo::get(conn, row.to_org_id)?;
    // Drafts stay with the drafting org until first submitted.
    let drafted = row.drafted_by == actor.user_id.0;
    let own = actor.role.org_path == org.path && actor.manages_path(&org.path);
    let submitted = row.instance_id.is_some();
    let above = submitted && (actor.manages_path(&org.path) || actor.manages_path(&to_org.path));
    if drafted || own || above { Ok(()) } else { Err(actor.denial()) }
}

fn documents(conn: &mut DbConnection, row: &RequestRow, base: &str) -> Result<Vec<SealedDocument>, ApiError> {
    let docs = records::documents(conn, row.id)?;
    let orgs = crate::orgs::repo::by_ids(conn, &docs.iter().map(|d| d.org_id).collect::<Vec<_>>())?;
    docs.into_iter()
        .map(|d| {
            let kind = DocumentKind::from_code(&d.kind).unwrap_or(DocumentKind::Request);
            Ok(SealedDocument {
                kind,
                doc_number: d.doc_number,
                title: d.title,
                issuer: orgs.iter().find(|o| o.id == d.org_id).map(|o| o.name.clone()).unwrap_or_default(),
                pdf_url: format!("/api/v1/requests/{}/documents/{}.pdf", row.id, kind.code()),
                verify_url: super::sealing::verify_url(base, &d.code),
                code: d.code,
                sealed_by: d.sealed_by_name,
                sealed_at: d.sealed_at.and_utc(),
            })
        })
        .collect()
}

pub fn detail(
    conn: &mut DbConnection,
    actor: &Actor,
    rules: &shared::rules::requests::RequestRules,
    base: &str,
    id: i64,
) -> Result<RequestDetail, ApiError> {
    let row = repo::get(conn, id)?;
    check_view(conn, actor, &row)?;
    let p = RequestProcess { rules: rules.clone() };
    let org = crate::orgs::repo::get(conn, row.org_id)?;
    let to_org = crate::orgs::repo::get(conn, row.to_org_id)?;
    let cc = crate::orgs::repo::by_ids(conn, &row.cc())?.iter().map(org_name).collect();
    let template = super::templates::view(&repo::template(conn, row.template_id)?)?;
    let own_official = actor.role.org_path == org.path && actor.may(Action::HandleRequests, &org.path);
    let instance = row.instance_id.map(|i| crate::workflow::repo::get(conn, i)).transpose()?;
    let (timeline, history, can_act) = match &instance {
        Some(i) => {
            let events = crate::workflow::repo::events(conn, i.id)?;
            let scope = engine::Scope::load(conn, &p, i)?;
            (
                engine::timeline(&p, i, &events),
                engine::history(&p, &events, false),
                engine::can_act(&p, actor, i, &scope),
            )
        }
        None => (Vec::new(), Vec::new(), own_official),
    };
    let stage = row.stage()?;
    let archived = row.archived_at.is_some();
    let archive = records::archive_of(conn, row.id)?.map(|a| super::archive::view_of(&a, &org, 0, "")).transpose()?;
    let editable = stage == RequestStage::Draft && !archived && own_official;
    Ok(RequestDetail {
        id: row.id,
        template,
        org: org_name(&org),
        to_org: org_name(&to_org),
        cc,
        title: row.title.clone(),
        fields: row.fields(),
        body: super::sealing::filled_body(&row, &org, &to_org),
        attachments: row.attachments(),
        contact: row.contact.clone(),
        contact_phone: row.contact_phone.clone(),
        signer_user_id: UserId(row.signer_user_id),
        signer_name: repo::user_name(conn, row.signer_user_id)?,
        for_instance_id: row.for_instance_id,
        stage,
        version: row.version,
        instance_id: row.instance_id,
        instance_version: instance.as_ref().map(|i| i.version),
        status: instance.as_ref().map(|i| i.status()),
        outcome: instance.as_ref().and_then(|i| i.outcome()),
        step: instance.as_ref().map(|i| i.step).or(Some(DRAFT)),
        due_on: row.due_on,
        timeline,
        history,
        documents: documents(conn, &row, base)?,
        archive,
        can_edit: editable,
        can_act: can_act && !archived,
        can_archive: !archived
            && matches!(stage, RequestStage::Approved | RequestStage::Rejected)
            && (own_official || actor.manages_path(&to_org.path)),
    })
}

pub fn compose_info(conn: &mut DbConnection, actor: &Actor, org_id: Option<i64>) -> Result<ComposeInfo, ApiError> {
    let org = drafting_org(conn, actor, org_id.unwrap_or(actor.role.org_id.0))?;
    let to_org = upper_org(conn, &org)?.ok_or_else(|| ApiError::invalid_state("本级没有上级党组织，不能报送请示"))?;
    let signers = repo::officials_at(conn, org.id)?
        .into_iter()
        .map(|(user, name, kind)| SignerOption {
            user_id: UserId(user),
            name,
            role: RoleKind::from_code(&kind).map_or(kind.clone(), |k| k.label().to_string()),
        })
        .collect();
    Ok(ComposeInfo {
        org: org_name(&org),
        to_org: org_name(&to_org),
        signers,
        templates: super::templates::active(conn)?,
    })
}
