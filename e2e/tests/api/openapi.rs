//! The committed OpenAPI document matches the code; docs and probes are served.

use e2e::TestApp;

#[test]
fn committed_openapi_matches_the_code() {
    let committed =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../openapi/openapi.json")).unwrap_or_default();
    let generated = dangjian_api::openapi::document_json();
    assert!(
        committed == generated,
        "openapi/openapi.json is stale: run `cargo run -p dangjian-api --bin dangjian -- openapi --output openapi/openapi.json`"
    );
}

#[test]
fn spec_docs_and_health_are_served() {
    let app = TestApp::spawn();
    let api = app.anonymous();
    let spec = api.get_json("/api/v1/openapi.json", 200);
    assert_eq!(spec["openapi"], "3.1.0");
    assert!(spec["paths"]["/api/v1/members"]["get"].is_object());
    let docs = api.get("/api/docs/");
    assert_eq!(docs.status(), 200);
    assert!(docs.text().unwrap().contains("swagger"), "Swagger UI is served by the binary");
    assert_eq!(api.get("/healthz").text().unwrap(), "ok");
    assert_eq!(api.get("/readyz").status(), 200);
    assert_eq!(api.get("/").status(), 200);
}
