# One image runs any Threadguard service: `docker run IMAGE ingest|moderation|sink|up|evaluate ...`.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
COPY contract/pom.xml contract/
COPY embedded/pom.xml embedded/
COPY ingest/pom.xml ingest/
COPY moderation/pom.xml moderation/
COPY sink/pom.xml sink/
COPY launcher/pom.xml launcher/
RUN mvn -B -q dependency:go-offline -pl launcher -am || true
COPY . .
RUN mvn -B -q -Dmaven.test.skip=true package -pl launcher -am

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 threadguard
WORKDIR /app
COPY --from=build /src/launcher/target/threadguard.jar /app/threadguard.jar
COPY --from=build /src/launcher/target/lib /app/lib
USER threadguard
ENTRYPOINT ["java", "-cp", "/app/threadguard.jar:/app/lib/*", "dev.threadguard.launcher.Main"]
CMD ["--help"]
