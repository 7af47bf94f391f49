package main

import (
	"context"
	"fmt"
	"os"

	"github.com/mark3labs/mcp-go/client"
	"github.com/mark3labs/mcp-go/mcp"
)

// refresh lists one kind in full (mcp-go's List* methods follow nextCursor
// to the end) and reports it.
func refresh(ctx context.Context, c *client.Client, list string) {
	var names []string
	switch list {
	case "tools":
		res, err := c.ListTools(ctx, mcp.ListToolsRequest{})
		if err != nil {
			fmt.Fprintln(os.Stderr, "tools/list:", err)
			return
		}
		for _, t := range res.Tools {
			names = append(names, t.Name)
		}
	case "resources":
		res, err := c.ListResources(ctx, mcp.ListResourcesRequest{})
		if err != nil {
			fmt.Fprintln(os.Stderr, "resources/list:", err)
			return
		}
		for _, r := range res.Resources {
			names = append(names, r.URI)
		}
	case "prompts":
		res, err := c.ListPrompts(ctx, mcp.ListPromptsRequest{})
		if err != nil {
			fmt.Fprintln(os.Stderr, "prompts/list:", err)
			return
		}
		for _, p := range res.Prompts {
			names = append(names, p.Name)
		}
	}
	reportView(list, names)
}

// changedList maps a list_changed method to the list it names.
var changedList = map[string]string{
	string(mcp.MethodNotificationToolsListChanged):     "tools",
	string(mcp.MethodNotificationResourcesListChanged): "resources",
	string(mcp.MethodNotificationPromptsListChanged):   "prompts",
}
