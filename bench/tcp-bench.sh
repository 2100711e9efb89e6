#!/bin/bash
# tcp-bench.sh: TCP request/reply rate of a split server ("make
# bench-tcp", the manual's "Benchmarks").
#
# Builds testsuite/offload.tcp/tcp-line.c without the plugin ("plain")
# and with it ("split", SK_SKB), runs each in a network namespace joined
# to the client's by a veth pair, server on CPU 0 and tcp-client on CPU
# 1, checks that the split server answers byte for byte as the plain one
# on every connection, then measures requests per second and CPU per
# request (all CPUs from /proc/stat, less the client's own time) with one
# connection and with 16, one request in flight on each, for
# BENCH_ROUNDS rounds of BENCH_SECONDS seconds.  Writes
# results/tcp.md and results/tcp.tsv under BENCH_OUT.
#
# Run as root.  Environment: CC, PKG_CONFIG, OFFLOAD_SRCDIR,
# OFFLOAD_BUILDDIR, TCP_CLIENT, BENCH_SECONDS (default 2), BENCH_ROUNDS
# (default 3), BENCH_NET (X of 10.202.X.0/24, default 8), BENCH_PORT
# (default 9241), BENCH_OUT (default $OFFLOAD_BUILDDIR/bench),
# BENCH_REQUESTS (the request list, default the test suite's).
set -euo pipefail

srcdir=${OFFLOAD_SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}
builddir=${OFFLOAD_BUILDDIR:-$(pwd)}
CC=${CC:-gcc}
PKG_CONFIG=${PKG_CONFIG:-pkg-config}
TCP_CLIENT=${TCP_CLIENT:-$builddir/testsuite/tools/tcp-client}
seconds=${BENCH_SECONDS:-2}
rounds=${BENCH_ROUNDS:-3}
net=${BENCH_NET:-8}
port=${BENCH_PORT:-9241}
out=${BENCH_OUT:-$builddir/bench}
res=$out/results
src=$srcdir/testsuite/offload.tcp/tcp-line.c
requests=${BENCH_REQUESTS:-$srcdir/testsuite/offload.tcp/tcp-line.req}

fail () { echo "tcp-bench.sh: $*" >&2; exit 1; }
log () { echo "== $*"; }

[ -f "$builddir/offload-uninstalled.pc" ] \
  || fail "no built plugin in $builddir; run make there first"
[ "$(id -u)" = 0 ] || fail "needs root (network namespaces, BPF)"
[ -x "$TCP_CLIENT" ] || fail "no $TCP_CLIENT; make -C testsuite tools/tcp-client"
[ "$(nproc)" -ge 2 ] || fail "needs 2 CPUs (server and client apart)"
mkdir -p "$out" "$res"

export PKG_CONFIG_PATH=$builddir${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}
read -r -a cflags <<< "$($PKG_CONFIG --cflags offload)"
read -r -a libs <<< "$($PKG_CONFIG --libs offload)"
log "building tcp-line plain and split"
$CC -O2 -flto "$src" -o "$out/tcp-plain"
$CC -O2 "${cflags[@]}" "$src" -o "$out/tcp-split" "${libs[@]}"

srv_ns=offload-bench-tcp-$$-srv cli_ns=offload-bench-tcp-$$-cli
srv_addr=10.202.$net.1 cli_addr=10.202.$net.2
# shellcheck source=bench/netns-lib.sh
. "$srcdir/bench/netns-lib.sh"
stop_server () { stop_pid "$server"; server=; }
net_up

start () {
  local v=$1
  ip netns exec "$srv_ns" env OFFLOAD_STATS="$out/tcp-$v.stats.json" \
    taskset -c 0 "$out/tcp-$v" "$port" > "$out/tcp-$v.out" 2> "$out/tcp-$v.err" &
  server=$!
  wait_bound "$v" "$out/tcp-$v.err" tcp
}
client () {
  ip netns exec "$cli_ns" taskset -c 1 "$TCP_CLIENT" --address "$srv_addr" \
    --port "$port" "$@" "$requests"
}

log "checking the split server's replies against the plain server's"
check=(--conns 16 --requests 200 --seed 5 --cut 30)
for v in plain split; do
  start "$v"
  client "${check[@]}" > "$out/tcp-$v.transcript" || fail "$v: tcp-client failed"
  stop_server
done
cmp -s "$out/tcp-plain.transcript" "$out/tcp-split.transcript" \
  || fail "the split server answers differently from the plain one"
grep -q "serving TCP port $port from the kernel" "$out/tcp-split.err" \
  || fail "the split server does not serve from the kernel: $(grep offload: "$out/tcp-split.err" | head -n 1)"

printf 'round\tvariant\tconns\treq_s\tbusy_us_per_req\tserverside_us_per_req\n' > "$res/tcp.tsv"
for r in $(seq "$rounds"); do
  for v in plain split; do
    start "$v"
    for conns in 1 16; do
      read -r b0 _ <<< "$(cpu_now)"
      rate=$( { client --conns "$conns" --depth 1 --seconds "$seconds"; times; } \
		> "$out/tcp-rate.out" )
      read -r b1 _ <<< "$(cpu_now)"
      n=$(head -n 1 "$out/tcp-rate.out")
      cl=$(sed -n 3p "$out/tcp-rate.out")
      awk -v r="$r" -v v="$v" -v c="$conns" -v n="$n" -v sec="$seconds" \
	  -v hz="$hz" -v b0="$b0" -v b1="$b1" -v times="$cl" '
	function secs(t,  a) { split(t, a, /[ms]/); return a[1] * 60 + a[2] }
	BEGIN {
	  split(times, t, " "); clt = secs(t[1]) + secs(t[2])
	  total = n * sec; us = 1e6 / (total > 0 ? total : 1)
	  busy = (b1 - b0) / hz
	  printf "%s\t%s\t%s\t%.0f\t%.2f\t%.2f\n", r, v, c, n, busy * us, (busy - clt) * us
	}' | tee -a "$res/tcp.tsv"
    done
    if [ "$v" = split ]; then kill -USR1 "$server"; sleep 0.3; fi
    stop_server
  done
done

{
  echo "| variant | conns in flight | req/s (median) | server-side CPU us/req (median) |"
  echo "|---|---|---|---|"
  for v in plain split; do
    for conns in 1 16; do
      awk -F '\t' -v v="$v" -v c="$conns" '
	$2 == v && $3 == c { rs[++n] = $4; cpu[n] = $6 }
	function median(a, n,  i, j, t) {
	  for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++)
	    if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
	  return a[int((n + 1) / 2)]
	}
	END { printf "| %s | %s | %.0f | %.2f |\n", v, c, median(rs, n), median(cpu, n) }
      ' "$res/tcp.tsv"
    done
  done
  echo
  echo "Split server statistics (last round): $(cat "$out/tcp-split.stats.json" 2> /dev/null | head -c 300)"
} > "$res/tcp.md"
cat "$res/tcp.md"
