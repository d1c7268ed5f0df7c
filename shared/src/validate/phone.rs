//! Mainland China mobile numbers: 11 digits starting 13–19; a +86/86 prefix, spaces and
//! hyphens are tolerated on input and dropped.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhoneError {
    Format,
}

impl PhoneError {
    pub fn message(self) -> &'static str {
        "手机号码应为11位中国大陆手机号，以13–19开头"
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct MobilePhone(String);

impl MobilePhone {
    pub fn parse(text: &str) -> Result<MobilePhone, PhoneError> {
        let digits: String = text.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
        let digits = digits
            .strip_prefix("+86")
            .or_else(|| digits.strip_prefix("86").filter(|rest| rest.len() == 11))
            .unwrap_or(&digits);
        let bytes = digits.as_bytes();
        let valid = bytes.len() == 11
            && bytes.iter().all(u8::is_ascii_digit)
            && bytes[0] == b'1'
            && (b'3'..=b'9').contains(&bytes[1]);
        if valid { Ok(MobilePhone(digits.to_string())) } else { Err(PhoneError::Format) }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// 138****5678, for lists shown to people who need not see the number.
    pub fn masked(&self) -> String {
        format!("{}****{}", &self.0[..3], &self.0[7..])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_common_spellings() {
        assert_eq!(MobilePhone::parse("13812345678").unwrap().as_str(), "13812345678");
        assert_eq!(MobilePhone::parse("+86 138-1234-5678").unwrap().as_str(), "13812345678");
        assert_eq!(MobilePhone::parse("8613812345678").unwrap().as_str(), "13812345678");
        assert_eq!(MobilePhone::parse("19912345678").unwrap().masked(), "199****5678");
    }

    #[test]
    fn rejects_non_mobile_numbers() {
        for bad in ["", "1381234567", "138123456789", "12812345678", "23812345678", "010-12345678", "1381234567a"] {
            assert_eq!(MobilePhone::parse(bad), Err(PhoneError::Format), "{bad}");
        }
    }
}
