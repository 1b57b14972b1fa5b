import { ServiceStateBadge } from "@/components/status-badges";
import { buttonClasses } from "@/components/ui/button";

export interface CatalogItem {
  id: string;
  name: string;
  url: string;
  state: string;
  partner: { name: string };
  accessExpiresAt?: Date | null;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/**
 * Cards with an "Open" link to /launch/{id}. A plain <a>, not next/link: prefetching would mint login tokens.
 */
export function CatalogGrid({
  items,
  label,
  openLabel = "Open",
  formatExpiry,
}: {
  items: CatalogItem[];
  label: string;
  openLabel?: string;
  formatExpiry?: (date: Date) => string;
}) {
  return (
    <ul aria-label={label} className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
      {items.map((item) => (
        <li
          key={item.id}
          data-testid={`catalog-item-${item.name}`}
          className="flex min-w-0 flex-col gap-3 rounded-xl border border-zinc-200 bg-white p-5 shadow-sm dark:border-zinc-800 dark:bg-zinc-900"
        >
          <div className="flex items-start justify-between gap-2">
            <div className="min-w-0">
              <h3 className="truncate font-semibold">{item.name}</h3>
              <p className="truncate text-sm text-zinc-500 dark:text-zinc-400">
                by {item.partner.name} · {hostOf(item.url)}
              </p>
            </div>
            {item.state !== "published" ? <ServiceStateBadge state={item.state} /> : null}
          </div>
          {item.accessExpiresAt && formatExpiry ? (
            <p className="text-xs text-zinc-500 dark:text-zinc-400">
              Access until {formatExpiry(item.accessExpiresAt)}
            </p>
          ) : null}
          <div className="mt-auto">
            <a href={`/launch/${item.id}`} className={buttonClasses("primary", "sm")} rel="noreferrer">
              {openLabel}
            </a>
          </div>
        </li>
      ))}
    </ul>
  );
}
