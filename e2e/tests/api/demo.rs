//! The demo institution loads into an empty database, its accounts log in, and a second load
//! is refused.

use e2e::TestApp;
use serde_json::Value;

#[test]
fn demo_institution_loads_once_and_every_demo_account_works() {
    let app = TestApp::spawn();
    let summary = dangjian_api::demo::load(&app.db, dangjian_api::demo::DEMO_SEED, app.today()).unwrap();
    assert!((1000..1200).contains(&summary.orgs), "{summary:?}");
    assert!((15_000..15_600).contains(&summary.people), "{summary:?}");
    assert!(dangjian_api::demo::load(&app.db, 1, app.today()).unwrap_err().contains("已有数据"));

    let admin = app.login("admin", dangjian_api::demo::DEMO_PASSWORD);
    let top = admin.get_json("/api/v1/orgs/tree", 200);
    let members = top["children"][0]["counts"]["formal"].as_i64().unwrap()
        + top["children"][0]["counts"]["probationary"].as_i64().unwrap();
    assert!((14_700..=15_100).contains(&members), "{members}");
    let roots = admin.get_json(&format!("/api/v1/orgs/tree?parent_id={}", top["children"][0]["id"]), 200);
    assert!(roots["children"].as_array().unwrap().len() >= 18);

    let expected_roles =
        [("dangwei", "committee"), ("zhibu", "branch"), ("dangyuan", "member"), ("qunzhong", "masses")];
    for (username, role) in expected_roles {
        let api = app.login(username, dangjian_api::demo::DEMO_PASSWORD);
        let me: Value = api.get_json("/api/v1/me", 200);
        assert_eq!(me["active_role"]["kind"], role, "{username}");
        let page = api.get_json("/api/v1/members?limit=5", 200);
        assert!(page["total"].as_i64().unwrap() >= 1, "{username} sees at least their own record");
    }
}
