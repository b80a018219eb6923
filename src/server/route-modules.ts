// Every route module of the API, in one table: each way of signing in, the test inbox. A new
// module adds its table here; the handler (handler.ts) serves whatever this returns.
import { exampleIdRoutes } from './example-id.ts';
import { exampleIdSignInRoutes } from './example-id-sign-in.ts';
import { faultRoutes } from './fault-routes.ts';
import { inboxRoutes } from './inbox-routes.ts';
import { requestLogRoutes } from './request-log-routes.ts';
import { passwordResetRoutes } from './password-reset-routes.ts';
import { unlockRoutes } from './unlock-routes.ts';
import { verificationRoutes } from './verification-routes.ts';
import type { RouteKit, RouteTable } from './routes.ts';
import { signInLinkRoutes } from './sign-in-links.ts';
import { twoFactorRoutes } from './two-factor-routes.ts';

export function routeModules(kit: RouteKit): RouteTable {
  const tables: RouteTable[] = [
    inboxRoutes(),
    requestLogRoutes(),
    faultRoutes(),
    signInLinkRoutes(kit),
    exampleIdRoutes(),
    exampleIdSignInRoutes(kit),
    twoFactorRoutes(kit),
    passwordResetRoutes(),
    unlockRoutes(),
    verificationRoutes(),
  ];
  const all: Record<string, RouteTable[string]> = {};
  for (const table of tables) {
    for (const [path, entry] of Object.entries(table)) {
      if (path in all) throw new Error(`Two route modules serve ${path}`);
      all[path] = entry;
    }
  }
  return all;
}
