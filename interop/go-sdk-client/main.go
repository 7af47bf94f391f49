// Command client is a go-sdk MCP client that re-lists whatever list the
// server says changed, through the SDK's ClientOptions list-changed handlers.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/modelcontextprotocol/go-sdk/mcp"
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

	transport, err := transportFromEnv()
	if err != nil {
		return err
	}
	// The SDK runs these handlers one at a time, off the read loop, so each
	// can list synchronously on the session that was told.
	client := mcp.NewClient(&mcp.Implementation{Name: "go-sdk-client", Version: "1.0.0"}, &mcp.ClientOptions{
		ToolListChangedHandler: func(ctx context.Context, req *mcp.ToolListChangedRequest) {
			listTools(ctx, req.Session)
		},
		ResourceListChangedHandler: func(ctx context.Context, req *mcp.ResourceListChangedRequest) {
			listResources(ctx, req.Session)
		},
		PromptListChangedHandler: func(ctx context.Context, req *mcp.PromptListChangedRequest) {
			listPrompts(ctx, req.Session)
		},
	})
	// Connect negotiates the era itself: server/discover first (2026-07-28,
	// opening subscriptions/listen for these handlers), else initialize.
	cs, err := client.Connect(ctx, transport, nil)
	if err != nil {
		return fmt.Errorf("connect: %w", err)
	}
	defer cs.Close()

	caps := cs.InitializeResult().Capabilities
	if caps.Tools != nil {
		listTools(ctx, cs)
	}
	if caps.Resources != nil {
		listResources(ctx, cs)
	}
	if caps.Prompts != nil {
		listPrompts(ctx, cs)
	}

	// Run until killed, as the harness expects; a session the SDK gave up on
	// is reported, not treated as the end of the program.
	go func() {
		err := cs.Wait()
		fmt.Fprintln(os.Stderr, "client: session ended:", err)
	}()
	<-ctx.Done()
	return nil
}
