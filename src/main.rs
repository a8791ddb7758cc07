use popshop::config::Settings;
use popshop::startup::Application;
use popshop::telemetry;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    // Every connection and live stream is an open file: take the most the
    // system allows (systemd's soft limit is 1,024; its hard limit much
    // higher). The connection cap is worked out from what we got.
    if let Err(e) = rlimit::increase_nofile_limit(u64::MAX) {
        eprintln!("could not raise the open-files limit: {e}");
    }
    let settings = Settings::from_env()?;
    telemetry::init(settings.log_format);
    let app = Application::build(settings).await?;
    tracing::info!(url = %app.public_url(), "popshop is running");
    println!("popshop is running at {}", app.public_url());
    app.run_until_stopped().await?;
    Ok(())
}
