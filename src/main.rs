use popshop::config::Settings;
use popshop::startup::Application;
use popshop::telemetry;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let settings = Settings::from_env()?;
    telemetry::init(settings.log_format);
    let app = Application::build(settings).await?;
    tracing::info!(url = %app.public_url(), "popshop is running");
    println!("popshop is running at {}", app.public_url());
    app.run_until_stopped().await?;
    Ok(())
}
