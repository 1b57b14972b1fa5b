import type { Metadata } from "next";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/panel/guards";
import { ChangePasswordForm } from "./password-form";

export const metadata: Metadata = { title: "Password" };

export default async function PasswordPage() {
  await requirePage({ access: { role: "signed_in" }, callbackPath: "/account/password" });
  return (
    <>
      <PageHeader title="Password" description="The password you sign in to Portico with." />
      <Card>
        <CardHeader
          title="Change password"
          description="Changing it signs you out everywhere, this browser included; sign in again with the new one."
        />
        <CardBody>
          <ChangePasswordForm />
        </CardBody>
      </Card>
    </>
  );
}
