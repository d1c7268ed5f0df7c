//! Party dues: the standard's trial calculation, through the API, on the domain.md vectors.

use e2e::expect;
use e2e::fixture::{FIXTURE_PASSWORD, spawn_with_fixture};

#[test]
fn the_trial_calculation_follows_the_bracket_table() {
    let (app, _f) = spawn_with_fixture();
    let member = app.login("dangyuan_a1", FIXTURE_PASSWORD);
    let vectors = [
        ("employed", "3000.00", "15.00", "0.5%"),
        ("employed", "3000.01", "30.00", "1%"),
        ("employed", "5000.00", "50.00", "1%"),
        ("employed", "10000.00", "150.00", "1.5%"),
        ("employed", "10000.01", "200.00", "2%"),
        ("retired", "5000.00", "25.00", "0.5%"),
        ("retired", "5000.01", "50.00", "1%"),
        ("student", "", "0.20", "每月定额"),
        ("在职", "4000", "40.00", "1%"),
    ];
    for (category, base, amount, rate) in vectors {
        let answer = member.get_json(&format!("/api/v1/dues/standard?category={category}&base={base}"), 200);
        assert_eq!(answer["amount"], amount, "{category} {base}: {answer}");
        assert_eq!(answer["rate"], rate, "{category} {base}");
        assert!(answer["rule"].as_str().unwrap().contains("中组发〔2008〕3号"));
    }
    for (query, field) in [
        ("category=boss&base=1", "category"),
        ("category=employed&base=-1", "base"),
        ("category=employed&base=1.234", "base"),
    ] {
        let refused = expect(member.get(&format!("/api/v1/dues/standard?{query}")), 400);
        assert_eq!(e2e::error_fields(&refused), vec![field], "{query}");
    }
    expect(app.anonymous().get("/api/v1/dues/standard?category=employed&base=1"), 401);
}
