#!/usr/bin/env bash
# docker-compose.yml's Temporal containers: each server process gives the membership ring an address the others
# reach it at, its own container's (BROADCAST_ADDRESS in temporal-server.yaml), unless one is set; then runs the
# command.
set -euo pipefail
if [ -z "${BROADCAST_ADDRESS:-}" ]; then
  read -r BROADCAST_ADDRESS _ < <(hostname -i)
  export BROADCAST_ADDRESS
fi
exec "$@"
