package interop.javasdk;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;

/** The server's tools: two to start with, and add_tool, which adds one more at run time. */
final class Tools {

	private static final Map<String, Object> NO_ARGUMENTS = Map.of("type", "object");

	private static final Map<String, Object> NAME_ARGUMENT = Map.of("type", "object", "properties",
			Map.of("name", Map.of("type", "string", "description", "the new tool's name")));

	// The server is built with these tools, so add_tool reaches it through a supplier.
	private final Supplier<McpSyncServer> server;

	private final AtomicInteger added = new AtomicInteger();

	Tools(Supplier<McpSyncServer> server) {
		this.server = server;
	}

	List<SyncToolSpecification> initial() {
		SyncToolSpecification addTool = SyncToolSpecification.builder()
			.tool(Tool.builder("add_tool", NAME_ARGUMENT).description("Adds a tool to this server").build())
			.callHandler((exchange, request) -> {
				Object name = request.arguments() == null ? null : request.arguments().get("name");
				String added = add(name instanceof String ? (String) name : null);
				return CallToolResult.builder().addTextContent("added " + added).build();
			})
			.build();
		return List.of(named("alpha"), named("beta"), addTool);
	}

	/** Adds a tool (a fresh name when none is given); the SDK announces it to every session. */
	String add(String name) {
		String toolName = name != null ? name : "added_" + added.incrementAndGet();
		server.get().addTool(named(toolName));
		return toolName;
	}

	private static SyncToolSpecification named(String name) {
		return SyncToolSpecification.builder()
			.tool(Tool.builder(name, NO_ARGUMENTS).description("A tool named " + name).build())
			.callHandler((exchange, request) -> CallToolResult.builder().addTextContent(name).build())
			.build();
	}

}
