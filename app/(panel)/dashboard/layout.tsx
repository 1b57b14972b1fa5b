import type { ReactNode } from "react";
import { getPanelUser, requirePage } from "@/lib/panel/guards";
import { PartnerStatusBanner } from "./partner-status-banner";

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  // Anyone else is sent on by the page's own guard, which knows the page to come back to.
  if ((await getPanelUser())?.role !== "partner") return children;
  const { partner } = await requirePage({ access: { role: "partner" }, callbackPath: "/dashboard" });
  return (
    <>
      <PartnerStatusBanner status={partner.status} reason={partner.reviewReason} />
      {children}
    </>
  );
}
