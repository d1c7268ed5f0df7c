//! The SMS channel under the outbox dispatcher, against a fake Tencent Cloud that is down for a
//! while: nothing is lost, the message is retried with backoff and delivered after recovery,
//! and the delivery log keeps every attempt and the provider's message id.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::channel::SmsChannel;
use super::fake::fake;
use super::tests::{SECRET, tencent};
use crate::clock::wall_now as now;
use crate::jobs::tests::TestDb;
use crate::outbox::dispatcher::{self, Delivery, Registry};
use crate::outbox::{Message, enqueue, enqueue_once, repo};

fn channel(url: &str) -> SmsChannel {
    let codes = BTreeMap::from([("meeting_reminder".to_string(), "2001".to_string())]);
    SmsChannel {
        provider: Box::new(tencent(url, SECRET)),
        template_codes: codes,
        phone_of: crate::notify::repo::phone_of,
    }
}

fn reminder(person: i64) -> Message {
    Message::sms(
        person,
        "meeting_reminder",
        &[("topic", "学习二十大精神思想汇报会".into()), ("time", "11月28日 09:00".into())],
    )
}

/// An org and a member in it (the outbox refers to people); the member's id.
fn person(t: &TestDb) -> i64 {
    use crate::members::models::PersonFields;
    use crate::orgs::models::NewOrg;
    t.db.write_blocking(|conn| {
        let at = now();
        let org = crate::orgs::repo::insert(
            conn,
            None,
            NewOrg {
                parent_id: None,
                path: "/1/",
                depth: 0,
                name: "第一党支部",
                kind: "branch",
                sector: "research",
                founded_on: None,
                term_years: None,
                term_started_on: None,
                status: "active",
                version: 1,
                created_at: at,
                updated_at: at,
            },
        )?;
        let fields = PersonFields {
            name: "张三".into(),
            gender: "male".into(),
            ethnicity: "汉族".into(),
            birth_date: chrono::NaiveDate::from_ymd_opt(1990, 3, 7).expect("valid"),
            id_card_number: "110101199003074514".into(),
            phone: Some("13800138000".into()),
            education: None,
            occupation: None,
            work_unit: None,
            department: None,
            employee_number: None,
            membership_status: "formal".into(),
            join_date: None,
            full_member_date: None,
            party_group_id: None,
        };
        crate::members::repo::insert(conn, org, &fields)
    })
    .unwrap()
}

#[test]
fn an_outage_loses_nothing_and_delivery_completes_after_recovery() {
    let calls = Arc::new(AtomicUsize::new(0));
    let seen = calls.clone();
    // Down for the first two requests, then up.
    let server = fake(Box::new(move |_| {
        if seen.fetch_add(1, Ordering::SeqCst) < 2 {
            return (503, "{}".into());
        }
        (200, r#"{"Response":{"SendStatusSet":[{"SerialNo":"sn-42","Code":"Ok"}],"RequestId":"r"}}"#.into())
    }));
    let t = TestDb::new("sms-outage");
    let (_background, env) = t.instance(|c| {
        c.workers.outbox_backoff_seconds = 30;
        c.workers.outbox_max_attempts = 5;
    });
    let registry = Registry::default().with(channel(&server.url));
    let member = person(&t);
    let id = t.db.write_blocking(|conn| enqueue(conn, &reminder(member))).unwrap();
    let start = now();
    assert_eq!(dispatcher::pass(&env, &registry, start).unwrap(), 1);
    assert_eq!(
        dispatcher::pass(&env, &registry, start + chrono::Duration::seconds(5)).unwrap(),
        0,
        "waits for its backoff"
    );
    assert_eq!(dispatcher::pass(&env, &registry, start + chrono::Duration::seconds(31)).unwrap(), 1);
    assert_eq!(dispatcher::pass(&env, &registry, start + chrono::Duration::seconds(200)).unwrap(), 1);
    let log = t.db.read_blocking(|conn| repo::attempts_of(conn, id)).unwrap();
    let oks: Vec<bool> = log.iter().map(|(_, _, ok, _)| *ok).collect();
    assert_eq!(oks, [false, false, true], "{log:?}");
    assert!(log[0].3.as_deref().unwrap_or("").contains("不可用"), "{log:?}");
    assert_eq!(calls.load(Ordering::SeqCst), 3);
    let (status, message_id) = t.db.read_blocking(|conn| repo::delivery_state(conn, id)).unwrap();
    assert_eq!((status.as_str(), message_id.as_deref()), ("delivered", Some("sn-42")));
    let text = &server.received.lock().unwrap()[2].body;
    assert!(text.contains("学习二十大精神思想汇报会"), "{text}");
}

#[test]
fn a_reminder_is_queued_once_and_confidential_values_are_never_sent() {
    let server = fake(Box::new(|_| (200, r#"{"Response":{"SendStatusSet":[{"SerialNo":"s","Code":"Ok"}]}}"#.into())));
    let t = TestDb::new("sms-once");
    let member = person(&t);
    let first = t.db.write_blocking(|conn| enqueue_once(conn, &reminder(member), "meeting_reminder:1:7")).unwrap();
    let again = t.db.write_blocking(|conn| enqueue_once(conn, &reminder(member), "meeting_reminder:1:7")).unwrap();
    assert!(first.is_some());
    assert_eq!(again, None, "the same reminder is not queued twice");

    let leaking =
        Message::sms(7, "meeting_reminder", &[("topic", "身份证110101199003074514".into()), ("time", "明天".into())]);
    let delivery = Delivery {
        id: 1,
        recipient_user_id: None,
        recipient_person_id: Some(member),
        payload: leaking.payload,
        attempt: 1,
    };
    let refused = t.db.read_blocking(|conn| Ok(channel(&server.url).compose(conn, &delivery))).unwrap();
    assert!(refused.unwrap_err().contains("不得通过短信发送"));
    assert!(server.received.lock().unwrap().is_empty(), "nothing reached the provider");
}
