import type { Metadata } from "next";
import Link from "next/link";
import { CreateEndpointForm } from "@/components/webhooks/create-endpoint-form";
import { PageHeader } from "@/components/ui/page-header";
import { EVENT_TYPES } from "@/lib/events/outbox";
import { createEndpointAction } from "../actions";
import { requireWebhookPartner } from "../session";

export const metadata: Metadata = { title: "New webhook endpoint" };

export default async function NewWebhookPage() {
  const partner = await requireWebhookPartner("/dashboard/webhooks/new");
  return (
    <>
      <nav className="mb-2 text-sm">
        <Link
          href="/dashboard/webhooks"
          className="text-zinc-500 hover:text-zinc-800 dark:text-zinc-400 dark:hover:text-zinc-200"
        >
          ← Webhooks
        </Link>
      </nav>
      <PageHeader
        title="New webhook endpoint"
        description="Where Portico sends events, and how it authenticates to you."
      />
      <CreateEndpointForm
        action={createEndpointAction}
        eventTypes={EVENT_TYPES}
        disabled={partner.status !== "approved"}
      />
    </>
  );
}
