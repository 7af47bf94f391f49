//! The `ClientHandler` callbacks rmcp calls for `list_changed` outside any subscription (2025 revisions).
use rmcp::{ClientHandler, RoleClient, service::NotificationContext};

use crate::view::{Kind, relist_or_log};

/// Re-lists the list a notification names, as the SDK's handler docs suggest.
pub struct Relister;

impl ClientHandler for Relister {
    async fn on_tool_list_changed(&self, context: NotificationContext<RoleClient>) {
        relist_or_log(&context.peer, Kind::Tools).await;
    }

    async fn on_resource_list_changed(&self, context: NotificationContext<RoleClient>) {
        relist_or_log(&context.peer, Kind::Resources).await;
    }

    async fn on_prompt_list_changed(&self, context: NotificationContext<RoleClient>) {
        relist_or_log(&context.peer, Kind::Prompts).await;
    }
}
