import type { Logger } from '../../src/domain/logger.ts';

/** A logger that keeps every line, for the tests that check what an operator is told. */
export function recordingLogger() {
  const lines: { level: string; message: string; context: object }[] = [];
  const at =
    (level: string) =>
    (context: object, message: string): void => {
      lines.push({ level, message, context });
    };
  const logger: Logger = { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
  return { logger, lines };
}
