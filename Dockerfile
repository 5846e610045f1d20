# The worker and the web app (and the CLI) in one image; docker-compose.yml runs it with different commands.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY . .
# The Temporal binaries are for development only: a container talks to a Temporal cluster.
ENV TEMPORAL_CLI=/bin/true TEMPORAL_TEST_SERVER=/bin/true
RUN npm ci --no-audit --no-fund && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The built-in procedures (PROCEDURES_DIR's default); the project root is found by package.json above.
COPY --from=build /app/procedures ./procedures
RUN mkdir -p /app/var/blobs && chown -R node:node /app/var
USER node
CMD ["node", "dist/worker/main.js"]
