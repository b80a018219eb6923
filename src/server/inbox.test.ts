import { describe, expect, test } from 'vitest';
import { memoryScope } from './store/memory-scope.testing.ts';
import { createInbox } from './inbox.ts';

const NOW = Date.UTC(2026, 10, 30, 12);
const mail = (to: string, subject = 'Hello') => ({
  to,
  subject,
  text: `${subject} https://x.test/a`,
  links: ['https://x.test/a'],
});

describe('createInbox', () => {
  test('messages come back newest first, with an id and the world time they were sent', async () => {
    const inbox = createInbox(memoryScope(), () => NOW, 10);
    await inbox.send(mail('a@example.com', 'First'));
    const second = await inbox.send({ ...mail('b@example.com', 'Second'), code: '123456' });
    expect(second).toMatchObject({ to: 'b@example.com', code: '123456', sentAt: new Date(NOW).toISOString() });
    expect(second.id).toMatch(/^[A-Za-z0-9_-]{12}$/);
    expect((await inbox.list()).map((m) => m.subject)).toEqual(['Second', 'First']);
  });

  test('a recipient is read as addresses are everywhere: trimmed, any case; plus addresses are their own', async () => {
    const inbox = createInbox(memoryScope(), () => NOW, 10);
    await inbox.send(mail(' Reader@Example.com'));
    await inbox.send(mail('reader+a@example.com'));
    expect(await inbox.list('READER@example.com ')).toHaveLength(1);
    expect((await inbox.list('reader+a@example.com'))[0]?.to).toBe('reader+a@example.com');
    expect(await inbox.list('nobody@example.com')).toEqual([]);
  });

  test('bounded: the newest `keep` messages stay; clear empties it', async () => {
    const inbox = createInbox(memoryScope(), () => NOW, 3);
    for (const n of [1, 2, 3, 4]) await inbox.send(mail('a@example.com', `Message ${n}`));
    expect((await inbox.list()).map((m) => m.subject)).toEqual(['Message 4', 'Message 3', 'Message 2']);
    expect(await inbox.size()).toBe(3);
    await inbox.clear();
    expect(await inbox.list()).toEqual([]);
  });
});
