//! The rmcp `ServerHandler`: lists the shared catalogue, adds tools, and serves list_changed in both eras.
use rmcp::{
    ErrorData, RoleServer, ServerHandler,
    model::*,
    service::{NotificationContext, RequestContext, SubscriptionContext},
};
use tokio::sync::broadcast::error::RecvError;

use crate::catalogue::Catalogue;

/// One per stdio process, per 2025 HTTP session, or per 2026-07-28 HTTP request; the catalogue is shared.
pub struct Server {
    pub catalogue: Catalogue,
}

impl ServerHandler for Server {
    fn get_info(&self) -> ServerConfig {
        ServerConfig::new(ServerCapabilities::builder().enable_tools().enable_tool_list_changed().build())
    }

    // 2025 revisions: only sessions that completed `initialize` are told through their peer.
    async fn on_initialized(&self, context: NotificationContext<RoleServer>) {
        self.catalogue.remember(context.peer);
    }

    async fn list_tools(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListToolsResult, ErrorData> {
        Ok(ListToolsResult::with_all_items(self.catalogue.tools()))
    }

    fn get_tool(&self, name: &str) -> Option<Tool> {
        self.catalogue.get(name)
    }

    async fn call_tool(
        &self,
        request: CallToolRequestParams,
        _context: RequestContext<RoleServer>,
    ) -> Result<CallToolResponse, ErrorData> {
        let text = match request.name.as_ref() {
            "add_tool" => {
                let name = request.arguments.as_ref().and_then(|a| a.get("name")).and_then(|n| n.as_str());
                format!("added {}", self.catalogue.add(name.map(str::to_owned)).await)
            }
            "echo" => serde_json::to_string(&request.arguments).unwrap_or_default(),
            other if self.catalogue.get(other).is_some() => format!("{other} called"),
            _ => return Err(ErrorData::invalid_params("tool not found", None)),
        };
        Ok(CallToolResult::success(vec![ContentBlock::text(text)]).into())
    }

    // 2026-07-28: accept what is asked for and advertised, as the SDK's subscription docs show.
    fn accepted_subscription_filter(&self, requested: &SubscriptionFilter) -> Option<SubscriptionFilter> {
        Some(requested.supported_by(&self.get_info().capabilities))
    }

    async fn listen(&self, context: SubscriptionContext) -> Result<(), ErrorData> {
        let mut changes = self.catalogue.changes();
        let wants_tools = context.accepted().tools_list_changed == Some(true);
        loop {
            tokio::select! {
                () = context.cancelled() => return Ok(()),
                change = changes.recv() => match change {
                    Ok(()) | Err(RecvError::Lagged(_)) if wants_tools => {
                        context.sink().notify_tool_list_changed().await
                            .map_err(|error| ErrorData::internal_error(error.to_string(), None))?;
                    }
                    Err(RecvError::Closed) => return Ok(()),
                    _ => {}
                },
            }
        }
    }
}
