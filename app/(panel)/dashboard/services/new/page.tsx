import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { requirePartner } from "@/lib/panel/guards";
import { NewServiceForm } from "./new-service-form";

export const metadata: Metadata = { title: "New service" };

export default async function NewServicePage() {
  const { partner } = await requirePartner("/dashboard/services/new");
  return (
    <>
      <nav className="mb-2 text-sm">
        <Link
          href="/dashboard/services"
          className="text-zinc-500 hover:text-zinc-800 dark:text-zinc-400 dark:hover:text-zinc-200"
        >
          ← Services
        </Link>
      </nav>
      <PageHeader
        title="New service"
        description="Register your app. It is created as a draft that only you can see."
      />
      <NewServiceForm disabled={partner.status !== "approved"} />
    </>
  );
}
