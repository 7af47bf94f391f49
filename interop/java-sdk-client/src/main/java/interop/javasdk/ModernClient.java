package interop.javasdk;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import io.modelcontextprotocol.modern.McpSchema;
import io.modelcontextprotocol.modern.client.McpClient;
import io.modelcontextprotocol.modern.client.McpSyncClient;
import io.modelcontextprotocol.modern.client.SubscriptionEvent;
import io.modelcontextprotocol.modern.client.transport.HttpClientMcpTransport;
import io.modelcontextprotocol.modern.client.transport.McpClientTransport;
import io.modelcontextprotocol.modern.client.transport.StdioMcpClientTransport;

/**
 * The 2026-07-28 era: the SDK's modern McpSyncClient. It has no list-change consumers, so this program opens a
 * subscriptions/listen stream for every list the server announces and re-lists on each event.
 */
final class ModernClient {

	static void run() {
		McpSyncClient client = McpClient.sync(transport())
			.clientInfo(McpSchema.Implementation.builder("java-sdk-client", "0").build())
			.build();
		McpSchema.ServerCapabilities capabilities = client.discover().capabilities();

		McpSyncClient.ListenSpec listen = client.listen();
		if (announces(capabilities.tools() == null ? null : capabilities.tools().listChanged())) {
			listen = listen.toolsChanged();
		}
		if (announces(capabilities.resources() == null ? null : capabilities.resources().listChanged())) {
			listen = listen.resourcesChanged();
		}
		if (announces(capabilities.prompts() == null ? null : capabilities.prompts().listChanged())) {
			listen = listen.promptsChanged();
		}
		// The first lists wait for the acknowledgement, so no change can fall between them and the live stream.
		McpSyncClient.Listening listening = listen.open(event -> {
			if (event instanceof SubscriptionEvent.Subscribed) {
				showAll(client, capabilities);
			}
			else if (event instanceof SubscriptionEvent.ToolsListChanged) {
				showTools(client);
			}
			else if (event instanceof SubscriptionEvent.ResourcesListChanged) {
				showResources(client);
			}
			else if (event instanceof SubscriptionEvent.PromptsListChanged) {
				showPrompts(client);
			}
		});
		Runtime.getRuntime().addShutdownHook(new Thread(listening::close));
	}

	private static McpClientTransport transport() {
		switch (Transports.name()) {
			case "stdio":
				return StdioMcpClientTransport.builder(Transports.serverParameters()).start();
			case "http":
				return HttpClientMcpTransport.builder(Transports.url()).build();
			default:
				throw new IllegalArgumentException("the 2026-07-28 client has no " + Transports.name() + " transport");
		}
	}

	private static boolean announces(Boolean listChanged) {
		return Boolean.TRUE.equals(listChanged);
	}

	private static void showAll(McpSyncClient client, McpSchema.ServerCapabilities capabilities) {
		if (capabilities.tools() != null) {
			showTools(client);
		}
		if (capabilities.resources() != null) {
			showResources(client);
		}
		if (capabilities.prompts() != null) {
			showPrompts(client);
		}
	}

	// listTools() is the SDK's all-pages listing (its tool catalogue is invalidated by a tools change event).
	private static void showTools(McpSyncClient client) {
		List<McpSchema.Tool> tools = client.listTools().list().tools();
		ViewReport.print("tools", tools.stream().map(McpSchema.Tool::name).collect(Collectors.toList()));
	}

	// Resources and prompts have only a one-page list(cursor); follow nextCursor to see the whole list.
	private static void showResources(McpSyncClient client) {
		List<String> uris = new ArrayList<>();
		String cursor = null;
		do {
			McpSyncClient.ListSpec<McpSchema.ListResourcesResult> spec = client.resources();
			McpSchema.ListResourcesResult page = (cursor == null ? spec : spec.cursor(cursor)).list();
			page.resources().forEach(resource -> uris.add(resource.uri()));
			cursor = page.nextCursor();
		}
		while (cursor != null && !cursor.isEmpty());
		ViewReport.print("resources", uris);
	}

	private static void showPrompts(McpSyncClient client) {
		List<String> names = new ArrayList<>();
		String cursor = null;
		do {
			McpSyncClient.ListSpec<McpSchema.ListPromptsResult> spec = client.prompts();
			McpSchema.ListPromptsResult page = (cursor == null ? spec : spec.cursor(cursor)).list();
			page.prompts().forEach(prompt -> names.add(prompt.name()));
			cursor = page.nextCursor();
		}
		while (cursor != null && !cursor.isEmpty());
		ViewReport.print("prompts", names);
	}

	private ModernClient() {
	}

}
