package main

import (
	"context"
	"fmt"
	"os"

	"github.com/mark3labs/mcp-go/client"
	"github.com/mark3labs/mcp-go/mcp"
)

// listen opens the 2026-07-28 subscriptions/listen stream, as the docs show,
// for every list the server says announces changes.
func listen(ctx context.Context, c *client.Client, caps mcp.ServerCapabilities) error {
	filter := mcp.SubscriptionFilter{
		ToolsListChanged:     caps.Tools != nil && caps.Tools.ListChanged,
		ResourcesListChanged: caps.Resources != nil && caps.Resources.ListChanged,
		PromptsListChanged:   caps.Prompts != nil && caps.Prompts.ListChanged,
	}
	if filter.IsEmpty() {
		return nil
	}
	_, err := c.ListenAsync(ctx, filter, func(err error) {
		fmt.Fprintln(os.Stderr, "subscription stream ended:", err)
	})
	if err != nil {
		return fmt.Errorf("subscriptions/listen: %w", err)
	}
	return nil
}
