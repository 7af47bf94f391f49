//! A tool registry for rig's `McpClientHandler` that prints what it holds after every change.
use std::{
    collections::{BTreeMap, HashMap},
    io::Write,
    sync::{Arc, Mutex},
};

use rig_core::tool::{DynamicTool, ManagedToolSink, ManagedToolToken};

/// The registry a rig runtime keeps; rig-agent's `ToolServerHandle` plays this part in an agent.
#[derive(Clone, Default)]
pub struct ViewSink {
    tools: Arc<Mutex<BTreeMap<String, ManagedToolToken>>>,
}

impl ViewSink {
    fn install(tools: &mut BTreeMap<String, ManagedToolToken>, list: Vec<DynamicTool>) -> HashMap<String, ManagedToolToken> {
        let mut installed = HashMap::new();
        for tool in list.into_iter().filter(DynamicTool::is_live) {
            let token = ManagedToolToken::new();
            tools.insert(tool.name().as_str().to_owned(), token.clone());
            installed.insert(tool.name().as_str().to_owned(), token);
        }
        installed
    }

    fn report(tools: &BTreeMap<String, ManagedToolToken>) {
        let line = serde_json::json!({ "list": "tools", "names": tools.keys().collect::<Vec<_>>() });
        let mut out = std::io::stdout().lock();
        // A failed write means the harness is gone; nothing useful is left to do with the error.
        let _ = writeln!(out, "@mcp-notify-check view {line}");
        let _ = out.flush();
    }
}

impl ManagedToolSink for ViewSink {
    fn add_managed_tools(&self, list: Vec<DynamicTool>) -> HashMap<String, ManagedToolToken> {
        let mut tools = self.tools.lock().unwrap();
        let installed = Self::install(&mut tools, list);
        Self::report(&tools);
        installed
    }

    fn reconcile_managed_tools(
        &self,
        expected: HashMap<String, ManagedToolToken>,
        list: Vec<DynamicTool>,
    ) -> HashMap<String, ManagedToolToken> {
        let mut tools = self.tools.lock().unwrap();
        // Drop this source's tools that are still the generation it installed; newer ones win.
        for (name, token) in &expected {
            if tools.get(name) == Some(token) {
                tools.remove(name);
            }
        }
        let installed = Self::install(&mut tools, list);
        Self::report(&tools);
        installed
    }
}
