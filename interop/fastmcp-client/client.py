"""A client on fastmcp that keeps its tools, resources and prompts current.

fastmcp's client has no list-changed facility of its own: its docs subclass `MessageHandler` and act in
`on_tool_list_changed` (and the resource and prompt siblings). Here each hook re-lists that list with the
client's `list_*()` helpers, which follow every page.
"""

import asyncio
import json
import os

import mcp_types as types
from fastmcp import Client
from fastmcp.client.messages import MessageHandler
from fastmcp.client.transports import SSETransport, StdioTransport, StreamableHttpTransport


def report_view(kind: str, names: list[str]) -> None:
    """Prints the view report line mcp-notify-check reads: the names this client now shows."""
    print(f"@mcp-notify-check view {json.dumps({'list': kind, 'names': names})}", flush=True)


def transport_from_env() -> StdioTransport | SSETransport | StreamableHttpTransport:
    """The fastmcp transport for what the harness asks for."""
    transport = os.environ["MCP_NOTIFY_CHECK_TRANSPORT"]
    if transport == "stdio":
        command, *args = json.loads(os.environ["MCP_NOTIFY_CHECK_SERVER_COMMAND"])
        return StdioTransport(command=command, args=args)
    url = os.environ["MCP_NOTIFY_CHECK_URL"]
    return SSETransport(url) if transport == "sse" else StreamableHttpTransport(url)


async def refresh(client: Client, kind: str) -> None:
    """Lists one list (fastmcp's `list_*()` walk every page) and reports it."""
    if kind == "tools":
        report_view(kind, [tool.name for tool in await client.list_tools()])
    elif kind == "resources":
        report_view(kind, [str(resource.uri) for resource in await client.list_resources()])
    else:
        report_view(kind, [prompt.name for prompt in await client.list_prompts()])


class RelistingHandler(MessageHandler):
    """Re-lists whichever list the server says changed."""

    client: Client

    async def on_tool_list_changed(self, message: types.ToolListChangedNotification) -> None:
        await refresh(self.client, "tools")

    async def on_resource_list_changed(self, message: types.ResourceListChangedNotification) -> None:
        await refresh(self.client, "resources")

    async def on_prompt_list_changed(self, message: types.PromptListChangedNotification) -> None:
        await refresh(self.client, "prompts")


async def main() -> None:
    handler = RelistingHandler()
    client = Client(transport_from_env(), message_handler=handler)
    handler.client = client
    async with client:
        for kind in ("tools", "resources", "prompts"):
            await refresh(client, kind)
        await asyncio.Event().wait()  # run until the harness ends the process


if __name__ == "__main__":
    asyncio.run(main())
