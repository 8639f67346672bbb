//! Case mapping within ASCII and Latin-1. The texts whose case the library changes (the
//! glossary's Dutch titles, the RSZ's 404 messages in Dutch, French and English) stay within
//! that range, where this gives what `str::to_lowercase` gives, without Unicode's full case
//! tables in the wasm module.

/// `c` in lower case (`É` → `é`); characters beyond Latin-1 are kept as they are.
pub fn lower(c: char) -> char {
    match c {
        'A'..='Z' | 'À'..='Ö' | 'Ø'..='Þ' => char::from_u32(c as u32 + 32).unwrap_or(c),
        _ => c,
    }
}

/// `c` in upper case (`é` → `É`); `ß`, `ÿ` and characters beyond Latin-1 are kept as they are.
pub fn upper(c: char) -> char {
    match c {
        'a'..='z' | 'à'..='ö' | 'ø'..='þ' => char::from_u32(c as u32 - 32).unwrap_or(c),
        _ => c,
    }
}

/// Whether `c` is a lower-case letter of ASCII or Latin-1.
pub fn is_lower(c: char) -> bool {
    matches!(c, 'a'..='z' | 'ª' | 'µ' | 'º' | 'ß'..='ö' | 'ø'..='ÿ')
}

/// `s` in lower case.
pub fn to_lower(s: &str) -> String {
    s.chars().map(lower).collect()
}

/// `s.trim()`, without walking the characters of the usual value that has no whitespace at
/// either end: a value typed in a form is trimmed at every rule that reads it.
#[inline]
pub fn trim(s: &str) -> &str {
    match (s.as_bytes().first(), s.as_bytes().last()) {
        (Some(a), Some(b)) if a.is_ascii_graphic() && b.is_ascii_graphic() => s,
        _ => s.trim(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_unicode_on_latin_1() {
        for c in (0u32..=0xff).filter_map(char::from_u32) {
            assert_eq!(c.to_lowercase().collect::<String>(), lower(c).to_string(), "{c}");
            assert_eq!(is_lower(c), c.is_lowercase(), "{c}");
            if !matches!(c, 'ß' | 'ÿ' | 'µ') {
                assert_eq!(c.to_uppercase().collect::<String>(), upper(c).to_string(), "{c}");
            }
        }
        assert_eq!(to_lower("PARITAIR COMITÉ Été"), "paritair comité été");
    }
}
