#!/usr/bin/env bash
# The fault-injection run (issue 12): 60 s of campaign load (grabs by 5,000 users on three drops, lucky packets,
# share accepts) and chat (two chat-service instances, WebSocket readers that reconnect and resume) while, in
# turn: redpacket-service is killed (-9) and restarted, the Kafka broker is down 10 s, Redis is killed and comes
# back from its append-only file, one chat-service instance is killed, PostgreSQL restarts, and agent-service is
# killed mid-summary. It runs on a Kafka, Redis and PostgreSQL of its own (never the machine's), then checks every
# invariant of docs/contract.md, prints the table of faults and checks, and exits non-zero on any breach.
# The test command runs the same faults back to back under lighter load (ChaosIT, profile short).
#
# usage: chaos/run.sh [--short]
set -euo pipefail

usage() { sed -n '10p' "$0" | sed 's/^# \{0,1\}//'; }
profile=full
case ${1:-} in
    '') ;;
    --short) profile=short ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
esac

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

./pai infra > /dev/null   # the Kafka jars; the run starts its own broker, Redis and PostgreSQL from them
echo "building the services"
mvn -B -q install -DskipTests > /dev/null
started=$SECONDS
log=integration-tests/target/chaos.log
mkdir -p integration-tests/target
rm -f integration-tests/target/chaos-report.txt
echo "running the $profile chaos profile (the whole log: $log)"
set +e
mvn -B verify -Pit -pl integration-tests -Dit.test=ChaosIT -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false \
    -Dfailsafe.failIfNoSpecifiedTests=false -Dchaos.profile="$profile" > "$log" 2>&1
rc=$?
set -e
if [[ -f integration-tests/target/chaos-report.txt ]]; then
    cat integration-tests/target/chaos-report.txt
else
    grep -aE 'AssertionError|Exception|BUILD|Tests run:.*ChaosIT' "$log" | head -20 || true
fi
echo "the run took $((SECONDS - started)) s"
exit $rc
