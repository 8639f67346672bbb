//! Command line of `dimona-devserver`, parsed into a [`ServerConfig`]. Pure: arguments and
//! environment come in as values.

use crate::proxy::{ProxyConfig, DEFAULT_UPSTREAM_TIMEOUT};
use crate::token::RSZ_TOKEN_URL;
use crate::{LogSink, Mode, ServerConfig};
use std::fmt;
use std::net::IpAddr;
use std::path::PathBuf;

/// The help text.
pub const USAGE: &str = "\
dimona-devserver: serves www/ and pkg/, and the Dimona REST v2 API at /REST/dimona/v2/

  --port N              port to listen on (0 = a free port; default 8080)
  --host IP             address to listen on (default 127.0.0.1)
  --root DIR            project folder holding www/ and pkg/ (default .)
  --mode sim|proxy      answer from the embedded simulator (default) or forward to the RSZ
  --seed N              simulator seed (default 1)
  --max-body BYTES      largest request body accepted (default 262144)

proxy mode (the key never leaves this process):
  --upstream ENV|URL    simulation (default), production, or a Dimona v2 base URL   [DIMONA_UPSTREAM]
  --client-id ID        client id of your REST channel                               [DIMONA_CLIENT_ID]
  --key FILE            PEM private key of the channel's certificate                [DIMONA_KEY_FILE]
  --token-url URL       OAuth2 token endpoint (default the RSZ's v5 endpoint)       [DIMONA_TOKEN_URL]
  --audience URL        audience of the client assertion (default the token URL)
  --scope SCOPES        scopes to ask for (default: the client's default scopes)    [DIMONA_SCOPE]
";

/// What the command line asks for.
#[derive(Debug)]
pub enum Command {
    /// Print [`USAGE`].
    Help,
    /// Start the server.
    Run(Box<ServerConfig>),
}

/// A command-line mistake (the message names the flag, never a value that could be secret).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CliError(pub String);

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for CliError {}

/// Flags that take a value.
const VALUE_FLAGS: &[&str] = &[
    "--port",
    "--host",
    "--root",
    "--mode",
    "--seed",
    "--max-body",
    "--upstream",
    "--client-id",
    "--key",
    "--token-url",
    "--audience",
    "--scope",
];
/// Flag → environment variable read when the flag is absent.
const ENV_FALLBACKS: &[(&str, &str)] = &[
    ("--upstream", "DIMONA_UPSTREAM"),
    ("--client-id", "DIMONA_CLIENT_ID"),
    ("--key", "DIMONA_KEY_FILE"),
    ("--token-url", "DIMONA_TOKEN_URL"),
    ("--scope", "DIMONA_SCOPE"),
];

/// Parses the arguments (without the program name); `env` looks up environment variables.
pub fn parse(args: &[String], env: impl Fn(&str) -> Option<String>) -> Result<Command, CliError> {
    let mut values: Vec<(&str, String)> = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let arg = args[i].as_str();
        if arg == "-h" || arg == "--help" {
            return Ok(Command::Help);
        }
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) => (f, Some(v.to_string())),
            None => (arg, None),
        };
        let Some(flag) = VALUE_FLAGS.iter().find(|f| **f == flag) else {
            return Err(CliError(format!("unknown argument (see --help): {}", printable(flag))));
        };
        let value = match inline {
            Some(v) => v,
            None => {
                i += 1;
                args.get(i)
                    .cloned()
                    .ok_or_else(|| CliError(format!("{flag} needs a value")))?
            }
        };
        values.retain(|(f, _)| f != flag);
        values.push((flag, value));
        i += 1;
    }
    let get = |flag: &str| -> Option<String> {
        values
            .iter()
            .find(|(f, _)| *f == flag)
            .map(|(_, v)| v.clone())
            .or_else(|| {
                ENV_FALLBACKS
                    .iter()
                    .find(|(f, _)| *f == flag)
                    .and_then(|(_, var)| env(var))
                    .filter(|v| !v.trim().is_empty())
            })
    };

    let mut config = ServerConfig {
        log: LogSink::stderr(),
        ..ServerConfig::default()
    };
    if let Some(p) = get("--port") {
        config.port = p
            .parse()
            .map_err(|_| CliError("--port needs a number 0–65535".into()))?;
    }
    if let Some(h) = get("--host") {
        config.host = h
            .parse::<IpAddr>()
            .map_err(|_| CliError("--host needs an IP address".into()))?;
    }
    if let Some(r) = get("--root") {
        config.root = PathBuf::from(r);
    }
    if let Some(b) = get("--max-body") {
        config.body_limit = b
            .parse()
            .map_err(|_| CliError("--max-body needs a number of bytes".into()))?;
    }
    let seed = match get("--seed") {
        Some(s) => s.parse().map_err(|_| CliError("--seed needs a number".into()))?,
        None => 1,
    };
    let upstream_flag = values.iter().any(|(f, _)| *f == "--upstream");
    let upstream_env = !upstream_flag && get("--upstream").is_some();
    let mode = match get("--mode").as_deref() {
        Some("sim") | Some("simulator") => "sim",
        Some("proxy") => "proxy",
        Some(_) => return Err(CliError("--mode is sim or proxy".into())),
        // An upstream alone, as a flag or as DIMONA_UPSTREAM, means the proxy: never a
        // simulator quietly standing in for the RSZ that was asked for.
        None if upstream_flag || upstream_env => "proxy",
        None => "sim",
    };
    // Says why proxy mode was chosen when the environment chose it.
    let because = if upstream_env && get("--mode").is_none() {
        " (DIMONA_UPSTREAM is set, so proxy mode; unset it or pass --mode sim for the simulator)"
    } else {
        ""
    };
    config.mode = if mode == "sim" {
        Mode::Simulator { seed }
    } else {
        let upstream = match get("--upstream").as_deref() {
            None | Some("simulation") | Some("sim") => dimona::env::SIMULATION_BASE_URL.to_string(),
            Some("production") | Some("prod") => dimona::env::PRODUCTION_BASE_URL.to_string(),
            Some(url) => url.to_string(),
        };
        let client_id = get("--client-id")
            .ok_or_else(|| CliError(format!("proxy mode needs --client-id or DIMONA_CLIENT_ID{because}")))?;
        let key_file =
            get("--key").ok_or_else(|| CliError(format!("proxy mode needs --key FILE or DIMONA_KEY_FILE{because}")))?;
        Mode::Proxy(ProxyConfig {
            upstream,
            token_url: get("--token-url").unwrap_or_else(|| RSZ_TOKEN_URL.to_string()),
            audience: get("--audience"),
            client_id,
            key_file: PathBuf::from(key_file),
            scope: get("--scope"),
            upstream_timeout: DEFAULT_UPSTREAM_TIMEOUT,
        })
    };
    Ok(Command::Run(Box::new(config)))
}

fn printable(s: &str) -> String {
    s.chars()
        .take(40)
        .map(|c| if c.is_ascii_graphic() { c } else { '?' })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    fn run(s: &str, env: &[(&str, &str)]) -> Result<ServerConfig, CliError> {
        let env: Vec<(String, String)> = env.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        match parse(&args(s), |k| env.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone()))? {
            Command::Run(c) => Ok(*c),
            Command::Help => Err(CliError("help".into())),
        }
    }

    #[test]
    fn defaults_to_the_simulator_on_loopback_8080() {
        let c = run("", &[]).unwrap();
        assert_eq!(c.port, 8080);
        assert_eq!(c.host.to_string(), "127.0.0.1");
        assert!(matches!(c.mode, Mode::Simulator { seed: 1 }));
    }

    #[test]
    fn flags_and_inline_values() {
        let c = run("--port 0 --host=0.0.0.0 --root www --seed 7", &[]).unwrap();
        assert_eq!(c.port, 0);
        assert_eq!(c.host.to_string(), "0.0.0.0");
        assert_eq!(c.root, PathBuf::from("www"));
        assert!(matches!(c.mode, Mode::Simulator { seed: 7 }));
    }

    #[test]
    fn proxy_from_flags_and_environment() {
        let c = run(
            "--upstream production --key k.pem",
            &[("DIMONA_CLIENT_ID", "self_service_expeditor_1")],
        )
        .unwrap();
        let Mode::Proxy(p) = c.mode else {
            panic!("proxy expected")
        };
        assert_eq!(p.upstream, dimona::env::PRODUCTION_BASE_URL);
        assert_eq!(p.client_id, "self_service_expeditor_1");
        assert_eq!(p.token_url, RSZ_TOKEN_URL);
        let c = run("--mode proxy", &[("DIMONA_CLIENT_ID", "c"), ("DIMONA_KEY_FILE", "k")]).unwrap();
        let Mode::Proxy(p) = c.mode else {
            panic!("proxy expected")
        };
        assert_eq!(p.upstream, dimona::env::SIMULATION_BASE_URL);
    }

    #[test]
    fn dimona_upstream_alone_means_the_proxy_or_a_clear_refusal() {
        let e = run("", &[("DIMONA_UPSTREAM", "production")]).unwrap_err();
        assert!(
            e.0.contains("DIMONA_UPSTREAM is set") && e.0.contains("--client-id"),
            "{e}"
        );
        let c = run(
            "",
            &[
                ("DIMONA_UPSTREAM", "production"),
                ("DIMONA_CLIENT_ID", "c"),
                ("DIMONA_KEY_FILE", "k.pem"),
            ],
        )
        .unwrap();
        let Mode::Proxy(p) = c.mode else {
            panic!("proxy expected")
        };
        assert_eq!(p.upstream, dimona::env::PRODUCTION_BASE_URL);
        // An explicit --mode sim wins over the environment.
        let c = run("--mode sim", &[("DIMONA_UPSTREAM", "production")]).unwrap();
        assert!(matches!(c.mode, Mode::Simulator { .. }));
        // Blank is unset.
        assert!(matches!(
            run("", &[("DIMONA_UPSTREAM", " ")]).unwrap().mode,
            Mode::Simulator { .. }
        ));
    }

    #[test]
    fn mistakes() {
        assert!(run("--port", &[]).is_err());
        assert!(run("--port x", &[]).is_err());
        assert!(run("--bogus", &[]).is_err());
        assert!(run("--mode proxy", &[]).is_err());
        assert!(run("--mode other", &[]).is_err());
        assert!(matches!(parse(&args("--help"), |_| None), Ok(Command::Help)));
    }
}
