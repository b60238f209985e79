# syntax=docker/dockerfile:1
# Gatewatch image: `docker compose up --build` builds it from the sources (no host JDK needed).

# Build stage: Maven and JDK 25. The dependency cache survives rebuilds (BuildKit cache mount).
FROM maven:3.9-eclipse-temurin-25 AS build
WORKDIR /src
COPY pom.xml ./
COPY .mvn/ .mvn/
COPY event-schema/ event-schema/
COPY models/ models/
COPY alerting/ alerting/
COPY detector-app/ detector-app/
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q -DskipTests package -pl detector-app -am

# Runtime stage: a JRE 25 and the application, run by an unprivileged user.
FROM eclipse-temurin:25-jre
RUN groupadd --system --gid 10001 gatewatch \
 && useradd --system --uid 10001 --gid gatewatch --home-dir /opt/gatewatch --shell /usr/sbin/nologin gatewatch \
 && mkdir -p /var/lib/gatewatch /etc/gatewatch \
 && chown gatewatch:gatewatch /var/lib/gatewatch
WORKDIR /opt/gatewatch
COPY --from=build /src/detector-app/target/detector-app.jar detector-app.jar
COPY --from=build /src/detector-app/target/lib/ lib/
COPY deploy/gatewatch.compose.yaml /etc/gatewatch/gatewatch.yaml
USER gatewatch:gatewatch
# Kafka Streams' state (RocksDB): a volume, so a restart does not rebuild it from the changelogs.
VOLUME ["/var/lib/gatewatch"]
EXPOSE 9464 9465
ENTRYPOINT ["java", "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", \
  "-XX:MaxRAMPercentage=75", "-cp", "detector-app.jar:lib/*", "io.gatewatch.app.cli.Main"]
CMD ["run", "--config", "/etc/gatewatch/gatewatch.yaml", "--state-dir", "/var/lib/gatewatch"]
