"""A client on the official MCP Python SDK 2.x that keeps its tools, resources and prompts current.

2025 servers announce changes unsolicited, so `message_handler` re-lists (the SDK has no auto-refresh);
2026-07-28 servers announce them only on a `client.listen(...)` stream, which the docs follow with a loop
that re-lists on each event and re-listens when the stream ends. Both paths list through `Client`, whose
response cache drops a listing when its `list_changed` arrives.
"""

import json
import os

import anyio
import mcp_types as types
from mcp import Client, StdioServerParameters
from mcp.client import Transport
from mcp.client.sse import sse_client
from mcp.client.subscriptions import PromptsListChanged, ResourcesListChanged, SubscriptionLost, ToolsListChanged
from mcp_types.version import MODERN_PROTOCOL_VERSIONS


def report_view(kind: str, names: list[str]) -> None:
    """Prints the view report line mcp-notify-check reads: the names this client now shows."""
    print(f"@mcp-notify-check view {json.dumps({'list': kind, 'names': names})}", flush=True)


def server_from_env() -> StdioServerParameters | Transport | str:
    """What `Client(...)` takes for the transport the harness asks for."""
    transport = os.environ["MCP_NOTIFY_CHECK_TRANSPORT"]
    if transport == "stdio":
        command, *args = json.loads(os.environ["MCP_NOTIFY_CHECK_SERVER_COMMAND"])
        return StdioServerParameters(command=command, args=args)
    url = os.environ["MCP_NOTIFY_CHECK_URL"]
    return sse_client(url) if transport == "sse" else url


async def refresh(client: Client, kind: str) -> None:
    """Lists every page of one list (the cursor loop the SDK docs show) and reports it."""
    names: list[str] = []
    cursor: str | None = None
    while True:
        if kind == "tools":
            page = await client.list_tools(cursor=cursor)
            names += [tool.name for tool in page.tools]
        elif kind == "resources":
            page = await client.list_resources(cursor=cursor)
            names += [str(resource.uri) for resource in page.resources]
        else:
            page = await client.list_prompts(cursor=cursor)
            names += [prompt.name for prompt in page.prompts]
        cursor = page.next_cursor
        if cursor is None:
            break
    report_view(kind, names)


async def refresh_all(client: Client) -> None:
    for kind in ("tools", "resources", "prompts"):
        await refresh(client, kind)


LEGACY_KINDS = {
    types.ToolListChangedNotification: "tools",
    types.ResourceListChangedNotification: "resources",
    types.PromptListChangedNotification: "prompts",
}
LISTEN_KINDS = {ToolsListChanged: "tools", ResourcesListChanged: "resources", PromptsListChanged: "prompts"}


async def keep_following(client: Client) -> None:
    """The docs' watcher: listen, refetch, re-list per event; re-listen (after a back-off) when the stream ends."""
    while True:
        try:
            async with client.listen(
                tools_list_changed=True, resources_list_changed=True, prompts_list_changed=True
            ) as subscription:
                await refresh_all(client)  # nothing is replayed across streams
                async for event in subscription:
                    if kind := LISTEN_KINDS.get(type(event)):
                        await refresh(client, kind)
        except SubscriptionLost:
            pass
        await anyio.sleep(1)


async def main() -> None:
    client: Client

    async def on_message(message: types.ServerNotification | Exception) -> None:
        if isinstance(message, Exception):
            raise message  # the docs' pattern: a broken connection fails loudly
        # On 2026-07-28 the same notifications also reach this catch-all; the listen loop handles them there.
        modern = client.protocol_version in MODERN_PROTOCOL_VERSIONS
        if not modern and (kind := LEGACY_KINDS.get(type(message))):
            await refresh(client, kind)

    client = Client(server_from_env(), message_handler=on_message)
    async with client:
        if client.protocol_version in MODERN_PROTOCOL_VERSIONS:
            await keep_following(client)
        else:
            await refresh_all(client)
            await anyio.sleep_forever()


if __name__ == "__main__":
    anyio.run(main)
