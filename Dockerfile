# syntax=docker/dockerfile:1

# Build stage: the Maven wrapper on a full JDK 25.
FROM eclipse-temurin:25-jdk AS build
WORKDIR /workspace

# Dependencies first, in a layer of their own that is reused until pom.xml changes.
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
RUN ./mvnw --batch-mode --no-transfer-progress dependency:go-offline

COPY src/main/ src/main/
RUN ./mvnw --batch-mode --no-transfer-progress -Dmaven.test.skip=true package \
 && cp target/icebroker-*.jar app.jar \
 && java -Djarmode=tools -jar app.jar extract --layers --destination extracted

# Run stage: a JRE 25, as an unprivileged user, from the jar's layers (dependencies
# change least, so they come first and stay cached between releases): app.jar, whose
# manifest names the jars in lib/. A JDK AOT cache needs classes in jars, not in
# directories, so the launcher is not extracted.
FROM eclipse-temurin:25-jre
RUN groupadd --system --gid 10001 icebroker \
 && useradd --system --uid 10001 --gid icebroker --no-create-home --home-dir /app --shell /usr/sbin/nologin icebroker
WORKDIR /app
COPY --from=build /workspace/extracted/dependencies/ ./
COPY --from=build /workspace/extracted/snapshot-dependencies/ ./
COPY --from=build /workspace/extracted/application/ ./

# Railway reads one JSON object per line from stdout. PORT is set by Railway; the
# application falls back to 8080 without it. Set before the training run, so that the
# cache holds the classes that write those lines.
ENV LOGGING_STRUCTURED_FORMAT_CONSOLE=logstash

# The jar carries Spring AOT's bean definitions (-Dspring.aot.enabled=true starts from
# them; a start that needs other beans, MANAGEMENT_PORT or --probe, falls back to the
# classes and says so). A JDK AOT cache is trained on this very jar and JRE: the service
# starts, answers the requests its users make and stops (ops/train-aot-cache.sh); nothing
# is configured, so no provider is called and no network is needed. Starting with it loads
# and links the classes that run used in a fraction of the time.
COPY ops/train-aot-cache.sh ./
RUN bash train-aot-cache.sh java -XX:AOTCacheOutput=app.aot -Dspring.aot.enabled=true -jar app.jar
USER 10001:10001
EXPOSE 8080

# The heap follows the container's memory limit; running out of memory exits, so that
# the restart policy starts a fresh replica instead of leaving a crippled one.
# A cache the JVM cannot use (another JVM build) is reported and skipped, not fatal.
# With an AOT cache, Temurin 25.0.3 keeps hot methods at a lower tier while C2's queue is
# long, as on two busy cores (JDK-8386852, fixed upstream in 26): the Tier3Delay flags
# turn that throttle off (docs/performance.md).
ENTRYPOINT ["java", "-XX:AOTCache=app.aot", "-Dspring.aot.enabled=true", "-XX:Tier3DelayOn=100000", "-XX:Tier3DelayOff=100000", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-jar", "app.jar"]
