import type { Metadata } from "next";
import { CatalogGrid } from "@/components/login/catalog-grid";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { listCatalog } from "@/lib/login/entitlements";
import { formatDateTime } from "@/lib/panel/dates";
import { requirePage } from "@/lib/panel/guards";

export const metadata: Metadata = { title: "Catalog" };

export default async function CatalogPage() {
  const { user } = await requirePage({ access: { role: "signed_in" }, callbackPath: "/catalog" });
  const catalog = await listCatalog({ userId: user.id, partnerId: user.partnerId });
  const formatExpiry = (date: Date) => formatDateTime(date, "UTC");

  return (
    <>
      <PageHeader title="Catalog" description={`Signed in as ${user.email}`} />
      <div className="flex flex-col gap-6">
        {catalog.entitled.length ? (
          <CatalogGrid items={catalog.entitled} label="Your apps" formatExpiry={formatExpiry} />
        ) : (
          <EmptyState
            title="No apps yet"
            description="Apps you have access to appear here, one click away. Access comes with a purchase or a grant from your administrator."
          />
        )}
        {catalog.own.length ? (
          <Card>
            <CardHeader
              title="Your company's services (development)"
              description="You can open your own services in any state, drafts included, to test the one-time login."
            />
            <CardBody>
              <CatalogGrid items={catalog.own} label="Your company's services" openLabel="Open in development" />
            </CardBody>
          </Card>
        ) : null}
      </div>
    </>
  );
}
