// The setup project: reset the server, then log each persona in once through the API and save
// its session (cookies) as storageState for the specs to reuse.
import { test as setup } from '@playwright/test';
import { logInThroughApi, SIGNED_IN_PERSONAS, storageStateOf } from './fixtures.ts';

setup('reset the server', async ({ request }) => {
  const response = await request.post('/api/test/reset');
  if (!response.ok()) throw new Error(`reset failed: ${response.status()}`);
});

for (const persona of SIGNED_IN_PERSONAS) {
  setup(`log in as ${persona}`, async ({ request }) => {
    await logInThroughApi(request, persona);
    await request.storageState({ path: storageStateOf(persona) });
  });
}
