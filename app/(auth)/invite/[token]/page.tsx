import type { Metadata } from "next";
import Link from "next/link";
import { Banner } from "@/components/ui/banner";
import { Card, CardBody } from "@/components/ui/card";
import { AppError } from "@/lib/errors";
import { describeInvitation } from "@/lib/members/invitations";
import { formatDateTime } from "@/lib/panel/dates";
import { InvitationForm } from "./invitation-form";

export const metadata: Metadata = { title: "Join a partner" };

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  let invitation: Awaited<ReturnType<typeof describeInvitation>>;
  try {
    invitation = await describeInvitation(token);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return (
      <Card>
        <CardBody className="flex flex-col gap-4 p-8">
          <h1 className="text-2xl font-semibold tracking-tight">This invitation cannot be used</h1>
          <Banner tone="error" testId="invitation-error">
            {error.message}
          </Banner>
          <Link className="text-sm underline" href="/sign-in">
            Sign in
          </Link>
        </CardBody>
      </Card>
    );
  }
  return (
    <Card>
      <CardBody className="flex flex-col gap-6 p-8">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Join {invitation.partnerName}</h1>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
            You are invited as <strong>{invitation.role}</strong> ({invitation.email}). The link works once, until{" "}
            {formatDateTime(invitation.expiresAt, "UTC")}. A person belongs to one partner.
          </p>
        </div>
        <InvitationForm token={token} email={invitation.email} hasAccount={invitation.hasAccount} />
      </CardBody>
    </Card>
  );
}
