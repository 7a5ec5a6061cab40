# Multi-stage build: compile TypeScript with the full toolchain, ship only the runtime (production
# dependencies, dist/, package.json). Node 24 LTS (20 reached end of life on 2026-04-30), the base
# image pinned to an exact release so a rebuild gets the same runtime; bump NODE_VERSION on purpose.
# 24.21.0 is the newest 24.x release the build machines could confirm (npm's `node` package; they
# reach no container registry, so the image itself is not built in CI).
ARG NODE_VERSION=24.21.0
FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /src
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:${NODE_VERSION}-bookworm-slim
ENV NODE_ENV=production PORT=8080 ROCKET_DATA_DIR=/data ROCKET_STORAGE_PATH=/data/uploads
WORKDIR /app
COPY --from=build /src/node_modules ./node_modules
COPY --from=build /src/dist ./dist
COPY --from=build /src/package.json ./package.json
RUN mkdir -p /data && chown -R node:node /data
USER node
VOLUME ["/data"]
EXPOSE 8080
# The start period covers migrations and seeding on first start.
HEALTHCHECK --interval=30s --timeout=3s --start-period=30s --retries=3 CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["node", "dist/server.js"]
