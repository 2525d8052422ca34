// Where the test runners build and read a test site: one folder per base
// path, apart from dist/ (what `npm run build` and `npm start` use), so
// tests never replace the site a developer is serving.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The test site's folder for a base path ('' or '/' is the root). */
export function testSiteDir(base = '/') {
  return resolve(root, '.test-sites', !base || base === '/' ? 'root' : 'sub-path');
}

/** The built site a script reads: --dir, else $VIRTLAB_DIST, else dist/. */
export function siteDir(dirArg) {
  return resolve(root, dirArg ?? process.env.VIRTLAB_DIST ?? 'dist');
}
