import pino from 'pino';
import type { Logger } from '../domain/deps';

export function createLogger(level: string): Logger {
  return pino({ level, base: undefined });
}
