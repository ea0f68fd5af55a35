# Masthead in a container: build the server and the admin app with the dev tools, then ship the
# built tree on a production install (npm ci --omit=dev). See docs/deployment.md.
#   docker build -t masthead .
#   docker run -p 3000:3000 -v masthead-data:/app/data \
#     -e NODE_ENV=production -e HOST=0.0.0.0 -e PUBLIC_URL=https://news.example.org \
#     -e SECRET_KEYS="$(openssl rand -base64 32)" masthead

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

FROM node:20-bookworm-slim
# pg_dump for `masthead backup` on PostgreSQL.
RUN apt-get update && apt-get install -y --no-install-recommends postgresql-client \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 DATABASE_URL=/app/data/masthead.db MEDIA_DIR=/app/data/media
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/bin ./bin
COPY --from=build /app/scripts ./scripts
COPY --from=build /app/dist ./dist
COPY --from=build /app/admin/dist ./admin/dist
RUN mkdir -p /app/data && chown node:node /app/data
USER node
VOLUME /app/data
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "bin/masthead.js", "start"]
