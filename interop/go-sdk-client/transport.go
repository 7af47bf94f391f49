package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"

	"github.com/modelcontextprotocol/go-sdk/mcp"
)

// transportFromEnv builds the SDK transport the harness asks for.
func transportFromEnv() (mcp.Transport, error) {
	switch kind := os.Getenv("MCP_NOTIFY_CHECK_TRANSPORT"); kind {
	case "stdio":
		var argv []string
		if err := json.Unmarshal([]byte(os.Getenv("MCP_NOTIFY_CHECK_SERVER_COMMAND")), &argv); err != nil || len(argv) == 0 {
			return nil, fmt.Errorf("MCP_NOTIFY_CHECK_SERVER_COMMAND must be a JSON argv array: %v", err)
		}
		cmd := exec.Command(argv[0], argv[1:]...)
		cmd.Stderr = os.Stderr
		return &mcp.CommandTransport{Command: cmd}, nil
	case "sse":
		return &mcp.SSEClientTransport{Endpoint: os.Getenv("MCP_NOTIFY_CHECK_URL")}, nil
	case "http":
		return &mcp.StreamableClientTransport{Endpoint: os.Getenv("MCP_NOTIFY_CHECK_URL")}, nil
	default:
		return nil, fmt.Errorf("unknown MCP_NOTIFY_CHECK_TRANSPORT %q (want stdio, sse or http)", kind)
	}
}
