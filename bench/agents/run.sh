#!/usr/bin/env bash
# The agents' benchmark (issue 8): the orchestrator's decision per message (p50/p99 against a 1 ms
# budget, beside HanLP segmenting the same message) and the summarizer on 1,000 messages (against a
# 500 ms aim, beside HanLP's stock TextRankSentence on the same text). In-process: it needs no running
# system, only agent-service built with its test classes.
#
# usage: bench/agents/run.sh        (settings by environment, defaults in brackets)
#   AGENTS_WARMUP [20]  warm-up rounds of the transcript and summary runs before measuring
#   AGENTS_ROUNDS [50]  measured rounds of the 580-message transcript (x ~600 decisions each)
#   AGENTS_RUNS   [30]  measured summaries of 1,000 messages
set -euo pipefail

usage() { sed -n '7,10p' "$0" | sed 's/^# \{0,1\}//'; }
[[ ${1:-} != -h && ${1:-} != --help ]] || { usage; exit 0; }
[[ $# -eq 0 ]] || { usage >&2; exit 2; }

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"

if [[ ! -d agent-service/target/test-classes/transcripts ]]; then
    echo "building agent-service and its test classes"
    mvn -B -q -pl agent-service -am install -DskipTests > /dev/null
fi
CP_FILE=$(mktemp)
trap 'rm -f "$CP_FILE"' EXIT
mvn -B -q -pl agent-service dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$CP_FILE" > /dev/null
CP="agent-service/target/classes:agent-service/target/test-classes:$(cat "$CP_FILE")"

java -Xmx1g -cp "$CP" -Dwarmup="${AGENTS_WARMUP:-20}" -Drounds="${AGENTS_ROUNDS:-50}" -Druns="${AGENTS_RUNS:-30}" \
    bench/agents/AgentsBench.java
