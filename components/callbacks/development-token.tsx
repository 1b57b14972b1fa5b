"use client";

import { useActionState, useState } from "react";
import { CopyButton } from "@/components/copy-button";
import { useActionToast } from "@/components/toast/use-action-toast";
import { Button } from "@/components/ui/button";
import { SubmitButton } from "@/components/ui/submit-button";
import type { FormAction } from "./types";

/** The development token: hidden until revealed, copyable, regenerable (the old one stops working at once). */
export function DevelopmentToken({
  serviceId,
  token,
  action,
  disabled,
}: {
  serviceId: string;
  token: string | null;
  action: FormAction<{ token: string }>;
  disabled: boolean;
}) {
  const [state, formAction] = useActionState(action, { status: "idle" });
  const [revealed, setRevealed] = useState(false);
  useActionToast(state);
  const current = state.status === "success" ? state.data.token : token;

  if (!current) {
    return (
      <p className="text-sm text-zinc-500 dark:text-zinc-400">
        Save the callback settings once to get a development token.
      </p>
    );
  }
  return (
    <div className="flex flex-col gap-3">
      <div className="flex items-center gap-2 rounded-md border border-zinc-200 bg-zinc-50 p-2 dark:border-zinc-700 dark:bg-zinc-950">
        <code data-testid="development-token" className="min-w-0 flex-1 font-mono text-sm break-all">
          {revealed ? current : "•".repeat(24)}
        </code>
        <Button variant="secondary" size="sm" onClick={() => setRevealed((value) => !value)} aria-pressed={revealed}>
          {revealed ? "Hide" : "Reveal"}
        </Button>
        <CopyButton value={current} label="Copy development token" />
      </div>
      <form
        action={formAction}
        onSubmit={(event) => {
          if (!window.confirm("Generate a new development token? Devices using the current one will be refused."))
            event.preventDefault();
        }}
      >
        <input type="hidden" name="id" value={serviceId} />
        <SubmitButton variant="secondary" size="sm" pendingLabel="Generating…" disabled={disabled}>
          Regenerate token
        </SubmitButton>
      </form>
    </div>
  );
}
