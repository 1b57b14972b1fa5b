"use client";
import { useActionState } from "react";
import { type CheckNowState, checkServiceNowAction } from "./actions";

const initial: CheckNowState = { message: null, ok: true };

export function CheckNowButton({ serviceId }: { serviceId: string }) {
  const [state, action, pending] = useActionState(checkServiceNowAction, initial);
  return (
    <form action={action} className="flex flex-wrap items-center gap-3">
      <input type="hidden" name="id" value={serviceId} />
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-500 disabled:opacity-60"
      >
        {pending ? "Checking…" : "Check now"}
      </button>
      {state.message ? (
        <span
          role="status"
          className={`text-sm ${state.ok ? "text-green-700 dark:text-green-400" : "text-red-700 dark:text-red-400"}`}
        >
          {state.message}
        </span>
      ) : null}
    </form>
  );
}
