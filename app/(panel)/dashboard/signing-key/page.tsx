// The phone token contract signing key: 32 random bytes shown as base64 (decode it before use, as the contract says).
import type { Metadata } from "next";
import { SigningKeyPanel } from "@/components/tokens/signing-key-panel";
import { Banner } from "@/components/ui/banner";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/panel/guards";
import { revealSigningKeyAction, rotateSigningKeyAction } from "./actions";

export const metadata: Metadata = { title: "Signing key" };

export default async function SigningKeyPage() {
  const { partner, memberRole } = await requirePage({
    access: { role: "partner" },
    callbackPath: "/dashboard/signing-key",
  });
  const approved = partner.status === "approved";
  const owner = memberRole === "owner";
  return (
    <>
      <PageHeader
        title="Signing key"
        description="Portico signs the JWTs from GET /api/v1/token with this key (HS256). It is base64: decode it before verifying."
      />
      {approved ? null : (
        <div className="mb-4">
          <Banner tone="warning">Your partnership is pending approval; the key becomes available once approved.</Banner>
        </div>
      )}
      {owner ? null : (
        <div className="mb-4">
          <Banner testId="signing-key-owner-only">
            Only an owner of your partner account can reveal or rotate the key.
          </Banner>
        </div>
      )}
      <Card>
        <CardHeader
          title="HS256 key"
          description="Stored encrypted. Rotating creates a new key at once; the previous one keeps verifying for 10 minutes."
        />
        <CardBody>
          <SigningKeyPanel
            reveal={revealSigningKeyAction}
            rotate={rotateSigningKeyAction}
            disabled={!approved || !owner}
            timeZone={partner.timeZone}
          />
        </CardBody>
      </Card>
    </>
  );
}
