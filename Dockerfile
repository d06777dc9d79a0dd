# syntax=docker/dockerfile:1
# One image runs any Threadguard service, chosen by its command:
#   docker run IMAGE ingest | moderation | sink | evaluate ... | --help
# Configured only through environment variables (see README "Configuration" and docs/deploy.md).

# --- build: the launcher jar and its runtime libraries --------------------------------------------
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
# The Maven repository is a BuildKit cache (the default builder of Docker 23+ and Compose v2): rebuilds
# after a source change download nothing, whatever modules the parent pom lists.
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q -Dmaven.test.skip=true package -pl launcher -am

# --- runtime: a JRE, the jar, its libraries --------------------------------------------------------
FROM eclipse-temurin:17-jre-noble
# curl backs the health checks of docker-compose.yml (GET /health).
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /var/lib/threadguard threadguard \
 && mkdir -p /var/lib/threadguard/streams \
 && chown -R threadguard /var/lib/threadguard
WORKDIR /app
COPY --from=build /src/launcher/target/threadguard.jar /app/threadguard.jar
COPY --from=build /src/launcher/target/lib /app/lib
USER threadguard
# Heap sized from the container's memory limit; an OutOfMemoryError ends the process so the
# orchestrator restarts it, rather than leaving a half-working service behind.
# DJL (the embedding model's tokenizer) unpacks its native library into DJL_CACHE_DIR: it must be writable.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError" \
    MODERATION_STATE_DIR=/var/lib/threadguard/streams \
    DJL_CACHE_DIR=/var/lib/threadguard/djl
# ingest, sink, moderation (health and metrics)
EXPOSE 8081 8080 8082
ENTRYPOINT ["java", "-cp", "/app/threadguard.jar:/app/lib/*", "dev.threadguard.launcher.Main"]
CMD ["--help"]
