# shellcheck shell=bash disable=SC2154,SC1090
# Functions of scripts/bench-realcode: fetch and build a code base from its
# recipe, time the two sides.  Sourced; uses the caller's cache, jobs, runs,
# check, CC, SUDO and die.

# recipe_var NAME VAR: REPLY = VAR as NAME's recipe sets it (db defaults to .)
recipe_var() {
  REPLY=$(
    db=.
    source "$recipes_dir/$1.recipe"
    printf '%s' "${!2:-}"
  )
}

# One deb-src entry is enough for `apt-get source` and `apt-get build-dep`.
ensure_deb_src() {
  if grep -rqsE '^Types:.*deb-src|^deb-src' /etc/apt/sources.list /etc/apt/sources.list.d/; then
    return 0
  fi
  echo "bench-realcode: adding a deb-src entry for bookworm" \
       "(/etc/apt/sources.list.d/coffman-deb-src.sources)" >&2
  $SUDO tee /etc/apt/sources.list.d/coffman-deb-src.sources >/dev/null <<'SRC'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
  $SUDO apt-get update -qq
}

# fetch NAME DIR: DIR/src holds the package's patched sources
fetch_sources() {
  local name=$1 dir=$2 package version
  recipe_var "$name" package; package=$REPLY
  recipe_var "$name" version; version=$REPLY
  ensure_deb_src
  rm -rf "$dir/dl"; mkdir -p "$dir/dl"
  if (cd "$dir/dl" && apt-get source --download-only "$package=$version") >>"$dir/fetch.log" 2>&1; then
    (cd "$dir/dl" && dpkg-source -x --no-check ./*.dsc "$dir/src") >>"$dir/fetch.log" 2>&1 ||
      die "$name: dpkg-source could not unpack $package (see $dir/fetch.log)"
  elif unpack_upstream_only "$name" "$dir"; then
    return 0
  else
    echo "bench-realcode: $name: $package $version is no longer in apt's sources;" \
         "fetching the current version, whose line numbers may not match the verdicts" >&2
    (cd "$dir/dl" && apt-get source --download-only "$package") >>"$dir/fetch.log" 2>&1 ||
      die "$name: apt-get source $package failed (see $dir/fetch.log)"
    (cd "$dir/dl" && dpkg-source -x --no-check ./*.dsc "$dir/src") >>"$dir/fetch.log" 2>&1 ||
      die "$name: dpkg-source could not unpack $package (see $dir/fetch.log)"
  fi
}

# Some mirrors serve a version's upstream tarball but not its Debian diff:
# the upstream sources alone, which the recipe must allow (upstream_ok=1).
unpack_upstream_only() {
  local name=$1 dir=$2 orig
  recipe_var "$name" upstream_ok
  [[ $REPLY == 1 ]] || return 1
  orig=$(find "$dir/dl" -maxdepth 1 -name '*.orig.tar.*' ! -name '*.asc' | head -1)
  [[ -n $orig ]] || return 1
  echo "bench-realcode: $name: the Debian diff could not be fetched;" \
       "using the upstream tarball $(basename "$orig") without Debian's patches" >&2
  mkdir -p "$dir/src"
  tar -xf "$orig" -C "$dir/src" --strip-components=1 >>"$dir/fetch.log" 2>&1 ||
    die "$name: could not unpack $orig (see $dir/fetch.log)"
}

# install_deps NAME SRC: the recipe's `deps` list, else apt-get build-dep
install_deps() {
  local name=$1 src=$2 deps package missing=() p
  recipe_var "$name" package; package=$REPLY
  deps=$(source "$recipes_dir/$name.recipe"; [[ -n ${deps+x} ]] && echo "${deps[*]}" || echo "-")
  export DEBIAN_FRONTEND=noninteractive
  if [[ $deps == "-" ]]; then
    (cd "$src" && dpkg-checkbuilddeps) >/dev/null 2>&1 && return 0
    echo "bench-realcode: $name: apt-get build-dep $package" >&2
    $SUDO apt-get build-dep -y "$package" >>"$cache/$name/deps.log" 2>&1 ||
      die "$name: apt-get build-dep $package failed (see $cache/$name/deps.log)"
    return 0
  fi
  for p in $deps; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [[ ${#missing[@]} -eq 0 ]] && return 0
  echo "bench-realcode: $name: installing ${missing[*]}" >&2
  $SUDO apt-get install -y --no-install-recommends "${missing[@]}" >>"$cache/$name/deps.log" 2>&1 ||
    die "$name: installing ${missing[*]} failed (see $cache/$name/deps.log)"
}

# prepare_codebase NAME: prints the source root, fetching and building once
prepare_codebase() {
  local name=$1 dir=$cache/$1 db
  recipe_var "$name" db; db=$REPLY
  if [[ -f $dir/built && -s $dir/src/$db/compile_commands.json ]]; then
    echo "$dir/src"
    return 0
  fi
  mkdir -p "$dir"
  [[ -d $dir/src ]] || fetch_sources "$name" "$dir"
  install_deps "$name" "$dir/src"
  echo "bench-realcode: $name: building with $CC (log: $dir/build.log)" >&2
  if ! (cd "$dir/src" && export JOBS=$jobs &&
        source "$recipes_dir/$name.recipe" && set -x && build) >"$dir/build.log" 2>&1; then
    tail -n 15 "$dir/build.log" >&2
    die "$name: the build failed (see $dir/build.log; delete $dir to start again)"
  fi
  [[ -s $dir/src/$db/compile_commands.json ]] ||
    die "$name: the build wrote no $dir/src/$db/compile_commands.json (see $dir/build.log)"
  touch "$dir/built"
  echo "$dir/src"
}

# time_best FILE CMD...: the fastest wall time of $runs runs, in seconds
time_best() {
  local file=$1 best="" s e t i
  shift
  for ((i = 0; i < runs; i++)); do
    s=$(date +%s.%N)
    "$@"
    e=$(date +%s.%N)
    t=$(echo "$e - $s" | bc -l)
    if [[ -z $best ]] || (($(echo "$t < $best" | bc -l))); then best=$t; fi
  done
  printf '%.3f\n' "$best" >"$file"
}

# run_parse CMDS: each line a `cd DIR && clang -fsyntax-only ...`, $jobs at once
run_parse() {
  xargs -d '\n' -P "$jobs" -n 1 bash -c <"$1" >/dev/null 2>&1 || true
}

# run_check DB_DIR OUT: JSON findings, stderr, exit status and peak memory
run_check() {
  local rc=0
  /usr/bin/time -f %M -o "$2/check.mem" \
    "$check" -p "$1" -j "$jobs" --format=json --exit-zero -o "$2/findings.json" \
    2>"$2/check.stderr" || rc=$?
  echo "$rc" >"$2/check.rc"
}
