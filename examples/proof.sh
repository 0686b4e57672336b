#!/usr/bin/env bash
# The proof run of issue 18: seeds the PostgreSQL dataset if needed (database gallery_scale on
# 127.0.0.1:5432, or the server in HOTPATH_JDBC_URL), runs naive, hotpath and hotpath-no-cache
# each in a JVM of its own at 50, 150 and 500 users, and writes examples/proof-report/ (report.md,
# results.csv, PNG plots) and the report section of examples/README.md.
#
#   examples/proof.sh                          # the full run: 1,500,000 photos, ~13 minutes
#   examples/proof.sh -Dproof.photos=200000 -Dproof.duration=20 -Dproof.note="..."
#
# Every -Dproof.* setting is listed in ProofRun's javadoc. Set HOTPATH_REDIS_URI to give the
# hotpath caches their Redis tier.
set -euo pipefail
cd "$(dirname "$0")/.."
classpath="$PWD/examples/target/proof-classpath.txt"
./mvnw -B -q -pl examples -am test-compile dependency:build-classpath \
    -Dmdep.outputFile="$classpath" -Dmdep.includeScope=runtime
exec java -Xmx1g -cp "examples/target/classes:$(cat "$classpath")" \
    -Dproof.readme=examples/README.md -Dproof.command="examples/proof.sh${*:+ $*}" "$@" \
    dev.hotpath.examples.proof.ProofRun
