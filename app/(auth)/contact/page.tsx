import type { Metadata } from "next";
import Link from "next/link";
import { Card, CardBody } from "@/components/ui/card";
import { getConfig } from "@/lib/config";

export const metadata: Metadata = { title: "Contact us" };

const SUBJECT_MAX = 100;

/** Where every "Contact us" link leads: the support address (PORTICO_SUPPORT_EMAIL) as a mail link. */
export default async function ContactPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { supportEmail } = getConfig();
  const given = (await searchParams).subject;
  const subject = (Array.isArray(given) ? given[0] : given)?.trim().slice(0, SUBJECT_MAX) || "Question about Portico";
  const mailto = `mailto:${supportEmail}?subject=${encodeURIComponent(subject)}`;
  return (
    <Card>
      <CardBody className="flex flex-col gap-4 p-8">
        <h1 className="text-2xl font-semibold tracking-tight">Contact us</h1>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Write to the Portico team at{" "}
          <a
            href={mailto}
            data-testid="support-email"
            className="font-medium break-all text-indigo-600 hover:text-indigo-500 dark:text-indigo-400"
          >
            {supportEmail}
          </a>
          . Mention your customer id (on your dashboard) and, for an error, the reference the error page showed.
        </p>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Integrating? The{" "}
          <Link href="/docs/api" className="font-medium text-indigo-600 hover:text-indigo-500 dark:text-indigo-400">
            API reference
          </Link>{" "}
          describes every request, answer and webhook event.
        </p>
      </CardBody>
    </Card>
  );
}
