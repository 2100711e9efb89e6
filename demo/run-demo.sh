#!/bin/bash
# run-demo.sh: build the kvserver demo the way a user would (pkg-config,
# -flto, the plugin on the link line), print the plugin's analysis, then
# run the server built without and with offload over a veth pair between
# two network namespaces, check that the split server answers exactly as
# the original, and measure what the split gains.
#
# Run by "make demo" (as root: namespaces and BPF need it); by hand: bash
# demo/run-demo.sh from the build directory.  Environment: CC, GCC_AR,
# PKG_CONFIG, OFFLOAD_SRCDIR, OFFLOAD_BUILDDIR, UDP_CLIENT (the test
# suite's tools/udp-client), DEMO_PORT (default 9123), DEMO_SECONDS (per
# measurement, default 3), DEMO_NET (the X of the subnet 10.201.X.0/24,
# default 200), DEMO_LOOP_BOUND (the plugin's loop-bound, default 16).
# Requests go only to addresses inside the two namespaces the script
# creates, and removes again however it ends.
set -euo pipefail

srcdir=${OFFLOAD_SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}
builddir=${OFFLOAD_BUILDDIR:-$(pwd)}
CC=${CC:-gcc}
GCC_AR=${GCC_AR:-gcc-ar}
PKG_CONFIG=${PKG_CONFIG:-pkg-config}
UDP_CLIENT=${UDP_CLIENT:-$builddir/testsuite/tools/udp-client}
port=${DEMO_PORT:-9123}
seconds=${DEMO_SECONDS:-3}
net=${DEMO_NET:-200}
# The table lookup probes up to 64 slots with a byte loop inside each: at
# the plugin's default bound of 32 rounds per loop the verifier accepts
# the program, but only just (999,468 of its 1,000,000 instructions on
# kernel 6.18), so any change to the demo, the runtime or the kernel may
# tip it over, and the server would stay in userspace.  16 leaves room
# (312,302): a lookup past 16 probes goes up to userspace instead.
loop_bound=${DEMO_LOOP_BOUND:-16}
out=$builddir/demo
requests=$srcdir/demo/kvserver.req

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
  -fplugin-arg-offload-loop-bound="$loop_bound" \
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

# ---------------------------------------------------------------------
# The run.  Everything below needs root, "ip netns" and the client.

fail () { echo "run-demo.sh: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || fail "the run needs root (network namespaces, BPF)"
[ -x "$UDP_CLIENT" ] \
  || fail "no $UDP_CLIENT; build it with: make -C testsuite tools/udp-client"

srv_ns=offload-demo-$$-srv
cli_ns=offload-demo-$$-cli
srv_addr=10.201.$net.1
cli_addr=10.201.$net.2
server=

stop_server () {
  [ -n "$server" ] || return 0
  kill -TERM "$server" 2> /dev/null || true
  # The server prints nothing more, but the runtime writes its
  # statistics on the way out: give it time to.
  for _ in $(seq 30); do
    kill -0 "$server" 2> /dev/null || break
    sleep 0.1
  done
  kill -KILL "$server" 2> /dev/null || true
  wait "$server" 2> /dev/null || true
  server=
}
cleanup () {
  stop_server
  ip netns del "$srv_ns" 2> /dev/null || true
  ip netns del "$cli_ns" 2> /dev/null || true
}
trap cleanup EXIT
# An interrupted demo must clean up too: exit runs the EXIT trap.
trap 'exit 130' INT TERM HUP

ip netns add "$srv_ns" || fail "ip netns add fails; the run needs network namespaces"
ip netns add "$cli_ns"
# Made inside the namespaces: no name or address in the host's.
ip -n "$srv_ns" link add veth0 type veth peer name veth0 netns "$cli_ns"
ip -n "$srv_ns" addr add "$srv_addr/24" dev veth0
ip -n "$cli_ns" addr add "$cli_addr/24" dev veth0
for ns in "$srv_ns" "$cli_ns"; do
  ip -n "$ns" link set lo up
  ip -n "$ns" link set veth0 up
done

# Server and client on separate CPUs where there are two, as in the
# measurements of DESIGN.md; the same CPU would measure their contention.
srv_cpu=() cli_cpu=()
if [ "$(nproc)" -ge 2 ]; then
  srv_cpu=(taskset -c 0) cli_cpu=(taskset -c 1)
fi

client () { ip netns exec "$cli_ns" "${cli_cpu[@]}" "$UDP_CLIENT" "$@"; }

# Start server binary $1 (environment: the rest), wait until its socket
# is bound and it sleeps in its event loop (poll): a split server loads
# its kernel program after the bind, which can take a while.  Waiting so
# rather than for a reply keeps probe requests out of the stream both
# servers must see alike.
start_server () {
  local exe=$1 name
  shift
  name=$(basename "$exe")
  # ip, env and taskset exec the next program: $! is the server's pid.
  ip netns exec "$srv_ns" env "$@" "${srv_cpu[@]}" "$exe" "$port" \
    > "$out/$name.out" 2> "$out/$name.err" &
  server=$!
  for _ in $(seq 300); do
    kill -0 "$server" 2> /dev/null \
      || fail "$name exited at start: $(head -n 1 "$out/$name.err")"
    if [ -n "$(ip netns exec "$srv_ns" ss -Hunl "sport = :$port")" ] \
       && grep -qE 'poll|select' "/proc/$server/wchan" 2> /dev/null; then
      return 0
    fi
    sleep 0.1
  done
  fail "$name did not bind UDP port $port and wait in poll within 30 s"
}

# Run one server: the request file once for its transcript, then the
# rate at 1 and 16 in flight, every reply checked against the plain
# server's transcript.  Rates go to $out/NAME.rateN.
measure () {
  local exe=$1 name
  shift
  name=$(basename "$exe")
  echo
  echo "== $name in $srv_ns ($srv_addr port $port), client in $cli_ns"
  start_server "$exe" "$@"
  client --transcript "$out/$name.transcript" "$srv_addr" "$port" "$requests"
  if [ "$name" = kvserver ] \
     && ! cmp -s "$out/kvserver-plain.transcript" "$out/kvserver.transcript"
  then
    diff "$out/kvserver-plain.transcript" "$out/kvserver.transcript" \
      | head -n 10 >&2 || true
    fail "the split server's replies differ from the original's (above)"
  fi
  for inflight in 1 16; do
    client --rate "$seconds" --inflight "$inflight" \
      --expect "$out/kvserver-plain.transcript" \
      "$srv_addr" "$port" "$requests" | tee "$out/$name.rate$inflight" \
      || fail "$name gave wrong replies under load (above)"
  done
  stop_server
}

rm -f "$out/kvserver.stats.json"
measure "$out/kvserver-plain"
grep -q ' drop$' "$out/kvserver-plain.transcript" \
  && fail "the original server left requests unanswered; see $out/kvserver-plain.transcript"
measure "$out/kvserver" OFFLOAD_STATS="$out/kvserver.stats.json"
echo "the split server's replies equal the original's: $(grep -c . "$out/kvserver.transcript") requests"

echo
echo "== the split server's messages (stderr)"
cat "$out/kvserver.err"
grep -q '^offload: ' "$out/kvserver.err" \
  || echo "(no message from libsplit: the program was linked without it?)"

echo
echo "== statistics of the split server (OFFLOAD_STATS)"
if [ -s "$out/kvserver.stats.json" ]; then
  cat "$out/kvserver.stats.json"
else
  echo "(none written: this libsplit does not write OFFLOAD_STATS)"
fi

# The req/s field of a rate line.
rate () { sed -n 's/.* \([0-9]*\) req\/s,.*/\1/p' "$out/$1.rate$2"; }

echo
echo "== requests per second over the veth pair ($seconds s each, every reply checked)"
printf '%-14s %10s %10s %8s\n' "" plain split gain
for inflight in 1 16; do
  p=$(rate kvserver-plain "$inflight")
  s=$(rate kvserver "$inflight")
  printf '%-14s %10s %10s %8s\n' "$inflight in flight" "$p" "$s" \
    "$(awk -v p="$p" -v s="$s" 'BEGIN { if (p > 0) printf "%.2fx", s / p; else print "-" }')"
done
kernel=$(sed -n 's/.*"kernel_answered": *\([0-9]*\).*/\1/p' \
	   "$out/kvserver.stats.json" 2> /dev/null || true)
if [ "${kernel:-0}" = 0 ]; then
  echo "(the kernel answered nothing: both columns measure userspace, and"
  echo " differ only by noise)"
fi
echo "demo: OK"
