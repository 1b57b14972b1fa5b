import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { listTimeZones } from "@/lib/panel/dates";
import { getPanelUser, homeForRole } from "@/lib/panel/guards";
import { SignUpForm } from "./sign-up-form";

export const metadata: Metadata = { title: "Create an account" };

export default async function SignUpPage() {
  const user = await getPanelUser();
  if (user) redirect(homeForRole(user.role));
  return <SignUpForm timeZones={listTimeZones()} />;
}
