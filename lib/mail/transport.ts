// The SMTP client (nodemailer), made once from PORTICO_SMTP_URL. Without it there is no transport: mail is kept.
import nodemailer, { type Transporter } from "nodemailer";
import { getConfig } from "@/lib/config";

let cached: { url: string; transport: Transporter } | undefined;

export function getMailTransport(): Transporter | null {
  const url = getConfig().smtpUrl;
  if (!url) return null;
  if (cached?.url !== url) cached = { url, transport: nodemailer.createTransport(url) };
  return cached.transport;
}
