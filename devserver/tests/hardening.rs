//! The dev server as a production proxy would behave: slow request bodies cut off, the request
//! log bounded and without query values.

mod support;

use dimona_devserver::{start, LogSink, RunningServer, ServerConfig, API_PREFIX};
use serde_json::Value;
use std::time::Duration;
use support::client;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

async fn server(body_timeout: Duration) -> RunningServer {
    start(ServerConfig {
        port: 0,
        root: support::project_root(),
        body_timeout,
        log: LogSink::silent(),
        ..ServerConfig::default()
    })
    .await
    .expect("server starts")
}

/// Sends the head of a request announcing `length` bytes of body, then only `sent`, and waits
/// for the answer without ever finishing the body.
async fn stalled_body(s: &RunningServer, request_line: &str, length: usize, sent: &str) -> String {
    let mut stream = tokio::net::TcpStream::connect(s.addr()).await.unwrap();
    let head = format!(
        "{request_line} HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\nContent-Length: {length}\r\n\r\n{sent}",
        s.addr()
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    let mut out = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(20), stream.read_to_end(&mut out)).await;
    assert!(read.is_ok(), "the server never answered a stalled body");
    String::from_utf8_lossy(&out).into_owned()
}

#[tokio::test]
async fn a_body_that_stalls_gets_408() {
    let s = server(Duration::from_millis(200)).await;
    for line in [
        format!("POST {API_PREFIX}/declarations"),
        "PUT /__sim/faults".to_string(),
    ] {
        let answer = stalled_body(&s, &line, 500, "{\"employer\":").await;
        assert!(answer.starts_with("HTTP/1.1 408"), "{line}: {answer}");
        assert!(answer.contains("requestTimeout"), "{answer}");
    }
    let recorded: Value = client()
        .get(format!("{}/__sim/requests", s.origin()))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        recorded,
        serde_json::json!([]),
        "the simulator never saw the stalled request"
    );
    // A body that arrives in time is served as before.
    let r = client()
        .put(format!("{}/__sim/faults", s.origin()))
        .header("content-type", "application/json")
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    s.stop().await;
}

#[tokio::test]
async fn the_request_log_leaves_query_values_out_and_pages_by_1000() {
    let s = server(Duration::from_secs(10)).await;
    let http = client();
    let base = format!("{}{API_PREFIX}", s.origin());
    let listed = http
        .get(format!(
            "{base}/dailyRegistrations?periodId=600050201853&sort=-startDate"
        ))
        .send()
        .await
        .unwrap();
    assert!(listed.status().is_client_error() || listed.status().is_success());
    let text = http
        .get(format!("{}/__sim/requests", s.origin()))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(text.contains("/dailyRegistrations?periodId&sort"), "{text}");
    assert!(!text.contains("600050201853"), "{text}");

    for _ in 0..1_005 {
        http.get(format!("{base}/periods/1")).send().await.unwrap();
    }
    let page = |q: &'static str| {
        let http = http.clone();
        let url = format!("{}/__sim/requests{q}", s.origin());
        async move { http.get(url).send().await.unwrap().json::<Vec<Value>>().await.unwrap() }
    };
    let last = page("").await;
    assert_eq!(last.len(), 1_000, "the last 1,000");
    assert_eq!(last[999]["path"], "/periods/1");
    let first = page("?from=0").await;
    assert_eq!(first.len(), 1_000);
    assert_eq!(first[0]["path"], "/dailyRegistrations?periodId&sort");
    assert_eq!((first[0]["n"].as_u64(), first[999]["n"].as_u64()), (Some(0), Some(999)));
    let rest = page("?from=1000").await;
    assert_eq!((rest.len(), rest[0]["n"].as_u64()), (6, Some(1_000)));
    s.stop().await;
}
