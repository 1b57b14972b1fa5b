import type { ReactNode } from "react";
import { requirePage } from "@/lib/panel/guards";
import { PartnerStatusBanner } from "./partner-status-banner";

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const { partner } = await requirePage({ access: { role: "partner" }, callbackPath: "/dashboard" });
  return (
    <>
      <PartnerStatusBanner status={partner.status} reason={partner.reviewReason} />
      {children}
    </>
  );
}
