import type { Metadata } from "next";
import { BackLink } from "@/components/ui/back-link";
import { Card, CardBody } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { ALERT_KINDS, ALERT_LABELS, getAlertPreferences } from "@/lib/mail/alerts";
import { requirePage } from "@/lib/panel/guards";
import { AlertsForm } from "./alerts-form";

export const metadata: Metadata = { title: "E-mail alerts" };

export default async function AlertsPage() {
  const { user } = await requirePage({ access: { role: "partner" }, callbackPath: "/dashboard/team/alerts" });
  const preferences = await getAlertPreferences({ userId: user.id });
  return (
    <>
      <BackLink href="/dashboard/team" label="Team" />
      <PageHeader
        title="E-mail alerts"
        description={`What Portico e-mails you (${user.email}) about. Service alerts come once per incident, not per check.`}
      />
      <Card>
        <CardBody>
          <AlertsForm
            choices={ALERT_KINDS.map((kind) => ({ kind, label: ALERT_LABELS[kind], enabled: preferences[kind] }))}
          />
        </CardBody>
      </Card>
    </>
  );
}
