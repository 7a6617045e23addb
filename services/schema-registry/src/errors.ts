import { LeadscoreError, type ErrorCode } from '@leadscore/errors';
import { compatibilityLevels } from './config';

/**
 * Failures the registry answers with Confluent's error body
 * `{error_code, message}`. The Confluent code travels in the error's
 * context; the HTTP status is its first three digits (40401 -> 404), or
 * the code itself when it has three (409). Messages follow Confluent's
 * wording, since some clients show them as they are.
 */
function registryError(
  code: ErrorCode,
  errorCode: number,
  message: string,
  context: Record<string, unknown> = {},
  retriable = false,
): LeadscoreError {
  return new LeadscoreError(code, message, {
    retriable,
    context: { ...context, errorCode },
  });
}

export function confluentCodeOf(error: LeadscoreError): number | undefined {
  const code = error.context['errorCode'];
  return typeof code === 'number' ? code : undefined;
}

export function httpStatusOf(errorCode: number): number {
  return errorCode >= 10_000 ? Math.floor(errorCode / 100) : errorCode;
}

const notFound = 'schema_registry_not_found';

export const subjectNotFound = (subject: string) =>
  registryError(notFound, 40401, `Subject '${subject}' not found.`, {
    subject,
  });

export const versionNotFound = (subject: string, version: number | string) =>
  registryError(notFound, 40402, `Version ${version} not found.`, {
    subject,
    version,
  });

export const schemaNotFound = (id?: number) =>
  registryError(
    notFound,
    40403,
    id === undefined ? 'Schema not found' : `Schema ${id} not found`,
    { id },
  );

export const subjectSoftDeleted = (subject: string) =>
  registryError(
    notFound,
    40404,
    `Subject '${subject}' was soft deleted.Set permanent=true to delete permanently`,
    { subject },
  );

export const subjectNotSoftDeleted = (subject: string) =>
  registryError(
    notFound,
    40405,
    `Subject '${subject}' was not deleted first before being permanently deleted`,
    { subject },
  );

export const versionSoftDeleted = (subject: string, version: number) =>
  registryError(
    notFound,
    40406,
    `Subject '${subject}' Version ${version} was soft deleted.Set permanent=true to delete permanently`,
    { subject, version },
  );

export const versionNotSoftDeleted = (subject: string, version: number) =>
  registryError(
    notFound,
    40407,
    `Subject '${subject}' Version ${version} was not deleted first before being permanently deleted`,
    { subject, version },
  );

export const subjectConfigNotFound = (subject: string) =>
  registryError(
    notFound,
    40408,
    `Subject '${subject}' does not have subject-level compatibility configured`,
    { subject },
  );

export const incompatibleSchema = (subject: string, reasons: string[]) =>
  registryError(
    'schema_incompatible',
    409,
    `Schema being registered is incompatible with an earlier schema for subject "${subject}", details: [${reasons.join('; ')}]`,
    { subject },
  );

export const invalidSchema = (reason: string) =>
  registryError('schema_invalid', 42201, `Invalid schema: ${reason}`);

export const invalidVersion = (version: string) =>
  registryError(
    'schema_registry_bad_request',
    42202,
    `The specified version '${version}' is not a valid version id. Allowed values are between [1, 2^31-1] and the string "latest"`,
  );

export const invalidCompatibilityLevel = (level: unknown) =>
  registryError(
    'schema_registry_bad_request',
    42203,
    `Invalid compatibility level ${JSON.stringify(level)}. Valid values are ${compatibilityLevels.join(', ')}`,
  );

export const badRequest = (message: string) =>
  registryError('schema_registry_bad_request', 400, message);

export const storeTimeout = (timeoutMs: number) =>
  registryError(
    'schema_registry_store_failed',
    50002,
    `Write to the schema topic was not read back within ${timeoutMs} ms`,
    { timeoutMs },
    true,
  );
