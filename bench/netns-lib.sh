# bench/netns-lib.sh -- the network and the measuring helpers of the
# benchmarks (run-bench.sh, decide.sh, tcp-bench.sh), sourced by them.
# (The variables are set and used by the scripts that source it.)
# shellcheck shell=bash disable=SC2034,SC2154
#
# Two network namespaces joined by a veth pair, addresses only inside
# them; the server pinned to CPU 0 and the load generator to CPU 1; an
# XDP_PASS program on the client's side of the veth, which native-mode
# XDP_TX replies need to arrive.  Nothing is left when the script ends:
# net_cleanup (the EXIT trap) stops every process and removes the
# namespaces.
#
# The sourcing script defines fail, and sets srv_ns, cli_ns, srv_addr,
# cli_addr, port and UDP_CLIENT before calling net_up.  It keeps the
# server's pid in $server; pids in $extra_pids are stopped too.

server='' cli_pass='' extra_pids=()

# Stop PID: TERM, up to 5 s, then KILL.
stop_pid () {
  local pid=$1 i
  [ -n "$pid" ] || return 0
  kill -TERM "$pid" 2> /dev/null || true
  for i in $(seq 50); do
    kill -0 "$pid" 2> /dev/null || break
    sleep 0.1
  done
  kill -KILL "$pid" 2> /dev/null || true
  wait "$pid" 2> /dev/null || true
}

net_cleanup () {
  local p
  stop_pid "$server"; server=
  for p in "${extra_pids[@]}"; do stop_pid "$p"; done
  extra_pids=()
  stop_pid "$cli_pass"; cli_pass=
  ip netns del "$srv_ns" 2> /dev/null || true
  ip netns del "$cli_ns" 2> /dev/null || true
}

# Make the namespaces and the veth pair; set srv_cpu and cli_cpu.  (The
# sourcing script may install its own EXIT trap after, calling
# net_cleanup.)
net_up () {
  [ "$(nproc)" -ge 2 ] || fail "needs 2 CPUs (server and load generator apart)"
  trap net_cleanup EXIT
  trap 'exit 130' INT TERM HUP
  ip netns add "$srv_ns" || fail "ip netns add fails"
  ip netns add "$cli_ns"
  ip -n "$srv_ns" link add veth0 type veth peer name veth0 netns "$cli_ns"
  ip -n "$srv_ns" addr add "$srv_addr/24" dev veth0
  ip -n "$cli_ns" addr add "$cli_addr/24" dev veth0
  ip -n "$cli_ns" link set lo up
  ip -n "$srv_ns" link set veth0 up
  ip -n "$cli_ns" link set veth0 up
  ip -n "$srv_ns" link set lo up
  srv_cpu=(taskset -c 0) cli_cpu=(taskset -c 1)
}

# Attach the pass-through program XDP_ATTACH (bench/xdp-attach.c) to the
# client's veth for the whole run; its messages go to DIR/cli-pass.*.
client_pass_up () {
  local attach=$1 dir=$2
  ip netns exec "$cli_ns" "$attach" --mode native veth0 \
    > "$dir/cli-pass.out" 2> "$dir/cli-pass.err" &
  cli_pass=$!
  for _ in $(seq 100); do
    grep -q attached "$dir/cli-pass.out" 2> /dev/null && return 0
    kill -0 "$cli_pass" 2> /dev/null \
      || fail "client XDP_PASS: $(tail -n 1 "$dir/cli-pass.err")"
    sleep 0.1
  done
  fail "client XDP_PASS: not attached within 10 s"
}

# The load generator, in the client's namespace on its CPU.
client () { ip netns exec "$cli_ns" "${cli_cpu[@]}" "$UDP_CLIENT" "$@"; }

# Wait until the server ($server) has bound the port (UDP, or with PROTO
# tcp, listens on it) and waits for events; NAME and ERR (its stderr) say
# which, if it died.
wait_bound () {
  local name=$1 err=$2 proto=${3:-udp} i flag=-Hunl
  [ "$proto" = tcp ] && flag=-Htnl
  for i in $(seq 300); do
    kill -0 "$server" 2> /dev/null \
      || fail "$name exited at start: $(head -n 3 "$err")"
    if [ -n "$(ip netns exec "$srv_ns" ss "$flag" "sport = :$port")" ] \
       && grep -qE 'poll|select' "/proc/$server/wchan" 2> /dev/null; then
      return 0
    fi
    sleep 0.1
  done
  fail "$name did not bind ${proto^^} port $port within 30 s"
}

# Busy and softirq jiffies of all CPUs, from /proc/stat.
cpu_now () {
  awk '$1 == "cpu" { print $2 + $3 + $4 + $7 + $8 + $9, $8 }' /proc/stat
}
# User and system jiffies of process PID.
proc_cpu () { awk '{ print $14 + $15 }' "/proc/$1/stat" 2> /dev/null || echo 0; }
hz=$(getconf CLK_TCK)
