package interop.javasdk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;

import io.modelcontextprotocol.client.transport.HttpClientSseClientTransport;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;

/** Where the harness says to connect, and the 2025-era SDK transport for it. */
final class Transports {

	static String name() {
		return System.getenv().getOrDefault("MCP_NOTIFY_CHECK_TRANSPORT", "stdio");
	}

	static McpClientTransport fromEnvironment() {
		switch (name()) {
			case "stdio":
				return new StdioClientTransport(serverParameters(), McpJsonDefaults.getMapper());
			case "http":
				return HttpClientStreamableHttpTransport.builder(origin(url())).endpoint(pathOf(url())).build();
			case "sse":
				return HttpClientSseClientTransport.builder(origin(url())).sseEndpoint(pathOf(url())).build();
			default:
				throw new IllegalArgumentException("unknown MCP_NOTIFY_CHECK_TRANSPORT: " + name());
		}
	}

	/** The mock server to spawn on stdio, from the JSON argv in MCP_NOTIFY_CHECK_SERVER_COMMAND. */
	static ServerParameters serverParameters() {
		List<String> argv;
		try {
			argv = McpJsonDefaults.getMapper()
				.readValue(System.getenv("MCP_NOTIFY_CHECK_SERVER_COMMAND"), new TypeRef<List<String>>() {
				});
		}
		catch (IOException e) {
			throw new UncheckedIOException("MCP_NOTIFY_CHECK_SERVER_COMMAND is not a JSON array", e);
		}
		return ServerParameters.builder(argv.get(0)).args(argv.subList(1, argv.size())).build();
	}

	static URI url() {
		return URI.create(System.getenv("MCP_NOTIFY_CHECK_URL"));
	}

	// The 2025-era builders take the origin and the endpoint path separately.
	private static String origin(URI url) {
		return url.getScheme() + "://" + url.getRawAuthority();
	}

	private static String pathOf(URI url) {
		return url.getRawQuery() == null ? url.getRawPath() : url.getRawPath() + "?" + url.getRawQuery();
	}

	private Transports() {
	}

}
