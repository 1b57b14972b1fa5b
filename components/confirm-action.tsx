"use client";

import { type ReactNode, useActionState, useEffect, useState } from "react";
import type { ActionState, SecretsResult } from "@/lib/panel/action-state";
import { OneTimeSecrets, SecretValue } from "./secret-value";
import { useActionToast } from "./toast/use-action-toast";
import { Banner } from "./ui/banner";
import { Button, type ButtonVariant } from "./ui/button";
import { Dialog, useDialog } from "./ui/dialog";
import { SubmitButton } from "./ui/submit-button";

export type ConfirmableAction = (
  state: ActionState<SecretsResult>,
  formData: FormData,
) => Promise<ActionState<SecretsResult>>;

/**
 * A button that opens a confirmation dialog; confirming runs the action. When the action reveals secrets, the dialog
 * shows them once, then forgets them when closed.
 */
export function ConfirmAction({
  action,
  fields,
  triggerLabel,
  triggerVariant = "secondary",
  title,
  description,
  confirmLabel,
  confirmVariant = "primary",
  secretsTitle = "Copy your new secret",
  disabled,
  children,
}: {
  action: ConfirmableAction;
  fields: Record<string, string>;
  triggerLabel: string;
  triggerVariant?: ButtonVariant;
  title: string;
  description?: ReactNode;
  confirmLabel: string;
  confirmVariant?: ButtonVariant;
  secretsTitle?: string;
  disabled?: boolean;
  children?: ReactNode;
}) {
  const dialog = useDialog();
  const [state, formAction] = useActionState(action, { status: "idle" });
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  useActionToast(state);

  const settledAt = state.status === "idle" ? null : state.at;
  const secrets = state.status === "success" && state.at !== dismissedAt ? (state.data?.secrets ?? []) : [];
  const { close } = dialog;

  useEffect(() => {
    // A plain success (nothing to reveal) closes the dialog; the toast reports it.
    if (state.status === "success" && !state.data?.secrets.length) close();
  }, [state, close]);

  function onClose() {
    setDismissedAt(settledAt);
    close();
  }

  return (
    <>
      <Button variant={triggerVariant} size="sm" onClick={dialog.show} disabled={disabled}>
        {triggerLabel}
      </Button>
      <Dialog
        open={dialog.open}
        onClose={onClose}
        title={secrets.length ? secretsTitle : title}
        description={secrets.length ? undefined : description}
      >
        {secrets.length ? (
          <div className="flex flex-col gap-4">
            <OneTimeSecrets title="Shown once">
              {secrets.map((secret) => (
                <SecretValue key={secret.label} label={secret.label} value={secret.value} testId={secret.testId} />
              ))}
            </OneTimeSecrets>
            <div className="flex justify-end">
              <Button onClick={onClose}>Done</Button>
            </div>
          </div>
        ) : (
          <form action={formAction} className="flex flex-col gap-4">
            {Object.entries(fields).map(([name, value]) => (
              <input key={name} type="hidden" name={name} value={value} />
            ))}
            {children}
            {state.status === "error" && state.at !== dismissedAt ? (
              <Banner tone="error" testId="dialog-error">
                {state.message}
              </Banner>
            ) : null}
            <div className="flex justify-end gap-2">
              <Button variant="secondary" onClick={onClose}>
                Cancel
              </Button>
              <SubmitButton variant={confirmVariant}>{confirmLabel}</SubmitButton>
            </div>
          </form>
        )}
      </Dialog>
    </>
  );
}
