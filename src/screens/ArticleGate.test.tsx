// @vitest-environment jsdom
// The gate's words come from the seed's trailer, whatever they are, not from the component.
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, expect, test } from 'vitest';
import { ArticleGate, type GateView } from './ArticleGate.tsx';

afterEach(cleanup);

const gate = { heading: 'Weiterlesen mit Abo', question: 'Schon Abonnent?', linkText: 'Hier anmelden' };

/** The gate for an article at /articles/x, in the given view, with this seed's trailer. */
function renderGate(view: GateView): void {
  render(
    <MemoryRouter>
      <ArticleGate
        view={view}
        gatedText={{ status: 'idle' }}
        onRetry={() => undefined}
        loginReturnPath="/articles/x"
        gate={gate}
        headingRef={null}
      />
    </MemoryRouter>,
  );
}

test('an anonymous reader sees the trailer of this seed, and its link goes to the login', () => {
  renderGate({ kind: 'preview', reason: 'sign-in' });
  expect(screen.getByRole('heading', { name: gate.heading })).toBeDefined();
  expect(screen.getByText(gate.question)).toBeDefined();
  expect(screen.getByRole('link', { name: gate.linkText }).getAttribute('href')).toBe('/login?next=%2Farticles%2Fx');
  expect(screen.queryByText('Click to log in!')).toBeNull();
  expect(screen.queryByText('To Read The Full Story')).toBeNull();
});

test.each<['unreachable' | 'sandbox-gone', RegExp, string[]]>([
  ['unreachable', /^Could not reach the service to check whether you are logged in\.$/, ['Try again']],
  [
    'sandbox-gone',
    /^This browser is in a test sandbox that has ended .* Leave it to read as everyone does/,
    ['Leave the sandbox', 'Try again'],
  ],
])(
  'when the session cannot be known (%s), the gate says why in an alert and offers a way on',
  async (why, words, buttons) => {
    renderGate({ kind: 'unknown', why });
    // A sandbox that has ended is said by a component downloaded when needed: wait for it.
    expect((await screen.findByRole('alert')).textContent).toMatch(words);
    await waitFor(() => expect(screen.getAllByRole('button').map((button) => button.textContent)).toEqual(buttons));
  },
);
