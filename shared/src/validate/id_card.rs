//! 居民身份证号码 (GB 11643-1999): 6-digit region, 8-digit birth date, 3-digit sequence
//! (odd = male, even = female), 1 check character (ISO 7064 MOD 11-2).

use chrono::NaiveDate;

use crate::Gender;

const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];
/// Province-level prefixes of GB/T 2260 (incl. 71 台湾, 81 香港, 82 澳门 as issued on 居住证).
const PROVINCES: [u32; 34] = [
    11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63,
    64, 65, 71, 81, 82,
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdCardError {
    /// Not 18 characters of digits with an optional final X.
    Format,
    Region,
    BirthDate,
    Checksum,
}

impl IdCardError {
    pub fn message(self) -> &'static str {
        match self {
            IdCardError::Format => "身份证号码应为18位，前17位为数字，最后一位为数字或X",
            IdCardError::Region => "身份证号码的地区码无效",
            IdCardError::BirthDate => "身份证号码中的出生日期无效",
            IdCardError::Checksum => "身份证号码校验位不正确，请核对",
        }
    }
}

/// The check character for the first 17 digits, or `None` if they are not 17 digits.
pub fn id_card_check_char(first17: &str) -> Option<char> {
    if first17.len() != 17 || !first17.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let sum: u32 = first17.bytes().zip(WEIGHTS).map(|(b, w)| u32::from(b - b'0') * w).sum();
    Some(CHECK_CHARS[(sum % 11) as usize])
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct IdCardNumber(String);

impl IdCardNumber {
    /// Parses a number, accepting a lowercase x and surrounding spaces. The birth date must be
    /// a real date not after `today`.
    pub fn parse(text: &str, today: NaiveDate) -> Result<IdCardNumber, IdCardError> {
        let normalised = text.trim().to_ascii_uppercase();
        let bytes = normalised.as_bytes();
        let well_formed = bytes.len() == 18
            && bytes[..17].iter().all(u8::is_ascii_digit)
            && (bytes[17].is_ascii_digit() || bytes[17] == b'X');
        if !well_formed {
            return Err(IdCardError::Format);
        }
        let province: u32 = normalised[..2].parse().map_err(|_| IdCardError::Format)?;
        if !PROVINCES.contains(&province) {
            return Err(IdCardError::Region);
        }
        let birth = crate::time::parse_compact_date(&normalised[6..14]).ok_or(IdCardError::BirthDate)?;
        if birth > today || birth < NaiveDate::from_ymd_opt(1900, 1, 1).expect("valid date") {
            return Err(IdCardError::BirthDate);
        }
        if id_card_check_char(&normalised[..17]) != Some(char::from(bytes[17])) {
            return Err(IdCardError::Checksum);
        }
        Ok(IdCardNumber(normalised))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn birth_date(&self) -> NaiveDate {
        crate::time::parse_compact_date(&self.0[6..14]).expect("checked in parse")
    }

    pub fn gender(&self) -> Gender {
        if (self.0.as_bytes()[16] - b'0') % 2 == 1 { Gender::Male } else { Gender::Female }
    }

    /// The number with the middle hidden, for lists and logs: 110105********0018.
    pub fn masked(&self) -> String {
        format!("{}********{}", &self.0[..6], &self.0[14..])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
    }

    #[test]
    fn accepts_published_sample_numbers() {
        // The GB 11643 worked example and the common textbook sample.
        let a = IdCardNumber::parse("11010519491231002X", today()).unwrap();
        assert_eq!(a.birth_date(), NaiveDate::from_ymd_opt(1949, 12, 31).unwrap());
        assert_eq!(a.gender(), Gender::Female);
        let b = IdCardNumber::parse("440304198506123412", today()).unwrap();
        assert_eq!(b.birth_date(), NaiveDate::from_ymd_opt(1985, 6, 12).unwrap());
        assert_eq!(b.gender(), Gender::Male);
        // Born before 1900: not a plausible living person.
        assert_eq!(IdCardNumber::parse("440524188001010014", today()), Err(IdCardError::BirthDate));
        let c = IdCardNumber::parse(" 11010519491231002x ", today()).unwrap();
        assert_eq!(c.as_str(), "11010519491231002X");
        assert_eq!(c.masked(), "110105********002X");
    }

    #[test]
    fn check_char_vectors() {
        assert_eq!(id_card_check_char("11010519491231002"), Some('X'));
        assert_eq!(id_card_check_char("44052418800101001"), Some('4'));
        assert_eq!(id_card_check_char("32010619900307123"), Some('4'));
        assert_eq!(id_card_check_char("1101051949123100"), None);
    }

    #[test]
    fn rejects_each_kind_of_error() {
        assert_eq!(IdCardNumber::parse("110105194912310021", today()), Err(IdCardError::Checksum));
        assert_eq!(IdCardNumber::parse("11010519491231002", today()), Err(IdCardError::Format));
        assert_eq!(IdCardNumber::parse("1101051949123100AX", today()), Err(IdCardError::Format));
        assert_eq!(IdCardNumber::parse("990105194912310023", today()), Err(IdCardError::Region));
        // 1990-02-30 does not exist.
        let bad_day = format!("32010619900230123{}", id_card_check_char("32010619900230123").unwrap());
        assert_eq!(IdCardNumber::parse(&bad_day, today()), Err(IdCardError::BirthDate));
        // Born in the future.
        let future = format!("32010620300101123{}", id_card_check_char("32010620300101123").unwrap());
        assert_eq!(IdCardNumber::parse(&future, today()), Err(IdCardError::BirthDate));
    }
}
