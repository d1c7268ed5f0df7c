//! Validation of a person's record, shared by the API (authoritative) and the SPA (inline
//! errors before submitting). Parse once into `ValidMemberFields`; handlers use only that.

use chrono::NaiveDate;

use crate::api::members::MemberFields;
use crate::error::FieldError;
use crate::limits::{
    DEPARTMENT_MAX_CHARS, EMPLOYEE_NUMBER_MAX_CHARS, ETHNICITY_MAX_CHARS, NAME_MAX_CHARS, WORK_UNIT_MAX_CHARS,
    is_valid_employee_number,
};
use crate::validate::{IdCardNumber, MobilePhone};
use crate::{Education, Gender, MembershipStatus, Occupation};

/// 党章: applicants must be at least 18 (domain.md §1.3).
pub const MIN_JOIN_AGE: i32 = 18;

#[derive(Debug, Clone, PartialEq)]
pub struct ValidMemberFields {
    pub name: String,
    pub id_card: IdCardNumber,
    pub gender: Gender,
    pub birth_date: NaiveDate,
    pub ethnicity: String,
    pub phone: Option<MobilePhone>,
    pub education: Option<Education>,
    pub occupation: Option<Occupation>,
    pub work_unit: Option<String>,
    pub department: Option<String>,
    pub employee_number: Option<String>,
    pub membership_status: MembershipStatus,
    pub join_date: Option<NaiveDate>,
    pub full_member_date: Option<NaiveDate>,
}

/// Whole years from `from` to `on`.
pub use crate::time::years_between;

fn optional_text(
    value: &Option<String>,
    field: &str,
    max_chars: usize,
    errors: &mut Vec<FieldError>,
) -> Option<String> {
    let text = value.as_deref().map(str::trim).filter(|t| !t.is_empty())?;
    if text.chars().count() > max_chars {
        errors.push(FieldError::new(field, "too_long", format!("不能超过{max_chars}个字")));
    }
    Some(text.to_string())
}

impl ValidMemberFields {
    pub fn parse(input: &MemberFields, today: NaiveDate) -> Result<ValidMemberFields, Vec<FieldError>> {
        let mut errors = Vec::new();

        let name = input.name.trim().to_string();
        if name.is_empty() {
            errors.push(FieldError::new("name", "required", "请填写姓名"));
        } else if name.chars().count() > NAME_MAX_CHARS {
            errors.push(FieldError::new("name", "too_long", format!("姓名不能超过{NAME_MAX_CHARS}个字")));
        } else if name.chars().any(|c| c.is_ascii_digit() || c.is_control()) {
            errors.push(FieldError::new("name", "invalid_chars", "姓名不能包含数字或控制字符"));
        }

        let id_card = match IdCardNumber::parse(&input.id_card_number, today) {
            Ok(id) => Some(id),
            Err(e) => {
                let code = match e {
                    crate::validate::IdCardError::Format => "id_card_format",
                    crate::validate::IdCardError::Region => "id_card_region",
                    crate::validate::IdCardError::BirthDate => "id_card_birth_date",
                    crate::validate::IdCardError::Checksum => "id_card_checksum",
                };
                errors.push(FieldError::new("id_card_number", code, e.message()));
                None
            }
        };
        if let Some(id) = &id_card {
            if input.gender.is_some_and(|g| g != id.gender()) {
                errors.push(FieldError::new("gender", "mismatch_id_card", "性别与身份证号码不一致"));
            }
            if input.birth_date.is_some_and(|d| d != id.birth_date()) {
                errors.push(FieldError::new("birth_date", "mismatch_id_card", "出生日期与身份证号码不一致"));
            }
        }

        let phone = match input.phone.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
            None => None,
            Some(p) => match MobilePhone::parse(p) {
                Ok(phone) => Some(phone),
                Err(e) => {
                    errors.push(FieldError::new("phone", "phone_format", e.message()));
                    None
                }
            },
        };

        let ethnicity = optional_text(&input.ethnicity, "ethnicity", ETHNICITY_MAX_CHARS, &mut errors)
            .unwrap_or_else(|| "汉族".to_string());
        let work_unit = optional_text(&input.work_unit, "work_unit", WORK_UNIT_MAX_CHARS, &mut errors);
        let department = optional_text(&input.department, "department", DEPARTMENT_MAX_CHARS, &mut errors);
        let employee_number =
            optional_text(&input.employee_number, "employee_number", EMPLOYEE_NUMBER_MAX_CHARS, &mut errors);
        if employee_number
            .as_deref()
            .is_some_and(|n| n.chars().count() <= EMPLOYEE_NUMBER_MAX_CHARS && !is_valid_employee_number(n))
        {
            errors.push(FieldError::new("employee_number", "invalid_chars", "工号只能包含字母、数字、- 和 _"));
        }

        let status = input.membership_status;
        let birth_date = id_card.as_ref().map(IdCardNumber::birth_date);
        match (status.is_member(), input.join_date) {
            (true, None) => errors.push(FieldError::new("join_date", "required", "党员须填写入党日期")),
            (false, Some(_)) => {
                errors.push(FieldError::new("join_date", "not_allowed", "尚未入党的人员不应填写入党日期"))
            }
            (true, Some(join)) => {
                if join > today {
                    errors.push(FieldError::new("join_date", "in_future", "入党日期不能晚于今天"));
                } else if birth_date.is_some_and(|b| years_between(b, join) < MIN_JOIN_AGE) {
                    errors.push(FieldError::new(
                        "join_date",
                        "under_age",
                        format!("入党时须年满{MIN_JOIN_AGE}岁，请核对入党日期与出生日期"),
                    ));
                }
            }
            (false, None) => {}
        }
        match (status, input.full_member_date) {
            (MembershipStatus::Formal, None) => {
                errors.push(FieldError::new("full_member_date", "required", "正式党员须填写转正日期"))
            }
            (MembershipStatus::Formal, Some(full)) => {
                if full > today {
                    errors.push(FieldError::new("full_member_date", "in_future", "转正日期不能晚于今天"));
                } else if input.join_date.is_some_and(|join| full <= join) {
                    errors.push(FieldError::new("full_member_date", "before_join", "转正日期应晚于入党日期"));
                }
            }
            (_, Some(_)) => errors.push(FieldError::new("full_member_date", "not_allowed", "只有正式党员才有转正日期")),
            (_, None) => {}
        }

        match id_card {
            Some(id_card) if errors.is_empty() => Ok(ValidMemberFields {
                name,
                gender: id_card.gender(),
                birth_date: id_card.birth_date(),
                id_card,
                ethnicity,
                phone,
                education: input.education,
                occupation: input.occupation,
                work_unit,
                department,
                employee_number,
                membership_status: status,
                join_date: input.join_date,
                full_member_date: input.full_member_date,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn formal() -> MemberFields {
        MemberFields {
            name: "张伟".into(),
            id_card_number: "440304198506123412".into(),
            phone: Some("138 1234 5678".into()),
            membership_status: MembershipStatus::Formal,
            join_date: Some(date(2010, 7, 1)),
            full_member_date: Some(date(2011, 7, 1)),
            ..MemberFields::default()
        }
    }

    fn codes(errors: &[FieldError]) -> Vec<(&str, &str)> {
        errors.iter().map(|e| (e.field.as_str(), e.code.as_str())).collect()
    }

    #[test]
    fn derives_gender_and_birth_date() {
        let valid = ValidMemberFields::parse(&formal(), today()).unwrap();
        assert_eq!(valid.gender, Gender::Male);
        assert_eq!(valid.birth_date, date(1985, 6, 12));
        assert_eq!(valid.phone.unwrap().as_str(), "13812345678");
        assert_eq!(valid.ethnicity, "汉族");
    }

    #[test]
    fn reports_every_bad_field() {
        let mut input = formal();
        input.name = " ".into();
        input.id_card_number = "440304198506123413".into();
        input.phone = Some("12345".into());
        let errors = ValidMemberFields::parse(&input, today()).unwrap_err();
        assert_eq!(
            codes(&errors),
            vec![("name", "required"), ("id_card_number", "id_card_checksum"), ("phone", "phone_format")]
        );
    }

    #[test]
    fn date_rules() {
        let mut input = formal();
        input.join_date = Some(date(2002, 6, 11)); // one day before the 18th birthday
        input.full_member_date = Some(date(2002, 6, 1));
        let errors = ValidMemberFields::parse(&input, today()).unwrap_err();
        assert_eq!(codes(&errors), vec![("join_date", "under_age"), ("full_member_date", "before_join")]);

        input.join_date = Some(date(2003, 6, 12)); // the 18th birthday itself is allowed
        input.full_member_date = Some(date(2004, 6, 12));
        assert!(ValidMemberFields::parse(&input, today()).is_ok());

        input.membership_status = MembershipStatus::Probationary;
        let errors = ValidMemberFields::parse(&input, today()).unwrap_err();
        assert_eq!(codes(&errors), vec![("full_member_date", "not_allowed")]);

        input.membership_status = MembershipStatus::Applicant;
        input.full_member_date = None;
        let errors = ValidMemberFields::parse(&input, today()).unwrap_err();
        assert_eq!(codes(&errors), vec![("join_date", "not_allowed")]);
    }

    #[test]
    fn gender_must_agree_with_id_card() {
        let mut input = formal();
        input.gender = Some(Gender::Female);
        input.birth_date = Some(date(1985, 6, 13));
        let errors = ValidMemberFields::parse(&input, today()).unwrap_err();
        assert_eq!(codes(&errors), vec![("gender", "mismatch_id_card"), ("birth_date", "mismatch_id_card")]);
    }

    #[test]
    fn age_counts_whole_years() {
        assert_eq!(years_between(date(2000, 2, 29), date(2018, 2, 28)), 17);
        assert_eq!(years_between(date(2000, 2, 29), date(2018, 3, 1)), 18);
    }
}
