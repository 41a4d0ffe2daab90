#!/usr/bin/env bash
# The dunning-hub benchmark: bench/run.sh [--n 100000,1000000] [--sides hub,baseline] [--smtp sink|greenmail]
#                                          [--heap 1g] [--out latest.md] [--set key=value ...]
# See bench/README.md. Writes bench/results/<out> and one log per side and size in bench/results/.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B test-compile
mvn -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
CP="$PWD/target/test-classes:$PWD/target/classes:$(cat target/bench-classpath.txt)"
exec java -Xmx2g -cp "$CP" io.dunninghub.bench.BenchMain "$@"
