// @vitest-environment jsdom
// useGatedText: what the article view reads of the gated-text store.
import { act, cleanup, render, screen } from '@testing-library/react';
import { StrictMode } from 'react';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import type { Reader } from '../paywall/reader.ts';
import { fetchGatedText, type GatedTextResult } from './api-client.ts';
import { prefetchGatedText, readerViewer, useGatedText } from './gated-text.ts';

vi.mock('./api-client.ts', () => ({ fetchGatedText: vi.fn() }));

const SLUG = 'a-story';
const READER: Reader = { email: 'subscriber@example.com', name: 'Sam', subscription: { status: 'active' } };
const OK: GatedTextResult = { kind: 'ok', paragraphs: ['First gated.'], expiresAt: undefined, meter: undefined };

function Gated({ reader }: { reader: Reader | null }) {
  const { gatedText } = useGatedText(SLUG, reader === null ? null : readerViewer(reader));
  return <p data-testid="gated">{gatedText.status === 'loaded' ? gatedText.paragraphs.join(' ') : gatedText.status}</p>;
}

const shown = () => screen.getAllByTestId('gated').map((element) => element.textContent);

beforeEach(() => {
  vi.mocked(fetchGatedText).mockResolvedValue(OK);
});

afterEach(async () => {
  cleanup();
  await act(() => Promise.resolve()); // released text goes a microtask later
  vi.clearAllMocks();
});

test('fetches nothing without an entitled reader', () => {
  render(<Gated reader={null} />);
  expect(shown()).toEqual(['idle']);
  expect(fetchGatedText).not.toHaveBeenCalled();
});

test('two views of one article share one request; once both are gone, a later view asks again', async () => {
  const { unmount } = render(
    <>
      <Gated reader={READER} />
      <Gated reader={READER} />
    </>,
  );
  expect(shown()).toEqual(['loading', 'loading']);
  await act(() => Promise.resolve());
  expect(shown()).toEqual(['First gated.', 'First gated.']);
  expect(fetchGatedText).toHaveBeenCalledTimes(1);

  unmount();
  await act(() => Promise.resolve());
  render(<Gated reader={READER} />);
  expect(fetchGatedText).toHaveBeenCalledTimes(2);
});

test('text fetched ahead (by a login) is on the first render, without a second request, even in StrictMode', async () => {
  await prefetchGatedText(SLUG, readerViewer(READER));
  render(
    <StrictMode>
      <Gated reader={READER} />
    </StrictMode>,
  );
  expect(shown()).toEqual(['First gated.']);
  await act(() => Promise.resolve());
  expect(shown()).toEqual(['First gated.']);
  expect(fetchGatedText).toHaveBeenCalledTimes(1);
});
