# syntax=docker/dockerfile:1
#
# Promptsmith as a container: the standalone server (next.config.ts, BUILD_STANDALONE=1) on an
# official Node image, run as a non-root user, with DATA_DIR on a volume.
#
#   docker build -t promptsmith .
#   docker run -p 3000:3000 -v promptsmith-data:/data -e APP_PASSWORD=... promptsmith
#
# Every stage uses the same image, so the native modules that `npm ci` installs in the first
# stage (better-sqlite3's binary, sharp's @img/sharp-linux-<arch> and its libvips) are built or
# fetched for the runtime's own libc (glibc, Debian bookworm) and CPU architecture. Do not mix in
# an Alpine (musl) stage. Node 20, the version every test runs on (better-sqlite3 12 and openai 6
# are chosen for it); Node 20 reached its end of life in April 2026, so moving the image, the tests
# and those two packages to Node 22 together is the next step, not a change of this line alone.
ARG NODE_IMAGE=node:20-bookworm-slim

# ---- deps: the exact dependency tree of package-lock.json ------------------------------------
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
# better-sqlite3 downloads a prebuilt binary and compiles from source when none matches (or the
# download is blocked); the compiler stays in this stage and never reaches the runtime image.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

# ---- build: next build with standalone output -------------------------------------------------
FROM deps AS build
WORKDIR /app
COPY . .
ENV NEXT_TELEMETRY_DISABLED=1 \
    BUILD_STANDALONE=1
RUN npx next build

# ---- runtime: only the standalone server, its static files and public/ ----------------------
FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
# HOSTNAME: Docker sets it to the container's id, and server.js listens on whatever HOSTNAME
# names: the container's own interface must be every interface (0.0.0.0), or the published port
# and the HEALTHCHECK (127.0.0.1) find nothing. Outside a container `npm start` keeps its
# default of 127.0.0.1 (README, Configuration). The port is published with `-p`/compose.
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    HOSTNAME=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/data
RUN groupadd --system --gid 1001 promptsmith \
  && useradd --system --uid 1001 --gid promptsmith --home-dir /app --shell /usr/sbin/nologin promptsmith
# The server's files belong to root and are only read; the user writes DATA_DIR (SQLite, images,
# the random session secret) and Next's cache, nothing else.
COPY --from=build /app/.next/standalone ./
COPY --from=build /app/.next/static ./.next/static
COPY --from=build /app/public ./public
RUN mkdir -p /data /app/.next/cache \
  && chown promptsmith:promptsmith /data /app/.next/cache
VOLUME ["/data"]
USER promptsmith
EXPOSE 3000
# Liveness only (GET /api/health never touches the database): a database outage must not get the
# container restarted. Load balancers ask GET /api/ready. Slim images have no curl: Node asks.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health',{signal:AbortSignal.timeout(4000)}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# The configuration is checked as the server starts (instrumentation.ts): a bad variable ends
# the process with exit code 1 and one line naming it. The memory settings are `npm start`'s
# (scripts/server-memory.mjs, where each is measured): V8's young generation kept at 1 MB a half
# and a slower-growing old generation, and two glibc malloc arenas. tests/unit/deploy-files.test.ts
# keeps the two in step.
ENV MALLOC_ARENA_MAX=2
CMD ["node", "--max-semi-space-size=1", "--optimize-for-size", "server.js"]
