# syntax=docker/dockerfile:1
# Node 22: the AWS SDK for JavaScript v3 drops Node 20 in January 2027. package.json still accepts
# Node >= 20.19 (CI runs the tests on Node 20); the image runs the newer LTS.
# Build: compile TypeScript and the better-sqlite3 native module against glibc (Debian slim).
FROM node:22-bookworm-slim AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
# `prepare` builds from src/, which is not copied yet: install first, build after.
RUN npm ci --ignore-scripts --no-audit --no-fund && npm rebuild better-sqlite3
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build && npm prune --omit=dev

# Run: only the compiled code, production dependencies and the data files it reads.
FROM node:22-bookworm-slim
ENV NODE_ENV=production \
    SAGEAUDIT_DB=/data/sageaudit.db \
    SAGEAUDIT_OUT=/data/reports \
    SAGEAUDIT_LISTEN=0.0.0.0:9090 \
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY mappings ./mappings
COPY templates ./templates
COPY examples ./examples
RUN chmod 0755 dist/cli/main.js \
 && ln -s /app/dist/cli/main.js /usr/local/bin/sageaudit \
 && mkdir -p /data && chown node:node /data
VOLUME ["/data"]
EXPOSE 9090
USER node
# /healthz: 200 while the last run completed and is at most two schedule periods old, 503 when it
# failed or is older. The slim image has no curl: node's own fetch asks, with a 5 s timeout.
HEALTHCHECK --interval=60s --timeout=10s --start-period=120s --retries=3 \
  CMD ["node", "-e", "const p=(process.env.SAGEAUDIT_LISTEN||'0.0.0.0:9090').split(':').pop();fetch('http://127.0.0.1:'+p+'/healthz',{signal:AbortSignal.timeout(5000)}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Run with `docker run --init` (or the orchestrator's equivalent) so signals reach node, which
# stops the scheduler, aborts in-flight AWS calls, lets the current run finish within
# SAGEAUDIT_SHUTDOWN_GRACE_MS or marks it incomplete, and closes the database. The entrypoint is
# the CLI itself (node via its shebang), never `npm start`, which would swallow SIGTERM.
ENTRYPOINT ["sageaudit"]
CMD ["daemon"]
