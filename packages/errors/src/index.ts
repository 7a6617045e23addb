export { errorCodes, type ErrorCode } from './codes';
export {
  LeadscoreError,
  isLeadscoreError,
  isRetriable,
  type ErrorContext,
  type LeadscoreErrorOptions,
} from './leadscore-error';
export { retryWithBackoff, type RetryOptions } from './retry';
