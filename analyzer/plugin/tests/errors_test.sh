#!/usr/bin/env bash
# The plugin never hides or causes a failed compile: a file with an error
# fails as without the plugin and leaves no facts; an unknown plugin
# argument is an error that names the accepted ones.
set -euo pipefail
clang=$1 plugin=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf 'int main(void) { return undeclared; }\n' >"$tmp/bad.c"
if "$clang" -fplugin="$plugin" -c "$tmp/bad.c" -o "$tmp/bad.o" 2>"$tmp/err"; then
  echo "FAIL: a file with an error compiled"; exit 1
fi
grep -q "use of undeclared identifier" "$tmp/err" || { echo "FAIL: error lost"; cat "$tmp/err"; exit 1; }
[[ ! -e $tmp/bad.o.coffman.json ]] || { echo "FAIL: facts written for a broken file"; exit 1; }
printf 'int main(void) { return 0; }\n' >"$tmp/ok.c"
if "$clang" -fplugin="$plugin" -fplugin-arg-coffman-bogus -c "$tmp/ok.c" -o "$tmp/ok.o" 2>"$tmp/err"; then
  echo "FAIL: unknown plugin argument accepted"; exit 1
fi
grep -q "unknown argument 'bogus'" "$tmp/err" || { echo "FAIL: no message"; cat "$tmp/err"; exit 1; }
"$clang" -fplugin="$plugin" -c "$tmp/ok.c" -o "$tmp/ok.o"
[[ -s $tmp/ok.o && -s $tmp/ok.o.coffman.json ]] || { echo "FAIL: no object or facts"; exit 1; }
echo "ok"
