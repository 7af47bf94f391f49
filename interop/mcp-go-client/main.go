// Command client is an mcp-go MCP client that re-lists whatever list the
// server says changed, from the OnNotification handler its docs show.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/mark3labs/mcp-go/mcp"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "client:", err)
		os.Exit(1)
	}
}

func run() error {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()

	c, err := clientFromEnv()
	if err != nil {
		return err
	}
	defer c.Close()
	if err := c.Start(ctx); err != nil {
		return fmt.Errorf("start: %w", err)
	}
	// mcp-go calls this handler on its read loop, so a list made from inside
	// it would wait for a response that loop never reads: list in a goroutine.
	c.OnNotification(func(n mcp.JSONRPCNotification) {
		if list, ok := changedList[n.Method]; ok {
			go refresh(ctx, c, list)
		}
	})

	var init mcp.InitializeRequest
	init.Params.ClientInfo = mcp.Implementation{Name: "mcp-go-client", Version: "1.0.0"}
	res, err := c.Initialize(ctx, init) // server/discover first, else initialize
	if err != nil {
		return fmt.Errorf("initialize: %w", err)
	}
	caps := res.Capabilities
	if mcp.IsModernProtocol(c.ProtocolVersion()) {
		if err := listen(ctx, c, caps); err != nil {
			return err
		}
	}
	if caps.Tools != nil {
		refresh(ctx, c, "tools")
	}
	if caps.Resources != nil {
		refresh(ctx, c, "resources")
	}
	if caps.Prompts != nil {
		refresh(ctx, c, "prompts")
	}

	<-ctx.Done()
	return nil
}
