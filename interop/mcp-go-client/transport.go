package main

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/mark3labs/mcp-go/client"
	"github.com/mark3labs/mcp-go/client/transport"
)

// clientFromEnv builds the mcp-go client for the transport the harness asks for.
func clientFromEnv() (*client.Client, error) {
	switch kind := os.Getenv("MCP_NOTIFY_CHECK_TRANSPORT"); kind {
	case "stdio":
		var argv []string
		if err := json.Unmarshal([]byte(os.Getenv("MCP_NOTIFY_CHECK_SERVER_COMMAND")), &argv); err != nil || len(argv) == 0 {
			return nil, fmt.Errorf("MCP_NOTIFY_CHECK_SERVER_COMMAND must be a JSON argv array: %v", err)
		}
		return client.NewClient(transport.NewStdio(argv[0], nil, argv[1:]...)), nil
	case "sse":
		return client.NewSSEMCPClient(os.Getenv("MCP_NOTIFY_CHECK_URL"))
	case "http":
		return client.NewStreamableHttpClient(os.Getenv("MCP_NOTIFY_CHECK_URL"), httpOptions()...)
	default:
		return nil, fmt.Errorf("unknown MCP_NOTIFY_CHECK_TRANSPORT %q (want stdio, sse or http)", kind)
	}
}

// httpOptions follows the library's docs for the server's era: a 2025 server
// announces changes on the standalone GET stream, which mcp-go opens only with
// WithContinuousListening, and that option pins the connection to 2025; a
// 2026-07-28 server announces on subscriptions/listen, which needs the option
// off. One transport cannot do both, so the program asks the harness.
func httpOptions() []transport.StreamableHTTPCOption {
	if os.Getenv("MCP_NOTIFY_CHECK_ERA") == "legacy" {
		return []transport.StreamableHTTPCOption{transport.WithContinuousListening()}
	}
	return nil
}
