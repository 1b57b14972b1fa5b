import type { ReactNode } from "react";

export interface HeadingRowContent {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
}

/** The classes that set a page header apart from a card header; the layout is the same. */
export interface HeadingRowStyle {
  row: string;
  title: string;
  description: string;
  actions: string;
}

/** A title with an optional description on the left and optional actions on the right. */
export function HeadingRow({
  title,
  description,
  actions,
  level,
  style,
}: HeadingRowContent & { level: "h1" | "h2"; style: HeadingRowStyle }) {
  const Heading = level;
  return (
    <div className={style.row}>
      <div className="min-w-0">
        <Heading className={style.title}>{title}</Heading>
        {description ? <p className={style.description}>{description}</p> : null}
      </div>
      {actions ? <div className={style.actions}>{actions}</div> : null}
    </div>
  );
}
