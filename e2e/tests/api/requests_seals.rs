//! Org seals: the 政工部门 manages them (an uploaded image, the 机关代字, a new key pair); a
//! branch may look but not change; a document sealed before a new key still verifies with the
//! key it was sealed with, and the seal's log lists every use.

use base64::Engine;
use e2e::fixture::{FIXTURE_PASSWORD, spawn_with_fixture};
use e2e::{error_fields, expect};
use serde_json::json;

/// A 1×1 red PNG.
const PNG: &str = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==";

#[test]
fn the_department_manages_seals_and_old_documents_keep_verifying_after_a_new_key() {
    let (app, f) = spawn_with_fixture();
    let admin = app.login("admin", FIXTURE_PASSWORD);
    let zhibu = app.login("zhibu_a1", FIXTURE_PASSWORD);
    let path = format!("/api/v1/seals/{}", f.a1);

    let seal = zhibu.get_json(&path, 200);
    assert_eq!(seal["image"], "generated");
    assert_eq!(seal["doc_prefix"], "一所第一党支");
    assert_eq!(seal["public_key"].as_str().unwrap().len(), 130, "SEC1 uncompressed SM2 point");
    let drawn = zhibu.get(&format!("{path}/image"));
    assert_eq!(drawn.headers()["content-type"], "image/svg+xml");
    assert!(drawn.text().unwrap().contains(">党</text>"), "the generated seal carries the org's name");
    assert_eq!(app.login("zhibu_b1", FIXTURE_PASSWORD).get(&path).status(), 403);
    let update = json!({"doc_prefix": "一所一支", "generated_image": false, "new_key": false});
    assert_eq!(zhibu.put(&path, &update).status(), 403);
    let bad = expect(admin.put(&path, &json!({"doc_prefix": "一所〔支〕"})), 422);
    assert!(error_fields(&bad).contains(&"doc_prefix".to_string()));
    assert_eq!(expect(admin.put(&path, &update), 200)["doc_prefix"], "一所一支");

    let png = base64::engine::general_purpose::STANDARD.decode(PNG).unwrap();
    assert_eq!(admin.upload(&format!("{path}/image"), b"not an image at all".to_vec()).status(), 422);
    assert_eq!(admin.upload(&format!("{path}/image"), vec![0u8; 600 * 1024]).status(), 413);
    assert_eq!(zhibu.upload(&format!("{path}/image"), png.clone()).status(), 403);
    assert_eq!(expect(admin.upload(&format!("{path}/image"), png), 200)["image"], "uploaded");
    let uploaded = zhibu.get(&format!("{path}/image"));
    assert_eq!(uploaded.headers()["content-type"], "image/png");

    // Sealed with the uploaded image and the 机关代字.
    let sent = crate::requests::submitted(&app, &f);
    let doc = &sent["documents"][0];
    let year = chrono::Datelike::year(&app.today());
    assert_eq!(doc["doc_number"], format!("一所一支〔{year}〕1号"));
    let code = doc["code"].as_str().unwrap().to_string();

    let rotated = expect(admin.put(&path, &json!({"doc_prefix": "一所一支", "new_key": true})), 200);
    assert_ne!(rotated["public_key"], seal["public_key"]);
    assert_eq!(app.anonymous().get_json(&format!("/api/v1/verify/{code}"), 200)["status"], "valid");
    let uses = admin.get_json(&format!("{path}/uses"), 200);
    assert_eq!(uses[0]["doc_number"], doc["doc_number"]);
    assert_eq!(uses[0]["sealed_by"], "zhibu_a1");
    assert_eq!(app.anonymous().get_json("/api/v1/verify/nosuchcode", 404)["code"], "not_found");
}
