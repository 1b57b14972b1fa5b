"use client";
// Reveal + copy the base64 signing key; rotate it (the previous key keeps verifying for 10 minutes).
import { useActionState, useEffect, useState } from "react";
import { type ActionState, idleState } from "@/lib/panel/action-state";
import { formatDateTime } from "@/lib/time/format";

export interface SigningKeyResult {
  key: string;
  /** ISO 8601; until then tokens signed with the previous key still verify. */
  previousValidUntil: string | null;
  rotated: boolean;
}

type State = ActionState<SigningKeyResult>;
type Action = (state: State, form: FormData) => Promise<State>;

const button =
  "inline-flex items-center rounded-md px-3 py-1.5 text-sm font-medium shadow-sm disabled:cursor-not-allowed disabled:opacity-50";

export function SigningKeyPanel({
  reveal,
  rotate,
  disabled,
  timeZone,
}: {
  reveal: Action;
  rotate: Action;
  disabled: boolean;
  timeZone: string;
}) {
  const [revealed, revealAction, revealing] = useActionState<State, FormData>(reveal, idleState);
  const [rotated, rotateAction, rotating] = useActionState<State, FormData>(rotate, idleState);
  const [confirming, setConfirming] = useState(false);
  const [hiddenFor, setHiddenFor] = useState<State | null>(null);
  const [copied, setCopied] = useState(false);
  // The newest answer wins (a rotation after a reveal shows the new key).
  const [current, setCurrent] = useState<State>(idleState);
  useEffect(() => setCurrent(revealed), [revealed]);
  useEffect(() => setCurrent(rotated), [rotated]);

  async function copy(value: string) {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      setCopied(false);
    }
  }

  const shown = current.status === "success" && hiddenFor !== current ? current.data : null;
  return (
    <div className="flex flex-col gap-4">
      <div className="flex items-center gap-2 rounded-md border border-zinc-200 bg-zinc-50 p-2 dark:border-zinc-700 dark:bg-zinc-950">
        <code data-testid="signing-key" className="min-w-0 flex-1 font-mono text-sm break-all select-all">
          {shown ? shown.key : "••••••••••••••••••••••••••••••••••••••••••••"}
        </code>
        {shown ? (
          <>
            <button
              type="button"
              className={`${button} border border-zinc-300 bg-white dark:border-zinc-700 dark:bg-zinc-800`}
              onClick={() => copy(shown.key)}
            >
              {copied ? "Copied" : "Copy"}
            </button>
            <button
              type="button"
              className={`${button} border border-zinc-300 bg-white dark:border-zinc-700 dark:bg-zinc-800`}
              onClick={() => setHiddenFor(current)}
            >
              Hide
            </button>
          </>
        ) : (
          <form action={revealAction} className="flex flex-wrap items-center gap-2">
            <PasswordConfirmation />
            <button
              type="submit"
              data-testid="reveal-signing-key"
              disabled={disabled || revealing}
              className={`${button} bg-indigo-600 text-white hover:bg-indigo-500`}
            >
              {revealing ? "Revealing…" : "Reveal"}
            </button>
          </form>
        )}
      </div>
      {current.status === "error" ? (
        <p className="text-sm text-red-600" data-testid="signing-key-error">
          {current.message}
        </p>
      ) : null}
      {current.status === "success" && current.data.rotated && current.data.previousValidUntil ? (
        <p className="text-sm text-emerald-700 dark:text-emerald-400" data-testid="signing-key-rotated">
          New key active. Tokens signed with the previous key still verify until{" "}
          {formatDateTime(current.data.previousValidUntil, timeZone, { seconds: true })}.
        </p>
      ) : null}
      <div className="flex items-center gap-2">
        {confirming ? (
          <form
            action={rotateAction}
            onSubmit={() => setConfirming(false)}
            className="flex flex-wrap items-center gap-2"
          >
            <span className="text-sm">Rotate now? Update your verifier within 10 minutes.</span>
            <PasswordConfirmation />
            <button
              type="submit"
              data-testid="confirm-rotate"
              className={`${button} bg-red-600 text-white hover:bg-red-500`}
            >
              Rotate key
            </button>
            <button type="button" className={`${button} border border-zinc-300`} onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </form>
        ) : (
          <button
            type="button"
            data-testid="rotate-signing-key"
            disabled={disabled || rotating}
            onClick={() => setConfirming(true)}
            className={`${button} border border-zinc-300 bg-white dark:border-zinc-700 dark:bg-zinc-900`}
          >
            {rotating ? "Rotating…" : "Rotate…"}
          </button>
        )}
      </div>
    </div>
  );
}

/** Showing the key needs the account password typed again. */
function PasswordConfirmation() {
  return (
    <label className="flex min-w-0 items-center gap-2 text-sm">
      <span className="sr-only sm:not-sr-only">Your password</span>
      <input
        type="password"
        name="password"
        required
        autoComplete="current-password"
        placeholder="Your password"
        data-testid="signing-key-password"
        className="w-44 min-w-0 rounded-md border border-zinc-300 px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900"
      />
    </label>
  );
}
