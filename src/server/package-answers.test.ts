// The fixtures package (packages/playwright) spells out the API's answers as types of its own,
// because it may import nothing of Lede's source. This file holds the two together: each of the
// package's types must be exactly what the route's Zod schema (the one the API reference is made
// from) says, so a change to an answer that the package does not follow fails `npm run typecheck`.
// The assertions are types; vitest runs them as no-ops.
import { expectTypeOf, test } from 'vitest';
import type { z } from 'zod';
import type * as Package from '../../packages/playwright/src/api-answers.ts';
import type { paywallModel, reader, signedIn } from './api-docs.ts';
import type { listed } from './fault-routes.ts';
import type { faultRule } from './faults.ts';
import type { mail } from './inbox-routes.ts';
import type { logged } from './request-log-routes.ts';
import type { REQUEST_BODIES } from './request-schemas.ts';

/**
 * A type as JSON carries it: Zod writes an optional field `field?: T | undefined`, the package
 * `field?: T` (JSON has no undefined, and exactOptionalPropertyTypes tells the two apart).
 */
type Json<T> = T extends readonly (infer Item)[]
  ? Json<Item>[]
  : T extends object
    ? { [Key in keyof T]: Json<Exclude<T[Key], undefined>> }
    : T;

type Answer<Schema extends z.ZodType> = Json<z.output<Schema>>;
type Body<Schema extends z.ZodType> = Json<z.input<Schema>>;

test('a session, a reader and a subscription', () => {
  expectTypeOf<Json<Package.Session>>().toEqualTypeOf<Answer<typeof signedIn>>();
  expectTypeOf<Json<Package.Reader>>().toEqualTypeOf<Answer<typeof reader>>();
});

test('a message in the test inbox', () => {
  expectTypeOf<Json<Package.Mail>>().toEqualTypeOf<Answer<typeof mail>>();
});

test('a fault rule, as sent and as listed', () => {
  expectTypeOf<Json<Package.FaultRule>>().toEqualTypeOf<Answer<typeof listed>['faults'][number]>();
  expectTypeOf<Json<Package.FaultRuleInput>>().toEqualTypeOf<Body<typeof faultRule>>();
});

test('a logged request', () => {
  expectTypeOf<Json<Package.LoggedRequest>>().toEqualTypeOf<Answer<typeof logged>>();
});

test('the paywall model, as set and as answered', () => {
  expectTypeOf<Json<Package.PaywallModel>>().toEqualTypeOf<Answer<typeof paywallModel>>();
  expectTypeOf<Json<Package.MeterSettings>>().toEqualTypeOf<
    Extract<Answer<typeof paywallModel>, { model: 'metered' }>['meter']
  >();
  expectTypeOf<Json<Package.PaywallModelInput>>().toEqualTypeOf<Body<typeof REQUEST_BODIES.paywallModel>>();
});
