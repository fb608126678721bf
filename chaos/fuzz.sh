#!/usr/bin/env bash
# The full input fuzzing (issue 12): InputFuzzIT with 10,000 inputs instead of the test command's 200, against
# the four services as processes on the machine's Kafka, Redis and PostgreSQL. It prints jqwik's count of tries
# and the answers by status class; a failing input is printed as it was sent, with the seed that replays it.
#
# usage: chaos/fuzz.sh              (settings by environment, defaults in brackets)
#   FUZZ_TRIES [10000]  inputs to try
#   FUZZ_SEED  []       a seed jqwik printed, to replay a run
set -euo pipefail

usage() { sed -n '6,8p' "$0" | sed 's/^# \{0,1\}//'; }
[[ ${1:-} != -h && ${1:-} != --help ]] || { usage; exit 0; }
[[ $# -eq 0 ]] || { usage >&2; exit 2; }

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

./pai infra
echo "building the services"
mvn -B -q install -DskipTests > /dev/null
seed=()
[[ -z ${FUZZ_SEED:-} ]] || seed=(-Djqwik.seeds.default="$FUZZ_SEED")
started=$SECONDS
log=integration-tests/target/fuzz.log
mkdir -p integration-tests/target
set +e
mvn -B verify -Pit -pl integration-tests -Dit.test=InputFuzzIT -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false \
    -Dfailsafe.failIfNoSpecifiedTests=false -Djqwik.tries.default="${FUZZ_TRIES:-10000}" "${seed[@]}" > "$log" 2>&1
rc=$?
set -e
grep -aE 'tries =|checks =|seed =|\[status\]|[0-9]xx|Tests run:.*InputFuzzIT|AssertionError|BUILD' "$log" || true
echo "fuzzing took $((SECONDS - started)) s (the whole log: $log)"
exit $rc
