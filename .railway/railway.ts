// IceBroker on Railway, evaluated by `railway config plan` / `railway config apply`.
// railway.json (../railway.json) still configures services created before the Config as Code
// cutoff and must state the same build, healthcheck and restarts: check.ts fails when they differ.
import { defineRailway, preserve, project, redis, service } from "railway/iac";

export default defineRailway((ctx) => {
  const replicas = ctx.isEnvironment("production") ? 2 : 1;
  // More than one replica share rate limits and minted credentials through Redis
  // (docs/replicas.md); one replica keeps them in process and needs none.
  const shared = replicas > 1 ? redis("redis") : undefined;
  const icebroker = service("icebroker", {
    // No source: deployed with `railway up`; github("owner/repo") would deploy from a repository.
    build: { builder: "DOCKERFILE", dockerfilePath: "Dockerfile" },
    // Readiness stays UP through provider outages, so a TURN outage never fails a deploy.
    healthcheck: "/readyz",
    healthcheckTimeout: 120,
    // The image exits on OutOfMemoryError; the restart policy replaces that replica.
    deploy: { restartPolicyType: "ON_FAILURE", restartPolicyMaxRetries: 10 },
    replicas,
    // PORT is not declared: Railway sets it. preserve() keeps the value Railway already holds,
    // so secrets and per-deployment settings live only in the dashboard, never in this file.
    env: {
      LOGGING_STRUCTURED_FORMAT_CONSOLE: "logstash",

      // Settings: every other variable the service reads, kept as set in the dashboard (unset
      // means the service's own default), so that applying this file never removes one.
      CLOUDFLARE_API_BASE_URL: preserve(),
      CLOUDFLARE_CONNECT_TIMEOUT: preserve(),
      CLOUDFLARE_READ_TIMEOUT: preserve(),
      COTURN_URLS: preserve(),
      MANAGEMENT_PORT: preserve(),
      METERED_API_BASE_URL: preserve(),
      METERED_APP_NAME: preserve(),
      METERED_CONNECT_TIMEOUT: preserve(),
      METERED_READ_TIMEOUT: preserve(),
      PUBLIC_STUN_URLS: preserve(),
      PUBLIC_TURN_URLS: preserve(),
      PUBLIC_TURN_USERNAME: preserve(),
      XIRSYS_API_BASE_URL: preserve(),
      XIRSYS_CHANNEL: preserve(),
      XIRSYS_CONNECT_TIMEOUT: preserve(),
      XIRSYS_READ_TIMEOUT: preserve(),
      TURN_ALLOWED_ORIGINS: preserve(),
      TURN_AUTH_MODE: preserve(),
      TURN_CACHE: preserve(),
      TURN_CACHE_MIN_REMAINING: preserve(),
      TURN_CHAIN_DEADLINE: preserve(),
      TURN_CIRCUIT_COOLDOWN: preserve(),
      TURN_CLIENT_ADDRESS_HEADER: preserve(),
      TURN_CREDENTIAL_TTL: preserve(),
      TURN_JWT_AUDIENCE: preserve(),
      TURN_JWT_ISSUER: preserve(),
      TURN_JWT_JWK_SET_URI: preserve(),
      TURN_JWT_MAX_LIFETIME: preserve(),
      TURN_MAX_URLS: preserve(),
      TURN_PROBE_INTERVAL: preserve(),
      TURN_PROBE_ON_STARTUP: preserve(),
      TURN_PROBE_TIMEOUT: preserve(),
      TURN_PROVIDER_ORDER: preserve(),
      TURN_RATE_LIMIT_PER_MINUTE: preserve(),
      TURN_TRUSTED_PROXIES: preserve(),
      TURN_UPSTREAM_THREADS: preserve(),
      TWILIO_API_BASE_URL: preserve(),
      TWILIO_CONNECT_TIMEOUT: preserve(),
      TWILIO_READ_TIMEOUT: preserve(),
      TURN_REDIS_PREFIX: preserve(),
      TURN_REDIS_TIMEOUT: preserve(),
      // Railway's Redis hands out its URL, password included: referenced, never written here.
      REDIS_URL: shared !== undefined ? shared.env.REDIS_URL : preserve(),

      // Secrets.
      TWILIO_ACCOUNT_SID: preserve(),
      TWILIO_AUTH_TOKEN: preserve(),
      TWILIO_API_KEY_SID: preserve(),
      TWILIO_API_KEY_SECRET: preserve(),
      CLOUDFLARE_TURN_KEY: preserve(),
      CLOUDFLARE_API_TOKEN: preserve(),
      COTURN_SECRET: preserve(),
      METERED_API_KEY: preserve(),
      XIRSYS_IDENT: preserve(),
      XIRSYS_SECRET: preserve(),
      TURN_API_KEYS: preserve(),
      TURN_ADMIN_KEYS: preserve(),
      TURN_JWT_SECRET: preserve(),
      PUBLIC_TURN_CREDENTIAL: preserve(),
    },
  });

  return project("icebroker", { resources: shared !== undefined ? [shared, icebroker] : [icebroker] });
});
