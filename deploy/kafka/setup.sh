#!/usr/bin/env bash
# The kafka-setup service (docker-compose.yml), run to completion before the Threadguard services start:
#   1. creates the SCRAM-SHA-512 users ingest, moderation and sink, or sets their passwords (rotation),
#      from INGEST_KAFKA_PASSWORD, MODERATION_KAFKA_PASSWORD, SINK_KAFKA_PASSWORD (or *_FILE);
#   2. adds the ACLs of deploy/kafka/acls.txt with kafka-acls.sh (adding an existing ACL changes nothing).
# Logged in as the super user admin (THREADGUARD_KAFKA_ADMIN_PASSWORD or *_FILE). Passwords never reach the log.
# An ACL removed from acls.txt is not removed from the broker: docs/deploy.md says how.
set -euo pipefail

bin=/opt/kafka/bin
bootstrap="${KAFKA_BOOTSTRAP_SERVERS:-kafka:9092}"
acls="$(dirname "$0")/acls.txt"

secret() { # secret NAME: the value of $NAME, or the content of the file named by ${NAME}_FILE
  local file_var="${1}_FILE"
  if [[ -n "${!file_var:-}" ]]; then cat "${!file_var}"; else printf '%s' "${!1:-}"; fi
}
checked_secret() {
  local value
  value="$(secret "$1")"
  if [[ ! "$value" =~ ^[A-Za-z0-9_.~-]{12,}$ ]]; then
    echo "kafka-setup: $1 must be at least 12 letters, digits or _.~- characters" >&2
    exit 1
  fi
  if [[ "$value" == change-me-* ]]; then
    echo "kafka-setup: WARNING $1 is the documented default; set your own in .env (docs/deploy.md)" >&2
  fi
  printf '%s' "$value"
}

admin_password="$(checked_secret THREADGUARD_KAFKA_ADMIN_PASSWORD)"
client_config="$(mktemp)"
trap 'rm -f "$client_config"' EXIT
chmod 600 "$client_config"
cat >"$client_config" <<PROPS
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="${admin_password}";
PROPS

for user in ingest moderation sink; do
  variable="$(tr '[:lower:]' '[:upper:]' <<<"$user")_KAFKA_PASSWORD"
  password="$(checked_secret "$variable")"
  echo "kafka-setup: SCRAM-SHA-512 credential of User:$user"
  "$bin/kafka-configs.sh" --bootstrap-server "$bootstrap" --command-config "$client_config" --alter \
    --entity-type users --entity-name "$user" \
    --add-config "SCRAM-SHA-512=[iterations=8192,password=${password}]" >/dev/null
done

lines=0
while read -r principal type pattern name operations extra; do
  [[ -z "${principal:-}" || "$principal" == \#* ]] && continue
  if [[ -z "${operations:-}" || -n "${extra:-}" ]]; then
    echo "kafka-setup: $acls: expected 'principal type pattern name operations', got: $principal $type $pattern $name $operations $extra" >&2
    exit 1
  fi
  case "$type" in
    Topic) resource=(--topic "$name") ;;
    Group) resource=(--group "$name") ;;
    TransactionalId) resource=(--transactional-id "$name") ;;
    Cluster) resource=(--cluster) ;;
    *) echo "kafka-setup: $acls: unknown resource type $type" >&2; exit 1 ;;
  esac
  ops=()
  IFS=, read -ra listed <<<"$operations"
  for op in "${listed[@]}"; do ops+=(--operation "$op"); done
  "$bin/kafka-acls.sh" --bootstrap-server "$bootstrap" --command-config "$client_config" --add \
    --allow-principal "$principal" --resource-pattern-type "$(tr '[:upper:]' '[:lower:]' <<<"$pattern")" \
    "${resource[@]}" "${ops[@]}" >/dev/null
  lines=$((lines + 1))
done <"$acls"
echo "kafka-setup: $lines ACL lines of $acls applied"
