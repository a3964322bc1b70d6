"""Python websockets (which offers permessage-deflate by default) against Switchboard's echo: the extension is
negotiated, and large text and binary messages round-trip compressed."""
import asyncio
import sys

import websockets


async def main(url):
    async with websockets.connect(url, subprotocols=["echo"], open_timeout=10, close_timeout=10) as ws:
        header = ws.response_headers.get("Sec-WebSocket-Extensions", "")
        names = [type(e).__name__ for e in ws.extensions]
        print(f"negotiated: {header} {names}", flush=True)
        if not header.startswith("permessage-deflate") or "PerMessageDeflate" not in names:
            print("FAIL: permessage-deflate not negotiated", flush=True)
            return 1
        text = "compress me " * 2000
        await ws.send(text)
        if await asyncio.wait_for(ws.recv(), 10) != text:
            print("FAIL: text echo differs", flush=True)
            return 1
        data = bytes(range(256)) * 400
        await ws.send(data)
        if await asyncio.wait_for(ws.recv(), 10) != data:
            print("FAIL: binary echo differs", flush=True)
            return 1
        for i in range(20):
            message = f"message {i} " * (i * 10 + 1)
            await ws.send(message)
            if await asyncio.wait_for(ws.recv(), 10) != message:
                print(f"FAIL: echo {i} differs", flush=True)
                return 1
    print("ok: python deflate checks passed", flush=True)
    return 0


sys.exit(asyncio.run(main(sys.argv[1])))
