# One image per Faultline MCP server, chosen at build time:
#   docker build --build-arg SERVER=fis-recommender -t faultline/fis-recommender .
#   docker buildx build --platform linux/amd64,linux/arm64 --build-arg SERVER=chaos-engineering ...
# SERVER is a folder of apps/: fis-recommender, chaos-engineering, node-diagnostics.
# AgentCore Runtime runs linux/arm64 images; ECS Fargate runs either architecture.
ARG NODE_IMAGE=node:20-slim

FROM ${NODE_IMAGE} AS build
ARG SERVER=fis-recommender
WORKDIR /repo
RUN npm install --global pnpm@10.34.8
COPY . .
RUN pnpm install --frozen-lockfile \
  && pnpm exec turbo run build --filter="./apps/${SERVER}..." \
  && pnpm --filter "./apps/${SERVER}" deploy --prod --legacy "/app/apps/${SERVER}"

FROM ${NODE_IMAGE}
ARG SERVER=fis-recommender
ENV NODE_ENV=production \
    SERVER=${SERVER}
WORKDIR /app
COPY --from=build /app /app
# The image's own unprivileged user; nothing under /app is writable by it.
USER node
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:8000/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# The same command the end-to-end tests run (apps/fis-recommender/test/http.e2e.test.ts reads this line).
# Shell form so that ${SERVER} expands; exec makes node PID 1, so SIGTERM reaches it and in-flight calls drain.
# Authentication comes from the environment (FAULTLINE_API_KEYS, FAULTLINE_BEARER_TOKENS or FAULTLINE_JWKS_URL...):
# without it the server refuses to listen on 0.0.0.0.
CMD exec node apps/${SERVER}/dist/index.js --transport http --host 0.0.0.0 --port 8000
