// The article's figure: the seed has the caption and credit but no image, so a neutral
// placeholder of fixed size stands in (no layout shift, nothing fetched from outside).
import type { Figure } from '../content/article.ts';

export function ArticleFigure({ figure, variant }: { figure: Figure; variant: 'full' | 'thumbnail' }) {
  return (
    <figure className={`figure figure--${variant}`}>
      <img
        className="figure__placeholder"
        src="/figure-placeholder.svg"
        width={1200}
        height={675}
        alt="Placeholder: the original photograph is not included in Lede"
      />
      <figcaption>
        <span className="figure__caption">{figure.caption}</span>{' '}
        <small className="figure__credit">{figure.credit}</small>
      </figcaption>
    </figure>
  );
}
