//! The `popshop` command (issue 24): `serve` by default, so `cargo run
//! --release` still just runs the shop. Settings come from the environment
//! for every command (README, "Settings"); docs/operations.md has the rest.

use clap::{Parser, Subcommand};
use popshop::config::Settings;
use popshop::startup::Application;
use popshop::{ops, telemetry};
use std::path::PathBuf;

#[derive(Parser)]
#[command(name = "popshop", version, about = "Spontaneous merch drops: a storefront in under a minute.")]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the shop (the default): POPSHOP_ADDR, DATABASE_URL and the rest from the environment.
    Serve,
    /// Apply the database migrations this popshop carries, then exit.
    Migrate,
    /// Write a consistent copy of the SQLite database to FILE while the shop serves.
    Backup {
        /// Where the copy goes; it must not exist yet.
        file: PathBuf,
    },
    /// Replace the SQLite database with the copy in FILE (checked first; the server must be stopped).
    Restore {
        /// A copy written by `popshop backup`.
        file: PathBuf,
    },
    /// Operators: who may take drops down, suspend accounts and read reports.
    Admin {
        #[command(subcommand)]
        command: Admin,
    },
    /// Print the effective settings (secrets masked) and fail on contradictions.
    CheckConfig,
}

#[derive(Subcommand)]
enum Admin {
    /// Make the account of EMAIL an operator.
    Grant { email: String },
    /// Take operator rights from the account of EMAIL.
    Revoke { email: String },
    /// List the operators.
    List,
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    match run(cli.command.unwrap_or(Command::Serve)).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("popshop: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run(command: Command) -> anyhow::Result<()> {
    let settings = Settings::from_env()?;
    let out = match command {
        Command::Serve => return serve(settings).await,
        Command::Migrate => ops::migrate(&settings).await?,
        Command::Backup { file } => ops::backup(&settings, &file).await?,
        Command::Restore { file } => ops::restore(&settings, &file).await?,
        Command::Admin { command: Admin::Grant { email } } => ops::set_operator(&settings, &email, true).await?,
        Command::Admin { command: Admin::Revoke { email } } => ops::set_operator(&settings, &email, false).await?,
        Command::Admin { command: Admin::List } => ops::list_operators(&settings).await?,
        Command::CheckConfig => {
            settings.check()?;
            ops::describe(&settings)
        }
    };
    println!("{out}");
    Ok(())
}

async fn serve(settings: Settings) -> anyhow::Result<()> {
    // Every connection and live stream is an open file: take the most the
    // system allows (systemd's soft limit is 1,024; its hard limit much
    // higher). The connection cap is worked out from what we got.
    if let Err(e) = rlimit::increase_nofile_limit(u64::MAX) {
        eprintln!("could not raise the open-files limit: {e}");
    }
    telemetry::init(settings.log_format);
    let app = Application::build(settings).await?;
    tracing::info!(url = %app.public_url(), "popshop is running");
    println!("popshop is running at {}", app.public_url());
    app.run_until_stopped().await?;
    Ok(())
}
