#!/bin/bash
# decide.sh: is the plugin's judgement right?  (issue 5; "make bench-decide")
#
# For each example server (testsuite/offload.bpf/SERVER.c) and each of its
# workloads (bench/decide-SERVER-WORKLOAD.req; bench/decide-SERVER-preload.req,
# when there is one, is played once before every run), the server is
# trained on the workload (built with -fprofile-generate and run on it in
# a network namespace) and linked again with -fprofile-use in the three
# modes of the plugin: none (analyse only: the plain program), all (every
# feasible path in the kernel) and auto (the paths the benefit model says
# pay).  auto is linked once per number of requests in flight, with a
# costs file saying it (in_flight): with several in flight, a request
# passed up holds later ones in userspace, and the model counts that.
# The three run in turns (their order rotating from round to
# round), DECIDE_ROUNDS rounds of DECIDE_SECONDS each, in two
# network namespaces joined by a veth pair, server on CPU 0 and
# load generator on CPU 1, XDP in DECIDE_XDP_MODE; every reply is checked
# by udp-client against the plain build's.  The table says, per server,
# workload and requests in flight, req/s and server CPU per request
# (server process and softirq) of each mode, the best mode by req/s, and
# whether auto came within DECIDE_TOLERANCE (5%) of it.
#
# Run as root (namespaces, BPF).  Environment: CC, PKG_CONFIG,
# OFFLOAD_SRCDIR, OFFLOAD_BUILDDIR, UDP_CLIENT, DECIDE_SERVERS (default
# "kv-cache mixed-file loop-mix"), DECIDE_SECONDS (per measurement,
# default 2), DECIDE_ROUNDS (default 3), DECIDE_INFLIGHT (requests in
# flight, default "1 16"), DECIDE_TRAIN_PASSES (times the training run
# plays the workload, default 30), DECIDE_XDP_MODE (native or generic; default
# native), DECIDE_TOLERANCE (default 0.05), DECIDE_NET (X of
# 10.202.X.0/24, default 8), DECIDE_PORT (default 9232), DECIDE_OUT
# (builds and logs, default $OFFLOAD_BUILDDIR/bench/decide), DECIDE_TIMEOUT_MS
# (how long a transcript waits for a reply, default 1000), RESULTS_DIR
# (default $OFFLOAD_BUILDDIR/bench/results/decide: decide.md the table,
# data.tsv every measurement, decisions.tsv what each build offloaded,
# summary.tsv, run.txt, decide.png and decide.svg the plot, when gnuplot
# is installed).  DECIDE_REPORT_ONLY=1 makes the table and the plot
# again from RESULTS_DIR, without measuring (and without root).
#
# The namespaces, the veth pair and the CPU counters: bench/netns-lib.sh,
# as for run-bench.sh.
set -euo pipefail

srcdir=${OFFLOAD_SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}
builddir=${OFFLOAD_BUILDDIR:-$(pwd)}
CC=${CC:-gcc}
PKG_CONFIG=${PKG_CONFIG:-pkg-config}
UDP_CLIENT=${UDP_CLIENT:-$builddir/testsuite/tools/udp-client}
servers=${DECIDE_SERVERS:-kv-cache mixed-file loop-mix}
seconds=${DECIDE_SECONDS:-2}
rounds=${DECIDE_ROUNDS:-3}
inflights=${DECIDE_INFLIGHT:-1 16}
xdp_mode=${DECIDE_XDP_MODE:-native}
tolerance=${DECIDE_TOLERANCE:-0.05}
net=${DECIDE_NET:-8}
port=${DECIDE_PORT:-9232}
out=${DECIDE_OUT:-$builddir/bench/decide}
res=${RESULTS_DIR:-$builddir/bench/results/decide}
bench=$srcdir/bench
examples=$srcdir/testsuite/offload.bpf
modes=(none all auto)
# Training: each workload played this many times, one request in flight.
train_passes=${DECIDE_TRAIN_PASSES:-30}
# How long a transcript waits for a reply: a server just started on a
# busy shared machine can take longer than udp-client's 200 ms default.
timeout_ms=${DECIDE_TIMEOUT_MS:-1000}

fail () { echo "decide.sh: $*" >&2; exit 1; }
log () { echo "== $*"; }

# summarize: decide.md, summary.tsv and the plot, from data.tsv and
# decisions.tsv in $res.
summarize () {
  local elapsed rounds seconds xdp_mode
  read -r elapsed rounds seconds xdp_mode < "$res/run.txt"
  log "results in $res"
  awk -F '\t' -v rounds="$rounds" -v seconds="$seconds" -v elapsed="$elapsed" \
    -v tol="$tolerance" -v xdp="$xdp_mode" -v decisions="$res/decisions.tsv" \
    -v plotdata="$res/plot.dat" -v summary="$res/summary.tsv" \
    -v machine="$(nproc) CPUs, $(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -n 1), kernel $(uname -r)" '
function med(list,  a, n, i, j, t) {
  n = split(list, a, " ")
  if (n == 0) { lo = hi = 0; return 0 }
  for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++)
    if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
  lo = a[1]; hi = a[n]
  return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
function add(key, v) { vals[key] = (key in vals) ? vals[key] " " v : v }
BEGIN {
  while ((getline line < decisions) > 0) {
    split(line, c, "\t")
    if (c[1] == "server") continue
    N[c[1], c[2], c[3]] = c[4] == "no" ? 0 : c[5]
    F[c[1], c[2]] = c[6]
  }
}
FNR == 1 { next }
{
  # data.tsv: 1 round 2 server 3 workload 4 mode 5 inflight 7 req_s
  # 9 missing 14 server proc/req 16 serverside/req 17 kernel 18 passed
  k = $2 SUBSEP $3 SUBSEP $5
  if (!(k in seen)) { seen[k] = 1; order[++nk] = k }
  add(k SUBSEP $4 SUBSEP "rps", $7); add(k SUBSEP $4 SUBSEP "cpu", $14 + $13)
  miss[k, $4] += $9
  if ($17 != "-" && $17 + $18 > 0) add(k SUBSEP $4 SUBSEP "kshare", $17 / ($17 + $18))
}
END {
  nm = split("none all auto", M, " ")
  printf "# offload: is the judgement right? (none / all / auto)\n\n"
  printf "Machine: %s.  XDP %s.  %d rounds, %s s a measurement, the three " \
         "builds of a workload in turns; median (min-max) over rounds.  " \
         "Server on CPU 0, udp-client on CPU 1, veth pair between two " \
         "namespaces; every build trained on its workload (-fprofile-use).  " \
         "Whole run: %d s.\n\n", machine, xdp, rounds, seconds, elapsed
  printf "CPU us/request: the server process and the softirq time of all " \
         "CPUs (/proc/stat; the stack and the XDP program run there), per " \
         "request; unlike busy time it leaves out other load on a shared " \
         "machine (data.tsv has both).  Best: the highest median req/s.  " \
         "auto ok: the median req/s of auto within %d%% of the best; " \
         "\"same paths\" when auto offloaded what the best mode did, so that " \
         "the two builds are alike and a gap between them is noise.  " \
         "auto chose: what auto offloaded (all: every feasible path; none: " \
         "no program; else K of N feasible paths).  Kernel share: requests " \
         "answered in the kernel over the whole server run (OFFLOAD_STATS).\n\n", tol * 100
  printf "| server | workload | in flight | req/s none | req/s all | req/s auto | CPU us/req none | CPU us/req all | CPU us/req auto | best | auto/best | auto ok | auto chose | kernel share all / auto |\n"
  printf "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n"
  nok = 0
  for (i = 1; i <= nk; i++) {
    k = order[i]; split(k, kk, SUBSEP)
    best = ""; bestv = -1
    for (j = 1; j <= nm; j++) {
      R[j] = med(vals[k SUBSEP M[j] SUBSEP "rps"]); RL[j] = lo; RH[j] = hi
      rs[j] = sprintf("%.0f (%.0f-%.0f)", R[j], lo, hi)
      C[j] = med(vals[k SUBSEP M[j] SUBSEP "cpu"])
      cs[j] = sprintf("%.2f (%.2f-%.2f)", C[j], lo, hi)
      if (R[j] > bestv) { bestv = R[j]; best = M[j] }
    }
    ratio = bestv > 0 ? R[3] / bestv : 0
    ok = ratio >= 1 - tol
    nok += ok
    na = N[kk[1], kk[2], "auto@" kk[3]]
    chose = na == 0 ? "none" : na == N[kk[1], kk[2], "all"] ? "all" \
      : sprintf("%d of %d paths", na, F[kk[1], kk[2]])
    same = chose == best
    verdict = ok ? "yes" : same ? "no (same paths)" : "**no**"
    nnoise += !ok && same
    ks = ""
    for (j = 2; j <= 3; j++) {
      x = med(vals[k SUBSEP M[j] SUBSEP "kshare"])
      ks = ks (j == 3 ? " / " : "") (vals[k SUBSEP M[j] SUBSEP "kshare"] == "" ? "-" : sprintf("%.0f%%", 100 * x))
    }
    printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %.2f | %s | %s | %s |\n",
      kk[1], kk[2], kk[3], rs[1], rs[2], rs[3], cs[1], cs[2], cs[3], best, ratio,
      verdict, chose, ks
    printf "%s/%s:%s", kk[1], kk[2], kk[3] > plotdata
    for (j = 1; j <= nm; j++)
      printf " %.3f %.3f %.3f", R[j] / bestv, RL[j] / bestv, RH[j] / bestv > plotdata
    for (j = 1; j <= nm; j++) printf " %.2f", C[j] > plotdata
    printf "\n" > plotdata
    printf "%s\t%s\t%s\t%s\t%.3f\t%d\t%s\n", kk[1], kk[2], kk[3], best, ratio, ok, chose > summary
  }
  printf "\nauto within %d%% of the best in %d of %d cases; %d more " \
         "where auto offloaded the same paths as the best mode.\n",
    tol * 100, nok, nk, nnoise
  for (i = 1; i <= nk; i++) {
    k = order[i]
    for (j = 1; j <= nm; j++) if (miss[k, M[j]] > 0) {
      split(k, kk, SUBSEP)
      printf "\nNote: %s %s (%s, %s in flight): %d replies missing (timed out) over all rounds.\n",
        kk[1], kk[2], M[j], kk[3], miss[k, M[j]]
    }
  }
  }' "$res/data.tsv" > "$res/decide.md"
  cat "$res/decide.md"

  # The plot: req/s of each mode relative to the best (median, min-max),
  # and the server's CPU per request (median).
  if command -v gnuplot > /dev/null; then
    for term in "pngcairo size 1400,800" "svg size 1400,800"; do
      ext=png; [ "${term%% *}" = svg ] && ext=svg
      gnuplot <<EOF || echo "decide.sh: gnuplot failed; no plot" >&2
set terminal $term
set output "$res/decide.$ext"
set multiplot layout 2,1 title "offload modes per server/workload:in flight (median, min-max over $rounds rounds)"
set style data histogram
set style fill solid 0.6 border -1
set grid ytics
set key outside right top
set xtics rotate by -25 font ",9"
set style histogram errorbars gap 1 lw 1
set ylabel "req/s / best mode's"
set yrange [0:2]
plot "$res/plot.dat" using 2:3:4:xtic(1) title "none" lc rgb "#999999", \
     '' using 5:6:7 title "all" lc rgb "#4477aa", \
     '' using 8:9:10 title "auto" lc rgb "#ee6677"
set style histogram clustered gap 1
set ylabel "server CPU us/req"
set yrange [0:*]
plot "$res/plot.dat" using 11:xtic(1) title "none" lc rgb "#999999", \
     '' using 12 title "all" lc rgb "#4477aa", \
     '' using 13 title "auto" lc rgb "#ee6677"
unset multiplot
EOF
    done
    echo "plot: $res/decide.png $res/decide.svg"
  else
    echo "decide.sh: gnuplot is not installed (Debian: apt-get install gnuplot-nox); no plot" >&2
  fi
}

# DECIDE_REPORT_ONLY=1: the table and the plot again, from the data of
# the last run in RESULTS_DIR (no root needed).
if [ "${DECIDE_REPORT_ONLY:-0}" = 1 ]; then
  [ -s "$res/data.tsv" ] && [ -s "$res/run.txt" ] || fail "no data in $res"
  summarize
  exit 0
fi

[ -f "$builddir/plugin/.libs/offload.so" ] && [ -f "$builddir/offload-uninstalled.pc" ] \
  || fail "no built plugin in $builddir; run make there first"
[ "$(id -u)" = 0 ] || fail "needs root (network namespaces, BPF)"
[ -x "$UDP_CLIENT" ] || fail "no $UDP_CLIENT; make -C testsuite tools/udp-client"
[ "$(nproc)" -ge 2 ] || fail "needs 2 CPUs (server and load generator apart)"
case $xdp_mode in native|generic) ;; *) fail "DECIDE_XDP_MODE: native or generic" ;; esac
mkdir -p "$out" "$res"
res=$(cd "$res" && pwd)
t_start=$(date +%s)

# The workloads of SERVER: its bench/decide-SERVER-*.req but the preload.
workloads () {
  local f w
  for f in "$bench/decide-$1-"*.req; do
    [ -f "$f" ] || continue
    w=${f#"$bench/decide-$1-"}; w=${w%.req}
    [ "$w" = preload ] || echo "$w"
  done
}
for s in $servers; do
  [ -f "$examples/$s.c" ] || fail "no example server $examples/$s.c"
  [ -n "$(workloads "$s")" ] || fail "no workload bench/decide-$s-*.req"
done

export PKG_CONFIG_PATH=$builddir${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}
read -r -a cflags <<< "$($PKG_CONFIG --cflags offload)"
read -r -a libs <<< "$($PKG_CONFIG --libs offload)"

# ---------------------------------------------------------------------
# Builds without profile: the plain server (the replies to check against)
# and, per workload, the training build.  The counts of a training run go
# next to its object: $out/SERVER/WORKLOAD/srv.gcda.

log "building the plain and the training servers"
for s in $servers; do
  mkdir -p "$out/$s"
  $CC -O2 -flto -c "$examples/$s.c" -o "$out/$s/plain.o"
  $CC -O2 -flto "$out/$s/plain.o" -o "$out/$s/plain"
  for w in $(workloads "$s"); do
    d=$out/$s/$w
    mkdir -p "$d"
    rm -f "$d/srv.gcda"
    $CC -O2 -flto -fprofile-generate -c "$examples/$s.c" -o "$d/srv.o"
    $CC -O2 -flto -fprofile-generate "$d/srv.o" -o "$d/train"
  done
done

# ---------------------------------------------------------------------
# Topology (as run-bench.sh).

srv_ns=offload-decide-$$-srv
cli_ns=offload-decide-$$-cli
srv_addr=10.202.$net.1
cli_addr=10.202.$net.2
# shellcheck source=bench/netns-lib.sh
. "$bench/netns-lib.sh"
net_up

# The pass-through program on the client's side, for the whole run: it
# makes native XDP_TX replies arrive, and costs the same in every mode.
read -r -a bpf_cflags <<< "$($PKG_CONFIG --cflags libbpf)"
read -r -a bpf_libs <<< "$($PKG_CONFIG --libs libbpf)"
$CC -O2 -Wall "${bpf_cflags[@]}" "$bench/xdp-attach.c" "${bpf_libs[@]}" \
  -o "$out/xdp-attach"
client_pass_up "$out/xdp-attach" "$out"

# start EXE LOG [STATS]: run EXE on the port in the server's namespace;
# its output goes to LOG.out and LOG.err, libsplit's counts to STATS.
start () {
  local exe=$1 name=$2 stats=${3:-}
  ip netns exec "$srv_ns" env OFFLOAD_XDP_MODE="$xdp_mode" \
    ${stats:+OFFLOAD_STATS="$stats"} "${srv_cpu[@]}" "$exe" "$port" \
    > "$name.out" 2> "$name.err" &
  server=$!
  wait_bound "$name" "$name.err"
}
stop () { stop_pid "$server"; server=; }

# preload SERVER: play its preload file, if it has one.
preload () {
  [ -f "$bench/decide-$1-preload.req" ] || return 0
  client --timeout-ms "$timeout_ms" --transcript /dev/null "$srv_addr" "$port" \
    "$bench/decide-$1-preload.req" > /dev/null
}


# ---------------------------------------------------------------------
# The plain server's replies, and the training runs.

log "replies of the plain servers; training runs ($train_passes passes of each workload)"
for s in $servers; do
  for w in $(workloads "$s"); do
    d=$out/$s/$w
    start "$out/$s/plain" "$d/plain"
    preload "$s"
    client --timeout-ms "$timeout_ms" --transcript "$d/expect.tr" "$srv_addr" "$port" \
      "$bench/decide-$s-$w.req" > /dev/null
    stop
    ! grep -q ' drop$' "$d/expect.tr" || fail "plain $s dropped requests of $w"
    start "$d/train" "$d/train"
    preload "$s"
    client --timeout-ms "$timeout_ms" --transcript /dev/null --passes "$train_passes" \
      "$srv_addr" "$port" "$bench/decide-$s-$w.req" > /dev/null
    stop
    [ -s "$d/srv.gcda" ] || fail "the training run of $s on $w wrote no counts ($d/srv.gcda)"
  done
done

# ---------------------------------------------------------------------
# The builds with the counts, in the three modes.  Every report must say
# the counts were measured.

log "building every server in modes ${modes[*]} with its workload's counts"
printf 'server\tworkload\tmode\tprogram\toffloaded\tfeasible\tgain_ns\tgain_all_feasible_ns\n' \
  > "$res/decisions.tsv"
for s in $servers; do
  for w in $(workloads "$s"); do
    d=$out/$s/$w
    $CC -O2 -flto -fprofile-use -Wno-missing-profile -c "$examples/$s.c" -o "$d/srv.o"
    # auto once per load: the model counts the requests an earlier one
    # passed up holds behind it, which depends on how many are in
    # flight (the costs file's in_flight).
    builds=(none all)
    for infl in $inflights; do
      builds+=("auto@$infl")
      echo "in_flight $infl" > "$d/costs-$infl.txt"
    done
    for m in "${builds[@]}"; do
      mode=${m%@*} extra=()
      [ "$mode" = auto ] && extra=(-fplugin-arg-offload-costs="$d/costs-${m#*@}.txt")
      $CC -O2 -fprofile-use -Wno-missing-profile "${cflags[@]}" \
	-fplugin-arg-offload-mode="$mode" "${extra[@]}" \
	-fplugin-arg-offload-report="$d/$m.json" \
	"$d/srv.o" "${libs[@]}" -o "$d/$m" 2> "$d/$m.link.err" \
	|| { cat "$d/$m.link.err" >&2; fail "cannot link $s ($w) in mode $m"; }
      grep -q '"profile": "measured"' "$d/$m.json" \
	|| fail "$d/$m.json: the plugin did not use the counts of the training run"
      # Paths offloaded and feasible (offloaded, not-beneficial or
      # feasible), and the gains of the decision.
      awk -v s="$s" -v w="$w" -v m="$m" '
	/"verdict": "(offloaded|not-beneficial|feasible)"/ { feas++ }
	/"verdict": "offloaded"/ { off++ }
	match($0, /"gain_ns": [-0-9.]+/) { g = substr($0, RSTART + 11, RLENGTH - 11) }
	match($0, /"gain_all_feasible_ns": [-0-9.]+/) {
	  ga = substr($0, RSTART + 24, RLENGTH - 24) }
	END { printf "%s\t%s\t%s\t%s\t%d\t%d\t%s\t%s\n", s, w, m,
		(off > 0 ? "yes" : "no"), off, feas, g, ga }' "$d/$m.json" \
	>> "$res/decisions.tsv"
    done
  done
done
column -t -s "$(printf '\t')" "$res/decisions.tsv" | sed 's/^/  /'

# ---------------------------------------------------------------------
# The measurements, in turns: per round, every server, workload and mode.

printf 'round\tserver\tworkload\tmode\tinflight\treqs\treq_s\twrong\tmissing\tp50_us\tp99_us\tbusy_us_per_req\tsoftirq_us_per_req\tserver_proc_us_per_req\tclient_us_per_req\tserverside_us_per_req\tkernel_answered\tpassed_up\n' \
  > "$res/data.tsv"

# rate ROUND SERVER WORKLOAD MODE INFLIGHT: one measurement, its line
# (less the kernel counts, added when the server has stopped) in $row.
rate () {
  local r=$1 s=$2 w=$3 m=$4 infl=$5 d=$out/$2/$3 c0 c1 p0 p1 line reqs
  read -r -a c0 <<< "$(cpu_now)"
  p0=$(proc_cpu "$server")
  ( client --rate "$seconds" --inflight "$infl" --expect "$d/expect.tr" \
      "$srv_addr" "$port" "$bench/decide-$s-$w.req" > "$out/rate.line"
    times > "$out/rate.times" ) \
    || { cat "$out/rate.line" >&2; fail "$s ($w, $m) gave wrong replies under load"; }
  read -r -a c1 <<< "$(cpu_now)"
  p1=$(proc_cpu "$server")
  line=$(cat "$out/rate.line")
  reqs=$(sed -n 's/.* requests \([0-9]*\),.*/\1/p' <<< "$line")
  row=$(awk -v r="$r" -v s="$s" -v w="$w" -v m="$m" -v i="$infl" -v n="$reqs" \
      -v sec="$seconds" -v hz="$hz" -v b0="${c0[0]}" -v b1="${c1[0]}" \
      -v s0="${c0[1]}" -v s1="${c1[1]}" -v p0="$p0" -v p1="$p1" \
      -v line="$line" -v times="$(sed -n 2p "$out/rate.times")" '
    function secs(t,  a) { split(t, a, /[ms]/); return a[1] * 60 + a[2] }
    function field(re, skip) {
      if (!match(line, re)) return "-"
      return substr(line, RSTART + skip, RLENGTH - skip)
    }
    BEGIN {
      wrong = field("wrong [0-9]+", 6); missing = field("missing [0-9]+", 8)
      p50 = field("p50 [0-9.]+", 4); p99 = field("p99 [0-9.]+", 4)
      split(times, t, " "); cl = secs(t[1]) + secs(t[2])
      us = 1e6 / (n > 0 ? n : 1)
      busy = (b1 - b0) / hz; sirq = (s1 - s0) / hz; sp = (p1 - p0) / hz
      printf "%s\t%s\t%s\t%s\t%s\t%d\t%.0f\t%s\t%s\t%s\t%s\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f",
        r, s, w, m, i, n, n / sec, wrong, missing, p50, p99, busy * us,
        sirq * us, sp * us, cl * us, (busy - cl) * us
    }')
  rows+=("$row")
  printf '  %-10s %-9s %-4s %3s in flight: %s\n' "$s" "$w" "$m" "$infl" \
    "$(cut -f 7 <<< "$row") req/s, $(awk -F '\t' '{ printf "%.2f", $13 + $14 }' <<< "$row") us server CPU/req"
}

# measure_build ROUND SERVER WORKLOAD MODE BUILD INFLIGHTS: start the
# build, check it serves from where its report says and answers like the
# plain server, measure it at each of INFLIGHTS, and add the rows.
measure_build () {
  local r=$1 s=$2 w=$3 m=$4 b=$5 infls=$6 d=$out/$2/$3 stats k p infl row
  stats=$d/$b-r$r.stats.json
  rm -f "$stats"
  start "$d/$b" "$d/$b-r$r" "$stats"
  # A program, or none, as the report says.
  if grep -q '"offloaded": \[[0-9]' "$d/$b.json"; then
    grep -qE "from the kernel \(XDP(, $xdp_mode\)|\) .*veth0 \($xdp_mode\))" "$d/$b-r$r.err" \
      || { cat "$d/$b-r$r.err" >&2
	   fail "$s ($w, $b) does not serve from the kernel in $xdp_mode mode"; }
  elif grep -q 'from the kernel' "$d/$b-r$r.err"; then
    fail "$s ($w, $b) serves from the kernel, its report offloads nothing"
  fi
  preload "$s"
  client --timeout-ms "$timeout_ms" --transcript "$d/got.tr" "$srv_addr" "$port" \
    "$bench/decide-$s-$w.req" > /dev/null
  cmp -s "$d/expect.tr" "$d/got.tr" \
    || { diff "$d/expect.tr" "$d/got.tr" | head >&2 || true
	 fail "$s ($w, $b) answers unlike the plain server"; }
  rows=()
  for infl in $infls; do
    rate "$r" "$s" "$w" "$m" "$infl"
  done
  stop
  k=- p=-
  if [ -s "$stats" ]; then
    k=$(sed -n 's/^{"kernel_answered": \([0-9]*\).*/\1/p' "$stats")
    p=$(sed -n 's/^{[^,]*, "passed_up": \([0-9]*\).*/\1/p' "$stats")
  fi
  for row in "${rows[@]}"; do
    printf '%s\t%s\t%s\n' "$row" "${k:--}" "${p:--}" >> "$res/data.tsv"
  done
}

runs=0
for s in $servers; do for w in $(workloads "$s"); do runs=$((runs + 3)); done; done
log "$rounds rounds of $runs runs, $seconds s a measurement, in flight: $inflights, XDP $xdp_mode"
for r in $(seq "$rounds"); do
  log "round $r of $rounds (load: $(cut -d ' ' -f 1-3 /proc/loadavg))"
  for s in $servers; do
    for w in $(workloads "$s"); do
      d=$out/$s/$w
      for i in 0 1 2; do
	m=${modes[(i + r) % 3]}
	if [ "$m" = auto ]; then
	  for infl in $inflights; do
	    measure_build "$r" "$s" "$w" auto "auto@$infl" "$infl"
	  done
	else
	  measure_build "$r" "$s" "$w" "$m" "$m" "$inflights"
	fi
      done
    done
  done
done
trap - EXIT
net_cleanup

echo "$(( $(date +%s) - t_start )) $rounds $seconds $xdp_mode" > "$res/run.txt"
summarize
echo "bench-decide: OK ($(( $(date +%s) - t_start )) s)"
