import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { getConfig } from "@/lib/config";
import { listMailMessages } from "@/lib/mail/outbox";
import { formatDateTime } from "@/lib/panel/dates";
import { requirePage } from "@/lib/panel/guards";

export const metadata: Metadata = { title: "Mail outbox" };

const tone = { sent: "green", kept: "sky", pending: "amber", failed: "red" } as const;

export default async function MailOutboxPage({ searchParams }: { searchParams: Promise<{ cursor?: string }> }) {
  await requirePage({ access: { role: "admin" }, callbackPath: "/admin/mail" });
  const { cursor } = await searchParams;
  const page = await listMailMessages({ cursor: typeof cursor === "string" ? cursor : undefined });
  const smtp = Boolean(getConfig().smtpUrl);
  return (
    <>
      <PageHeader
        title="Mail outbox"
        description={
          smtp
            ? "Every message Portico sent or is sending over SMTP, newest first."
            : "No SMTP server is configured (PORTICO_SMTP_URL), so messages are kept here: read them and pass links on by hand."
        }
      />
      {page.rows.length === 0 ? (
        <EmptyState title="No mail yet" description="Invitations and alerts appear here as soon as they are queued." />
      ) : (
        <div className="flex flex-col gap-4">
          {page.rows.map((message) => (
            <Card key={message.id}>
              <details className="p-4" data-testid="mail-message">
                <summary className="flex cursor-pointer flex-wrap items-center gap-2 text-sm">
                  <Badge tone={tone[message.status as keyof typeof tone] ?? "zinc"}>{message.status}</Badge>
                  <span className="font-medium break-all">{message.subject}</span>
                  <span className="break-all text-zinc-600 dark:text-zinc-400">→ {message.toAddress}</span>
                  <span className="text-zinc-500">{formatDateTime(message.createdAt, "UTC")}</span>
                </summary>
                <pre className="mt-3 whitespace-pre-wrap break-words text-sm">{message.text}</pre>
                {message.lastError ? (
                  <p className="mt-2 text-sm text-red-700 dark:text-red-400">
                    Last error (attempt {message.attempts}): {message.lastError}
                  </p>
                ) : null}
              </details>
            </Card>
          ))}
          {page.nextCursor ? (
            <Link className="text-sm underline" href={`/admin/mail?cursor=${page.nextCursor}`}>
              Older messages
            </Link>
          ) : null}
        </div>
      )}
    </>
  );
}
