package interop.javasdk;

/** The command line: the transport, for HTTP the port, and which protocol era to serve. */
record Options(String transport, int port, boolean modern) {

	static Options parse(String[] args) {
		String transport = "stdio";
		int port = 0;
		boolean modern = false;
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--http":
					transport = "http";
					break;
				case "--sse":
					transport = "sse";
					break;
				case "--port":
					port = Integer.parseInt(args[++i]);
					break;
				case "--modern":
					modern = true;
					break;
				default:
					throw new IllegalArgumentException("unknown argument: " + args[i]);
			}
		}
		if (!transport.equals("stdio") && port == 0) {
			throw new IllegalArgumentException("--" + transport + " needs --port N");
		}
		return new Options(transport, port, modern);
	}

}
