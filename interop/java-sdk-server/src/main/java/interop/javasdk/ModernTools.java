package interop.javasdk;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.modelcontextprotocol.modern.McpSchema;
import io.modelcontextprotocol.modern.server.McpRequestContext;
import io.modelcontextprotocol.modern.server.McpSyncResponse;
import io.modelcontextprotocol.modern.server.feature.McpChangeBroadcaster;
import io.modelcontextprotocol.modern.server.feature.McpSyncTool;
import io.modelcontextprotocol.modern.server.feature.McpSyncToolRepository;
import io.modelcontextprotocol.modern.server.feature.ServerChange;
import io.modelcontextprotocol.modern.server.feature.ToolsPage;

/** The 2026-07-28 server's tools: alpha, beta and add_tool, which adds one more at run time. */
final class ModernTools implements McpSyncToolRepository {

	private static final Map<String, Object> NO_ARGUMENTS = Map.of("type", "object");

	private static final Map<String, Object> NAME_ARGUMENT = Map.of("type", "object", "properties",
			Map.of("name", Map.of("type", "string", "description", "the new tool's name")));

	private final McpChangeBroadcaster changes;

	// Guarded by this: lists are served in the order tools were added.
	private final Map<String, McpSyncTool> tools = new LinkedHashMap<>();

	private final AtomicInteger added = new AtomicInteger();

	ModernTools(McpChangeBroadcaster changes) {
		this.changes = changes;
		put(named("alpha"));
		put(named("beta"));
		McpSchema.Tool addTool = McpSchema.Tool.builder("add_tool", NAME_ARGUMENT)
			.description("Adds a tool to this server")
			.build();
		put(McpSyncTool.of(addTool, (context, request) -> {
			Object name = request.arguments() == null ? null : request.arguments().get("name");
			return text("added " + add(name instanceof String ? (String) name : null));
		}));
	}

	@Override
	public synchronized ToolsPage list(McpRequestContext context, String cursor) {
		List<McpSchema.Tool> definitions = new ArrayList<>();
		tools.values().forEach(tool -> definitions.add(tool.definition()));
		return ToolsPage.of(definitions);
	}

	@Override
	public synchronized McpSyncTool find(McpRequestContext context, String name) {
		return tools.get(name);
	}

	/** Adds a tool (a fresh name when none is given), then announces the change to every listen stream. */
	String add(String name) {
		String toolName = name != null ? name : "added_" + added.incrementAndGet();
		put(named(toolName));
		changes.broadcast(new ServerChange.ToolsListChanged());
		return toolName;
	}

	private synchronized void put(McpSyncTool tool) {
		tools.put(tool.definition().name(), tool);
	}

	private static McpSyncTool named(String name) {
		return McpSyncTool.of(McpSchema.Tool.builder(name, NO_ARGUMENTS).description("A tool named " + name).build(),
				(context, request) -> text(name));
	}

	private static McpSyncResponse<McpSchema.CallToolOutcome> text(String text) {
		return McpSyncResponse.result(
				McpSchema.CallToolResult.builder().addContent(McpSchema.TextContent.builder(text).build()).build());
	}

}
