//! An rmcp client that keeps its tools, resources and prompts current through list_changed notifications.
mod handler;
mod listen;
mod view;

use std::error::Error;

use rmcp::{
    ClientLifecycleMode, ClientServiceExt, RoleClient,
    model::ProtocolVersion,
    service::RunningService,
    transport::{StreamableHttpClientTransport, TokioChildProcess},
};
use tokio::{process::Command, signal::unix::SignalKind};

use crate::{handler::Relister, view::Kind};

type Client = RunningService<RoleClient, Relister>;

#[tokio::main]
async fn main() -> Result<(), Box<dyn Error>> {
    let transport = std::env::var("MCP_NOTIFY_CHECK_TRANSPORT").unwrap_or_else(|_| "stdio".into());
    let client = connect(&transport).await?;
    let peer = client.peer().clone();
    let info = peer.peer_info().ok_or("connected without server info")?;
    let capabilities = info.capabilities.clone();

    // ISO dates compare in order as strings; rmcp compares versions the same way.
    let modern = info.protocol_version.as_str() >= ProtocolVersion::V_2026_07_28.as_str();
    // 2026-07-28: listen (acknowledged) before the first lists, so no change falls between them.
    let filter = if modern { listen::filter(&capabilities) } else { None };
    let subscription = match &filter {
        Some(filter) => Some(listen::open(&peer, filter).await?),
        None => None,
    };

    // List only what the server advertises: rmcp refuses methods for unadvertised capabilities.
    let advertised = [
        (capabilities.tools.is_some(), Kind::Tools),
        (capabilities.resources.is_some(), Kind::Resources),
        (capabilities.prompts.is_some(), Kind::Prompts),
    ];
    for (_, kind) in advertised.iter().filter(|(on, _)| *on) {
        view::relist_or_log(&peer, *kind).await;
    }

    let follow = async {
        if let (Some(filter), Some(subscription)) = (filter, subscription) {
            listen::follow(peer.clone(), filter, subscription).await;
        }
        std::future::pending::<()>().await
    };
    let mut terminate = tokio::signal::unix::signal(SignalKind::terminate())?;
    tokio::select! {
        _ = follow => {}
        _ = terminate.recv() => {}
        reason = client.waiting() => eprintln!("rmcp-client: connection ended: {reason:?}"),
    }
    Ok(())
}

/// Connect on the transport the harness names, probing for 2026-07-28 and falling back to 2025.
async fn connect(transport: &str) -> Result<Client, Box<dyn Error>> {
    let lifecycle = ClientLifecycleMode::Auto {
        preferred_versions: vec![ProtocolVersion::V_2026_07_28],
        legacy_version: Some(ProtocolVersion::V_2025_11_25),
    };
    let client = match transport {
        "stdio" => {
            let argv: Vec<String> = serde_json::from_str(&std::env::var("MCP_NOTIFY_CHECK_SERVER_COMMAND")?)?;
            let (program, args) = argv.split_first().ok_or("MCP_NOTIFY_CHECK_SERVER_COMMAND is empty")?;
            let mut command = Command::new(program);
            command.args(args);
            Relister.serve_with_lifecycle(TokioChildProcess::new(command)?, lifecycle).await?
        }
        "http" => {
            let url = std::env::var("MCP_NOTIFY_CHECK_URL")?;
            Relister.serve_with_lifecycle(StreamableHttpClientTransport::from_uri(url), lifecycle).await?
        }
        other => return Err(format!("rmcp has no client for transport {other:?} (it speaks stdio and Streamable HTTP)").into()),
    };
    Ok(client)
}

