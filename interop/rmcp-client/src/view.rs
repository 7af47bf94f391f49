//! View reports: one stdout line per list the client holds, read by the harness.
use std::io::Write;

use rmcp::{Peer, RoleClient, service::ServiceError};

/// Which of the server's lists a re-list is for.
#[derive(Clone, Copy, Debug)]
pub enum Kind {
    Tools,
    Resources,
    Prompts,
}

impl Kind {
    fn label(self) -> &'static str {
        match self {
            Kind::Tools => "tools",
            Kind::Resources => "resources",
            Kind::Prompts => "prompts",
        }
    }
}

/// Fetch every page of one list with the SDK's all-pages helper and print what the client now holds.
pub async fn relist(peer: &Peer<RoleClient>, kind: Kind) -> Result<(), ServiceError> {
    let names: Vec<String> = match kind {
        Kind::Tools => peer.list_all_tools().await?.into_iter().map(|t| t.name.into()).collect(),
        Kind::Resources => peer.list_all_resources().await?.into_iter().map(|r| r.uri).collect(),
        Kind::Prompts => peer.list_all_prompts().await?.into_iter().map(|p| p.name).collect(),
    };
    let line = serde_json::json!({ "list": kind.label(), "names": names });
    let mut out = std::io::stdout().lock();
    // A failed write means the harness is gone; nothing useful is left to do with the error.
    let _ = writeln!(out, "@mcp-notify-check view {line}");
    let _ = out.flush();
    Ok(())
}

/// Re-list, reporting a failure on stderr instead of ending the client.
pub async fn relist_or_log(peer: &Peer<RoleClient>, kind: Kind) {
    if let Err(error) = relist(peer, kind).await {
        eprintln!("rmcp-client: listing {} failed: {error}", kind.label());
    }
}
