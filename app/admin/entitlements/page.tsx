import type { Metadata } from "next";
import { ActionButton } from "@/components/action-button";
import { GrantEntitlementForm } from "@/components/login/grant-entitlement-form";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Table, Td } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { describeEntitlementStatus, listEntitlements, listGrantableServices } from "@/lib/login/entitlements";
import { formatDateTime, todayInTimeZone } from "@/lib/panel/dates";
import { requirePage } from "@/lib/panel/guards";
import { grantEntitlementAction, revokeEntitlementAction } from "./actions";

export const metadata: Metadata = { title: "Entitlements" };

const statusTone = { live: "green", expired: "zinc", revoked: "red" } as const;

export default async function AdminEntitlementsPage() {
  await requirePage({ access: { role: "admin" }, callbackPath: "/admin/entitlements" });
  const [rows, services] = await Promise.all([listEntitlements(), listGrantableServices()]);
  const now = new Date();

  return (
    <>
      <PageHeader
        title="Entitlements"
        description="Which end users may open which services (their purchased access)."
      />
      <div className="flex flex-col gap-6">
        <Card>
          <CardHeader title="Grant access" description="Granting again renews a revoked or expired entitlement." />
          <CardBody>
            <GrantEntitlementForm
              action={grantEntitlementAction}
              services={services}
              minDate={todayInTimeZone("UTC")}
            />
          </CardBody>
        </Card>
        <Card>
          <CardHeader
            title="Granted"
            description="Newest first. Revoking stops new launches and refuses unredeemed tokens."
          />
          {rows.length ? (
            <Table label="Entitlements" head={["User", "Service", "Granted", "Expires", "Status", ""]}>
              {rows.map((row) => {
                const status = describeEntitlementStatus(row, now);
                return (
                  <tr key={row.id} data-testid={`entitlement-row-${row.user.email}-${row.service.name}`}>
                    <Td>{row.user.email}</Td>
                    <Td>
                      <p className="font-medium">{row.service.name}</p>
                      <p className="text-xs text-zinc-500 dark:text-zinc-400">{row.service.partner.name}</p>
                    </Td>
                    <Td className="whitespace-nowrap">{formatDateTime(row.grantedAt, "UTC")}</Td>
                    <Td className="whitespace-nowrap">
                      {row.expiresAt ? formatDateTime(row.expiresAt, "UTC") : "never"}
                    </Td>
                    <Td>
                      <Badge tone={statusTone[status]} testId="entitlement-status">
                        {status}
                      </Badge>
                    </Td>
                    <Td>
                      <div className="flex justify-end">
                        {status === "revoked" ? null : (
                          <ActionButton
                            action={revokeEntitlementAction}
                            fields={{ entitlementId: row.id }}
                            label="Revoke"
                            pendingLabel="Revoking…"
                            variant="danger"
                          />
                        )}
                      </div>
                    </Td>
                  </tr>
                );
              })}
            </Table>
          ) : (
            <div className="p-5">
              <EmptyState title="No entitlements yet" description="Grant a user access to a service above." />
            </div>
          )}
        </Card>
      </div>
    </>
  );
}
