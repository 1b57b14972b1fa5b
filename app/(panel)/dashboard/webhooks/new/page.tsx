import type { Metadata } from "next";
import { BackLink } from "@/components/ui/back-link";
import { PageHeader } from "@/components/ui/page-header";
import { CreateEndpointForm } from "@/components/webhooks/create-endpoint-form";
import { EVENT_TYPES } from "@/lib/events/catalog";
import { requirePage } from "@/lib/panel/guards";
import { createEndpointAction } from "../actions";

export const metadata: Metadata = { title: "New webhook endpoint" };

export default async function NewWebhookPage() {
  const { partner } = await requirePage({ access: { role: "partner" }, callbackPath: "/dashboard/webhooks/new" });
  return (
    <>
      <BackLink href="/dashboard/webhooks" label="Webhooks" />
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
