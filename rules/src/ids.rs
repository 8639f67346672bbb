//! Identifiers and their check digits: SSIN (INSZ/NISS, including BIS numbers), enterprise
//! number (KBO/BCE), RSZ/NOSS employer numbers and the RSZ's own ids (declaration, period,
//! daily registration).
//!
//! All functions are pure and never panic, whatever the input.

/// Characters people type inside identifiers that carry no meaning.
fn is_separator(c: char) -> bool {
    matches!(c, ' ' | '.' | '-' | '/' | '\u{a0}' | '\t')
}

/// Keeps the digits of `value` when every other character is a separator; `None` when
/// anything else (a letter, a symbol) is present or no digit at all.
pub fn digits_only(value: &str) -> Option<String> {
    Digits::read(value).map(|d| d.as_str().to_string())
}

/// The digits of an identifier as typed, kept without allocating: identifiers are checked on
/// every keystroke of a form.
struct Digits {
    buf: [u8; 32],
    len: usize,
}

impl Digits {
    /// What [`digits_only`] keeps: at most 32 digits, separators skipped, anything else refused.
    fn read(value: &str) -> Option<Digits> {
        let mut d = Digits { buf: [0; 32], len: 0 };
        for c in value.chars() {
            if c.is_ascii_digit() {
                *d.buf.get_mut(d.len)? = c as u8;
                d.len += 1;
            } else if !is_separator(c) {
                return None;
            }
        }
        (d.len > 0).then_some(d)
    }

    fn as_bytes(&self) -> &[u8] {
        &self.buf[..self.len]
    }

    fn as_str(&self) -> &str {
        std::str::from_utf8(self.as_bytes()).unwrap_or("")
    }
}

/// The number that ASCII digits stand for (at most 19 of them).
fn number(digits: &[u8]) -> u64 {
    digits.iter().fold(0, |n, d| n * 10 + u64::from(d - b'0'))
}

/// What the check digits of an SSIN say about the holder's century of birth.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SsinCentury {
    /// Born before 2000 (check on the nine first digits).
    Before2000,
    /// Born in or after 2000 (check on `2` followed by the nine first digits).
    From2000,
}

/// The kind of SSIN, from the month field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SsinKind {
    /// National Register number.
    NationalRegister,
    /// BIS number, sex unknown when issued (month + 20).
    BisSexUnknown,
    /// BIS number, sex known when issued (month + 40).
    BisSexKnown,
}

/// A parsed, valid SSIN.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ssin {
    /// The eleven digits.
    pub digits: String,
    /// The century the check digits point to.
    pub century: SsinCentury,
    /// National Register or BIS.
    pub kind: SsinKind,
}

fn is_leap(year: u32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Days in `month` (1–12) of `year`.
pub fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Parses an SSIN (`65111899997`, `65.11.18-999.97`, a BIS number, a 2000+ birth), with
/// every 2000+ year accepted: see [`parse_ssin_in`] to bound them by the current year.
pub fn parse_ssin(value: &str) -> Option<Ssin> {
    parse_ssin_in(value, 2099)
}

/// Parses an SSIN whose holder was born by `current_year`: eleven digits, valid check digits
/// and a plausible birth date part. The check digits with the `2` prefix (births from 2000)
/// apply only to years up to `current_year`: a number valid only as a birth in a later year
/// is invalid. Month and day may be unknown: a month `00` (or `20`/`40` for BIS numbers), and
/// a day `00` or beyond the month's length (the day counter ran out), are unknown parts, not
/// invalid ones. BIS months are shifted by 20 or 40; other months beyond 12 are invalid.
pub fn parse_ssin_in(value: &str, current_year: u32) -> Option<Ssin> {
    let digits = Digits::read(value)?;
    let (century, kind) = ssin_parts(digits.as_bytes(), current_year)?;
    Some(Ssin {
        digits: digits.as_str().to_string(),
        century,
        kind,
    })
}

/// The century and kind of eleven SSIN digits: see [`parse_ssin_in`].
fn ssin_parts(digits: &[u8], current_year: u32) -> Option<(SsinCentury, SsinKind)> {
    if digits.len() != 11 {
        return None;
    }
    let base = number(&digits[..9]);
    let check = number(&digits[9..]);
    let yy = number(&digits[..2]) as u32;
    let century = if 97 - base % 97 == check {
        SsinCentury::Before2000
    } else if 2000 + yy <= current_year && 97 - (2_000_000_000 + base) % 97 == check {
        SsinCentury::From2000
    } else {
        return None;
    };
    let kind = match number(&digits[2..4]) {
        0..=12 => SsinKind::NationalRegister,
        20..=32 => SsinKind::BisSexUnknown,
        40..=52 => SsinKind::BisSexKnown,
        _ => return None,
    };
    Some((century, kind))
}

/// True when `value` is a valid SSIN (INSZ/NISS): National Register or BIS number, born
/// before or from 2000, with or without the usual separators (`65.11.18-999.97`). Without
/// a current year every 2000+ birth year is accepted; [`is_valid_ssin_in`] bounds them.
pub fn is_valid_ssin(value: &str) -> bool {
    is_valid_ssin_in(value, 2099)
}

/// True when `value` is a valid SSIN of someone born by `current_year` (see [`parse_ssin_in`]).
pub fn is_valid_ssin_in(value: &str, current_year: u32) -> bool {
    Digits::read(value).is_some_and(|d| ssin_parts(d.as_bytes(), current_year).is_some())
}

/// Normalises an enterprise number to its ten digits: strips `BE`, spaces, dots and
/// dashes, and puts back the leading `0` of a legacy nine-digit number. Does not check
/// the check digits.
pub fn normalise_enterprise_number(value: &str) -> Option<String> {
    let (digits, nine) = enterprise_digits(value)?;
    let mut ten = String::with_capacity(10);
    if nine {
        ten.push('0');
    }
    ten.push_str(digits.as_str());
    Some(ten)
}

/// The digits of an enterprise number, `BE` and separators stripped, with whether they are the
/// legacy nine (without the leading `0`); `None` for any other count.
fn enterprise_digits(value: &str) -> Option<(Digits, bool)> {
    let trimmed = crate::text::trim(value);
    let rest = trimmed
        .strip_prefix("BE")
        .or_else(|| trimmed.strip_prefix("be"))
        .or_else(|| trimmed.strip_prefix("Be"))
        .unwrap_or(trimmed);
    let digits = Digits::read(rest)?;
    match digits.len {
        9 => Some((digits, true)),
        10 => Some((digits, false)),
        _ => None,
    }
}

/// True when `value` is a valid Belgian enterprise number (KBO/BCE): ten digits starting
/// with 0 or 1, or the legacy nine digits, whose last two digits are 97 minus the first
/// eight modulo 97. Accepts `0411702543`, `411702543`, `BE 0411.702.543`.
pub fn is_valid_enterprise_number(value: &str) -> bool {
    let Some((digits, nine)) = enterprise_digits(value) else {
        return false;
    };
    let d = digits.as_bytes();
    // The ten digits: a legacy nine-digit number has its leading `0` back.
    let (first, base, check) = if nine {
        (b'0', number(&d[..7]), number(&d[7..]))
    } else {
        (d[0], number(&d[..8]), number(&d[8..]))
    };
    (first == b'0' || first == b'1') && base != 0 && 97 - base % 97 == check
}

/// Domain of the definitive RSZ/NOSS employer number (zone 00011).
pub const NOSS_NUMBER_RANGE: (u64, u64) = (100_006, 199_999_934);
/// Domain of the provisional RSZ/NOSS employer number (zone 00948).
pub const PROVISIONAL_NOSS_NUMBER_RANGE: (u64, u64) = (5_000_000_120, 5_999_999_989);

/// True when `number` lies in the definitive RSZ/NOSS number domain.
pub fn is_in_noss_domain(number: u64) -> bool {
    (NOSS_NUMBER_RANGE.0..=NOSS_NUMBER_RANGE.1).contains(&number)
}

/// The RSZ/NOSS number check digits. No official statement of the algorithm is public;
/// every boundary value and every example satisfies `number mod 97 == 96`, so a failure
/// is reported as a warning, never as a blocking anomaly.
pub fn has_noss_check_digits(number: u64) -> bool {
    number % 97 == 96
}

/// Check digits of the RSZ's own 12-digit ids (declaration, period, daily registration):
/// the last two digits equal the first ten modulo 97. Used to generate ids in the
/// simulator and as a soft sanity check; the documentation's placeholders do not satisfy it.
pub fn rsz_id_check_digits(first_ten: u64) -> u64 {
    first_ten % 97
}

/// Builds a 12-digit RSZ id from its first ten digits.
pub fn make_rsz_id(first_ten: u64) -> u64 {
    (first_ten % 10_000_000_000) * 100 + rsz_id_check_digits(first_ten % 10_000_000_000)
}

/// True when a 12-digit RSZ id carries consistent check digits.
pub fn has_rsz_id_check_digits(id: u64) -> bool {
    (100_000_000_000..=999_999_999_999).contains(&id) && rsz_id_check_digits(id / 100) == id % 100
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ssin_examples() {
        assert!(is_valid_ssin("65111899997"));
        assert!(is_valid_ssin("65.11.18-999.97"));
        assert!(is_valid_ssin("85073003328"));
        assert!(is_valid_ssin("17073003384"));
        assert_eq!(parse_ssin("17073003384").unwrap().century, SsinCentury::From2000);
        assert_eq!(parse_ssin("85073003328").unwrap().century, SsinCentury::Before2000);
        // The response examples of the documentation use anonymised SSINs whose check
        // digits do not hold; responses are never validated.
        assert!(!is_valid_ssin("83120899997"));
        assert!(!is_valid_ssin("65111899998"));
        assert!(!is_valid_ssin("6511189999"));
        assert!(!is_valid_ssin("651118999977"));
        assert!(!is_valid_ssin("6511189999a"));
        assert!(!is_valid_ssin(""));
        assert!(!is_valid_ssin("۶۵۱۱۱۸۹۹۹۹۷"));
    }

    #[test]
    fn ssin_bis_and_unknown_dates() {
        // BIS, sex unknown: month + 20. Build one: 85 27 30 003 + check.
        let base = 852_730_003u64;
        let cc = 97 - base % 97;
        assert!(is_valid_ssin(&format!("{base:09}{cc:02}")));
        let base = 854_730_004u64;
        let cc = 97 - base % 97;
        assert!(is_valid_ssin(&format!("{base:09}{cc:02}")));
        // Unknown month and day.
        let base = 850_000_001u64;
        let cc = 97 - base % 97;
        assert!(is_valid_ssin(&format!("{base:09}{cc:02}")));
        // Month 13 is nothing.
        let base = 851_330_001u64;
        let cc = 97 - base % 97;
        assert!(!is_valid_ssin(&format!("{base:09}{cc:02}")));
        // 30 February, or day 00, is an unknown day (the day counter ran out), not an error.
        for base in [850_230_001u64, 850_200_001, 850_299_001] {
            let cc = 97 - base % 97;
            assert!(is_valid_ssin(&format!("{base:09}{cc:02}")), "{base}");
        }
        // Valid only as a birth in 2092: invalid while 2092 has not come.
        let prefixed = 2_920_101_001u64;
        let cc = 97 - prefixed % 97;
        let ssin = format!("{:09}{cc:02}", prefixed - 2_000_000_000);
        assert!(!is_valid_ssin_in(&ssin, 2026), "{ssin}");
        assert!(is_valid_ssin_in(&ssin, 2092), "{ssin}");
        assert!(is_valid_ssin_in("17073003384", 2017));
        assert!(!is_valid_ssin_in("17073003384", 2016));
        // 29 February 2000 exists (2000+ rule).
        let base = 2_000_229_001u64;
        let cc = 97 - base % 97;
        assert!(is_valid_ssin(&format!("{:09}{cc:02}", base - 2_000_000_000)));
    }

    #[test]
    fn enterprise_numbers() {
        assert!(is_valid_enterprise_number("0411702543"));
        assert!(is_valid_enterprise_number("411702543"));
        assert!(is_valid_enterprise_number("BE 0411.702.543"));
        assert!(is_valid_enterprise_number("0403019261"));
        assert!(is_valid_enterprise_number("0428759497"));
        assert!(is_valid_enterprise_number("800002352"));
        assert!(!is_valid_enterprise_number("0411702544"));
        assert!(!is_valid_enterprise_number("2411702543"));
        assert!(!is_valid_enterprise_number("0000000097"));
        assert!(!is_valid_enterprise_number("BE"));
        assert!(!is_valid_enterprise_number("x411702543"));
        assert_eq!(
            normalise_enterprise_number("BE 411.702.543").as_deref(),
            Some("0411702543")
        );
    }

    #[test]
    fn noss_and_rsz_ids() {
        for n in [
            100_006u64,
            199_999_934,
            118_203_423,
            125_482_497,
            5_000_000_120,
            5_999_999_989,
        ] {
            assert!(has_noss_check_digits(n), "{n}");
        }
        assert!(!has_noss_check_digits(118_203_424));
        for id in [
            600_050_201_853u64,
            600_008_734_454,
            600_049_127_173,
            600_124_241_448,
            600_165_606_187,
        ] {
            assert!(has_rsz_id_check_digits(id), "{id}");
        }
        assert!(!has_rsz_id_check_digits(123_456_789_123));
        assert_eq!(make_rsz_id(6_000_502_018), 600_050_201_853);
    }
}
