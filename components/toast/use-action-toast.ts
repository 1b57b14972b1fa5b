"use client";

import { useEffect, useRef } from "react";
import type { ActionState } from "@/lib/panel/action-state";
import { useToast } from "./toast-provider";

/** Shows one toast per settled action (keyed by the state's timestamp). */
export function useActionToast<T>(state: ActionState<T>, options: { success?: boolean; error?: boolean } = {}) {
  const toast = useToast();
  const shown = useRef<number | null>(null);
  const showSuccess = options.success ?? true;
  const showError = options.error ?? true;
  useEffect(() => {
    if (state.status === "idle" || shown.current === state.at) return;
    shown.current = state.at;
    if (state.status === "success" && showSuccess) toast({ tone: "success", title: state.message });
    if (state.status === "error" && showError) toast({ tone: "error", title: state.message });
  }, [state, toast, showSuccess, showError]);
}
