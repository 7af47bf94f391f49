package main

import (
	"context"
	"fmt"
	"sync/atomic"

	"github.com/modelcontextprotocol/go-sdk/mcp"
)

type addToolArgs struct {
	Name string `json:"name,omitempty" jsonschema:"name of the tool to add (generated when empty)"`
}

var added atomic.Int64

// newServer builds the server with its start-up tools. Registering tools
// before the first session makes the SDK advertise tools.listChanged.
func newServer() *mcp.Server {
	server := mcp.NewServer(&mcp.Implementation{Name: "go-sdk-server", Version: "1.0.0"}, nil)
	addTool(server, "hello")
	mcp.AddTool(server, &mcp.Tool{Name: "add_tool", Description: "Add a tool to this server"},
		func(_ context.Context, _ *mcp.CallToolRequest, args addToolArgs) (*mcp.CallToolResult, any, error) {
			name := addTool(server, args.Name)
			return &mcp.CallToolResult{Content: []mcp.Content{&mcp.TextContent{Text: "added " + name}}}, nil, nil
		})
	return server
}

// addTool registers a tool at run time; the SDK announces the change to every
// session itself (debounced by 10 ms).
func addTool(server *mcp.Server, name string) string {
	if name == "" {
		name = fmt.Sprintf("tool-%d", added.Add(1))
	}
	mcp.AddTool(server, &mcp.Tool{Name: name, Description: "A tool added at run time"},
		func(context.Context, *mcp.CallToolRequest, struct{}) (*mcp.CallToolResult, any, error) {
			return &mcp.CallToolResult{Content: []mcp.Content{&mcp.TextContent{Text: name}}}, nil, nil
		})
	return name
}
