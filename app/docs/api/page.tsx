import type { Metadata } from "next";
import Link from "next/link";
import { getOpenApiDocument } from "@/lib/api/openapi";

export const metadata: Metadata = { title: "API reference" };

const METHOD_STYLES: Record<string, string> = {
  get: "bg-emerald-100 text-emerald-800 dark:bg-emerald-900/40 dark:text-emerald-300",
  post: "bg-indigo-100 text-indigo-800 dark:bg-indigo-900/40 dark:text-indigo-300",
  put: "bg-amber-100 text-amber-800 dark:bg-amber-900/40 dark:text-amber-300",
  patch: "bg-sky-100 text-sky-800 dark:bg-sky-900/40 dark:text-sky-300",
  delete: "bg-rose-100 text-rose-800 dark:bg-rose-900/40 dark:text-rose-300",
};

type Operation = {
  summary?: string;
  description?: string;
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses?: Record<string, { description?: string }>;
};

export default function ApiDocsPage() {
  const document = getOpenApiDocument();
  const paths = Object.entries(document.paths ?? {}) as [string, Record<string, Operation>][];
  return (
    <main className="mx-auto max-w-4xl px-4 py-12 sm:px-6">
      <div className="flex items-baseline justify-between gap-4">
        <h1 className="text-3xl font-semibold tracking-tight">API reference</h1>
        <Link href="/api/openapi.json" className="text-sm text-indigo-600 hover:underline dark:text-indigo-400">
          openapi.json
        </Link>
      </div>
      <p className="mt-3 text-zinc-600 dark:text-zinc-400">{document.info.description}</p>
      <div className="mt-10 flex flex-col gap-6">
        {paths.flatMap(([path, methods]) =>
          Object.entries(methods).map(([method, operation]) => (
            <section
              key={`${method} ${path}`}
              id={`${method}-${path}`}
              className="min-w-0 rounded-lg border border-zinc-200 bg-white p-5 shadow-sm dark:border-zinc-800 dark:bg-zinc-900"
            >
              <div className="flex min-w-0 flex-wrap items-center gap-x-3 gap-y-1">
                <span
                  className={`rounded px-2 py-0.5 font-mono text-xs font-semibold uppercase ${METHOD_STYLES[method] ?? ""}`}
                >
                  {method}
                </span>
                <code className="font-mono text-sm break-all">{path}</code>
                <span className="text-sm text-zinc-500">{operation.summary}</span>
              </div>
              {operation.description ? (
                <p className="mt-3 text-sm text-zinc-600 dark:text-zinc-400">{operation.description}</p>
              ) : null}
              {operation.requestBody?.content?.["application/json"]?.schema ? (
                <details className="mt-3">
                  <summary className="cursor-pointer text-sm font-medium">Request body</summary>
                  <pre className="mt-2 overflow-x-auto rounded bg-zinc-100 p-3 text-xs dark:bg-zinc-950">
                    {JSON.stringify(operation.requestBody.content["application/json"].schema, null, 2)}
                  </pre>
                </details>
              ) : null}
              <ul className="mt-3 flex flex-wrap gap-x-4 gap-y-1 text-xs text-zinc-500">
                {Object.entries(operation.responses ?? {}).map(([status, response]) => (
                  <li key={status}>
                    <span className="font-mono font-semibold text-zinc-700 dark:text-zinc-300">{status}</span>{" "}
                    {response.description}
                  </li>
                ))}
              </ul>
            </section>
          )),
        )}
      </div>
      <details className="mt-10">
        <summary className="cursor-pointer text-sm font-medium">Schemas</summary>
        <pre className="mt-2 overflow-x-auto rounded bg-zinc-100 p-3 text-xs dark:bg-zinc-950">
          {JSON.stringify(document.components?.schemas ?? {}, null, 2)}
        </pre>
      </details>
    </main>
  );
}
