package main

import (
	"context"
	"fmt"
	"sync/atomic"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

var added atomic.Int64

// newServer builds the server with its start-up tools; WithToolCapabilities(true)
// is how the docs enable tools/list_changed.
func newServer() *server.MCPServer {
	s := server.NewMCPServer("mcp-go-server", "1.0.0", server.WithToolCapabilities(true))
	addTool(s, "hello")
	s.AddTool(mcp.NewTool("add_tool",
		mcp.WithDescription("Add a tool to this server"),
		mcp.WithString("name", mcp.Description("name of the tool to add (generated when empty)")),
	), func(_ context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
		return mcp.NewToolResultText("added " + addTool(s, req.GetString("name", ""))), nil
	})
	return s
}

// addTool registers a tool at run time; mcp-go announces the change to every
// initialized session itself.
func addTool(s *server.MCPServer, name string) string {
	if name == "" {
		name = fmt.Sprintf("tool-%d", added.Add(1))
	}
	s.AddTool(mcp.NewTool(name, mcp.WithDescription("A tool added at run time")),
		func(context.Context, mcp.CallToolRequest) (*mcp.CallToolResult, error) {
			return mcp.NewToolResultText(name), nil
		})
	return name
}
