#!/usr/bin/env bash
# A real editor session: headless Neovim uses coffman-clangd (with the real
# clangd-19 and coffman-check) as its C language server, opens the seed's
# printsum.c, must show clangd's diagnostics and coffman's lock-order
# inversion with its notes, and after a keystroke-sized edit that fixes
# the order (ba = {&b, &a} -> {&a, &b}) the inversion must go away.
# usage: nvim_printsum.sh PROXY COFFMAN_CHECK PRINTSUM_C   (77 = skipped)
set -euo pipefail
proxy=$1 checker=$2 src=$3
here=$(cd "$(dirname "$0")" && pwd)
for tool in nvim clangd-19; do
  command -v "$tool" >/dev/null || { echo "skip: $tool not installed"; exit 77; }
done
[[ -x $checker ]] || { echo "skip: $checker not built"; exit 77; }
[[ -f $src ]] || { echo "skip: $src missing"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The compile database clangd and coffman share.  -Wpadded makes clangd
# itself warn about printsum's struct value, so the test can see that
# clangd's diagnostics reach the editor next to coffman's.
src=$(realpath "$src")
cat >"$tmp/compile_commands.json" <<JSON
[{"directory": "$(dirname "$src")", "file": "$src",
  "arguments": ["clang-19", "-std=c11", "-g", "-O0", "-Wall", "-Wpadded", "-c", "$src", "-o", "$tmp/printsum.o"]}]
JSON
export COFFMAN_TEST_PROXY=$proxy COFFMAN_TEST_CHECK=$checker COFFMAN_TEST_SRC=$src \
       COFFMAN_TEST_DB=$tmp COFFMAN_TEST_LOG=$tmp/lsp.log
status=0
HOME=$tmp XDG_STATE_HOME=$tmp XDG_CACHE_HOME=$tmp timeout 240 \
  nvim --headless -u NONE -i NONE -n -c "luafile $here/nvim_printsum.lua" || status=$?
[[ $status -eq 0 ]] || { echo "--- server stderr:"; tail -n 40 "$tmp/lsp.log" 2>/dev/null || true; }
exit "$status"
