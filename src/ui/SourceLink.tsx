// "Source: Hamodia", linking to the original report.
import type { Source } from '../content/article.ts';

export function SourceLink({ source }: { source: Source }) {
  return (
    <span className="byline__source">
      Source: <a href={source.url}>{source.name}</a>
    </span>
  );
}
