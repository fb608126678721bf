# Shared by the benchmarks (sourced from the repository root): how they speak and fail, the tools
# they need, starting the system when it is not running and afterwards stopping exactly the parts
# this run started. Needs $WORK and $PIDS for the last two.

say() { printf '%s\n' "$*"; }
die() { printf '%s: %s\n' "$(basename "$(dirname "$0")")/$(basename "$0")" "$*" >&2; exit 1; }

# require_tools <tool>...: each is on the PATH, or the run stops naming the first missing one.
require_tools() {
    local tool
    for tool in "$@"; do
        command -v "$tool" > /dev/null || die "$tool is missing${TOOL_HINT[$tool]:+ ($tool: ${TOOL_HINT[$tool]})}"
    done
}
declare -A TOOL_HINT=([wrk]="apt-get install -y wrk" [redis-benchmark]="apt-get install -y redis-tools")

LAUNCHER_JAR=launcher/target/pai-launcher.jar
require_launcher() {
    [[ -f $LAUNCHER_JAR ]] || die "$LAUNCHER_JAR is missing: build the launcher module first (mvn -pl launcher -am package)"
}

before_pids=()
ran_up=no

# ensure_system <service> <port> <gateway>: the gateway and the service answer, or ./pai up starts
# what is missing; enough when ./pai up fails only on parts the benchmark does not use.
ensure_system() {
    local service=$1 port=$2 gateway=$3 f
    if ! curl -s -m 3 -o /dev/null "$gateway/healthz" || ! curl -s -m 3 -o /dev/null "http://127.0.0.1:$port/q/health/ready"; then
        say "the gateway or $service does not answer: starting PAI_SKIP_BUILD=1 ./pai up"
        mkdir -p "$PIDS"
        for f in "$PIDS"/*.pid; do [[ -e $f ]] && before_pids+=("$(basename "$f" .pid)"); done
        ran_up=yes
        if ! PAI_SKIP_BUILD=1 ./pai up > /dev/null 2> "$WORK/up.log"; then
            curl -s -m 10 "http://127.0.0.1:$port/q/health/ready" | jq -e '.status == "UP"' > /dev/null \
                && curl -s -m 3 -o /dev/null "$gateway/healthz" \
                || die "./pai up failed: $(tail -n 1 "$WORK/up.log") (see .pai/logs)"
            say "./pai up did not finish ($(tail -n 1 "$WORK/up.log")), but the gateway and $service are ready: going on"
        fi
    fi
    local ready
    ready=$(curl -s -m 10 "http://127.0.0.1:$port/q/health/ready" | jq -r .status)
    [[ $ready == UP ]] || die "$service is not ready ($ready)"
}

# stop_started: stops the parts ensure_system started, and only those.
stop_started() {
    local f part pid started_parts=()
    [[ $ran_up == yes ]] || return 0
    for f in "$PIDS"/*.pid; do
        [[ -e $f ]] || continue
        part=$(basename "$f" .pid)
        [[ " ${before_pids[*]} " == *" $part "* ]] || started_parts+=("$part")
    done
    ((${#started_parts[@]})) || return 0
    if ((${#before_pids[@]} == 0)); then
        say "stopping what this run started: ./pai down"
        ./pai down > /dev/null
        return
    fi
    # ./pai down would also stop parts someone else started (e.g. Kafka by ./pai infra).
    for part in "${started_parts[@]}"; do
        pid=$(cat "$PIDS/$part.pid" 2> /dev/null) || continue
        say "stopping $part (pid $pid), started by this run"
        kill -TERM "$pid" 2> /dev/null
    done
    for part in "${started_parts[@]}"; do
        pid=$(cat "$PIDS/$part.pid" 2> /dev/null) || continue
        for _ in $(seq 1 150); do kill -0 "$pid" 2> /dev/null || break; sleep 0.2; done
        rm -f "$PIDS/$part.pid"
    done
}
