import type { Metadata } from "next";
import { ContactLink } from "@/components/contact-link";
import { StatusPage } from "@/components/shell/status-page";
import { LinkButton } from "@/components/ui/button";

export const metadata: Metadata = { title: "Page not found" };

/** Every 404 page: unknown addresses, and records that are gone or belong to someone else. */
export default function NotFound() {
  return (
    <StatusPage
      code="404"
      title="We could not find that page"
      testId="not-found-page"
      actions={
        <>
          {/* /start sends each visitor to their own home (dashboard, admin, catalog) or to sign-in. */}
          <LinkButton href="/start">Go to your dashboard</LinkButton>
          <LinkButton href="/docs/api" variant="secondary">
            API reference
          </LinkButton>
        </>
      }
    >
      <p>
        The address may be mistyped, or what it showed was deleted: a deleted service or webhook endpoint takes its
        pages with it. If a link in Portico brought you here, <ContactLink subject="Broken link">tell us</ContactLink>.
      </p>
    </StatusPage>
  );
}
