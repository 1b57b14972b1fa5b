import type { Metadata } from "next";
import { BackLink } from "@/components/ui/back-link";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/panel/guards";
import { NewServiceForm } from "./new-service-form";

export const metadata: Metadata = { title: "New service" };

export default async function NewServicePage() {
  const { partner } = await requirePage({ access: { role: "partner" }, callbackPath: "/dashboard/services/new" });
  return (
    <>
      <BackLink href="/dashboard/services" label="Services" />
      <PageHeader
        title="New service"
        description="Register your app. It is created as a draft that only you can see."
      />
      <NewServiceForm disabled={partner.status !== "approved"} />
    </>
  );
}
