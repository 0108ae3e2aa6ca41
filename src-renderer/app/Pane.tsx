import type { ReactNode } from 'react';

/** One area of the console (queue, map, units): a titled region later features fill. */
export function Pane(props: { id: string; title: string; actions?: ReactNode; children: ReactNode }) {
  return (
    <section
      className={`pane pane-${props.id}`}
      aria-labelledby={`pane-${props.id}-title`}
      data-testid={`pane-${props.id}`}
    >
      <header className="pane-header">
        <h2 id={`pane-${props.id}-title`}>{props.title}</h2>
        {props.actions}
      </header>
      <div className="pane-body">{props.children}</div>
    </section>
  );
}

export function EmptyState(props: { icon: ReactNode; title: string; hint: string }) {
  return (
    <div className="empty-state">
      <div className="empty-icon" aria-hidden="true">
        {props.icon}
      </div>
      <p className="empty-title">{props.title}</p>
      <p className="empty-hint">{props.hint}</p>
    </div>
  );
}
