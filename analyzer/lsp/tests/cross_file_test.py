#!/usr/bin/env python3
"""coffman-clangd with the whole program's facts: the compiler plugin
writes the facts of testcases/lock-order/abba_cross_tu (each half of the
cycle in a different .c file) into a directory; the proxy, given it as
--coffman-facts-dir, must show the cross-file inversion in the open file,
and must not show it without the facts (one file alone has no cycle).
usage: cross_file_test.py PROXY CHECK CLANG PLUGIN CASE_DIR LIB_DIR"""
import json
import os
import subprocess
import sys
import tempfile

proxy, check, clang, plugin, case_dir, lib_dir = sys.argv[1:]
for f in (check, plugin):
    if not os.path.exists(f):
        print("skip: %s not built" % f)
        sys.exit(77)
if not os.path.isdir(case_dir):
    print("skip: %s missing" % case_dir)
    sys.exit(77)
sources = sorted(os.path.join(case_dir, f) for f in os.listdir(case_dir) if f.endswith(".c"))
marked = [(s, n) for s in sources for n, line in enumerate(open(s), 1)
          if "coffman-expect: lock-order-inversion" in line]
assert len(marked) == 1, marked
target, line = marked[0]


def send(p, obj):
    body = json.dumps(obj).encode()
    p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    p.stdin.flush()


def receive(p):
    header = b""
    while not header.endswith(b"\r\n\r\n"):
        c = p.stdout.read(1)
        if not c:
            raise AssertionError("coffman-clangd closed its output")
        header += c
    n = int([h for h in header.split(b"\r\n") if h.lower().startswith(b"content-length")][0].split(b":")[1])
    return json.loads(p.stdout.read(n))


def inversion_lines(extra, tmp):
    """Lines of the inversions shown in `target` once clangd and coffman
    have both published (one publish each for an unedited file)."""
    with open(os.path.join(tmp, "compile_commands.json"), "w") as f:
        json.dump([{"directory": case_dir, "file": s,
                    "arguments": ["clang-19", "-std=c11", "-I", lib_dir, "-c", s]}
                   for s in sources], f)
    p = subprocess.Popen([proxy, "--clangd=clangd-19", "--coffman-check=" + check,
                          "--compile-commands-dir=" + tmp, "--background-index=false",
                          "--log=error", *extra], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         env=dict(os.environ, TMPDIR=tmp))
    send(p, {"jsonrpc": "2.0", "id": 1, "method": "initialize",
             "params": {"processId": None, "rootUri": "file://" + tmp, "capabilities": {}}})
    while receive(p).get("id") != 1:
        pass
    send(p, {"jsonrpc": "2.0", "method": "initialized", "params": {}})
    send(p, {"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": "file://" + target, "languageId": "c", "version": 1, "text": open(target).read()}}})
    publishes = []
    while len(publishes) < 2:
        m = receive(p)
        if m.get("method") == "textDocument/publishDiagnostics":
            publishes.append(m["params"]["diagnostics"])
    send(p, {"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
    while receive(p).get("id") != 2:
        pass
    send(p, {"jsonrpc": "2.0", "method": "exit"})
    assert p.wait(timeout=30) == 0
    return [d["range"]["start"]["line"] + 1 for d in publishes[-1]
            if d.get("code") == "coffman-lock-order-inversion"]


with tempfile.TemporaryDirectory() as tmp:
    facts = os.path.join(tmp, "facts")
    for s in sources:
        subprocess.run([clang, "-std=c11", "-I", lib_dir, "-fsyntax-only", "-fplugin=" + plugin,
                        "-fplugin-arg-coffman-facts-dir=" + facts,
                        "-fplugin-arg-coffman-no-warnings", s], check=True)
    merged = inversion_lines(["--coffman-facts-dir=" + facts], tmp)
    alone = inversion_lines([], tmp)
print("without facts: inversion on lines %s; with facts: %s (marker: %s:%d)"
      % (alone, merged, os.path.basename(target), line))
ok = alone == [] and merged == [line]
print("PASS" if ok else "FAIL")
sys.exit(0 if ok else 1)
