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
        // Listen for signals before announcing: whoever reads the line may stop us at once.
        let stop = shutdown_signal();
        if let Some(warning) = server.exposure_warning() {
            eprintln!("{warning}");
        }
        println!("{}", server.banner());
        let _ = std::io::stdout().flush();
        stop.await;
        server.stop().await;
        ExitCode::SUCCESS
    })
}

/// Ctrl-C, or SIGTERM (how test harnesses stop the server). The handlers are installed when
/// this is called, not when the future is first polled.
fn shutdown_signal() -> impl std::future::Future<Output = ()> {
    #[cfg(unix)]
    let term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).ok();
    #[cfg(not(unix))]
    let term: Option<()> = None;
    let ctrl_c = tokio::signal::ctrl_c();
    async move {
        #[cfg(unix)]
        if let Some(mut term) = term {
            tokio::select! {
                _ = ctrl_c => {}
                _ = term.recv() => {}
            }
            return;
        }
        let _ = term;
        let _ = ctrl_c.await;
    }
}
