# Gatewatch runtime image. Build the application first (./mvnw -q -DskipTests package), then
# `docker compose up --build`.
FROM eclipse-temurin:25-jre
WORKDIR /opt/gatewatch
COPY detector-app/target/detector-app.jar detector-app.jar
COPY detector-app/target/lib/ lib/
COPY deploy/gatewatch.compose.yaml /etc/gatewatch/gatewatch.yaml
EXPOSE 9464
ENTRYPOINT ["java", "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", \
  "-cp", "detector-app.jar:lib/*", "io.gatewatch.app.cli.Main"]
CMD ["run", "--config", "/etc/gatewatch/gatewatch.yaml", "--state-dir", "/var/lib/gatewatch"]
