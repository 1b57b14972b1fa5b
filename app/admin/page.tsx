import { redirect } from "next/navigation";
import { requirePage } from "@/lib/panel/guards";

export default async function AdminPage() {
  await requirePage({ access: { role: "admin" }, callbackPath: "/admin/partners" });
  redirect("/admin/partners");
}
