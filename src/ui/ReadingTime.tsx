// "4 min read", as news sites say it; the whole story is counted, gated part included.
export function ReadingTime({ minutes }: { minutes: number }) {
  return <span className="reading-time">{minutes} min read</span>;
}
