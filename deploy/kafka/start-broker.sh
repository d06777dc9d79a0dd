#!/usr/bin/env bash
# The kafka service's command (docker-compose.yml): on the first start, formats the broker's storage with the
# SCRAM-SHA-512 credential of the super user "admin" (kafka-storage format --add-scram), then hands over to the
# image's own start script, which renders server.properties from the KAFKA_* variables and starts the broker.
# The admin's password: THREADGUARD_KAFKA_ADMIN_PASSWORD, or the file named by THREADGUARD_KAFKA_ADMIN_PASSWORD_FILE.
# It is read only here (the broker stores a salted hash); rotating it later: docs/deploy.md.
set -euo pipefail

if [[ -n "${THREADGUARD_KAFKA_ADMIN_PASSWORD_FILE:-}" ]]; then
  password="$(<"$THREADGUARD_KAFKA_ADMIN_PASSWORD_FILE")"
else
  password="${THREADGUARD_KAFKA_ADMIN_PASSWORD:-}"
fi
if [[ ! "$password" =~ ^[A-Za-z0-9_.~-]{12,}$ ]]; then
  echo "start-broker: THREADGUARD_KAFKA_ADMIN_PASSWORD must be at least 12 letters, digits or _.~- characters" >&2
  exit 1
fi

if [[ ! -e "${KAFKA_LOG_DIRS:?}/meta.properties" ]]; then
  echo "start-broker: formatting ${KAFKA_LOG_DIRS} with the SCRAM credential of User:admin"
  # Renders /opt/kafka/config/server.properties from the environment, as the image's run script does next.
  /etc/kafka/docker/configure >/dev/null
  /opt/kafka/bin/kafka-storage.sh format --cluster-id "${CLUSTER_ID:?}" -c /opt/kafka/config/server.properties \
    --ignore-formatted --add-scram "SCRAM-SHA-512=[name=admin,password=${password}]"
fi
unset password THREADGUARD_KAFKA_ADMIN_PASSWORD
exec /etc/kafka/docker/run
