"""A client that asks for server_max_window_bits=8 (a 256-byte window) against Switchboard's echo.

Python websockets negotiates it and round-trips messages of every size. Then a raw client checks what the server
actually sent: each compressed message is inflated one output byte at a time, which makes zlib keep only a 256-byte
window and fail ("invalid distance too far back") on any reference further back, as a client with only that much
memory would."""
import asyncio
import base64
import os
import random
import socket
import struct
import sys
import zlib
from urllib.parse import urlparse

import websockets
from websockets.extensions.permessage_deflate import ClientPerMessageDeflateFactory

OFFER = "permessage-deflate; server_max_window_bits=8"
# 300 random letters, repeated: a compressor with a larger window refers 300 bytes back, and within 256 bytes
# Huffman coding alone still makes a message smaller.
LETTERS = random.Random(1)
PATTERN = "".join(LETTERS.choice("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(300))
SIZES = [100, 200, 256, 257, 300, 1200, 5000]


def message(size):
    return (PATTERN * (size // len(PATTERN) + 1))[:size]


async def library(url):
    factory = ClientPerMessageDeflateFactory(server_max_window_bits=8)
    async with websockets.connect(url, subprotocols=["echo"], extensions=[factory],
                                  open_timeout=10, close_timeout=10) as ws:
        print("library negotiated:", ws.response_headers.get("Sec-WebSocket-Extensions", ""), flush=True)
        for size in SIZES:
            text = message(size)
            await ws.send(text)
            if await asyncio.wait_for(ws.recv(), 10) != text:
                raise SystemExit(f"FAIL: library echo of {size} chars differs")


def read_exact(sock, n):
    data = b""
    while len(data) < n:
        chunk = sock.recv(n - len(data))
        if not chunk:
            raise SystemExit("FAIL: connection closed early")
        data += chunk
    return data


def raw(url):
    parts = urlparse(url)
    sock = socket.create_connection((parts.hostname, parts.port), timeout=10)
    key = base64.b64encode(os.urandom(16)).decode()
    sock.sendall((f"GET / HTTP/1.1\r\nHost: {parts.hostname}:{parts.port}\r\nUpgrade: websocket\r\n"
                  f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n"
                  f"Sec-WebSocket-Protocol: echo\r\nSec-WebSocket-Extensions: {OFFER}\r\n\r\n").encode())
    response = b""
    while b"\r\n\r\n" not in response:
        response += sock.recv(1)
    lines = response.decode().split("\r\n")
    extensions = [line.split(":", 1)[1].strip() for line in lines if line.lower().startswith("sec-websocket-extensions:")]
    print("raw negotiated:", extensions, flush=True)
    if extensions != ["permessage-deflate; server_no_context_takeover; server_max_window_bits=8"]:
        raise SystemExit("FAIL: unexpected extension answer")
    # One inflater for the connection, as a client keeps when the server might take over context.
    inflater = zlib.decompressobj(-8)
    compressed_sizes = []
    for size in SIZES:
        payload = message(size).encode("utf-8")
        mask = os.urandom(4)
        header = bytes([0x81]) + (bytes([0x80 | len(payload)]) if len(payload) < 126
                                  else bytes([0x80 | 126]) + struct.pack(">H", len(payload)))
        sock.sendall(header + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))
        first, second = read_exact(sock, 2)
        length = second & 0x7F
        if length == 126:
            length = struct.unpack(">H", read_exact(sock, 2))[0]
        data = read_exact(sock, length)
        if first & 0x40:
            compressed_sizes.append(size)
            out, rest = b"", data + b"\x00\x00\xff\xff"
            while True:
                chunk = inflater.decompress(rest, 1)
                out += chunk
                rest = inflater.unconsumed_tail
                if not chunk and not rest:
                    break
            data = out
        if data != payload:
            raise SystemExit(f"FAIL: raw echo of {size} bytes differs")
    print("compressed sizes:", compressed_sizes, flush=True)
    sock.close()


async def main(url):
    await library(url)
    raw(url)
    print("ok: small window checks passed", flush=True)


asyncio.run(main(sys.argv[1]))
