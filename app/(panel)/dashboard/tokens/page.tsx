import type { Metadata } from "next";
import Link from "next/link";
import { ConfirmAction } from "@/components/confirm-action";
import { TokenStatusBadge } from "@/components/status-badges";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Table, Td } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { SelectField } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { listApiTokens } from "@/lib/auth/api-tokens";
import { formatDateTime, todayInTimeZone } from "@/lib/panel/dates";
import { requirePage } from "@/lib/panel/guards";
import { tokenStatus } from "@/lib/panel/token-status";
import { revokeTokenAction, rollTokenAction } from "./actions";
import { CreateTokenForm } from "./create-token-form";

export const metadata: Metadata = { title: "API tokens" };

const rollChoices = [
  { value: "now", label: "Immediately" },
  { value: "1h", label: "In 1 hour" },
  { value: "24h", label: "In 24 hours" },
  { value: "7d", label: "In 7 days" },
];

export default async function TokensPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { partner } = await requirePage({ access: { role: "partner" }, callbackPath: "/dashboard/tokens" });
  const hideRevoked = (await searchParams).revoked === "hide";
  const tokens = await listApiTokens({ partnerId: partner.id, includeRevoked: !hideRevoked });
  const tz = partner.timeZone;
  const now = new Date();
  const approved = partner.status === "approved";

  return (
    <>
      <PageHeader
        title="API tokens"
        description="Your backend authenticates to Portico's API with these. Each token is shown once, when it is created."
      />
      <Card className="mb-6">
        <CardHeader title="Create a token" />
        <CardBody>
          <CreateTokenForm disabled={!approved} minDate={todayInTimeZone(tz)} timeZone={tz} />
        </CardBody>
      </Card>
      {tokens.length === 0 ? (
        <EmptyState
          title="No API tokens yet"
          description="Create one above and keep it in your backend's secret store."
        />
      ) : (
        <Card>
          <div className="flex justify-end border-b border-zinc-100 px-4 py-2 text-sm dark:border-zinc-800">
            <Link
              href={hideRevoked ? "/dashboard/tokens" : "/dashboard/tokens?revoked=hide"}
              className="text-indigo-600 hover:underline dark:text-indigo-400"
              data-testid="toggle-revoked"
            >
              {hideRevoked ? "Show revoked tokens" : "Hide revoked tokens"}
            </Link>
          </div>
          <Table label="API tokens" head={["Name", "Token", "Created", "Last used", "Expires", "Status", ""]}>
            {tokens.map((token) => {
              const status = tokenStatus(token, now);
              const usable = status === "active" || status === "rolling";
              return (
                <tr key={token.id} data-testid={`token-row-${token.name}`}>
                  <Td className="font-medium">{token.name}</Td>
                  <Td className="font-mono text-xs whitespace-nowrap">…{token.lastFour}</Td>
                  <Td className="whitespace-nowrap text-zinc-600 dark:text-zinc-400">
                    {formatDateTime(token.createdAt, tz)}
                  </Td>
                  <Td className="whitespace-nowrap text-zinc-600 dark:text-zinc-400">
                    {token.lastUsedAt ? formatDateTime(token.lastUsedAt, tz) : "Never"}
                  </Td>
                  <Td className="whitespace-nowrap text-zinc-600 dark:text-zinc-400">
                    {token.expiresAt ? formatDateTime(token.expiresAt, tz) : "Never"}
                  </Td>
                  <Td>
                    <TokenStatusBadge status={status} />
                  </Td>
                  <Td>
                    <div className="flex justify-end gap-2">
                      <ConfirmAction
                        action={rollTokenAction}
                        fields={{ tokenId: token.id }}
                        triggerLabel="Roll"
                        title={`Roll “${token.name}”?`}
                        description="Portico issues a replacement token now. Choose how long the current one keeps working, so you can deploy the new one without downtime."
                        confirmLabel="Roll token"
                        secretsTitle="Your new API token"
                        disabled={!usable || !approved || status === "rolling"}
                      >
                        <SelectField
                          label="The current token stops working"
                          name="window"
                          id={`window-${token.id}`}
                          defaultValue="24h"
                        >
                          {rollChoices.map((choice) => (
                            <option key={choice.value} value={choice.value}>
                              {choice.label}
                            </option>
                          ))}
                        </SelectField>
                      </ConfirmAction>
                      <ConfirmAction
                        action={revokeTokenAction}
                        fields={{ tokenId: token.id }}
                        triggerLabel="Revoke"
                        triggerVariant="ghost"
                        title={`Revoke “${token.name}”?`}
                        description="Requests using this token will be refused immediately. This cannot be undone."
                        confirmLabel="Revoke token"
                        confirmVariant="danger"
                        disabled={status === "revoked"}
                      />
                    </div>
                  </Td>
                </tr>
              );
            })}
          </Table>
        </Card>
      )}
    </>
  );
}
