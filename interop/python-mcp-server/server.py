"""A server on the official MCP Python SDK 2.x (`MCPServer`) whose tool list grows at run time.

`add_tool()` only registers; the docs announce a change twice: `ctx.notify_tools_changed()` for 2026-07-28
clients (their `subscriptions/listen` streams) and `ctx.session.send_tool_list_changed()` for a 2025 client
(the calling session only). Outside a request the docs publish on a bus you construct yourself, and reach
2025 sessions only through a `ctx.session` captured in an earlier call.

Usage: server.py [--http | --sse] [--port N]   (stdio by default; SIGUSR1 adds a tool from outside a request)
"""

import argparse
import itertools
import signal

import anyio
from mcp.server.mcpserver import Context, MCPServer
from mcp.server.subscriptions import InMemorySubscriptionBus, ToolsListChanged

bus = InMemorySubscriptionBus()
mcp = MCPServer("python-mcp-server", subscriptions=bus)
captured_sessions = []  # the docs: a captured ctx.session stays usable after its handler returns
serial = itertools.count(1)


@mcp.tool()
def echo(text: str) -> str:
    """Echo the text back."""
    return text


@mcp.tool()
def add(a: int, b: int) -> int:
    """Add two numbers."""
    return a + b


def register(name: str | None) -> str:
    """Adds a tool named `name` (or the next `dynamic_N`) with `MCPServer.add_tool`."""
    name = name or f"dynamic_{next(serial)}"

    def dynamic() -> str:
        return f"{name} was added at run time"

    mcp.add_tool(dynamic, name=name, description=f"Added at run time: {name}")
    return name


@mcp.tool(name="add_tool")
async def add_tool(ctx: Context, name: str | None = None) -> str:
    """Add a tool to this server."""
    added = register(name)
    if ctx.session not in captured_sessions:
        captured_sessions.append(ctx.session)
    await ctx.notify_tools_changed()
    await ctx.session.send_tool_list_changed()
    return f"added {added}"


async def add_on_sigusr1() -> None:
    """SIGUSR1 adds a tool outside any request: publish on the bus, tell every session captured so far."""
    with anyio.open_signal_receiver(signal.SIGUSR1) as signals:
        async for _ in signals:
            register(None)
            await bus.publish(ToolsListChanged())
            for session in captured_sessions:
                await session.send_tool_list_changed()


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--http", action="store_true")
    parser.add_argument("--sse", action="store_true")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    async with anyio.create_task_group() as tasks:
        tasks.start_soon(add_on_sigusr1)
        if args.http:
            await mcp.run_streamable_http_async(host="127.0.0.1", port=args.port)
        elif args.sse:
            await mcp.run_sse_async(host="127.0.0.1", port=args.port)
        else:
            await mcp.run_stdio_async()
        tasks.cancel_scope.cancel()


if __name__ == "__main__":
    anyio.run(main)
