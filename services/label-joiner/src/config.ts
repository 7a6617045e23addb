import { defineSchema } from '@leadscore/config';

/** The label-joiner's own settings, beside the common ones every service reads.
 * None yet: its issue adds them, and compose.yaml's test checks that the
 * deployment sets only keys a schema accepts. */
export const labelJoinerSchema = defineSchema({});
