import { Badge, type BadgeTone } from "./ui/badge";

const serviceStateTones: Record<string, BadgeTone> = { draft: "zinc", submitted: "amber", published: "indigo" };
const serviceStatusTones: Record<string, BadgeTone> = {
  unknown: "zinc",
  live: "green",
  down: "red",
  unauthentic: "amber",
};
const tokenStatusTones: Record<string, BadgeTone> = {
  active: "green",
  rolling: "sky",
  expired: "zinc",
  revoked: "red",
};
const partnerStatusTones: Record<string, BadgeTone> = { pending: "amber", approved: "green", rejected: "red" };

function Dot() {
  return <span aria-hidden="true" className="size-1.5 rounded-full bg-current" />;
}

export function ServiceStateBadge({ state }: { state: string }) {
  return <Badge tone={serviceStateTones[state] ?? "zinc"}>{state}</Badge>;
}

export function ServiceStatusBadge({ status }: { status: string }) {
  return (
    <Badge tone={serviceStatusTones[status] ?? "zinc"}>
      <Dot />
      {status}
    </Badge>
  );
}

export function TokenStatusBadge({ status }: { status: string }) {
  return (
    <Badge tone={tokenStatusTones[status] ?? "zinc"} testId="token-status">
      {status}
    </Badge>
  );
}

export function PartnerStatusBadge({ status }: { status: string }) {
  return <Badge tone={partnerStatusTones[status] ?? "zinc"}>{status}</Badge>;
}
