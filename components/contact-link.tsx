// "Contact us" wherever the panel says it: a link to the contact page, which holds the configured support address
// (PORTICO_SUPPORT_EMAIL). A page rather than a bare mailto, so client components (error pages) can link to it too.
import Link from "next/link";
import type { ReactNode } from "react";

export function ContactLink({
  subject,
  children = "Contact us",
  className = "font-medium underline underline-offset-2 hover:no-underline",
}: {
  subject?: string;
  children?: ReactNode;
  className?: string;
}) {
  return (
    <Link
      href={subject ? `/contact?subject=${encodeURIComponent(subject)}` : "/contact"}
      data-testid="contact-link"
      className={className}
    >
      {children}
    </Link>
  );
}
