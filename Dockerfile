# toggl-sync in a container: builds the release archive with Maven, then runs it on a JRE.
# Not tested here (no Docker on the build machine); see README "Keep it fresh".
#   docker build -t toggl-sync .
#   docker run -d --name toggl-sync -e TOGGL_API_TOKEN=... -e MY_POSTGRES=postgresql://... \
#     -p 127.0.0.1:9464:9464 toggl-sync run -r /data/replication.yaml --every 5m \
#     --health-port 9464 --health-bind 0.0.0.0
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
# Tests need a PostgreSQL server and a browser: CI runs them (.ci/run); the image only builds.
RUN mvn -B -q -DskipTests package \
 && mkdir /out && tar -xzf toggl-sync-app/target/toggl-sync-*.tar.gz -C /out \
 && mv /out/toggl-sync-* /out/toggl-sync

FROM eclipse-temurin:17-jre
RUN useradd --system --home-dir /data --create-home toggl-sync
COPY --from=build /out/toggl-sync /opt/toggl-sync
USER toggl-sync
WORKDIR /data
EXPOSE 9464
HEALTHCHECK --interval=1m --timeout=5s --start-period=5m CMD curl -fsS http://127.0.0.1:9464/healthz || exit 1
ENTRYPOINT ["/opt/toggl-sync/bin/toggl-sync"]
CMD ["run", "--every", "5m", "--health-port", "9464", "--health-bind", "0.0.0.0"]
