import type { ActionState } from "@/lib/panel/action-state";

/** A server action as `useActionState` takes it; pages pass them in so these components stay route-agnostic. */
export type FormAction<T> = (previous: ActionState<T>, formData: FormData) => Promise<ActionState<T>>;
