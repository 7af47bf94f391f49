package interop.javasdk;

/**
 * Picks the SDK's client API for the protocol era the harness serves: 2.2.0 has one API per era and neither falls
 * back to the other.
 */
public final class Client {

	public static void main(String[] args) throws InterruptedException {
		if ("modern".equals(System.getenv("MCP_NOTIFY_CHECK_ERA"))) {
			ModernClient.run();
		}
		else {
			LegacyClient.run();
		}
		// Notifications arrive on the SDK's own threads; this one only keeps the process alive until SIGTERM.
		Thread.currentThread().join();
	}

	private Client() {
	}

}
