"use client";

import { useTransition } from "react";
import type { ActionState } from "@/lib/panel/action-state";
import { useToast } from "./toast/toast-provider";
import { Button, type ButtonVariant } from "./ui/button";
import { Spinner } from "./ui/spinner";

export type SimpleAction = (state: ActionState<null>, formData: FormData) => Promise<ActionState<null>>;

/**
 * A one-click action that reports its outcome in a toast. The toast is raised by the provider, not by this button,
 * so it survives the button disappearing when the action changes the list it sits in.
 */
export function ActionButton({
  action,
  fields,
  label,
  pendingLabel,
  variant = "secondary",
  disabled,
}: {
  action: SimpleAction;
  fields: Record<string, string>;
  label: string;
  pendingLabel?: string;
  variant?: ButtonVariant;
  disabled?: boolean;
}) {
  const toast = useToast();
  const [pending, startTransition] = useTransition();

  function run() {
    const formData = new FormData();
    for (const [name, value] of Object.entries(fields)) formData.set(name, value);
    startTransition(async () => {
      const result = await action({ status: "idle" }, formData);
      if (result.status === "success") toast({ tone: "success", title: result.message });
      if (result.status === "error") toast({ tone: "error", title: result.message });
    });
  }

  return (
    <Button
      variant={variant}
      size="sm"
      onClick={run}
      disabled={disabled || pending}
      aria-disabled={disabled || pending}
    >
      {pending ? <Spinner /> : null}
      {pending && pendingLabel ? pendingLabel : label}
    </Button>
  );
}
