#!/usr/bin/env bash
# Validates the deployment without a Docker engine: docker-compose.yml (Debian's docker-compose),
# the Prometheus config and alerts, the Grafana provisioning and dashboard, and that every
# threadguard_ metric they use is documented in deploy/METRICS.md; Kafka security: the broker refuses
# what no ACL allows, every service logs in with its own SCRAM user, and deploy/kafka/acls.txt grants each
# principal exactly the topics its code uses (KafkaAclsIT proves on a real broker that these ACLs suffice).
#
#   deploy/validate.sh               # installs docker-compose if missing (apt)
#   deploy/validate.sh --promtool    # also installs Debian's prometheus package for promtool
#                                    # (checks config, rules, the alert unit tests and the dashboard's PromQL)
# promtool is used whenever it is on the PATH.
set -euo pipefail
cd "$(dirname "$0")/.."

want_promtool=false
[ "${1:-}" = "--promtool" ] && want_promtool=true

apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

if ! command -v docker-compose >/dev/null; then
  echo "validate: installing docker-compose (Debian)"
  apt_install docker-compose
fi
if $want_promtool && ! command -v promtool >/dev/null; then
  echo "validate: installing promtool (Debian's prometheus package)"
  apt_install prometheus
fi

echo "validate: docker-compose.yml"
docker-compose -f docker-compose.yml config -q
# Also with the variables a deployment may set, so that substitution keeps the file valid.
TOPIC_PARTITIONS=12 GRAFANA_ADMIN_PASSWORD=secret THREADGUARD_ADMIN_PASSWORD=a-long-secret docker-compose -f docker-compose.yml config -q
bash -n deploy/kafka/start-broker.sh deploy/kafka/setup.sh
resolved="$(mktemp)"
trap 'rm -rf "$resolved" "${work:-}"' EXIT
docker-compose -f docker-compose.yml config >"$resolved"

echo "validate: dashboard, provisioning, Prometheus config, metric names"
# python3-yaml comes with docker-compose.
python3 - "$resolved" <<'PY'
import json, pathlib, re, sys, yaml

errors = []
def check(ok, message):
    if not ok:
        errors.append(message)

compose = yaml.safe_load(open(sys.argv[1]))
services = compose["services"]
check({"kafka", "postgres", "ingest", "moderation", "sink", "prometheus", "grafana"} <= services.keys(),
      "compose: a service is missing: " + ", ".join(sorted(services)))
for name, service in services.items():
    image = service.get("image", "")
    if "build" not in service:
        check(":" in image and not image.endswith(":latest"), f"compose: {name} image {image!r} is not pinned")
    # A one-shot service (kafka-setup) is waited for with service_completed_successfully instead.
    check("healthcheck" in service or service.get("restart") == "no", f"compose: {name} has no health check")

ports = {"ingest": "INGEST_PORT", "sink": "SINK_PORT", "moderation": "MODERATION_PORT"}
partitions = set()
for name, variable in ports.items():
    service = services.get(name, {})
    env = service.get("environment", {})
    check(service.get("command") == [name], f"compose: {name} must run the command [{name!r}]")
    check("KAFKA_BOOTSTRAP_SERVERS" in env, f"compose: {name} lacks KAFKA_BOOTSTRAP_SERVERS")
    check(variable in env, f"compose: {name} lacks {variable}")
    check(f"localhost:{env.get(variable)}/health" in " ".join(service.get("healthcheck", {}).get("test", [])),
          f"compose: {name} health check does not call /health on {variable}")
    partitions.add(str(env.get("TOPIC_PARTITIONS")))
check(len(partitions) == 1, f"compose: the services disagree on TOPIC_PARTITIONS: {partitions}")
check("THREADGUARD_ADMIN_PASSWORD" in services.get("sink", {}).get("environment", {}),
      "compose: the sink lacks THREADGUARD_ADMIN_PASSWORD, so nobody could log in to the review page")
moderation = services.get("moderation", {})
check("container_name" not in moderation and not moderation.get("ports"),
      "compose: moderation must have no container_name and no host port, or --scale fails")
check(str(moderation.get("environment", {}).get("MODERATION_STATE_DIR", "")).startswith("/"),
      "compose: moderation needs MODERATION_STATE_DIR inside its container")
check(not any("streams" in str(v) for v in moderation.get("volumes", []) or []),
      "compose: moderation instances must not share a state-dir volume")

# The one image: pinned base images, and each compose command is a command of the launcher.
dockerfile = open("Dockerfile").read()
for base in re.findall(r"^FROM\s+(\S+)", dockerfile, re.M):
    check(":" in base and not base.endswith(":latest"), f"Dockerfile: base image {base} is not pinned")
main = re.search(r'"(dev\.threadguard\.[\w.]+)"\]', dockerfile)
check(main and pathlib.Path("launcher/src/main/java/" + main.group(1).replace(".", "/") + ".java").exists(),
      "Dockerfile: the ENTRYPOINT main class is not in the launcher")
commands = set(re.findall(r'@Command\(name = "(\w+)"', "".join(
    p.read_text() for p in pathlib.Path("launcher/src/main/java").rglob("*.java"))))
for name in ports:
    check(name in commands, f"launcher: no command {name!r} for the compose service {name}")

prometheus = yaml.safe_load(open("deploy/prometheus/prometheus.yml"))
jobs = {job["job_name"]: job for job in prometheus["scrape_configs"]}
for name, variable in ports.items():
    port = str(services.get(name, {}).get("environment", {}).get(variable))
    job = jobs.get(name)
    check(job is not None, f"prometheus: no scrape job {name}")
    if job:
        targets = [t for c in job.get("static_configs", []) for t in c["targets"]]
        targets += [f"{n}:{c['port']}" for c in job.get("dns_sd_configs", []) for n in c["names"]]
        check(f"{name}:{port}" in targets, f"prometheus: job {name} does not scrape {name}:{port} ({targets})")
check("dns_sd_configs" in jobs.get("moderation", {}), "prometheus: moderation must be found by DNS (it scales)")

datasources = yaml.safe_load(open("deploy/grafana/provisioning/datasources/prometheus.yml"))["datasources"]
uids = {d["uid"] for d in datasources}
providers = yaml.safe_load(open("deploy/grafana/provisioning/dashboards/threadguard.yml"))["providers"]
grafana_volumes = [str(v) for v in services["grafana"].get("volumes", [])]
for provider in providers:
    check(any(v.endswith(provider["options"]["path"] + ":ro") or provider["options"]["path"] + ":" in v
              for v in grafana_volumes), f"grafana: dashboard path {provider['options']['path']} is not mounted")

used = set()
for path in sorted(pathlib.Path("deploy/grafana/dashboards").glob("*.json")):
    dashboard = json.load(open(path))
    check(dashboard.get("uid"), f"{path}: no uid")
    for panel in dashboard["panels"]:
        if panel["type"] == "row":
            continue
        check(panel.get("datasource", {}).get("uid") in uids, f"{path}: panel {panel['title']!r} uses an unknown datasource")
        check(panel.get("targets"), f"{path}: panel {panel['title']!r} has no query")
        for target in panel.get("targets", []):
            used.update((str(path), m) for m in re.findall(r"threadguard_\w+", target["expr"]))
alerts = open("deploy/prometheus/alerts.yml").read()
used.update(("deploy/prometheus/alerts.yml", m) for m in re.findall(r"threadguard_\w+", alerts))

documented = set(re.findall(r"`(threadguard_\w+)`", open("deploy/METRICS.md").read()))
for source, metric in sorted(used):
    base = re.sub(r"_(bucket|count|sum|max)$", "", metric)
    # A regex over names, e.g. threadguard_(moderation|sink)_dead_letters_total, expands to documented names.
    if base.endswith("_") or "(" in base:
        continue
    check(base in documented, f"{source}: {metric} is not documented in deploy/METRICS.md")
for name in ("threadguard_(moderation|sink)_dead_letters_total",):
    for expanded in ("threadguard_moderation_dead_letters_total", "threadguard_sink_dead_letters_total"):
        check(expanded in documented, f"{expanded} is not documented in deploy/METRICS.md")

if errors:
    print("\n".join("  " + e for e in errors), file=sys.stderr)
    sys.exit(1)
print(f"  {len(services)} services, {len(jobs)} scrape jobs, {len({m for _, m in used})} threadguard metrics used, all documented")
PY

echo "validate: Kafka security (SCRAM users, authorizer, deploy/kafka/acls.txt against the code)"
python3 deploy/kafka/check_security.py "$resolved"

if command -v promtool >/dev/null; then
  echo "validate: promtool ($(promtool --version 2>&1 | head -1))"
  work="$(mktemp -d)"
  # The config names its rule file by its path inside the container.
  cp deploy/prometheus/alerts.yml "$work/alerts.yml"
  sed "s#/etc/prometheus/alerts.yml#$work/alerts.yml#" deploy/prometheus/prometheus.yml >"$work/prometheus.yml"
  promtool check config "$work/prometheus.yml"
  promtool check rules deploy/prometheus/alerts.yml
  (cd deploy/prometheus && promtool test rules alerts.test.yml)
  # Every dashboard query must parse: each becomes a recording rule, Grafana's variables replaced.
  python3 - "$work/dashboard-rules.yml" <<'PY'
import json, pathlib, sys, yaml
rules = []
for path in sorted(pathlib.Path("deploy/grafana/dashboards").glob("*.json")):
    for panel in json.load(open(path))["panels"]:
        for target in panel.get("targets", []):
            expr = target["expr"]
            for variable in ("$__rate_interval", "$__interval", "$__range"):
                expr = expr.replace(variable, "5m")
            rules.append({"record": f"dashboard:query:{len(rules)}", "expr": expr})
yaml.safe_dump({"groups": [{"name": "dashboard-queries", "rules": rules}]}, open(sys.argv[1], "w"))
PY
  promtool check rules "$work/dashboard-rules.yml"
else
  echo "validate: promtool not found; Prometheus config and PromQL checked for YAML structure only (deploy/validate.sh --promtool checks them fully)"
fi
echo "validate: OK"
