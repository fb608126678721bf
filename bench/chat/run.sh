#!/usr/bin/env bash
# The chat benchmark (issue 4, "Benchmark"): pais of fresh users, every member on a WebSocket, messages
# POSTed at a fixed rate through the gateway; prints the delivery latency (send -> receipt on each
# WebSocket) p50/p99/max and deliveries/s, then steps the rate up until p99 passes the limit, and
# checks that every client got every message of its pai exactly once, in seq order.
#
# usage: bench/chat/run.sh        (settings by environment, defaults in brackets)
#   CHAT_PAIS         [50]    pais; each gets CHAT_MEMBERS fresh users (owner included), each user one WebSocket
#   CHAT_MEMBERS      [20]    members per pai: every message is delivered CHAT_MEMBERS times
#   CHAT_RATE         [100]   messages/s of the main run (x CHAT_MEMBERS = deliveries/s: 2,000 by default)
#   CHAT_WARMUP       [20; 120 when this script started the system] seconds of warm-up before the
#                             main run's measure: a JVM just started compiles its hot paths meanwhile
#   CHAT_SECONDS      [30]    seconds measured
#   CHAT_RAMP         [200,300,400,500,750,1000] messages/s of the steps after the main run (empty: none);
#                             the ramp stops at the first step whose p99 passes CHAT_P99_LIMIT_MS
#   CHAT_RAMP_WARMUP  [5]     seconds of warm-up per step
#   CHAT_RAMP_SECONDS [15]    seconds measured per step
#   CHAT_P99_LIMIT_MS [100]   the p99 whose crossing the ramp looks for
#   CHAT_GATEWAY      [http://127.0.0.1:8080] another gateway in front of a chat-service under test;
#                             then the script starts and checks nothing but that gateway's /healthz
#
# Assumes `./pai up` is running; when the gateway or chat-service does not answer it runs
# `PAI_SKIP_BUILD=1 ./pai up` and stops afterwards only the parts that run started. Traffic goes only to
# 127.0.0.1. The bench pais ("chat bench <run> #<n>") and their messages stay in the database.
set -euo pipefail

usage() { sed -n '7,24p' "$0" | sed 's/^# \{0,1\}//'; }
[[ ${1:-} != -h && ${1:-} != --help ]] || { usage; exit 0; }
[[ $# -eq 0 ]] || { usage >&2; exit 2; }

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"

PAIS=${CHAT_PAIS:-50}
MEMBERS=${CHAT_MEMBERS:-20}
GATEWAY=${CHAT_GATEWAY:-http://127.0.0.1:8080}
PIDS=.pai/pids
RUN=chat-bench-$(date +%s)
WORK=.pai/bench/$RUN

source bench/lib/system.sh
require_tools curl jq java
require_launcher

# --- what to leave as it was ----------------------------------------------------------------------
cleanup() {
    local rc=$?
    set +e
    rm -rf "$WORK"
    rmdir .pai/bench 2> /dev/null
    stop_started
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mkdir -p "$WORK"

if [[ -n ${CHAT_GATEWAY:-} ]]; then
    curl -s -m 3 -o /dev/null "$GATEWAY/healthz" || die "$GATEWAY does not answer"
else
    ensure_system chat-service 8081 "$GATEWAY"
fi

# Every WebSocket holds two of the gateway's connections (client and upstream), besides the POSTs.
clients=$((PAIS * MEMBERS))
if [[ -z ${CHAT_GATEWAY:-} && -f .pai/nginx/nginx.conf ]]; then
    worker_connections=$(sed -n 's/^ *worker_connections \([0-9]*\);/\1/p' .pai/nginx/nginx.conf | head -n 1)
    if ((${worker_connections:-0} < 2 * clients + 200)); then
        die "the running gateway allows $worker_connections connections, $clients WebSockets need $((2 * clients + 200)):" \
            "restart it with the current gateway/nginx.conf (./pai down && ./pai up), or lower CHAT_PAIS"
    fi
fi

warmup=${CHAT_WARMUP:-$([[ $ran_up == yes ]] && echo 120 || echo 20)}
# ZGC for the load generator: its own G1 pauses (up to 100 ms on two busy cores) would count as
# delivery latency, since it stamps every receipt.
java -XX:+UseZGC -Xmx1g -cp "$LAUNCHER_JAR" bench/chat/ChatBench.java \
    --gateway="$GATEWAY" --keys=.pai/keys --run="$RUN" --pais="$PAIS" --members="$MEMBERS" \
    --rate="${CHAT_RATE:-100}" --warmup="$warmup" --seconds="${CHAT_SECONDS:-30}" \
    --ramp="${CHAT_RAMP-200,300,400,500,750,1000}" --ramp-warmup="${CHAT_RAMP_WARMUP:-5}" \
    --ramp-seconds="${CHAT_RAMP_SECONDS:-15}" --p99-limit-ms="${CHAT_P99_LIMIT_MS:-100}"
