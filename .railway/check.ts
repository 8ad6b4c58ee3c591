// Offline check of railway.ts: evaluates it the way the CLI would for each environment and compares it
// with ../railway.json, which still configures services created before the Config as Code cutoff.
// Run with `npx tsx .railway/check.ts`; exits non-zero on any failure. Never prints a variable's value.
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createRailwayContext, project } from "railway/iac";
import type { DatabaseNode, ResourceNode, ServiceNode, VariableValue } from "railway/iac";
import program from "./railway.ts";

const SERVICE = "icebroker";
const REPLICAS: Readonly<Record<string, number>> = { production: 2, preview: 1 };
const SECRETS = [
  "TWILIO_ACCOUNT_SID",
  "TWILIO_AUTH_TOKEN",
  "TWILIO_API_KEY_SID",
  "TWILIO_API_KEY_SECRET",
  "CLOUDFLARE_TURN_KEY",
  "CLOUDFLARE_API_TOKEN",
  "COTURN_SECRET",
  "METERED_API_KEY",
  "XIRSYS_IDENT",
  "XIRSYS_SECRET",
  "TURN_API_KEYS",
  "TURN_ADMIN_KEYS",
  "TURN_JWT_SECRET",
  "PUBLIC_TURN_CREDENTIAL",
] as const;
const SECRET_NAME = /TOKEN|SECRET|KEY|PASSWORD|CREDENTIAL|SID/;

const path = (relative: string): string => fileURLToPath(new URL(relative, import.meta.url));

type Section = Record<string, unknown>;
interface ConfigAsCode {
  build?: Section;
  deploy?: Section;
  environments?: Record<string, { build?: Section; deploy?: Section }>;
}

function readRailwayJson(): ConfigAsCode {
  const file = path("../railway.json");
  try {
    return JSON.parse(readFileSync(file, "utf8")) as ConfigAsCode;
  } catch (error) {
    console.error(`railway.json: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}

// Every environment variable the service reads: application.yaml maps each as ${NAME:}.
function readVariables(): string[] {
  const yaml = readFileSync(path("../src/main/resources/application.yaml"), "utf8");
  return [...new Set([...yaml.matchAll(/\$\{([A-Z][A-Z0-9_]*)[:}]/g)].map((match) => match[1] as string))];
}

const show = (value: unknown): string => (value === undefined ? "nothing" : JSON.stringify(value));

function literalValue(value: VariableValue): boolean {
  const config = value.type === "literal" ? value : value.type === "raw" ? value.value : undefined;
  return config != null && (config.value != null || config.defaultValue != null || config.encryptedValue != null);
}

function isService(resource: ResourceNode): resource is ServiceNode {
  return resource.type === "service";
}

async function checkEnvironment(environment: string, expectedReplicas: number, cac: ConfigAsCode): Promise<string[]> {
  const failures: string[] = [];
  let resources: ResourceNode[];
  try {
    const definition = await program(createRailwayContext({ environment }), project);
    resources = (definition.resources ?? []).flat();
  } catch (error) {
    return [`railway.ts threw while evaluating: ${error instanceof Error ? error.message : String(error)}`];
  }

  const services = resources.filter(isService).filter((resource) => resource.name === SERVICE);
  const svc = services[0];
  if (services.length !== 1 || svc === undefined) {
    const names = resources.filter(isService).map((resource) => resource.name);
    return [`expected one service named "${SERVICE}", found ${services.length} (services: ${show(names)})`];
  }

  if (svc.build?.builder !== "DOCKERFILE") {
    failures.push(`build.builder is ${show(svc.build?.builder)}, expected "DOCKERFILE"`);
  }
  const dockerfile = svc.build?.dockerfilePath ?? "Dockerfile";
  if (!existsSync(path(`../${dockerfile}`))) {
    failures.push(`build.dockerfilePath ${show(dockerfile)} does not exist at the repository root`);
  }

  // railway.json must say the same thing for every build and deploy field it sets.
  const override = cac.environments?.[environment];
  for (const section of ["build", "deploy"] as const) {
    const expected: Section = { ...cac[section], ...override?.[section] };
    const actual = (svc[section] ?? {}) as Section;
    for (const [key, value] of Object.entries(expected)) {
      if (JSON.stringify(actual[key]) !== JSON.stringify(value)) {
        failures.push(`railway.json ${section}.${key} is ${show(value)} but railway.ts gives ${show(actual[key])}`);
      }
    }
  }
  for (const key of ["healthcheckPath", "healthcheckTimeout"] as const) {
    if (cac.deploy?.[key] === undefined) failures.push(`railway.json has no deploy.${key}`);
    if (svc.deploy?.[key] == null) failures.push(`railway.ts sets no ${key}`);
  }

  if (svc.deploy?.numReplicas !== expectedReplicas) {
    failures.push(`replicas are ${show(svc.deploy?.numReplicas)}, expected ${expectedReplicas} in ${environment}`);
  }

  const variables = svc.variables ?? {};
  for (const name of SECRETS) {
    const type = variables[name]?.type;
    if (type !== "preserve") {
      failures.push(`${name} must be preserve(), is ${type === undefined ? "not declared" : `a ${type} value`}`);
    }
  }
  for (const [name, value] of Object.entries(variables)) {
    if (SECRET_NAME.test(name) && literalValue(value)) {
      failures.push(`${name} looks secret but has a literal value in railway.ts (value not shown)`);
    }
  }
  if ("PORT" in variables) failures.push("PORT is declared: Railway sets it");
  // Several replicas share rate limits and minted credentials only through Redis (docs/replicas.md).
  if (expectedReplicas > 1) {
    const url = variables.REDIS_URL;
    const redis = resources.find(
      (resource) => resource.type === "database" && (resource as DatabaseNode).engine === "redis",
    );
    if (redis === undefined) {
      failures.push(`${expectedReplicas} replicas in ${environment} but no Redis database is declared`);
    } else if (url?.type !== "reference" || url.resource !== redis.address || url.output !== "REDIS_URL") {
      failures.push(
        `${expectedReplicas} replicas in ${environment}: REDIS_URL must reference ${redis.address}'s REDIS_URL, ` +
          `is ${url === undefined ? "not declared" : `a ${url.type} value`}`,
      );
    }
  }
  // An undeclared variable would be up for removal on `railway config apply`.
  for (const name of readVariables()) {
    if (name !== "PORT" && !(name in variables)) {
      failures.push(`${name} is read by the service (application.yaml) but not declared in railway.ts`);
    }
  }

  if (failures.length === 0) {
    const values = Object.values(variables);
    const preserved = values.filter((value) => value.type === "preserve").length;
    console.log(
      `${environment}: ok - service ${svc.name}, ${svc.build?.builder} build (${dockerfile}), ` +
        `healthcheck ${svc.deploy?.healthcheckPath} within ${svc.deploy?.healthcheckTimeout} s, ` +
        `${svc.deploy?.numReplicas} replica(s), ${preserved} preserved, ${values.length - preserved} other variable(s)`,
    );
  }
  return failures;
}

// Secret-looking literals anywhere in the file's text, comments included.
function scanSource(): string[] {
  const text = readFileSync(path("./railway.ts"), "utf8");
  const failures: string[] = [];
  const patterns: Array<[string, RegExp]> = [
    ["a Twilio SID (AC/SK + 32 hex)", /\b(?:AC|SK)[0-9a-fA-F]{32}\b/g],
    ["a long hex string", /\b[0-9a-fA-F]{32,}\b/g],
    ["a JWT", /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g],
    ["a private key", /-----BEGIN [A-Z ]*PRIVATE KEY-----/g],
    // Identifiers and variable names have no digits at this length; random tokens almost always do.
    ["a long token (letters and digits)", /[A-Za-z0-9+/_=-]{24,}/g],
  ];
  const seen = new Set<number>();
  for (const [label, pattern] of patterns) {
    for (const match of text.matchAll(pattern)) {
      const token = match[0];
      const at = match.index;
      if (seen.has(at)) continue;
      if (label.startsWith("a long token") && !(/[0-9]/.test(token) && /[A-Za-z]/.test(token))) continue;
      seen.add(at);
      const line = text.slice(0, at).split("\n").length;
      failures.push(`railway.ts line ${line} holds ${label}: ${token.slice(0, 4)}... (${token.length} characters)`);
    }
  }
  return failures;
}

const cac = readRailwayJson();
let failed = 0;
for (const [environment, replicas] of Object.entries(REPLICAS)) {
  const failures = await checkEnvironment(environment, replicas, cac);
  if (failures.length > 0) {
    failed += 1;
    console.log(`${environment}: FAILED`);
    for (const failure of failures) console.log(`  - ${failure}`);
  }
}
const sourceFailures = scanSource();
if (sourceFailures.length > 0) {
  console.log("railway.ts source: FAILED");
  for (const failure of sourceFailures) console.log(`  - ${failure}`);
}
const environments = Object.keys(REPLICAS).length;
console.log(
  `railway.ts: ${environments} environments checked, ${failed} failed` +
    (sourceFailures.length > 0 ? `, source scan failed (${sourceFailures.length})` : ""),
);
if (failed > 0 || sourceFailures.length > 0) process.exitCode = 1;
