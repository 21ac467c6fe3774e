#!/usr/bin/env bash
# The SDP mangling benchmark (JMH): one benchmark thread pinned to one core (CPU 1 by default).
#   bench/sdp-jmh.sh                 all four benchmarks, results in target/bench/sdp-jmh.txt
#   bench/sdp-jmh.sh parseMangle     only those whose name matches
# Environment: CPU (core to pin to, default 1), JAVA_HOME.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
mvn -q -B -DskipTests -pl ice-aware-sdp -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt 2>&1 | sed 's/\x1b\[[0-9;]*m//g'
cp="ice-aware-sdp/target/test-classes:ice-aware-sdp/target/classes:$(cat ice-aware-sdp/target/bench-classpath.txt)"
mkdir -p target/bench
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
taskset -c "${CPU:-1}" "$java" -cp "$cp" org.openjdk.jmh.Main "SdpManglingBenchmark.${1:-}" \
  -rf text -rff target/bench/sdp-jmh.txt | tee target/bench/sdp-jmh.log
