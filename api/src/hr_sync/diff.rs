//! Comparing HR rows with our records: what would be created, changed, marked as having left
//! the unit, what conflicts with party-owned data, and which rows cannot be used.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use shared::api::hr::{ChangeCounts, ChangeKind, FieldChange};

use super::file_import::KeyedRows;
use super::record::{HrRecord, label_of};

/// Our side of the comparison: the HR-owned fields of a current record.
#[derive(Debug, Clone)]
pub struct Existing {
    pub id: i64,
    pub org_id: i64,
    pub in_scope: bool,
    pub name: String,
    pub id_card_number: String,
    pub employee_number: Option<String>,
    pub phone: Option<String>,
    pub education: Option<String>,
    pub occupation: Option<String>,
    pub ethnicity: String,
    pub work_unit: Option<String>,
    pub department: Option<String>,
    pub hr_left_on: Option<NaiveDate>,
    /// Set when the record left the party organisation (转出, 出党 …).
    pub left_on: Option<NaiveDate>,
}

/// Orgs of the scope that can hold records, by name.
pub struct ScopeOrgs {
    pub by_name: HashMap<String, Vec<i64>>,
    pub names: HashMap<i64, String>,
}

/// A new person, ready to insert (as 群众; party data is entered by the branch).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewPerson {
    pub org_id: i64,
    pub name: String,
    pub id_card_number: String,
    pub employee_number: Option<String>,
    pub phone: Option<String>,
    pub education: Option<String>,
    pub occupation: Option<String>,
    pub ethnicity: Option<String>,
    pub work_unit: Option<String>,
    pub department: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Payload {
    #[serde(default)]
    pub changes: Vec<FieldChange>,
    #[serde(default)]
    pub problems: Vec<String>,
    #[serde(default)]
    pub new_person: Option<NewPerson>,
}

#[derive(Debug, Clone)]
pub struct DraftRow {
    pub row_number: i64,
    pub kind: ChangeKind,
    pub person_id: Option<i64>,
    pub name: Option<String>,
    pub employee_number: Option<String>,
    pub payload: Payload,
}

fn change(field: &str, old: Option<&str>, new: Option<&str>) -> Option<FieldChange> {
    let new = new.filter(|n| !n.is_empty())?;
    (old != Some(new)).then(|| FieldChange {
        field: field.into(),
        label: label_of(field).into(),
        old: old.map(str::to_string),
        new: Some(new.to_string()),
    })
}

/// HR-owned fields that differ. Empty HR values never clear ours.
fn field_changes(ours: &Existing, hr: &HrRecord) -> Vec<FieldChange> {
    let mut changes: Vec<FieldChange> = [
        change("name", Some(&ours.name), Some(&hr.name)),
        change("phone", ours.phone.as_deref(), hr.phone.as_ref().map(|p| p.as_str())),
        change("education", ours.education.as_deref(), hr.education.map(|e| e.code())),
        change("occupation", ours.occupation.as_deref(), hr.occupation.map(|o| o.code())),
        change("ethnicity", Some(&ours.ethnicity), hr.ethnicity.as_deref()),
        change("work_unit", ours.work_unit.as_deref(), hr.work_unit.as_deref()),
        change("department", ours.department.as_deref(), hr.department.as_deref()),
    ]
    .into_iter()
    .flatten()
    .collect();
    if ours.employee_number.is_none() {
        changes.extend(change("employee_number", None, hr.employee_number.as_deref()));
    }
    if ours.hr_left_on.is_some() {
        changes.push(FieldChange {
            field: "hr_left_on".into(),
            label: "在职状态".into(),
            old: Some("已离开单位".into()),
            new: Some("在职".into()),
        });
    }
    changes
}

pub struct Comparison {
    pub rows: Vec<DraftRow>,
    pub counts: ChangeCounts,
}

/// `progress` is told how many input rows have been compared.
pub fn compare(
    input: &KeyedRows,
    existing: &[Existing],
    orgs: &ScopeOrgs,
    full_roster: bool,
    today: NaiveDate,
    mut progress: impl FnMut(usize),
) -> Comparison {
    let by_number: HashMap<&str, &Existing> =
        existing.iter().filter_map(|e| e.employee_number.as_deref().map(|n| (n, e))).collect();
    let by_card: HashMap<&str, &Existing> = existing.iter().map(|e| (e.id_card_number.as_str(), e)).collect();
    let mut seen_numbers: HashSet<String> = HashSet::new();
    let mut seen_cards: HashSet<String> = HashSet::new();
    let mut matched: HashSet<i64> = HashSet::new();
    // Everyone a row names, even an unusable row, is not "missing from the roster".
    let named: HashSet<String> = input
        .iter()
        .flat_map(|(_, v)| [v.get("employee_number"), v.get("id_card_number")])
        .flatten()
        .map(|s| s.trim().to_uppercase())
        .filter(|s| !s.is_empty())
        .collect();
    let mut rows = Vec::new();
    let mut counts = ChangeCounts::default();

    for (index, (row_number, values)) in input.iter().enumerate() {
        if index % 1000 == 0 {
            progress(index);
        }
        let name = values.get("name").cloned().filter(|n| !n.trim().is_empty());
        let number = values.get("employee_number").map(|n| n.trim().to_string()).filter(|n| !n.is_empty());
        let draft = |kind, person_id, payload| DraftRow {
            row_number: *row_number,
            kind,
            person_id,
            name: name.clone(),
            employee_number: number.clone(),
            payload,
        };
        let record = match HrRecord::parse(values, today) {
            Ok(record) => record,
            Err(problems) => {
                rows.push(draft(ChangeKind::Invalid, None, Payload { problems, ..Payload::default() }));
                continue;
            }
        };
        let mut problems = Vec::new();
        if let Some(n) = &record.employee_number
            && !seen_numbers.insert(n.clone())
        {
            problems.push(format!("工号“{n}”在本次数据中重复"));
        }
        if !seen_cards.insert(record.id_card.as_str().to_string()) {
            problems.push("身份证号码在本次数据中重复".to_string());
        }
        if !problems.is_empty() {
            rows.push(draft(ChangeKind::Invalid, None, Payload { problems, ..Payload::default() }));
            continue;
        }
        let resolved_org = record.org_name.as_deref().map(|n| orgs.by_name.get(n.trim()).cloned().unwrap_or_default());
        let ours = record
            .employee_number
            .as_deref()
            .and_then(|n| by_number.get(n))
            .or_else(|| by_card.get(record.id_card.as_str()))
            .copied();
        match ours {
            None => {
                let org_id = match resolved_org.as_deref() {
                    Some([one]) => *one,
                    Some([]) => {
                        let problem = format!(
                            "未知的党组织“{}”（须为本范围内的党支部名称）",
                            record.org_name.clone().unwrap_or_default()
                        );
                        rows.push(draft(
                            ChangeKind::Invalid,
                            None,
                            Payload { problems: vec![problem], ..Payload::default() },
                        ));
                        continue;
                    }
                    Some(_) => {
                        let problem =
                            format!("党组织名称“{}”不唯一，请联系管理员", record.org_name.clone().unwrap_or_default());
                        rows.push(draft(
                            ChangeKind::Invalid,
                            None,
                            Payload { problems: vec![problem], ..Payload::default() },
                        ));
                        continue;
                    }
                    None => {
                        rows.push(draft(
                            ChangeKind::Invalid,
                            None,
                            Payload {
                                problems: vec!["新人员须填写所在党组织".into()], ..Payload::default()
                            },
                        ));
                        continue;
                    }
                };
                let new_person = NewPerson {
                    org_id,
                    name: record.name.clone(),
                    id_card_number: record.id_card.as_str().to_string(),
                    employee_number: record.employee_number.clone(),
                    phone: record.phone.as_ref().map(|p| p.as_str().to_string()),
                    education: record.education.map(|e| e.code().to_string()),
                    occupation: record.occupation.map(|o| o.code().to_string()),
                    ethnicity: record.ethnicity.clone(),
                    work_unit: record.work_unit.clone(),
                    department: record.department.clone(),
                };
                rows.push(draft(ChangeKind::New, None, Payload { new_person: Some(new_person), ..Payload::default() }));
            }
            Some(ours) => {
                matched.insert(ours.id);
                // Someone outside the caller's scope: say only that the number is taken (a
                // unique number cannot be hidden), never who it is, where, or since when.
                if !ours.in_scope {
                    let problem =
                        "该证件号码或工号已由其他党组织登记，不在本次同步范围内，请联系上级组织处理".to_string();
                    rows.push(draft(
                        ChangeKind::Conflict,
                        None,
                        Payload { problems: vec![problem], ..Payload::default() },
                    ));
                    continue;
                }
                if let Some(left) = ours.left_on {
                    let problem = format!("该人员已于 {left} 离开党组织（转出或出党），记录未修改");
                    rows.push(draft(
                        ChangeKind::Conflict,
                        Some(ours.id),
                        Payload { problems: vec![problem], ..Payload::default() },
                    ));
                    continue;
                }
                let mut conflicts = Vec::new();
                if ours.id_card_number != record.id_card.as_str() {
                    conflicts.push("身份证号码与系统记录不一致（以党员档案为准，未修改）".to_string());
                }
                if let (Some(ours_n), Some(hr_n)) = (&ours.employee_number, &record.employee_number)
                    && ours_n != hr_n
                {
                    conflicts.push(format!("工号与系统记录“{ours_n}”不一致（未修改）"));
                }
                if let Some(ids) = &resolved_org
                    && !ids.contains(&ours.org_id)
                {
                    let theirs = record.org_name.clone().unwrap_or_default();
                    let mine = orgs.names.get(&ours.org_id).cloned().unwrap_or_default();
                    conflicts.push(format!(
                        "人事系统所在党组织为“{theirs}”，党员档案为“{mine}”（组织关系不被人事数据覆盖）"
                    ));
                }
                let changes = field_changes(ours, &record);
                let kind = match (conflicts.is_empty(), changes.is_empty()) {
                    (false, _) => ChangeKind::Conflict,
                    (true, false) => ChangeKind::Changed,
                    (true, true) => ChangeKind::Unchanged,
                };
                if kind == ChangeKind::Unchanged {
                    counts.add(kind, 1);
                    continue;
                }
                rows.push(draft(kind, Some(ours.id), Payload { changes, problems: conflicts, new_person: None }));
            }
        }
    }
    if full_roster {
        let is_named = |e: &Existing| {
            named.contains(&e.id_card_number.to_uppercase())
                || e.employee_number.as_ref().is_some_and(|n| named.contains(&n.to_uppercase()))
        };
        for person in existing.iter().filter(|e| {
            e.in_scope
                && e.left_on.is_none()
                && e.employee_number.is_some()
                && e.hr_left_on.is_none()
                && !matched.contains(&e.id)
                && !is_named(e)
        }) {
            let change = FieldChange {
                field: "hr_left_on".into(),
                label: "在职状态".into(),
                old: Some("在职".into()),
                new: Some("已离开单位".into()),
            };
            rows.push(DraftRow {
                row_number: 0,
                kind: ChangeKind::LeftUnit,
                person_id: Some(person.id),
                name: Some(person.name.clone()),
                employee_number: person.employee_number.clone(),
                payload: Payload { changes: vec![change], ..Payload::default() },
            });
        }
    }
    progress(input.len());
    for row in &rows {
        counts.add(row.kind, 1);
    }
    Comparison { rows, counts }
}
