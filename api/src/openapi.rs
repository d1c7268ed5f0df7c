//! The OpenAPI document, generated from the handlers' annotations. `dangjian openapi`
//! writes it; `openapi/openapi.json` is the committed copy a test compares against.

use actix_web::{HttpResponse, get};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_swagger_ui::SwaggerUi;

#[derive(OpenApi)]
#[openapi(
    info(title = "智慧党建平台 API", version = "1", description = "Party-affairs platform. Errors: `{code, message, details}` with real status codes."),
    modifiers(&BearerAuth),
    components(schemas(shared::error::ErrorBody, shared::error::ErrorCode, shared::api::statistics::StatisticsReport, shared::api::statistics::ReportFormat))
)]
struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

pub fn document() -> utoipa::openapi::OpenApi {
    ApiDoc::openapi()
        .merge_from(crate::health::HealthApi::openapi())
        .nest("/api/v1", crate::auth::AuthApi::openapi())
        .nest("/api/v1", crate::orgs::OrgsApi::openapi())
        .nest("/api/v1", crate::members::MembersApi::openapi())
        .nest("/api/v1", crate::audit::AuditApi::openapi())
        .nest("/api/v1", crate::hr_sync::HrApi::openapi())
        .nest("/api/v1", crate::notify::NotifyApi::openapi())
        .nest("/api/v1", crate::outbox::OutboxApi::openapi())
        .nest("/api/v1", crate::alerts::AlertsApi::openapi())
        .nest("/api/v1", crate::dues::DuesApi::openapi())
        .nest("/api/v1", crate::transfers::TransfersApi::openapi())
        .nest("/api/v1", crate::requests::RequestsApi::openapi())
        .nest("/api/v1", crate::elections::ElectionsApi::openapi())
        .nest("/api/v1", crate::statistics::StatisticsApi::openapi())
        .nest("/api/v1", crate::committees::CommitteesApi::openapi())
        .nest("/api/v1", crate::seals::SealsApi::openapi())
        .nest("/api/v1", crate::development::DevelopmentApi::openapi())
        .nest("/api/v1", crate::meetings::MeetingsApi::openapi())
        .nest("/api/v1", SpecApi::openapi())
}

/// The exact text of `openapi/openapi.json`.
pub fn document_json() -> String {
    let mut text = document().to_pretty_json().expect("the OpenAPI document serialises");
    text.push('\n');
    text
}

/// This document.
#[utoipa::path(tag = "meta", responses((status = 200, description = "OpenAPI 3.1 document")))]
#[get("/openapi.json")]
pub async fn spec() -> HttpResponse {
    HttpResponse::Ok().content_type("application/json").body(document_json())
}

#[derive(OpenApi)]
#[openapi(paths(spec))]
struct SpecApi;

/// Swagger UI at `/api/docs`, with its assets compiled into the binary (no CDN).
pub fn docs_ui() -> SwaggerUi {
    SwaggerUi::new("/api/docs/{_:.*}").url("/api/docs/openapi.json", document())
}
