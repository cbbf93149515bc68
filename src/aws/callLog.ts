import type { MiddlewareStack } from '@smithy/types';
import { errorName, markFailedAction } from './errors';
import { keysForLog } from './printable';
import type { Logger } from './types';

/**
 * Logs every AWS call once, after its retries: operation, resource, tag keys, outcome, duration.
 * Only these fields are read from the input, so tag values, secret values and credentials can never reach the log.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function addCallLogging(stack: MiddlewareStack<any, any>, service: string, logger: Logger): void {
  stack.add(
    (next, context) => async (args) => {
      const input = args.input as { SecretId?: string; KeyId?: string; TagKeys?: string[]; Tags?: unknown[] };
      const started = Date.now();
      const action = `${service}:${context.commandName?.replace(/Command$/, '')}`;
      const parts = [action];
      const resource = input.SecretId ?? input.KeyId;
      if (resource) parts.push(resource);
      if (input.TagKeys) parts.push(`keys=${keysForLog(input.TagKeys)}`);
      if (Array.isArray(input.Tags)) parts.push(`keys=${keysForLog(input.Tags.map(tagKeyOf))}`);
      try {
        const result = await next(args);
        logger.info(`${parts.join(' ')} -> ok (${Date.now() - started} ms)`);
        return result;
      } catch (error) {
        logger.warn(`${parts.join(' ')} -> ${errorName(error)} (${Date.now() - started} ms)`);
        throw markFailedAction(error, action);
      }
    },
    { step: 'initialize', name: 'awsTagsCallLog', override: true },
  );
}

function tagKeyOf(tag: unknown): string {
  const record = tag as { Key?: string; TagKey?: string };
  return record.Key ?? record.TagKey ?? '';
}
