//! Paging edges: first, middle, last page, beyond the end, page sizes out of range, sorting,
//! and a cursor that follows the `next` links to the end.

use super::*;
use crate::model::{Page, Period};
use crate::search::PageCursor;

/// A simulator holding seven periods of one employer, started on days 1..=7 (in reverse order).
fn seven_periods() -> (Simulator, u64) {
    let mut s = sim(21);
    let mut now = T0;
    for n in 0..7u32 {
        declare(&mut s, &mut now, &dimona_in(100 + n, &day(7 - n as i64)));
    }
    (s, now)
}

fn criteria() -> Value {
    json!({"employer": {"enterpriseNumber": "0411702543"}})
}

fn page_of(s: &mut Simulator, now: u64, query: &[(&str, &str)]) -> (u16, Value) {
    let r = search(s, now, "/periods/search", query, &criteria());
    let status = r.status;
    (status, json_of(&r))
}

#[test]
fn first_middle_last_and_beyond() {
    let (mut s, now) = seven_periods();
    let (status, first) = page_of(&mut s, now, &[("pageSize", "3"), ("page", "1"), ("sort", "startDate")]);
    assert_eq!(status, 200);
    assert_eq!(
        (first["page"].clone(), first["pageSize"].clone(), first["total"].clone()),
        (json!(1), json!(3), json!(7))
    );
    assert_eq!(first["items"].as_array().unwrap().len(), 3);
    assert_eq!(first["items"][0]["startDate"], day(1));
    assert_eq!(
        first["self"],
        format!(" {BASE}/periods?pageSize=3&page=1&sort=startDate")
    );
    assert_eq!(
        first["next"],
        format!(" {BASE}/periods?pageSize=3&page=2&sort=startDate")
    );
    assert!(first.get("prev").is_none());

    let (_, middle) = page_of(&mut s, now, &[("pageSize", "3"), ("page", "2"), ("sort", "startDate")]);
    assert!(middle.get("prev").is_some() && middle.get("next").is_some());
    assert_eq!(middle["items"][0]["startDate"], day(4));

    let (_, last) = page_of(&mut s, now, &[("pageSize", "3"), ("page", "3"), ("sort", "startDate")]);
    assert_eq!(last["items"].as_array().unwrap().len(), 1);
    assert!(last.get("next").is_none());
    assert_eq!(
        last["prev"],
        format!(" {BASE}/periods?pageSize=3&page=2&sort=startDate")
    );

    let (status, beyond) = page_of(&mut s, now, &[("pageSize", "3"), ("page", "9")]);
    assert_eq!(status, 200);
    assert_eq!(beyond["items"], json!([]));
    assert_eq!(beyond["total"], 7);
    assert!(beyond.get("next").is_none());
    assert_eq!(
        beyond["prev"],
        format!(" {BASE}/periods?pageSize=3&page=3"),
        "prev points at the last page"
    );

    let (_, default) = page_of(&mut s, now, &[]);
    assert_eq!(default["pageSize"], crate::sim::DEFAULT_PAGE_SIZE);
    assert_eq!(default["items"].as_array().unwrap().len(), 7);
}

#[test]
fn page_sizes_and_pages_out_of_range_are_refused() {
    let (mut s, now) = seven_periods();
    for query in [
        [("pageSize", "0"), ("page", "1")],
        [("pageSize", "101"), ("page", "1")],
        [("pageSize", "10"), ("page", "0")],
        [("pageSize", "ten"), ("page", "1")],
        [("pageSize", "10"), ("page", "-1")],
        [("pageSize", "10"), ("page", "99999999999999999999999")],
    ] {
        let (status, body) = page_of(&mut s, now, &query);
        assert_eq!(status, 400, "{query:?}");
        assert!(body["message"].as_str().unwrap().starts_with("Bad Request: query "));
    }
    let (status, body) = page_of(&mut s, now, &[("pageSize", "100")]);
    assert_eq!((status, body["pageSize"].clone()), (200, json!(100)));
}

#[test]
fn sorting() {
    let (mut s, now) = seven_periods();
    let dates = |v: &Value| -> Vec<String> {
        v["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["startDate"].as_str().unwrap().to_string())
            .collect()
    };
    let (_, asc) = page_of(&mut s, now, &[("sort", "startDate")]);
    let (_, desc) = page_of(&mut s, now, &[("sort", "-startDate")]);
    let (_, plus) = page_of(&mut s, now, &[("sort", "startDate+")]);
    let mut reversed = dates(&asc);
    reversed.reverse();
    assert_eq!(dates(&desc), reversed);
    assert_eq!(dates(&plus), dates(&asc));
    let (_, by_id) = page_of(&mut s, now, &[]);
    assert_eq!(dates(&by_id)[0], day(7), "default order: by id, i.e. as declared");
    let (status, _) = page_of(&mut s, now, &[("sort", "creationDate")]);
    assert_eq!(status, 400, "periods do not sort on creationDate");
    let (status, _) = page_of(&mut s, now, &[("sort", "endDate,-modificationDate")]);
    assert_eq!(status, 200);
}

#[test]
fn the_cursor_walks_every_page() {
    let (mut s, now) = seven_periods();
    let first = HttpRequest::post("/periods/search", criteria().to_string())
        .with_query("pageSize", "2")
        .with_query("page", "1");
    let mut cursor = PageCursor::new(first, 100);
    let mut seen = Vec::new();
    while let Some(request) = cursor.next_request() {
        let response = respond(s.handle(now, &request));
        let page: Page<Period> = parse_json(&response.body).unwrap();
        seen.extend(
            page.items
                .iter()
                .filter_map(|p| p.period_id.as_ref().and_then(|i| i.as_u64())),
        );
        cursor.advance(&request, &page);
    }
    seen.sort_unstable();
    seen.dedup();
    assert_eq!(seen.len(), 7);
}
