package main

import (
	"encoding/json"
	"fmt"
	"os"
	"sync"
)

// viewPrefix marks a line the harness reads as the client's current list.
const viewPrefix = "@mcp-notify-check view "

var stdoutMu sync.Mutex

// reportView prints one view report line; os.Stdout is unbuffered, so the
// single write is also the flush.
func reportView(list string, names []string) {
	if names == nil {
		names = []string{} // the harness reads null as no list at all
	}
	line, err := json.Marshal(struct {
		List  string   `json:"list"`
		Names []string `json:"names"`
	}{list, names})
	if err != nil {
		fmt.Fprintln(os.Stderr, "view report:", err)
		return
	}
	stdoutMu.Lock()
	defer stdoutMu.Unlock()
	fmt.Fprintf(os.Stdout, "%s%s\n", viewPrefix, line)
}
