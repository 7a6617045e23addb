# One image for every service: compose.yaml picks the entry point. The
# TypeScript sources run through tsx, as in development: no build step.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY . .
RUN npm ci --omit=dev && npm cache clean --force
USER node
CMD ["node", "--import", "tsx", "scripts/migrate.ts"]
