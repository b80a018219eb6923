// The production server's settings from the environment and `--port`.
import { expect, test } from 'vitest';
import { DEFAULT_PORT, readHostConfig } from './config.ts';

test('defaults: port 4173 on localhost, test hooks off, no proxy, logs on', () => {
  expect(readHostConfig({}, [])).toEqual({
    port: DEFAULT_PORT,
    host: 'localhost',
    testHooks: false,
    trustProxy: false,
    redisUrl: undefined,
    logRequests: true,
  });
});

test.each<[string, NodeJS.ProcessEnv, string[], Partial<ReturnType<typeof readHostConfig>>]>([
  ['PORT', { PORT: '8080' }, [], { port: 8080 }],
  ['--port wins over PORT', { PORT: '8080' }, ['--port', '0'], { port: 0 }],
  ['--port=', {}, ['--port=9000'], { port: 9000 }],
  ['HOST', { HOST: '0.0.0.0' }, [], { host: '0.0.0.0' }],
  ['LEDE_TEST_HOOKS=1', { LEDE_TEST_HOOKS: '1' }, [], { testHooks: true }],
  ['LEDE_TEST_HOOKS=0', { LEDE_TEST_HOOKS: '0' }, [], { testHooks: false }],
  ['LEDE_TRUST_PROXY=1', { LEDE_TRUST_PROXY: '1' }, [], { trustProxy: true }],
  [
    'LEDE_REDIS_URL',
    { LEDE_REDIS_URL: 'redis://cache.internal:6380/2' },
    [],
    { redisUrl: 'redis://cache.internal:6380/2' },
  ],
  [
    'LEDE_REDIS_URL with TLS',
    { LEDE_REDIS_URL: 'rediss://u:p@cache:6380' },
    [],
    { redisUrl: 'rediss://u:p@cache:6380' },
  ],
  ['LEDE_LOG=silent', { LEDE_LOG: 'silent' }, [], { logRequests: false }],
  ['NODE_ENV=test', { NODE_ENV: 'test' }, [], { logRequests: false }],
  ['LEDE_LOG=requests under NODE_ENV=test', { NODE_ENV: 'test', LEDE_LOG: 'requests' }, [], { logRequests: true }],
])('%s', (_name, env, argv, expected) => {
  expect(readHostConfig(env, argv)).toMatchObject(expected);
});

test.each<[string, NodeJS.ProcessEnv, string[], RegExp]>([
  ['a port that is not a number', { PORT: 'http' }, [], /port should be 0 to 65535/],
  ['a port too large', {}, ['--port', '70000'], /port should be 0 to 65535/],
  ['--port without a value', {}, ['--port'], /--port needs a number/],
  ['a typo in LEDE_TRUST_PROXY', { LEDE_TRUST_PROXY: 'yes' }, [], /LEDE_TRUST_PROXY should be 1 or 0/],
  ['an unknown LEDE_LOG', { LEDE_LOG: 'debug' }, [], /LEDE_LOG should be/],
  ['a Redis URL that is not one', { LEDE_REDIS_URL: 'localhost:6379' }, [], /LEDE_REDIS_URL should be a redis:\/\//],
  ['an http URL for Redis', { LEDE_REDIS_URL: 'http://cache:6379' }, [], /LEDE_REDIS_URL should be a redis:\/\//],
])('refuses %s', (_name, env, argv, message) => {
  expect(() => readHostConfig(env, argv)).toThrow(message);
});
