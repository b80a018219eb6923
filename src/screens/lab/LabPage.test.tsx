// @vitest-environment jsdom
// The lab page against the real API handler: in a world without test hooks (a production server's
// own) it says so plainly and offers a sandbox; in one, its forms refuse bad input in their own
// words, keep what was typed and put focus on what needs it.
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, expect, test, vi } from 'vitest';
import { browserOn } from '../../client-state/lab-browser.testing.ts';
import { createApiHandler } from '../../server/handler.ts';
import { FAULT_ERRORS } from './fault-form.ts';
import { LabPage, NO_HOOKS } from './LabPage.tsx';
import { JOIN_ERRORS } from './SandboxPanel.tsx';

/** The API as a server without articles serves it (the real seed is not read under jsdom). */
function setup({ testHooks = true }: { testHooks?: boolean } = {}) {
  return { api: createApiHandler({ findArticle: () => undefined, testHooks }) };
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function renderLab(): void {
  render(
    <MemoryRouter>
      <LabPage />
    </MemoryRouter>,
  );
}

test('without test hooks: said plainly, no hook controls; a sandbox created from there has them all', async () => {
  const harness = setup({ testHooks: false });
  const jar = browserOn(harness);
  renderLab();
  expect(await screen.findByText(NO_HOOKS)).toBeDefined();
  expect(screen.queryByRole('heading', { name: 'Paywall model' })).toBeNull();
  expect(screen.queryByRole('heading', { name: 'Request log' })).toBeNull();
  // Nothing of the server's own words on show.
  expect(document.body.textContent).not.toMatch(/No such endpoint|POST \/api/);

  await userEvent.click(screen.getByRole('button', { name: 'Create a sandbox' }));
  const id = await waitFor(() => {
    const value = jar.get('lede_sandbox');
    if (value === undefined) throw new Error('not joined yet');
    return value;
  });
  expect(await screen.findByText(`Created sandbox ${id}; this browser is in it now.`)).toBeDefined();
  await waitFor(() => expect(document.activeElement?.textContent).toContain(`This browser is in sandbox ${id}.`));
  for (const name of ['Paywall model', 'Faults', 'Server clock', 'Test inbox', 'Reset', 'Request log']) {
    expect(await screen.findByRole('heading', { name })).toBeDefined();
  }
  expect(screen.queryByText(NO_HOOKS)).toBeNull();
});

test('joining: an empty id, an id that is none, and one that is gone are each refused in words, what was typed kept', async () => {
  browserOn(setup());
  renderLab();
  const field = await screen.findByLabelText('Sandbox id');
  const join = screen.getByRole('button', { name: 'Join' });

  await userEvent.click(join);
  expect(screen.getByText(JOIN_ERRORS.empty)).toBeDefined();
  expect(document.activeElement).toBe(field);

  await userEvent.type(field, 'sandbox-1');
  await userEvent.click(join);
  expect(await screen.findByText(JOIN_ERRORS.malformed)).toBeDefined();
  expect(field).toHaveProperty('value', 'sandbox-1');
  expect(field.getAttribute('aria-invalid')).toBe('true');
  expect(document.activeElement).toBe(field);

  await userEvent.clear(field);
  await userEvent.type(field, '00000000-0000-4000-8000-000000000000');
  await userEvent.click(join);
  expect(await screen.findByText(JOIN_ERRORS.unknown)).toBeDefined();
  expect(field).toHaveProperty('value', '00000000-0000-4000-8000-000000000000');
});

test('a fault with no path: the path field says so and takes focus; with one, the rule is listed', async () => {
  browserOn(setup());
  renderLab();
  const add = await screen.findByRole('button', { name: 'Add the fault' });
  await userEvent.click(add);
  const path = screen.getByLabelText('Path');
  expect(screen.getByText(FAULT_ERRORS.pathMissing)).toBeDefined();
  expect(document.activeElement).toBe(path);

  await userEvent.type(path, '/api/session');
  await userEvent.clear(screen.getByLabelText('Status'));
  await userEvent.type(screen.getByLabelText('Status'), '502');
  await userEvent.type(screen.getByLabelText('Times'), '1');
  await userEvent.click(add);
  expect(await screen.findByText('Added: Any method /api/session: answers 502, once.')).toBeDefined();
  expect(screen.getByRole('button', { name: 'Remove: Any method /api/session: answers 502, once' })).toBeDefined();
});
