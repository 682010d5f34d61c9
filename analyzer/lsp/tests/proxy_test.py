#!/usr/bin/env python3
"""coffman-clangd end to end against a scripted clangd (fake_clangd.py)
and checker (fake_check.py): byte-exact forwarding, merged diagnostics,
analysis failures, cancellation, answers never waiting for an analysis,
malformed input, and crashes of clangd.  usage: proxy_test.py PROXY"""
import json
import os
import queue
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
PROXY = sys.argv[1]


def frame(body):
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


class Proxy:
    def __init__(self, tmp, mode="findings", clangd=None, extra=()):
        self.tmp = tmp
        self.clangd_log = os.path.join(tmp, "clangd.log")
        self.check_log = os.path.join(tmp, "check.log")
        for f in (self.clangd_log, self.check_log):
            if os.path.exists(f):
                os.unlink(f)
        env = dict(os.environ, FAKE_CLANGD_LOG=self.clangd_log,
                   FAKE_CHECK_LOG=self.check_log, FAKE_CHECK_MODE=mode, TMPDIR=tmp)
        cmd = [PROXY, "--clangd=" + (clangd or os.path.join(HERE, "fake_clangd.py")),
               "--coffman-check=" + os.path.join(HERE, "fake_check.py"),
               "--coffman-debounce-ms=200", *extra]
        self.p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)
        self.q = queue.Queue()
        self.raw = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        f = self.p.stdout
        while True:
            header = b""
            while not header.endswith(b"\r\n\r\n"):
                c = f.read(1)
                if not c:
                    self.q.put(None)
                    return
                header += c
            length = int([h for h in header.split(b"\r\n")
                          if h.lower().startswith(b"content-length")][0].split(b":")[1])
            body = f.read(length)
            self.raw.append(header + body)
            self.q.put((time.monotonic(), json.loads(body)))

    def send_raw(self, data):
        self.p.stdin.write(data)
        self.p.stdin.flush()

    def send(self, obj):
        self.send_raw(frame(json.dumps(obj).encode()))

    def wait_for(self, pred, timeout=10):
        end = time.monotonic() + timeout
        while True:
            left = end - time.monotonic()
            if left <= 0:
                raise AssertionError("timed out waiting for a message")
            try:
                item = self.q.get(timeout=left)
            except queue.Empty:
                raise AssertionError("timed out waiting for a message")
            if item is None:
                raise AssertionError("proxy closed its output")
            if pred(item[1]):
                return item

    def initialize(self):
        self.send({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                   "params": {"processId": None, "rootUri": None, "capabilities": {}}})
        self.wait_for(lambda m: m.get("id") == 1)
        self.send({"jsonrpc": "2.0", "method": "initialized", "params": {}})

    def open(self, path, text, version=1):
        self.send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
            "textDocument": {"uri": "file://" + path, "languageId": "c",
                             "version": version, "text": text}}})

    def change(self, path, version, text):
        self.send({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": "file://" + path, "version": version},
            "contentChanges": [{"text": text}]}})

    def finish(self):
        self.send({"jsonrpc": "2.0", "id": 99, "method": "shutdown"})
        self.wait_for(lambda m: m.get("id") == 99)
        self.send({"jsonrpc": "2.0", "method": "exit"})
        return self.p.wait(timeout=10)


def sources(msg):
    return sorted(d.get("source") for d in msg["params"]["diagnostics"])


def is_publish(m, with_coffman=None):
    if m.get("method") != "textDocument/publishDiagnostics":
        return False
    has = any(d.get("source") == "coffman" for d in m["params"]["diagnostics"])
    return with_coffman is None or has == with_coffman


def write(tmp, name, text):
    path = os.path.join(tmp, name)
    with open(path, "w") as f:
        f.write(text)
    return path


def test_forwarding_is_byte_exact(tmp):
    px = Proxy(tmp)
    odd = b'{"jsonrpc":"2.0",   "id":1 ,"method":"initialize","params":{"capabilities":{},"x":"\\u00e9\xc3\xa9"}}'
    px.send_raw(b"Content-Length: %d\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n" % len(odd) + odd)
    px.wait_for(lambda m: m.get("id") == 1)
    answer = b'{ "id" : 1,"jsonrpc":"2.0",  "result":{"capabilities":{"textDocumentSync":2}} }'
    assert px.raw[0] == b"Content-Length: %d\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n" % len(answer) + answer, px.raw[0]
    assert px.finish() == 0
    with open(px.clangd_log, "rb") as f:
        got = f.read()
    assert got.startswith(b"Content-Length: %d\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n" % len(odd) + odd), got[:200]


def test_merges_coffman_findings(tmp):
    px = Proxy(tmp)
    px.initialize()
    path = write(tmp, "p.c", "int a;\n  LOCK(b);\n")
    px.open(path, open(path).read())
    _, m = px.wait_for(lambda m: is_publish(m, True) and "clang" in sources(m))
    assert sources(m) == ["clang", "coffman"], sources(m)
    d = [d for d in m["params"]["diagnostics"] if d["source"] == "coffman"][0]
    assert d["code"] == "coffman-lock-order-inversion", d
    assert d["range"]["start"] == {"line": 1, "character": 2}, d["range"]
    assert d["message"] == "lock order inversion at %s:2" % path, d["message"]
    rel = [r["message"] for r in d["relatedInformation"]]
    assert rel == ["holding a.mu", "circular wait: a.mu -> b.mu -> a.mu", "fix: lock in one order"], rel
    assert d["relatedInformation"][0]["location"]["uri"] == "file://" + path
    assert m["params"]["version"] == 1
    # An edit that removes the finding clears it (debounced).
    px.change(path, 2, "int a;\n  lock(b);\n")
    px.wait_for(lambda m: is_publish(m, False) and m["params"].get("version") == 2)
    assert px.finish() == 0


def test_analysis_failure_is_one_diagnostic(tmp):
    px = Proxy(tmp, mode="fail")
    px.initialize()
    path = write(tmp, "f.c", "int a\n")
    px.open(path, "int a\n")
    _, m = px.wait_for(lambda m: is_publish(m, True) and "clang" in sources(m))
    mine = [d for d in m["params"]["diagnostics"] if d["source"] == "coffman"]
    assert len(mine) == 1, mine
    assert "error: expected ';'" in mine[0]["message"], mine[0]
    assert mine[0]["message"].startswith(path + ":3:1"), mine[0]["message"]
    assert px.finish() == 0


def test_facts_dir_and_database_reach_the_checker(tmp):
    os.makedirs(os.path.join(tmp, "build"))
    with open(os.path.join(tmp, "build", "compile_commands.json"), "w") as f:
        f.write("[]")
    px = Proxy(tmp, extra=["--coffman-facts-dir=/some/facts"])
    px.initialize()
    path = write(tmp, "d.c", "LOCK\n")
    px.open(path, "LOCK\n")
    px.wait_for(lambda m: is_publish(m, True))
    with open(px.check_log) as f:
        args = json.loads(f.readline().split("\t")[3])
    assert args[1] == "-p" + os.path.join(tmp, "build"), args
    assert "--merge=/some/facts" in args, args
    assert px.finish() == 0


def test_checker_crash_is_reported(tmp):
    px = Proxy(tmp, mode="crash")
    px.initialize()
    path = write(tmp, "c.c", "int a;\n")
    px.open(path, "int a;\n")
    _, m = px.wait_for(lambda m: is_publish(m, True))
    mine = [d for d in m["params"]["diagnostics"] if d["source"] == "coffman"]
    assert len(mine) == 1 and "crashed" in mine[0]["message"], mine
    assert px.finish() == 0


def test_answers_do_not_wait_for_analysis(tmp):
    px = Proxy(tmp, mode="slow")
    px.initialize()
    path = write(tmp, "s.c", "LOCK\n")
    px.open(path, "LOCK\n")
    deadline = time.monotonic() + 5
    while not os.path.exists(px.check_log) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert os.path.exists(px.check_log), "analysis never started"
    sent = time.monotonic()
    px.send({"jsonrpc": "2.0", "id": 7, "method": "textDocument/hover",
             "params": {"textDocument": {"uri": "file://" + path},
                        "position": {"line": 0, "character": 0}}})
    got, _ = px.wait_for(lambda m: m.get("id") == 7)
    assert got - sent < 1.0, "hover took %.2fs behind a 3s analysis" % (got - sent)
    assert px.finish() == 0


def test_edit_cancels_stale_analysis(tmp):
    px = Proxy(tmp, mode="slow")
    px.initialize()
    path = write(tmp, "e.c", "LOCK one\n")
    px.open(path, "LOCK one\n")
    deadline = time.monotonic() + 5
    while not os.path.exists(px.check_log) and time.monotonic() < deadline:
        time.sleep(0.02)
    px.change(path, 2, "LOCK two\n")
    _, m = px.wait_for(lambda m: is_publish(m, True), timeout=20)
    with open(px.check_log) as f:
        runs = [l.split("\t") for l in f.read().splitlines()]
    texts = {(what, json.loads(text)) for what, _, text, _ in runs}
    assert ("start", "LOCK one\n") in texts, runs
    assert ("end", "LOCK one\n") not in texts, "stale run was not cancelled: %s" % runs
    assert ("end", "LOCK two\n") in texts, runs
    assert m["params"]["version"] == 2
    assert px.finish() == 0


def test_malformed_input_is_rejected(tmp):
    px = Proxy(tmp)
    px.send_raw(b"Content-Length: banana\r\n\r\n")
    _, m = px.wait_for(lambda m: "error" in m)
    assert m["error"]["code"] == -32700 and m["id"] is None, m
    assert "Content-Length" in m["error"]["message"], m
    px.send_raw(frame(b'{"jsonrpc":"2.0","id":3,'))
    _, m = px.wait_for(lambda m: "error" in m)
    assert m["error"]["code"] == -32700, m
    px.send({"id": 4, "method": "initialize", "params": {}})
    _, m = px.wait_for(lambda m: "error" in m)
    assert m["error"]["code"] == -32600 and m["id"] == 4, m
    px.send_raw(frame(b'[1,2]'))
    _, m = px.wait_for(lambda m: "error" in m)
    assert m["error"]["code"] == -32600, m
    # Still a working server afterwards, and clangd never saw the garbage.
    px.initialize()
    assert px.finish() == 0
    with open(px.clangd_log, "rb") as f:
        log = f.read()
    assert b"banana" not in log and b'"id":3' not in log and b"[1,2]" not in log, log


def test_clangd_crash_fails_pending_requests(tmp):
    px = Proxy(tmp)
    px.initialize()
    px.send({"jsonrpc": "2.0", "id": 42, "method": "$/crash"})
    _, m = px.wait_for(lambda m: m.get("id") == 42)
    assert m["error"]["code"] == -32603 and "crashed (signal 11" in m["error"]["message"], m
    _, m = px.wait_for(lambda m: m.get("method") == "window/showMessage")
    assert m["params"]["type"] == 1 and "clangd" in m["params"]["message"], m
    assert px.p.wait(timeout=10) == 1


def test_clangd_missing_is_reported(tmp):
    px = Proxy(tmp, clangd="/nonexistent/clangd")
    px.send({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}})
    _, m = px.wait_for(lambda m: m.get("id") == 1)
    assert "cannot start clangd '/nonexistent/clangd'" in m["error"]["message"], m
    px.send({"jsonrpc": "2.0", "method": "exit"})
    assert px.p.wait(timeout=10) == 1


def test_client_gone_ends_everything(tmp):
    px = Proxy(tmp)
    px.initialize()
    px.p.stdin.close()
    assert px.p.wait(timeout=10) != 0
    assert not [d for d in os.listdir(tmp) if d.startswith("coffman-clangd-")], os.listdir(tmp)


def test_help(tmp):
    out = subprocess.run([PROXY, "--help"], capture_output=True, text=True, timeout=10)
    assert out.returncode == 0 and "--clangd=PATH" in out.stdout, out


def main():
    failed = 0
    for name, fn in list(globals().items()):
        if not name.startswith("test_"):
            continue
        with tempfile.TemporaryDirectory() as tmp:
            try:
                fn(os.path.realpath(tmp))
                print("PASS", name)
            except Exception as e:  # report every failure, not just the first
                failed += 1
                print("FAIL", name, repr(e))
    sys.exit(1 if failed else 0)


main()
