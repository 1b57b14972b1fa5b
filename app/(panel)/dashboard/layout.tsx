import type { ReactNode } from "react";
import { requirePartner } from "@/lib/panel/guards";
import { PartnerStatusBanner } from "./partner-status-banner";

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const { partner } = await requirePartner("/dashboard");
  return (
    <>
      <PartnerStatusBanner status={partner.status} reason={partner.reviewReason} />
      {children}
    </>
  );
}
