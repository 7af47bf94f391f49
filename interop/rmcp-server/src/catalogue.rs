//! The tools every session shares, and who must hear when they change.
use std::sync::{Arc, Mutex};

use rmcp::{Peer, RoleServer, model::Tool};
use serde_json::json;
use tokio::sync::broadcast;

/// One catalogue for the whole process: HTTP builds a handler per session (2025) or per request (2026-07-28).
#[derive(Clone)]
pub struct Catalogue {
    tools: Arc<Mutex<Vec<Tool>>>,
    // 2025 sessions: rmcp has no server-wide broadcast, so the program keeps each session's peer.
    peers: Arc<Mutex<Vec<Peer<RoleServer>>>>,
    // 2026-07-28 listen streams each subscribe here.
    changes: broadcast::Sender<()>,
}

impl Catalogue {
    pub fn new() -> Self {
        let tools = vec![tool("echo", "Echoes its input"), add_tool()];
        let (changes, _) = broadcast::channel(64);
        Self { tools: Arc::new(Mutex::new(tools)), peers: Arc::default(), changes }
    }

    pub fn tools(&self) -> Vec<Tool> {
        self.tools.lock().unwrap().clone()
    }

    pub fn get(&self, name: &str) -> Option<Tool> {
        self.tools.lock().unwrap().iter().find(|t| t.name == name).cloned()
    }

    /// Add a tool (a fresh name when none is given), then tell every session.
    pub async fn add(&self, name: Option<String>) -> String {
        let name = {
            let mut tools = self.tools.lock().unwrap();
            let name = name.unwrap_or_else(|| format!("tool-{}", tools.len() - 1));
            if !tools.iter().any(|t| t.name == name) {
                tools.push(tool(name.clone(), "Added at run time"));
            }
            name
        };
        self.announce().await;
        name
    }

    pub fn remember(&self, peer: Peer<RoleServer>) {
        self.peers.lock().unwrap().push(peer);
    }

    pub fn changes(&self) -> broadcast::Receiver<()> {
        self.changes.subscribe()
    }

    /// Announce after the list is updated: every 2025 session by its peer, every 2026-07-28 listen stream.
    async fn announce(&self) {
        let peers: Vec<_> = {
            let mut peers = self.peers.lock().unwrap();
            peers.retain(|peer| !peer.is_transport_closed());
            peers.clone()
        };
        for peer in peers {
            if let Err(error) = peer.notify_tool_list_changed().await {
                eprintln!("rmcp-server: notify failed: {error}");
            }
        }
        // No listen stream open is not an error: nobody asked to be told.
        let _ = self.changes.send(());
    }
}

fn tool(name: impl Into<String>, description: &'static str) -> Tool {
    let schema = json!({ "type": "object", "properties": {} });
    Tool::new(name.into(), description, Arc::new(schema.as_object().unwrap().clone()))
}

fn add_tool() -> Tool {
    let schema = json!({ "type": "object", "properties": { "name": { "type": "string" } } });
    Tool::new("add_tool", "Adds a tool to this server", Arc::new(schema.as_object().unwrap().clone()))
}
