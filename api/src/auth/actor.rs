//! `Actor`: who is calling, in which active role, and what that role may reach. Every
//! handler that touches party data takes an `Actor`; the scope checks live here only.

use std::future::Future;
use std::pin::Pin;

use actix_web::{FromRequest, HttpRequest, dev::Payload, web};
use shared::permissions::{self, Action, Scope};
use shared::{OrgId, PersonId, RoleAssignmentId, RoleKind, UserId};

use super::{repo, session};
use crate::db::subtree_bounds;
use crate::error::ApiError;
use crate::state::AppState;

#[derive(Debug, Clone)]
pub struct ActiveRole {
    pub id: RoleAssignmentId,
    pub kind: RoleKind,
    pub org_id: OrgId,
    pub org_path: String,
}

#[derive(Debug, Clone)]
pub struct Actor {
    pub session_id: i64,
    pub user_id: UserId,
    pub username: String,
    pub person_id: Option<PersonId>,
    pub role: ActiveRole,
    pub ip: Option<String>,
}

/// What part of the org tree (and which people) the active role reaches.
#[derive(Debug, Clone, PartialEq)]
pub enum Reach {
    Everything,
    /// The subtree under this path, as `(lower, upper)` bounds for `orgs.path`.
    Subtree(String, String),
    /// Only the caller's own record.
    OwnRecord(Option<PersonId>),
}

impl Actor {
    /// The reach for managing orgs and members: 政工部门 everything, 党委 and 党支部 their
    /// org's subtree, 党员 and 群众 their own record only.
    pub fn reach(&self) -> Reach {
        match self.role.kind {
            RoleKind::Department => Reach::Everything,
            RoleKind::Committee | RoleKind::Branch => {
                let (lo, hi) = subtree_bounds(&self.role.org_path);
                Reach::Subtree(lo, hi)
            }
            RoleKind::Member | RoleKind::Masses => Reach::OwnRecord(self.person_id),
        }
    }

    pub fn manages_path(&self, org_path: &str) -> bool {
        match self.reach() {
            Reach::Everything => true,
            Reach::Subtree(lo, hi) => lo.as_str() <= org_path && org_path < hi.as_str(),
            Reach::OwnRecord(_) => false,
        }
    }

    /// Orgs a role may look at: what it manages, plus, for anyone, the org of its assignment
    /// and the orgs above it (a member sees their own branch and where it sits).
    pub fn may_view_org(&self, org_path: &str) -> bool {
        self.manages_path(org_path) || self.role.org_path.starts_with(org_path)
    }

    pub fn require_manage(&self, org_path: &str) -> Result<(), ApiError> {
        if self.manages_path(org_path) { Ok(()) } else { Err(self.denial()) }
    }

    /// 403 with the right code: a role that manages nothing lacks the permission; a role that
    /// manages another subtree is out of scope.
    pub fn denial(&self) -> ApiError {
        match self.reach() {
            Reach::OwnRecord(_) => ApiError::forbidden("当前角色无权进行此操作"),
            _ => ApiError::out_of_scope(),
        }
    }

    /// Whether the active role may do `action` on the org at `org_path`, by the permission
    /// table in `shared::permissions`.
    pub fn may(&self, action: Action, org_path: &str) -> bool {
        match permissions::scope_of(self.role.kind, action) {
            None | Some(Scope::Own) => false,
            Some(Scope::Everything) => true,
            Some(Scope::Subtree) => {
                let (lo, hi) = subtree_bounds(&self.role.org_path);
                lo.as_str() <= org_path && org_path < hi.as_str()
            }
        }
    }

    /// 403 unless the active role may do `action` on the org at `org_path`: `forbidden` when
    /// the role may not do it at all, `out_of_scope` when the org is outside its reach.
    pub fn require(&self, action: Action, org_path: &str) -> Result<(), ApiError> {
        if self.may(action, org_path) {
            Ok(())
        } else if permissions::manages(self.role.kind, action) {
            Err(ApiError::out_of_scope())
        } else {
            Err(ApiError::forbidden("当前角色无权进行此操作"))
        }
    }

    /// 403 `forbidden` unless the active role may do `action` somewhere; returns its scope
    /// (lists then filter by it in SQL).
    pub fn require_action(&self, action: Action) -> Result<Scope, ApiError> {
        permissions::scope_of(self.role.kind, action).ok_or_else(|| ApiError::forbidden("当前角色无权进行此操作"))
    }
}

/// The credential a request presents.
enum Presented {
    Bearer(String),
    Cookie(String),
}

/// The session token from `Authorization: Bearer …` or, for the web UI, the cookie.
fn presented(req: &HttpRequest) -> Option<Presented> {
    let bearer = req
        .headers()
        .get(actix_web::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(|t| t.trim().to_string());
    match bearer {
        Some(token) => Some(Presented::Bearer(token)),
        None => req.cookie(session::COOKIE_NAME).map(|c| Presented::Cookie(c.value().to_string())),
    }
}

/// The client's address: the TCP peer, or — only when the peer is one of the configured
/// trusted proxies — the nearest untrusted address its `X-Forwarded-For` (or `Forwarded`)
/// header names.
pub fn client_ip(req: &HttpRequest, trusted: &[std::net::IpAddr]) -> Option<String> {
    let peer = req.peer_addr()?.ip();
    if !trusted.contains(&peer) {
        return Some(peer.to_string());
    }
    let header = |name: &str| req.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_string);
    let forwarded: Vec<std::net::IpAddr> = match header("x-forwarded-for") {
        Some(list) => list.split(',').filter_map(|a| a.trim().parse().ok()).collect(),
        None => header("forwarded")
            .map(|f| {
                f.split([',', ';'])
                    .filter_map(|part| part.trim().strip_prefix("for="))
                    .filter_map(|a| a.trim_matches('"').trim_start_matches('[').split(']').next()?.parse().ok())
                    .collect()
            })
            .unwrap_or_default(),
    };
    let client = forwarded.into_iter().rev().find(|a| !trusted.contains(a)).unwrap_or(peer);
    Some(client.to_string())
}

/// With the cookie session, a state-changing request must come from our own pages: its
/// Origin (or Referer) must name this host. Decided by the credential actually used: a
/// request authenticated by a bearer token is not exposed to CSRF, one carried by the cookie
/// is, whatever other headers it has.
fn cross_site_write(req: &HttpRequest, presented: &Option<Presented>) -> bool {
    use actix_web::http::Method;
    if !matches!(presented, Some(Presented::Cookie(_)))
        || matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS)
    {
        return false;
    }
    !same_origin(req)
}

/// Whether the request's Origin (or, without one, its Referer) names this host. A request with
/// neither is not from our pages.
pub fn same_origin(req: &HttpRequest) -> bool {
    let host = req.connection_info().host().to_string();
    let origin = req
        .headers()
        .get(actix_web::http::header::ORIGIN)
        .or_else(|| req.headers().get(actix_web::http::header::REFERER))
        .and_then(|v| v.to_str().ok())
        .and_then(|v| url::Url::parse(v).ok());
    origin.is_some_and(|url| {
        url.host_str().map(|h| match url.port() {
            Some(p) => format!("{h}:{p}"),
            None => h.to_string(),
        }) == Some(host)
    })
}

impl FromRequest for Actor {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Actor, ApiError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let presented = presented(req);
        let cross_site = cross_site_write(req, &presented);
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let ip = state.as_ref().and_then(|s| client_ip(req, &s.config.trusted_proxies));
        Box::pin(async move {
            let token = match presented {
                Some(Presented::Bearer(t) | Presented::Cookie(t)) => t,
                None => return Err(ApiError::unauthenticated()),
            };
            if cross_site {
                return Err(ApiError::forbidden("请求来源不被信任（跨站请求）"));
            }
            let state = state.ok_or_else(|| ApiError::internal("AppState missing"))?;
            let idle = state.config.session_idle_seconds;
            let (mut actor, slide_due) = state
                .db
                .read(move |conn| repo::find_session(conn, &session::token_hash(&token), idle))
                .await?
                .ok_or_else(ApiError::unauthenticated)?;
            if slide_due {
                let session_id = actor.session_id;
                // Late is fine: a busy writer must not make every request wait.
                state.db.write_if_free(move |conn| repo::slide_session(conn, session_id, idle)).await?;
            }
            actor.ip = ip;
            Ok(actor)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(kind: RoleKind, path: &str) -> Actor {
        Actor {
            session_id: 1,
            user_id: UserId(1),
            username: "u".into(),
            person_id: Some(PersonId(9)),
            role: ActiveRole { id: RoleAssignmentId(1), kind, org_id: OrgId(17), org_path: path.into() },
            ip: None,
        }
    }

    #[test]
    fn reach_follows_the_role() {
        let committee = actor(RoleKind::Committee, "/1/17/");
        assert!(committee.manages_path("/1/17/230/"));
        assert!(committee.manages_path("/1/17/"));
        assert!(!committee.manages_path("/1/170/"));
        assert!(!committee.manages_path("/1/"));
        assert!(committee.may_view_org("/1/"));
        assert!(!committee.may_view_org("/1/18/"));
        assert!(actor(RoleKind::Department, "/1/").manages_path("/5/"));
        let member = actor(RoleKind::Member, "/1/17/230/");
        assert!(!member.manages_path("/1/17/230/"));
        assert!(member.may_view_org("/1/17/230/"));
        assert_eq!(member.reach(), Reach::OwnRecord(Some(PersonId(9))));
    }
}
