#!/usr/bin/python3
"""Interop check: the Python `websockets` library (Debian: python3-websockets) against a running Switchboard.

Usage: python_client.py ws://127.0.0.1:PORT/

Prints one "ok: ..." line per passed check. On the first failure prints "FAIL: ..." and exits 1;
exits 2 if the websockets module is missing. The whole run is bounded by OVERALL_TIMEOUT seconds.
"""
import asyncio
import sys

try:
    import websockets
    import websockets.exceptions
except ImportError as e:
    print(f"FAIL: cannot import websockets ({e}); install the Debian package python3-websockets", flush=True)
    sys.exit(2)

OVERALL_TIMEOUT = 20  # seconds for the whole script
STEP_TIMEOUT = 5      # seconds for any single receive / pong / close


class CheckFailed(Exception):
    pass


def ok(what):
    print(f"ok: {what}", flush=True)


def check(condition, what, expected):
    """Prints "ok: what" if condition holds, else fails with what was seen and what was expected."""
    if not condition:
        raise CheckFailed(f"{what} (expected {expected})")
    ok(what)


async def within(awaitable, what, seconds=STEP_TIMEOUT):
    """Awaits awaitable, failing with a message naming the step if it takes longer than seconds."""
    try:
        return await asyncio.wait_for(awaitable, seconds)
    except asyncio.TimeoutError:
        raise CheckFailed(f"{what}: nothing within {seconds:.1f} s") from None


def connect(url, offer):
    """A connection offering the subprotocols in offer; opening and closing handshakes bounded by STEP_TIMEOUT."""
    return websockets.connect(url, subprotocols=offer, open_timeout=STEP_TIMEOUT, close_timeout=STEP_TIMEOUT)


async def recv(ws, what):
    """The next message (str for text, bytes for binary)."""
    return await within(ws.recv(), what)


async def scenario_reverse(url):
    """(a) Negotiation picks 'reverse' from ["nope", "reverse"]; text, emoji, binary, ping and a clean close."""
    async with connect(url, ["nope", "reverse"]) as ws:
        check(ws.subprotocol == "reverse", f"reverse: negotiated subprotocol {ws.subprotocol!r}",
              "'reverse'")

        await ws.send("Hello, world!")
        reply = await recv(ws, "reverse: text reply")
        check(reply == "!dlrow ,olleH", f"reverse: text reply {reply!r}", "'!dlrow ,olleH'")

        await ws.send("añb😀")
        reply = await recv(ws, "reverse: non-ASCII text reply")
        check(reply == "😀bña", f"reverse: non-ASCII text reply {reply!r}", "'😀bña'")

        await ws.send(b"\x01\x02\x03")
        reply = await recv(ws, "reverse: binary reply")
        shown = reply.hex() if isinstance(reply, bytes) else repr(reply)
        check(reply == b"\x03\x02\x01", f"reverse: binary reply {shown}", "030201")

        pong = await ws.ping(b"interop")  # resolves when the matching pong arrives
        await within(pong, "reverse: pong")
        ok("reverse: ping answered by pong")

        await within(ws.close(), "reverse: close handshake")
        check(ws.close_code == 1000, f"reverse: normal close, server replied {ws.close_code} {ws.close_reason!r}",
              "code 1000")


async def scenario_dumb_increment(url):
    """(b) Counter 0,1,2,... ; "reset\\n" brings a "0" back; "closeme\\n" closes with 1001 "seeya"."""
    async with connect(url, ["dumb-increment-protocol"]) as ws:
        check(ws.subprotocol == "dumb-increment-protocol", f"dumb-increment: negotiated {ws.subprotocol!r}",
              "'dumb-increment-protocol'")

        numbers = [int(await recv(ws, "dumb-increment: counter")) for _ in range(10)]
        check(numbers == list(range(10)), f"dumb-increment: counts from 0: {numbers}", "0 to 9")

        await ws.send("reset\n")
        # Numbers already in flight may still arrive (continuing the count); a "0" must follow within 2 s.
        loop = asyncio.get_running_loop()
        deadline = loop.time() + 2.0
        last, seen = numbers[-1], []
        while True:
            remaining = max(deadline - loop.time(), 0)
            n = int(await within(ws.recv(), f"dumb-increment: '0' after reset (got {seen})", remaining))
            seen.append(n)
            if n == 0:
                break
            if n != last + 1:
                raise CheckFailed(f"dumb-increment: count not consecutive before reset took effect: {seen}")
            last = n
        ok(f"dumb-increment: reset brought back 0 (after {seen[:-1]})")

        await ws.send("closeme\n")
        try:
            while True:  # drain numbers until the server's close frame arrives
                await recv(ws, "dumb-increment: close after closeme")
        except websockets.exceptions.ConnectionClosed:
            pass
        check((ws.close_code, ws.close_reason) == (1001, "seeya"),
              f"dumb-increment: closeme closed with {ws.close_code} {ws.close_reason!r}", "1001 'seeya'")


def refused_status(exc):
    """The HTTP status of a refused handshake, across websockets versions, or None if exc is something else.

    websockets <= 13 (legacy client, e.g. Debian's 10.4) raises InvalidStatusCode with .status_code;
    the newer client (>= 14) raises InvalidStatus with .response.status_code.
    """
    invalid_status_code = getattr(websockets.exceptions, "InvalidStatusCode", None)
    invalid_status = getattr(websockets.exceptions, "InvalidStatus", None)
    if invalid_status_code is not None and isinstance(exc, invalid_status_code):
        return exc.status_code
    if invalid_status is not None and isinstance(exc, invalid_status):
        return exc.response.status_code
    return None


async def scenario_refused(url):
    """(c) Offering only an unknown subprotocol gets the handshake refused with HTTP 400."""
    try:
        async with connect(url, ["nope"]) as ws:
            raise CheckFailed(f"refused: handshake unexpectedly accepted (subprotocol {ws.subprotocol!r})")
    except websockets.exceptions.InvalidHandshake as e:
        status = refused_status(e)
        check(status == 400, f"refused: offer ['nope'] got HTTP {status} ({type(e).__name__})", "HTTP 400")


async def main(url):
    for name, scenario in [("reverse", scenario_reverse),
                           ("dumb-increment", scenario_dumb_increment),
                           ("refused", scenario_refused)]:
        try:
            await scenario(url)
        except CheckFailed:
            raise
        except asyncio.TimeoutError:  # websockets' own open/close timeouts
            raise CheckFailed(f"{name}: handshake timed out") from None
        except Exception as e:  # connection errors, protocol errors, non-numbers...
            raise CheckFailed(f"{name}: {type(e).__name__}: {e}") from e


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print("usage: python_client.py ws://HOST:PORT/", flush=True)
        sys.exit(2)
    print(f"python {sys.version.split()[0]}, websockets {websockets.__version__}", flush=True)
    try:
        asyncio.run(asyncio.wait_for(main(sys.argv[1]), OVERALL_TIMEOUT))
    except CheckFailed as e:
        print(f"FAIL: {e}", flush=True)
        sys.exit(1)
    except asyncio.TimeoutError:
        print(f"FAIL: the whole run took over {OVERALL_TIMEOUT} s", flush=True)
        sys.exit(1)
    print("ok: all python checks passed", flush=True)
