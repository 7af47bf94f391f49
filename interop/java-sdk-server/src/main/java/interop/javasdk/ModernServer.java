package interop.javasdk;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.modern.McpSchema;
import io.modelcontextprotocol.modern.server.McpServer;
import io.modelcontextprotocol.modern.server.feature.McpChangeFeed;
import io.modelcontextprotocol.modern.server.feature.ToolsFeature;
import io.modelcontextprotocol.modern.server.transport.HttpServletMcpTransport;
import io.modelcontextprotocol.modern.server.transport.StdioMcpTransport;

/**
 * The 2026-07-28 era: the SDK's modern McpServer. Tools come from a repository the program owns; a change is
 * announced by broadcasting it on the McpChangeFeed the server's subscriptions/listen streams read.
 */
final class ModernServer {

	/** Starts serving; returns what adds a tool. */
	static Runnable start(Options options) throws Exception {
		McpChangeFeed changes = new McpChangeFeed();
		ModernTools tools = new ModernTools(changes);
		McpServer server = McpServer.builder()
			.serverInfo(McpSchema.Implementation.builder("java-sdk-server", "0").build())
			.feature(ToolsFeature.ofSync(tools))
			.subscriptions(changes)
			.build();
		switch (options.transport()) {
			case "http":
				ServletHost.serve(HttpServletMcpTransport.builder(server).endpoint("/mcp").build(), options.port());
				break;
			case "stdio":
				new StdioMcpTransport(server, McpJsonDefaults.getMapper()).start().subscribe();
				break;
			default:
				throw new IllegalArgumentException("2026-07-28 has no " + options.transport() + " transport");
		}
		return () -> tools.add(null);
	}

	private ModernServer() {
	}

}
