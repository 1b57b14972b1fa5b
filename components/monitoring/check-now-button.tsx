"use client";
import { useActionState } from "react";
import { idleState } from "@/lib/panel/action-state";
import { type CheckNowState, checkServiceNowAction } from "./actions";

export function CheckNowButton({ serviceId }: { serviceId: string }) {
  const [state, action, pending] = useActionState<CheckNowState, FormData>(checkServiceNowAction, idleState);
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
      {state.status !== "idle" ? (
        <span
          role="status"
          className={`text-sm ${state.status === "success" && state.data.live ? "text-green-700 dark:text-green-400" : "text-red-700 dark:text-red-400"}`}
        >
          {state.message}
        </span>
      ) : null}
    </form>
  );
}
