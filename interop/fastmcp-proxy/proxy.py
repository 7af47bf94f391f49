"""FastMCP's proxy as its docs show it: create_proxy(upstream).run(), served over Streamable HTTP on 127.0.0.1:PORT/mcp.

Usage: proxy.py --port N URL          (an SSE or Streamable HTTP upstream; FastMCP infers which from the URL)
       proxy.py --port N -- CMD ARG…  (a stdio upstream, given as an mcpServers config as the docs show)
"""

import argparse

from fastmcp.server import create_proxy


def upstream_of(args: argparse.Namespace) -> str | dict:
    if len(args.upstream) == 1 and args.upstream[0].startswith(("http://", "https://")):
        return args.upstream[0]
    command, *rest = args.upstream
    return {"mcpServers": {"mock": {"command": command, "args": rest}}}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("upstream", nargs="+")
    args = parser.parse_args()
    proxy = create_proxy(upstream_of(args), name="fastmcp-proxy")
    proxy.run(transport="http", host="127.0.0.1", port=args.port)


if __name__ == "__main__":
    main()
