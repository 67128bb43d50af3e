# canon's batch image: `docker build -t canon .`, then e.g.
#   docker run --rm -e DATABASE_URL -v "$PWD/raw/pages:/app/raw/pages:ro" -v "$PWD/out:/app/out" canon
# No secret is baked in: DATABASE_URL comes from the environment at run time (a Kubernetes secret, CI secret).

# --- build: compile TypeScript with the dev dependencies, exactly as package-lock.json says ---
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: `prepare` would compile before the sources are copied; we compile below.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
RUN npm run build

# --- runtime: production dependencies only, compiled code, pipelines and reference data; runs as `node` ---
FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY bin ./bin
COPY pipelines ./pipelines
COPY raw/reference ./raw/reference
# Writable places for the non-root user: the embedded database (when no DATABASE_URL is given),
# the exports and the metrics textfile. Pages are mounted at /app/raw/pages.
RUN mkdir -p /app/.canon /app/out /app/raw/pages /app/edits && chown -R node:node /app/.canon /app/out /app/edits
USER node
ENTRYPOINT ["node", "bin/canon.js"]
CMD ["run", "nightly", "--log", "json"]
