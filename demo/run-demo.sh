#!/bin/bash
# run-demo.sh: build the kvserver demo with the in-tree offload plugin,
# the way a user would (pkg-config, -flto, the plugin on the link line),
# print the plugin's analysis, and check that the server answers.
#
# Run by "make demo"; by hand: bash demo/run-demo.sh from the build
# directory.  Environment: CC, GCC_AR, PKG_CONFIG, OFFLOAD_SRCDIR,
# OFFLOAD_BUILDDIR, DEMO_PORT (default 9123; the server is only ever sent
# requests on 127.0.0.1).
set -euo pipefail

srcdir=${OFFLOAD_SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}
builddir=${OFFLOAD_BUILDDIR:-$(pwd)}
CC=${CC:-gcc}
GCC_AR=${GCC_AR:-gcc-ar}
PKG_CONFIG=${PKG_CONFIG:-pkg-config}
port=${DEMO_PORT:-9123}
out=$builddir/demo

if [ ! -f "$builddir/plugin/.libs/offload.so" ] \
   || [ ! -f "$builddir/offload-uninstalled.pc" ]; then
  echo "run-demo.sh: no built plugin in $builddir; run make there first" >&2
  exit 1
fi
mkdir -p "$out"

run () { echo "+ $*"; "$@"; }

# offload-uninstalled.pc in the build directory wins over an installed
# offload.pc.
export PKG_CONFIG_PATH=$builddir${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}
read -r -a cflags <<< "$($PKG_CONFIG --cflags offload)"
read -r -a libs <<< "$($PKG_CONFIG --libs offload)"

# The protocol library, as its own project would ship it: LTO objects in
# an archive made with gcc-ar, so the plugin sees its bodies at link time.
run $CC -O2 -flto -c "$srcdir/demo/proto.c" -o "$out/proto.o"
rm -f "$out/libproto.a"
run $GCC_AR rcs "$out/libproto.a" "$out/proto.o"
run $CC -O2 -flto -c "$srcdir/demo/kvserver.c" -o "$out/kvserver.o"

# The reference: the same objects linked without the plugin.
run $CC -O2 -flto "$out/kvserver.o" "$out/libproto.a" -o "$out/kvserver-plain"

# With offload: the plugin runs in the link, over the whole program.
rm -f "$out/kvserver.json"
run $CC -O2 "${cflags[@]}" \
  -fplugin-arg-offload-report="$out/kvserver.json" \
  -fplugin-arg-offload-verbose \
  "$out/kvserver.o" "$out/libproto.a" "${libs[@]}" -o "$out/kvserver"

echo
echo "== offload report ($out/kvserver.json)"
cat "$out/kvserver.json"
# The report is meant for tools: make sure it parses (tcllib's json, a
# test-time dependency anyway).
if command -v tclsh > /dev/null; then
  echo 'package require json
        set f [open [lindex $argv 0]]; json::json2dict [read $f]' \
    | tclsh /dev/stdin "$out/kvserver.json" \
    || { echo "run-demo.sh: the report is not valid JSON" >&2; exit 1; }
fi

# Smoke test on the loopback: the built server must answer as the
# protocol says.  Bounded: a few requests, two seconds each at most.
echo
echo "== kvserver on 127.0.0.1 port $port"
"$out/kvserver" "$port" &
server=$!
trap 'kill "$server" 2> /dev/null || true' EXIT
exec 3<> "/dev/udp/127.0.0.1/$port"
# One read(2) of the connected socket is one datagram (bash's read builtin
# reads a byte at a time, which would truncate it).
recv_reply () { timeout 2 dd bs=512 count=1 status=none <&3; }
# Wait until it listens: STATS changes no state, so it may be repeated.
ready=
for try in 1 2 3 4 5 6 7 8 9 10; do
  printf 'STATS' >&3 2> /dev/null || true
  if reply=$(recv_reply 2> /dev/null) && [ -n "$reply" ]; then
    ready=1
    break
  fi
  sleep 0.2
done
[ -n "$ready" ] || { echo "run-demo.sh: kvserver does not answer" >&2; exit 1; }
ask () {
  local reply=
  printf '%s' "$1" >&3
  if ! reply=$(recv_reply); then
    echo "run-demo.sh: no reply to '$1'" >&2
    return 1
  fi
  printf '%-14s -> %s\n' "$1" "$reply"
  [ "$reply" = "$2" ] || { echo "run-demo.sh: expected '$2'" >&2; return 1; }
}
ask "SET answer 42" "STORED"
ask "GET answer" "VALUE 42"
ask "GET question" "NOT_FOUND"
ask "HELLO" "ERROR"
ask "STATS" "STATS gets 2 sets 1 hits 1 misses 1 errors 1"
exec 3>&-
echo "demo: OK"
