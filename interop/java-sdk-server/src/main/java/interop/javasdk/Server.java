package interop.javasdk;

/**
 * A Java SDK server whose tools change at run time: stdio by default, {@code --http --port N} for Streamable HTTP
 * at /mcp, {@code --sse --port N} for legacy HTTP+SSE at /sse; {@code --modern} serves 2026-07-28 instead of the
 * 2025 revisions (2.2.0 has one server API per era).
 */
public final class Server {

	public static void main(String[] args) throws Exception {
		Options options = Options.parse(args);
		Runnable addTool = options.modern() ? ModernServer.start(options) : LegacyServer.start(options);
		// A change from outside any request: SIGUSR1 adds a tool on the JVM's signal thread.
		sun.misc.Signal.handle(new sun.misc.Signal("USR1"), signal -> addTool.run());
		Thread.currentThread().join();
	}

	private Server() {
	}

}
