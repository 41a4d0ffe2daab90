# Build stage: the same Maven build as the README.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src ./src
RUN mvn -B -q package -DskipTests

# Runtime stage: JRE only, unprivileged user, config/ and routes/ mountable.
FROM eclipse-temurin:17-jre
# curl for the HEALTHCHECK: installed explicitly, not relied on from the base image
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
RUN useradd --system --uid 10001 --home-dir /app dunning
WORKDIR /app
COPY --from=build /src/target/dunning-hub.jar /app/dunning-hub.jar
COPY config /app/config
COPY routes /app/routes
RUN mkdir -p /app/var && chown -R dunning /app/var
USER dunning
VOLUME ["/app/config", "/app/routes", "/app/var"]
# hub.http.port: delivery receipts (health and metrics share it)
EXPOSE 8080
# Readiness: ledger and core banking database reachable (hub.http.port, default 8080).
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD curl -fsS http://127.0.0.1:8080/health/ready || exit 1
ENTRYPOINT ["java", "-jar", "/app/dunning-hub.jar"]
CMD ["run"]
