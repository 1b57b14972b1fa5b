"use client";

import { useActionState } from "react";
import { Badge } from "@/components/ui/badge";
import { SubmitButton } from "@/components/ui/submit-button";
import type { TestCallbackResult } from "@/lib/callbacks/schemas";
import type { FormAction } from "./types";

/** Sends a sample certification request to the configured URL and shows exactly what came back. */
export function TestCallback({
  serviceId,
  action,
  disabled,
}: {
  serviceId: string;
  action: FormAction<TestCallbackResult>;
  disabled: boolean;
}) {
  const [state, formAction] = useActionState(action, { status: "idle" });
  return (
    <div className="flex flex-col gap-4">
      <form action={formAction}>
        <input type="hidden" name="id" value={serviceId} />
        <SubmitButton variant="secondary" pendingLabel="Sending…" disabled={disabled}>
          Test callback
        </SubmitButton>
      </form>
      {state.status === "error" ? (
        <p className="text-sm text-red-600 dark:text-red-400" data-testid="test-callback-error">
          {state.message}
        </p>
      ) : null}
      {state.status === "success" ? <TestResult result={state.data} /> : null}
    </div>
  );
}

function TestResult({ result }: { result: TestCallbackResult }) {
  return (
    <div data-testid="test-callback-result" className="flex flex-col gap-3 text-sm">
      <div className="flex flex-wrap items-center gap-2">
        <Badge tone={result.ok ? "green" : "red"}>{result.ok ? "Certified" : "Not certified"}</Badge>
        <span>HTTP status: {result.callback_status ?? "no answer"}</span>
        <span className="text-zinc-500 dark:text-zinc-400">{result.latency_ms ?? "—"} ms</span>
      </div>
      {result.error ? <p className="text-red-600 dark:text-red-400">{result.error}</p> : null}
      <div className="grid gap-3 md:grid-cols-2">
        <div>
          <p className="mb-1 text-xs font-medium tracking-wide text-zinc-500 uppercase">Sent</p>
          <pre className="overflow-x-auto rounded-md bg-zinc-950 p-3 font-mono text-xs text-zinc-100">
            {JSON.stringify(result.request_body, null, 2)}
          </pre>
        </div>
        <div>
          <p className="mb-1 text-xs font-medium tracking-wide text-zinc-500 uppercase">Answer</p>
          <pre className="overflow-x-auto rounded-md bg-zinc-950 p-3 font-mono text-xs whitespace-pre-wrap text-zinc-100">
            {result.response_excerpt || "(empty body)"}
          </pre>
        </div>
      </div>
    </div>
  );
}
