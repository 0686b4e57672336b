#!/usr/bin/env bash
# Runs every benchmark of the performance contract with its README settings and writes the
# contract table (ratios and budgets from that one run) to jmh-benchmarks/target/contract-table.md
# and into jmh-benchmarks/README.md. About 13 minutes on 2 cores (the smoke of every group: 3);
# run it on a quiet machine.
#
#   jmh-benchmarks/run-contract.sh                         # the whole table
#   jmh-benchmarks/run-contract.sh --only servlet          # one group
#   jmh-benchmarks/run-contract.sh --smoke --only metrics  # check the runner (not a measurement)
#
# Needs Redis (HOTPATH_REDIS_URI, default redis://127.0.0.1:6379) for cache-l2 and PostgreSQL
# (HOTPATH_PG_URL, default jdbc:postgresql://127.0.0.1:5432/test) for the pool group's last row.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -pl jmh-benchmarks -am package -DskipTests -Dmaven.javadoc.skip=true
readme=(--readme jmh-benchmarks/README.md)
for arg in "$@"; do
  # A partial or smoke run must not replace the README's table.
  if [[ "$arg" == "--only" || "$arg" == "--smoke" ]]; then readme=(); fi
done
exec java -cp jmh-benchmarks/target/benchmarks.jar dev.hotpath.benchmarks.ContractRun \
    "${readme[@]}" "$@"
