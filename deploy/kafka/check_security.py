#!/usr/bin/env python3
"""Kafka security checks of deploy/validate.sh, on the resolved compose file (docker-compose config).

  python3 deploy/kafka/check_security.py RESOLVED_COMPOSE_YAML     (run from the repository root)

Checks that the broker refuses what no ACL allows and exposes only SCRAM listeners; that each service logs in
as its own user with the password kafka-setup gives that user; and that deploy/kafka/acls.txt grants each
principal exactly the topics its service's code uses (contract Topics constants named under
<service>/src/main; for ingest also site.keys, which it reads without a consumer group), its own group and
transactional-id prefixes, and nothing on the cluster.
Exits 1 listing every problem.
"""
import pathlib
import re
import sys

import yaml

SERVICES = ("ingest", "moderation", "sink")
ACLS = pathlib.Path("deploy/kafka/acls.txt")
errors = []


def check(ok, message):
    if not ok:
        errors.append(message)


def topics_in_contract():
    """Constant name -> topic name, from contract Topics."""
    source = pathlib.Path("contract/src/main/java/dev/threadguard/contract/Topics.java").read_text()
    return dict(re.findall(r'(\w+)\s*=\s*new Topic<>\(\s*"([^"]+)"', source))


def topics_used_by(service, constants):
    """Topic names whose Topics constant the service's main code names."""
    used = set()
    for path in pathlib.Path(service, "src/main/java").rglob("*.java"):
        used.update(re.findall(r"\bTopics\.([A-Z_]+)\b", path.read_text()))
    return {constants[c] for c in used if c in constants}


def read_acls():
    """(principal, type, pattern, name, {operations}) per line of acls.txt."""
    acls = []
    for number, line in enumerate(ACLS.read_text().splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        fields = line.split()
        if len(fields) != 5:
            errors.append(f"{ACLS}:{number}: expected 'principal type pattern name operations', got {line!r}")
            continue
        principal, kind, pattern, name, operations = fields
        check(kind in ("Topic", "Group", "TransactionalId", "Cluster"), f"{ACLS}:{number}: unknown resource type {kind}")
        check(pattern in ("LITERAL", "PREFIXED"), f"{ACLS}:{number}: pattern must be LITERAL or PREFIXED, got {pattern}")
        acls.append((principal, kind, pattern, name, set(operations.split(","))))
    return acls


def check_broker(kafka):
    env = kafka.get("environment", {})
    check(env.get("KAFKA_AUTHORIZER_CLASS_NAME") == "org.apache.kafka.metadata.authorizer.StandardAuthorizer",
          "kafka: KAFKA_AUTHORIZER_CLASS_NAME must be StandardAuthorizer")
    check(str(env.get("KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND")).lower() == "false",
          "kafka: KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND must be false")
    check("User:admin" in str(env.get("KAFKA_SUPER_USERS", "")).split(";"), "kafka: User:admin must be a super user")
    check("SCRAM-SHA-512" in str(env.get("KAFKA_SASL_ENABLED_MECHANISMS", "")), "kafka: SCRAM-SHA-512 must be enabled")
    protocols = dict(p.split(":", 1) for p in str(env.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP", "")).split(","))
    for listener in str(env.get("KAFKA_LISTENERS", "")).split(","):
        name, address = listener.split("://", 1)
        loopback = address.startswith("127.0.0.1:") or address.startswith("localhost:")
        # A PLAINTEXT listener's principal is User:ANONYMOUS, a super user here: only the container may reach it.
        check(protocols.get(name, "").startswith("SASL_") or loopback,
              f"kafka: listener {name} ({address}) is {protocols.get(name)} but not bound to loopback")
    check(env.get("KAFKA_INTER_BROKER_LISTENER_NAME") in protocols, "kafka: the inter-broker listener is not mapped")
    check(env.get("THREADGUARD_KAFKA_ADMIN_PASSWORD") or env.get("THREADGUARD_KAFKA_ADMIN_PASSWORD_FILE"),
          "kafka: THREADGUARD_KAFKA_ADMIN_PASSWORD (the admin's SCRAM credential at format time) is not set")


def check_clients(services):
    setup = services.get("kafka-setup")
    check(setup is not None, "compose: no kafka-setup service (SCRAM users and ACLs)")
    setup_env = (setup or {}).get("environment", {})
    check(setup_env.get("THREADGUARD_KAFKA_ADMIN_PASSWORD")
          == services.get("kafka", {}).get("environment", {}).get("THREADGUARD_KAFKA_ADMIN_PASSWORD"),
          "kafka-setup: logs in with another admin password than the broker was formatted with")
    for name in SERVICES:
        service = services.get(name, {})
        env = service.get("environment", {})
        check(str(env.get("KAFKA_SECURITY_PROTOCOL", "")).startswith("SASL_"),
              f"compose: {name} must set KAFKA_SECURITY_PROTOCOL to SASL_PLAINTEXT or SASL_SSL")
        check(env.get("KAFKA_SASL_USERNAME") == name, f"compose: {name} must log in as its own user {name!r}")
        check(env.get("KAFKA_SASL_PASSWORD") or env.get("KAFKA_SASL_PASSWORD_FILE"),
              f"compose: {name} has neither KAFKA_SASL_PASSWORD nor KAFKA_SASL_PASSWORD_FILE")
        for suffix in ("", "_FILE"):
            check(env.get("KAFKA_SASL_PASSWORD" + suffix) == setup_env.get(f"{name.upper()}_KAFKA_PASSWORD{suffix}"),
                  f"compose: {name}'s KAFKA_SASL_PASSWORD{suffix} differs from what kafka-setup sets for the user {name}")
    # Every service waits for kafka-setup, directly or through another service.
    def waits_for_setup(name, seen=()):
        depends = services.get(name, {}).get("depends_on", {})
        if depends.get("kafka-setup", {}).get("condition") == "service_completed_successfully":
            return True
        return any(waits_for_setup(d, seen + (name,)) for d in depends if d not in seen and d in SERVICES)
    for name in SERVICES:
        check(waits_for_setup(name), f"compose: {name} does not wait for kafka-setup to complete")


def check_acls(acls, services, constants):
    pipeline = set(constants.values())
    principals = {f"User:{s}" for s in SERVICES}
    env = lambda s: services.get(s, {}).get("environment", {})
    own_prefix = {
        "User:ingest": "threadguard-ingest",  # KafkaPublisher's transactional ids
        "User:moderation": env("moderation").get("MODERATION_APPLICATION_ID", "threadguard-moderation"),
        "User:sink": env("sink").get("SINK_GROUP_ID", "threadguard-sink"),
    }
    ingest_source = "\n".join(p.read_text() for p in pathlib.Path("ingest/src/main/java").rglob("KafkaPublisher.java"))
    check(f'"{own_prefix["User:ingest"]}-' in ingest_source,
          "ingest: KafkaPublisher no longer names its transactional ids threadguard-ingest-*; update acls.txt")
    # Ingest reads site.keys by assign(), without a consumer group, so acls.txt gives it no group.
    grouped = [p for p in pathlib.Path("ingest/src/main/java").rglob("*.java") if "GROUP_ID_CONFIG" in p.read_text()]
    check(not grouped or any(p == "User:ingest" and kind == "Group" for p, kind, *_ in acls),
          f"ingest: {', '.join(map(str, grouped))} sets a consumer group, but acls.txt gives ingest none")
    for principal, kind, pattern, name, operations in acls:
        where = f"{ACLS}: {principal} {kind} {pattern} {name}"
        check(principal in principals, f"{where}: unknown principal (one of {sorted(principals)})")
        check(kind != "Cluster", f"{where}: no service needs a cluster-wide permission")
        if kind == "Topic" and pattern == "LITERAL":
            check(name in pipeline, f"{where}: no such topic in contract Topics")
            check(not operations & {"All", "Alter", "AlterConfigs", "Delete"},
                  f"{where}: the pipeline's topics are not any service's to alter or delete")
            check("Create" not in operations or principal == "User:ingest",
                  f"{where}: only ingest creates the pipeline's topics")
        else:
            check(pattern == "PREFIXED" and name == own_prefix.get(principal),
                  f"{where}: a service may own only resources prefixed with its own id {own_prefix.get(principal)!r}")
            check(kind != "Topic" or principal == "User:moderation",
                  f"{where}: only moderation (Kafka Streams) has internal topics")
    for service in SERVICES:
        principal = f"User:{service}"
        granted = {name for p, kind, pattern, name, ops in acls
                   if p == principal and kind == "Topic" and pattern == "LITERAL" and ops - {"Create", "Describe"}}
        used = topics_used_by(service, constants)
        check(granted == used, f"{ACLS}: {principal} may read or write {sorted(granted)}, "
                               f"but {service}'s code uses {sorted(used)}")
    created = {name for p, kind, _, name, ops in acls if p == "User:ingest" and kind == "Topic" and "Create" in ops}
    check(created == pipeline, f"{ACLS}: ingest creates the topics at start (TopicSetup): it needs Create on "
                               f"{sorted(pipeline)}, has {sorted(created)}")


def main():
    compose = yaml.safe_load(open(sys.argv[1]))
    services = compose["services"]
    constants = topics_in_contract()
    check(len(constants) >= 5, "contract Topics: fewer topics found than the pipeline has; is the regex stale?")
    check_broker(services.get("kafka", {}))
    check_clients(services)
    acls = read_acls()
    check_acls(acls, services, constants)
    if errors:
        print("\n".join("  " + e for e in errors), file=sys.stderr)
        sys.exit(1)
    print(f"  {len(acls)} ACL lines for {len(SERVICES)} principals match the topics the code uses; "
          f"broker: StandardAuthorizer, SCRAM-SHA-512, nothing allowed without an ACL")


if __name__ == "__main__":
    main()
