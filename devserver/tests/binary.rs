//! The `dimona-devserver` binary: the one line it prints once listening, help, mistakes, and
//! a clean stop on SIGTERM.

mod support;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_dimona-devserver");

#[test]
fn prints_one_line_with_the_url_then_serves() {
    let root = support::project_root();
    let mut child = Command::new(BIN)
        .args(["--port", "0", "--root"])
        .arg(&root)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("binary starts");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let _ = child.kill();
    let _ = child.wait();
    let line = line.trim_end();
    let rest = line
        .strip_prefix("dimona dev server: http://127.0.0.1:")
        .unwrap_or_else(|| panic!("unexpected banner: {line}"));
    let (port, mode) = rest.split_once("/ ").unwrap();
    assert!(port.parse::<u16>().unwrap() > 0);
    assert_eq!(mode, "(simulator)");
}

#[cfg(unix)]
#[test]
fn stops_on_sigterm() {
    let root = support::project_root();
    let mut child = Command::new(BIN)
        .args(["--port", "0", "--root"])
        .arg(&root)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let exit = child.wait().unwrap();
    assert!(exit.success(), "{exit:?}");
}

#[test]
fn help_and_mistakes() {
    let help = Command::new(BIN).arg("--help").output().unwrap();
    assert!(help.status.success());
    assert!(String::from_utf8_lossy(&help.stdout).contains("--upstream"));

    let bad = Command::new(BIN).arg("--bogus").output().unwrap();
    assert_eq!(bad.status.code(), Some(2));

    let no_key = Command::new(BIN)
        .args(["--port", "0", "--mode", "proxy"])
        .env_remove("DIMONA_CLIENT_ID")
        .env_remove("DIMONA_KEY_FILE")
        .output()
        .unwrap();
    assert_eq!(no_key.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&no_key.stderr).contains("--client-id"));
}

#[test]
fn beyond_loopback_it_warns_and_names_the_real_address() {
    let root = support::project_root();
    let mut child = Command::new(BIN)
        .args(["--port", "0", "--host", "0.0.0.0", "--root"])
        .arg(&root)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let mut warning = String::new();
    BufReader::new(child.stderr.take().unwrap())
        .read_line(&mut warning)
        .unwrap();
    let _ = child.kill();
    let _ = child.wait();
    assert!(line.starts_with("dimona dev server: http://127.0.0.1:"), "{line}");
    assert!(line.contains("listening on 0.0.0.0:"), "{line}");
    assert!(warning.contains("warning") && warning.contains("0.0.0.0:"), "{warning}");
    assert!(warning.contains("no authentication"), "{warning}");
}

#[test]
fn dimona_upstream_alone_is_not_the_simulator() {
    let out = Command::new(BIN)
        .args(["--port", "0"])
        .env("DIMONA_UPSTREAM", "production")
        .env_remove("DIMONA_CLIENT_ID")
        .env_remove("DIMONA_KEY_FILE")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("DIMONA_UPSTREAM is set"), "{stderr}");
    assert!(out.stdout.is_empty(), "no simulator started");
}
