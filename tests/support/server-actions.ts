// Server actions over real HTTP, posted the way the panel's forms post them: to a page, with the action's id in the
// `Next-Action` header and its arguments in React's reply encoding (the form's previous state, then its fields). A
// script can do exactly this without any button, so every refusal must happen on the server.
import { readFileSync } from "node:fs";
import path from "node:path";
import { inject } from "vitest";

interface ManifestEntry {
  filename?: string;
  exportedName?: string;
}

let actionIds: Map<string, string> | undefined;

/** The built app's id of the action `name` exported by `file` (the build's server-reference manifest). */
function findActionId(file: string, name: string): string {
  if (!actionIds) {
    const manifestFile = path.join(process.env.PORTICO_DIST_DIR ?? ".next", "server", "server-reference-manifest.json");
    const manifest = JSON.parse(readFileSync(manifestFile, "utf8")) as { node: Record<string, ManifestEntry> };
    actionIds = new Map(
      Object.entries(manifest.node).map(([id, entry]) => [`${entry.filename}#${entry.exportedName}`, id]),
    );
  }
  const id = actionIds.get(`${file}#${name}`);
  if (!id) throw new Error(`the build has no server action ${name} in ${file}`);
  return id;
}

/** The state a panel action answers (lib/panel/action-state.ts). */
export interface PostedActionState {
  status: "idle" | "success" | "error";
  message?: string;
  fieldErrors?: Record<string, string>;
}

/** Reads the action's return value out of the RSC answer: the one row whose value is a form state. */
function readActionState(answer: string): PostedActionState | null {
  for (const line of answer.split("\n")) {
    const row = /^[0-9a-f]+:(\{.*\})$/.exec(line)?.[1];
    if (!row) continue;
    const value = JSON.parse(row) as { status?: unknown };
    if (value.status === "success" || value.status === "error" || value.status === "idle") {
      return value as PostedActionState;
    }
  }
  return null;
}

export async function postServerAction(options: {
  /** The page whose form holds the action (its path, as the browser would post to it). */
  page: string;
  /** The module that exports the action, relative to the repository. */
  file: string;
  name: string;
  fields: Record<string, string>;
  cookie: string;
  /** The client address (sent as X-Forwarded-For), for actions under per-address limits. */
  ip?: string;
}): Promise<{ status: number; state: PostedActionState | null; answer: string }> {
  const baseUrl = inject("baseUrl");
  // Reply encoding of `(previousState, formData)` as React's encodeReply writes it: the form's fields under the
  // prefix of reference 1 ("_1_"), then the argument list as row 0, where "$K1" stands for that form data.
  const body = new FormData();
  for (const [key, value] of Object.entries(options.fields)) body.append(`_1_${key}`, value);
  body.append("0", JSON.stringify([{ status: "idle" }, "$K1"]));
  const response = await fetch(`${baseUrl}${options.page}`, {
    method: "POST",
    redirect: "manual",
    headers: {
      accept: "text/x-component",
      cookie: options.cookie,
      origin: baseUrl,
      "next-action": findActionId(options.file, options.name),
      ...(options.ip ? { "x-forwarded-for": options.ip } : {}),
    },
    body,
  });
  const answer = await response.text();
  return { status: response.status, state: readActionState(answer), answer };
}
