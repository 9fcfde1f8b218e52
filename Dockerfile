# One image for every Node service of Maratron (gateway, ai-server; later the job worker).
FROM node:20.20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json tsconfig.base.json ./
COPY schema/package.json schema/
COPY migrations/package.json migrations/
COPY gateway/package.json gateway/
COPY client/package.json client/
COPY ai-server/package.json ai-server/
RUN npm ci --no-audit --no-fund --include=dev
COPY . .
RUN npm run build && npm prune --omit=dev
EXPOSE 4000
CMD ["node", "gateway/dist/main.js"]
