//! A rig client whose `McpClientHandler` keeps a tool registry in sync with an MCP server.
mod sink;

use std::error::Error;

use rig_rmcp::{McpClientHandler, rmcp};
use rmcp::transport::{StreamableHttpClientTransport, TokioChildProcess};
use tokio::{process::Command, signal::unix::{SignalKind, signal}};

use crate::sink::ViewSink;

#[tokio::main]
async fn main() -> Result<(), Box<dyn Error>> {
    let handler = McpClientHandler::new(rmcp::model::ClientInfo::default(), ViewSink::default());
    // `connect` initializes, fetches every page of tools into the sink, and re-fetches on tools/list_changed.
    let service = match std::env::var("MCP_NOTIFY_CHECK_TRANSPORT").as_deref().unwrap_or("stdio") {
        "stdio" => {
            let argv: Vec<String> = serde_json::from_str(&std::env::var("MCP_NOTIFY_CHECK_SERVER_COMMAND")?)?;
            let (program, args) = argv.split_first().ok_or("MCP_NOTIFY_CHECK_SERVER_COMMAND is empty")?;
            let mut command = Command::new(program);
            command.args(args);
            handler.connect(TokioChildProcess::new(command)?).await?
        }
        "http" => {
            let url = std::env::var("MCP_NOTIFY_CHECK_URL")?;
            handler.connect(StreamableHttpClientTransport::from_uri(url)).await?
        }
        other => return Err(format!("rmcp has no client for transport {other:?} (it speaks stdio and Streamable HTTP)").into()),
    };
    let mut terminate = signal(SignalKind::terminate())?;
    tokio::select! {
        _ = terminate.recv() => {}
        reason = service.waiting() => eprintln!("rig-client: connection ended: {reason:?}"),
    }
    Ok(())
}
