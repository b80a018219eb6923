// Every route module of the API, in one table: each way of signing in, the test inbox. A new
// module adds its table here; the handler (handler.ts) serves whatever this returns.
import { inboxRoutes } from './inbox-routes.ts';
import { passwordResetRoutes } from './password-reset-routes.ts';
import { unlockRoutes } from './unlock-routes.ts';
import { verificationRoutes } from './verification-routes.ts';
import type { RouteKit, RouteTable } from './routes.ts';

export function routeModules(kit: RouteKit): RouteTable {
  const tables: RouteTable[] = [inboxRoutes(), passwordResetRoutes(), unlockRoutes(), verificationRoutes()];
  const all: Record<string, RouteTable[string]> = {};
  for (const table of tables) {
    for (const [path, entry] of Object.entries(table)) {
      if (path in all) throw new Error(`Two route modules serve ${path}`);
      all[path] = entry;
    }
  }
  void kit; // lent to the sign-in modules as they are added
  return all;
}
