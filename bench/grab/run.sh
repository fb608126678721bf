#!/usr/bin/env bash
# The grab benchmark (issue 3, "Benchmark"): many users grab from one large drop over HTTP through
# the gateway, with the relay and the ledger consumer running; then the same grab script straight
# against the same Redis with redis-benchmark; prints grabs/s, p50/p99, the ratio service/raw, the
# time until the ledger holds every grab, and the invariants checked afterwards.
#
# usage: bench/grab/run.sh        (settings by environment, defaults in brackets)
#   GRAB_CONNECTIONS [64]   concurrent connections for wrk and redis-benchmark
#   GRAB_SECONDS     [20]   how long wrk drives grabs
#   GRAB_WARMUP      [30]   seconds of warm-up grabs (other users, same drop) before the measure, so
#                           that the measure sees compiled code, as a service at a peak would
#   GRAB_USERS       [120000] distinct users (tokens) for the measured part; a thread that runs out stops
#   GRAB_WARMUP_USERS [10000] distinct users for the warm-up (they start over when used up: replays)
#   GRAB_PACKETS     [users + warm-up users] packets in the drop (every user can get one; the grab
#                    path does not depend on the size, the reconciliation afterwards does)
#   RAW_GRABS        [200000] EVALSHA calls redis-benchmark makes
#   RAW_PACKETS      [2000000] packets in the raw baseline's synthetic drop
#
# Assumes `./pai up` is running; when the gateway does not answer it runs `PAI_SKIP_BUILD=1 ./pai up`
# and stops afterwards only the parts that run started. Traffic goes only to 127.0.0.1.
set -euo pipefail

usage() { sed -n '7,19p' "$0" | sed 's/^# \{0,1\}//'; }
[[ ${1:-} != -h && ${1:-} != --help ]] || { usage; exit 0; }
[[ $# -eq 0 ]] || { usage >&2; exit 2; }

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"

CONNECTIONS=${GRAB_CONNECTIONS:-64}
SECONDS_RUN=${GRAB_SECONDS:-20}
WARMUP=${GRAB_WARMUP:-30}
USERS=${GRAB_USERS:-120000}
RAW_GRABS=${RAW_GRABS:-200000}
RAW_PACKETS=${RAW_PACKETS:-2000000}
THREADS=2
GATEWAY=http://127.0.0.1:8080
API=$GATEWAY/api/redpackets
REDIS_PORT=${PAI_REDIS_PORT:-6379}
REDIS=(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" -n 0)
PIDS=.pai/pids
RUN=bench-$(date +%s)
WORK=.pai/bench/$RUN
WARMUP_USERS=$((WARMUP > 0 ? ${GRAB_WARMUP_USERS:-10000} : 0))
PACKETS=${GRAB_PACKETS:-$((USERS + WARMUP_USERS))}

source bench/lib/system.sh
require_tools wrk redis-cli redis-benchmark jq curl java
require_launcher

# --- what to leave as it was ----------------------------------------------------------------------
drop_id=
campaign_id=
operator=
raw_keys=()

cleanup() {
    local rc=$?
    set +e
    if [[ -n $drop_id && -n $operator ]]; then
        curl -s -m 30 -o /dev/null -X POST -H "Authorization: Bearer $operator" "$API/drops/$drop_id/cancel"
    fi
    if [[ -n $campaign_id && -n $operator ]]; then
        curl -s -m 30 -o /dev/null -X POST -H "Authorization: Bearer $operator" "$API/campaigns/$campaign_id/cancel"
    fi
    if ((${#raw_keys[@]})); then "${REDIS[@]}" DEL "${raw_keys[@]}" > /dev/null; fi
    rm -rf "$WORK"
    rmdir .pai/bench 2> /dev/null
    stop_started
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mkdir -p "$WORK"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
say "grab benchmark $RUN on $(nproc) cores, load average before: $load_before"

ensure_system redpacket-service 8083 "$GATEWAY"

# --- Redis persistence --------------------------------------------------------------------------
appendonly=$("${REDIS[@]}" CONFIG GET appendonly | sed -n 2p)
appendfsync=$("${REDIS[@]}" CONFIG GET appendfsync | sed -n 2p)
say "redis 127.0.0.1:$REDIS_PORT db 0 (the service's): appendonly=$appendonly appendfsync=$appendfsync"

# --- tokens ----------------------------------------------------------------------------------------
operator=$(./pai token "$RUN-ops" --operator)
say "minting $((USERS + WARMUP_USERS)) user tokens ..."
java -cp "$LAUNCHER_JAR" bench/grab/MintTokens.java .pai/keys "$RUN-u" "$((USERS + WARMUP_USERS))" "$WORK/all.tokens"
head -n "$WARMUP_USERS" "$WORK/all.tokens" > "$WORK/warmup.tokens"
tail -n +"$((WARMUP_USERS + 1))" "$WORK/all.tokens" > "$WORK/measure.tokens"

# --- campaign and drop -----------------------------------------------------------------------------
call() { # method path [json] -> body on stdout; status in $WORK/status
    local args=(-s -m 180 -o "$WORK/body" -w '%{http_code}' -X "$1" -H "Authorization: Bearer $operator")
    [[ -z ${3:-} ]] || args+=(-H 'Content-Type: application/json' -H "Idempotency-Key: $RUN-$RANDOM$RANDOM" --data-binary "$3")
    curl "${args[@]}" "$API$2" > "$WORK/status" || echo 000 > "$WORK/status"
    cat "$WORK/body" 2> /dev/null || true
}
now=$(date -u +%FT%TZ)
amount=$((PACKETS * 100))
campaign_id=$(call POST /campaigns "{\"name\":\"grab benchmark $RUN\",\"budgetCents\":$((amount * 2)),\"startsAt\":\"$now\",\"endsAt\":\"$(date -u -d '+2 hours' +%FT%TZ)\",\"maxGrabsPerUser\":1,\"shareBonusGrabs\":0,\"maxBonusGrabsPerUser\":0}" | jq -r '.id // empty')
[[ -n $campaign_id ]] || die "campaign not created: HTTP $(cat "$WORK/status") $(cat "$WORK/body")"
drop_id=$(call POST "/campaigns/$campaign_id/drops" "{\"packetCount\":$PACKETS,\"amountCents\":$amount,\"split\":\"RANDOM\",\"startsAt\":\"$now\",\"endsAt\":\"$(date -u -d '+1 hour' +%FT%TZ)\"}" | jq -r '.id // empty')
[[ -n $drop_id ]] || die "drop not created: HTTP $(cat "$WORK/status") $(cat "$WORK/body")"
say "campaign $campaign_id, drop $drop_id: $PACKETS packets, $amount cents, maxGrabsPerUser 1"
status=
for _ in $(seq 1 240); do
    status=$(call GET "/drops/$drop_id" | jq -r '.status // empty')
    [[ $status != ACTIVE ]] || break
    sleep 0.5
done
[[ $status == ACTIVE ]] || die "drop did not become ACTIVE in 120 s (status $status)"

# --- service: wrk through the gateway --------------------------------------------------------------
drive() { # tokens-file seconds [cycle] -> wrk output
    GRAB_TOKENS="$1" GRAB_THREADS=$THREADS GRAB_CYCLE=${3:-0} wrk -t "$THREADS" -c "$CONNECTIONS" -d "${2}s" --timeout 10s \
        -s bench/grab/grab.lua "$API/drops/$drop_id/grab"
}
field() { sed -n "s/^BENCH $1 //p" "$2"; }
# CPU time (clock ticks) per part of the system, summed over its processes: where a grab's cost goes.
cpu_ticks() {
    local dir line rest cmd part
    for dir in /proc/[0-9]*; do
        read -r line < "$dir/stat" 2> /dev/null || continue
        cmd=$(tr '\0' ' ' < "$dir/cmdline" 2> /dev/null) || continue
        case "$cmd" in
            *redpacket-service*) part=redpacket-service ;;
            *chat-service* | *agent-service* | *share-service*) part=other-services ;;
            *kafka.Kafka*) part=kafka ;;
            *redis-server*) part=redis ;;
            postgres*) part=postgresql ;;
            nginx*) part=gateway ;;
            wrk*) part=wrk ;;
            *) part=rest-of-machine ;;
        esac
        rest=${line##*) }
        # fields 14 and 15 of stat (utime, stime) are the 12th and 13th after the command name
        awk -v part="$part" '{print part, $12 + $13}' <<< "$rest"
    done | awk '{t[$1] += $2} END {for (p in t) print p, t[p]}'
}
warm_ok=0
if ((WARMUP > 0)); then
    say "warm-up: ${WARMUP}s, $CONNECTIONS connections"
    drive "$WORK/warmup.tokens" "$WARMUP" 1 > "$WORK/warmup.out"
    warm_ok=$(field 'status 200' "$WORK/warmup.out"); warm_ok=${warm_ok:-0}
    # Past the first round of users the warm-up's 200s are replays: count each user once.
    ((warm_ok <= WARMUP_USERS)) || warm_ok=$WARMUP_USERS
fi
say "measuring: wrk -t $THREADS -c $CONNECTIONS -d ${SECONDS_RUN}s, each request a different user"
cpu_ticks > "$WORK/cpu.before"
drive "$WORK/measure.tokens" "$SECONDS_RUN" > "$WORK/wrk.out" &
wrk_pid=$!
# wrk's own CPU time is gone once it exits: read everything just before it stops.
sleep "$(awk -v s="$SECONDS_RUN" 'BEGIN {print (s > 2 ? s - 1 : s / 2)}')"
cpu_ticks > "$WORK/cpu.after"
wait "$wrk_pid"
wrk_end=$(date +%s.%N)
duration=$(field duration_s "$WORK/wrk.out")
svc_ok=$(field 'status 200' "$WORK/wrk.out"); svc_ok=${svc_ok:-0}
exhausted=$(field exhausted "$WORK/wrk.out")
latency=$(field latency_ms "$WORK/wrk.out")
errors=$(field errors "$WORK/wrk.out")
timeouts=$(sed 's/.*timeout=\([0-9]*\).*/\1/' <<< "$errors")
warm_timeouts=0
[[ ! -f $WORK/warmup.out ]] || warm_timeouts=$(field errors "$WORK/warmup.out" | sed 's/.*timeout=\([0-9]*\).*/\1/')
p50=$(sed 's/.*p50=\([^ ]*\).*/\1/' <<< "$latency")
p99=$(sed 's/.*p99=\([^ ]*\).*/\1/' <<< "$latency")
non2xx=$(sed -n 's/^BENCH status \([0-9]*\) \([0-9]*\)$/\1 \2/p' "$WORK/wrk.out" | awk '$1 !~ /^2/ {printf "%s%s=%s", sep, $1, $2; sep=" "}')
svc_rate=$(awk -v n="$svc_ok" -v d="$duration" 'BEGIN {printf "%.0f", n / d}')
# CPU microseconds per granted grab, per part, over the measured window (processes that exited
# in between are missed; the window ends a second before wrk, so the rate is scaled to it).
cpu_split=$(awk -v hz="$(getconf CLK_TCK)" -v n="$svc_ok" -v d="$duration" -v w="$(awk -v s="$SECONDS_RUN" 'BEGIN {print (s > 2 ? s - 1 : s / 2)}')" '
    NR == FNR {before[$1] = $2; next}
    {used[$1] = $2 - before[$1]; total += used[$1]}
    END {
        grabs = n * w / d
        for (p in used) if (used[p] > 0) printf "%s=%.0f ", p, used[p] / hz * 1e6 / grabs
        printf "| total %.0f us of CPU per grab", total / hz * 1e6 / grabs
    }' "$WORK/cpu.before" "$WORK/cpu.after")

# --- ledger: until it holds every grab -------------------------------------------------------------
# Cheap to poll: the ledger's grab count (GET /campaigns/{id} counts the grab rows) against the claims
# in Redis (the service's claims hash, read only). When they meet, the reconciliation (slow: it sums
# every packet of the drop) confirms pending 0 and ledger == claimed.
say "waiting until the ledger holds every grab ..."
claims_key="rp:{drop:$drop_id}:claims"
drained=no
last_print=0
for _ in $(seq 1 1200); do
    in_redis=$("${REDIS[@]}" HLEN "$claims_key")
    in_ledger=$(call GET "/campaigns/$campaign_id" | jq -r '.grabs // -1')
    elapsed=$(awk -v a="$wrk_end" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}')
    if [[ $in_ledger == "$in_redis" ]]; then
        drained=yes
        break
    fi
    if (( ${elapsed%.*} >= last_print + 5 )); then
        last_print=${elapsed%.*}
        say "  +${elapsed}s: ledger $in_ledger of $in_redis grabs"
    fi
    sleep 0.25
done
drain_s=$elapsed
say "  +${drain_s}s: ledger $in_ledger of $in_redis grabs; reconciling ..."
# Straight to the service: the gateway gives up on an upstream after 60 s, and a retried
# reconciliation only piles another slow query onto PostgreSQL.
recon_started=$(date +%s.%N)
recon_agreed=no
for _ in $(seq 1 5); do
    curl -s -m 900 -o "$WORK/recon.json" -w '%{http_code}' -H "Authorization: Bearer $operator" \
        "http://127.0.0.1:8083/api/redpackets/campaigns/$campaign_id/reconciliation" > "$WORK/status" \
        || echo 000 > "$WORK/status"
    [[ $(cat "$WORK/status") == 200 ]] || break
    if jq -e '.pending == 0 and .ledgerCents == .claimedCents' "$WORK/recon.json" > /dev/null; then
        recon_agreed=yes
        break
    fi
    sleep 1
done
recon_s=$(awk -v a="$recon_started" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}')
[[ $(cat "$WORK/status") == 200 ]] || die "reconciliation failed after ${recon_s}s: HTTP $(cat "$WORK/status")"
recon_ok=$(jq -r .ok "$WORK/recon.json")
differences=$(jq -r '.differences | if length == 0 then "none" else join("; ") end' "$WORK/recon.json")
claimed=$(jq -r .claimedCents "$WORK/recon.json")
ledger=$(jq -r .ledgerCents "$WORK/recon.json")
call GET "/campaigns/$campaign_id" > "$WORK/campaign.json"
grabs=$(jq -r .grabs "$WORK/campaign.json")
granted=$(jq -r .grantedCents "$WORK/campaign.json")
remaining=$(call GET "/drops/$drop_id" | jq -r .remainingPackets)
answered=$((warm_ok + svc_ok))
popped=$((PACKETS - remaining))
# wrk stops with up to one request in flight per connection (per run: warm-up and measure); the
# service completes those grabs, so the ledger may hold up to that many more than wrk counted 200s.
# A request wrk gave up on (timeout) may have been granted as well.
inflight=$(( (WARMUP > 0 ? 2 : 1) * CONNECTIONS + timeouts + warm_timeouts ))
inv_packets=$( ((answered <= PACKETS)) && echo ok || echo VIOLATED)
inv_grabs=$( ((grabs >= answered && grabs <= answered + inflight)) && echo ok || echo VIOLATED)
inv_pool=$( ((popped == grabs)) && echo ok || echo VIOLATED)
inv_granted=$([[ $granted == "$ledger" && $ledger == "$claimed" ]] && echo ok || echo VIOLATED)
invariants=ok
for v in "$inv_packets" "$inv_grabs" "$inv_pool" "$inv_granted" "$([[ $recon_ok == true && $drained == yes && $recon_agreed == yes ]] && echo ok)"; do
    [[ $v == ok ]] || invariants=VIOLATED
done

# --- raw: the same script with redis-benchmark -----------------------------------------------------
raw=bench-raw-$RUN
meta="bench:{drop:$raw}:meta"
packets="bench:{drop:$raw}:packets"
claims="bench:{drop:$raw}:claims"
scope_grabs="bench:{campaign:$raw}:grabs"
scope_bonus="bench:{campaign:$raw}:bonus"
stream="bench:grabs:$raw" # never rp:grabs: the service's relay must not see these entries
attempts="bench:attempts:$raw:__rand_int__"
raw_keys=("$meta" "$packets" "$claims" "$scope_grabs" "$scope_bonus" "$stream")
say "raw baseline: loading $RAW_PACKETS packets into $packets ..."
fill='local n = 0
for i = tonumber(ARGV[1]), tonumber(ARGV[2]), 5000 do
  local batch = {}
  for j = i, math.min(i + 4999, tonumber(ARGV[2])) do batch[#batch + 1] = j .. ":100" end
  n = redis.call("RPUSH", KEYS[1], unpack(batch))
end
return n'
for ((first = 0; first < RAW_PACKETS; first += 100000)); do
    last=$((first + 100000 - 1)); ((last < RAW_PACKETS)) || last=$((RAW_PACKETS - 1))
    "${REDIS[@]}" EVAL "$fill" 1 "$packets" "$first" "$last" > /dev/null
done
"${REDIS[@]}" HSET "$meta" status OPEN startMs 0 endMs 99999999999999 maxGrabs 1 remainingCents $((RAW_PACKETS * 100)) > /dev/null
# The script the running service uses is the one in its built jar (the source may have moved on).
script_file=redpacket-service/src/main/resources/lua/grab.lua
if unzip -p redpacket-service/target/quarkus-app/app/redpacket-service-*.jar lua/grab.lua > "$WORK/grab.lua" 2> /dev/null \
    && [[ -s $WORK/grab.lua ]]; then
    script_from="the service's jar"
else
    cp "$script_file" "$WORK/grab.lua"
    script_from=$script_file
fi
cmp -s "$WORK/grab.lua" "$script_file" && same_as_source="same as $script_file" || same_as_source="DIFFERS from $script_file"
loaded_before=$("${REDIS[@]}" SCRIPT EXISTS "$(sha1sum < "$WORK/grab.lua" | cut -d' ' -f1)")
sha=$("${REDIS[@]}" -x SCRIPT LOAD < "$WORK/grab.lua")
# What the launch of a drop sets up besides meta and packets: the scope's '~' marker.
"${REDIS[@]}" HSET "$scope_grabs" '~' 1 > /dev/null
say "grab.lua from $script_from ($same_as_source), sha $sha, already loaded by the service: $([[ $loaded_before == 1 ]] && echo yes || echo no)"
keys=("$meta" "$packets" "$claims" "$scope_grabs" "$scope_bonus" "$stream")
# A batch of one grab: the fixed arguments, then the user and a grab id (see grab.lua).
probe=$("${REDIS[@]}" EVALSHA "$sha" 7 "${keys[@]}" "bench:attempts:$raw:probe" 1000000000000 10 "$raw" "$raw" DROP probe-user probe-grab | head -n 1)
[[ $probe == OK ]] || die "the raw grab script answers $probe, not OK: the baseline's keys do not match grab.lua"
say "redis-benchmark -n $RAW_GRABS -c $CONNECTIONS -P 1 EVALSHA (stream $stream)"
timeout 600 redis-benchmark -h 127.0.0.1 -p "$REDIS_PORT" --dbnum 0 -n "$RAW_GRABS" -c "$CONNECTIONS" -P 1 \
    -r 2000000000 --csv \
    EVALSHA "$sha" 7 "$meta" "$packets" "$claims" "$scope_grabs" "$scope_bonus" "$stream" "$attempts" \
    1000000000000 10 "$raw" "$raw" DROP "u__rand_int__" "g__rand_int__" > "$WORK/raw.csv"
raw_line=$(tail -n 1 "$WORK/raw.csv" | tr -d '"')
IFS=, read -r _ raw_rate _ _ raw_p50 _ raw_p99 _ <<< "$raw_line"
raw_ok=$(( $("${REDIS[@]}" HLEN "$claims") - 1 )) # less the probe
raw_popped=$((RAW_PACKETS - 1 - $("${REDIS[@]}" LLEN "$packets")))
raw_stream=$(( $("${REDIS[@]}" XLEN "$stream") - 1 ))
# Error replies and refusals count as requests in redis-benchmark: the figure only stands when
# (nearly) every call granted a packet; the rest are the same random user drawn twice (REPLAY).
raw_valid=$( ((raw_ok * 100 >= RAW_GRABS * 99)) && echo yes || echo NO)
"${REDIS[@]}" DEL "${raw_keys[@]}" > /dev/null
raw_keys=()
ratio=$(awk -v s="$svc_rate" -v r="$raw_rate" 'BEGIN {printf "%.2f", s / r}')
[[ $raw_valid == yes ]] || ratio="n/a (raw run invalid)"
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

cat <<EOF

== grab benchmark summary ($RUN, $(date -u +%FT%TZ)) ==
machine                   $(nproc) cores; load average before $load_before, after $load_after
redis persistence         appendonly=$appendonly appendfsync=$appendfsync (same Redis, db 0, for both)
service (wrk, gateway)    $svc_rate grabs/s (200s: $svc_ok in ${duration}s), p50 ${p50} ms, p99 ${p99} ms, $CONNECTIONS connections
  latency (ms)            $latency
  socket errors           $errors
  non-2xx                 ${non2xx:-none}$( ((exhausted > 0)) && echo " (401 includes $exhausted requests after a thread ran out of users)")
  warm-up                 ${WARMUP}s before, $warm_ok grabs
raw (redis-benchmark)     ${raw_rate} grabs/s, p50 ${raw_p50} ms, p99 ${raw_p99} ms, -c $CONNECTIONS -P 1, $RAW_GRABS EVALSHA
  outcome                 $raw_ok claims, $raw_popped packets popped, $raw_stream stream entries (rest: same random user twice, REPLAY); valid: $raw_valid
  script                  grab.lua from $script_from ($same_as_source), sha $sha
ratio service/raw         $ratio   (aim: >= 0.5 with p99 < 50 ms)
cpu per grab (measured)   $cpu_split
ledger drain              ${drain_s}s after the load stopped until the ledger held every claim (drained: $drained; reconciliation call ${recon_s}s)
invariants                $invariants
  200s <= packets         $inv_packets ($answered 200 answers incl. warm-up <= $PACKETS packets)
  every 200 in the ledger $inv_grabs (ledger grabs $grabs >= $answered 200s, excess <= $inflight in flight when wrk stopped)
  popped == ledger grabs  $inv_pool ($popped packets left Redis, $grabs grabs in the ledger)
  granted == ledger       $inv_granted (campaign granted $granted = ledger $ledger = Redis claims $claimed cents)
  reconciliation ok       $recon_ok (pending 0 and ledger == claimed: $recon_agreed); differences: $differences
EOF
