#!/bin/sh
# Runs the whole benchmark and rewrites BENCHMARKS.md: installs ejabberd (the same-run peer)
# when it can (as root, through bench/ejabberd/setup.sh), builds the server and the bench,
# then runs the load generator, which starts PostgreSQL, the servers and the baselines in
# processes of their own. Extra arguments go to the bench, e.g. --only 12 --repeats 5
# --peer none (see BenchMain); BENCH_SERVER_JVM="-Xmx512m ..." sets the options of the server
# JVMs (default: server/jvm.options, as the server ships). Run from anywhere; about 10 minutes on 2 cores.
set -eu
cd "$(dirname "$0")/.."

if [ -x bench/ejabberd/setup.sh ]; then
  if [ "$(id -u)" -eq 0 ]; then
    bench/ejabberd/setup.sh
  else
    echo "not root: ejabberd is not installed here; the bench runs it only if it already is" >&2
  fi
fi

./mvnw -q -pl bench -am package -DskipTests
exec java -Xmx4g ${BENCH_SERVER_JVM:+"-Dbench.server.jvm=$BENCH_SERVER_JVM"} -jar bench/target/chat-bench.jar BENCHMARKS.md "$@"
