// docs/configuration.md, rendered from lib/config.ts's table of variables (describeConfiguration) and lib/retention's
// table of what each table keeps; the prose around the tables is the template below. `npm run docs:config` writes it;
// tests/unit/configuration-doc.test.ts fails while the committed file differs.
import { CONFIG_SECTIONS, type ConfigSection, type ConfigurationEntry, describeConfiguration } from "@/lib/config";
import { RETENTION_TABLES } from "@/lib/retention/tables";

export const CONFIGURATION_DOC_PATH = "docs/configuration.md";

/** Markdown-safe table cell: no pipes or line breaks, and `<…>` shown as text rather than read as HTML. */
function cell(text: string): string {
  return text.replaceAll("|", "\\|").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replace(/\s+/g, " ");
}

/** A table with its columns padded to one width, as a formatter would leave it. */
function table(head: string[], rows: string[][]): string {
  const widths = head.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)));
  const line = (cells: string[]) => `| ${cells.map((text, column) => text.padEnd(widths[column] ?? 0)).join(" | ")} |`;
  return [line(head), `| ${widths.map((width) => "-".repeat(width)).join(" | ")} |`, ...rows.map(line)].join("\n");
}

function variablesTable(entries: ConfigurationEntry[]): string {
  return table(
    ["variable", "default", "values", "meaning"],
    entries.map((entry) => [
      `\`${entry.name}\``,
      entry.default === null ? "unset" : `\`${entry.default}\``,
      cell(entry.allowed),
      cell(entry.description),
    ]),
  );
}

function retentionTable(entries: ConfigurationEntry[]): string {
  const defaults = new Map(entries.map((entry) => [entry.name, entry.default]));
  return table(
    ["rows", "kept for (default)", "variable"],
    RETENTION_TABLES.map((entry) => [
      entry.rows,
      entry.variable ? `${defaults.get(entry.variable)} ${entry.kept}` : entry.kept,
      entry.variable ? `\`${entry.variable}\`` : "—",
    ]),
  );
}

const INTRO = `# Configuration

<!-- Generated from lib/config.ts by \`npm run docs:config\`; edit the variables there (and the prose in
     scripts/lib/configuration-doc.ts), not this file. tests/unit/configuration-doc.test.ts fails while it is stale. -->

Portico reads only environment variables, all through one table in \`lib/config.ts\`. Everything is optional; the
environment is validated at start-up and a bad value stops the process with a message naming the variable. The
servers, the CLI and \`npm run worker\` read the same variables. "unset" means the variable has no default value: the
meaning column says what Portico does without it.`;

const SECTION_TEXT: Record<ConfigSection, string> = {
  core: "Where Portico listens, where it keeps its data, and the secrets several instances must share.",
  background: `The background loops — \`/authorize\` checks, webhook delivery, mail — run in every server and in
\`npm run worker\` unless a variable turns them off for that process; [production.md](production.md) shows how to
split them.`,
  retention: `Tables that grow with traffic are pruned by the retention job, in every server and worker unless
\`PORTICO_DISABLE_RETENTION=1\`. It deletes in batches of \`PORTICO_RETENTION_BATCH_SIZE\` rows, each a short
transaction of its own selected through an index, so writers never wait for more than one batch; several processes
pruning at once delete each row once. The same job rolls usage up: per-quarter-hour counts (\`UsageBucket\`) that the
transaction chart, the one-time login statistics and the webhook and callback success rates read, so those pages cost
the same with a million rows as with a thousand. The counts outlive the raw rows, until their own retention.`,
  observability: "Metrics and logs; [production.md](production.md) describes what they contain.",
  development: "",
};

const RETENTION_TABLE_TEXT = `What each table keeps (the defaults of the variables above). Tables that grow only with
people's actions — users, partners, services, API tokens, webhook endpoints, invitations, entitlements, version
history — are not pruned.`;

const SCRIPT_VARIABLES = `Read by the scripts in \`scripts/\` and the test suites, not by Portico itself:

${table(
  ["variable", "default", "meaning"],
  [
    [
      "`TEST_POSTGRES_URL`",
      "`postgresql://postgres@127.0.0.1:5432/postgres`",
      "server for the PostgreSQL test suites (each run creates and drops its own database)",
    ],
    ["`PORTICO_TEST_DB`", "`sqlite`", "`postgresql`: run the integration, fuzz or fault suite on PostgreSQL"],
    ["`PORTICO_E2E_PORT`", "a free port", "port of the end-to-end suite's server"],
    ["`PORTICO_CHROMIUM`", "`/usr/bin/chromium`", "browser of the end-to-end suite"],
    ["`PORTICO_DIST_DIR`", "`.next`", "build folder (several builds of one checkout can coexist)"],
    [
      "`PORTICO_SERVER_NODE_ARGS`",
      "unset",
      "extra node flags for servers started by tests and benchmarks (e.g. `--cpu-prof`)",
    ],
    ["`BENCH_*`", "—", "benchmark settings: see the README's Benchmarks section"],
  ],
)}`;

export function renderConfigurationDoc(): string {
  const entries = describeConfiguration();
  const parts = [INTRO];
  for (const [section, title] of Object.entries(CONFIG_SECTIONS) as [ConfigSection, string][]) {
    parts.push(`## ${title}`);
    if (SECTION_TEXT[section]) parts.push(SECTION_TEXT[section]);
    parts.push(variablesTable(entries.filter((entry) => entry.section === section)));
    if (section === "retention") parts.push(RETENTION_TABLE_TEXT, retentionTable(entries));
    if (section === "development") parts.push(SCRIPT_VARIABLES);
  }
  return `${parts.join("\n\n")}\n`;
}
