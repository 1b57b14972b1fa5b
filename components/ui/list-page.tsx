import type { ReactNode } from "react";
import { Card } from "./card";
import { EmptyState } from "./empty-state";
import { PageHeader } from "./page-header";

/**
 * A page listing the partner's records in a table. While there are none the table gives way to an empty state, and
 * the create button moves from the header into it, so it is offered exactly once.
 */
export function ListPage({
  title,
  description,
  count,
  createButton,
  empty,
  children,
}: {
  title: string;
  description: ReactNode;
  /** How many records the table shows. */
  count: number;
  createButton: ReactNode;
  empty: { title: string; description: ReactNode };
  /** The table. */
  children: ReactNode;
}) {
  return (
    <>
      <PageHeader title={title} description={description} actions={count ? createButton : null} />
      {count === 0 ? (
        <EmptyState title={empty.title} description={empty.description} action={createButton} />
      ) : (
        <Card>{children}</Card>
      )}
    </>
  );
}
