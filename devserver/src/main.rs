//! `dimona-devserver`: see `dimona-devserver --help`.

use dimona_devserver::cli::{parse, Command, USAGE};
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    // A panic message could quote request data: report only where it happened.
    std::panic::set_hook(Box::new(|info| {
        let at = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!("dimona dev server: internal error at {at}");
    }));
    let args: Vec<String> = std::env::args().skip(1).collect();
    let config = match parse(&args, |k| std::env::var(k).ok()) {
        Ok(Command::Help) => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Ok(Command::Run(c)) => *c,
        Err(e) => {
            eprintln!("dimona-devserver: {e}");
            return ExitCode::from(2);
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("dimona-devserver: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(async move {
        let server = match dimona_devserver::start(config).await {
            Ok(s) => s,
            Err(e) => {
                eprintln!("dimona-devserver: {e}");
                return ExitCode::FAILURE;
            }
        };
        println!("{}", server.banner());
        let _ = std::io::stdout().flush();
        shutdown_signal().await;
        server.stop().await;
        ExitCode::SUCCESS
    })
}

/// Ctrl-C, or SIGTERM (how test harnesses stop the server).
async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}
