package main

import (
	"context"
	"fmt"
	"os"

	"github.com/modelcontextprotocol/go-sdk/mcp"
)

// The SDK's iterators follow nextCursor to the end, as a user listing
// everything would; each list is reported once it is complete.

func listTools(ctx context.Context, cs *mcp.ClientSession) {
	var names []string
	for tool, err := range cs.Tools(ctx, nil) {
		if err != nil {
			fmt.Fprintln(os.Stderr, "tools/list:", err)
			return
		}
		names = append(names, tool.Name)
	}
	reportView("tools", names)
}

func listResources(ctx context.Context, cs *mcp.ClientSession) {
	var uris []string
	for resource, err := range cs.Resources(ctx, nil) {
		if err != nil {
			fmt.Fprintln(os.Stderr, "resources/list:", err)
			return
		}
		uris = append(uris, resource.URI)
	}
	reportView("resources", uris)
}

func listPrompts(ctx context.Context, cs *mcp.ClientSession) {
	var names []string
	for prompt, err := range cs.Prompts(ctx, nil) {
		if err != nil {
			fmt.Fprintln(os.Stderr, "prompts/list:", err)
			return
		}
		names = append(names, prompt.Name)
	}
	reportView("prompts", names)
}
