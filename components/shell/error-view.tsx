"use client";
// What the error boundaries (app/error.tsx, app/global-error.tsx) show. A server error reaches the browser with a
// generic message and a digest (the same id is in the server log), never its details: the digest is the reference.
import { ContactLink } from "@/components/contact-link";
import { Button, LinkButton } from "@/components/ui/button";
import { StatusPage } from "./status-page";

function errorReference(error: unknown): string | null {
  return error instanceof Error && "digest" in error && typeof error.digest === "string" ? error.digest : null;
}

export function ErrorView({ error, retry }: { error: unknown; retry: () => void }) {
  const reference = errorReference(error);
  return (
    <StatusPage
      code="Error"
      title="Something went wrong on our side"
      testId="error-page"
      actions={
        <>
          <Button onClick={() => retry()}>Try again</Button>
          <LinkButton href="/start" variant="secondary">
            Go to your dashboard
          </LinkButton>
        </>
      }
    >
      <p>
        This page could not be shown. Try again in a moment; if it keeps happening,{" "}
        <ContactLink subject="Error in the panel">contact us</ContactLink>
        {reference ? " and mention the reference below" : ""}.
      </p>
      {reference ? <p className="mt-3 font-mono text-xs break-all">Reference: {reference}</p> : null}
    </StatusPage>
  );
}
