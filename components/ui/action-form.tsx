"use client";
// A form driven by a server action: its state, a toast per outcome, and fields that fill themselves from it (the values
// a failed submission echoes back, and the field errors it reports).

import {
  type ComponentProps,
  createContext,
  type FormHTMLAttributes,
  type ReactNode,
  useActionState,
  useContext,
} from "react";
import { useActionToast } from "@/components/toast/use-action-toast";
import { type ActionState, type FieldErrors, type FormValues, idleState } from "@/lib/panel/action-state";
import { Card, CardBody } from "./card";
import { SelectField, TextField } from "./field";

export type FormServerAction<T> = (previous: ActionState<T>, formData: FormData) => Promise<ActionState<T>>;

interface BoundValues {
  /** What the fields start from: `initial`, overlaid with what a failed submission sent back. */
  values: FormValues;
  errors: FieldErrors;
  /** Changes with every settled submission; keying fields on it remounts them, so they take the new defaults. */
  formKey: number;
}

export interface FormActionState<T> extends BoundValues {
  state: ActionState<T>;
  formAction: (formData: FormData) => void;
}

/** `useActionState` for a form's action, plus its toasts and what its fields show. */
export function useFormAction<T>(
  action: FormServerAction<T>,
  { initial = {}, toast = {} }: { initial?: FormValues; toast?: { success?: boolean; error?: boolean } } = {},
): FormActionState<T> {
  const [state, formAction] = useActionState(action, idleState);
  useActionToast(state, toast);
  return {
    state,
    formAction,
    // Only failures carry values: after a success the fields start again from `initial`.
    values: { ...initial, ...state.values },
    errors: state.status === "error" ? state.fieldErrors : {},
    formKey: state.status === "idle" ? 0 : state.at,
  };
}

const BoundValuesContext = createContext<BoundValues>({ values: {}, errors: {}, formKey: 0 });

/** A `<form>` that submits to `form`'s action and lets the FormTextField/FormSelectField inside it bind to its state. */
export function ActionForm<T>({
  form,
  children,
  ...props
}: Omit<FormHTMLAttributes<HTMLFormElement>, "action"> & { form: FormActionState<T>; children: ReactNode }) {
  const { values, errors, formKey } = form;
  return (
    <BoundValuesContext value={{ values, errors, formKey }}>
      <form action={form.formAction} noValidate {...props}>
        {children}
      </form>
    </BoundValuesContext>
  );
}

/** A create form on its own page: an ActionForm in a card, its fields in one column, all disabled together. */
export function ActionFormCard<T>({
  form,
  disabled,
  children,
}: {
  form: FormActionState<T>;
  disabled: boolean;
  children: ReactNode;
}) {
  return (
    <Card>
      <CardBody>
        <ActionForm form={form}>
          <fieldset disabled={disabled} className="flex max-w-xl flex-col gap-5">
            {children}
          </fieldset>
        </ActionForm>
      </CardBody>
    </Card>
  );
}

/** The enclosing ActionForm's default value and error for field `name` (an explicit `error` wins), and its remount key. */
function useBoundField(name: string, error?: string) {
  const { values, errors, formKey } = useContext(BoundValuesContext);
  return { key: `${name}-${formKey}`, bound: { name, defaultValue: values[name], error: error ?? errors[name] } };
}

export function FormTextField({ name, error, ...props }: Omit<ComponentProps<typeof TextField>, "defaultValue">) {
  const { key, bound } = useBoundField(name, error);
  return <TextField key={key} {...bound} {...props} />;
}

export function FormSelectField({ name, error, ...props }: Omit<ComponentProps<typeof SelectField>, "defaultValue">) {
  const { key, bound } = useBoundField(name, error);
  return <SelectField key={key} {...bound} {...props} />;
}
