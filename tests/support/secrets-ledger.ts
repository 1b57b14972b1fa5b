// Every secret a test run creates or is shown (passwords, API tokens, service and webhook secrets, one-time tokens)
// is noted here, so the run can check at the end that none of them reached the server's logs.
import { appendFileSync, existsSync, readFileSync } from "node:fs";
import path from "node:path";

const SECRET_KEY = /secret|token|password/i;
const MIN_LENGTH = 12; // shorter values (ids, "true") would match log text by chance

function ledgerFile(): string | undefined {
  const dataDir = process.env.PORTICO_DATA_DIR;
  return dataDir ? path.join(dataDir, "created-secrets.txt") : undefined;
}

export function recordSecret(value: string | undefined | null): void {
  const file = ledgerFile();
  if (!file || !value || value.length < MIN_LENGTH || value.includes("\n")) return;
  appendFileSync(file, `${value}\n`);
}

/** Notes the string values under secret-looking keys anywhere in a JSON body. */
export function recordSecretsIn(body: unknown): void {
  if (Array.isArray(body)) for (const item of body) recordSecretsIn(item);
  else if (body && typeof body === "object") {
    for (const [key, value] of Object.entries(body)) {
      if (typeof value === "string" && SECRET_KEY.test(key)) recordSecret(value);
      else recordSecretsIn(value);
    }
  }
}

export function readRecordedSecrets(dataDir: string): string[] {
  const file = path.join(dataDir, "created-secrets.txt");
  return existsSync(file) ? [...new Set(readFileSync(file, "utf8").split("\n").filter(Boolean))] : [];
}
