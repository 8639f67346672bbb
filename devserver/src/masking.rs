//! Request paths as they may appear in the log: ids and anything that could be an SSIN or an
//! enterprise number masked, the query string reduced to its parameter names.

/// Runs of digits (with the `.` and `-` people write SSINs with) holding this many digits or
/// more are masked: declaration, period and registration ids, SSINs (11), enterprise (10) and
/// RSZ (9) numbers all hold more.
const MASK_DIGITS_FROM: usize = 4;
/// Longest path kept in a log line.
const MAX_LOGGED_CHARS: usize = 200;

/// The methods of RFC 9110 and PATCH, logged by name; any other token a client sends (it may
/// hold anything, an SSIN included) is logged as `OTHER`.
const LOGGED_METHODS: &[&str] = &[
    "GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH",
];

/// The request method as it may appear in the log.
pub(crate) fn logged_method(method: &str) -> &'static str {
    LOGGED_METHODS
        .iter()
        .find(|m| **m == method)
        .copied()
        .unwrap_or("OTHER")
}

/// `"/REST/dimona/v2/declarations/600050201853?x=1"` → `"/REST/dimona/v2/declarations/*?x"`.
pub(crate) fn mask_target(path: &str, query: Option<&str>) -> String {
    let mut out = mask_digits(path);
    if let Some(q) = query.filter(|q| !q.is_empty()) {
        out.push('?');
        let names: Vec<String> = q
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|p| mask_digits(p.split_once('=').map(|(k, _)| k).unwrap_or(p)))
            .collect();
        out.push_str(&names.join("&"));
    }
    printable(&out)
}

fn mask_digits(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        if run.chars().filter(char::is_ascii_digit).count() >= MASK_DIGITS_FROM {
            out.push('*');
        } else {
            out.push_str(run);
        }
        run.clear();
    };
    for c in s.chars() {
        if c.is_ascii_digit() || ((c == '.' || c == '-') && !run.is_empty()) {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            out.push(c);
        }
    }
    flush(&mut run, &mut out);
    out
}

/// Keeps one log line one line: control and non-ASCII characters become `?`, long paths are cut.
fn printable(s: &str) -> String {
    let mut out: String = s
        .chars()
        .take(MAX_LOGGED_CHARS)
        .map(|c| if c.is_ascii_graphic() { c } else { '?' })
        .collect();
    if s.chars().count() > MAX_LOGGED_CHARS {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_ssins_are_masked() {
        assert_eq!(
            mask_target("/REST/dimona/v2/declarations/600050201853", None),
            "/REST/dimona/v2/declarations/*"
        );
        assert_eq!(mask_target("/x/85.07.30-033.28", None), "/x/*");
        assert_eq!(mask_target("/pkg/v0.1.0-x.js", None), "/pkg/v0.1.0-x.js");
        assert_eq!(
            mask_target("/x/85073003328", Some("ssin=85073003328&sort=-startDate")),
            "/x/*?ssin&sort"
        );
        assert_eq!(mask_target("/x", Some("85073003328=1")), "/x?*");
        assert_eq!(mask_target("/pkg/index_bg.wasm", Some("")), "/pkg/index_bg.wasm");
    }

    #[test]
    fn unknown_methods_are_not_logged_as_sent() {
        assert_eq!(logged_method("POST"), "POST");
        assert_eq!(logged_method("POST85073003328"), "OTHER");
        assert_eq!(logged_method("get"), "OTHER");
    }

    #[test]
    fn stays_on_one_line() {
        assert_eq!(mask_target("/a\nb\u{1b}[31m", None), "/a?b?[31m");
        assert!(mask_target(&"/a".repeat(500), None).chars().count() <= MAX_LOGGED_CHARS + 1);
    }
}
