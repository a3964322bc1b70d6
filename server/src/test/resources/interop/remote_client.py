#!/usr/bin/python3
"""One WebSocket connection with Python's websockets (Debian: python3-websockets), driven line by line by a test.

Usage: remote_client.py URL PROTOCOL

Stdout, one event per line:
  open SUBPROTOCOL          the handshake succeeded
  text MESSAGE              a text message arrived
  binary HEX                a binary message arrived
  closed CODE REASON        the connection is closed; the script exits 0
  FAIL: WHAT                something went wrong; the script exits 1 (2 without websockets)
Stdin, one command per line: "text MESSAGE", "line MESSAGE" (sends MESSAGE plus a newline), "binary HEX", "close".
The end of stdin counts as "close". Messages, sent or received, must not contain line breaks.
The script gives up after TIMEOUT seconds.
"""
import asyncio
import sys

try:
    import websockets
    import websockets.exceptions
except ImportError as e:
    print(f"FAIL: cannot import websockets ({e}); install the Debian package python3-websockets", flush=True)
    sys.exit(2)

TIMEOUT = 30


def emit(line):
    print(line, flush=True)


async def obey(ws):
    """Carries out the commands on stdin until "close" or its end."""
    stdin = asyncio.StreamReader()
    await asyncio.get_running_loop().connect_read_pipe(lambda: asyncio.StreamReaderProtocol(stdin), sys.stdin)
    while True:
        line = (await stdin.readline()).decode("utf-8").rstrip("\n")
        command, _, argument = line.partition(" ")
        if command == "text":
            await ws.send(argument)
        elif command == "line":
            await ws.send(argument + "\n")
        elif command == "binary":
            await ws.send(bytes.fromhex(argument))
        elif command in ("close", ""):
            await ws.close()
            return
        else:
            emit(f"FAIL: unknown command {line!r}")
            await ws.close()
            return


async def run(url, protocol):
    try:
        ws = await websockets.connect(url, subprotocols=[protocol], open_timeout=5, close_timeout=5)
    except websockets.exceptions.InvalidStatusCode as e:
        emit(f"FAIL: handshake refused with HTTP {e.status_code}")
        return 1
    emit(f"open {ws.subprotocol}")
    commands = asyncio.create_task(obey(ws))
    try:
        async for message in ws:
            emit(f"binary {message.hex()}" if isinstance(message, bytes) else f"text {message}")
    except websockets.exceptions.ConnectionClosedError:
        pass  # reported below like a normal close
    commands.cancel()
    emit(f"closed {ws.close_code} {ws.close_reason}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        emit("FAIL: usage: remote_client.py URL PROTOCOL")
        sys.exit(2)
    try:
        sys.exit(asyncio.run(asyncio.wait_for(run(sys.argv[1], sys.argv[2]), TIMEOUT)))
    except asyncio.TimeoutError:
        emit(f"FAIL: still running after {TIMEOUT} s")
    except Exception as e:  # connection refused, protocol errors...
        emit(f"FAIL: {type(e).__name__}: {e}")
    sys.exit(1)
