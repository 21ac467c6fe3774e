#!/usr/bin/env bash
# The SDP mangling benchmark (JMH): one benchmark thread pinned to one core (CPU 1 by default).
#   bench/sdp-jmh.sh                          every benchmark, results in target/bench/sdp-jmh.txt
#   bench/sdp-jmh.sh parseMangle              only those whose name matches
#   bench/sdp-jmh.sh parseMangle -f 3         extra arguments go to JMH (here: three forks)
# Environment: CPU (core to pin to, default 1), BENCH_JDK (the JDK to measure, default: java on the PATH; Maven
# builds with the usual JDK either way).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
filter="${1:-}"
shift || true
# A fresh test compile: JMH's annotation processor writes its benchmark list only when it sees every benchmark.
rm -rf ice-aware-sdp/target/test-classes ice-aware-sdp/target/generated-test-sources
mvn -q -B -DskipTests -pl ice-aware-sdp -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt 2>&1 | sed 's/\x1b\[[0-9;]*m//g'
cp="ice-aware-sdp/target/test-classes:ice-aware-sdp/target/classes:$(cat ice-aware-sdp/target/bench-classpath.txt)"
mkdir -p target/bench
java="${BENCH_JDK:+$BENCH_JDK/bin/}java"
"$java" -version 2>&1 | head -1
taskset -c "${CPU:-1}" "$java" -cp "$cp" org.openjdk.jmh.Main "SdpManglingBenchmark.${filter}" \
  -rf text -rff target/bench/sdp-jmh.txt "$@" | tee target/bench/sdp-jmh.log
