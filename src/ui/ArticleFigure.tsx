// The article's figure: the seed has the caption and credit but no image, so a quiet placeholder
// of fixed proportions stands in (no layout shift, nothing fetched). Drawn inline in the page's
// own colours, so it follows the theme, with a label in the page's type, legible at any size.
import type { Figure } from '../content/article.ts';

export function ArticleFigure({ figure, variant }: { figure: Figure; variant: 'full' | 'thumbnail' }) {
  return (
    <figure className={`figure figure--${variant}`}>
      <div
        className="figure__placeholder"
        role="img"
        aria-label="Placeholder: the original photograph is not included in Lede"
      >
        <span className="figure__label" aria-hidden="true">
          Photo not available
        </span>
      </div>
      <figcaption>
        <span className="figure__caption">{figure.caption}</span>{' '}
        <small className="figure__credit">{figure.credit}</small>
      </figcaption>
    </figure>
  );
}
