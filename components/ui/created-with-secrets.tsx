import type { ReactNode } from "react";
import { OneTimeSecrets } from "@/components/secret-value";
import { Button, LinkButton } from "./button";

interface Destination {
  href: string;
  label: string;
}

/**
 * What a create form shows instead of itself once the record exists: its secrets, shown this once, then a way on to
 * the new record (after saving them) or back to the list.
 */
export function CreatedWithSecrets({
  title,
  testId,
  open,
  back,
  children,
}: {
  title: string;
  testId: string;
  open: Destination;
  back: Destination;
  /** The explanation and the SecretValues. */
  children: ReactNode;
}) {
  return (
    <SecretsThenActions title={title} testId={testId} secrets={children}>
      <LinkButton href={open.href}>{open.label}</LinkButton>
      <LinkButton href={back.href} variant="secondary">
        {back.label}
      </LinkButton>
    </SecretsThenActions>
  );
}

/**
 * What an inline create form (on its list's page) shows once the record exists: its secrets, shown this once, then a
 * button back to an empty form.
 */
export function CreatedWithSecretsInline({
  title,
  testId,
  againLabel,
  onAgain,
  children,
}: {
  title: string;
  testId: string;
  againLabel: string;
  onAgain: () => void;
  /** The explanation and the SecretValues. */
  children: ReactNode;
}) {
  return (
    <SecretsThenActions title={title} testId={testId} secrets={children}>
      <Button variant="secondary" onClick={onAgain}>
        {againLabel}
      </Button>
    </SecretsThenActions>
  );
}

/** The secrets shown this once, then the row of what to do next. */
function SecretsThenActions({
  title,
  testId,
  secrets,
  children,
}: {
  title: string;
  testId: string;
  secrets: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="flex flex-col gap-4">
      <OneTimeSecrets title={title} testId={testId}>
        {secrets}
      </OneTimeSecrets>
      <div className="flex gap-2">{children}</div>
    </div>
  );
}
