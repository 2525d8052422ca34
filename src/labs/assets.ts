// Where the lab guest's files are: public/labs/, written by
// scripts/build-labs.mjs with content-hashed names listed in labs/manifest.json.
import manifest from '../../labs/manifest.json';

export { manifest };
export type LabFileKey = keyof typeof manifest.files;

const base = import.meta.env.BASE_URL.endsWith('/') ? import.meta.env.BASE_URL : `${import.meta.env.BASE_URL}/`;

/** The URL of one of the guest's files, under the site's base path. */
export function labFileUrl(key: LabFileKey): string {
  return `${base}labs/${manifest.files[key].file}`;
}

/** The emulator's wasm as served compressed (about 45 % of its 2.1 MB): for the size a reader is told before starting. */
const WASM_COMPRESSED_ESTIMATE = 2.1e6 * 0.45;

/** About what starting a lab downloads: the emulator and the saved state, or for the Race the boot files. */
export function labDownloadBytes(race: boolean): number {
  return (
    WASM_COMPRESSED_ESTIMATE +
    (race
      ? manifest.files.kernel.bytes + manifest.files.initrd.bytes + manifest.files.bios.bytes
      : manifest.files.state.bytes)
  );
}
