#!/usr/bin/env python3
"""A scripted stand-in for clangd, so proxy tests control what the server
does: it logs every byte it receives (FAKE_CLANGD_LOG), answers in an odd
but legal framing the proxy must pass on untouched, publishes one
diagnostic per opened/changed document, and crashes on request."""
import json
import os
import signal
import sys

log = open(os.environ["FAKE_CLANGD_LOG"], "ab", buffering=0)
out = sys.stdout.buffer


def send_raw(body):
    out.write(b"Content-Length: %d\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n" % len(body) + body)
    out.flush()


def send(obj):
    send_raw(json.dumps(obj).encode())


def read():
    header = b""
    while not header.endswith(b"\r\n\r\n"):
        c = sys.stdin.buffer.read(1)
        if not c:
            return None
        header += c
    length = int(header.split(b":")[1].split(b"\r\n")[0])
    body = sys.stdin.buffer.read(length)
    log.write(header + body)
    return json.loads(body)


def publish(uri, version):
    send({"jsonrpc": "2.0", "method": "textDocument/publishDiagnostics",
          "params": {"uri": uri, "version": version, "diagnostics": [
              {"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 1}},
               "severity": 2, "source": "clang", "message": "fake clangd diagnostic"}]}})


while True:
    msg = read()
    if msg is None:
        sys.exit(0)
    method = msg.get("method")
    if method == "initialize":
        # Spacing and key order no JSON library would produce.
        send_raw(b'{ "id" : %s,"jsonrpc":"2.0",  "result":{"capabilities":{"textDocumentSync":2}} }' % json.dumps(msg["id"]).encode())
    elif method in ("textDocument/didOpen", "textDocument/didChange"):
        doc = msg["params"]["textDocument"]
        publish(doc["uri"], doc.get("version"))
    elif method == "textDocument/hover":
        send({"jsonrpc": "2.0", "id": msg["id"], "result": {"contents": "hover"}})
    elif method == "shutdown":
        send({"jsonrpc": "2.0", "id": msg["id"], "result": None})
    elif method == "exit":
        sys.exit(0)
    elif method == "$/crash":
        os.kill(os.getpid(), signal.SIGSEGV)
