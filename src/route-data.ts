import { defineRouteMiddleware } from '@astrojs/starlight/route-data';
import { lastCommitDate } from './utils/git-dates.ts';

// Pages in content/ get their "Last updated" date from git (frontmatter
// `lastUpdated` still wins).
export const onRequest = defineRouteMiddleware((context) => {
  const route = context.locals.starlightRoute;
  if (route.lastUpdated === undefined && route.entry.filePath) {
    route.lastUpdated = lastCommitDate(route.entry.filePath);
  }
});
