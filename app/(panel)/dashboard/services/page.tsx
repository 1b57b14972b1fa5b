import type { Metadata } from "next";
import Link from "next/link";
import { ServiceStateBadge, ServiceStatusBadge } from "@/components/status-badges";
import { Button, LinkButton } from "@/components/ui/button";
import { Table, Td } from "@/components/ui/data-table";
import { ListPage } from "@/components/ui/list-page";
import { hasPartnerRole } from "@/lib/members/roles";
import { requirePage } from "@/lib/panel/guards";
import { listServices } from "@/lib/services/services";

export const metadata: Metadata = { title: "Services" };

export default async function ServicesPage() {
  const { partner, memberRole } = await requirePage({
    access: { role: "partner" },
    callbackPath: "/dashboard/services",
  });
  const services = await listServices({ partnerId: partner.id });
  const canCreate = partner.status === "approved";
  // Viewers read only: no button (the server refuses them anyway).
  const newButton = !hasPartnerRole(memberRole, "developer") ? null : canCreate ? (
    <LinkButton href="/dashboard/services/new">New service</LinkButton>
  ) : (
    <Button disabled title="Available once your partnership is approved">
      New service
    </Button>
  );

  return (
    <ListPage
      title="Services"
      description="The apps you offer through Portico. Each one is checked through its /authorize endpoint."
      count={services.length}
      createButton={newButton}
      empty={{
        title: "No services yet",
        description: "Add your app with the URL of your development server. It starts as a draft, visible only to you.",
      }}
    >
      <Table label="Services" head={["Name", "URL", "State", "Status", "Version"]}>
        {services.map((service) => (
          <tr key={service.id} className="hover:bg-zinc-50 dark:hover:bg-zinc-800/50">
            <Td>
              <Link
                href={`/dashboard/services/${service.id}`}
                className="font-medium text-indigo-600 hover:text-indigo-500 dark:text-indigo-400"
              >
                {service.name}
              </Link>
            </Td>
            <Td className="max-w-xs truncate font-mono text-xs text-zinc-600 dark:text-zinc-400">{service.url}</Td>
            <Td>
              <ServiceStateBadge state={service.state} />
            </Td>
            <Td>
              <ServiceStatusBadge status={service.status} />
            </Td>
            <Td className="font-mono text-xs">{service.version ?? "—"}</Td>
          </tr>
        ))}
      </Table>
    </ListPage>
  );
}
