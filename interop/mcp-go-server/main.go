// Command server is an mcp-go MCP server whose tool list grows at run time:
// through its add_tool tool, and on SIGUSR1 from outside any request.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/mark3labs/mcp-go/server"
)

func main() {
	useHTTP := flag.Bool("http", false, "serve Streamable HTTP at /mcp")
	useSSE := flag.Bool("sse", false, "serve legacy HTTP+SSE at /sse")
	port := flag.Int("port", 0, "port on 127.0.0.1 for --http or --sse")
	flag.Parse()

	s := newServer()
	addOnSignal(s)

	addr := fmt.Sprintf("127.0.0.1:%d", *port)
	var err error
	switch {
	case *useHTTP:
		// One endpoint serves both eras, chosen per request.
		err = server.NewStreamableHTTPServer(s).Start(addr)
	case *useSSE:
		err = server.NewSSEServer(s).Start(addr)
	default:
		err = server.ServeStdio(s)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "server:", err)
		os.Exit(1)
	}
}

// addOnSignal adds a tool on every SIGUSR1: a change made outside any request.
func addOnSignal(s *server.MCPServer) {
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, syscall.SIGUSR1)
	go func() {
		for range signals {
			addTool(s, "")
		}
	}()
}
