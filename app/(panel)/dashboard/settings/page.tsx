import type { Metadata } from "next";
import { PartnerStatusBadge } from "@/components/status-badges";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { listTimeZones } from "@/lib/panel/dates";
import { requirePage } from "@/lib/panel/guards";
import { SettingsForm } from "./settings-form";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const { partner } = await requirePage({ access: { role: "partner" }, callbackPath: "/dashboard/settings" });
  return (
    <>
      <PageHeader title="Settings" description="Your partner profile, shared by everyone on your team." />
      <Card>
        <CardHeader
          title="Partner profile"
          description={
            <span className="flex items-center gap-2">
              Partnership <PartnerStatusBadge status={partner.status} />
            </span>
          }
        />
        <CardBody>
          <SettingsForm
            initial={{ name: partner.name, timeZone: partner.timeZone, customerId: partner.customerId }}
            timeZones={listTimeZones()}
          />
        </CardBody>
      </Card>
    </>
  );
}
