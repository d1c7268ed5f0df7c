//! One person as the HR system describes them, parsed once from a file row or a JSON record.
//! Headers are matched tolerantly (Chinese or English, spaces, 必填 marks, BOM).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use shared::limits;
use shared::validate::{IdCardNumber, MobilePhone};
use shared::{Education, Occupation};

/// The fields HR may send. Only HR-owned ones are ever written to an existing record; `org_name`
/// places new people and is compared (never applied) for existing ones.
pub const FIELDS: [(&str, &str, &[&str]); 11] = [
    (
        "employee_number",
        "工号",
        &[
            "工号",
            "员工编号",
            "职工号",
            "人员编号",
            "员工号",
            "employee_number",
            "employeeno",
            "empno",
            "emp_no",
            "employee_no",
        ],
    ),
    (
        "id_card_number",
        "身份证号码",
        &[
            "身份证号码",
            "身份证号",
            "公民身份号码",
            "证件号码",
            "身份证",
            "id_card_number",
            "idcard",
            "id_card",
            "idno",
        ],
    ),
    ("name", "姓名", &["姓名", "name", "员工姓名", "fullname"]),
    ("phone", "手机号", &["手机号", "手机号码", "手机", "联系电话", "移动电话", "phone", "mobile"]),
    ("education", "学历", &["学历", "最高学历", "education"]),
    ("occupation", "职业类别", &["职业类别", "职业", "人员类别", "occupation"]),
    ("ethnicity", "民族", &["民族", "ethnicity", "nation"]),
    ("work_unit", "工作单位", &["工作单位", "单位", "所在单位", "work_unit", "company"]),
    ("department", "部门", &["部门", "所在部门", "科室", "department", "dept"]),
    ("org_name", "所在党组织", &["所在党组织", "党组织", "所在支部", "党支部", "org_name", "party_org"]),
    ("birth_date", "出生日期", &["出生日期", "出生年月日", "birth_date", "birthday"]),
];

pub fn label_of(field: &str) -> &'static str {
    FIELDS.iter().find(|(f, _, _)| *f == field).map_or("", |(_, label, _)| label)
}

fn normalise_header(text: &str) -> String {
    text.trim_start_matches('\u{feff}')
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '*' | '＊' | ':' | '：'))
        .collect::<String>()
        .replace("（必填）", "")
        .replace("(必填)", "")
        .to_lowercase()
}

/// Which of our fields each column is; unknown columns map to `None` and are ignored.
pub fn match_headers(headers: &[String]) -> Vec<Option<&'static str>> {
    headers
        .iter()
        .map(|h| {
            let h = normalise_header(h);
            FIELDS.iter().find(|(_, _, aliases)| aliases.iter().any(|a| normalise_header(a) == h)).map(|(f, _, _)| *f)
        })
        .collect()
}

#[derive(Debug, Clone, PartialEq)]
pub struct HrRecord {
    pub employee_number: Option<String>,
    pub id_card: IdCardNumber,
    pub name: String,
    pub phone: Option<MobilePhone>,
    pub education: Option<Education>,
    pub occupation: Option<Occupation>,
    pub ethnicity: Option<String>,
    pub work_unit: Option<String>,
    pub department: Option<String>,
    pub org_name: Option<String>,
}

fn education_alias(text: &str) -> Option<Education> {
    Education::parse(text).or(match text.trim() {
        "博士" | "硕士" | "博士研究生" | "硕士研究生" => Some(Education::Postgraduate),
        "本科" | "大学" => Some(Education::Bachelor),
        "专科" | "大专" => Some(Education::JuniorCollege),
        "中专" | "中技" => Some(Education::SecondaryVocational),
        "高中" | "技校" => Some(Education::HighSchool),
        "初中" | "小学" | "初中及以下" => Some(Education::MiddleSchoolOrBelow),
        _ => None,
    })
}

fn occupation_alias(text: &str) -> Option<Occupation> {
    Occupation::parse(text).or(match text.trim() {
        "工人" | "工勤技能人员" => Some(Occupation::Worker),
        "专业技术人员" | "科研人员" => Some(Occupation::Professional),
        "管理人员" => Some(Occupation::Manager),
        "离退休" | "退休" => Some(Occupation::Retired),
        _ => None,
    })
}

/// Reads dates as HR systems write them: 2024-03-01, 2024/3/1, 20240301, 2024年3月1日, 2024.03.01.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let t = text.trim().replace(['年', '月', '/', '.'], "-").replace('日', "");
    NaiveDate::parse_from_str(&t, "%Y-%m-%d").ok().or_else(|| NaiveDate::parse_from_str(&t, "%Y%m%d").ok())
}

impl HrRecord {
    /// Parses a row of values keyed by our field names; every problem is reported in Chinese.
    pub fn parse(values: &BTreeMap<&'static str, String>, today: NaiveDate) -> Result<HrRecord, Vec<String>> {
        let get = |f: &str| values.get(f).map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
        let mut problems = Vec::new();
        let name = get("name").unwrap_or_default();
        if name.is_empty() {
            problems.push("缺少姓名".to_string());
        }
        let id_card = match get("id_card_number") {
            None => {
                problems.push("缺少身份证号码".to_string());
                None
            }
            Some(text) => IdCardNumber::parse(&text, today)
                .map_err(|e| problems.push(format!("身份证号码“{text}”无效：{}", e.message())))
                .ok(),
        };
        let phone = get("phone")
            .and_then(|p| MobilePhone::parse(&p).map_err(|_| problems.push(format!("手机号“{p}”格式不正确"))).ok());
        let education = get("education").and_then(|e| {
            education_alias(&e).or_else(|| {
                problems.push(format!("无法识别的学历“{e}”"));
                None
            })
        });
        let occupation = get("occupation").and_then(|o| {
            occupation_alias(&o).or_else(|| {
                problems.push(format!("无法识别的职业类别“{o}”"));
                None
            })
        });
        if let Some(text) = get("birth_date") {
            match parse_date(&text) {
                None => problems.push(format!("出生日期“{text}”格式不正确")),
                Some(d) if id_card.as_ref().is_some_and(|id| id.birth_date() != d) => {
                    problems.push("出生日期与身份证号码不一致".to_string())
                }
                Some(_) => {}
            }
        }
        if !limits::is_valid_person_name(&name) {
            problems.push(format!("姓名“{name}”不符合要求（不超过{}个字，不含数字）", limits::NAME_MAX_CHARS));
        }
        for (field, label, max) in [
            ("ethnicity", "民族", limits::ETHNICITY_MAX_CHARS),
            ("work_unit", "工作单位", limits::WORK_UNIT_MAX_CHARS),
            ("department", "部门", limits::DEPARTMENT_MAX_CHARS),
            ("org_name", "所在党组织", limits::ORG_NAME_MAX_CHARS),
        ] {
            if get(field).is_some_and(|v| limits::too_long(&v, max)) {
                problems.push(format!("{label}不能超过{max}个字"));
            }
        }
        let employee_number = get("employee_number");
        if employee_number.as_deref().is_some_and(|n| !limits::is_valid_employee_number(n)) {
            problems.push(format!("工号只能包含字母、数字、- 和 _，且不超过{}位", limits::EMPLOYEE_NUMBER_MAX_CHARS));
        }
        match id_card {
            Some(id_card) if problems.is_empty() => Ok(HrRecord {
                employee_number,
                id_card,
                name,
                phone,
                education,
                occupation,
                ethnicity: get("ethnicity"),
                work_unit: get("work_unit"),
                department: get("department"),
                org_name: get("org_name"),
            }),
            _ => Err(problems),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_match_tolerantly() {
        let headers: Vec<String> =
            ["\u{feff}工号", " 姓 名 ", "身份证号（必填）", "Mobile", "备注"].iter().map(|s| s.to_string()).collect();
        assert_eq!(
            match_headers(&headers),
            vec![Some("employee_number"), Some("name"), Some("id_card_number"), Some("phone"), None]
        );
    }

    #[test]
    fn parses_and_reports_problems() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        let mut row: BTreeMap<&'static str, String> = BTreeMap::new();
        row.insert("name", "张伟".into());
        row.insert("id_card_number", "440304198506123412".into());
        row.insert("education", "本科".into());
        row.insert("birth_date", "1985年6月12日".into());
        let record = HrRecord::parse(&row, today).unwrap();
        assert_eq!(record.education, Some(Education::Bachelor));
        row.insert("phone", "12345".into());
        row.insert("id_card_number", "440304198506123413".into());
        row.insert("birth_date", "1985-13-01".into());
        let problems = HrRecord::parse(&row, today).unwrap_err();
        assert_eq!(problems.len(), 3, "{problems:?}");
    }

    #[test]
    fn dates_in_common_spellings() {
        let d = NaiveDate::from_ymd_opt(2024, 3, 1);
        for text in ["2024-03-01", "2024/3/1", "20240301", "2024年3月1日", "2024.03.01"] {
            assert_eq!(parse_date(text), d, "{text}");
        }
    }
}
