# syntax=docker/dockerfile:1
# Build: compile TypeScript and the better-sqlite3 native module against glibc (Debian slim).
FROM node:20-bookworm-slim AS build
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
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    SAGEAUDIT_DB=/data/sageaudit.db \
    SAGEAUDIT_OUT=/data/reports \
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
USER node
# Run with `docker run --init` (or the orchestrator's equivalent) so signals reach node, which
# stops the scheduler, lets the current run finish or marks it incomplete, and closes the DB.
ENTRYPOINT ["sageaudit"]
CMD ["daemon"]
