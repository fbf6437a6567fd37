/** A figure in a board table: a link to its cases (zero has none to open, so it stays plain). */
export function Count({
  value,
  href,
  label,
  text,
  title = '查看这些办件',
}: {
  value: number;
  href: string;
  label: string;
  text?: string;
  title?: string;
}) {
  if (value === 0) return <span class="mf-muted">{text ?? '0'}</span>;
  return (
    <a href={href} aria-label={label} title={title}>
      {text ?? value}
    </a>
  );
}
