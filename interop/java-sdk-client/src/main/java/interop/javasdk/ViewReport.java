package interop.javasdk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import io.modelcontextprotocol.json.McpJsonDefaults;

/** Prints the harness's view report line for a list the client now shows. */
final class ViewReport {

	// Synchronized: reports come from SDK threads, and two must not interleave on one line.
	static synchronized void print(String list, List<String> names) {
		try {
			String json = McpJsonDefaults.getMapper().writeValueAsString(Map.of("list", list, "names", names));
			System.out.println("@mcp-notify-check view " + json);
			System.out.flush();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private ViewReport() {
	}

}
