//! 2026-07-28: change notifications arrive only on a `subscriptions/listen` stream the client opens.
use rmcp::{
    Peer, RoleClient,
    model::{ServerCapabilities, ServerNotification, SubscriptionFilter},
    service::{ServiceError, Subscription},
};

use crate::view::{Kind, relist_or_log};

/// Every list change the server announces; `None` when it announces none.
pub fn filter(capabilities: &ServerCapabilities) -> Option<SubscriptionFilter> {
    let filter = SubscriptionFilter::builder()
        .tools_list_changed()
        .resources_list_changed()
        .prompts_list_changed()
        .build()
        .supported_by(capabilities);
    (filter != SubscriptionFilter::default()).then_some(filter)
}

/// Open a listen stream; rmcp returns once the server has acknowledged it.
pub async fn open(peer: &Peer<RoleClient>, filter: &SubscriptionFilter) -> Result<Subscription, ServiceError> {
    peer.listen(filter.clone()).await
}

/// Re-list on each notification; when the stream ends, listen again and catch up.
pub async fn follow(peer: Peer<RoleClient>, filter: SubscriptionFilter, mut subscription: Subscription) {
    loop {
        loop {
            match subscription.next().await {
                Ok(Some(notification)) => {
                    if let Some(kind) = kind_of(&notification) {
                        relist_or_log(&peer, kind).await;
                    }
                }
                Ok(None) => break,
                Err(error) => {
                    eprintln!("rmcp-client: subscription error: {error}");
                    break;
                }
            }
        }
        eprintln!("rmcp-client: subscription ended ({:?}); listening again", subscription.end());
        subscription = match open(&peer, &filter).await {
            Ok(subscription) => subscription,
            Err(error) => {
                eprintln!("rmcp-client: subscriptions/listen failed: {error}");
                return;
            }
        };
        // The SDK docs: nothing is resumed on a new stream, so re-list what may have been missed.
        for kind in kinds(subscription.acknowledged()) {
            relist_or_log(&peer, kind).await;
        }
    }
}

fn kind_of(notification: &ServerNotification) -> Option<Kind> {
    match notification {
        ServerNotification::ToolListChangedNotification(_) => Some(Kind::Tools),
        ServerNotification::ResourceListChangedNotification(_) => Some(Kind::Resources),
        ServerNotification::PromptListChangedNotification(_) => Some(Kind::Prompts),
        _ => None,
    }
}

fn kinds(filter: &SubscriptionFilter) -> Vec<Kind> {
    let flags = [
        (filter.tools_list_changed, Kind::Tools),
        (filter.resources_list_changed, Kind::Resources),
        (filter.prompts_list_changed, Kind::Prompts),
    ];
    flags.into_iter().filter(|(on, _)| *on == Some(true)).map(|(_, kind)| kind).collect()
}
