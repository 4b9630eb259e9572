import { unwatchFile, watchFile, type Stats } from 'node:fs';
import type { Logger } from 'pino';
import { DocumentError } from './document.js';
import { loadIdentities } from './identities.js';
import type { AccessKey, KeyRing } from './keys.js';

/** How often the file's stat is polled: polling also sees editors that replace the file by renaming. */
const POLL_MS = 250;
/** Changes closer together than this are read once (an editor may write a file in several steps). */
const DEBOUNCE_MS = 100;

/**
 * Keeps the KeyRing (keys and roles) in step with the identities file: reloads it when it changes and on SIGHUP. A reload
 * swaps the whole key set at once (a request in flight keeps the key it was authenticated with); a file
 * that does not load keeps the last good set and logs why.
 */
export class IdentitiesWatcher {
  private timer: NodeJS.Timeout | undefined;
  private readonly onChange = (curr: Stats, prev: Stats) => {
    if (curr.mtimeMs !== prev.mtimeMs || curr.size !== prev.size || curr.ino !== prev.ino) this.schedule('file changed');
  };
  private readonly onSighup = () => this.schedule('SIGHUP');

  constructor(
    private readonly file: string,
    private readonly root: AccessKey,
    private readonly keys: KeyRing,
    private readonly log: Logger,
  ) {}

  /** Starts watching. The caller has loaded the file once already (a broken file then stops the start). */
  watch(): void {
    watchFile(this.file, { interval: POLL_MS, persistent: false }, this.onChange);
    process.on('SIGHUP', this.onSighup);
  }

  close(): void {
    clearTimeout(this.timer);
    unwatchFile(this.file, this.onChange);
    process.off('SIGHUP', this.onSighup);
  }

  /** Reads the file now; true when the new set is in use. */
  reload(why: string): boolean {
    try {
      const next = loadIdentities(this.file, this.root);
      this.keys.replace(next.keys, next.roles);
      this.log.info({ file: this.file, why, accessKeys: next.keys.length, roles: next.roles.length }, 'identities reloaded');
      return true;
    } catch (err) {
      const reason = err instanceof DocumentError ? err.message : String(err);
      this.log.error({ file: this.file, why, reason }, 'identities file not reloaded, keeping the last good one');
      return false;
    }
  }

  private schedule(why: string): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.reload(why), DEBOUNCE_MS).unref();
  }
}
