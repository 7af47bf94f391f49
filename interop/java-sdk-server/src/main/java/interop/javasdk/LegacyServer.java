package interop.javasdk;

import java.util.concurrent.atomic.AtomicReference;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletSseServerTransportProvider;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;

/** The 2025 era: McpServer.sync on the SDK's stdio, Streamable HTTP or SSE transport provider. */
final class LegacyServer {

	// The SDK's docs enable list_changed with this flag; with it, addTool() announces the change to every session.
	private static final ServerCapabilities CAPABILITIES = ServerCapabilities.builder().tools(true).build();

	/** Starts serving; returns what adds a tool. */
	static Runnable start(Options options) throws Exception {
		AtomicReference<McpSyncServer> server = new AtomicReference<>();
		Tools tools = new Tools(server::get);
		switch (options.transport()) {
			case "http": {
				var provider = HttpServletStreamableServerTransportProvider.builder()
					.jsonMapper(McpJsonDefaults.getMapper())
					.mcpEndpoint("/mcp")
					.build();
				server.set(McpServer.sync(provider).capabilities(CAPABILITIES).tools(tools.initial()).build());
				ServletHost.serve(provider, options.port());
				break;
			}
			case "sse": {
				var provider = HttpServletSseServerTransportProvider.builder()
					.jsonMapper(McpJsonDefaults.getMapper())
					.sseEndpoint("/sse")
					.messageEndpoint("/message")
					.build();
				server.set(McpServer.sync(provider).capabilities(CAPABILITIES).tools(tools.initial()).build());
				ServletHost.serve(provider, options.port());
				break;
			}
			default: {
				var provider = new StdioServerTransportProvider(McpJsonDefaults.getMapper());
				server.set(McpServer.sync(provider).capabilities(CAPABILITIES).tools(tools.initial()).build());
			}
		}
		return () -> tools.add(null);
	}

	private LegacyServer() {
	}

}
