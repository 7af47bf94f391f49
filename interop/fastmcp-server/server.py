"""A server on fastmcp whose tool list grows at run time.

fastmcp's tool docs say `mcp.add_tool()` sends `notifications/tools/list_changed` by itself when called
inside a request (and not outside one), so `add_tool` and SIGUSR1 both just call `mcp.add_tool()`.

Usage: server.py [--http | --sse] [--port N]   (stdio by default; SIGUSR1 adds a tool from outside a request)
"""

import argparse
import itertools
import signal

import anyio
from fastmcp import FastMCP
from fastmcp.tools import Tool

mcp = FastMCP("fastmcp-server")
serial = itertools.count(1)


@mcp.tool
def echo(text: str) -> str:
    """Echo the text back."""
    return text


@mcp.tool
def add(a: int, b: int) -> int:
    """Add two numbers."""
    return a + b


def register(name: str | None) -> str:
    """Adds a tool named `name` (or the next `dynamic_N`) with `FastMCP.add_tool`."""
    name = name or f"dynamic_{next(serial)}"

    def dynamic() -> str:
        return f"{name} was added at run time"

    mcp.add_tool(Tool.from_function(dynamic, name=name, description=f"Added at run time: {name}"))
    return name


@mcp.tool(name="add_tool")
def add_tool(name: str | None = None) -> str:
    """Add a tool to this server."""
    return f"added {register(name)}"


async def add_on_sigusr1() -> None:
    with anyio.open_signal_receiver(signal.SIGUSR1) as signals:
        async for _ in signals:
            register(None)


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--http", action="store_true")
    parser.add_argument("--sse", action="store_true")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    async with anyio.create_task_group() as tasks:
        tasks.start_soon(add_on_sigusr1)
        if args.http or args.sse:
            transport = "http" if args.http else "sse"
            path = "/mcp" if args.http else "/sse"
            await mcp.run_async(transport=transport, host="127.0.0.1", port=args.port, path=path, show_banner=False)
        else:
            await mcp.run_async(transport="stdio", show_banner=False)
        tasks.cancel_scope.cancel()


if __name__ == "__main__":
    anyio.run(main)
