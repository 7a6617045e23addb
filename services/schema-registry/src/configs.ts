import type { CompatibilityLevel } from './config';
import { subjectConfigNotFound } from './errors';
import type { RegistryView, WriteQueue } from './registry';
import { parseConfigRequest } from './requests';
import type { SchemaStore } from './store';

/**
 * GET, PUT and DELETE /config and /config/{subject}. Confluent's quirk is
 * kept: reads answer `compatibilityLevel`, writes take and answer
 * `compatibility`.
 */
export function createConfigs(
  store: SchemaStore,
  view: RegistryView,
  exclusive: WriteQueue,
) {
  const { state } = view;

  const write = (subject: string | null, level: CompatibilityLevel | null) =>
    store.write([{ kind: 'config', subject, compatibility: level }]);

  return {
    global: () => ({ compatibilityLevel: view.levelOf(null) }),

    setGlobal(body: unknown): Promise<{ compatibility: CompatibilityLevel }> {
      const level = parseConfigRequest(body);
      return exclusive(async () => {
        await write(null, level);
        return { compatibility: level };
      });
    },

    /** Back to the configured default; answers the level it replaced. */
    deleteGlobal(): Promise<{ compatibilityLevel: CompatibilityLevel }> {
      return exclusive(async () => {
        const previous = view.levelOf(null);
        if (state.compatibilityOf(null)) await write(null, null);
        return { compatibilityLevel: previous };
      });
    },

    /** A subject's own level; with `defaultToGlobal`, the level that
     * applies to it. */
    subject(subject: string, defaultToGlobal: boolean) {
      const own = state.compatibilityOf(subject);
      if (own) return { compatibilityLevel: own };
      if (defaultToGlobal) return { compatibilityLevel: view.levelOf(null) };
      throw subjectConfigNotFound(subject);
    },

    /** A subject need not exist yet: its level may be set before its first
     * version is registered. */
    setSubject(
      subject: string,
      body: unknown,
    ): Promise<{ compatibility: CompatibilityLevel }> {
      const level = parseConfigRequest(body);
      return exclusive(async () => {
        await write(subject, level);
        return { compatibility: level };
      });
    },

    deleteSubject(
      subject: string,
    ): Promise<{ compatibilityLevel: CompatibilityLevel }> {
      return exclusive(async () => {
        const own = state.compatibilityOf(subject);
        if (!own) throw subjectConfigNotFound(subject);
        await write(subject, null);
        return { compatibilityLevel: own };
      });
    },
  };
}
