# syntax=docker/dockerfile:1
# Multi-stage: compile with the dev toolchain, install the production dependencies apart, and
# run with only those and the compiled gateway, as a non-root user. Node 26 is the current LTS line.
#
# The runtime stage holds exactly (test/image.test.ts assembles this file list from this file,
# runs its `npm ci --omit=dev` and starts it; there is no Docker daemon in CI to build it):
#   package.json, package-lock.json  "type": "module", and the versions `npm ci` installed
#   node_modules/                    production dependencies only (no SDK workspace, no dev tools)
#   dist/src/                        the compiled gateway: no source maps, no declarations, no bench
# The simulator (dist/src/simulator/, about 250 kB, no dependency of its own) stays in: it is
# what `docker run … node dist/src/demo.js` (the demo, offline) and compose.yaml's simulator
# service run, so the image can be tried without reaching Treeherder.

FROM node:26-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY packages/sdk/package.json ./packages/sdk/
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
RUN npx tsc -p tsconfig.json --sourceMap false --declaration false && rm -rf dist/src/bench

FROM node:26-slim AS deps
WORKDIR /app
# Without packages/sdk/ npm installs the gateway's own dependencies and no workspace.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM node:26-slim
ENV NODE_ENV=production \
    PORT=4000 \
    HOST=0.0.0.0
WORKDIR /app
COPY --from=deps --chown=root:root /app/package.json /app/package-lock.json ./
COPY --from=deps --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist ./dist
USER node
EXPOSE 4000
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||4000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# SIGTERM drains in-flight requests before the process exits.
STOPSIGNAL SIGTERM
CMD ["node", "dist/src/main.js"]
