// Command server is a go-sdk MCP server whose tool list grows at run time:
// through its add_tool tool, and on SIGUSR1 from outside any request.
package main

import (
	"context"
	"flag"
	"fmt"
	"net/http"
	"os"
	"os/signal"
	"syscall"

	"github.com/modelcontextprotocol/go-sdk/mcp"
)

func main() {
	useHTTP := flag.Bool("http", false, "serve Streamable HTTP at /mcp")
	useSSE := flag.Bool("sse", false, "serve legacy HTTP+SSE at /sse")
	stateless := flag.Bool("stateless", false, "Streamable HTTP in stateless mode, which the SDK requires for 2026-07-28")
	port := flag.Int("port", 0, "port on 127.0.0.1 for --http or --sse")
	flag.Parse()

	server := newServer()
	addOnSignal(server)

	var err error
	switch {
	case *useHTTP:
		handler := mcp.NewStreamableHTTPHandler(func(*http.Request) *mcp.Server { return server },
			&mcp.StreamableHTTPOptions{Stateless: *stateless})
		err = serveHTTP(*port, "/mcp", handler)
	case *useSSE:
		err = serveHTTP(*port, "/sse", mcp.NewSSEHandler(func(*http.Request) *mcp.Server { return server }, nil))
	default:
		err = server.Run(context.Background(), &mcp.StdioTransport{})
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "server:", err)
		os.Exit(1)
	}
}

// addOnSignal adds a tool on every SIGUSR1: a change made outside any request.
func addOnSignal(server *mcp.Server) {
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, syscall.SIGUSR1)
	go func() {
		for range signals {
			addTool(server, "")
		}
	}()
}

func serveHTTP(port int, path string, handler http.Handler) error {
	mux := http.NewServeMux()
	mux.Handle(path, handler)
	return http.ListenAndServe(fmt.Sprintf("127.0.0.1:%d", port), mux)
}
