package interop.javasdk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import jakarta.servlet.http.HttpServlet;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.startup.Tomcat;

/** Serves one of the SDK's servlet transports on 127.0.0.1 from an embedded Tomcat. */
final class ServletHost {

	static void serve(HttpServlet transport, int port) throws Exception {
		// Tomcat needs a working directory; a fresh one per process, removed on exit.
		Path baseDir = Files.createTempDirectory("java-sdk-server-tomcat");
		Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(baseDir)));
		Tomcat tomcat = new Tomcat();
		tomcat.setBaseDir(baseDir.toString());
		tomcat.setPort(port);
		tomcat.getConnector().setProperty("address", "127.0.0.1");

		Context context = tomcat.addContext("", baseDir.toString());
		Wrapper wrapper = context.createWrapper();
		wrapper.setName("mcp");
		wrapper.setServlet(transport);
		wrapper.setLoadOnStartup(1);
		// The transports answer on SSE streams that outlive the request thread.
		wrapper.setAsyncSupported(true);
		context.addChild(wrapper);
		context.addServletMappingDecoded("/*", "mcp");
		tomcat.start();
	}

	private static void deleteTree(Path dir) {
		try (Stream<Path> paths = Files.walk(dir)) {
			paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
		}
		catch (IOException e) {
			// Best effort: a leftover empty directory in the temp folder harms nothing.
		}
	}

	private ServletHost() {
	}

}
