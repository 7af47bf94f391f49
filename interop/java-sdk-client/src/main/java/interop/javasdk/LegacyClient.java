package interop.javasdk;

import java.util.List;
import java.util.stream.Collectors;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;

/** The 2025 era: the SDK's McpClient.sync with its list-change consumers. */
final class LegacyClient {

	static void run() {
		// The SDK re-lists every page itself on list_changed and passes the fresh list to these consumers.
		McpSyncClient client = McpClient.sync(Transports.fromEnvironment())
			.clientInfo(new McpSchema.Implementation("java-sdk-client", "0"))
			.toolsChangeConsumer(LegacyClient::showTools)
			.resourcesChangeConsumer(LegacyClient::showResources)
			.promptsChangeConsumer(LegacyClient::showPrompts)
			.build();
		Runtime.getRuntime().addShutdownHook(new Thread(client::close));

		client.initialize();
		McpSchema.ServerCapabilities capabilities = client.getServerCapabilities();
		// listTools() and the others follow nextCursor to the end; only advertised lists can be listed.
		if (capabilities.tools() != null) {
			showTools(client.listTools().tools());
		}
		if (capabilities.resources() != null) {
			showResources(client.listResources().resources());
		}
		if (capabilities.prompts() != null) {
			showPrompts(client.listPrompts().prompts());
		}
	}

	private static void showTools(List<McpSchema.Tool> tools) {
		ViewReport.print("tools", tools.stream().map(McpSchema.Tool::name).collect(Collectors.toList()));
	}

	private static void showResources(List<McpSchema.Resource> resources) {
		ViewReport.print("resources", resources.stream().map(McpSchema.Resource::uri).collect(Collectors.toList()));
	}

	private static void showPrompts(List<McpSchema.Prompt> prompts) {
		ViewReport.print("prompts", prompts.stream().map(McpSchema.Prompt::name).collect(Collectors.toList()));
	}

	private LegacyClient() {
	}

}
