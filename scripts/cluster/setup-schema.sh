#!/usr/bin/env bash
# The Temporal store's schema steps, shared by `npm run cluster` (lib/cluster/) and docker-compose.yml: create
# the databases `temporal` and `temporal_visibility` if absent, then bring each schema to the version this
# server release ships (setup-schema lays the version table; update-schema applies what is missing). Safe to
# run on every start.
#   SQL_TOOL (temporal-sql-tool), SCHEMA_DIR (the release's schema/postgresql/v12), POSTGRES_SEEDS, DB_PORT,
#   POSTGRES_USER, POSTGRES_PWD
set -euo pipefail
tool=("${SQL_TOOL:-temporal-sql-tool}" --plugin postgres12 --ep "${POSTGRES_SEEDS:?}" -p "${DB_PORT:-5432}"
  -u "${POSTGRES_USER:?}" --pw "${POSTGRES_PWD:-}")
for db in temporal temporal_visibility; do
  dir=temporal
  [ "$db" = temporal_visibility ] && dir=visibility
  if ! out=$("${tool[@]}" --db "$db" create-database 2>&1); then
    grep -q 'already exists' <<<"$out" || { echo "$out" >&2; exit 1; }
  fi
  "${tool[@]}" --db "$db" setup-schema -v 0.0
  "${tool[@]}" --db "$db" update-schema -d "${SCHEMA_DIR:?}/$dir/versioned"
done
